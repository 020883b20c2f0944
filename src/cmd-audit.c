/* cmd-audit.c — `fokus audit`: the workspace's audit log (store/audit.c):
 * logins, imports, categorizations, overrides, plan apply/undo and user
 * changes, with who, when and from where; and how long it is kept. */
#include "cmd.h"
#include "store/audit.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "web/handlers.h"
#include "web/jsonw.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const struct command cmd_audit;

/* Writes s with control characters as '?': a user name typed at the login
 * form must not drive the terminal. */
static void put_clean(FILE *f, const char *s, int width)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, f);
	for (; n < width; n++)
		fputc(' ', f);
}

static void text_row(void *arg, const struct audit_entry *e)
{
	FILE *f = arg;
	char at[21];
	fprintf(f, "%s  ", days_iso_utc(e->at, at));
	put_clean(f, e->actor, 12);
	fputs("  ", f);
	put_clean(f, e->address, 15);
	fputs("  ", f);
	put_clean(f, e->action, 15);
	fputs("  ", f);
	put_clean(f, e->detail, 0);
	fputc('\n', f);
}

static void json_row(void *arg, const struct audit_entry *e)
{
	admin_audit_json(arg, e);
}

static int audit_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"since", required_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'f'},
	    {"keep-days", required_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const formats[] = {"text", "json", NULL};
	int32_t since = 0;
	int fmt = 0, c;
	long keep = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (days_parse_iso(optarg, &since) != 0) {
				cmd_error(&cmd_audit, "--since is a date as YYYY-MM-DD, not '%s'",
				          optarg);
				return EXIT_USAGE;
			}
			break;
		case 'f':
			if ((fmt = cmd_format(&cmd_audit, optarg, formats)) < 0)
				return EXIT_USAGE;
			break;
		case 'k':
			if (cmd_parse_long(optarg, 1, 100000, &keep) != 0) {
				cmd_error(&cmd_audit, "--keep-days is a number of days, 1 or more");
				return EXIT_USAGE;
			}
			break;
		default:
			return cmd_usage(&cmd_audit);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_audit);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *cause = NULL;
	if (keep) {
		int64_t removed = 0;
		if (audit_set_keep_days(db, (int)keep, (int64_t)time(NULL), &removed, &cause) !=
		    0) {
			cmd_error(&cmd_audit, "%s", cause);
			free(cause);
			return EXIT_DATA;
		}
		fprintf(stderr,
		        TR(ctx->lang, "audit log: kept for %ld days; %lld older entries removed\n",
		           "granskningsloggen: sparas i %ld dagar; %lld äldre poster borttagna\n"),
		        keep, (long long)removed);
	}
	int rc;
	int64_t from = (int64_t)since * 86400;
	if (fmt == 1) {
		struct strbuf sb = STRBUF_INIT;
		struct jsonw w;
		jsonw_init(&w, &sb);
		jsonw_obj(&w);
		jsonw_kint(&w, "keep_days", audit_keep_days(db));
		jsonw_key(&w, "entries");
		jsonw_arr(&w);
		rc = audit_list(db, from, -1, json_row, &w, &cause);
		jsonw_end_arr(&w);
		jsonw_end_obj(&w);
		if (rc == 0)
			printf("%s\n", strbuf_cstr(&sb));
		strbuf_free(&sb);
	} else {
		rc = audit_list(db, from, -1, text_row, stdout, &cause);
	}
	if (rc != 0) {
		cmd_error(&cmd_audit, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

const struct command cmd_audit = {
    .name = "audit",
    .usage = "audit [--since YYYY-MM-DD] [--format text|json] [--keep-days N]",
    .summary = "who did what, when and from where: logins, imports, changes",
    .help = "Prints the workspace's audit log, oldest first: dashboard logins and failed\n"
            "logins, imports, categorizations, overrides, plan --apply and --undo, and\n"
            "user changes (add, remove, passwd), from the command line and the\n"
            "dashboard alike. Each entry: the time (UTC), who (the dashboard user, or\n"
            "the system user who ran the command; for a failed login the name that was\n"
            "tried), from where (the client's address, or 'local' for a command), the\n"
            "action and what it touched.\n"
            "\n"
            "Options:\n"
            "  --since DATE       entries from that day (UTC) on\n"
            "  --format FMT       text (default: time, who, address, action, detail) or\n"
            "                     json ({\"keep_days\", \"entries\": [{id, at, actor, address,\n"
            "                     action, detail}]})\n"
            "  --keep-days N      keep entries for N days from now on (default 365) and\n"
            "                     remove older ones at once\n"
            "\n"
            "The log is bounded: entries older than the kept days, and all but the newest\n"
            "1 000 000, are removed as new ones come. Admins see it in the dashboard too\n"
            "(Users page). See docs/dashboard.md.\n"
            "\n"
            "Examples:\n"
            "  fokus audit --since 2025-06-01\n"
            "  fokus audit --format json | jq '.entries[] | select(.action == \"login-failed\")'\n"
            "  fokus audit --keep-days 90\n",
    .order = 910,
    .run = audit_run,
};
