/* analysis.h — the activity diagnosis (issue 4): where the sellers' time
 * goes, per seller and for the team, in visits, hours, km and money.
 *
 * Pure: computed from a dataset, one category per customer and the
 * snapshot's revenue and potential per customer. Every formula is in
 * docs/analysis.md with an example.
 *
 * Which activities count: an activity is *used* when it names a known
 * customer and a known seller and its day lies in the period. The others
 * are counted (unknown customer, unknown seller) and excluded from every
 * figure. Per-category arrays have AN_NCAT entries: the four categories
 * (enum category) and AN_NONE for customers the snapshot did not
 * categorize. */
#ifndef FOKUS_ANALYSIS_H
#define FOKUS_ANALYSIS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "util/i18n.h"

#define AN_NONE CAT_COUNT       /* index of "not categorized" */
#define AN_NCAT (CAT_COUNT + 1) /* the four categories + not categorized */
#define AN_MAX_FINDINGS 5
#define AN_MAX_PER_KIND 2 /* findings of one kind, unless too few of other kinds */
#define AN_DEFAULT_HOURS 1720.0

struct analysis_params {
	int32_t from, to;      /* the period, both days inclusive */
	double cat3_limit;     /* flag sellers whose category-3 visit share exceeds it (0.25) */
	int attribution_days;  /* an order up to this many days after a visit is attributed (30) */
	double hours_per_year; /* for sellers without hours_per_year (1720) */
};

/* Fills the defaults; from/to become DAYS_NONE (see analysis_default_period). */
void analysis_params_default(struct analysis_params *p);

/* The default period: the 12 months ending at the latest activity date
 * (to = that date, from = the same date 12 months earlier + 1 day). When
 * *to is already set (not DAYS_NONE) it is kept and from is 12 months
 * before it; when *from is set and *to is not, to = the latest activity
 * date. Returns 0, or -1 when a date is needed and there are no
 * activities. */
int analysis_default_period(const struct dataset *ds, int32_t *from, int32_t *to);

struct analysis_input {
	const struct dataset *ds;
	const int8_t *cat;      /* per customer: enum category or CAT_NONE */
	const int64_t *revenue; /* per customer, minor units, from the snapshot; NULL: all 0 */
	const int64_t
	    *potential; /* per customer, minor units, -1 unknown (counts 0); NULL: all unknown */
};

/* Visits with their time and distance. */
struct an_cell {
	int64_t visits;
	double hours; /* visit duration + travel */
	double km;
};

/* Customers a seller owns (customer.seller), per category. */
struct an_owner {
	int64_t customers;
	int64_t uncontacted;         /* no used activity of any kind in the period */
	int64_t unvisited;           /* no used visit in the period */
	int64_t unvisited_revenue;   /* sum of their snapshot revenue (minor units) */
	int64_t unvisited_potential; /* sum of their known potential (minor units) */
};

struct an_seller {
	int32_t seller; /* index into ds->sellers; -1 for the team */
	bool active;    /* at least one used activity in the period */
	struct an_cell cat[AN_NCAT];
	struct an_cell total;
	bool cat3_flag;       /* share of visits to category 3 > cat3_limit */
	double contact_hours; /* durations of visits, calls and meetings */
	double working_hours; /* hours_per_year x days / 365 (team: sum over active sellers) */
	struct an_owner own[AN_NCAT];
	/* Booking frequency (meetings booked per ISO week). */
	int64_t *weekly; /* analysis.nweeks entries */
	int64_t meetings_booked;
	int best_week;       /* index of the best week (latest of equals), -1 when none booked */
	int64_t latest2;     /* meetings booked in the latest 2 weeks */
	int best_in_weeks;   /* N when the latest 2 weeks beat every other 2-week run in the last N
	                        weeks (N >= 3), else 0 */
	bool best_of_period; /* ... and that run of weeks is the whole period */
};

/* Per category: the snapshot's money, the orders in the period and what
 * followed the visits. */
struct an_category {
	int64_t customers;
	int64_t revenue, potential; /* snapshot values, minor units (unknown potential as 0) */
	double revenue_share, potential_share; /* of the categorized customers' totals */
	int64_t orders, order_value;           /* orders dated in the period */
	int64_t visits;
	double visit_hours;
	int64_t attributed_orders,
	    attributed_value; /* orders within attribution_days after a visit */
	int64_t uncontacted;  /* customers with no used activity in the period */
	int64_t contacted;
};

enum an_finding_type {
	AF_CAT3_SKEW,   /* the team's visits go to category 3 beyond its share of revenue */
	AF_SELLER_CAT3, /* a seller over the category-3 limit */
	AF_UNVISITED,   /* a seller's customers of category 1, 2R or 2P without a visit */
};

