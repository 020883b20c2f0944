/* adherence.h — plan adherence (docs/follow-up.md §3): per seller and ISO
 * week, what the plan asks for (visits per category, calls, newsletters)
 * against what the activity log shows was done; the customers whose next
 * contact is overdue against their planned interval; and drift, the share
 * of visits going to category 3 creeping back. Pure: a dataset (with its
 * activities), the planned contacts per customer (core/planned.h) and a
 * period come in, a struct comes out. */
#ifndef FOKUS_ADHERENCE_H
#define FOKUS_ADHERENCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/planned.h"

/* What is counted: visits per category (1, 2R, 2P, 3, then customers
 * without a category), calls, newsletters. */
enum adh_measure {
	ADH_VISITS = 0,              /* ADH_VISITS + enum category: visits to that category */
	ADH_VISITS_NONE = CAT_COUNT, /* visits to customers without a category */
	ADH_CALLS,
	ADH_NEWSLETTERS,
	ADH_N
};

/* "visits_1" "visits_2R" "visits_2P" "visits_3" "visits_none" "calls" "newsletters" */
const char *adherence_measure_code(int m);

#define ADH_DRIFT_WEEKS 4     /* weeks compared at each end of the period */
#define ADH_DRIFT_MARGIN 0.05 /* share points above plan and above the start */

struct adh_cell {
	double planned[ADH_N]; /* contacts a year x days of the period in the week / 365 */
	int64_t done[ADH_N];   /* activities of the seller in the week */
};

/* Visits of all categories together. */
double adh_planned_visits(const struct adh_cell *c);
int64_t adh_done_visits(const struct adh_cell *c);

struct adh_seller {
	int32_t seller;        /* index into ds->sellers, -1 for the team */
	struct adh_cell *week; /* adherence.nweeks cells */
	struct adh_cell total;
	int64_t customers[CAT_COUNT];      /* owned (responsible for), per category */
	int64_t overdue[CAT_COUNT];        /* owned, next contact due before `to` */
	int64_t overdue_visits[CAT_COUNT]; /* owned, next visit due before `to` */
	int64_t never_contacted;           /* owned with a planned contact, never contacted */
	/* (the team's overdue and never-contacted counts include customers
	 * without a responsible person) */
	double cat3_first, cat3_last; /* share of the visits to category 3, first and last weeks */
	double cat3_planned;          /* the plan's share of visits to category 3 */
	bool drift;  /* see docs: cat3_last > planned + margin and > first + margin */
	bool active; /* owns customers or did something in the period */
};

struct adh_overdue {
	int32_t cust;
	int32_t owner; /* seller index or -1 */
	int32_t last;  /* last contact on or before `to`, DAYS_NONE never */
	int32_t due;   /* next contact due */
	int32_t days;  /* to - due */
};

struct adherence {
	int32_t from, to; /* the period, both included */
	int nweeks;
	int32_t week0;   /* the Monday of the first week */
	int drift_weeks; /* weeks at each end compared for drift */
	size_t nsellers;
	struct adh_seller *sellers; /* one per ds->sellers entry, same index */
	struct adh_seller team;
	struct adh_overdue *overdue; /* every overdue customer, most overdue first */
	size_t noverdue;
	int64_t activities_used; /* activities in the period with a known customer and seller */
};

/* Computes adherence over from..to (from <= to). pc has one entry per
 * customer of ds. Returns 0, or -1 with *cause (caller frees) for a bad
 * period. Free with adherence_free. */
int adherence_compute(const struct dataset *ds, const struct planned_contact *pc, int32_t from,
                      int32_t to, struct adherence *a, char **cause);
void adherence_free(struct adherence *a);

/* The customers with a planned contact, owned by `owner` (-1: anyone's),
 * whose next contact — last visit, call, e-mail or meeting on or before
 * last_day + 365 / (visits + calls a year), or never_due when never
 * contacted — falls before `before`; days = before - due. Most overdue
 * first. Returns the count and *out (caller frees). */
size_t adherence_overdue(const struct dataset *ds, const struct planned_contact *pc,
                         int32_t last_day, int32_t never_due, int32_t before, int32_t owner,
                         struct adh_overdue **out);

/* The Monday of week i, and its label "2026-W49". */
int32_t adherence_week_day(const struct adherence *a, int i);
const char *adherence_week_label(const struct adherence *a, int i, char buf[9]);

/* The default period (docs/follow-up.md): to = the latest activity, but not
 * before the day the plan was applied (applied, DAYS_NONE when never), or
 * `today` without activities; from = the Monday of the week the plan was
 * applied when that is not after `to`, else the Monday 11 weeks before
 * to's week (12 weeks). A day already set (not DAYS_NONE) is kept. */
void adherence_default_period(const struct dataset *ds, int32_t applied, int32_t today,
                              int32_t *from, int32_t *to);

#endif
