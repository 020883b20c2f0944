/* vrp-check.h — an independent checker for solutions of vrp.h problems:
 * written separately from the optimizer (it shares only the problem
 * structs) so that tests do not trust the optimizer's own bookkeeping. */
#ifndef FOKUS_VRP_CHECK_H
#define FOKUS_VRP_CHECK_H

#include "core/vrp.h"

struct vrp_check {
	double cost;       /* sum of arc costs, recomputed from the travel source */
	int vehicles_used; /* routes with at least one visit that has a place */
	int served;        /* nodes on routes */
	char msg[256];     /* first violation found, "" when none */
};

/* Checks `sol` against `p`: every node appears at most once over the
 * routes and the unserved list together, and exactly once in total; every
 * mandatory node is served; each node rides a vehicle it allows; no more
 * routes than vehicles; the load of each route within capacity; service
 * starts within each time window (waiting when early; a break happens where
 * the vehicle is); every route back by its vehicle's end time; and the
 * solution's cost equals the recomputed one (to 1e-6 relative). Returns 0
 * when all hold, -1 with r->msg naming the first violation. r may not be
 * NULL; r->cost etc. are filled either way as far as computed. */
int vrp_check(const struct vrp_problem *p, const struct vrp_solution *sol, struct vrp_check *r);

#endif
