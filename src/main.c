/* main.c — global options (--db, --help, --version), dispatch through the
 * generated command table, and the helpers every command shares. */
#include "cmd.h"
#include "helpgen.h"
#include "store/db.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef FOKUS_VERSION
#define FOKUS_VERSION "0.0.0"
#endif

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
		helpgen_overview(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--man")) {
		/* The date of the page: SOURCE_DATE_EPOCH (reproducible builds), else today. */
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
		char date[32];
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		helpgen_man(stdout, date);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--bash-completion")) {
		helpgen_bash(stdout);
		return EXIT_OK;
	}
	const struct command *c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "fokus help: no command '%s'; 'fokus --help' lists them\n",
		        argv[1]);
		return EXIT_USAGE;
	}
	helpgen_command(stdout, c);
	return EXIT_OK;
}

const struct command cmd_help = {
    .name = "help",
    .usage = "help [COMMAND] | help --man | help --bash-completion",
    .summary = "show the commands, or one command's options",
    .help = "  help COMMAND            one command's usage, options and examples\n"
            "  help --man              the manual page fokus(1), in roff, made from these\n"
            "                          same texts (make install installs it)\n"
            "  help --bash-completion  the bash completion script for fokus\n",
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
		helpgen_overview(stderr);
		rc = EXIT_USAGE;
	} else if (!strcmp(args[0], "--help") || !strcmp(args[0], "-h")) {
		helpgen_overview(stdout);
		rc = EXIT_OK;
	} else if (!strcmp(args[0], "--version") || !strcmp(args[0], "-V")) {
		printf("fokus %s\n", FOKUS_VERSION);
		rc = EXIT_OK;
	} else {
		const struct command *c = find(args[0]);
		if (!c) {
			fprintf(stderr, "fokus: no command '%s'; 'fokus --help' lists them\n",
			        args[0]);
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
