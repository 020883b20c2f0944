/* cmd.c — what every command shares (declared in cmd.h): the workspace on
 * first use, error and usage messages, --lang, --format and --keep, and the
 * --out file. Kept out of main.c so unit tests can call commands' code. */
#include "cmd.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/snapshot.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sqlite3 *cmd_db(struct cmd_ctx *ctx)
{
	if (ctx->db)
		return ctx->db;
	char *cause = NULL;
	if (db_open(ctx->db_path, &ctx->db, &cause) != 0) {
		fprintf(stderr, "fokus: %s\n", cause ? cause : "cannot open the workspace");
		free(cause);
		ctx->db = NULL;
	}
	return ctx->db;
}

int cmd_parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

void cmd_audit_note(struct cmd_ctx *ctx, const char *action, const char *fmt, ...)
{
	va_list ap;
	char *detail = NULL, *cause = NULL, *who = NULL;
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return;
	va_start(ap, fmt);
	if (vasprintf(&detail, fmt, ap) < 0)
		detail = NULL;
	va_end(ap);
	who = audit_system_user();
	if (audit_add(db, (int64_t)time(NULL), who, AUDIT_LOCAL, action, detail ? detail : "",
	              &cause) != 0) {
		fprintf(stderr, "fokus: warning: cannot write the audit log: %s\n", cause);
		free(cause);
	}
	free(who);
	free(detail);
}

void cmd_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "fokus %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cmd_lang(const struct command *cmd, const char *arg, enum lang *out)
{
	if (lang_parse(arg, out) == 0)
		return 0;
	cmd_error(cmd, "--lang is sv or en, not '%s'", arg);
	return -1;
}

int cmd_format(const struct command *cmd, const char *arg, const char *const *names)
{
	int n = 0;
	while (names[n])
		n++;
	for (int i = 0; i < n; i++)
		if (!strcmp(arg, names[i]))
			return i;
	char list[256] = "";
	for (int i = 0; i < n; i++) {
		size_t l = strlen(list);
		snprintf(list + l, sizeof(list) - l, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
			 names[i]);
	}
	cmd_error(cmd, "--format is %s, not '%s'", list, arg);
	return -1;
}

int cmd_keep_parse(const struct command *cmd, const char *arg, int *out)
{
	char *end;
	long k = strtol(arg, &end, 10);
	if (*end || end == arg || k < 1 || k > 1000000) {
		cmd_error(cmd, "--keep wants a number of snapshots, 1 or more, not '%s'", arg);
		return -1;
	}
	*out = (int)k;
	return 0;
}

int cmd_keep_apply(const struct command *cmd, struct cmd_ctx *ctx, struct sqlite3 *db, int keep)
{
	long long removed;
	char *cause = NULL;
	if (store_snapshot_keep(db, keep, &removed, &cause) != 0) {
		cmd_error(cmd, "%s", cause);
		free(cause);
		return -1;
	}
	fprintf(stderr,
		TR(ctx->lang, "Removed %lld snapshot(s); the %d newest are kept.\n",
		   "Tog bort %lld ögonblicksbild(er); de %d senaste finns kvar.\n"),
		removed, keep);
	return 0;
}

int cmd_usage(const struct command *cmd)
{
	fprintf(stderr, "usage: fokus %s\ntry 'fokus help %s'\n", cmd->usage, cmd->name);
	return EXIT_USAGE;
}

FILE *cmd_open_out(const struct command *cmd, const char *path)
{
	if (!path || !strcmp(path, "-"))
		return stdout;
	FILE *f = fopen(path, "wb");
	if (!f)
		cmd_error(cmd, "cannot write %s: %s", path, strerror(errno));
	return f;
}

int cmd_close_out(const struct command *cmd, FILE *f, const char *path)
{
	int bad = ferror(f);
	if (f == stdout) {
		if (fflush(f) != 0)
			bad = 1;
	} else if (fclose(f) != 0) {
		bad = 1;
	}
	if (bad) {
		cmd_error(cmd, "writing %s failed", path && strcmp(path, "-") ? path : "the output");
		return -1;
	}
	return 0;
}
