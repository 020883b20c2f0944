/* cmd-import.c — `fokus import KIND FILE`: an export from the ERP/CRM or
 * Excel into the workspace, all-or-nothing, with every rejected row named. */
#include "cmd.h"
#include "app/importer.h"
#include "store/audit.h"
#include "util/days.h"
#include "util/progress.h"
#include "util/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern const struct command cmd_import;

/* What was detected, one item per line, indented under the counts. */
static void print_describe(const char *d, enum lang lang)
{
	if (!d || !*d)
		return;
	printf("  %s\n", TR(lang, "detected:", "upptäckt:"));
	while (*d) {
		const char *nl = strchr(d, '\n');
		int n = nl ? (int)(nl - d) : (int)strlen(d);
		if (n)
			printf("    %.*s\n", n, d);
		d += n + (nl ? 1 : 0);
	}
}

static void print_summary(const struct importer_result *res, enum rec_kind kind, const char *path,
                          enum lang lang)
{
	char a[64], b[64], d1[11], d2[11];
	const struct import_counts *c = &res->counts;
	printf("%s %s ← %s\n", TR(lang, "Imported", "Importerade"), rec_kind_name(kind), path);
	printf("  %-22s %s\n", TR(lang, "batch", "batch"),
	       fmt_int(a, sizeof(a), c->batch_id, lang));
	printf("  %-22s %s\n", TR(lang, "rows read", "rader lästa"),
	       fmt_int(a, sizeof(a), res->rows_read, lang));
	printf("  %-22s %s\n", TR(lang, "rows stored", "rader sparade"),
	       fmt_int(a, sizeof(a), c->rows_stored, lang));
	printf("  %-22s %s\n", TR(lang, "rows rejected", "rader avvisade"),
	       fmt_int(a, sizeof(a), res->rows_rejected, lang));
	if (res->rows_totals) {
		printf("  %-22s %s (", TR(lang, "totals rows left out", "summarader utelämnade"),
		       fmt_int(a, sizeof(a), res->rows_totals, lang));
		for (int i = 0; i < res->ntotals; i++)
			printf("%s%s %ld: %s", i ? "; " : "", TR(lang, "line", "rad"),
			       res->totals[i].line, res->totals[i].text);
		printf("%s)\n", res->rows_totals > res->ntotals ? "; …" : "");
	}
	if (kind == REC_ORDERS || kind == REC_ACTIVITIES)
		printf("  %-22s %s\n", TR(lang, "customers created", "kunder skapade"),
		       fmt_int(a, sizeof(a), c->customers_created, lang));
	if (kind == REC_CUSTOMERS || kind == REC_SELLERS) {
		printf("  %-22s %s\n", TR(lang, "updated (known IDs)", "uppdaterade (kända id)"),
		       fmt_int(a, sizeof(a), c->updated, lang));
		printf("  %-22s %s\n",
		       TR(lang, "located by postal code", "placerade via postnummer"),
		       fmt_int(a, sizeof(a), c->located, lang));
	}
	if (kind == REC_ORDERS)
		printf("  %-22s %s\n", TR(lang, "amount total", "summa belopp"),
		       fmt_money(b, sizeof(b), c->amount_total, lang));
	if (c->date_min != DAYS_NONE)
		printf("  %-22s %s … %s\n", TR(lang, "dates", "datum"), days_iso(c->date_min, d1),
		       days_iso(c->date_max, d2));
	if (c->replaced_rows)
		printf("  %-22s %s\n", TR(lang, "replaced rows", "ersatta rader"),
		       fmt_int(a, sizeof(a), c->replaced_rows, lang));
	if (res->rejected_path)
		printf("  %-22s %s%s\n", TR(lang, "rejected rows in", "avvisade rader i"),
		       res->rejected_path,
		       res->rejected_moved ? TR(lang, " (the file's folder cannot be written)",
		                                " (filens mapp går inte att skriva i)")
		                           : "");
	print_describe(res->describe, lang);
}

/* The rejected rows kept (errors[] ends with one line per unknown value),
 * then a count of the others. */
