/* cmd-analyze.c — `fokus analyze`: the activity diagnosis of the
 * workspace over a period, with the categories of a snapshot, as text,
 * csv, json, xlsx or html. Also the loading that `compare` and
 * `uncontacted` share (cmd-analyze.h). */
#include "cmd-analyze.h"
#include "app/analysis.h"
#include "core/category.h"
#include "render/analysis-csv.h"
#include "render/analysis-html.h"
#include "render/analysis-json.h"
#include "render/analysis-text.h"
#include "render/analysis-xlsx.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const struct command cmd_analyze;

/* ---- shared with compare and uncontacted ---------------------------------- */

int cmd_analyze_load(struct cmd_ctx *ctx, const struct command *cmd, int64_t snapshot,
                     struct cmd_analyze_input *in)
{
	memset(in, 0, sizeof(*in));
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *cause = NULL;
	struct app_snapinput si;
	int r = app_analysis_load(db, snapshot, &si, &cause);
	if (r != 0) {
		cmd_error(cmd, "%s", cause ? cause : "cannot read the workspace");
		free(cause);
		app_snapinput_free(&si);
		return r == 1 && snapshot > 0 ? EXIT_USAGE : EXIT_DATA;
	}
	in->si = si;
	return EXIT_OK;
}

void cmd_analyze_input_free(struct cmd_analyze_input *in)
{
	if (!in)
		return;
	app_snapinput_free(&in->si);
}

int cmd_analyze_date(const struct command *cmd, const char *opt, const char *s, int32_t *out)
{
	if (days_parse_iso(s, out) == 0)
		return 0;
	cmd_error(cmd, "%s wants a date as YYYY-MM-DD, not '%s'", opt, s);
	return -1;
}

int cmd_analyze_range(const struct command *cmd, const char *opt, const char *s, int32_t *from,
                      int32_t *to)
{
	const char *dots = strstr(s, "..");
	if (dots && dots - s == 10) {
		char a[11];
		memcpy(a, s, 10);
		a[10] = '\0';
		if (days_parse_iso(a, from) == 0 && days_parse_iso(dots + 2, to) == 0) {
			if (*from <= *to)
				return 0;
			cmd_error(cmd, "%s %s: the first date is after the second", opt, s);
			return -1;
		}
	}
	cmd_error(cmd, "%s wants FROM..TO as two dates, e.g. 2025-01-01..2025-06-30, not '%s'", opt,
	          s);
	return -1;
}

int cmd_analyze_compute(const struct command *cmd, const struct cmd_analyze_input *in,
                        const struct analysis_params *p, struct analysis *a)
{
	struct analysis_params q = *p;
	char *cause = NULL;
	switch (app_analysis_compute(&in->si, &q, a, &cause)) {
	case APP_ANALYSIS_OK:
		return EXIT_OK;
	case APP_ANALYSIS_NO_ACTIVITIES:
		cmd_error(cmd, "no activities in the workspace: import some with 'fokus import "
		               "activities FILE'");
		return EXIT_DATA;
	case APP_ANALYSIS_EMPTY_PERIOD: {
		char a1[11], a2[11];
		cmd_error(cmd,
		          "the period is empty: it would run from %s to %s (the latest activity, "
		          "or --to)",
		          days_iso(q.from, a1), days_iso(q.to, a2));
		return EXIT_USAGE;
	}
	case APP_ANALYSIS_BAD_PARAMS:
		break;
	}
	cmd_error(cmd, "%s", cause);
	free(cause);
	return EXIT_USAGE;
}

int cmd_analyze_report(struct cmd_ctx *ctx, const struct command *cmd, FILE *html, FILE *findings,
                       enum lang lang)
{
	struct cmd_analyze_input in;
	int rc = cmd_analyze_load(ctx, cmd, 0, &in);
	if (rc != EXIT_OK)
		return rc;
	struct analysis_params p;
	analysis_params_default(&p);
	struct analysis a;
	rc = cmd_analyze_compute(cmd, &in, &p, &a);
	if (rc == EXIT_OK) {
		if (html)
			analysis_html_section(html, &a, in.si.snapshot, lang);
		if (findings)
			analysis_text_findings(findings, &a, lang);
		analysis_free(&a);
	}
	cmd_analyze_input_free(&in);
	return rc;
}

