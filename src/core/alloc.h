/* alloc.h — the capacity-constrained allocation behind the coverage plan:
 * every item (customer) gets one person among its candidates and one
 * contact level, maximizing the total value minus the cost of moving items
 * away from their current person, with every person's hours within
 * capacity.
 *
 *   maximize   sum_i value_i(level_i) − move_cost · #{i : person_i ≠ from_i}
 *   subject to sum_{i at p} hours_ip(level_i) <= cap_p   for every person p
 *
 * value_i(l) = base_i + span_i · g[l] (g from the item's class: the
 * response curve at the level's contact), hours_ip(l) = visits[l] · a_ip +
 * fixed[l] (a_ip: hours per visit with travel from p's home). Levels come as
 * a table per class, shared by many items.
 *
 * Per person, the levels are a separable concave knapsack: over the upper
 * concave hull of each item's (hours, value) points, taking segments in
 * order of value per hour is the marginal analysis of CALLPLAN, exact up to
 * the last segment that does not fit. The assignment is a local search
 * (relocate an item, swap two items between persons of a group) screened
 * by each person's value of an hour at the margin and checked exactly.
 * Then loads within a group are balanced. Pure: no I/O, no static state. */
#ifndef FOKUS_ALLOC_H
#define FOKUS_ALLOC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct alloc_class {
	int nlev;
	const double *visits; /* per level: visits a year (each costs a_ip hours) */
	const double *fixed;  /* per level: hours a year without travel */
	const double *g;      /* per level: share of the item's span won, 0..1 */
};

struct alloc_item {
	int cls;           /* class index */
	double base, span; /* value(l) = base + span · g[l], span >= 0 */
	int32_t from;      /* current person, -1 none */
	int32_t pin;       /* pinned person (then the only candidate), -1 none */
	int16_t pin_level; /* with pin: the only level, -1 any */
	int ncand;
	const int32_t *cand; /* candidate persons */
	const double *a;     /* per candidate: hours per visit; < 0: no visits there */
};

struct alloc_person {
	double cap; /* hours a year */
	int group;  /* persons of one group (a role) are balanced against each other */
};

struct alloc_problem {
	int nitems, npersons, nclasses;
	const struct alloc_item *items;
	const struct alloc_person *persons;
	const struct alloc_class *classes;
	double move_cost; /* per item ending with another person than `from` (from >= 0) */
	double balance;   /* loads within ±balance of the group's mean load share where possible
	                   * (0.1), for groups using at least half their hours; 0 off */
};

struct alloc_opts {
	int max_passes;     /* of the local search (default 50) */
	double max_seconds; /* CPU budget of the local search, 0 none */
	bool swaps;         /* also swap pairs (default true) */
};

/* Why an item ended where it did (beyond keeping its person). */
enum alloc_move { AM_NONE = 0, AM_PLACED, AM_CAPACITY, AM_BALANCE };

struct alloc_solution {
	int32_t *person;  /* per item, -1 without candidates */
	int16_t *level;   /* per item */
	uint8_t *move;    /* per item: enum alloc_move for items that left `from` or were placed */
	double *hours;    /* per item at its person and level */
	double *value;    /* per item */
	double *load;     /* per person: hours */
	double *price;    /* per person: value of one more hour at the margin (0: room left) */
	double objective; /* sum of values − move costs */
	double value_sum; /* sum of values */
	int moved;        /* items with from >= 0 that ended elsewhere */
	int passes;       /* local-search passes */
	long evaluations; /* exact move evaluations */
	bool stopped;     /* the time budget ended the search */
};

void alloc_opts_default(struct alloc_opts *o);

/* Solves. Returns 0 and fills *s (free with alloc_solution_free); never
 * fails for a well-formed problem (every cand index in range, levels >= 1). */
int alloc_solve(const struct alloc_problem *p, const struct alloc_opts *o,
                struct alloc_solution *s);
void alloc_solution_free(struct alloc_solution *s);

/* The value person p's items of solution s would give with capacities
 * caps[0..n) (same items, levels chosen anew): values[k]. For what more
 * hours or one more person would be worth. */
void alloc_person_values(const struct alloc_problem *p, const struct alloc_solution *s, int person,
                         const double *caps, int n, double *values);

/* The levels of item i worth considering with candidate ci: those no other
 * allowed level beats on both hours and value (fewer hours and at least the
 * value, or the same hours and more value), ascending in hours. Writes up to
 * `max` level indexes to out; returns how many. For the exported model. */
int alloc_pair_levels(const struct alloc_problem *p, int i, int ci, int *out, int max);

/* Hours of item i at candidate ci and level l (-1: level not allowed there). */
double alloc_hours(const struct alloc_problem *p, int i, int ci, int l);
/* Value of item i at level l. */
double alloc_value(const struct alloc_problem *p, int i, int l);

#endif
