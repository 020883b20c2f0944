/* cmd-categorize.c — `fokus categorize`: place every customer in category
 * 1, 2R, 2P or 3, store the run as a snapshot and print the summary. With
 * --orders FILE it computes straight from files instead, without any
 * workspace, and prints the customer rows. */
#include "app/categorize-run.h"
#include "cmd.h"
#include "core/category.h"
#include "io/number.h"
#include "render/catout.h"
#include "store/audit.h"
#include "util/days.h"
#include "util/threads.h"
#include "util/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_categorize;

enum fmt { FMT_TEXT, FMT_CSV, FMT_JSON };
/* The --format names, in the order of the enum above. */
static const char *const formats[] = {"text", "csv", "json", NULL};

static const struct option opts[] = {
    {"as-of", required_argument, NULL, 'a'},
    {"window-months", required_argument, NULL, 'w'},
    {"axis", required_argument, NULL, 'x'},
    {"method", required_argument, NULL, 'm'},
    {"revenue-share", required_argument, NULL, 'R'},
    {"potential-share", required_argument, NULL, 'P'},
    {"revenue-min", required_argument, NULL, 'r'},
    {"potential-min", required_argument, NULL, 'p'},
    {"revenue-top", required_argument, NULL, 'T'},
    {"potential-top", required_argument, NULL, 'U'},
    {"wallet-quantile", required_argument, NULL, 'q'},
    {"margin", required_argument, NULL, 'g'},
    {"format", required_argument, NULL, 'f'},
    {"lang", required_argument, NULL, 'l'},
    {"out", required_argument, NULL, 'o'},
    {"orders", required_argument, NULL, 'O'},
    {"customers", required_argument, NULL, 'C'},
    {"keep", required_argument, NULL, 'K'},
    {"quiet", no_argument, NULL, 'Q'},
    {NULL, 0, NULL, 0},
};

/* Reads one option into p. Returns 0, or -1 after printing why. */
static int set_option(int c, const char *arg, struct cat_params *p)
{
	double d;
	switch (c) {
	case 'a':
		if (days_parse_iso(arg, &p->as_of) != 0) {
			cmd_error(&cmd_categorize, "--as-of wants a date YYYY-MM-DD, not '%s'",
			          arg);
			return -1;
		}
		return 0;
	case 'w':
		if (cmd_parse_number(arg, -1e300, 1e300, &d) != 0 || d < 1 || d > 240 ||
		    d != (int)d) {
			cmd_error(&cmd_categorize,
			          "--window-months wants whole months 1..240, not '%s'", arg);
			return -1;
		}
		p->window_months = (int)d;
		return 0;
	case 'x':
		if (cat_axis_parse(arg, &p->axis) != 0) {
			cmd_error(&cmd_categorize, "--axis is amount or margin, not '%s'", arg);
			return -1;
		}
		return 0;
	case 'm':
		if (cat_method_parse(arg, &p->method) != 0) {
			cmd_error(&cmd_categorize,
			          "--method is pareto, absolute, top or abc, not '%s'", arg);
			return -1;
		}
		return 0;
	case 'R':
	case 'P':
		if (cmd_parse_number(arg, -1e300, 1e300, &d) != 0 || !(d > 0 && d <= 1)) {
			cmd_error(&cmd_categorize,
			          "--%s-share wants a share above 0 and at most 1 "
			          "(e.g. 0.8), not '%s'",
			          c == 'R' ? "revenue" : "potential", arg);
			return -1;
		}
		*(c == 'R' ? &p->revenue_share : &p->potential_share) = d;
		return 0;
	case 'r':
	case 'p':
		if (cmd_parse_money(arg, c == 'r' ? &p->revenue_min : &p->potential_min) != 0) {
			cmd_error(&cmd_categorize,
			          "--%s-min wants an amount in currency units "
			          "(e.g. 480000), not '%s'",
			          c == 'r' ? "revenue" : "potential", arg);
			return -1;
		}
		*(c == 'r' ? &p->has_revenue_min : &p->has_potential_min) = true;
		return 0;
	case 'T':
	case 'U':
		if (cmd_parse_number(arg, -1e300, 1e300, &d) != 0 || d < 0 || d > 100) {
			cmd_error(&cmd_categorize, "--%s-top wants a percent 0..100, not '%s'",
			          c == 'T' ? "revenue" : "potential", arg);
			return -1;
		}
		*(c == 'T' ? &p->revenue_top : &p->potential_top) = d;
		return 0;
	case 'q':
		if (cmd_parse_number(arg, -1e300, 1e300, &d) != 0 || !(d > 0 && d < 1)) {
			cmd_error(&cmd_categorize,
			          "--wallet-quantile wants a number between 0 and 1 "
			          "(e.g. 0.8), not '%s'",
			          arg);
			return -1;
		}
		p->wallet_quantile = d;
		return 0;
	case 'g':
		if (cmd_parse_number(arg, -1e300, 1e300, &d) != 0 || d < 0 || d >= 1) {
			cmd_error(&cmd_categorize,
			          "--margin wants a share 0 (off) up to below 1 "
			          "(e.g. 0.1), not '%s'",
			          arg);
			return -1;
		}
		p->margin = d;
		return 0;
	}
	return -1;
}

