/* cmd-report.h — what `fokus report` shares with the other snapshot commands. */
#ifndef FOKUS_CMD_REPORT_H
#define FOKUS_CMD_REPORT_H

#include "app/categorize-run.h"
#include "cmd.h"

/* categorize_run_view for a command: prints "no categorization yet", "there
 * is no snapshot N" or the cause as the command's error. Returns 0, or
 * EXIT_DATA after printing. */
int categorize_run_view_cmd(const struct command *cmd, struct sqlite3 *db, int64_t id,
                            struct snapshot *s, struct catview *v);

#endif
