/* category.c — the categorization (see category.h and
 * docs/categorization.md): revenue in the window, thresholds, stability
 * margin, overrides, summary, and the reason line rendered from stored
 * numbers. Money stays in int64 minor units; shares are compared exactly
 * (parts per million in 128-bit integers). */
#include "core/category.h"
#include "core/potential.h"
#include "util/days.h"
#include "util/radix.h"
#include "util/xmalloc.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- codes ------------------------------------------------------------------ */

static const char *const axis_codes[] = {"amount", "margin"};
/* A code with its words, for the enums whose words are shown. */
struct coded {
	const char *code, *en, *sv;
};
static const struct coded methods[METHOD_COUNT] = {
    {"pareto", "pareto", "pareto"},
    {"absolute", "absolute", "absolut"},
    {"top", "top percent", "toppandel"},
    {"abc", "computed ABC", "beräknad ABC"},
};
static const char *const revsrc_codes[REVSRC_COUNT] = {"orders", "file", "none"};
static const struct coded potsrc[POTSRC_COUNT] = {
    {"given", "given", "angiven"},
    {"wallet", "wallet", "köpkraft"},
    {"estimated", "estimated", "uppskattad"},
    {"unknown", "unknown", "okänd"},
};

static int find_code(const char *s, const char *const *codes, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcasecmp(s, codes[i]))
			return i;
	return -1;
}

const char *cat_axis_code(enum cat_axis a)
{
	return a == AXIS_MARGIN ? axis_codes[1] : axis_codes[0];
}

int cat_axis_parse(const char *s, enum cat_axis *out)
{
	int i = find_code(s, axis_codes, 2);
	if (i < 0 && (!strcasecmp(s, "täckningsbidrag") || !strcasecmp(s, "tb")))
		i = AXIS_MARGIN;
	if (i < 0 && (!strcasecmp(s, "revenue") || !strcasecmp(s, "omsättning")))
		i = AXIS_AMOUNT;
	if (i < 0)
		return -1;
	*out = (enum cat_axis)i;
	return 0;
}

const char *cat_method_code(enum cat_method m)
{
	return m < METHOD_COUNT ? methods[m].code : "";
}

const char *cat_method_label(enum cat_method m, enum lang lang)
{
	return m < METHOD_COUNT ? TR(lang, methods[m].en, methods[m].sv) : "";
}

/* The index of code s (any case) in t[0..n), or -1. */
static int find_coded(const char *s, const struct coded *t, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcasecmp(s, t[i].code))
			return i;
	return -1;
}

int cat_method_parse(const char *s, enum cat_method *out)
{
	int i = find_coded(s, methods, METHOD_COUNT);
	if (i < 0)
		return -1;
	*out = (enum cat_method)i;
	return 0;
}

const char *rev_source_code(enum rev_source s)
{
	return s < REVSRC_COUNT ? revsrc_codes[s] : "";
}

int rev_source_parse(const char *s, enum rev_source *out)
{
	int i = find_code(s, revsrc_codes, REVSRC_COUNT);
	if (i < 0)
		return -1;
	*out = (enum rev_source)i;
	return 0;
}

const char *pot_source_code(enum pot_source s)
{
	return s < POTSRC_COUNT ? potsrc[s].code : "";
}

const char *pot_source_label(enum pot_source s, enum lang lang)
{
	return s < POTSRC_COUNT ? TR(lang, potsrc[s].en, potsrc[s].sv) : "";
}

int pot_source_parse(const char *s, enum pot_source *out)
{
	int i = find_coded(s, potsrc, POTSRC_COUNT);
	if (i < 0)
		return -1;
	*out = (enum pot_source)i;
	return 0;
}

/* --- parameters --------------------------------------------------------------- */

void cat_params_default(struct cat_params *p)
{
	memset(p, 0, sizeof(*p));
	p->as_of = DAYS_NONE;
	p->window_months = 12;
	p->axis = AXIS_AMOUNT;
	p->method = METHOD_PARETO;
	p->revenue_share = 0.80;
	p->potential_share = 0.80;
	p->revenue_top = 20;
	p->potential_top = 20;
	p->wallet_quantile = 0.8;
	p->margin = 0.10;
	p->today = DAYS_NONE;
}

enum cat_method cat_revenue_method(const struct cat_params *p)
{
	return p->has_revenue_min ? METHOD_ABSOLUTE : p->method;
}

enum cat_method cat_potential_method(const struct cat_params *p)
{
	return p->has_potential_min ? METHOD_ABSOLUTE : p->method;
}

