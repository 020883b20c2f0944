/* plan.h — the coverage plan: with the people the team has, who contacts
 * which customer, through which channel, how often — and what more hours
 * or one more person would be worth. CALLPLAN's question, answered under
 * capacity:
 *   - every customer's yearly revenue answers to contact along its response
 *     curve (core/response.h);
 *   - per customer a responsible person of the role its category needs
 *     (the policy is the target) and a contact level (visits and calls a
 *     year, newsletters as the policy says), maximizing the expected yearly
 *     revenue (margin when the categorization used margin) minus the cost of
 *     moving customers between persons, with no one above capacity unless
 *     pinned (core/alloc.h does the optimizing);
 *   - workload, headcount, what more capacity is worth, value today
 *     against the plan with the model's uncertainty, balance and travel
 *     per person;
 *   - the pure parts of the lists each person works from (next contact
 *     due, visits spread over the coming weeks, newsletter dates), which
 *     follow each customer's planned frequency and channel.
 * Pure; every formula is in docs/plan.md. */
#ifndef FOKUS_PLAN_H
#define FOKUS_PLAN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alloc.h"
#include "core/dataset.h"
#include "core/policy.h"
#include "core/response.h"

/* A customer pinned by the manager to a person, optionally at a fixed
 * frequency (negative: the plan chooses). */
struct plan_pin {
	int32_t seller; /* index into the dataset's sellers */
	double visits, calls;
};

/* Everything the plan is computed from. Loaded by store_plan_inputs()
 * (store/plan.h) or built by hand in tests; freed by plan_inputs_free(). */
struct plan_inputs {
	struct dataset ds;      /* customers, sellers, orders, activities */
	int8_t *cat;            /* per customer: enum category, CAT_NONE when not categorized */
	int64_t *revenue;       /* per customer: revenue (or margin) per year in the snapshot,
	                         * minor units; NULL: the window's orders (hand-made inputs) */
	int64_t *potential;     /* per customer: potential per year from the snapshot (minor
	                         * units), -1 unknown; NULL when none is known */
	bool margin;            /* the snapshot's axis is margin: values are margins */
	struct policy policy;   /* the contact policy (the target) */
	bool judged[CAT_COUNT]; /* the manager's response points are set */
	struct response_points judgement[CAT_COUNT];
	double phone_weight;  /* a call as a share of a visit in the response */
	struct plan_pin *pin; /* per customer, seller -1 when not pinned; NULL: no pins */
	int64_t snapshot_id;  /* where cat came from (0: hand-made) */
};

struct plan_params {
	double field_share;   /* share of hours_per_year for customer work (0..1], default 0.5 */
	double road_factor;   /* road km per great-circle km, default 1.3 */
	double speed_kmh;     /* average travel speed, default 70 */
	double default_hours; /* hours_per_year of a seller who has none, default 1720 */
	int32_t as_of;        /* last day of "today"; DAYS_NONE: the latest activity */
	double move_cost;     /* minor units a year: what moving a customer must gain (5 000 kr) */
	double person_cost;   /* minor units a year: the cost of one more person (700 000 kr) */
	double balance;       /* loads of a role within ± this share of the mean (0.10) */
	int candidates;       /* nearest persons of the role considered per customer (8) */
	int boot;             /* bootstrap replicates of the response fit (RESPONSE_BOOT) */
	double max_seconds;   /* CPU budget of the local search, 0: none */
};

/* Why a customer is where the plan puts it. */
enum plan_reason {
	PR_KEPT = 0,      /* stays with its owner */
	PR_NO_OWNER,      /* had no owner: placed */
	PR_OWNER_UNKNOWN, /* the owner's seller_id is not in the sellers list: placed */
	PR_ROLE,          /* the method: its category belongs to another role (3 to service,
	                   * 2P to hunters) */
	PR_CAPACITY,      /* moved for a better use of the team's hours (less travel, room) */
	PR_BALANCE,       /* moved to even out the loads within the role */
	PR_PINNED,        /* pinned by the manager */
	PR_NO_ROLE,       /* nobody in the team has the role: not placed */
	PR_NO_CATEGORY,   /* not in the snapshot: not placed */
	PR_COUNT
};

enum plan_channel { PC_VISIT = 0, PC_PHONE, PC_NEWSLETTER, PC_NONE, PC_COUNT };

