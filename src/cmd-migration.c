/* cmd-migration.c — `fokus migration`: the 4×4 table of customers moving
 * between categories from one snapshot to another (default: the last two),
 * plus the customers new in the later one and gone from it. */
#include "cmd.h"
#include "core/category.h"
#include "render/catout.h"
#include "store/snapshot.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_migration;
static const char *const formats[] = {"text", "csv", "json", NULL};

/* The two snapshots before the newest one that exists, for the defaults. */
static int default_ids(struct sqlite3 *db, int64_t *from, int64_t *to, char **cause)
{
	struct cat_runinfo *items = NULL;
	size_t n = 0;
	if (store_snapshot_list(db, &items, &n, cause) != 0)
		return -1;
	int ok = 0;
	if (*to == 0 && n >= 1)
		*to = items[n - 1].run.id;
	if (*from == 0) {
		/* the snapshot just before `to` */
		for (size_t i = n; i-- > 0;) {
			if (items[i].run.id < *to) {
				*from = items[i].run.id;
				break;
			}
		}
	}
	ok = *from != 0 && *to != 0;
	free(items);
	return ok ? 0 : 1;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'F'},
	    {"to", required_argument, NULL, 'T'},
	    {"format", required_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	int64_t from = 0, to = 0;
	long id;
	const char *fmt = "text";
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'F':
		case 'T':
			if (cmd_parse_long(optarg, 1, LONG_MAX, &id) != 0) {
				cmd_error(&cmd_migration, "--%s wants a snapshot id, not '%s'",
				          c == 'F' ? "from" : "to", optarg);
				return cmd_usage(&cmd_migration);
			}
			*(c == 'F' ? &from : &to) = id;
			break;
		case 'f':
			if (cmd_format(&cmd_migration, optarg, formats) < 0)
				return cmd_usage(&cmd_migration);
			fmt = optarg;
			break;
		case 'l':
			if (cmd_lang(&cmd_migration, optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_migration);
			break;
		default:
			return cmd_usage(&cmd_migration);
		}
	}
	if (optind < argc) {
		cmd_error(&cmd_migration, "unexpected argument '%s'", argv[optind]);
		return cmd_usage(&cmd_migration);
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *cause = NULL;
	int r = default_ids(db, &from, &to, &cause);
	if (r < 0) {
		cmd_error(&cmd_migration, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (r > 0) {
		cmd_error(&cmd_migration, "needs two snapshots to compare; run 'fokus categorize' "
		                          "again later, or give --from and --to ('fokus history')");
		return EXIT_DATA;
	}
	struct snapshot a, b;
	r = store_snapshot_load(db, from, &a, &cause);
	if (r != 0) {
		if (r > 0)
			cmd_error(&cmd_migration, "there is no snapshot %lld", (long long)from);
		else
			cmd_error(&cmd_migration, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	r = store_snapshot_load(db, to, &b, &cause);
	if (r != 0) {
		if (r > 0)
			cmd_error(&cmd_migration, "there is no snapshot %lld", (long long)to);
		else
			cmd_error(&cmd_migration, "%s", cause);
		free(cause);
		store_snapshot_free(&a);
		return EXIT_DATA;
	}
	struct cat_migration m;
	category_migration(a.store_id, a.rows, a.n, b.store_id, b.rows, b.n, &m);
	if (!strcmp(fmt, "csv"))
		catout_migration_csv(stdout, &m, from, to);
	else if (!strcmp(fmt, "json"))
		catout_migration_json(stdout, &m, from, to);
	else
		catout_migration_text(stdout, &m, from, to, ctx->lang);
	store_snapshot_free(&a);
	store_snapshot_free(&b);
	return EXIT_OK;
}

const struct command cmd_migration = {
    .name = "migration",
    .usage = "migration [--from ID] [--to ID] [--format text|csv|json] [--lang sv|en]",
    .summary = "how customers moved between categories from one snapshot to another",
    .help = "Prints the 4x4 table of customers by category in snapshot --from (rows) and\n"
            "--to (columns), by final category (after overrides); plus the customers that\n"
            "are new in --to and those gone from it. Default: the last two snapshots\n"
            "(--to alone: --from is the snapshot before it).\n"
            "\n"
            "  --from ID, --to ID        snapshot ids ('fokus history')\n"
            "  --format text|csv|json    csv: from_snapshot,to_snapshot,from,to,customers with\n"
            "                            from 'new' and to 'gone' for the extra rows\n"
            "  --lang sv|en\n",
    .order = 24,
    .run = run,
};