struct an_finding {
	enum an_finding_type type;
	int32_t seller; /* index, -1 for the team or for customers without an owner */
	int cat;        /* enum category the finding is about */
	int64_t n,
	    of;       /* AF_UNVISITED: n of `of` customers; others: visits to cat 3 of all visits */
	double share; /* n / of */
	double ref;   /* AF_CAT3_SKEW: category 3's share of revenue; AF_SELLER_CAT3: the limit */
	double excess_visits; /* AF_CAT3_SKEW, AF_SELLER_CAT3 */
	int64_t value_gap;    /* value per visit of categories 1+2R+2P minus that of 3 (>= 0), minor
	                         units */
	int64_t amount;       /* money at stake, minor units (see docs/analysis.md) */
};

struct analysis {
	struct analysis_params p;
	const struct dataset *ds;
	int32_t days; /* days in the period */
	size_t nsellers;
	struct an_seller *sellers; /* one per ds->sellers entry, same index */
	struct an_seller team;
	struct an_owner noowner[AN_NCAT]; /* customers without a (known) owner */
	struct an_category cat[AN_NCAT];
	struct an_category all;                 /* every customer together */
	int64_t revenue_total, potential_total; /* categorized customers */
	/* ISO weeks of the period: week i starts on Monday week0 + 7 i. */
	int nweeks;
	int32_t week0;
	/* Honesty: activities in the period that were not used. */
	int64_t act_period, act_used, act_unknown_customer, act_unknown_seller;
	/* Per customer: the last used activity / visit on or before `to` (DAYS_NONE when none). */
	int32_t *last_contact, *last_visit;
	int8_t *custcat; /* per customer: the input categories (CAT_NONE when none) */
	int64_t *revenue, *potential;
	struct an_finding findings[AN_MAX_FINDINGS];
	int nfindings;
};

/* Computes the whole analysis into *a (which the caller releases with
 * analysis_free). p->from and p->to must be set, from <= to. Returns 0,
 * or -1 with *cause (caller frees) when the parameters are invalid. */
int analysis_compute(const struct analysis_input *in, const struct analysis_params *p,
                     struct analysis *a, char **cause);
/* Frees what analysis_compute allocated. NULL-safe; the struct is zeroed. */
void analysis_free(struct analysis *a);

/* Share helpers: visits to c / all visits of the seller (0 when none). */
double analysis_visit_share(const struct an_seller *s, int c);
/* contact_hours / working_hours (0 when no working hours). */
double analysis_contact_share(const struct an_seller *s);
/* Average order value of the category (minor units, rounded; 0 without orders). */
int64_t analysis_avg_order(const struct an_category *c);
/* attributed_value / visits and / visit_hours (minor units; 0 when none). */
double analysis_value_per_visit(const struct an_category *c);
double analysis_value_per_hour(const struct an_category *c);
/* Meetings booked per week (0 without weeks). */
double analysis_bookings_per_week(const struct analysis *a, const struct an_seller *s);
/* The Monday of week index i, and its label "2026-W48" into buf. */
int32_t analysis_week_day(const struct analysis *a, int i);
const char *analysis_week_label(const struct analysis *a, int i, char buf[9]);
/* The seller's display name (name, else id), or the team/no-owner label. */
const char *analysis_seller_name(const struct analysis *a, int32_t seller, enum lang lang);
/* The seller's external id, "*" for the team (-1). */
const char *analysis_seller_id(const struct analysis *a, int32_t seller);
/* "Kategori 1" / "Category 1 (key account)", or "Ej kategoriserad" / "Not categorized". */
const char *analysis_cat_label(int c, enum lang lang);

/* One finding as a sentence in the language. Returns a string the caller
 * frees. */
char *analysis_finding_text(const struct analysis *a, const struct an_finding *f, enum lang lang);

/* The customers with no used activity in the period, optionally only
 * category `cat` (-1: every category; AN_NONE: not categorized) and only
 * those whose owner's external id is `seller_id` (NULL: any owner).
 * Ordered by category (1, 2R, 2P, 3, not categorized), then snapshot
 * revenue descending, then customer id. Returns customer indexes in an
 * array the caller frees (NULL when none), the count in *n. */
int32_t *analysis_uncontacted(const struct analysis *a, int cat, const char *seller_id, size_t *n);

/* ---- compare: two periods side by side ---------------------------------- */

enum an_kind { AK_COUNT, AK_SHARE, AK_MONEY, AK_NUM };

struct an_compare_row {
	const char *key; /* "visits", "visit_share", "avg_order_value", ... */
	int cat;         /* enum category, AN_NONE, or -1 for all categories */
	enum an_kind kind;
	double before, after; /* money in minor units, shares as fractions */
};

/* The before/after rows (docs/analysis.md lists them). Returns a fresh
 * array the caller frees, its length in *n. */
struct an_compare_row *analysis_compare(const struct analysis *before, const struct analysis *after,
                                        size_t *n);
/* People's label of a compare key ("Average order value" / "Snittorder"). */
const char *analysis_compare_label(const char *key, enum lang lang);

#endif
