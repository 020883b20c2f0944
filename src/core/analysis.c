/* analysis.c — the activity diagnosis: visits, hours and km per category
 * per seller, contact-time share, order value after visits, coverage gaps,
 * booking frequency per ISO week, and findings ranked by money at stake.
 * One pass over the activities, one over the customers, one over the
 * orders; everything else works on the aggregates. Assumes nothing about
 * the order of activities or orders (hand-made test data is unsorted).
 * Formulas: docs/analysis.md. */
#include "core/analysis.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void analysis_params_default(struct analysis_params *p)
{
	p->from = DAYS_NONE;
	p->to = DAYS_NONE;
	p->cat3_limit = 0.25;
	p->attribution_days = 30;
	p->hours_per_year = AN_DEFAULT_HOURS;
}

int analysis_default_period(const struct dataset *ds, int32_t *from, int32_t *to)
{
	if (*to == DAYS_NONE) {
		if (ds->nactivities == 0)
			return -1;
		int32_t last = ds->activities[0].day;
		for (size_t i = 1; i < ds->nactivities; i++)
			if (ds->activities[i].day > last)
				last = ds->activities[i].day;
		*to = last;
	}
	if (*from == DAYS_NONE)
		*from = days_add_months(*to, -12) + 1;
	return 0;
}

static int cat_index(int8_t c)
{
	return c >= 0 && c < CAT_COUNT ? c : AN_NONE;
}

/* Non-negative finite minutes (unknown durations are stored as 0). */
static double clean(float v)
{
	return isfinite(v) && v > 0 ? (double)v : 0.0;
}

static void cell_add(struct an_cell *c, double hours, double km)
{
	c->visits++;
	c->hours += hours;
	c->km += km;
}

static bool is_contact_time(int type)
{
	return type == ACT_VISIT || type == ACT_PHONE || type == ACT_MEETING;
}

/* ---- pass 1: activities --------------------------------------------------- */

static void count_activity(struct analysis *a, const struct activity *act)
{
	int c = cat_index(a->custcat[act->cust]);
	struct an_seller *s = &a->sellers[act->seller];
	s->active = true;
	if (act->type == ACT_VISIT) {
		double hours = (clean(act->duration_min) + clean(act->travel_min)) / 60.0;
		double km = clean(act->km);
		cell_add(&s->cat[c], hours, km);
		cell_add(&s->total, hours, km);
		cell_add(&a->team.cat[c], hours, km);
		cell_add(&a->team.total, hours, km);
		a->cat[c].visits++;
		a->cat[c].visit_hours += hours;
		a->all.visits++;
		a->all.visit_hours += hours;
	}
	if (is_contact_time(act->type))
		s->contact_hours += clean(act->duration_min) / 60.0;
	if (act->type == ACT_MEETING_BOOKED) {
		int w = (int)((act->day - days_weekday(act->day) - a->week0) / 7);
		s->weekly[w]++;
		s->meetings_booked++;
		a->team.weekly[w]++;
		a->team.meetings_booked++;
	}
}

static void scan_activities(struct analysis *a)
{
	const struct dataset *ds = a->ds;
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *act = &ds->activities[i];
		bool in_period = act->day >= a->p.from && act->day <= a->p.to;
		bool known_cust = act->cust >= 0 && (size_t)act->cust < ds->ncustomers;
		bool known_seller = act->seller >= 0 && (size_t)act->seller < ds->nsellers;
		if (in_period) {
			a->act_period++;
			a->act_unknown_customer += !known_cust;
			a->act_unknown_seller += !known_seller;
		}
		if (!known_cust || !known_seller || act->day > a->p.to)
			continue;
		if (a->last_contact[act->cust] == DAYS_NONE ||
		    act->day > a->last_contact[act->cust])
			a->last_contact[act->cust] = act->day;
		if (act->type == ACT_VISIT &&
		    (a->last_visit[act->cust] == DAYS_NONE || act->day > a->last_visit[act->cust]))
			a->last_visit[act->cust] = act->day;
		if (!in_period)
			continue;
		a->act_used++;
		count_activity(a, act);
	}
}

/* ---- contact time and the category-3 flag -------------------------------- */