enum category category_of(bool revenue_high, bool potential_high)
{
	if (revenue_high)
		return potential_high ? CAT_1 : CAT_2R;
	return potential_high ? CAT_2P : CAT_3;
}

int32_t category_window_from(int32_t as_of, int months)
{
	return days_add_months(as_of, -months);
}

/* --- revenue ------------------------------------------------------------------ */

/* After the sums: the margin axis needs a margin somewhere; customers
 * without orders take their revenue column. 0, or -1 with *cause. */
static int revenue_finish(const struct dataset *ds, const struct cat_params *p, size_t in_window,
                          size_t with_margin, struct cat_row *rows, char **cause)
{
	if (p->axis == AXIS_MARGIN && in_window > 0 && with_margin == 0) {
		*cause = xstrdup("--axis margin: no order in the window has a margin "
		                 "(täckningsbidrag); import orders with a margin column or use "
		                 "--axis amount");
		return -1;
	}
	for (size_t i = 0; i < ds->ncustomers; i++) {
		struct cat_row *r = &rows[i];
		const struct customer *c = &ds->customers[i];
		if (r->orders > 0) {
			r->revenue_source = REVSRC_ORDERS;
		} else if (p->axis == AXIS_AMOUNT && c->has_revenue) {
			r->revenue = c->revenue;
			r->revenue_source = REVSRC_FILE;
		} else {
			r->revenue_source = REVSRC_NONE;
		}
	}
	return 0;
}

int category_revenue(const struct dataset *ds, const struct cat_params *p, int32_t today,
                     int32_t *as_of, struct cat_row *rows, size_t *no_margin, char **cause)
{
	if (*as_of == DAYS_NONE) {
		int32_t last = DAYS_NONE;
		for (size_t k = 0; k < ds->norders; k++)
			if (last == DAYS_NONE || ds->orders[k].day > last)
				last = ds->orders[k].day;
		*as_of = last != DAYS_NONE ? last : today;
	}
	int32_t from = category_window_from(*as_of, p->window_months);
	size_t with_margin = 0, in_window = 0;
	*no_margin = 0;
	for (size_t i = 0; i < ds->ncustomers; i++) {
		rows[i].revenue = 0;
		rows[i].orders = 0;
	}
	for (size_t k = 0; k < ds->norders; k++) {
		const struct order *o = &ds->orders[k];
		if (o->day <= from || o->day > *as_of || o->cust < 0 ||
		    (size_t)o->cust >= ds->ncustomers)
			continue;
		struct cat_row *r = &rows[o->cust];
		in_window++;
		r->orders++;
		if (p->axis == AXIS_MARGIN) {
			if (o->has_margin) {
				r->revenue += o->margin;
				with_margin++;
			} else {
				(*no_margin)++;
			}
		} else {
			r->revenue += o->amount;
		}
	}
	return revenue_finish(ds, p, in_window, with_margin, rows, cause);
}

int category_revenue_presum(const struct dataset *ds, const struct cat_params *p,
                            const struct cat_presum *sum, struct cat_row *rows, char **cause)
{
	for (size_t i = 0; i < ds->ncustomers; i++) {
		rows[i].revenue = sum->value[i];
		rows[i].orders = sum->orders[i];
	}
	return revenue_finish(ds, p, sum->in_window, sum->with_margin, rows, cause);
}

/* --- thresholds --------------------------------------------------------------- */

static int desc_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x > y ? -1 : x < y;
}

#define RADIX_MIN 4096 /* below this many values qsort is as quick */

/* Sorts v[0..n) descending: a radix sort of max - v (unsigned, so no
 * overflow). */
static void sort_desc(int64_t *v, size_t n)
{
	if (n < RADIX_MIN) {
		qsort(v, n, sizeof(*v), desc_i64);
		return;
	}
	int64_t hi = v[0];
	for (size_t i = 1; i < n; i++)
		hi = v[i] > hi ? v[i] : hi;
	struct rkey *k = xreallocarray(NULL, n, sizeof(*k)),
	            *tmp = xreallocarray(NULL, n, sizeof(*tmp));
	for (size_t i = 0; i < n; i++)
		k[i] = (struct rkey){(uint64_t)hi - (uint64_t)v[i], 0};
	radix_sort(k, tmp, n);
	for (size_t i = 0; i < n; i++)
		v[i] = (int64_t)((uint64_t)hi - k[i].key);
	free(k);
	free(tmp);
}

static int64_t share_ppm(double share)
{
	if (share <= 0)
		return 0;
	if (share >= 1)
		return 1000000;
	return (int64_t)llround(share * 1e6);
}