/* `categorize --orders FILE [--customers FILE]`: no workspace at all. */
static int from_files(struct cmd_ctx *ctx, const char *orders, const char *customers,
                      struct cat_params *p, const char *out_path, enum fmt fmt, int quiet)
{
	struct dataset ds;
	struct cat_presum sums;
	int32_t as_of;
	size_t rejected = 0;
	char *first = NULL, *cause = NULL;
	if (p->today == DAYS_NONE)
		p->today = days_today();
	struct progress pg;
	const char *base = strrchr(orders, '/') ? strrchr(orders, '/') + 1 : orders;
	char *label = xasprintf("%s %s", TR(ctx->lang, "reading", "läser"), base);
	progress_start(&pg, label, PROGRESS_BYTES, NULL, quiet, ctx->lang);
	free(label);
	int rd = categorize_run_files(orders, customers, p, &ds, &sums, &as_of, &rejected, &first,
	                              pg.out ? progress_cb : NULL, &pg, &cause);
	progress_end(&pg);
	if (rd != 0) {
		cmd_error(&cmd_categorize, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (rejected)
		fprintf(stderr,
		        TR(ctx->lang, "fokus categorize: %zu rows skipped; the first: %s\n",
		           "fokus categorize: %zu rader hoppades över; den första: %s\n"),
		        rejected, first);
	free(first);
	struct cat_params q = *p;
	q.as_of = as_of;
	size_t n = ds.ncustomers;
	struct cat_row *rows = xreallocarray(NULL, n ? n : 1, sizeof(*rows));
	char **ids = xreallocarray(NULL, n ? n : 1, sizeof(char *));
	char **names = xreallocarray(NULL, n ? n : 1, sizeof(char *));
	char **sellers = xreallocarray(NULL, n ? n : 1, sizeof(char *));
	struct cat_input in = {.ds = &ds, .presum = &sums};
	struct cat_run r;
	int rc = EXIT_DATA;
	FILE *f = NULL;
	if (category_compute(&in, &q, &r, rows, &cause) != 0) {
		cmd_error(&cmd_categorize, "%s", cause);
		free(cause);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		ids[i] = ds.customers[i].id;
		names[i] = ds.customers[i].name;
		sellers[i] = ds.customers[i].seller_id;
	}
	struct catview v = {&r, n, rows, ids, names, sellers};
	size_t *idx = NULL;
	size_t k = catout_select(&v, NULL, &idx);
	f = cmd_open_out(&cmd_categorize, out_path);
	if (f) {
		if (fmt == FMT_JSON)
			catout_customers_json(f, &v, idx, k, ctx->lang);
		else if (fmt == FMT_TEXT)
			catout_customers_text(f, &v, idx, k, ctx->lang);
		else
			catout_customers_csv_threads(f, &v, idx, k, ctx->lang, threads_wanted());
		rc = cmd_close_out(&cmd_categorize, f, out_path) == 0 ? EXIT_OK : EXIT_DATA;
	}
	free(idx);
out:
	free(rows);
	free(ids);
	free(names);
	free(sellers);
	categorize_sums_free(&sums);
	dataset_free(&ds);
	return rc;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cat_params p;
	cat_params_default(&p);
	enum fmt fmt = FMT_TEXT;
	int fmt_given = 0;
	const char *out_path = NULL, *orders = NULL, *customers = NULL;
	int keep = 0, quiet = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt_given = 1;
			if ((c = cmd_format(&cmd_categorize, optarg, formats)) < 0)
				return cmd_usage(&cmd_categorize);
			fmt = (enum fmt)c;
			break;
		case 'l':
			if (cmd_lang(&cmd_categorize, optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_categorize);
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'O':
			orders = optarg;
			break;
		case 'C':
			customers = optarg;
			break;
		case 'Q':
			quiet = 1;
			break;
		case 'K':
			if (cmd_keep_parse(&cmd_categorize, optarg, &keep) != 0)
				return cmd_usage(&cmd_categorize);
			break;
		case '?':
			return cmd_usage(&cmd_categorize);
		default:
			if (set_option(c, optarg, &p) != 0)
				return cmd_usage(&cmd_categorize);
		}
	}
	if (optind < argc) {
		cmd_error(&cmd_categorize, "unexpected argument '%s'", argv[optind]);
		return cmd_usage(&cmd_categorize);
	}
	if (p.method == METHOD_ABSOLUTE && (!p.has_revenue_min || !p.has_potential_min)) {
		cmd_error(&cmd_categorize,
		          "--method absolute needs --revenue-min and --potential-min");
		return cmd_usage(&cmd_categorize);
	}
	if (customers && !orders) {
		cmd_error(&cmd_categorize,
		          "--customers goes with --orders (categorize from files)");
		return cmd_usage(&cmd_categorize);
	}
	if (orders && keep) {
		cmd_error(&cmd_categorize, "--keep is for the workspace's snapshots, not --orders");
		return cmd_usage(&cmd_categorize);
	}
	if (orders)
		return from_files(ctx, orders, customers, &p, out_path, fmt_given ? fmt : FMT_CSV,
		                  quiet);
	if (fmt == FMT_CSV) {
		cmd_error(&cmd_categorize,
		          "the summary is text or json; for csv rows use 'fokus "
		          "customers --format csv' or 'fokus report --format csv'");
		return cmd_usage(&cmd_categorize);
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct cat_run r;
	struct cat_summary s;
	size_t no_margin = 0;
	char *cause = NULL;
	if (categorize_run(db, &p, &r, &s, &no_margin, &cause) != 0) {
		cmd_error(&cmd_categorize, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	cmd_audit_note(ctx, "categorize", AUDIT_CATEGORIZE_FMT, (long long)r.id, s.all.customers);
	if (keep && cmd_keep_apply(&cmd_categorize, ctx, db, keep) != 0)
		return EXIT_DATA; /* the new snapshot is saved all the same */
	FILE *f = cmd_open_out(&cmd_categorize, out_path);
	if (!f)
		return EXIT_DATA;
	if (fmt == FMT_JSON) {
		catout_summary_json(f, &r, &s, ctx->lang);
	} else {
		catout_summary_text(f, &r, &s, ctx->lang);
		fprintf(
		    f,
		    TR(ctx->lang, "\nSaved as snapshot %lld ('fokus report', 'fokus customers').\n",
		       "\nSparad som ögonblicksbild %lld ('fokus report', 'fokus customers').\n"),
		    (long long)r.id);
	}
	if (no_margin)
		fprintf(
		    stderr,
		    TR(ctx->lang,
		       "fokus categorize: %zu orders in the window have no margin and count as 0\n",
		       "fokus categorize: %zu order i perioden saknar täckningsbidrag och räknas "
		       "som 0\n"),
		    no_margin);
	return cmd_close_out(&cmd_categorize, f, out_path) == 0 ? EXIT_OK : EXIT_DATA;
}

const struct command cmd_categorize = {
    .name = "categorize",
    .usage = "categorize [--as-of DATE] [--window-months N] [--axis amount|margin] "
             "[--method pareto|absolute|top|abc] [options]",
    .summary = "place every customer in category 1, 2R, 2P or 3 and save a snapshot",
    .help =
        "Computes each customer's revenue and potential, compares them with a threshold\n"
        "on each axis, and places the customer in a category:\n"
        "  1  high revenue, high potential     2R  high revenue, low potential\n"
        "  2P low revenue, high potential      3   low revenue, low potential\n"
        "A customer is high on an axis when its value is >= the threshold. Every run is\n"
        "saved as a snapshot ('fokus history'); the summary is printed.\n"
        "\n"
        "Revenue:\n"
        "  --as-of DATE          end of the window (default: the latest order date)\n"
        "  --window-months N     the window: as-of - N months < date <= as-of (default 12)\n"
        "  --axis amount|margin  sum the order amounts (default) or the margin column\n"
        "                        (täckningsbidrag). Customers without orders in the window\n"
        "                        use their revenue column when the customer file had one.\n"
        "Potential (further business per year): the potential column; else the wallet\n"
        "column minus revenue; else estimated from similar customers (same industry and\n"
        "size): the --wallet-quantile (default 0.8) of their revenue per employee x\n"
        "employees; else unknown, which counts as low.\n"
        "  --wallet-quantile Q   the peer quantile, 0 < Q < 1\n"
        "Thresholds:\n"
        "  --method pareto       (default) the value at which the running sum of the\n"
        "                        largest values reaches --revenue-share / --potential-share\n"
        "                        (default 0.80) of the positive total\n"
        "  --method absolute     --revenue-min X and --potential-min Y (currency units)\n"
        "  --method top          the top --revenue-top / --potential-top percent (default 20)\n"
        "  --method abc          computed ABC analysis (Ultsch & Lötsch 2015): the A limit\n"
        "  --revenue-min X, --potential-min Y with another method make that axis absolute.\n"
        "Stability:\n"
        "  --margin M            (default 0.10) a customer keeps its side of a threshold from\n"
        "                        the previous snapshot unless its value is more than M past\n"
        "                        it; --margin 0 turns this off\n"
        "Output:\n"
        "  --format text|json    the summary (default text)\n"
        "  --lang sv|en          language (default from LANG)\n"
        "  --out FILE            write to FILE instead of the terminal\n"
        "History:\n"
        "  --keep N              then remove every snapshot but the N newest (this one\n"
        "                        among them), as 'fokus history --keep N'\n"
        "\n"
        "Overrides ('fokus override') pin a customer's category; reports show both the\n"
        "computed and the final category, and a reason line for every customer.\n"
        "\n"
        "From files, without a workspace (for a quick look or a pipeline):\n"
        "  fokus categorize --orders FILE [--customers FILE] [--format csv|json] [--out FILE|-]\n"
        "  prints the 'fokus customers' columns, with every option above. A large csv\n"
        "  is read by two threads (FOKUS_THREADS=1: one; same result). On a terminal a\n"
        "  progress line shows the bytes read, the rate and the time left (--quiet: none).\n"
        "\n"
        "Examples:\n"
        "  fokus categorize\n"
        "  fokus categorize --as-of 2024-12-31 --method abc --margin 0\n"
        "  fokus categorize --revenue-min 480000          (pareto on potential)\n"
        "  fokus categorize --orders orders.csv --customers customers.csv > categories.csv\n"
        "Method and formulas: docs/categorization.md\n",
    .order = 20,
    .run = run,
};