static void seller_totals(struct analysis *a)
{
	for (size_t i = 0; i < a->nsellers; i++) {
		struct an_seller *s = &a->sellers[i];
		double hpy = a->ds->sellers[i].hours_per_year;
		if (!(isfinite(hpy) && hpy > 0))
			hpy = a->p.hours_per_year;
		if (s->active) {
			s->working_hours = hpy * a->days / 365.0;
			a->team.working_hours += s->working_hours;
			a->team.contact_hours += s->contact_hours;
			a->team.active = true;
		}
		s->cat3_flag =
		    s->total.visits > 0 && analysis_visit_share(s, CAT_3) > a->p.cat3_limit;
	}
	a->team.cat3_flag =
	    a->team.total.visits > 0 && analysis_visit_share(&a->team, CAT_3) > a->p.cat3_limit;
}

/* ---- pass 2: customers ---------------------------------------------------- */

static void owner_add(struct an_owner *o, bool contacted, bool visited, int64_t rev, int64_t pot)
{
	o->customers++;
	o->uncontacted += !contacted;
	if (!visited) {
		o->unvisited++;
		o->unvisited_revenue += rev;
		o->unvisited_potential += pot;
	}
}

static void scan_customers(struct analysis *a)
{
	const struct dataset *ds = a->ds;
	for (size_t i = 0; i < ds->ncustomers; i++) {
		int c = cat_index(a->custcat[i]);
		int64_t rev = a->revenue[i];
		int64_t pot = a->potential[i] > 0 ? a->potential[i] : 0;
		bool contacted = a->last_contact[i] != DAYS_NONE && a->last_contact[i] >= a->p.from;
		bool visited = a->last_visit[i] != DAYS_NONE && a->last_visit[i] >= a->p.from;
		struct an_category *k = &a->cat[c];
		k->customers++;
		k->revenue += rev;
		k->potential += pot;
		k->contacted += contacted;
		k->uncontacted += !contacted;
		a->all.customers++;
		a->all.revenue += rev;
		a->all.potential += pot;
		a->all.contacted += contacted;
		a->all.uncontacted += !contacted;
		int32_t o = ds->customers[i].seller;
		if (o >= 0 && (size_t)o < a->nsellers)
			owner_add(&a->sellers[o].own[c], contacted, visited, rev, pot);
		else
			owner_add(&a->noowner[c], contacted, visited, rev, pot);
		owner_add(&a->team.own[c], contacted, visited, rev, pot);
	}
	for (int c = 0; c < CAT_COUNT; c++) {
		a->revenue_total += a->cat[c].revenue;
		a->potential_total += a->cat[c].potential;
	}
	for (int c = 0; c < CAT_COUNT; c++) {
		a->cat[c].revenue_share =
		    a->revenue_total > 0 ? (double)a->cat[c].revenue / (double)a->revenue_total : 0;
		a->cat[c].potential_share = a->potential_total > 0 ? (double)a->cat[c].potential /
		                                                         (double)a->potential_total
		                                                   : 0;
	}
}

/* ---- pass 3: orders and attribution --------------------------------------- */

static int cmp_i32(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
	return (a > b) - (a < b);
}

/* The used visit days in the period, grouped per customer (CSR layout):
 * customer i's days are days[off[i] .. off[i+1]), ascending. */
struct visit_days {
	size_t *off;
	int32_t *days;
};

static void collect_visit_days(const struct analysis *a, struct visit_days *v)
{
	const struct dataset *ds = a->ds;
	v->off = xcalloc(ds->ncustomers + 1, sizeof(*v->off));
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *act = &ds->activities[i];
		if (act->type == ACT_VISIT && act->cust >= 0 &&
		    (size_t)act->cust < ds->ncustomers && act->seller >= 0 &&
		    (size_t)act->seller < ds->nsellers && act->day >= a->p.from &&
		    act->day <= a->p.to)
			v->off[act->cust + 1]++;
	}
	for (size_t i = 0; i < ds->ncustomers; i++)
		v->off[i + 1] += v->off[i];
	size_t *fill = xmalloc((ds->ncustomers + 1) * sizeof(*fill));
	memcpy(fill, v->off, (ds->ncustomers + 1) * sizeof(*fill));
	v->days = xmalloc((v->off[ds->ncustomers] + 1) * sizeof(*v->days));
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *act = &ds->activities[i];
		if (act->type == ACT_VISIT && act->cust >= 0 &&
		    (size_t)act->cust < ds->ncustomers && act->seller >= 0 &&
		    (size_t)act->seller < ds->nsellers && act->day >= a->p.from &&
		    act->day <= a->p.to)
			v->days[fill[act->cust]++] = act->day;
	}
	free(fill);
	for (size_t i = 0; i < ds->ncustomers; i++)
		if (v->off[i + 1] - v->off[i] > 1)
			qsort(v->days + v->off[i], v->off[i + 1] - v->off[i], sizeof(int32_t),
			      cmp_i32);
}

