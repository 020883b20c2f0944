/* vrp-check.c — the solution checker of vrp-check.h. Deliberately plain:
 * one forward pass per route that calls the problem's travel source for
 * every leg, with a tolerance of 1e-6 on times and loads. It shares no code
 * with the optimizer in vrp.c. */
#include "core/vrp-check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define TOL 1e-6

static int violation(struct vrp_check *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int violation(struct vrp_check *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Walks route v; adds its cost to r->cost. Returns 0 or -1 (r->msg). */
static int check_route(const struct vrp_problem *p, int v, const int *seq, int len,
                       struct vrp_check *r)
{
	const struct vrp_vehicle *veh = &p->vehicles[v];
	double clock = veh->start, load = 0;
	int here = veh->start_loc;
	int located = 0;
	for (int i = 0; i < len; i++) {
		const struct vrp_node *x = &p->nodes[seq[i]];
		if (v < x->vmin || v > x->vmax)
			return violation(r,
			                 "visit %d is on vehicle %d, outside its vehicles %d..%d",
			                 seq[i], v, x->vmin, x->vmax);
		if (x->loc >= 0) {
			double t = 0, c = 0;
			if (x->loc != here)
				p->travel(p->travel_ctx, here, x->loc, &t, &c);
			clock += t;
			r->cost += c;
			here = x->loc;
			located++;
		}
		if (clock < x->ready)
			clock = x->ready;
		if (clock > x->due + TOL)
			return violation(
			    r,
			    "visit %d on vehicle %d starts at %.6f, after its window ends at %.6f",
			    seq[i], v, clock, x->due);
		clock += x->service;
		load += x->demand;
	}
	if (load > veh->capacity + TOL)
		return violation(r, "vehicle %d carries %.6f, more than its capacity %.6f", v, load,
		                 veh->capacity);
	double t = 0, c = 0;
	if (here != veh->end_loc)
		p->travel(p->travel_ctx, here, veh->end_loc, &t, &c);
	clock += t;
	r->cost += c;
	if (clock > veh->end + TOL)
		return violation(r, "vehicle %d is back at %.6f, after its end %.6f", v, clock,
		                 veh->end);
	if (located > 0)
		r->vehicles_used++;
	return 0;
}

int vrp_check(const struct vrp_problem *p, const struct vrp_solution *sol, struct vrp_check *r)
{
	memset(r, 0, sizeof(*r));
	if (sol->nvehicles != p->nvehicles)
		return violation(r, "the solution has %d routes for %d vehicles", sol->nvehicles,
		                 p->nvehicles);
	int *seen = xcalloc((size_t)p->nnodes + 1, sizeof(int));
	int rc = 0;
	for (int v = 0; v < sol->nvehicles && rc == 0; v++) {
		int a = sol->route_start[v], b = sol->route_start[v + 1];
		if (a > b) {
			rc = violation(r, "route %d has a negative length", v);
			break;
		}
		for (int k = a; k < b; k++) {
			int nd = sol->order[k];
			if (nd < 0 || nd >= p->nnodes) {
				rc = violation(r, "route %d names visit %d, which does not exist",
				               v, nd);
				break;
			}
			if (seen[nd]++) {
				rc = violation(r, "visit %d is served more than once", nd);
				break;
			}
			r->served++;
		}
		if (rc == 0)
			rc = check_route(p, v, sol->order + a, b - a, r);
	}
	for (int k = 0; k < sol->nunserved && rc == 0; k++) {
		int nd = sol->unserved[k];
		if (nd < 0 || nd >= p->nnodes)
			rc = violation(r, "unserved visit %d does not exist", nd);
		else if (seen[nd]++)
			rc = violation(r, "visit %d is both served and unserved, or listed twice",
			               nd);
		else if (p->nodes[nd].penalty < 0)
			rc = violation(r, "mandatory visit %d is not served", nd);
	}
	for (int i = 0; i < p->nnodes && rc == 0; i++)
		if (!seen[i])
			rc = violation(r, "visit %d is neither served nor listed as unserved", i);
	if (rc == 0 && fabs(r->cost - sol->cost) > TOL * (1.0 + fabs(r->cost)))
		rc = violation(r, "the solution claims cost %.6f, the routes cost %.6f", sol->cost,
		               r->cost);
	free(seen);
	return rc;
}
