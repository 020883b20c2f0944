/* cmd-plan.h — the plan options `fokus plan` and `fokus export` share. */
#ifndef FOKUS_CMD_PLAN_H
#define FOKUS_CMD_PLAN_H

#include "cmd.h"
#include "core/plan.h"

/* Handles one of the shared travel/capacity options (getopt codes 'F'
 * --field-share, 'R' --road-factor, 'S' --speed, 'H' --hours, 'M'
 * --move-cost, 'P' --person-cost, 'B' --balance; costs given in kr) into *pp.
 * Returns 1 when handled, 0 when c is not one of them, or -1 after printing
 * the complaint as cmd's error and its usage. */
int cmd_plan_param(const struct command *cmd, int c, const char *arg, struct plan_params *pp);

#endif