struct plan_assign {
	int32_t from;          /* current owner (seller index), -1 none or unknown */
	int32_t to;            /* planned owner (seller index), -1 when not placed */
	int8_t cat;            /* enum category or CAT_NONE */
	uint8_t reason;        /* enum plan_reason */
	uint8_t channel;       /* enum plan_channel */
	bool located;          /* the customer has coordinates */
	bool travel_estimated; /* the distance was unknown: the role's average was used */
	double km;             /* one way from `to`'s home (the role's average when
	                        * travel_estimated); -1 unknown or without visits */
	double visits, calls, newsletters;         /* planned per year */
	double contact_hours, travel_hours, hours; /* per year at the planned level */
	double f_today;     /* contact today: visits + weight x calls a year */
	double value_today; /* expected yearly revenue at today's contact (minor units) */
	double value_plan;  /* ... at the planned contact */
	double r0, rmax;    /* the customer's response curve (minor units a year) */
};

struct plan_person {
	enum role role;
	bool has_home;
	double capacity_hours; /* hours_per_year x field_share */
	double hours, contact_hours, travel_hours;
	double visits, calls; /* planned per year */
	int customers, kept, gained, lost;
	bool over;          /* hours > capacity_hours (only pins can do this) */
	double load;        /* hours / capacity */
	double price;       /* value of one more hour at the margin (minor units) */
	double km_year;     /* planned driving a year (road km) */
	double mean_km;     /* mean one-way km to its visited customers (by visits), -1 none */
	double compactness; /* best possible mean km / mean_km, 0..1; -1 without visits */
	double value_plan;  /* expected yearly revenue of its customers */
};

struct plan_headcount {
	enum role role;
	int customers;              /* categorized customers whose category needs this role */
	double workload_hours;      /* their hours per year at the policy's levels */
	double capacity_per_person; /* mean capacity of the role's persons (or the default) */
	double needed;              /* workload_hours / capacity_per_person: the full policy */
	int available;              /* persons with the role */
	double plus100;             /* yearly value of 100 more hours, where worth most */
	double one_more;            /* yearly value of one more person (capacity x (n+1)/n) */
	int worth_adding;           /* more persons each worth at least person_cost, -1 unknown */
	double worth_each;          /* mean yearly value of those (minor units) */
	double plan_hours;          /* hours planned */
	double capacity_hours;      /* sum of the role's capacity */
};

struct plan_coverage {
	double policy_hours;   /* the full policy for every placed customer, with its travel */
	double capacity_hours; /* the team's (persons of roles with customers) */
	double share;          /* min(1, capacity / policy) */
};

struct plan_below {
	int customers; /* placed customers of the category */
	int below;     /* getting less than the policy's target */
	double policy_visits, policy_calls;
	double visits, calls;  /* planned, mean per customer of those below */
	int channel[PC_COUNT]; /* of those below: by planned channel */
};

struct plan_value {
	double today, plan, low, high; /* minor units a year; low/high: 10th-90th percentile */
	bool has_range;                /* some category's curve is fitted (else low = high) */
};

struct plan_whatif_cat {
	int customers;
	double visits_today, visits_plan, calls_today, calls_plan; /* per year */
	double field_hours_today, field_hours_plan;                /* visits + travel */
	double value_today, value_plan;                            /* minor units a year */
};

struct plan_whatif {
	int32_t from, to; /* today's window (inclusive); to = DAYS_NONE without activity */
	size_t activities_in_window;
	struct plan_whatif_cat cat[CAT_COUNT];
	double field_hours_freed_cat3; /* today - plan for category 3 */
	double extra_visits_1_2;       /* plan - today, categories 1, 2R, 2P */
};

/* The response curve used per category and where it came from. */
struct plan_response {
	enum response_source source;
	struct response_curve curve;
	struct response_fit_cat fit; /* the fit (boot owned by the result) */
	double f_ref;                /* today's contact per customer-year */
};

struct plan_result {
	struct plan_params params;
	struct plan_assign *assign; /* one per customer, in dataset order */
	size_t nassign;
	struct plan_person *person; /* one per seller, in dataset order */
	size_t nperson;
	struct plan_headcount headcount[ROLE_COUNT]; /* [ROLE_NONE] unused */
	struct plan_whatif whatif;
	struct plan_value value;
	struct plan_coverage coverage;
	struct plan_below below[CAT_COUNT];
	struct plan_response response[CAT_COUNT];
	struct response_fit fit; /* months and phone weight of the fit */
	double margin_rate;  /* margin / revenue of the window's orders (1 on margin), -1 unknown */
	double objective;    /* value of placed customers − move costs (minor units) */
	int moves[PR_COUNT]; /* customers that change owner (had one), by reason */
	double fallback_km[ROLE_COUNT]; /* average one-way km used when a distance is unknown */
	bool fallback_known[ROLE_COUNT];
	int role_needed[ROLE_COUNT]; /* categorized customers per role */
	int unlocated;               /* customers without coordinates in categories with visits */
	int no_home;                 /* sellers of a role with visits but no home location */
	int kept;                    /* placed with their current owner */
	int moved;                   /* from one person to another */
	int newly;                   /* had no (known) owner, now placed */
	int unplaced;                /* no_role or no_category */
	int pinned;                  /* customers with a pin */
	int over_persons;            /* persons over capacity (pins) */
	long evaluations;            /* exact move evaluations of the search */
	bool search_stopped;         /* the time budget ended the search */
	int32_t *order; /* customer indexes: category, then value at stake, largest first */
	/* The optimization problem, for the exported model (render/lpmodel.h). */
	struct alloc_problem problem;
	void *problem_store; /* owns what problem points to */
};

