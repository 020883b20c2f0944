/* cmd-history.c — `fokus history`: the categorization snapshots, oldest
 * first, with their parameters, thresholds and counts per category. */
#include "cmd.h"
#include "render/catout.h"
#include "store/snapshot.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "csv", "json", NULL};

extern const struct command cmd_history;

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {"keep", required_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	const char *fmt = "text";
	int keep = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cmd_format(&cmd_history, optarg, formats) < 0)
				return cmd_usage(&cmd_history);
			fmt = optarg;
			break;
		case 'l':
			if (cmd_lang(&cmd_history, optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_history);
			break;
		case 'k':
			if (cmd_keep_parse(&cmd_history, optarg, &keep) != 0)
				return cmd_usage(&cmd_history);
			break;
		default:
			return cmd_usage(&cmd_history);
		}
	}
	if (optind < argc) {
		cmd_error(&cmd_history, "unexpected argument '%s'", argv[optind]);
		return cmd_usage(&cmd_history);
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct cat_runinfo *items = NULL;
	size_t n = 0;
	char *cause = NULL;
	if (keep && cmd_keep_apply(&cmd_history, ctx, db, keep) != 0)
		return EXIT_DATA;
	if (store_snapshot_list(db, &items, &n, &cause) != 0) {
		cmd_error(&cmd_history, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (!strcmp(fmt, "csv"))
		catout_history_csv(stdout, items, n);
	else if (!strcmp(fmt, "json"))
		catout_history_json(stdout, items, n);
	else if (n == 0)
		printf("%s\n", TR(ctx->lang, "No snapshots yet: run 'fokus categorize'.",
		                  "Inga ögonblicksbilder än: kör 'fokus categorize'."));
	else
		catout_history_text(stdout, items, n, ctx->lang);
	free(items);
	return EXIT_OK;
}

const struct command cmd_history = {
    .name = "history",
    .usage = "history [--format text|csv|json] [--lang sv|en] [--keep N]",
    .summary = "the categorization snapshots, oldest first",
    .help = "Lists every snapshot that 'fokus categorize' saved: id, when it was made (UTC),\n"
            "as-of date, window in months, axis, method, the two thresholds, the number of\n"
            "customers and how many are in each category.\n"
            "\n"
            "  --format text|csv|json   (csv/json thresholds in currency units, '.' decimals)\n"
            "  --lang sv|en\n"
            "  --keep N                 first remove every snapshot but the N newest, with\n"
            "                           their rows (one transaction; the file keeps its size,\n"
            "                           and later snapshots reuse the space)\n"
            "\n"
            "Every categorization stores a row per customer: with a million customers, about\n"
            "40 MB per snapshot. '--keep 12' after a monthly run keeps a year of history.\n"
            "\n"
            "See also 'fokus migration' (movements between two snapshots).\n",
    .order = 23,
    .run = run,
};
