/* cmd-compare.c — `fokus compare`: two periods side by side (visit
 * distribution, order value, contact time, booking frequency, customers
 * contacted) with the change, for the before/after check of a new way of
 * working. Both periods use the same snapshot's categories. */
#include "cmd-analyze.h"
#include "render/analysis-csv.h"
#include "render/analysis-json.h"
#include "render/analysis-text.h"
#include "render/analysis-xlsx.h"
#include "util/days.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_compare;

enum format { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_XLSX };
/* The --format names, in the order of the enum above. */
static const char *const formats[] = {"text", "csv", "json", "xlsx", NULL};

static int render(const struct analysis *b, const struct analysis *af, enum format fmt,
                  const char *out, enum lang lang)
{
	size_t n = 0;
	struct an_compare_row *rows = analysis_compare(b, af, &n);
	int rc = EXIT_OK;
	if (fmt == FMT_XLSX) {
		if (!out || !strcmp(out, "-")) {
			cmd_error(&cmd_compare, "--format xlsx needs --out FILE");
			free(rows);
			return EXIT_USAGE;
		}
		json_t *root = analysis_json_compare(b, af, rows, n, lang);
		char *cause = NULL;
		if (analysis_xlsx_compare(out, root, lang, &cause) != 0) {
			cmd_error(&cmd_compare, "%s", cause);
			free(cause);
			rc = EXIT_DATA;
		}
		json_decref(root);
		free(rows);
		return rc;
	}
	FILE *f = cmd_open_out(&cmd_compare, out);
	if (!f) {
		free(rows);
		return EXIT_DATA;
	}
	if (fmt == FMT_TEXT) {
		analysis_text_compare(f, b, af, rows, n, lang);
	} else {
		json_t *root = analysis_json_compare(b, af, rows, n, lang);
		if (fmt == FMT_JSON) {
			json_dumpf(root, f, ANALYSIS_JSON_FLAGS | JSON_PRESERVE_ORDER);
			fputc('\n', f);
		} else {
			static const char *const cols[] = {"metric", "category", "before",
			                                   "after",  "change",   "change_pct",
			                                   "label",  NULL};
			analysis_csv_table(f, json_object_get(root, "rows"), cols);
		}
		json_decref(root);
	}
	free(rows);
	return cmd_close_out(&cmd_compare, f, out) == 0 ? rc : EXIT_DATA;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"before", required_argument, NULL, 'b'},
	                                     {"after", required_argument, NULL, 'a'},
	                                     {"snapshot", required_argument, NULL, 's'},
	                                     {"format", required_argument, NULL, 'F'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"out", required_argument, NULL, 'o'},
	                                     {"attribution-days", required_argument, NULL, 'd'},
	                                     {NULL, 0, NULL, 0}};
	struct analysis_params pb, pa;
	analysis_params_default(&pb);
	analysis_params_default(&pa);
	enum format fmt = FMT_TEXT;
	const char *out = NULL;
	int64_t snapshot = 0;
	int c;
	bool have_b = false, have_a = false;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (cmd_analyze_range(&cmd_compare, "--before", optarg, &pb.from, &pb.to) !=
			    0)
				return EXIT_USAGE;
			have_b = true;
			break;
		case 'a':
			if (cmd_analyze_range(&cmd_compare, "--after", optarg, &pa.from, &pa.to) !=
			    0)
				return EXIT_USAGE;
			have_a = true;
			break;
		case 's':
			if (cmd_opt_snapshot(&cmd_compare, optarg, &snapshot) != 0)
				return EXIT_USAGE;
			break;
		case 'd':
			if (cmd_opt_int(&cmd_compare, "--attribution-days", optarg, 0, 3660,
			                &pb.attribution_days) != 0)
				return EXIT_USAGE;
			pa.attribution_days = pb.attribution_days;
			break;
		case 'F':
			if ((c = cmd_format(&cmd_compare, optarg, formats)) < 0)
				return EXIT_USAGE;
			fmt = (enum format)c;
			break;
		case 'l':
			if (cmd_lang(&cmd_compare, optarg, &ctx->lang) != 0)
				return EXIT_USAGE;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cmd_usage(&cmd_compare);
		}
	}
	if (optind != argc || !have_b || !have_a)
		return cmd_usage(&cmd_compare);
	struct cmd_analyze_input in;
	int rc = cmd_analyze_load(ctx, &cmd_compare, snapshot, &in);
	if (rc != EXIT_OK)
		return rc;
	struct analysis b, af;
	rc = cmd_analyze_compute(&cmd_compare, &in, &pb, &b);
	if (rc == EXIT_OK) {
		rc = cmd_analyze_compute(&cmd_compare, &in, &pa, &af);
		if (rc == EXIT_OK) {
			rc = render(&b, &af, fmt, out, ctx->lang);
			analysis_free(&af);
		}
		analysis_free(&b);
	}
	cmd_analyze_input_free(&in);
	return rc;
}

const struct command cmd_compare = {
    .name = "compare",
    .usage =
        "compare --before FROM..TO --after FROM..TO [--snapshot ID] [--format text|csv|json|xlsx] "
        "[--lang sv|en]",
    .summary = "before and after: how a change in the way the team works shows in the numbers",
    .help =
        "Two periods side by side, with the change: visits and their distribution per category,\n"
        "average order value (all and per category), order value per visit and per visit hour,\n"
        "customer-contact share of working time, meetings booked per week, customers contacted.\n"
        "Both periods use the categories of the same snapshot, so a change is the team's, not the\n"
        "categories'. Each figure is computed exactly as 'fokus analyze' computes it for that "
        "period.\n"
        "\n"
        "Options:\n"
        "  --before FROM..TO        the first period, e.g. 2025-01-01..2025-06-30 (days included)\n"
        "  --after FROM..TO         the second period\n"
        "  --snapshot ID            the categorization to use (default the latest)\n"
        "  --attribution-days N     the order window after a visit (default 30)\n"
        "  --format F               text (default), csv, json or xlsx (xlsx needs --out)\n"
        "  --out FILE               write there instead of stdout\n"
        "  --lang sv|en             language and number format of the text\n"
        "\n"
        "json: {before: {from, to, days, weeks}, after: {...}, rows: [{metric, label, category,\n"
        "before, after, change, change_pct}]}; money in currency units, shares as fractions.\n"
        "\n"
        "Example:\n"
        "  fokus compare --before 2025-01-01..2025-06-30 --after 2025-07-01..2025-12-31 --lang "
        "sv\n",
    .order = 32,
    .run = run,
};
