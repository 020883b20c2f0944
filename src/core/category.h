/* category.h — the revenue × potential matrix: revenue per customer in a
 * window, thresholds (pareto, absolute, top, computed ABC), the stability
 * margin against the previous run, overrides, the summary per category and
 * the one-line reason per customer. Pure: works on core/dataset.h structs
 * and plain arrays; the store saves and reloads the results (struct
 * cat_row), so every output renders the same numbers. See
 * docs/categorization.md for every formula. */
#ifndef FOKUS_CATEGORY_H
#define FOKUS_CATEGORY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "util/i18n.h"
#include "util/strbuf.h"

enum cat_axis { AXIS_AMOUNT = 0, AXIS_MARGIN = 1 };
enum cat_method { METHOD_PARETO = 0, METHOD_ABSOLUTE, METHOD_TOP, METHOD_ABC, METHOD_COUNT };
/* Where a customer's revenue came from: its orders in the window, the
 * customer file's revenue column, or nowhere (0). */
enum rev_source { REVSRC_ORDERS = 0, REVSRC_FILE, REVSRC_NONE, REVSRC_COUNT };
/* Where a customer's potential came from (docs/categorization.md). */
enum pot_source { POTSRC_GIVEN = 0, POTSRC_WALLET, POTSRC_ESTIMATED, POTSRC_UNKNOWN, POTSRC_COUNT };

/* Machine codes ("amount", "pareto", "orders", "given" ...) and parsers
 * (0, or -1 when unknown). */
const char *cat_axis_code(enum cat_axis a);
int cat_axis_parse(const char *s, enum cat_axis *out);
const char *cat_method_code(enum cat_method m);
int cat_method_parse(const char *s, enum cat_method *out);
const char *rev_source_code(enum rev_source s);
int rev_source_parse(const char *s, enum rev_source *out);
const char *pot_source_code(enum pot_source s);
int pot_source_parse(const char *s, enum pot_source *out);
/* "given" / "angiven", "wallet" / "köpkraft", ... for people. */
const char *pot_source_label(enum pot_source s, enum lang lang);
/* "pareto", "absolute" / "absolut", ... for people. */
const char *cat_method_label(enum cat_method m, enum lang lang);

/* Every option of a categorization run. */
struct cat_params {
	int32_t as_of;          /* DAYS_NONE: the latest order day (today without orders) */
	int window_months;      /* >= 1; the window is as_of - months < day <= as_of */
	enum cat_axis axis;     /* amount, or margin (täckningsbidrag) */
	enum cat_method method; /* for both axes, unless an axis has a *_min */
	double revenue_share;   /* pareto: share of the positive sum, 0 < s <= 1 */
	double potential_share;
	double revenue_top; /* top: percent of customers, 0..100 */
	double potential_top;
	bool has_revenue_min; /* absolute threshold on that axis (any method) */
	bool has_potential_min;
	int64_t revenue_min; /* minor units */
	int64_t potential_min;
	double wallet_quantile; /* the peer quantile q, 0 < q < 1 */
	double margin;          /* stability margin, 0 <= m < 1 */
	int32_t today;          /* overrides with until < today have expired */
};

/* The defaults: 12 months, amount, pareto 0.80/0.80, top 20/20, q 0.8,
 * margin 0.10, as_of and today DAYS_NONE. */
void cat_params_default(struct cat_params *p);
/* The method an axis really used: absolute when its *_min was given. */
enum cat_method cat_revenue_method(const struct cat_params *p);
enum cat_method cat_potential_method(const struct cat_params *p);

/* A threshold on one axis; has == false when nobody can be high (no
 * positive value, or top 0 %). A customer is high when value >= value. */
struct cat_threshold {
	bool has;
	int64_t value; /* minor units */
};

/* One customer's result: what a snapshot stores per customer. */
struct cat_row {
	int64_t revenue;                   /* minor units in the window (axis amount or margin) */
	int64_t potential;                 /* minor units per year; 0 when the source is unknown */
	int32_t orders;                    /* order rows in the window */
	uint8_t revenue_source;            /* enum rev_source */
	uint8_t potential_source;          /* enum pot_source */
	bool revenue_high, potential_high; /* after the stability margin */
	int8_t computed;                   /* enum category from the two sides */
	int8_t category;                   /* after an override */
	const char *override_reason;       /* non-NULL when an override set category; not owned */
};

/* A run: its parameters (as_of resolved), window and thresholds. */
struct cat_run {
	int64_t id;          /* snapshot id; 0 until saved */
	char created_at[24]; /* "YYYY-MM-DDTHH:MM:SSZ" once saved */
	struct cat_params p;
	int32_t window_from; /* exclusive: window_from < day <= p.as_of */
	struct cat_threshold revenue_t, potential_t;
};

/* A stored run with its counts: one line of `fokus history`. */
struct cat_runinfo {
	struct cat_run run;
	size_t customers;
	size_t cat[CAT_COUNT]; /* by final category */
};

/* A pinned category (fokus override). category CAT_NONE: no override. */
struct cat_override {
	int8_t category;
	int32_t until;      /* last day it holds, DAYS_NONE for no end */
	const char *reason; /* not owned */
};

