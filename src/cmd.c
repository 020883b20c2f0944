/* cmd.c — what every command shares (declared in cmd.h): the workspace on
 * first use, error and usage messages, the option parsers (--lang, --format,
 * --snapshot, --keep, whole numbers, numbers, shares, money), and the
 * --out file. Kept out of main.c so unit tests can call commands' code. */
#include "cmd.h"
#include "io/number.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/snapshot.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
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
	const char *d = *s == '-' ? s + 1 : s;
	if (!isdigit((unsigned char)*d))
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int cmd_parse_u64(const char *s, uint64_t *out)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || errno)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

/* One value read by io/number.c's rule for a lone cell: its own separators
 * decide the decimal one when they can, else number_decide's fallback. */
static int parse_decimal(const char *s, struct numval *v)
{
	struct numstat st = {0};
	enum numfmt f;
	size_t n = strlen(s);
	number_observe(&st, s, n);
	number_decide(&st, &f);
	return number_parse(s, n, f, v) == 0 ? 0 : -1;
}

int cmd_parse_number(const char *s, double lo, double hi, double *out)
{
	struct numval v;
	if (parse_decimal(s, &v) != 0)
		return -1;
	double x = number_double(&v);
	if (!isfinite(x) || x < lo || x > hi)
		return -1;
	*out = x;
	return 0;
}

int cmd_parse_money(const char *s, int64_t *out)
{
	struct numval v;
	if (parse_decimal(s, &v) != 0)
		return -1;
	return number_minor(&v, out);
}

int cmd_opt_long(const struct command *cmd, const char *opt, const char *arg, long lo, long hi,
                 long *out)
{
	if (cmd_parse_long(arg, lo, hi, out) == 0)
		return 0;
	if (hi == LONG_MAX)
		cmd_error(cmd, "%s wants a whole number, %ld or more, not '%s'", opt, lo, arg);
	else
		cmd_error(cmd, "%s wants a whole number from %ld to %ld, not '%s'", opt, lo, hi,
		          arg);
	return -1;
}

int cmd_opt_int(const struct command *cmd, const char *opt, const char *arg, int lo, int hi,
                int *out)
{
	long v;
	if (cmd_opt_long(cmd, opt, arg, lo, hi, &v) != 0)
		return -1;
	*out = (int)v;
	return 0;
}

int cmd_opt_money(const struct command *cmd, const char *opt, const char *arg, int64_t *out)
{
	if (cmd_parse_money(arg, out) == 0)
		return 0;
	cmd_error(cmd, "%s wants an amount such as 480000 or 1 234,50, not '%s'", opt, arg);
	return -1;
}

int cmd_opt_share(const struct command *cmd, const char *opt, const char *arg, double *out)
{
	size_t n = strlen(arg);
	int pct = n > 0 && arg[n - 1] == '%';
	char buf[64];
	double v;
	if (n < sizeof(buf)) {
		memcpy(buf, arg, n + 1);
		if (pct)
			buf[n - 1] = '\0';
		if (cmd_parse_number(buf, 0, 100, &v) == 0) {
			if (pct || v > 1)
				v /= 100.0;
			*out = v;
			return 0;
		}
	}
	cmd_error(cmd, "%s wants a share such as 25%% or 0.25, not '%s'", opt, arg);
	return -1;
}

int cmd_opt_snapshot(const struct command *cmd, const char *arg, int64_t *out)
{
	long v;
	if (cmd_parse_long(arg, 1, LONG_MAX, &v) == 0) {
		*out = v;
		return 0;
	}
	cmd_error(cmd, "--snapshot wants a snapshot id ('fokus history' lists them), not '%s'",
	          arg);
	return -1;
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
		snprintf(list + l, sizeof(list) - l, "%s%s",
		         i == 0       ? ""
		         : i == n - 1 ? " or "
		                      : ", ",
		         names[i]);
	}
	cmd_error(cmd, "--format is %s, not '%s'", list, arg);
	return -1;
}

int cmd_keep_parse(const struct command *cmd, const char *arg, int *out)
{
	long k;
	if (cmd_parse_long(arg, 1, 1000000, &k) != 0) {
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
		cmd_error(cmd, "writing %s failed",
		          path && strcmp(path, "-") ? path : "the output");
		return -1;
	}
	return 0;
}