/* True when some visit day v of the customer has v <= day <= v + window. */
static bool follows_visit(const struct visit_days *v, int32_t cust, int32_t day, int window)
{
	size_t lo = v->off[cust], hi = v->off[cust + 1];
	/* Find the last visit on or before `day`. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->days[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == v->off[cust])
		return false;
	return (int64_t)day - v->days[lo - 1] <= window;
}

static void scan_orders(struct analysis *a)
{
	const struct dataset *ds = a->ds;
	struct visit_days v;
	collect_visit_days(a, &v);
	for (size_t i = 0; i < ds->norders; i++) {
		const struct order *o = &ds->orders[i];
		if (o->cust < 0 || (size_t)o->cust >= ds->ncustomers)
			continue;
		struct an_category *k = &a->cat[cat_index(a->custcat[o->cust])];
		if (o->day >= a->p.from && o->day <= a->p.to) {
			k->orders++;
			k->order_value += o->amount;
			a->all.orders++;
			a->all.order_value += o->amount;
		}
		if (follows_visit(&v, o->cust, o->day, a->p.attribution_days)) {
			k->attributed_orders++;
			k->attributed_value += o->amount;
			a->all.attributed_orders++;
			a->all.attributed_value += o->amount;
		}
	}
	free(v.off);
	free(v.days);
}

/* ---- booking frequency ---------------------------------------------------- */

static void booking_stats(const struct analysis *a, struct an_seller *s)
{
	int n = a->nweeks;
	s->best_week = -1;
	for (int i = 0; i < n; i++)
		if (s->weekly[i] > 0 &&
		    (s->best_week < 0 || s->weekly[i] >= s->weekly[s->best_week]))
			s->best_week = i;
	s->latest2 = n >= 2 ? s->weekly[n - 2] + s->weekly[n - 1] : (n == 1 ? s->weekly[0] : 0);
	s->best_in_weeks = 0;
	s->best_of_period = false;
	if (n < 3 || s->latest2 <= 0)
		return;
	/* The most recent earlier 2-week run (weeks k-1, k) with at least as
	 * many bookings; the latest run beats every run inside weeks k..n-1. */
	int weeks = n;
	for (int k = n - 2; k >= 1; k--) {
		if (s->weekly[k - 1] + s->weekly[k] >= s->latest2) {
			weeks = n - k;
			break;
		}
	}
	if (weeks >= 3) {
		s->best_in_weeks = weeks;
		s->best_of_period = weeks == n;
	}
}

/* ---- findings ------------------------------------------------------------- */

static double value_per_visit_of(const struct analysis *a, int first, int last)
{
	int64_t visits = 0, value = 0;
	for (int c = first; c <= last; c++) {
		visits += a->cat[c].visits;
		value += a->cat[c].attributed_value;
	}
	return visits > 0 ? (double)value / (double)visits : NAN;
}

struct finding_list {
	struct an_finding *v;
	size_t n, cap;
};

static void push(struct finding_list *l, const struct an_finding *f)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = *f;
}

static int cmp_finding(const void *x, const void *y)
{
	const struct an_finding *a = x, *b = y;
	if (a->amount != b->amount)
		return a->amount > b->amount ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->seller != b->seller)
		return a->seller < b->seller ? -1 : 1;
	return a->cat - b->cat;
}

