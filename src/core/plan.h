/* plan.h — the coverage plan (issue 5): who keeps which customer, the
 * workload and capacity per person, the headcount per role, a what-if of
 * today against the plan, and the lists each person works from (next
 * contact due, visits spread over the coming weeks, newsletter dates).
 * Pure: computes on a dataset, the categories of a snapshot and the contact
 * policy; the formulas are in docs/plan.md. */
#ifndef FOKUS_PLAN_H
#define FOKUS_PLAN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/policy.h"

/* Everything the plan is computed from. Loaded by store_plan_inputs()
 * (store/plan.h) or built by hand in tests; freed by plan_inputs_free(). */
struct plan_inputs {
	struct dataset ds;    /* customers, sellers, orders, activities */
	int8_t *cat;          /* per customer: enum category, CAT_NONE when not categorized */
	int64_t *potential;   /* per customer: potential per year from the snapshot (minor
	                       * units), -1 unknown; NULL when none is known */
	struct policy policy; /* the contact policy */
	int64_t snapshot_id;  /* where cat came from (0: hand-made) */
};

struct plan_params {
	double field_share;   /* share of hours_per_year for customer work (0..1], default 0.5 */
	double road_factor;   /* road km per great-circle km, default 1.3 */
	double speed_kmh;     /* average travel speed, default 70 */
	double default_hours; /* hours_per_year of a seller who has none, default 1720 */
	int32_t as_of;        /* last day of the what-if window; DAYS_NONE: the latest activity */
};

/* Why a customer went where it went (machine codes in plan_reason_code). */
enum plan_reason {
	PR_KEPT = 0,      /* the current owner has the role and the room */
	PR_NO_OWNER,      /* no current owner: placed with the nearest person with room */
	PR_OWNER_UNKNOWN, /* the owner's seller_id is not in the sellers list */
	PR_ROLE_MISMATCH, /* the owner has another role than the category needs */
	PR_OWNER_FULL,    /* the owner has the role but no room left */
	PR_OVER_CAPACITY, /* nobody of the role has room: placed anyway, see docs */
	PR_NO_ROLE,       /* nobody in the team has the role: not placed */
	PR_NO_CATEGORY,   /* not in the snapshot: not placed */
	PR_COUNT
};

struct plan_assign {
	int32_t from;          /* current owner (seller index), -1 none or unknown */
	int32_t to;            /* planned owner (seller index), -1 when not placed */
	int8_t cat;            /* enum category or CAT_NONE */
	uint8_t reason;        /* enum plan_reason */
	bool located;          /* the customer has coordinates */
	bool travel_estimated; /* the distance was unknown: the role's average was used */
	double km;             /* one-way great-circle km from `to`'s home (the role's average
	                        * when travel_estimated); -1 when unknown and without visits */
	double contact_hours;  /* per year, from the policy */
	double travel_hours;   /* per year: visits x round trip */
	double hours;          /* contact_hours + travel_hours */
	int64_t value;         /* order value in the window (minor units): placement order */
};

struct plan_person {
	enum role role;
	bool has_home;
	double capacity_hours; /* hours_per_year x field_share */
	double hours, contact_hours, travel_hours;
	double visits, calls; /* planned per year */
	int customers, kept, gained, lost;
	int over_capacity_customers; /* customers placed here with PR_OVER_CAPACITY */
	bool over;                   /* hours > capacity_hours */
};

struct plan_headcount {
	enum role role;
	int customers;              /* categorized customers whose category needs this role */
	double workload_hours;      /* their hours per year */
	double capacity_per_person; /* mean capacity of the role's persons (or the default) */
	double needed;              /* workload_hours / capacity_per_person */
	int available;              /* persons with the role */
};

struct plan_whatif_cat {
	int customers;
	double visits_today, visits_plan;           /* per year */
	double field_hours_today, field_hours_plan; /* visits + travel, per year */
	int64_t value_today;                        /* order value in the window, minor units */
	int customers_visited, customers_unvisited; /* with and without a visit in the window */
	int64_t value_visited;                      /* order value of the visited ones */
	bool has_value_per_visit;                   /* visits_today > 0 */
	double value_per_visit_avg;                 /* value_today / visits_today */
	double value_per_visit;     /* value of a visit: (mean value visited - mean value not
	                             * visited) / visits per visited customer, >= 0; the
	                             * average when everyone (or no one) was visited */
	bool has_potential;         /* some customer's potential is known */
	int64_t potential;          /* sum of the known potentials, minor units */
	double value_effect_linear; /* extra visits x value per visit */
	double value_effect;        /* the estimate: linear, at most the potential, at least
	                             * -value_today (minor units; 0 when unknown) */
};