struct cat_threshold category_threshold_pareto(int64_t *v, size_t n, double share)
{
	struct cat_threshold t = {false, 0};
	sort_desc(v, n);
	__int128 sum = 0;
	for (size_t i = 0; i < n && v[i] > 0; i++)
		sum += v[i];
	if (sum <= 0)
		return t;
	__int128 goal = sum * share_ppm(share), run = 0;
	for (size_t i = 0; i < n && v[i] > 0; i++) {
		run += v[i];
		if (run * 1000000 >= goal) {
			t.has = true;
			t.value = v[i];
			return t;
		}
	}
	/* unreachable: the whole positive sum reaches every share <= 1 */
	return t;
}

struct cat_threshold category_threshold_top(int64_t *v, size_t n, double pct)
{
	struct cat_threshold t = {false, 0};
	sort_desc(v, n);
	if (n == 0 || pct <= 0 || v[0] <= 0)
		return t;
	double kd = ceil((double)n * pct / 100.0 - 1e-9);
	size_t k = kd < 1 ? 1 : kd > (double)n ? n : (size_t)kd;
	/* the smallest positive value: only positive values can be high */
	size_t lastpos = 0;
	while (lastpos + 1 < n && v[lastpos + 1] > 0)
		lastpos++;
	t.has = true;
	t.value = v[k - 1] > 0 ? v[k - 1] : v[lastpos];
	return t;
}

/* Computed ABC analysis (Ultsch & Lötsch 2015) on the exact empirical ABC
 * curve: points (k/n, Y_k), Y_k = share of the sum held by the k largest
 * values (values below 0 count as 0). The Pareto point is the point nearest
 * to the ideal (0, 1); the break-even point is the last point where the
 * curve still rises at least as fast as the diagonal (the k-th value is at
 * least the mean); the A limit is whichever of the two comes first. */
struct cat_threshold category_threshold_abc(int64_t *v, size_t n)
{
	struct cat_threshold t = {false, 0};
	sort_desc(v, n);
	__int128 sum = 0;
	size_t npos = 0;
	for (size_t i = 0; i < n && v[i] > 0; i++) {
		sum += v[i];
		npos++;
	}
	if (sum <= 0)
		return t;
	double S = (double)sum, N = (double)n;
	/* Pareto point: argmin over k >= 1 of (k/n)^2 + (1 - Y_k)^2 */
	size_t kp = 1;
	double best = INFINITY;
	__int128 run = 0;
	for (size_t k = 1; k <= npos; k++) {
		run += v[k - 1];
		double x = (double)k / N, y = (double)run / S;
		double d = x * x + (1 - y) * (1 - y);
		if (d < best) {
			best = d;
			kp = k;
		}
	}
	/* Break-even: v_k >= S/n, i.e. n * v_k >= S (exact in 128 bits) */
	size_t kb = 0;
	while (kb < npos && (__int128)v[kb] * (__int128)n >= sum)
		kb++;
	if (kb == 0)
		kb = 1;
	size_t ka = kp < kb ? kp : kb;
	t.has = true;
	t.value = v[ka - 1];
	return t;
}

/* --- sides -------------------------------------------------------------------- */

static int64_t band_delta(int64_t t, double margin)
{
	if (margin <= 0)
		return 0;
	double a = t < 0 ? -(double)t : (double)t;
	return (int64_t)llround(a * margin);
}

int64_t category_band_low(int64_t t, double margin)
{
	return t - band_delta(t, margin);
}

int64_t category_band_high(int64_t t, double margin)
{
	return t + band_delta(t, margin);
}

bool category_is_high(int64_t v, struct cat_threshold t, double margin, int prev)
{
	if (!t.has)
		return false;
	if (prev == 1)
		return v >= category_band_low(t.value, margin);
	if (prev == 0)
		return v >= category_band_high(t.value, margin);
	return v >= t.value;
}

bool category_override_active(const struct cat_override *o, int32_t today)
{
	if (!o || o->category < 0 || o->category >= CAT_COUNT)
		return false;
	return o->until == DAYS_NONE || today == DAYS_NONE || today <= o->until;
}

/* The threshold of one axis over the rows whose value is known. */
static struct cat_threshold axis_threshold(const struct cat_row *rows, size_t n, bool potential,
                                           enum cat_method m, double share, double top, int64_t min)
{
	struct cat_threshold t = {false, 0};
	if (m == METHOD_ABSOLUTE) {
		t.has = true;
		t.value = min;
		return t;
	}
	int64_t *v = xreallocarray(NULL, n ? n : 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (potential && rows[i].potential_source == POTSRC_UNKNOWN)
			continue;
		v[k++] = potential ? rows[i].potential : rows[i].revenue;
	}
	if (m == METHOD_PARETO)
		t = category_threshold_pareto(v, k, share);
	else if (m == METHOD_TOP)
		t = category_threshold_top(v, k, top);
	else
		t = category_threshold_abc(v, k);
	free(v);
	return t;
}