static void skew_findings(const struct analysis *a, struct finding_list *l, int64_t gap)
{
	const struct an_seller *t = &a->team;
	if (t->total.visits > 0) {
		double share = analysis_visit_share(t, CAT_3);
		double excess = (double)t->cat[CAT_3].visits -
		                a->cat[CAT_3].revenue_share * (double)t->total.visits;
		if (share > a->cat[CAT_3].revenue_share && excess >= 1.0) {
			struct an_finding f = {.type = AF_CAT3_SKEW,
			                       .seller = -1,
			                       .cat = CAT_3,
			                       .n = t->cat[CAT_3].visits,
			                       .of = t->total.visits,
			                       .share = share,
			                       .ref = a->cat[CAT_3].revenue_share,
			                       .excess_visits = excess,
			                       .value_gap = gap,
			                       .amount = llround(excess * (double)gap)};
			push(l, &f);
		}
	}
	for (size_t i = 0; i < a->nsellers; i++) {
		const struct an_seller *s = &a->sellers[i];
		if (!s->cat3_flag)
			continue;
		double excess =
		    (double)s->cat[CAT_3].visits - a->p.cat3_limit * (double)s->total.visits;
		struct an_finding f = {.type = AF_SELLER_CAT3,
		                       .seller = (int32_t)i,
		                       .cat = CAT_3,
		                       .n = s->cat[CAT_3].visits,
		                       .of = s->total.visits,
		                       .share = analysis_visit_share(s, CAT_3),
		                       .ref = a->p.cat3_limit,
		                       .excess_visits = excess,
		                       .value_gap = gap,
		                       .amount = llround(excess * (double)gap)};
		push(l, &f);
	}
}

static void unvisited_finding(struct finding_list *l, int32_t seller, int c,
                              const struct an_owner *o)
{
	if (o->unvisited <= 0)
		return;
	struct an_finding f = {.type = AF_UNVISITED,
	                       .seller = seller,
	                       .cat = c,
	                       .n = o->unvisited,
	                       .of = o->customers,
	                       .share = (double)o->unvisited / (double)o->customers,
	                       .amount = o->unvisited_potential};
	push(l, &f);
}

/* The top AN_MAX_FINDINGS of the ranked candidates, at most AN_MAX_PER_KIND
 * of one kind while other kinds are left (so that twelve sellers over the
 * category-3 limit do not crowd out every other story); the chosen ones
 * stay in rank order. */
static void pick(struct analysis *a, const struct finding_list *l)
{
	bool *taken = xcalloc(l->n + 1, sizeof(bool));
	int per_kind[3] = {0}, n = 0;
	for (size_t i = 0; i < l->n && n < AN_MAX_FINDINGS; i++) {
		if (per_kind[l->v[i].type] >= AN_MAX_PER_KIND)
			continue;
		per_kind[l->v[i].type]++;
		taken[i] = true;
		n++;
	}
	for (size_t i = 0; i < l->n && n < AN_MAX_FINDINGS; i++) {
		if (!taken[i]) {
			taken[i] = true;
			n++;
		}
	}
	a->nfindings = 0;
	for (size_t i = 0; i < l->n; i++)
		if (taken[i])
			a->findings[a->nfindings++] = l->v[i];
	free(taken);
}

static void find(struct analysis *a)
{
	struct finding_list l = {0};
	double high = value_per_visit_of(a, CAT_1, CAT_2P),
	       low = value_per_visit_of(a, CAT_3, CAT_3);
	int64_t gap = isnan(high) || isnan(low) || high <= low ? 0 : llround(high - low);
	skew_findings(a, &l, gap);
	static const int cats[] = {CAT_1, CAT_2R, CAT_2P};
	for (size_t k = 0; k < sizeof(cats) / sizeof(cats[0]); k++) {
		for (size_t i = 0; i < a->nsellers; i++)
			unvisited_finding(&l, (int32_t)i, cats[k], &a->sellers[i].own[cats[k]]);
		unvisited_finding(&l, -1, cats[k], &a->noowner[cats[k]]);
	}
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), cmp_finding);
	pick(a, &l);
	free(l.v);
}

/* ---- the whole ------------------------------------------------------------ */