struct plan_whatif {
	int32_t from, to; /* the window (inclusive); to = DAYS_NONE when there is no activity */
	size_t activities_in_window;
	struct plan_whatif_cat cat[CAT_COUNT];
	double field_hours_freed_cat3; /* today - plan for category 3 */
	double extra_visits_1_2;       /* plan - today, categories 1, 2R, 2P */
	double value_effect_total;     /* estimate, minor units */
};

struct plan_result {
	struct plan_params params;
	struct plan_assign *assign; /* one per customer, in dataset order */
	size_t nassign;
	struct plan_person *person; /* one per seller, in dataset order */
	size_t nperson;
	struct plan_headcount headcount[ROLE_COUNT]; /* [ROLE_NONE] unused */
	struct plan_whatif whatif;
	double fallback_km[ROLE_COUNT]; /* average one-way km used when a distance is unknown */
	bool fallback_known[ROLE_COUNT];
	int role_needed[ROLE_COUNT]; /* categorized customers per role */
	int unlocated;               /* customers without coordinates in categories with visits */
	int no_home;                 /* sellers of a role with visits but no home location */
	int kept;                    /* placed with their current owner */
	int moved;                   /* from one person to another */
	int newly;                   /* had no (known) owner, now placed */
	int unplaced;                /* no_role or no_category */
	int over_capacity_customers;
	int32_t *order; /* customer indexes in placement order (see docs/plan.md) */
};

/* The defaults above (as_of = DAYS_NONE). */
void plan_params_default(struct plan_params *p);

/* Computes the plan. Never fails (bad or missing data shows in the result's
 * reasons and counts). Returns a result the caller frees with
 * plan_result_free(); the inputs must outlive it. */
struct plan_result *plan_compute(const struct plan_inputs *in, const struct plan_params *p);
void plan_result_free(struct plan_result *r);
/* Frees what the inputs own (dataset, cat, potential), not the struct. NULL-safe. */
void plan_inputs_free(struct plan_inputs *in);

/* "kept", "no_owner", "owner_unknown", "role_mismatch", "owner_full",
 * "over_capacity", "no_role", "no_category". */
const char *plan_reason_code(enum plan_reason r);
/* A short phrase for people, e.g. "owner has another role" / "ägaren har en annan roll". */
const char *plan_reason_text(enum plan_reason r, int lang);

/* The role the policy gives a category (ROLE_NONE for CAT_NONE). */
enum role plan_role_of(const struct policy *pol, int cat);
/* True when some category of the role gets visits (travel matters). */
bool plan_role_has_visits(const struct policy *pol, enum role role);
/* Contact minutes per year of one customer of the category (all channels). */
double plan_contact_minutes(const struct policy *pol, int cat);

/* --- the lists each person works from ------------------------------------ */

/* Last contact (visit, phone, e-mail or meeting) and last visit per customer,
 * DAYS_NONE when none: fills last_contact[i] and last_visit[i] (ncustomers
 * entries each, caller-allocated). */
void plan_last_contacts(const struct dataset *ds, int32_t *last_contact, int32_t *last_visit);

/* The day the next contact is due: last + 365 / (visits + calls per year),
 * rounded to whole days; `today` when never contacted; DAYS_NONE when the
 * category has no visits or calls. */
int32_t plan_next_due(const struct policy *pol, int cat, int32_t last_contact, int32_t today);

/* The newsletter send dates of the coming year: n = round(per_year) dates
 * (at most 12), spaced 12/n whole months, each the first working day
 * (days_workday_se: Mon-Fri, not a Swedish public holiday) on or after the
 * first day of its month; the first month
 * is the next month after `today` whose number - 1 is a multiple of 12/n
 * (with n = 4: the next quarter). Writes up to max dates to out; returns
 * how many. */
int plan_newsletter_dates(double per_year, int32_t today, int32_t *out, int max);

struct plan_visit {
	int32_t cust;
	int32_t day;      /* a working day (days_workday_se) */
	int start_min;    /* minutes after midnight */
	int duration_min; /* the policy's visit minutes */
	int travel_min;   /* one way, as modelled */
	int32_t due;      /* the day the visit was due */
};

struct plan_schedule_opts {
	int32_t start;      /* first day that may hold a visit (skips to a working day) */
	int weeks;          /* horizon: visits due before start + 7 x weeks */
	int day_start_min;  /* first departure, default 8:00 = 480 */
	double day_minutes; /* field minutes per working day: 8 h x field_share by default */
};

/* Spreads person `seller`'s due visits over the coming weeks (docs/plan.md,
 * "Visit calendar"). Returns an array of *n visits sorted by (day, start) that
 * the caller frees; *not_fitted counts due visits that found no room before
 * the horizon. last_visit as from plan_last_contacts. */
struct plan_visit *plan_schedule_visits(const struct plan_inputs *in, const struct plan_result *r,
                                        int32_t seller, const int32_t *last_visit,
                                        const struct plan_schedule_opts *o, size_t *n,
                                        size_t *not_fitted);

#endif