int category_compute(const struct cat_input *in, const struct cat_params *p, struct cat_run *run,
                     struct cat_row *rows, char **cause)
{
	const struct dataset *ds = in->ds;
	size_t n = ds->ncustomers, no_margin = 0;
	memset(run, 0, sizeof(*run));
	run->p = *p;
	memset(rows, 0, n * sizeof(*rows));
	if (in->presum) {
		assert(p->as_of != DAYS_NONE);
		if (category_revenue_presum(ds, p, in->presum, rows, cause) != 0)
			return -1;
	} else if (category_revenue(ds, p, p->today, &run->p.as_of, rows, &no_margin, cause) != 0) {
		return -1;
	}
	run->window_from = category_window_from(run->p.as_of, p->window_months);

	/* potential, on revenue per year */
	int64_t *annual = xreallocarray(NULL, n ? n : 1, sizeof(*annual));
	int64_t *pot = xreallocarray(NULL, n ? n : 1, sizeof(*pot));
	uint8_t *src = xreallocarray(NULL, n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].revenue_source == REVSRC_FILE || p->window_months == 12)
			annual[i] = rows[i].revenue;
		else
			annual[i] = (int64_t)llround((double)rows[i].revenue * 12.0 /
			                             (double)p->window_months);
	}
	potential_compute(ds->customers, n, annual, p->wallet_quantile, pot, src, NULL);
	for (size_t i = 0; i < n; i++) {
		rows[i].potential = pot[i];
		rows[i].potential_source = src[i];
	}
	free(annual);
	free(pot);
	free(src);

	run->revenue_t = axis_threshold(rows, n, false, cat_revenue_method(p), p->revenue_share,
	                                p->revenue_top, p->revenue_min);
	run->potential_t = axis_threshold(rows, n, true, cat_potential_method(p),
	                                  p->potential_share, p->potential_top, p->potential_min);
	for (size_t i = 0; i < n; i++) {
		struct cat_row *r = &rows[i];
		int prh = in->prev_revenue_high ? in->prev_revenue_high[i] : -1;
		int pph = in->prev_potential_high ? in->prev_potential_high[i] : -1;
		r->revenue_high = category_is_high(r->revenue, run->revenue_t, p->margin, prh);
		r->potential_high =
		    r->potential_source != POTSRC_UNKNOWN &&
		    category_is_high(r->potential, run->potential_t, p->margin, pph);
		r->computed = (int8_t)category_of(r->revenue_high, r->potential_high);
		r->category = r->computed;
		r->override_reason = NULL;
		const struct cat_override *o = in->overrides ? &in->overrides[i] : NULL;
		if (category_override_active(o, p->today)) {
			r->category = o->category;
			r->override_reason = o->reason ? o->reason : "";
		}
	}
	return 0;
}

/* --- summary ------------------------------------------------------------------ */

static void total_add(struct cat_total *t, const struct cat_row *r)
{
	t->customers++;
	t->revenue += r->revenue;
	if (r->potential_source != POTSRC_UNKNOWN)
		t->potential += r->potential;
	t->orders += r->orders;
	if (r->revenue_source == REVSRC_ORDERS)
		t->order_revenue += r->revenue;
}

void category_summarize(const struct cat_row *rows, size_t n, struct cat_summary *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		const struct cat_row *r = &rows[i];
		if (r->category >= 0 && r->category < CAT_COUNT)
			total_add(&s->cat[r->category], r);
		total_add(&s->all, r);
		if (r->computed >= 0 && r->computed < CAT_COUNT)
			s->computed[r->computed]++;
		if (r->potential_source < POTSRC_COUNT)
			s->potsrc[r->potential_source]++;
		if (r->revenue_source < REVSRC_COUNT)
			s->revsrc[r->revenue_source]++;
		if (r->override_reason)
			s->overridden++;
	}
}