static int check_params(const struct analysis_input *in, const struct analysis_params *p,
                        char **cause)
{
	if (!in || !in->ds || !in->cat) {
		*cause = xstrdup("the analysis needs a dataset and categories");
		return -1;
	}
	if (p->from == DAYS_NONE || p->to == DAYS_NONE || p->from > p->to) {
		*cause = xstrdup("the period is empty: --from must not be after --to");
		return -1;
	}
	if (!(p->cat3_limit >= 0 && p->cat3_limit <= 1)) {
		*cause = xstrdup("--cat3-limit must be a share between 0 and 1 (e.g. 0.25 or 25%)");
		return -1;
	}
	if (p->attribution_days < 0 || p->attribution_days > 3660) {
		*cause = xstrdup("--attribution-days must be between 0 and 3660");
		return -1;
	}
	if (!(p->hours_per_year > 0 && p->hours_per_year <= 8784)) {
		*cause = xstrdup("hours per year must be more than 0 and at most 8784");
		return -1;
	}
	return 0;
}

static void copy_inputs(struct analysis *a, const struct analysis_input *in)
{
	size_t n = in->ds->ncustomers;
	a->custcat = xmalloc(n + 1);
	a->revenue = xmalloc((n + 1) * sizeof(*a->revenue));
	a->potential = xmalloc((n + 1) * sizeof(*a->potential));
	a->last_contact = xmalloc((n + 1) * sizeof(*a->last_contact));
	a->last_visit = xmalloc((n + 1) * sizeof(*a->last_visit));
	for (size_t i = 0; i < n; i++) {
		a->custcat[i] =
		    (int8_t)(in->cat[i] >= 0 && in->cat[i] < CAT_COUNT ? in->cat[i] : CAT_NONE);
		a->revenue[i] = in->revenue ? in->revenue[i] : 0;
		a->potential[i] = in->potential ? in->potential[i] : -1;
		a->last_contact[i] = DAYS_NONE;
		a->last_visit[i] = DAYS_NONE;
	}
}

int analysis_compute(const struct analysis_input *in, const struct analysis_params *p,
                     struct analysis *a, char **cause)
{
	memset(a, 0, sizeof(*a));
	if (check_params(in, p, cause) != 0)
		return -1;
	a->p = *p;
	a->ds = in->ds;
	a->days = p->to - p->from + 1;
	a->week0 = p->from - days_weekday(p->from);
	a->nweeks = (int)((p->to - days_weekday(p->to) - a->week0) / 7 + 1);
	a->nsellers = in->ds->nsellers;
	a->sellers = xcalloc(a->nsellers + 1, sizeof(*a->sellers));
	for (size_t i = 0; i < a->nsellers; i++) {
		a->sellers[i].seller = (int32_t)i;
		a->sellers[i].weekly = xcalloc((size_t)a->nweeks, sizeof(int64_t));
	}
	a->team.seller = -1;
	a->team.weekly = xcalloc((size_t)a->nweeks, sizeof(int64_t));
	copy_inputs(a, in);
	scan_activities(a);
	seller_totals(a);
	scan_customers(a);
	scan_orders(a);
	for (size_t i = 0; i < a->nsellers; i++)
		booking_stats(a, &a->sellers[i]);
	booking_stats(a, &a->team);
	find(a);
	return 0;
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nsellers; i++)
		free(a->sellers[i].weekly);
	free(a->sellers);
	free(a->team.weekly);
	free(a->last_contact);
	free(a->last_visit);
	free(a->custcat);
	free(a->revenue);
	free(a->potential);
	memset(a, 0, sizeof(*a));
}

/* ---- small accessors -------------------------------------------------------- */

double analysis_visit_share(const struct an_seller *s, int c)
{
	return s->total.visits > 0 ? (double)s->cat[c].visits / (double)s->total.visits : 0;
}

double analysis_contact_share(const struct an_seller *s)
{
	return s->working_hours > 0 ? s->contact_hours / s->working_hours : 0;
}

int64_t analysis_avg_order(const struct an_category *c)
{
	return c->orders > 0 ? llround((double)c->order_value / (double)c->orders) : 0;
}

double analysis_value_per_visit(const struct an_category *c)
{
	return c->visits > 0 ? (double)c->attributed_value / (double)c->visits : 0;
}

double analysis_value_per_hour(const struct an_category *c)
{
	return c->visit_hours > 0 ? (double)c->attributed_value / c->visit_hours : 0;
}

