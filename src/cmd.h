/* cmd.h — what every command file (src/cmd-*.c) sees.
 *
 * A command is one `const struct command cmd_NAME` record in its own file
 * src/cmd-NAME.c; the Makefile collects every `cmd_*` record into the table
 * that drives dispatch, `fokus --help` and `fokus help NAME`, so adding a
 * command is adding a file. */
#ifndef FOKUS_CMD_H
#define FOKUS_CMD_H

#include <stdint.h>
#include <stdio.h>

#include "util/i18n.h"

/* Exit codes, the same for every command. */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

struct sqlite3;

struct cmd_ctx {
	const char *db_path; /* --db, FOKUS_DB, or "fokus.db" */
	const char *prog;    /* "fokus" */
	enum lang lang;      /* lang_default() until a command's --lang changes it */
	struct sqlite3 *db;  /* opened by cmd_db() on first use, closed by main */
};

struct command {
	const char *name;    /* "import" */
	const char *usage;   /* "import customers|orders|activities|sellers FILE [options]" */
	const char *summary; /* one line for `fokus --help` */
	const char *help;    /* the whole text for `fokus help NAME`: options, examples */
	int order;           /* position in `fokus --help` (smaller first) */
	/* argv[0] is the command name; getopt_long may be used (optind is reset to 0
	 * before the call). Returns an exit code. */
	int (*run)(struct cmd_ctx *ctx, int argc, char **argv);
};

/* The workspace, opened (created and migrated when new) on first call. On
 * failure prints one sentence to stderr and returns NULL; callers return
 * EXIT_DATA. */
struct sqlite3 *cmd_db(struct cmd_ctx *ctx);

/* Prints "fokus NAME: <message>" to stderr. */
void cmd_error(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints the usage line and "try 'fokus help NAME'" to stderr; returns EXIT_USAGE. */
int cmd_usage(const struct command *cmd);

/* --lang for a command: sets *out, or prints "--lang is sv or en, not 'X'"
 * as cmd's error and returns -1. */
int cmd_lang(const struct command *cmd, const char *arg, enum lang *out);
/* --format for a command: the index of arg in the NULL-terminated names, or
 * -1 after printing "--format is text, csv or json, not 'X'" as cmd's error. */
int cmd_format(const struct command *cmd, const char *arg, const char *const *names);

/* The option parsers every command uses, so that `--snapshot 3abc` or
 * `--limit -1` is refused the same way everywhere.
 *
 * Pure ones: 0 and *out, or -1 (nothing printed).
 * - cmd_parse_long: a whole number lo..hi, decimal digits with an optional
 *   leading '-', nothing around it ("3abc", " 3", "+3", "3.0", "1e3" fail).
 * - cmd_parse_u64: a whole number 0..UINT64_MAX, digits only.
 * - cmd_parse_number: a number lo..hi with '.' or ',' as the decimal
 *   separator, read by io/number.c's rule for one cell (so "1,5" is 1.5 and
 *   "1,500" is 1500, as in an imported file; "1.5E+03", as spreadsheets
 *   write it, is 1500); "inf", "0x10", "" fail.
 * - cmd_parse_money: an amount in currency units ("480 000", "1 234,50",
 *   "1,234.50", "480000 kr") by the same rule, in minor units (x100). */
int cmd_parse_long(const char *s, long lo, long hi, long *out);
int cmd_parse_u64(const char *s, uint64_t *out);
int cmd_parse_number(const char *s, double lo, double hi, double *out);
int cmd_parse_money(const char *s, int64_t *out);

/* The same as options of cmd: 0 and *out, or -1 after printing, as cmd's
 * error, "OPT wants WHAT, not 'ARG'" (cmd_opt_long: "OPT wants a whole
 * number from LO to HI, not 'ARG'", or "..., LO or more" when HI is
 * LONG_MAX). */
int cmd_opt_long(const struct command *cmd, const char *opt, const char *arg, long lo, long hi,
                 long *out);
int cmd_opt_int(const struct command *cmd, const char *opt, const char *arg, int lo, int hi,
                int *out);
int cmd_opt_money(const struct command *cmd, const char *opt, const char *arg, int64_t *out);
/* A share: "25%", "25" (over 1: percent), "0.25" or "0,25" -> 0.25, within
 * 0..1; the message says "OPT wants a share such as 25% or 0.25". */
int cmd_opt_share(const struct command *cmd, const char *opt, const char *arg, double *out);
/* --snapshot ID: a snapshot id, a whole number 1 or more; the message says
 * "--snapshot wants a snapshot id ('fokus history' lists them), not 'ARG'". */
int cmd_opt_snapshot(const struct command *cmd, const char *arg, int64_t *out);

/* --keep N (snapshots to keep, 1 or more): sets *out, or prints why as
 * cmd's error and returns -1. */
int cmd_keep_parse(const struct command *cmd, const char *arg, int *out);
/* Removes every snapshot but the `keep` newest and says how many went (to
 * stderr). 0, or -1 after printing the error. */
int cmd_keep_apply(const struct command *cmd, struct cmd_ctx *ctx, struct sqlite3 *db, int keep);

/* Writes an entry to the workspace's audit log (store/audit.h) as the
 * system user running fokus, from "local": action and a printf-style
 * detail. A failure prints a warning and changes nothing else. */
void cmd_audit_note(struct cmd_ctx *ctx, const char *action, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* All commands (generated at build time), and their count. */
extern const struct command *const cmd_table[];
extern const unsigned cmd_count;

/* Opens --out FILE for writing, or stdout for NULL or "-". Returns NULL on
 * error (after printing). cmd_close_out closes unless stdout; returns -1 on a
 * write error (after printing). */
FILE *cmd_open_out(const struct command *cmd, const char *path);
int cmd_close_out(const struct command *cmd, FILE *f, const char *path);

#endif