/* ---- fokus analyze ------------------------------------------------------------- */

enum format { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_XLSX, FMT_HTML };
static const char *const formats[] = {"text", "csv", "json", "xlsx", "html", NULL};

/* Copies a temporary file to stdout (xlsx without --out, piped). */
static int copy_to_stdout(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char buf[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			rc = -1;
	fclose(f);
	return rc;
}

static int write_xlsx(const json_t *root, const char *out, enum lang lang)
{
	char tmp[] = "/tmp/fokus-analysis-XXXXXX";
	const char *path = out;
	if (!out || !strcmp(out, "-")) {
		if (isatty(STDOUT_FILENO)) {
			cmd_error(
			    &cmd_analyze,
			    "--format xlsx writes a file: give --out FILE (or redirect stdout)");
			return EXIT_USAGE;
		}
		int fd = mkstemp(tmp);
		if (fd < 0) {
			cmd_error(&cmd_analyze, "cannot create a temporary file: %s",
			          strerror(errno));
			return EXIT_DATA;
		}
		close(fd);
		path = tmp;
	}
	char *cause = NULL;
	int rc = analysis_xlsx_write(path, root, lang, &cause);
	if (rc != 0) {
		cmd_error(&cmd_analyze, "%s", cause);
		free(cause);
	} else if (path == tmp && copy_to_stdout(tmp) != 0) {
		cmd_error(&cmd_analyze, "writing the output failed");
		rc = -1;
	}
	if (path == tmp)
		unlink(tmp);
	return rc == 0 ? EXIT_OK : EXIT_DATA;
}

static int render(const struct analysis *a, int64_t snapshot, enum format fmt, const char *out,
                  enum lang lang)
{
	if (fmt == FMT_XLSX) {
		json_t *root = analysis_json(a, snapshot, lang);
		int rc = write_xlsx(root, out, lang);
		json_decref(root);
		return rc;
	}
	FILE *f = cmd_open_out(&cmd_analyze, out);
	if (!f)
		return EXIT_DATA;
	if (fmt == FMT_TEXT) {
		analysis_text_print(f, a, snapshot, lang);
	} else if (fmt == FMT_HTML) {
		analysis_html_page(f, a, snapshot, lang);
	} else {
		json_t *root = analysis_json(a, snapshot, lang);
		if (fmt == FMT_JSON) {
			json_dumpf(root, f, ANALYSIS_JSON_FLAGS | JSON_PRESERVE_ORDER);
			fputc('\n', f);
		} else {
			analysis_csv_long(f, root);
		}
		json_decref(root);
	}
	return cmd_close_out(&cmd_analyze, f, out) == 0 ? EXIT_OK : EXIT_DATA;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
	                                     {"to", required_argument, NULL, 't'},
	                                     {"snapshot", required_argument, NULL, 's'},
	                                     {"format", required_argument, NULL, 'F'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"out", required_argument, NULL, 'o'},
	                                     {"cat3-limit", required_argument, NULL, 'c'},
	                                     {"attribution-days", required_argument, NULL, 'a'},
	                                     {"hours-per-year", required_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct analysis_params p;
	analysis_params_default(&p);
	enum format fmt = FMT_TEXT;
	const char *out = NULL;
	int64_t snapshot = 0;
	int c, hours;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cmd_analyze_date(&cmd_analyze, "--from", optarg, &p.from) != 0)
				return EXIT_USAGE;
			break;
		case 't':
			if (cmd_analyze_date(&cmd_analyze, "--to", optarg, &p.to) != 0)
				return EXIT_USAGE;
			break;
		case 's':
			if (cmd_opt_snapshot(&cmd_analyze, optarg, &snapshot) != 0)
				return EXIT_USAGE;
			break;
		case 'F':
			if ((c = cmd_format(&cmd_analyze, optarg, formats)) < 0)
				return EXIT_USAGE;
			fmt = (enum format)c;
			break;
		case 'l':
			if (cmd_lang(&cmd_analyze, optarg, &ctx->lang) != 0)
				return EXIT_USAGE;
			break;
		case 'o':
			out = optarg;
			break;
		case 'c':
			if (cmd_opt_share(&cmd_analyze, "--cat3-limit", optarg, &p.cat3_limit) != 0)
				return EXIT_USAGE;
			break;
		case 'a':
			if (cmd_opt_int(&cmd_analyze, "--attribution-days", optarg, 0, 3660,
			                &p.attribution_days) != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			if (cmd_opt_int(&cmd_analyze, "--hours-per-year", optarg, 1, 8784,
			                &hours) != 0)
				return EXIT_USAGE;
			p.hours_per_year = hours;
			break;
		default:
			return cmd_usage(&cmd_analyze);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_analyze);
	if (p.from != DAYS_NONE && p.to != DAYS_NONE && p.from > p.to) {
		cmd_error(&cmd_analyze, "--from is after --to");
		return EXIT_USAGE;
	}
	struct cmd_analyze_input in;
	int rc = cmd_analyze_load(ctx, &cmd_analyze, snapshot, &in);
	if (rc != EXIT_OK)
		return rc;
	struct analysis a;
	rc = cmd_analyze_compute(&cmd_analyze, &in, &p, &a);
	if (rc == EXIT_OK) {
		rc = render(&a, in.si.snapshot, fmt, out, ctx->lang);
		analysis_free(&a);
	}
	cmd_analyze_input_free(&in);
	return rc;
}

const struct command cmd_analyze = {
    .name = "analyze",
    .usage = "analyze [--from DATE] [--to DATE] [--snapshot ID] [--format text|csv|json|xlsx|html] "
             "[--out FILE] "
             "[--lang sv|en]",
    .summary = "where the sellers' time goes: visits, hours, km and money per category",
    .help =
        "The activity diagnosis: per seller and for the team, visits, hours (visit + travel) and "
        "km\n"
        "per category next to each category's share of revenue and potential; customer-contact "
        "time\n"
        "as a share of working time; order value per category and per visit; customers without "
        "any\n"
        "contact; meetings booked per ISO week; and up to 5 findings ranked by money at stake.\n"
        "Categories, revenue and potential come from a snapshot (fokus categorize).\n"
        "\n"
        "Options:\n"
        "  --from DATE, --to DATE   the period, YYYY-MM-DD, both days included (default: the 12 "
        "months\n"
        "                           ending at the latest activity date)\n"
        "  --snapshot ID            the categorization to use (default the latest; fokus history)\n"
        "  --format F               text (default), csv (one figure a row), json, xlsx, html\n"
        "  --out FILE               write there instead of stdout (xlsx needs a file or a pipe)\n"
        "  --lang sv|en             language and number format of text, xlsx, html and findings\n"
        "  --cat3-limit SHARE       flag sellers with more than this share of visits to category "
        "3\n"
        "                           (default 25%; 25, 25% and 0.25 all mean a quarter)\n"
        "  --attribution-days N     an order 0..N days after a visit to the customer counts as\n"
        "                           following it (default 30)\n"
        "  --hours-per-year H       working hours a year for sellers without one (default 1720)\n"
        "\n"
        "Activities naming an unknown customer or seller are counted and reported, never used.\n"
        "Every formula, with a worked example: docs/analysis.md.\n"
        "\n"
        "Examples:\n"
        "  fokus analyze\n"
        "  fokus analyze --from 2026-01-01 --to 2026-06-30 --lang sv\n"
        "  fokus analyze --format html --out analys.html\n"
        "  fokus analyze --format json | jq '.findings'\n",
    .order = 30,
    .run = run,
};
