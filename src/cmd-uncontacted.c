/* cmd-uncontacted.c — `fokus uncontacted`: the customers with no contact
 * of any kind in the period (the coverage gaps of `fokus analyze`), with
 * filters by category and owner. */
#include "cmd-analyze.h"
#include "render/analysis-csv.h"
#include "render/analysis-json.h"
#include "render/table.h"
#include "util/days.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_uncontacted;

enum format { FMT_TEXT, FMT_CSV, FMT_JSON };
/* The --format names, in the order of the enum above. */
static const char *const formats[] = {"text", "csv", "json", NULL};

static void print_text(FILE *f, const struct analysis *a, const int32_t *idx, size_t n,
                       enum lang lang)
{
	char from[11], to[11], num[32];
	fprintf(f,
	        TR(lang, "%s customers without any contact %s – %s\n",
	           "%s kunder utan någon kontakt %s – %s\n"),
	        fmt_int(num, sizeof(num), (int64_t)n, lang), days_iso(a->p.from, from),
	        days_iso(a->p.to, to));
	if (n == 0)
		return;
	fputc('\n', f);
	struct table *t = table_new(7, "llllrrl");
	const char *head[7] = {TR(lang, "Customer", "Kund"),
	                       TR(lang, "Name", "Namn"),
	                       TR(lang, "Category", "Kategori"),
	                       TR(lang, "Owner", "Ansvarig"),
	                       TR(lang, "Revenue", "Omsättning"),
	                       TR(lang, "Potential", "Potential"),
	                       TR(lang, "Last contact", "Senaste kontakt")};
	table_row(t, head);
	for (size_t i = 0; i < n; i++) {
		const struct customer *c = &a->ds->customers[idx[i]];
		char rev[48], pot[48], last[11];
		int64_t p = a->potential[idx[i]];
		const char *cells[7] = {
		    c->id,
		    c->name ? c->name : "",
		    a->custcat[idx[i]] >= 0 ? category_code((enum category)a->custcat[idx[i]])
		                            : "–",
		    c->seller_id ? c->seller_id : "–",
		    fmt_money(rev, sizeof(rev), a->revenue[idx[i]], lang),
		    p >= 0 ? fmt_money(pot, sizeof(pot), p, lang) : "?",
		    a->last_contact[idx[i]] != DAYS_NONE ? days_iso(a->last_contact[idx[i]], last)
		                                         : TR(lang, "never", "aldrig")};
		table_row(t, cells);
	}
	table_print(t, f, 1);
	table_free(t);
}

