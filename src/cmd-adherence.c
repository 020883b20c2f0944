/* cmd-adherence.c — `fokus adherence`: per seller and ISO week, what the
 * plan asks for against what was done, overdue customers and drift
 * (app/adherence.c computes; render/adherence.c prints). */
#include "app/adherence.h"
#include "cmd-analyze.h"
#include "cmd.h"
#include "render/html.h"
#include "util/days.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_adherence;

enum { F_TEXT, F_CSV, F_JSON, F_HTML };

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"seller", required_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'F'},
	    {"out", required_argument, NULL, 'o'},
	    {"lang", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const formats[] = {"text", "csv", "json", "html", NULL};
	int32_t from = DAYS_NONE, to = DAYS_NONE;
	const char *seller = NULL, *out = NULL;
	int fmt = F_TEXT, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
		case 't':
			if (cmd_analyze_date(&cmd_adherence, c == 'f' ? "--from" : "--to", optarg,
			                     c == 'f' ? &from : &to) != 0)
				return EXIT_USAGE;
			break;
		case 's':
			seller = optarg;
			break;
		case 'F':
			if ((fmt = cmd_format(&cmd_adherence, optarg, formats)) < 0)
				return EXIT_USAGE;
			break;
		case 'o':
			out = optarg;
			break;
		case 'l':
			if (cmd_lang(&cmd_adherence, optarg, &ctx->lang) != 0)
				return EXIT_USAGE;
			break;
		default:
			return cmd_usage(&cmd_adherence);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_adherence);
	if (from != DAYS_NONE && to != DAYS_NONE && from > to) {
		cmd_error(&cmd_adherence, "--from is after --to");
		return EXIT_USAGE;
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct app_adherence x;
	char *cause = NULL;
	int r = app_adherence_load(db, from, to, seller, &x, &cause);
	if (r != 0) {
		cmd_error(&cmd_adherence, "%s", cause ? cause : "failed");
		free(cause);
		app_adherence_free(&x);
		return r == APP_ADH_NO_SELLER || r == APP_ADH_BAD_PERIOD ? EXIT_USAGE : EXIT_DATA;
	}
	FILE *f = cmd_open_out(&cmd_adherence, out);
	if (!f) {
		app_adherence_free(&x);
		return EXIT_DATA;
	}
	if (fmt == F_TEXT) {
		adherence_text(f, &x.view, ctx->lang);
	} else if (fmt == F_CSV) {
		adherence_csv(f, &x.view);
	} else if (fmt == F_JSON) {
		json_t *root = adherence_json(&x.view, 1000);
		json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
		fputc('\n', f);
		json_decref(root);
	} else {
		html_begin(f, TR(ctx->lang, "Plan adherence", "Planföljsamhet"), ctx->lang);
		adherence_html_section(f, &x.view, ctx->lang);
		html_end(f, ctx->lang);
	}
	app_adherence_free(&x);
	return cmd_close_out(&cmd_adherence, f, out) == 0 ? EXIT_OK : EXIT_DATA;
}

const struct command cmd_adherence = {
    .name = "adherence",
    .usage = "adherence [--from DATE] [--to DATE] [--seller ID] [--format text|csv|json|html] "
             "[--out FILE] [--lang sv|en]",
    .summary = "plan adherence: planned against done per seller and week, overdue, drift",
    .help =
        "After 'fokus plan --apply': per seller and ISO week, what the plan asks for against\n"
        "what the activity log shows was done — visits per category (1, 2R, 2P, 3), calls,\n"
        "newsletters; the customers whose next contact is overdue against their planned\n"
        "interval; and drift, the visits to category 3 creeping back.\n\n"
        "  planned in a week = the responsible person's customers' contacts a year (the\n"
        "                      policy of their category) x days of the period in the week / 365\n"
        "  done              = the seller's activities in the week (visits by the category of\n"
        "                      the customer visited, calls, newsletters)\n"
        "  next contact due  = last visit, call, e-mail or meeting + 365 / (visits + calls a\n"
        "                      year); never contacted: the period's first day. Overdue when\n"
        "                      due before the period's last day\n"
        "  drift             = the share of visits to category 3 in the last 4 weeks is more\n"
        "                      than 5 points above the plan's share and above the first 4 weeks\n\n"
        "Options:\n"
        "  --from DATE, --to DATE  the period (default: from the Monday of the week the plan\n"
        "                          was applied, or 12 weeks, up to the latest activity)\n"
        "  --seller ID             only this seller (and their customers)\n"
        "  --format F              text (default), csv (seller_id,week,measure,planned,done),\n"
        "                          json, html (a page)\n"
        "  --out FILE              write there instead of standard output\n"
        "  --lang sv|en            language and number format of text and html\n\n"
        "Rules with an example: docs/follow-up.md.\n\n"
        "Examples:\n"
        "  fokus adherence\n"
        "  fokus adherence --from 2026-09-01 --to 2026-10-31 --seller S03 --lang sv\n"
        "  fokus adherence --format csv --out adherence.csv\n",
    .order = 62,
    .run = run,
};
