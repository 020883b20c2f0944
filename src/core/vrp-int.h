/* vrp-int.h — internal to src/core/vrp.c (the route search) and
 * src/core/vrp-ops.c (its operators): the solver's state, the route
 * representation and its constants, and the operators the search calls.
 * Not for other files: they use vrp.h. */
#ifndef FOKUS_VRP_INT_H
#define FOKUS_VRP_INT_H
#include <stdbool.h>
#include <stddef.h>

#include "core/rng.h"
#include "core/vrp.h"

#define EPS 1e-7

/* SISR parameters (the paper's values where it gives them). */
#define SISR_CBAR 10.0  /* average number of removed visits */
#define SISR_LMAX 10.0  /* longest removed string */
#define SISR_SPLIT 0.5  /* probability of a split string */
#define SISR_DEPTH 0.01 /* split depth */
#ifndef SISR_DEPTH_GROW
#define SISR_DEPTH_GROW (1.0 - SISR_DEPTH)
#endif
#define SISR_BLINK 0.01 /* probability of skipping an insertion position */
#define SA_T0 10.0      /* start temperature, in average arc costs */
#define SA_TF 0.05      /* final temperature, in average arc costs */

struct rt {
	int len;     /* nodes in the route, without the two pseudo nodes */
	int *seq;    /* len + 2 node ids */
	double *E;   /* earliest service start per position */
	double *L;   /* latest service start per position */
	int *eloc;   /* effective location per position */
	int *nxt;    /* next position with a location (> p) */
	double load; /* sum of demands */
	double cost; /* sum of arc costs */
	int ncust;   /* nodes that are not breaks */
	int bad;     /* first position whose window is violated, 0 when none */
};

struct sol {
	struct rt *r;
	int *route_of; /* per node: route, -1 when unserved */
	int *pos_of;   /* per node: position in its route */
	double arc;    /* sum of route costs */
	double pen;    /* sum of penalties of unserved nodes */
};

struct solver {
	const struct vrp_problem *p;
	int n, nv, nall, nloc;
	double *T, *C; /* nloc x nloc travel time and cost */
	int *loc;      /* nall entries (nodes, then two pseudo nodes per vehicle) */
	double *ready, *due, *svc, *dem, *pen;
	int *vmin, *vmax;
	double *cap;
	int *vclass; /* vehicles with equal class are interchangeable when empty */
	int *adj;    /* per node: other nodes nearest first (adjn each) */
	int adjn;
	double bigm; /* penalty of an unserved mandatory node */
	struct rng rng;
	struct sol cur, work, best;
	/* scratch */
	int *removed;
	int nremoved;
	int *ruined; /* per route: ruined in this iteration */
	int *dirty;  /* list of routes changed in this iteration */
	int ndirty;
	char *isdirty;
	int *class_seen;
	double *key;
	int maxlen; /* capacity of route arrays */
};

#define TT(s, a, b) ((s)->T[(size_t)(a) * (s)->nloc + (b)])
#define CC(s, a, b) ((s)->C[(size_t)(a) * (s)->nloc + (b)])

/* The operators (vrp-ops.c). Routes: rt_update recomputes route v's
 * per-position data after its seq changed (and keeps x->arc); rt_insert puts
 * node after position p of route v and updates it. */
void vrp_rt_update(struct solver *s, struct sol *x, int v);
void vrp_rt_insert(struct solver *s, struct sol *x, int v, int p, int node);
/* Cheapest feasible insertion of u over all routes, skipping positions at
 * random with probability blink: true with *bv, *bp and the cost *bd when
 * one is found. */
bool vrp_best_insertion(struct solver *s, struct sol *x, int u, double blink, int *bv, int *bp,
                        double *bd);
/* Ruin: removes strings of visits around a random seed visit (SISR) into
 * s->removed. Recreate: inserts s->removed again, cheapest first, in a
 * random order, with blinks. */
void vrp_ruin(struct solver *s, struct sol *x);
void vrp_recreate(struct solver *s, struct sol *x, double blink);
/* Relocate, 2-opt* and 2-opt until none improves x. */
void vrp_local_search(struct solver *s, struct sol *x);

#endif
