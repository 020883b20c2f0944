/* lpmodel.h — the allocation problem of core/alloc.h written as a mixed
 * integer program in CPLEX LP format, so that any MILP solver (glpsol
 * --lp, CBC, HiGHS, CPLEX) can solve exactly what the plan solves and the
 * two objectives can be compared:
 *
 *   max  sum (value_il − move_cost_ip) x_ipl
 *   s.t. sum_{p,l} x_ipl = 1                   for every item i
 *        sum_{i,l} hours_ipl x_ipl <= cap_p     for every person p
 *        x_ipl binary
 *
 * over each item's candidates p and the levels l no other level beats at
 * that person (alloc_pair_levels: dominated levels can never be in an
 * optimum). Values are divided by `unit` (100: minor units to kr), hours as
 * they are. A person's capacity is raised to the hours pinned there when
 * those are more (the plan lets a pin put a person over capacity). The balance band is not in the
 * model (it can only lower the plan's objective, so the gap to this model's optimum is an upper
 * bound). Variables are named x<item>_<person>_<level> with 0-based indexes. */
#ifndef FOKUS_LPMODEL_H
#define FOKUS_LPMODEL_H
#include <stdio.h>

#include "core/alloc.h"

/* Writes the model to f. `title` goes into a comment line. Returns 0, or -1
 * when writing failed (ferror). */
int lpmodel_write(FILE *f, const struct alloc_problem *p, double unit, const char *title);

#endif