/* Each customer's orders in the window already summed (e.g. while reading
 * an orders file): value[i] the sum of amounts (of margins on the margin
 * axis, orders without a margin counting 0), orders[i] how many orders;
 * in_window and with_margin over all customers. */
struct cat_presum {
	int64_t *value;
	int32_t *orders;
	size_t in_window, with_margin;
};

/* What category_compute needs beyond the dataset. Each array has one entry
 * per customer, or is NULL. prev_*_high: the side of the previous snapshot
 * (-1 not in it, 0 low, 1 high). */
struct cat_input {
	const struct dataset *ds;
	/* NULL: sum ds->orders. Else the sums (ds->orders unused) and
	 * p->as_of must be a day, not DAYS_NONE. */
	const struct cat_presum *presum;
	const int8_t *prev_revenue_high;
	const int8_t *prev_potential_high;
	const struct cat_override *overrides;
};

/* The category of two sides: high/high 1, high/low 2R, low/high 2P, low/low 3. */
enum category category_of(bool revenue_high, bool potential_high);

/* The window for as_of: the exclusive first day as_of - months. */
int32_t category_window_from(int32_t as_of, int months);

/* Sums each customer's orders with window_from < day <= as_of into
 * rows[i].revenue/orders (margins on the margin axis); customers without
 * orders in the window take their revenue column (amount axis only), else
 * 0. *as_of: DAYS_NONE on entry means the latest order day (or `today`
 * without orders); set on return. *no_margin counts window orders without a
 * margin. Returns 0, or -1 with *cause (caller frees) when the margin axis
 * finds orders but no margin at all. */
int category_revenue(const struct dataset *ds, const struct cat_params *p, int32_t today,
                     int32_t *as_of, struct cat_row *rows, size_t *no_margin, char **cause);
/* The same from sums made elsewhere (ds->orders unused). Returns as
 * category_revenue. */
int category_revenue_presum(const struct dataset *ds, const struct cat_params *p,
                            const struct cat_presum *sum, struct cat_row *rows, char **cause);

/* Thresholds on plain value arrays (minor units). Each sorts `v` in place
 * (descending) and returns the threshold. pareto: the value of the customer
 * at which the running sum first reaches share of the positive sum. top:
 * the value of the ceil(n*pct/100)-th customer, never below the smallest
 * positive value. abc: the A limit of Ultsch & Lötsch's computed ABC
 * analysis. */
struct cat_threshold category_threshold_pareto(int64_t *v, size_t n, double share);
struct cat_threshold category_threshold_top(int64_t *v, size_t n, double pct);
struct cat_threshold category_threshold_abc(int64_t *v, size_t n);

/* The stability band around T: T - round(m*|T|) and T + round(m*|T|). */
int64_t category_band_low(int64_t t, double margin);
int64_t category_band_high(int64_t t, double margin);
/* The side of value v against threshold t with the stability margin, given
 * the previous side (-1 none, 0 low, 1 high). */
bool category_is_high(int64_t v, struct cat_threshold t, double margin, int prev);

/* Whether an override holds on day `today`. */
bool category_override_active(const struct cat_override *o, int32_t today);

/* The whole run: revenue, potential (core/potential.h), thresholds, sides,
 * categories, overrides. Fills run (p copied, as_of resolved) and rows
 * (caller allocates in->ds->ncustomers entries). Returns 0, or -1 with
 * *cause (caller frees). */
int category_compute(const struct cat_input *in, const struct cat_params *p, struct cat_run *run,
                     struct cat_row *rows, char **cause);

/* Totals per category (indexed by enum category) and overall. */
struct cat_total {
	size_t customers;
	int64_t revenue;   /* sum of rows' revenue */
	int64_t potential; /* sum of known potentials */
	int64_t orders;
	int64_t order_revenue; /* revenue of the rows whose revenue came from orders */
};
struct cat_summary {
	struct cat_total cat[CAT_COUNT]; /* by final category */
	struct cat_total all;
	size_t computed[CAT_COUNT]; /* customers by computed category */
	size_t potsrc[POTSRC_COUNT];
	size_t revsrc[REVSRC_COUNT];
	size_t overridden; /* rows whose category differs or is pinned */
};
void category_summarize(const struct cat_row *rows, size_t n, struct cat_summary *s);

/* Movements between two runs by final category. */
struct cat_migration {
	size_t moves[CAT_COUNT][CAT_COUNT]; /* [from][to] */
	size_t added[CAT_COUNT];            /* only in `to`, by its category there */
	size_t gone[CAT_COUNT];             /* only in `from`, by its category there */
};
/* Compares two runs' rows matched by customer id; each id list ascending. */
void category_migration(const int64_t *from_id, const struct cat_row *from, size_t nf,
                        const int64_t *to_id, const struct cat_row *to, size_t nt,
                        struct cat_migration *m);

/* Appends the reason line of a row to sb, rendered from its stored numbers
 * in lang, e.g. "omsättning 1 200 000 kr ≥ gräns 480 000 kr; potential
 * 50 000 kr < gräns 200 000 kr → Kategori 2 omsättning". */
void category_reason(struct strbuf *sb, const struct cat_row *r, const struct cat_run *run,
                     enum lang lang);

#endif
