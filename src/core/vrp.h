/* vrp.h — the vehicle-routing optimizer: vehicles with their own start/end
 * places, working hours and capacity; nodes (visits) with time windows,
 * service times, demands, the vehicles allowed to serve them, and a penalty
 * for leaving them out (optional visits with a priority) or none (mandatory).
 * Pure computation: the caller gives the travel source as a callback, the
 * optimizer reads it once into matrices. No I/O, no printing.
 *
 * Objective: minimize  sum of arc costs  +  sum of penalties of unserved
 * nodes, where an unserved mandatory node counts more than any route can cost
 * (so feasibility comes first). Solomon VRPTW is the special case with all
 * nodes mandatory, cost = travel time = Euclidean distance, and as many
 * identical vehicles as the instance allows.
 *
 * The method (docs/routes.md): greedy cheapest insertion, then ruin and
 * recreate with slack induction by string removals (Christiaens & Vanden
 * Berghe 2020) under simulated-annealing acceptance, with local search on new
 * best solutions. Deterministic for a given seed when only an iteration limit
 * stops it; a time limit is the one source of nondeterminism. */
#ifndef FOKUS_VRP_H
#define FOKUS_VRP_H
#include <stdint.h>

/* vrp_node.penalty for a node that must be served. */
#define VRP_MANDATORY (-1.0)

struct vrp_node {
	/* Location index (0..nloc-1) in the travel source, or -1 for a break:
	 * it happens where the vehicle is, right after the previous stop (the
	 * drive to the next stop starts from that previous stop). A break must
	 * be mandatory and belong to one vehicle (vmin == vmax). */
	int loc;
	double demand;     /* >= 0, counted against the vehicle's capacity */
	double ready, due; /* service starts within [ready, due] */
	double service;    /* duration of the stay, >= 0 */
	double penalty;    /* cost when unserved (>= 0), or VRP_MANDATORY */
	int vmin, vmax;    /* vehicles allowed: vmin..vmax inclusive */
};

struct vrp_vehicle {
	int start_loc, end_loc; /* locations of the start and the end */
	double start, end;      /* leaves start_loc at >= start; arrives at end_loc by <= end */
	double capacity;
};

/* Travel between two locations: *time (same unit as the time windows) and
 * *cost (what the objective sums: a distance, or the time again). */
typedef void (*vrp_travel_fn)(void *ctx, int from, int to, double *time, double *cost);

struct vrp_problem {
	int nloc;
	int nnodes;
	const struct vrp_node *nodes;
	int nvehicles;
	const struct vrp_vehicle *vehicles;
	vrp_travel_fn travel;
	void *travel_ctx;
};

struct vrp_options {
	uint64_t seed;
	double time_limit;   /* seconds of wall time, 0 = none */
	long max_iterations; /* ruin-and-recreate iterations, 0 = none */
	int cpu_time;        /* 1: time_limit counts this thread's CPU time instead
	                      * (benchmarks on a shared machine) */
	                     /* At least one of the two limits must be set. With both, the search
	                      * stops at whichever comes first. */
};

struct vrp_solution {
	int nvehicles;
	int *route_start; /* nvehicles + 1 offsets into order[] */
	int *order;       /* served node indices, vehicle by vehicle, in visiting order */
	int nunserved;
	int *unserved;  /* node indices, ascending */
	double cost;    /* sum of arc costs over all routes */
	double penalty; /* sum of penalties of unserved optional nodes */
	int mandatory_unserved;
	long iterations;    /* ruin-and-recreate iterations done */
	double seconds;     /* wall time spent */
	double cpu_seconds; /* CPU time spent by the calling thread */
};

/* Solves the problem. Returns 0 and fills *out (free with
 * vrp_solution_free), or -1 with *cause (a sentence the caller frees) when
 * the problem is malformed (bad indexes, no limit, a break without its own
 * vehicle...). A problem whose mandatory nodes cannot all be served is not
 * an error: out->mandatory_unserved says how many were left out. */
int vrp_solve(const struct vrp_problem *p, const struct vrp_options *opt, struct vrp_solution *out,
              char **cause);

/* Frees what vrp_solve allocated in *s (not s itself). NULL-safe. */
void vrp_solution_free(struct vrp_solution *s);

/* Times along one route of the problem (nodes seq[0..len-1] on vehicle v),
 * served as early as possible but leaving the start as late as that allows:
 * depart (leaving the start), arrive[i] and begin[i] (service start; waits
 * when begin > arrive), back (arrival at the end), and the route's summed
 * travel time and cost. Any output pointer may be NULL. Returns 0, or -1
 * when the route is infeasible by its time windows (the times are still
 * filled as computed). */
int vrp_route_times(const struct vrp_problem *p, int v, const int *seq, int len, double *depart,
                    double *arrive, double *begin, double *back, double *travel_time,
                    double *travel_cost);

#endif
