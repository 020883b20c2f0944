/* route-plan.h — a field seller's coming days: which visits are due (policy
 * frequency per category and each customer's last visit), and the routes
 * that serve the most valuable ones first with the least driving, planned
 * by the optimizer of core/vrp.h. Pure: the dataset, the categories, the
 * policy and the travel source come in; a plan struct comes out.
 *
 * Places: place 0 is where each day starts and ends (the seller's home or
 * --start); place k >= 1 is the customer of due visit k - 1. The travel
 * source answers minutes and km between two places. */
#ifndef FOKUS_ROUTE_PLAN_H
#define FOKUS_ROUTE_PLAN_H
#include <stdbool.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/policy.h"

/* Priority of a served visit: the category's base weight times the overdue
 * factor 1 + min(days overdue / visit interval, 1). Base weights: */
#define ROUTE_WEIGHT_1 100.0
#define ROUTE_WEIGHT_2 10.0 /* 2R and 2P alike */
#define ROUTE_WEIGHT_3 1.0

struct route_visit {
	int32_t cust; /* index into dataset.customers */
	enum category cat;
	int32_t last_visit; /* day of the last visit before the plan, DAYS_NONE if never */
	int32_t due;        /* day it becomes due (the first planned day when never visited) */
	int32_t until;      /* the last day it may be made: the day before the customer's
	                     * next visit in the plan is due; DAYS_NONE when none is */
	double interval;    /* 365 / visits per year, days */
	int32_t overdue;    /* days overdue on the first planned day, >= 0 */
	double minutes;     /* length of the visit, from the policy */
	double weight;      /* priority (see above) */
	bool has_place;     /* the customer has coordinates */
};

/* Travel between places (see above): *minutes of driving and *km. */
typedef void (*route_leg_fn)(void *ctx, int a, int b, double *minutes, double *km);

/* The built-in source: great-circle distance x road factor at a speed. */
struct route_geo {
	const double *lat, *lon; /* per place */
	double road_factor;      /* e.g. 1.3 */
	double speed_kmh;        /* e.g. 70 */
};
void route_geo_leg(void *ctx, int a, int b, double *minutes, double *km);

/* A road matrix (e.g. from a file) with the great-circle source for the
 * pairs it lacks. minutes and km are n x n (row = from), NAN where missing. */
struct route_matrix {
	int n;
	const double *minutes, *km;
	const struct route_geo *fallback;
	long missing; /* pairs answered by the fallback so far */
};
void route_matrix_leg(void *ctx, int a, int b, double *minutes, double *km);

struct route_params {
	int day_start;            /* minutes after midnight, e.g. 480 */
	int day_length;           /* minutes of driving and visits per day, e.g. 480 */
	int lunch;                /* minutes of lunch break, 0 = none; it lengthens the day */
	int lunch_from, lunch_to; /* the lunch starts within this window */
	uint64_t seed;
	double time_limit; /* seconds for the optimizer */
	long iterations;   /* optimizer iterations, 0 = none (then time_limit rules) */
};

enum route_reason {
	ROUTE_NO_PLACE = 0, /* the customer has no coordinates */
	ROUTE_CLOSED,       /* the opening hours leave no room for the visit in the working day */
	ROUTE_TOO_FAR,      /* even alone, the round trip and the visit do not fit in a day */
	ROUTE_NO_TIME,      /* the days are full with visits of higher priority */
	ROUTE_REASON_COUNT
};
/* "no_place" "closed" "too_far" "no_time" */
const char *route_reason_code(enum route_reason r);
/* A sentence for people in lang (util/i18n.h enum lang). */
const char *route_reason_label(enum route_reason r, int lang);

struct route_stop {
	int visit;                 /* index into the due visits, -1 for the lunch break */
	double arrive, begin, end; /* minutes after midnight */
	double km, drive;          /* the leg from the previous place */
};

struct route_day {
	int32_t day;
	double leave, back; /* leaving the start, back at it (minutes after midnight) */
	double km, drive, visit_minutes, wait_minutes;
	double km_home, drive_home; /* the last leg */
	int nstops;
	struct route_stop *stops;
	int per_cat[CAT_COUNT]; /* visits per category */
};

struct route_unserved {
	int visit;
	enum route_reason reason;
};

struct route_plan {
	int ndays;
	struct route_day *days;
	int nunserved;
	struct route_unserved *unserved; /* highest priority first */
	int served;
	double km, drive;
	double weight_served, weight_due; /* priority served, and of all due visits */
	long iterations;
	double seconds;
};

/* The defaults of `fokus route` and of the dashboard's coming days: the day
 * starts at 08:00 with 8 h of driving and visits, no lunch (a lunch, when
 * asked for, starts between 11:30 and 13:00), seed 1, 2 s for the optimizer;
 * travel is great-circle km x ROUTE_ROAD_FACTOR at ROUTE_SPEED_KMH. */
#define ROUTE_ROAD_FACTOR 1.3
#define ROUTE_SPEED_KMH 70.0
void route_params_default(struct route_params *p);

/* The working days (Monday to Friday, not Swedish public holidays:
 * days_workday_se) from `from` on (from itself when it
 * is one): fills out[0..n-1]. */
void route_plan_days(int32_t from, int n, int32_t *out);

/* The visits due for seller `seller` (index into ds->sellers) by day
 * days[ndays-1]: customers the plan gives the seller with planned visits
 * (planned; NULL: customers owned by the seller at the policy's visits per
 * category), with a category (cat[i], CAT_NONE = skip); last visit = the
 * latest ACT_VISIT activity before days[0]. Due when last visit + 365/frequency
 * days <= the day; never-visited customers are due at once. A customer due
 * again within the plan has one visit per interval: the next is due an
 * interval after the previous one's due day (or after days[0] when that
 * was earlier), and the previous must be made before it (`until`); only
 * the first can be overdue. Returns the count and *out (highest weight
 * first; caller frees), never fails. */
/* Each customer's planned person and visits a year (the coverage plan,
 * core/plan.h): the route follows them. */
struct route_planned {
	const int32_t *owner; /* per customer: seller index, -1 none */
	const double *visits; /* per customer: visits a year, 0 none */
};

int route_plan_due(const struct dataset *ds, const int8_t *cat, const struct policy *pol,
                   const struct route_planned *planned, int32_t seller, const int32_t *days,
                   int ndays, struct route_visit **out);

/* Plans the days for the due visits (nvisits from route_plan_due) with the
 * travel source leg/ctx over places 0..nvisits. Returns 0 and *out (free
 * with route_plan_free), or -1 with *cause (caller frees) on bad parameters
 * or when the plan fails the independent check (core/vrp-check.h). */
int route_plan_solve(const struct dataset *ds, const struct route_visit *visits, int nvisits,
                     const int32_t *days, int ndays, const struct route_params *prm,
                     route_leg_fn leg, void *ctx, struct route_plan *out, char **cause);

/* Frees what route_plan_solve allocated (not p itself). NULL-safe. */
void route_plan_free(struct route_plan *p);

#endif