static void print_errors(const struct importer_result *res)
{
	char buf[1024];
	long long shown = res->unknown_more;
	for (int i = 0; i < res->nerrors; i++)
		fprintf(stderr, "%s\n", ferr_str(&res->errors[i], buf, sizeof(buf)));
	for (int i = 0; i < res->nunknown; i++)
		shown += res->unknown[i].rows;
	if (res->unknown_more)
		fprintf(stderr, "… and %lld rows with further values that are not known\n",
		        res->unknown_more);
	shown += res->nerrors - res->nerrors_unknown;
	if (res->rows_rejected > shown)
		fprintf(stderr, "… and %lld more rejected rows\n", res->rows_rejected - shown);
}

/* Says how an import went: its errors, the summary (or JSON), the audit
 * line. r is importer_run's answer. Returns the exit status. */
static int report(struct cmd_ctx *ctx, enum rec_kind kind, const char *path,
                  const struct importer_opts *io, int json, int r, struct importer_result *res)
{
	char buf[1024];
	if (r < 0) {
		fprintf(stderr, "fokus import: %s\n", ferr_str(&res->fatal, buf, sizeof(buf)));
		if (res->nerrors)
			print_errors(res);
		return EXIT_DATA;
	}
	print_errors(res);
	if (r == 1)
		fprintf(stderr,
		        "fokus import: %lld of %lld rows rejected; nothing was stored "
		        "(fix the file, or use --skip-bad to store the good rows)\n",
		        res->rows_rejected, res->rows_read);
	if (json) {
		char *s = importer_result_json(res, kind, path);
		printf("%s\n", s);
		free(s);
	} else if (r == 0 && !io->dry_run) {
		print_summary(res, kind, path, ctx->lang);
	} else if (r == 0) {
		printf("%s: %lld %s, %s\n", path, res->rows_read,
		       TR(ctx->lang, "rows read", "rader lästa"),
		       TR(ctx->lang, "no errors (dry run: nothing stored)",
		          "inga fel (provkörning: inget sparat)"));
	}
	if (r == 0 && !io->dry_run)
		cmd_audit_note(ctx, "import", AUDIT_IMPORT_FMT, rec_kind_name(kind), path,
		               res->counts.rows_stored, (long long)res->counts.batch_id);
	return r == 0 ? EXIT_OK : EXIT_DATA;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"sheet", required_argument, NULL, 's'},
	    {"date-format", required_argument, NULL, 'd'},
	    {"map", required_argument, NULL, 'm'},
	    {"skip-bad", no_argument, NULL, 'k'},
	    {"replace", no_argument, NULL, 'r'},
	    {"json", no_argument, NULL, 'j'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"lang", required_argument, NULL, 'l'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"rejected", required_argument, NULL, 'R'},
	    {"map-value", required_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct importer_opts io = {0};
	const char **maps = xcalloc((size_t)argc + 1, sizeof(char *));
	struct importer_valmap *vmaps = xcalloc((size_t)argc + 1, sizeof(*vmaps));
	char *why = NULL;
	int nmaps = 0, json = 0, quiet = 0, c, rc = EXIT_USAGE;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			io.rec.sheet = optarg;
			break;
		case 'd':
			io.rec.date_format = optarg;
			break;
		case 'm':
			if (!strchr(optarg, '=')) {
				cmd_error(&cmd_import,
				          "--map takes field=Header, e.g. --map amount=Netto");
				goto out;
			}
			maps[nmaps++] = optarg;
			break;
		case 'k':
			io.skip_bad = 1;
			break;
		case 'R':
			io.rejected = optarg;
			break;
		case 'V':
			if (importer_valmap_parse(optarg, &vmaps[io.nmap_values], &why) != 0) {
				cmd_error(&cmd_import, "%s", why);
				goto out;
			}
			io.nmap_values++;
			break;
		case 'r':
			io.replace = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'n':
			io.dry_run = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'l':
			if (lang_parse(optarg, &ctx->lang) != 0) {
				cmd_error(&cmd_import, "--lang takes sv or en");
				goto out;
			}
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	if (io.rejected && !io.skip_bad) {
		cmd_error(&cmd_import, "--rejected names the file of --skip-bad's rejected rows: "
		                       "give --skip-bad too");
		goto out;
	}
	enum rec_kind kind;
	if (rec_kind_parse(argv[optind], &kind) != 0) {
		cmd_error(&cmd_import,
		          "what to import: customers, orders, activities or sellers (not '%s')",
		          argv[optind]);
		goto usage;
	}
	const char *path = argv[optind + 1];
	io.rec.map = nmaps ? maps : NULL;
	io.map_values = vmaps;
	struct sqlite3 *db = cmd_db(ctx);
	if (!db) {
		rc = EXIT_DATA;
		goto out;
	}
	struct progress pg;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *label = xasprintf("%s %s", TR(ctx->lang, "importing", "importerar"), base);
	progress_start(&pg, label, PROGRESS_BYTES, NULL, quiet || json, ctx->lang);
	free(label);
	if (pg.out) {
		io.progress = progress_cb;
		io.progress_arg = &pg;
	}
	struct importer_result res;
	int r = importer_run(db, kind, path, &io, &res);
	progress_end(&pg);
	rc = report(ctx, kind, path, &io, json, r, &res);
	importer_result_free(&res);
	goto out;
usage:
	rc = cmd_usage(&cmd_import);
out:
	free(maps);
	free(vmaps);
	free(why);
	return rc;
}

