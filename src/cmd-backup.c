/* cmd-backup.c — `fokus backup FILE` and `fokus restore FILE`. */
#include "cmd.h"
#include "store/backup.h"

#include <stdlib.h>
#include <string.h>

extern const struct command cmd_backup, cmd_restore;

static int run_one(const struct command *self, struct cmd_ctx *ctx, int argc, char **argv,
                   int (*fn)(struct sqlite3 *, const char *, char **), const char *done_en,
                   const char *done_sv)
{
	if (argc != 2 || argv[1][0] == '-')
		return cmd_usage(self);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *cause = NULL;
	if (fn(db, argv[1], &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	fprintf(stderr, "%s %s\n", TR(ctx->lang, done_en, done_sv), argv[1]);
	return EXIT_OK;
}

static int run_backup(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_one(&cmd_backup, ctx, argc, argv, store_backup, "backed up to",
	               "säkerhetskopierat till");
}

static int run_restore(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_one(&cmd_restore, ctx, argc, argv, store_restore, "restored from",
	               "återställt från");
}

const struct command cmd_backup = {
    .name = "backup",
    .usage = "backup FILE",
    .summary = "copy the workspace to FILE (safe while serving)",
    .help = "Writes a consistent copy of the whole workspace to FILE with SQLite's online\n"
            "backup, a step at a time: the dashboard and other commands may go on meanwhile.\n"
            "FILE is replaced if it exists. Restore it with 'fokus restore FILE'.\n",
    .order = 900,
    .run = run_backup,
};

const struct command cmd_restore = {
    .name = "restore",
    .usage = "restore FILE",
    .summary = "replace the workspace with a backup",
    .help = "Replaces everything in the workspace with the backup in FILE, after checking that\n"
            "FILE is a fokus workspace this version can read. It is one transaction: if it\n"
            "fails, the workspace is as it was.\n",
    .order = 901,
    .run = run_restore,
};