static int render(const struct analysis *a, const int32_t *idx, size_t n, enum format fmt,
                  const char *out, enum lang lang)
{
	FILE *f = cmd_open_out(&cmd_uncontacted, out);
	if (!f)
		return EXIT_DATA;
	if (fmt == FMT_TEXT) {
		print_text(f, a, idx, n, lang);
	} else {
		json_t *root = analysis_json_uncontacted(a, idx, n);
		if (fmt == FMT_JSON) {
			json_dumpf(root, f, ANALYSIS_JSON_FLAGS | JSON_PRESERVE_ORDER);
			fputc('\n', f);
		} else {
			static const char *const cols[] = {"customer_id",  "name",    "category",
			                                   "seller_id",    "revenue", "potential",
			                                   "last_contact", NULL};
			analysis_csv_table(f, json_object_get(root, "customers"), cols);
		}
		json_decref(root);
	}
	return cmd_close_out(&cmd_uncontacted, f, out) == 0 ? EXIT_OK : EXIT_DATA;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"category", required_argument, NULL, 'c'},
	                                     {"seller", required_argument, NULL, 'S'},
	                                     {"from", required_argument, NULL, 'f'},
	                                     {"to", required_argument, NULL, 't'},
	                                     {"snapshot", required_argument, NULL, 's'},
	                                     {"format", required_argument, NULL, 'F'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"out", required_argument, NULL, 'o'},
	                                     {NULL, 0, NULL, 0}};
	struct analysis_params p;
	analysis_params_default(&p);
	enum format fmt = FMT_TEXT;
	const char *out = NULL, *seller = NULL;
	int64_t snapshot = 0;
	int cat = -1, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		enum category k;
		switch (c) {
		case 'c':
			if (category_parse(optarg, &k) != 0) {
				cmd_error(&cmd_uncontacted,
				          "--category is 1, 2R, 2P or 3, not '%s'", optarg);
				return EXIT_USAGE;
			}
			cat = k;
			break;
		case 'S':
			seller = optarg;
			break;
		case 'f':
			if (cmd_analyze_date(&cmd_uncontacted, "--from", optarg, &p.from) != 0)
				return EXIT_USAGE;
			break;
		case 't':
			if (cmd_analyze_date(&cmd_uncontacted, "--to", optarg, &p.to) != 0)
				return EXIT_USAGE;
			break;
		case 's':
			if (cmd_opt_snapshot(&cmd_uncontacted, optarg, &snapshot) != 0)
				return EXIT_USAGE;
			break;
		case 'F':
			if ((c = cmd_format(&cmd_uncontacted, optarg, formats)) < 0)
				return EXIT_USAGE;
			fmt = (enum format)c;
			break;
		case 'l':
			if (cmd_lang(&cmd_uncontacted, optarg, &ctx->lang) != 0)
				return EXIT_USAGE;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cmd_usage(&cmd_uncontacted);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_uncontacted);
	if (p.from != DAYS_NONE && p.to != DAYS_NONE && p.from > p.to) {
		cmd_error(&cmd_uncontacted, "--from is after --to");
		return EXIT_USAGE;
	}
	struct cmd_analyze_input in;
	int rc = cmd_analyze_load(ctx, &cmd_uncontacted, snapshot, &in);
	if (rc != EXIT_OK)
		return rc;
	if (seller && dataset_seller_index(&in.si.ds, seller) < 0)
		fprintf(stderr, "fokus uncontacted: note: seller '%s' is not in the sellers file\n",
		        seller);
	struct analysis a;
	rc = cmd_analyze_compute(&cmd_uncontacted, &in, &p, &a);
	if (rc == EXIT_OK) {
		size_t n = 0;
		int32_t *idx = analysis_uncontacted(&a, cat, seller, &n);
		rc = render(&a, idx, n, fmt, out, ctx->lang);
		free(idx);
		analysis_free(&a);
	}
	cmd_analyze_input_free(&in);
	return rc;
}

const struct command cmd_uncontacted = {
    .name = "uncontacted",
    .usage = "uncontacted [--category C] [--seller ID] [--from DATE] [--to DATE] [--format "
             "text|csv|json]",
    .summary = "the customers with no contact of any kind in the period",
    .help =
        "Lists the customers without any activity (visit, call, meeting, e-mail, newsletter,\n"
        "booking...) by a known seller in the period: the coverage gaps of 'fokus analyze'. "
        "Ordered\n"
        "by category (1, 2R, 2P, 3, not categorized), then revenue, largest first. Revenue and\n"
        "potential are the snapshot's; last contact is the latest contact before the period.\n"
        "\n"
        "Options:\n"
        "  --category C             only category 1, 2R, 2P or 3\n"
        "  --seller ID              only customers whose owner (seller_id) is ID\n"
        "  --from DATE, --to DATE   the period (default: the 12 months ending at the latest "
        "activity)\n"
        "  --snapshot ID            the categorization to use (default the latest)\n"
        "  --format F               text (default), csv or json\n"
        "  --out FILE               write there instead of stdout\n"
        "  --lang sv|en             language of the text output\n"
        "\n"
        "csv/json columns: customer_id, name, category, seller_id, revenue, potential, "
        "last_contact.\n"
        "\n"
        "Examples:\n"
        "  fokus uncontacted --category 1\n"
        "  fokus uncontacted --seller S03 --format csv --out ring-nu.csv\n",
    .order = 31,
    .run = run,
};