double analysis_bookings_per_week(const struct analysis *a, const struct an_seller *s)
{
	return a->nweeks > 0 ? (double)s->meetings_booked / a->nweeks : 0;
}

int32_t analysis_week_day(const struct analysis *a, int i)
{
	return a->week0 + 7 * i;
}

const char *analysis_week_label(const struct analysis *a, int i, char buf[9])
{
	return days_iso_week_str(analysis_week_day(a, i), buf);
}

const char *analysis_seller_name(const struct analysis *a, int32_t seller, enum lang lang)
{
	if (seller < 0 || (size_t)seller >= a->nsellers)
		return TR(lang, "Team", "Teamet");
	const struct seller *s = &a->ds->sellers[seller];
	return s->name && *s->name ? s->name : s->id;
}

const char *analysis_seller_id(const struct analysis *a, int32_t seller)
{
	if (seller < 0 || (size_t)seller >= a->nsellers)
		return "*";
	return a->ds->sellers[seller].id;
}

const char *analysis_cat_label(int c, enum lang lang)
{
	if (c >= 0 && c < CAT_COUNT)
		return category_label((enum category)c, lang);
	return TR(lang, "Not categorized", "Ej kategoriserad");
}

/* ---- finding sentences ------------------------------------------------------ */

/* "12 months" when the period is whole months ending at `to`, else "90 days". */
static void period_words(const struct analysis *a, char *buf, size_t size, enum lang lang)
{
	for (int m = 1; m <= 240; m++) {
		int32_t start = days_add_months(a->p.to, -m) + 1;
		if (start == a->p.from) {
			snprintf(buf, size, "%d %s", m,
			         m == 1 ? TR(lang, "month", "månad")
			                : TR(lang, "months", "månader"));
			return;
		}
		if (start < a->p.from)
			break;
	}
	snprintf(buf, size, "%d %s", (int)a->days,
	         a->days == 1 ? TR(lang, "day", "dag") : TR(lang, "days", "dagar"));
}

char *analysis_finding_text(const struct analysis *a, const struct an_finding *f, enum lang lang)
{
	char share[32], ref[32], period[32], n[32], of[32];
	fmt_pct(share, sizeof(share), f->share, 0, lang);
	fmt_pct(ref, sizeof(ref), f->ref, 0, lang);
	fmt_int(n, sizeof(n), f->n, lang);
	fmt_int(of, sizeof(of), f->of, lang);
	switch (f->type) {
	case AF_CAT3_SKEW:
		return xasprintf(
		    TR(lang, "%s of the field visits went to %s, which holds %s of revenue",
		       "%s av fältbesöken gick till %s, som står för %s av omsättningen"),
		    share, category_label(CAT_3, lang), ref);
	case AF_SELLER_CAT3:
		return xasprintf(TR(lang, "%s: %s of the visits (%s of %s) went to %s (limit %s)",
		                    "%s: %s av besöken (%s av %s) gick till %s (gräns %s)"),
		                 analysis_seller_name(a, f->seller, lang), share, n, of,
		                 category_label(CAT_3, lang), ref);
	case AF_UNVISITED:
		period_words(a, period, sizeof(period), lang);
		return xasprintf(
		    TR(lang, "%s: %s of the %s customers (%s of %s) had no visit in %s",
		       "%s: %s av kunderna i %s (%s av %s) hade inget besök på %s"),
		    f->seller >= 0 ? analysis_seller_name(a, f->seller, lang)
		                   : TR(lang, "Customers without an owner", "Kunder utan ansvarig"),
		    share, category_label((enum category)f->cat, lang), n, of, period);
	}
	return xstrdup("");
}

/* ---- the uncontacted list ----------------------------------------------------- */

static int cmp_uncontacted(const void *x, const void *y, void *ctx)
{
	int32_t i = *(const int32_t *)x, j = *(const int32_t *)y;
	const struct analysis *a = ctx;
	int ci = cat_index(a->custcat[i]), cj = cat_index(a->custcat[j]);
	if (ci != cj)
		return ci - cj;
	if (a->revenue[i] != a->revenue[j])
		return a->revenue[i] > a->revenue[j] ? -1 : 1;
	const char *si = a->ds->customers[i].id ? a->ds->customers[i].id : "";
	const char *sj = a->ds->customers[j].id ? a->ds->customers[j].id : "";
	return strcmp(si, sj);
}

