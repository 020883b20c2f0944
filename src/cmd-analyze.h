/* cmd-analyze.h — what `fokus analyze`, `fokus compare` and `fokus
 * uncontacted` share: loading the workspace and the snapshot's categories,
 * revenue and potential, and the options of the period. */
#ifndef FOKUS_CMD_ANALYZE_H
#define FOKUS_CMD_ANALYZE_H
#include <stdint.h>
#include <stdio.h>

#include "app/snapinput.h"
#include "cmd.h"
#include "core/analysis.h"
#include "core/dataset.h"

/* The workspace and a snapshot's categories, revenue and potential
 * (app/snapinput.h), as app/analysis.c loads them. */
struct cmd_analyze_input {
	struct app_snapinput si;
};

/* Loads customers, sellers, orders and activities, and snapshot `snapshot`
 * (0: the latest) into *in (app_analysis_load). On failure prints one sentence for `cmd` and
 * returns EXIT_DATA (EXIT_USAGE for a snapshot that does not exist);
 * EXIT_OK on success. Free with cmd_analyze_input_free. */
int cmd_analyze_load(struct cmd_ctx *ctx, const struct command *cmd, int64_t snapshot,
                     struct cmd_analyze_input *in);
void cmd_analyze_input_free(struct cmd_analyze_input *in);

/* Parses a YYYY-MM-DD option value; prints and returns -1 when it is not one. */
int cmd_analyze_date(const struct command *cmd, const char *opt, const char *s, int32_t *out);

/* Parses "FROM..TO" (two ISO dates) for compare. Returns 0 or -1 (after printing). */
int cmd_analyze_range(const struct command *cmd, const char *opt, const char *s, int32_t *from,
                      int32_t *to);

/* Computes the analysis for the period (DAYS_NONE ends take the default
 * period; app_analysis_compute). Prints and returns EXIT_DATA when there is nothing to analyze. */
int cmd_analyze_compute(const struct command *cmd, const struct cmd_analyze_input *in,
                        const struct analysis_params *p, struct analysis *a);

/* For reports of other commands (fokus demo): the analysis of the
 * workspace with the latest snapshot over the default period, written as
 * the html section of analysis_html_section (call between html_begin and
 * html_end). When `findings` is not NULL the findings are also printed
 * there as numbered lines ("1. ... — at stake 1 234 kr"). Returns EXIT_OK,
 * or an exit code after printing one sentence for `cmd` (e.g. nothing
 * categorized yet). */
int cmd_analyze_report(struct cmd_ctx *ctx, const struct command *cmd, FILE *html, FILE *findings,
                       enum lang lang);

#endif