const struct command cmd_import = {
    .name = "import",
    .usage = "import customers|orders|activities|sellers FILE [--sheet NAME] [--date-format FMT] "
             "[--map field=Header]... [--map-value field=\"Value\"=code]... [--skip-bad "
             "[--rejected PATH]] "
             "[--replace] [--dry-run] [--json]",
    .summary = "import an export (csv or xlsx) into the workspace",
    .help =
        "Reads a csv (',' ';' or tab; UTF-8 or Windows-1252) or an xlsx/xlsm workbook and\n"
        "stores it in the workspace — all of it, or nothing. Columns are found by their\n"
        "header in English or Swedish (see docs/import.md).\n\n"
        "  customers   upserted by customer_id: a newer export updates them; an empty\n"
        "              cell keeps the old value. Customers with a Swedish postal code and\n"
        "              no coordinates are placed from the built-in postal-code table.\n"
        "  sellers     upserted by seller_id.\n"
        "  orders      appended as a batch; customers not yet known are created (ID only).\n"
        "  activities  appended as a batch, likewise.\n\n"
        "Options:\n"
        "  --sheet NAME        xlsx: the sheet to read (default: the first)\n"
        "  --date-format FMT   when the date column cannot tell day from month, e.g. %m/%d/%Y\n"
        "  --map field=Header  take field from the column Header (repeatable),\n"
        "                      e.g. --map amount=\"Netto exkl moms\"\n"
        "  --map-value field=\"Value\"=code\n"
        "                      what your CRM's word means, kept in the workspace for\n"
        "                      every later import (repeatable): type (activities:\n"
        "                      visit, phone, email, meeting, meeting_booked, newsletter,\n"
        "                      other) or role (sellers: farmer, hunter, service), e.g.\n"
        "                      --map-value type=\"Fysiskt möte\"=visit; code empty: forget it\n"
        "  --skip-bad          store the good rows; write the rejected ones with their\n"
        "                      reasons to FILE.rejected.csv (beside FILE; in the current\n"
        "                      folder when FILE's folder cannot be written)\n"
        "  --rejected PATH     with --skip-bad: write the rejected rows to PATH instead\n"
        "  --replace           orders/activities: replace every earlier row of that kind\n"
        "  --dry-run           check the file, store nothing\n"
        "  --json              print the summary as JSON (rows_read, rows_stored,\n"
        "                      rows_rejected, customers_created, amount_total, date_min,\n"
        "                      date_max, ...)\n"
        "  --lang sv|en        language of the summary\n"
        "  --quiet             no progress line (it shows only on a terminal anyway)\n\n"
        "A rejected row is reported as FILE:LINE: column \"Amount\": \"12,3,4\" is not a number\n"
        "(the first 20, then a count); a csv row with more fields than the header as\n"
        "FILE:LINE: 5 fields, the header has 3. An activity type or role that is not known\n"
        "is reported once per value, with its rows and a suggested --map-value. With one\n"
        "bad row nothing is stored and the exit status is 1. Totals rows (\"Summa\",\n"
        "\"Totalt\" ... without an ID, or the sum of the rows above) are left out and shown\n"
        "in the summary. A workbook whose first sheet has no such table is searched for\n"
        "the sheet that has one. A file whose content was imported before is refused\n"
        "(orders, activities).\n",
    .order = 10,
    .run = run,
};