int32_t *analysis_uncontacted(const struct analysis *a, int cat, const char *seller_id, size_t *n)
{
	const struct dataset *ds = a->ds;
	int32_t *v = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < ds->ncustomers; i++) {
		if (a->last_contact[i] != DAYS_NONE && a->last_contact[i] >= a->p.from)
			continue;
		if (cat >= 0 && cat_index(a->custcat[i]) != cat)
			continue;
		if (seller_id &&
		    (!ds->customers[i].seller_id || strcmp(ds->customers[i].seller_id, seller_id)))
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[k++] = (int32_t)i;
	}
	if (k > 1)
		qsort_r(v, k, sizeof(*v), cmp_uncontacted, (void *)a);
	*n = k;
	return v;
}

/* ---- compare ---------------------------------------------------------------- */

static const struct {
	const char *key, *en, *sv;
} compare_labels[] = {
    {"visits", "Visits", "Besök"},
    {"visit_share", "Share of visits", "Andel av besöken"},
    {"avg_order_value", "Average order value", "Snittorder"},
    {"value_per_visit", "Order value per visit", "Ordervärde per besök"},
    {"value_per_visit_hour", "Order value per visit hour", "Ordervärde per besökstimme"},
    {"contact_share", "Customer-contact share of working time",
     "Andel av arbetstiden i kundkontakt"},
    {"bookings_per_week", "Meetings booked per week", "Bokade möten per vecka"},
    {"customers_contacted", "Customers contacted", "Kontaktade kunder"},
};

const char *analysis_compare_label(const char *key, enum lang lang)
{
	for (size_t i = 0; i < sizeof(compare_labels) / sizeof(compare_labels[0]); i++)
		if (!strcmp(compare_labels[i].key, key))
			return TR(lang, compare_labels[i].en, compare_labels[i].sv);
	return key;
}

struct row_list {
	struct an_compare_row *v;
	size_t n, cap;
};

static void row(struct row_list *l, const char *key, int cat, enum an_kind kind, double before,
                double after)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = (struct an_compare_row){key, cat, kind, before, after};
}

struct an_compare_row *analysis_compare(const struct analysis *b, const struct analysis *f,
                                        size_t *n)
{
	struct row_list l = {0};
	int ncat = b->cat[AN_NONE].visits || f->cat[AN_NONE].visits ? AN_NCAT : CAT_COUNT;
	row(&l, "visits", -1, AK_COUNT, (double)b->team.total.visits, (double)f->team.total.visits);
	for (int c = 0; c < ncat; c++)
		row(&l, "visits", c, AK_COUNT, (double)b->team.cat[c].visits,
		    (double)f->team.cat[c].visits);
	for (int c = 0; c < ncat; c++)
		row(&l, "visit_share", c, AK_SHARE, analysis_visit_share(&b->team, c),
		    analysis_visit_share(&f->team, c));
	row(&l, "avg_order_value", -1, AK_MONEY, (double)analysis_avg_order(&b->all),
	    (double)analysis_avg_order(&f->all));
	for (int c = 0; c < CAT_COUNT; c++)
		row(&l, "avg_order_value", c, AK_MONEY, (double)analysis_avg_order(&b->cat[c]),
		    (double)analysis_avg_order(&f->cat[c]));
	row(&l, "value_per_visit", -1, AK_MONEY, analysis_value_per_visit(&b->all),
	    analysis_value_per_visit(&f->all));
	row(&l, "value_per_visit_hour", -1, AK_MONEY, analysis_value_per_hour(&b->all),
	    analysis_value_per_hour(&f->all));
	row(&l, "contact_share", -1, AK_SHARE, analysis_contact_share(&b->team),
	    analysis_contact_share(&f->team));
	row(&l, "bookings_per_week", -1, AK_NUM, analysis_bookings_per_week(b, &b->team),
	    analysis_bookings_per_week(f, &f->team));
	row(&l, "customers_contacted", -1, AK_COUNT, (double)b->all.contacted,
	    (double)f->all.contacted);
	*n = l.n;
	return l.v;
}