void category_migration(const int64_t *from_id, const struct cat_row *from, size_t nf,
                        const int64_t *to_id, const struct cat_row *to, size_t nt,
                        struct cat_migration *m)
{
	memset(m, 0, sizeof(*m));
	size_t i = 0, j = 0;
	while (i < nf || j < nt) {
		if (j >= nt || (i < nf && from_id[i] < to_id[j])) {
			if (from[i].category >= 0 && from[i].category < CAT_COUNT)
				m->gone[from[i].category]++;
			i++;
		} else if (i >= nf || to_id[j] < from_id[i]) {
			if (to[j].category >= 0 && to[j].category < CAT_COUNT)
				m->added[to[j].category]++;
			j++;
		} else {
			if (from[i].category >= 0 && from[i].category < CAT_COUNT &&
			    to[j].category >= 0 && to[j].category < CAT_COUNT)
				m->moves[from[i].category][to[j].category]++;
			i++;
			j++;
		}
	}
}

/* --- reasons ------------------------------------------------------------------ */

static void money(struct strbuf *sb, int64_t v, enum lang lang)
{
	char b[64];
	strbuf_puts(sb, fmt_money(b, sizeof(b), v, lang));
}

/* "omsättning 1 200 000 kr ≥ gräns 480 000 kr" and its variants. */
static void axis_reason(struct strbuf *sb, const char *name, int64_t v, bool high,
                        struct cat_threshold t, double margin, enum lang lang)
{
	char pct[32];
	strbuf_puts(sb, name);
	strbuf_putc(sb, ' ');
	money(sb, v, lang);
	if (!t.has) {
		strbuf_puts(sb, TR(lang, " (no threshold: no customer above 0)",
		                   " (ingen gräns: ingen kund över 0)"));
		return;
	}
	if (high && v < t.value) {
		fmt_pct(pct, sizeof(pct), margin, 0, lang);
		strbuf_puts(sb, " ≥ ");
		money(sb, category_band_low(t.value, margin), lang);
		strbuf_printf(sb, TR(lang, " (threshold ", " (gräns "));
		money(sb, t.value, lang);
		strbuf_printf(sb,
		              TR(lang, " − %s stability margin, high last run)",
		                 " − %s stabilitetsmarginal, hög förra körningen)"),
		              pct);
	} else if (!high && v >= t.value) {
		fmt_pct(pct, sizeof(pct), margin, 0, lang);
		strbuf_puts(sb, " < ");
		money(sb, category_band_high(t.value, margin), lang);
		strbuf_printf(sb, TR(lang, " (threshold ", " (gräns "));
		money(sb, t.value, lang);
		strbuf_printf(sb,
		              TR(lang, " + %s stability margin, low last run)",
		                 " + %s stabilitetsmarginal, låg förra körningen)"),
		              pct);
	} else {
		strbuf_puts(sb, high ? " ≥ " : " < ");
		strbuf_puts(sb, TR(lang, "threshold ", "gräns "));
		money(sb, t.value, lang);
	}
}

void category_reason(struct strbuf *sb, const struct cat_row *r, const struct cat_run *run,
                     enum lang lang)
{
	const char *rname = run->p.axis == AXIS_MARGIN ? TR(lang, "margin", "täckningsbidrag")
	                                               : TR(lang, "revenue", "omsättning");
	axis_reason(sb, rname, r->revenue, r->revenue_high, run->revenue_t, run->p.margin, lang);
	if (r->revenue_source == REVSRC_FILE)
		strbuf_puts(sb, TR(lang, " (from the customer file)", " (från kundfilen)"));
	strbuf_puts(sb, "; ");
	switch (r->potential_source) {
	case POTSRC_UNKNOWN:
		strbuf_puts(sb, TR(lang, "potential unknown (counted as low)",
		                   "potential okänd (räknas som låg)"));
		break;
	case POTSRC_WALLET:
	case POTSRC_ESTIMATED:
		axis_reason(sb, "potential", r->potential, r->potential_high, run->potential_t,
		            run->p.margin, lang);
		strbuf_puts(sb, r->potential_source == POTSRC_WALLET
		                    ? TR(lang, " (wallet − revenue)", " (köpkraft − omsättning)")
		                    : TR(lang, " (estimated from similar customers)",
		                         " (uppskattad från liknande kunder)"));
		break;
	default:
		axis_reason(sb, "potential", r->potential, r->potential_high, run->potential_t,
		            run->p.margin, lang);
	}
	strbuf_puts(sb, " → ");
	strbuf_puts(sb, category_label((enum category)r->computed, lang));
	if (r->override_reason) {
		strbuf_puts(sb, TR(lang, "; set by hand to ", "; manuellt satt till "));
		strbuf_puts(sb, category_label((enum category)r->category, lang));
		if (*r->override_reason)
			strbuf_printf(sb, ": %s", r->override_reason);
	}
}
