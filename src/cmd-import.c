/* cmd-import.c — `fokus import KIND FILE`: an export from the ERP/CRM or
 * Excel into the workspace, all-or-nothing, with every rejected row named. */
#include "cmd.h"
#include "importer.h"
#include "store/audit.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern const struct command cmd_import;

struct progress {
	double last;
	int shown;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(void *arg, long long done, long long total)
{
	struct progress *p = arg;
	double t = now_s();
	if (t - p->last < 0.2 && done < total)
		return;
	p->last = t;
	p->shown = 1;
	fprintf(stderr, "\rimporting… %3d %%", total > 0 ? (int)(done * 100 / total) : 0);
	fflush(stderr);
}

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

static void print_summary(const struct importer_result *res, enum rec_kind kind,
			  const char *path, enum lang lang)
{
	char a[64], b[64], d1[11], d2[11];
	const struct import_counts *c = &res->counts;
	printf("%s %s ← %s\n", TR(lang, "Imported", "Importerade"), rec_kind_name(kind), path);
	printf("  %-22s %s\n", TR(lang, "batch", "batch"), fmt_int(a, sizeof(a), c->batch_id, lang));
	printf("  %-22s %s\n", TR(lang, "rows read", "rader lästa"),
	       fmt_int(a, sizeof(a), res->rows_read, lang));
	printf("  %-22s %s\n", TR(lang, "rows stored", "rader sparade"),
	       fmt_int(a, sizeof(a), c->rows_stored, lang));
	printf("  %-22s %s\n", TR(lang, "rows rejected", "rader avvisade"),
	       fmt_int(a, sizeof(a), res->rows_rejected, lang));
	if (kind == REC_ORDERS || kind == REC_ACTIVITIES)
		printf("  %-22s %s\n", TR(lang, "customers created", "kunder skapade"),
		       fmt_int(a, sizeof(a), c->customers_created, lang));
	if (kind == REC_CUSTOMERS || kind == REC_SELLERS) {
		printf("  %-22s %s\n", TR(lang, "updated (known IDs)", "uppdaterade (kända id)"),
		       fmt_int(a, sizeof(a), c->customers_updated, lang));
		printf("  %-22s %s\n", TR(lang, "located by postal code", "placerade via postnummer"),
		       fmt_int(a, sizeof(a), c->customers_located, lang));
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
		printf("  %-22s %s\n", TR(lang, "rejected rows in", "avvisade rader i"), res->rejected_path);
	print_describe(res->describe, lang);
}

static void print_errors(const struct importer_result *res)
{
	char buf[1024];
	for (int i = 0; i < res->nerrors; i++)
		fprintf(stderr, "%s\n", ferr_str(&res->errors[i], buf, sizeof(buf)));
	if (res->rows_rejected > res->nerrors)
		fprintf(stderr, "… and %lld more rejected rows\n", res->rows_rejected - res->nerrors);
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"sheet", required_argument, NULL, 's'},  {"date-format", required_argument, NULL, 'd'},
		{"map", required_argument, NULL, 'm'},    {"skip-bad", no_argument, NULL, 'k'},
		{"replace", no_argument, NULL, 'r'},      {"json", no_argument, NULL, 'j'},
		{"dry-run", no_argument, NULL, 'n'},      {"lang", required_argument, NULL, 'l'},
		{"quiet", no_argument, NULL, 'q'},        {NULL, 0, NULL, 0},
	};
	struct importer_opts io = {0};
	const char **maps = xcalloc((size_t)argc + 1, sizeof(char *));
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
				cmd_error(&cmd_import, "--map takes field=Header, e.g. --map amount=Netto");
				goto out;
			}
			maps[nmaps++] = optarg;
			break;
		case 'k':
			io.skip_bad = 1;
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
	enum rec_kind kind;
	if (rec_kind_parse(argv[optind], &kind) != 0) {
		cmd_error(&cmd_import, "what to import: customers, orders, activities or sellers (not '%s')",
			  argv[optind]);
		goto usage;
	}
	const char *path = argv[optind + 1];
	io.rec.map = nmaps ? maps : NULL;
	struct sqlite3 *db = cmd_db(ctx);
	if (!db) {
		rc = EXIT_DATA;
		goto out;
	}
	struct progress pg = {0};
	if (!quiet && !json && isatty(2)) {
		io.progress = show_progress;
		io.progress_arg = &pg;
	}
	struct importer_result res;
	int r = importer_run(db, kind, path, &io, &res);
	if (pg.shown)
		fputs("\r                    \r", stderr);
	char buf[1024];
	if (r < 0) {
		fprintf(stderr, "fokus import: %s\n", ferr_str(&res.fatal, buf, sizeof(buf)));
		if (res.nerrors)
			print_errors(&res);
		rc = EXIT_DATA;
	} else {
		print_errors(&res);
		if (r == 1)
			fprintf(stderr,
				"fokus import: %lld of %lld rows rejected; nothing was stored "
				"(fix the file, or use --skip-bad to store the good rows)\n",
				res.rows_rejected, res.rows_read);
		if (json) {
			char *s = importer_result_json(&res, kind, path);
			printf("%s\n", s);
			free(s);
		} else if (r == 0 && !io.dry_run) {
			print_summary(&res, kind, path, ctx->lang);
		} else if (r == 0) {
			printf("%s: %lld %s, %s\n", path, res.rows_read,
			       TR(ctx->lang, "rows read", "rader lästa"),
			       TR(ctx->lang, "no errors (dry run: nothing stored)",
				  "inga fel (provkörning: inget sparat)"));
		}
		rc = r == 0 ? EXIT_OK : EXIT_DATA;
		if (r == 0 && !io.dry_run)
			cmd_audit_note(ctx, "import", AUDIT_IMPORT_FMT, rec_kind_name(kind), path,
			          res.counts.rows_stored, (long long)res.counts.batch_id);
	}
	importer_result_free(&res);
	goto out;
usage:
	rc = cmd_usage(&cmd_import);
out:
	free(maps);
	return rc;
}

const struct command cmd_import = {
	.name = "import",
	.usage = "import customers|orders|activities|sellers FILE [--sheet NAME] [--date-format FMT] "
		 "[--map field=Header]... [--skip-bad] [--replace] [--dry-run] [--json]",
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
		"  --skip-bad          store the good rows; write the rejected ones with their\n"
		"                      reasons to FILE.rejected.csv\n"
		"  --replace           orders/activities: replace every earlier row of that kind\n"
		"  --dry-run           check the file, store nothing\n"
		"  --json              print the summary as JSON (rows_read, rows_stored,\n"
		"                      rows_rejected, customers_created, amount_total, date_min,\n"
		"                      date_max, ...)\n"
		"  --lang sv|en        language of the summary\n\n"
		"A rejected row is reported as FILE:LINE: column \"Amount\": \"12,3,4\" is not a number\n"
		"(the first 20, then a count). With one bad row nothing is stored and the exit status\n"
		"is 1. A file whose content was imported before is refused (orders, activities).\n",
	.order = 10,
	.run = run,
};
