/* cmd-report.c — `fokus report`: the summary of a categorization snapshot
 * per category, as text, csv, json, xlsx, svg (the matrix) or html (a
 * self-contained page with the matrix, the summary and the customers). */
#include "app/categorize-run.h"
#include "cmd-report.h"
#include "cmd.h"
#include "render/catout.h"
#include "render/svg.h"
#include "render/xlsx-report.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const struct command cmd_report;

enum fmt { F_TEXT, F_CSV, F_JSON, F_XLSX, F_SVG, F_HTML };
static const char *const fmt_names[] = {"text", "csv", "json", "xlsx", "svg", "html", NULL};

/* xlsx needs a file: write to a temporary one and copy it to f. */
static int xlsx_to_stream(FILE *f, const struct catview *v, enum lang lang, char **cause)
{
	char tmp[] = "/tmp/fokus-report-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*cause = xasprintf("cannot create a temporary file: %s", strerror(errno));
		return -1;
	}
	close(fd);
	int rc = xlsx_report_write(tmp, v, lang, cause);
	if (rc == 0) {
		FILE *in = fopen(tmp, "rb");
		char buf[65536];
		size_t k;
		if (!in) {
			*cause = xasprintf("cannot read %s back", tmp);
			rc = -1;
		} else {
			while ((k = fread(buf, 1, sizeof(buf), in)) > 0)
				fwrite(buf, 1, k, f);
			fclose(in);
		}
	}
	unlink(tmp);
	return rc;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"snapshot", required_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'f'},
	    {"out", required_argument, NULL, 'o'},
	    {"lang", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	int64_t id = 0;
	int fmt = F_TEXT, c;
	const char *out = NULL;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (cmd_opt_snapshot(&cmd_report, optarg, &id) != 0)
				return cmd_usage(&cmd_report);
			break;
		case 'f':
			if ((fmt = cmd_format(&cmd_report, optarg, fmt_names)) < 0)
				return cmd_usage(&cmd_report);
			break;
		case 'o':
			out = optarg;
			break;
		case 'l':
			if (cmd_lang(&cmd_report, optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_report);
			break;
		default:
			return cmd_usage(&cmd_report);
		}
	}
	if (optind < argc) {
		cmd_error(&cmd_report, "unexpected argument '%s'", argv[optind]);
		return cmd_usage(&cmd_report);
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct snapshot s;
	struct catview v;
	if (categorize_run_view_cmd(&cmd_report, db, id, &s, &v) != 0)
		return EXIT_DATA;
	char *cause = NULL;
	int rc = EXIT_OK;
	FILE *f = cmd_open_out(&cmd_report, out);
	if (!f) {
		store_snapshot_free(&s);
		return EXIT_DATA;
	}
	struct cat_summary sum;
	category_summarize(v.rows, v.n, &sum);
	switch (fmt) {
	case F_TEXT:
		catout_summary_text(f, v.run, &sum, ctx->lang);
		break;
	case F_CSV:
		catout_summary_csv(f, v.run, &sum, ctx->lang);
		break;
	case F_JSON:
		catout_summary_json(f, v.run, &sum, ctx->lang);
		break;
	case F_SVG:
		svg_matrix(f, v.run, v.rows, v.n, NULL, 1, ctx->lang);
		break;
	case F_HTML:
		catout_html_page(f, &v, CATEGORIZE_HTML_MAX_ROWS, ctx->lang);
		break;
	case F_XLSX:
		if (out && strcmp(out, "-")) {
			/* libxlsxwriter writes the file itself */
			fclose(f);
			f = NULL;
			if (xlsx_report_write(out, &v, ctx->lang, &cause) != 0)
				rc = EXIT_DATA;
		} else if (xlsx_to_stream(f, &v, ctx->lang, &cause) != 0) {
			rc = EXIT_DATA;
		}
		if (rc != EXIT_OK) {
			cmd_error(&cmd_report, "%s", cause);
			free(cause);
		}
		break;
	}
	if (f && cmd_close_out(&cmd_report, f, out) != 0)
		rc = EXIT_DATA;
	store_snapshot_free(&s);
	return rc;
}

const struct command cmd_report = {
    .name = "report",
    .usage = "report [--snapshot ID] [--format text|csv|json|xlsx|svg|html] [--out FILE] "
             "[--lang sv|en]",
    .summary = "the categorization per category, the matrix picture, an html report",
    .help = "Reports a categorization snapshot (default: the latest): per category the\n"
            "customers, % of customers, revenue, % of revenue, potential, % of potential,\n"
            "orders and average order value, with the method, thresholds, window and the\n"
            "sources of the potential.\n"
            "\n"
            "  --snapshot ID   which snapshot ('fokus history' lists them)\n"
            "  --format F      text (default), csv, json, xlsx (sheets Summary and Customers;\n"
            "                  Sammanfattning and Kunder with --lang sv),\n"
            "                  svg (the matrix: revenue x potential, log scales), or html\n"
            "                  (one self-contained file: matrix, summary, customer table)\n"
            "  --out FILE      write to FILE (default: standard output)\n"
            "  --lang sv|en    language of labels and numbers (default from LANG)\n"
            "\n"
            "csv and json: category codes 1, 2R, 2P, 3; amounts in currency units with '.';\n"
            "shares as fractions (0.25). The html table lists at most 5 000 customers (the\n"
            "largest by revenue in each category); 'fokus customers' lists all.\n"
            "The svg draws customers with 0, negative or unknown values in a hatched strip\n"
            "at the edge of the axis; above 20 000 customers one point stands for all\n"
            "customers of a category in the same 3x3 pixel cell.\n"
            "\n"
            "Examples:\n"
            "  fokus report\n"
            "  fokus report --format html --out report.html\n"
            "  fokus report --format xlsx --out kategorier.xlsx --lang sv\n",
    .order = 21,
    .run = run,
};

int categorize_run_view_cmd(const struct command *cmd, struct sqlite3 *db, int64_t id,
                            struct snapshot *s, struct catview *v)
{
	char *cause = NULL;
	int r = categorize_run_view(db, id, s, v, &cause);
	if (r == 0)
		return 0;
	if (r > 0 && id)
		cmd_error(cmd, "there is no snapshot %lld ('fokus history' lists them)",
		          (long long)id);
	else if (r > 0)
		cmd_error(cmd, "no categorization yet: run 'fokus categorize' first");
	else
		cmd_error(cmd, "%s", cause);
	free(cause);
	return EXIT_DATA;
}