/* The last day of "today": as_of, or the latest activity, or the latest
 * order; DAYS_NONE when there is neither. */
int32_t plan_today(const struct plan_inputs *in, int32_t as_of);

/* The response curve per category the plan uses: the manager's judgement
 * when set, else the fit to the history of the 24 months up to `today`
 * (with `boot` bootstrap replicates) when it has enough data, else the
 * method's default. Fills *fit (free with response_fit_free) and out. */
void plan_response(const struct plan_inputs *in, int32_t today, int boot, struct response_fit *fit,
                   struct plan_response out[CAT_COUNT]);

/* Today's contact per customer-year a judgement is given against: the
 * category's own, but at least one a year ("half today's visits" of
 * nearly none would say nothing). */
double plan_reference_contact(double f_today);

/* The defaults above (as_of = DAYS_NONE). */
void plan_params_default(struct plan_params *p);

/* Computes the plan. Never fails (bad or missing data shows in the result's
 * reasons and counts). Returns a result the caller frees with
 * plan_result_free(); the inputs must outlive it. */
struct plan_result *plan_compute(const struct plan_inputs *in, const struct plan_params *p);
void plan_result_free(struct plan_result *r);
/* Frees what the inputs own (dataset, cat, revenue, potential, pins), not
 * the struct. NULL-safe. */
void plan_inputs_free(struct plan_inputs *in);

/* "kept" "no_owner" "owner_unknown" "role" "capacity" "balance" "pinned"
 * "no_role" "no_category". */
const char *plan_reason_code(enum plan_reason r);
/* The reason in words for people (lang as util/i18n.h: 0 en, 1 sv). */
const char *plan_reason_text(enum plan_reason r, int lang);
/* "visit" "phone" "newsletter" "none"; and in words. */
const char *plan_channel_code(enum plan_channel c);
const char *plan_channel_text(enum plan_channel c, int lang);

/* The codes back: 0, or -1 when unknown. */
int plan_reason_parse(const char *s, enum plan_reason *out);
int plan_channel_parse(const char *s, enum plan_channel *out);

/* The role the policy gives a category (ROLE_NONE for CAT_NONE). */
enum role plan_role_of(const struct policy *pol, int cat);
/* True when some category of the role gets visits (travel matters). */
bool plan_role_has_visits(const struct policy *pol, enum role role);
/* Contact minutes per year of one customer of the category at the policy's
 * levels (all channels). */
double plan_contact_minutes(const struct policy *pol, int cat);

/* --- the lists each person works from ------------------------------------ */

/* Last contact (visit, phone, e-mail or meeting) and last visit per customer,
 * DAYS_NONE when none: fills last_contact[i] and last_visit[i] (ncustomers
 * entries each, caller-allocated). */
void plan_last_contacts(const struct dataset *ds, int32_t *last_contact, int32_t *last_visit);

/* The day the next contact is due for a customer planned `per_year`
 * contacts (visits + calls) a year: last + 365 / per_year, rounded to whole
 * days; `today` when never contacted; DAYS_NONE when per_year is 0. */
int32_t plan_next_due(double per_year, int32_t last_contact, int32_t today);

/* The newsletter send dates of the coming year: n = round(per_year) dates
 * (at most 12), spaced 12/n whole months, each the first working day
 * (days_workday_se: Mon-Fri, not a Swedish public holiday) on or after the
 * first day of its month; the first month is the next month after `today`
 * whose number - 1 is a multiple of 12/n (with n = 4: the next quarter).
 * Writes up to max dates to out; returns how many. */
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

/* Spreads person `seller`'s due visits (each customer at its planned
 * frequency) over the coming weeks (docs/plan.md, "Visit calendar").
 * Returns an array of *n visits sorted by (day, start) that the caller
 * frees; *not_fitted counts due visits that found no room before the
 * horizon. last_visit as from plan_last_contacts. */
struct plan_visit *plan_schedule_visits(const struct plan_inputs *in, const struct plan_result *r,
                                        int32_t seller, const int32_t *last_visit,
                                        const struct plan_schedule_opts *o, size_t *n,
                                        size_t *not_fitted);

#endif
