/* helpgen.h — every form of the program's own help, from the one command
 * table: `fokus --help`, `fokus help NAME`, the man page fokus(1) (`fokus
 * help --man`) and the bash completion (`fokus help --bash-completion`).
 * The man page holds the same text as the help, so they cannot disagree. */
#ifndef FOKUS_HELPGEN_H
#define FOKUS_HELPGEN_H
#include <stdio.h>

#include "cmd.h"

/* The text of `fokus --help`: the commands in their order, the global
 * options, the exit status. */
void helpgen_overview(FILE *f);

/* The text of `fokus help NAME`. */
void helpgen_command(FILE *f, const struct command *c);

/* The man page in roff (man(7) macros): NAME, SYNOPSIS, DESCRIPTION (the
 * overview), COMMANDS (each command's help, verbatim), ENVIRONMENT, FILES.
 * date is "YYYY-MM-DD" for the header. */
void helpgen_man(FILE *f, const char *date);

/* A bash completion script for fokus: commands, their subcommands, their
 * options (every --option in the usage and help), and the values an option
 * lists in the usage ("--format text|csv|json"). */
void helpgen_bash(FILE *f);

/* The commands ordered as `fokus --help` lists them, in a fresh array of
 * cmd_count entries the caller frees. */
const struct command **helpgen_sorted(void);

#endif
