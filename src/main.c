/* main.c — global options (--db, --help, --version), dispatch through the
 * generated command table, and the helpers every command shares. */
#include "cmd.h"
#include "store/db.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#ifndef FOKUS_VERSION
#define FOKUS_VERSION "0.0.0"
#endif

static int by_order(const void *a, const void *b)
{
	const struct command *x = *(const struct command *const *)a;
	const struct command *y = *(const struct command *const *)b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void print_help(FILE *f)
{
	const struct command **sorted = malloc(cmd_count * sizeof(*sorted));
	if (!sorted)
		return;
	for (unsigned i = 0; i < cmd_count; i++)
		sorted[i] = cmd_table[i];
	qsort(sorted, cmd_count, sizeof(*sorted), by_order);
	fprintf(f, "fokus %s — give every customer the right focus\n\n"
		   "usage: fokus [--db PATH] COMMAND [options]\n\n"
		   "Commands:\n",
		FOKUS_VERSION);
	for (unsigned i = 0; i < cmd_count; i++)
		fprintf(f, "  %-13s %s\n", sorted[i]->name, sorted[i]->summary);
	fprintf(f, "\nGlobal options:\n"
		   "  --db PATH     the workspace (default ./fokus.db, or $FOKUS_DB)\n"
		   "  --help, -h    this text; 'fokus help COMMAND' for one command\n"
		   "  --version     the version\n\n"
		   "Exit status: 0 success, 1 bad data or a failed job, 2 wrong usage.\n");
	free(sorted);
}

static const struct command *find(const char *name)
{
	for (unsigned i = 0; i < cmd_count; i++)
		if (!strcmp(cmd_table[i]->name, name))
			return cmd_table[i];
	return NULL;
}

static int cmd_help_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (argc < 2) {
		print_help(stdout);
		return EXIT_OK;
	}
	const struct command *c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "fokus help: no command '%s'; 'fokus --help' lists them\n", argv[1]);
		return EXIT_USAGE;
	}
	printf("usage: fokus %s\n\n%s\n", c->usage, c->summary);
	if (c->help && *c->help)
		printf("\n%s", c->help);
	return EXIT_OK;
}

const struct command cmd_help = {
	.name = "help",
	.usage = "help [COMMAND]",
	.summary = "show the commands, or one command's options",
	.help = "",
	.order = 1000,
	.run = cmd_help_run,
};

int main(int argc, char **argv)
{
	/* SQLite counts every allocation under one global mutex unless told
	 * not to; nothing here reads those counts, and with the dashboard's
	 * threads the mutex is contended on every request. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	struct cmd_ctx ctx = {0};
	ctx.prog = "fokus";
	ctx.lang = lang_default();
	ctx.db_path = getenv("FOKUS_DB");
	if (!ctx.db_path || !*ctx.db_path)
		ctx.db_path = "fokus.db";

	/* Take out the global options wherever they stand; keep the rest in order. */
	char **args = calloc((size_t)argc + 1, sizeof(char *));
	if (!args)
		return EXIT_DATA;
	int n = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "fokus: --db needs a PATH\n");
				free(args);
				return EXIT_USAGE;
			}
			ctx.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			ctx.db_path = argv[i] + 5;
		} else {
			args[n++] = argv[i];
		}
	}
	int rc;
	if (n == 0) {
		print_help(stderr);
		rc = EXIT_USAGE;
	} else if (!strcmp(args[0], "--help") || !strcmp(args[0], "-h")) {
		print_help(stdout);
		rc = EXIT_OK;
	} else if (!strcmp(args[0], "--version") || !strcmp(args[0], "-V")) {
		printf("fokus %s\n", FOKUS_VERSION);
		rc = EXIT_OK;
	} else {
		const struct command *c = find(args[0]);
		if (!c) {
			fprintf(stderr, "fokus: no command '%s'; 'fokus --help' lists them\n", args[0]);
			rc = EXIT_USAGE;
		} else if (n > 1 && (!strcmp(args[1], "--help") || !strcmp(args[1], "-h"))) {
			char *hargv[] = {(char *)"help", args[0], NULL};
			rc = cmd_help_run(&ctx, 2, hargv);
		} else {
			/* getopt names argv[0] in its messages: make it "fokus NAME". */
			char *self = malloc(strlen(c->name) + 7);
			if (self) {
				sprintf(self, "fokus %s", c->name);
				args[0] = self;
			}
			optind = 0;
			rc = c->run(&ctx, n, args);
			free(self);
		}
	}
	if (ctx.db)
		db_close(ctx.db);
	if (fflush(stdout) != 0 && rc == EXIT_OK)
		rc = EXIT_DATA;
	free(args);
	return rc;
}
