/* cmd-customers.c — `fokus customers`: one row per customer of a
 * categorization snapshot, with revenue, potential and its source, the
 * computed and final category and the reason, filtered by category or
 * seller. */
#include "app/categorize-run.h"
#include "cmd-report.h"
#include "cmd.h"
#include "render/catout.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_customers;
static const char *const formats[] = {"text", "csv", "json", NULL};

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"snapshot", required_argument, NULL, 's'},
	    {"category", required_argument, NULL, 'c'},
	    {"seller", required_argument, NULL, 'S'},
	    {"format", required_argument, NULL, 'f'},
	    {"out", required_argument, NULL, 'o'},
	    {"lang", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	int64_t id = 0;
	struct catfilter filt = {CAT_NONE, NULL};
	const char *fmt = "text", *out = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (cmd_opt_snapshot(&cmd_customers, optarg, &id) != 0)
				return cmd_usage(&cmd_customers);
			break;
		case 'c': {
			enum category cat;
			if (category_parse(optarg, &cat) != 0) {
				cmd_error(&cmd_customers, "--category is 1, 2R, 2P or 3, not '%s'",
				          optarg);
				return cmd_usage(&cmd_customers);
			}
			filt.category = cat;
			break;
		}
		case 'S':
			filt.seller = optarg;
			break;
		case 'f':
			if (cmd_format(&cmd_customers, optarg, formats) < 0)
				return cmd_usage(&cmd_customers);
			fmt = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'l':
			if (cmd_lang(&cmd_customers, optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_customers);
			break;
		default:
			return cmd_usage(&cmd_customers);
		}
	}
	if (optind < argc) {
		cmd_error(&cmd_customers, "unexpected argument '%s'", argv[optind]);
		return cmd_usage(&cmd_customers);
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct snapshot s;
	struct catview v;
	if (categorize_run_view_cmd(&cmd_customers, db, id, &s, &v) != 0)
		return EXIT_DATA;
	FILE *f = cmd_open_out(&cmd_customers, out);
	if (!f) {
		store_snapshot_free(&s);
		return EXIT_DATA;
	}
	size_t *idx = NULL;
	size_t n = catout_select(&v, &filt, &idx);
	if (!strcmp(fmt, "csv"))
		catout_customers_csv(f, &v, idx, n, ctx->lang);
	else if (!strcmp(fmt, "json"))
		catout_customers_json(f, &v, idx, n, ctx->lang);
	else
		catout_customers_text(f, &v, idx, n, ctx->lang);
	free(idx);
	store_snapshot_free(&s);
	return cmd_close_out(&cmd_customers, f, out) == 0 ? EXIT_OK : EXIT_DATA;
}

const struct command cmd_customers = {
    .name = "customers",
    .usage = "customers [--snapshot ID] [--category 1|2R|2P|3] [--seller ID] "
             "[--format text|csv|json] [--out FILE] [--lang sv|en]",
    .summary = "every customer's category, numbers and reason",
    .help = "Lists the customers of a categorization snapshot (default: the latest), by\n"
            "category (1, 2R, 2P, 3) and then largest revenue first.\n"
            "\n"
            "  --snapshot ID         which snapshot ('fokus history' lists them)\n"
            "  --category C          only category 1, 2R, 2P or 3 (the final category)\n"
            "  --seller ID           only customers whose owner is that seller_id\n"
            "  --format text|csv|json\n"
            "  --out FILE            write to FILE (default: standard output)\n"
            "  --lang sv|en          language of the reason line (default from LANG)\n"
            "\n"
            "Columns (csv and json): customer_id, name, seller_id, revenue, potential (empty /\n"
            "null when unknown), potential_source (given|wallet|estimated|unknown),\n"
            "computed_category, category (after an override), reason, revenue_source\n"
            "(orders|file|none), orders, override_reason; json adds revenue_high and\n"
            "potential_high. Amounts are currency units with '.'.\n"
            "\n"
            "Example:\n"
            "  fokus customers --category 2P --format csv --out hunters.csv\n",
    .order = 22,
    .run = run,
};
