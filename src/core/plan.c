/* plan.c — the coverage plan: assignment of every categorized customer to a
 * person of the role its category needs, workload against capacity,
 * headcount by the workload method, and today-versus-plan (what-if); plus
 * the pure parts of the exported lists (next contact due, newsletter dates,
 * visits spread over the coming weeks). Every formula is in docs/plan.md;
 * keep the two in step.
 *
 * Assumes the dataset's indexes are consistent (customer.seller, activity
 * cust/seller in range or -1) as store_load_dataset() leaves them. */
#include "core/plan.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

void plan_params_default(struct plan_params *p)
{
	p->field_share = 0.5;
	p->road_factor = 1.3;
	p->speed_kmh = 70;
	p->default_hours = 1720;
	p->as_of = DAYS_NONE;
}

static const struct {
	const char *code, *en, *sv;
} reasons[PR_COUNT] = {
    [PR_KEPT] = {"kept", "kept by the current owner", "behålls av nuvarande ägare"},
    [PR_NO_OWNER] = {"no_owner", "had no owner", "saknade ägare"},
    [PR_OWNER_UNKNOWN] = {"owner_unknown", "owner not in the sellers list",
                          "ägaren finns inte bland säljarna"},
    [PR_ROLE_MISMATCH] = {"role_mismatch", "owner has another role", "ägaren har en annan roll"},
    [PR_OWNER_FULL] = {"owner_full", "owner has no room left", "ägaren har inte tid kvar"},
    [PR_OVER_CAPACITY] = {"over_capacity", "nobody of the role has room: placed over capacity",
                          "ingen i rollen har tid: placerad över kapacitet"},
    [PR_NO_ROLE] = {"no_role", "nobody in the team has the role", "ingen i teamet har rollen"},
    [PR_NO_CATEGORY] = {"no_category", "not in the snapshot", "saknas i ögonblicksbilden"},
};

const char *plan_reason_code(enum plan_reason r)
{
	return r < PR_COUNT ? reasons[r].code : "";
}

const char *plan_reason_text(enum plan_reason r, int lang)
{
	if (r >= PR_COUNT)
		return "";
	return lang == 1 ? reasons[r].sv : reasons[r].en;
}

enum role plan_role_of(const struct policy *pol, int cat)
{
	return cat >= 0 && cat < CAT_COUNT ? pol->cat[cat].role : ROLE_NONE;
}

double plan_contact_minutes(const struct policy *pol, int cat)
{
	if (cat < 0 || cat >= CAT_COUNT)
		return 0;
	double m = 0;
	for (int ch = 0; ch < CH_COUNT; ch++)
		m += pol->cat[cat].per_year[ch] * pol->cat[cat].minutes[ch];
	return m;
}

void plan_inputs_free(struct plan_inputs *in)
{
	if (!in)
		return;
	dataset_free(&in->ds);
	free(in->cat);
	free(in->potential);
	in->cat = NULL;
	in->potential = NULL;
}

void plan_result_free(struct plan_result *r)
{
	if (!r)
		return;
	free(r->assign);
	free(r->person);
	free(r->order);
	free(r);
}

/* --- distances and costs ------------------------------------------------- */

static double minutes_for_km(const struct plan_params *p, double km)
{
	return p->speed_kmh > 0 ? km * p->road_factor / p->speed_kmh * 60.0 : 0;
}

static bool dist_known(const struct dataset *ds, int32_t c, int32_t s)
{
	return s >= 0 && ds->customers[c].has_loc && ds->sellers[s].has_home;
}

static double dist_km(const struct dataset *ds, int32_t c, int32_t s)
{
	const struct customer *cu = &ds->customers[c];
	const struct seller *se = &ds->sellers[s];
	return geo_km(se->home_lat, se->home_lon, cu->lat, cu->lon);
}

static double visits_of(const struct policy *pol, int cat)
{
	return cat >= 0 && cat < CAT_COUNT ? pol->cat[cat].per_year[CH_VISIT] : 0;
}

/* The fallback one-way km per role: mean over located customers of the role
 * that get visits of the distance to the nearest person of the role with a
 * home. Roles without such pairs borrow the mean of the roles that have one. */
static void fallback_distances(const struct plan_inputs *in, struct plan_result *r)
{
	const struct dataset *ds = &in->ds;
	double sum[ROLE_COUNT] = {0};
	int n[ROLE_COUNT] = {0};
	for (size_t c = 0; c < ds->ncustomers; c++) {
		int cat = in->cat[c];
		enum role role = plan_role_of(&in->policy, cat);
		if (role == ROLE_NONE || !ds->customers[c].has_loc ||
		    visits_of(&in->policy, cat) <= 0)
			continue;
		double best = -1;
		for (size_t s = 0; s < ds->nsellers; s++) {
			if (ds->sellers[s].role != role || !ds->sellers[s].has_home)
				continue;
			double km = dist_km(ds, (int32_t)c, (int32_t)s);
			if (best < 0 || km < best)
				best = km;
		}
		if (best >= 0) {
			sum[role] += best;
			n[role]++;
		}
	}
	double all = 0;
	int known = 0;
	for (int role = 1; role < ROLE_COUNT; role++) {
		if (n[role]) {
			r->fallback_km[role] = sum[role] / n[role];
			r->fallback_known[role] = true;
			all += r->fallback_km[role];
			known++;
		}
	}
	for (int role = 1; role < ROLE_COUNT; role++)
		if (!n[role] && known)
			r->fallback_km[role] = all / known;
}

/* Fills the cost fields of *a for customer c served by seller s (-1: no
 * person, the role's fallback distance). */
static void cost(const struct plan_inputs *in, struct plan_result *r, int32_t c, int32_t s,
                 struct plan_assign *a)
{
	const struct plan_params *p = &r->params;
	int cat = a->cat;
	double visits = visits_of(&in->policy, cat);
	enum role role = plan_role_of(&in->policy, cat);
	if (dist_known(&in->ds, c, s)) {
		a->km = dist_km(&in->ds, c, s);
		a->travel_estimated = false;
	} else {
		/* Unknown: the role's average when there are visits; else irrelevant. */
		a->km = visits > 0 ? r->fallback_km[role] : -1;
		a->travel_estimated = visits > 0;
	}
	a->contact_hours = plan_contact_minutes(&in->policy, cat) / 60.0;
	a->travel_hours = visits > 0 ? visits * 2.0 * minutes_for_km(p, a->km) / 60.0 : 0;
	a->hours = a->contact_hours + a->travel_hours;
}

/* --- the window and the placement order ---------------------------------- */

static void find_window(const struct plan_inputs *in, struct plan_result *r)
{
	const struct dataset *ds = &in->ds;
	int32_t to = r->params.as_of;
	if (to == DAYS_NONE && ds->nactivities) {
		for (size_t i = 0; i < ds->nactivities; i++)
			if (to == DAYS_NONE || ds->activities[i].day > to)
				to = ds->activities[i].day;
	}
	if (to == DAYS_NONE) {
		for (size_t i = 0; i < ds->norders; i++)
			if (to == DAYS_NONE || ds->orders[i].day > to)
				to = ds->orders[i].day;
	}
	r->whatif.to = to;
	r->whatif.from = to == DAYS_NONE ? DAYS_NONE : days_add_months(to, -12) + 1;
}

static bool in_window(const struct plan_whatif *w, int32_t day)
{
	return w->to != DAYS_NONE && day >= w->from && day <= w->to;
}

static void customer_values(const struct plan_inputs *in, struct plan_result *r)
{
	const struct dataset *ds = &in->ds;
	bool *has = xcalloc(ds->ncustomers ? ds->ncustomers : 1, sizeof(bool));
	for (size_t i = 0; i < ds->norders; i++) {
		const struct order *o = &ds->orders[i];
		if (o->cust < 0 || (size_t)o->cust >= ds->ncustomers ||
		    !in_window(&r->whatif, o->day))
			continue;
		r->assign[o->cust].value += o->amount;
		has[o->cust] = true;
	}
	for (size_t c = 0; c < ds->ncustomers; c++)
		if (!has[c] && ds->customers[c].has_revenue)
			r->assign[c].value = ds->customers[c].revenue;
	free(has);
}

struct order_key {
	int32_t cust;
	int rank;
	int64_t value;
	const char *id;
};

static int by_priority(const void *x, const void *y)
{
	const struct order_key *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	int c = strcmp(a->id ? a->id : "", b->id ? b->id : "");
	if (c)
		return c;
	return a->cust < b->cust ? -1 : a->cust > b->cust;
}

/* Category 1, 2R, 2P, 3, then uncategorized; within each, order value in
 * the window (descending), then customer id. */
static void placement_order(const struct plan_inputs *in, struct plan_result *r)
{
	size_t n = in->ds.ncustomers;
	struct order_key *k = xcalloc(n ? n : 1, sizeof(*k));
	for (size_t c = 0; c < n; c++) {
		int cat = in->cat[c];
		k[c].cust = (int32_t)c;
		k[c].rank = cat >= 0 && cat < CAT_COUNT ? cat : CAT_COUNT;
		k[c].value = r->assign[c].value;
		k[c].id = in->ds.customers[c].id;
	}
	qsort(k, n, sizeof(*k), by_priority);
	r->order = xcalloc(n ? n : 1, sizeof(int32_t));
	for (size_t i = 0; i < n; i++)
		r->order[i] = k[i].cust;
	free(k);
}

/* --- assignment ---------------------------------------------------------- */

struct state {
	double *room; /* capacity left per seller */
	int role_persons[ROLE_COUNT];
};

/* Is candidate s better than the best so far for customer c? When the
 * category has visits: known distances first, nearest first. Then (and
 * always without visits) more room; then the lower index. */
static bool better(const struct plan_inputs *in, const struct state *st, int32_t c, int32_t s,
                   int32_t best)
{
	if (best < 0)
		return true;
	bool travels = visits_of(&in->policy, in->cat[c]) > 0;
	bool ks = travels && dist_known(&in->ds, c, s),
	     kb = travels && dist_known(&in->ds, c, best);
	if (ks != kb)
		return ks;
	if (ks) {
		double ds_ = dist_km(&in->ds, c, s), db = dist_km(&in->ds, c, best);
		if (fabs(ds_ - db) > EPS)
			return ds_ < db;
	}
	if (fabs(st->room[s] - st->room[best]) > EPS)
		return st->room[s] > st->room[best];
	return s < best;
}

static void place(struct plan_result *r, struct state *st, int32_t c, int32_t s,
                  enum plan_reason why)
{
	r->assign[c].to = s;
	r->assign[c].reason = (uint8_t)why;
	st->room[s] -= r->assign[c].hours;
}

/* Pass 1 over order[from, to): keep with the owner where role and room allow. */
static void keep_owners(const struct plan_inputs *in, struct plan_result *r, struct state *st,
                        size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		int32_t c = r->order[k];
		struct plan_assign *a = &r->assign[c];
		enum role role = plan_role_of(&in->policy, a->cat);
		if (a->cat == CAT_NONE || !st->role_persons[role] || a->from < 0 ||
		    in->ds.sellers[a->from].role != role)
			continue;
		cost(in, r, c, a->from, a);
		if (a->hours <= st->room[a->from] + EPS)
			place(r, st, c, a->from, PR_KEPT);
	}
}

static enum plan_reason move_reason(const struct plan_inputs *in, int32_t c,
                                    const struct plan_assign *a)
{
	if (a->from < 0)
		return in->ds.customers[c].seller_id ? PR_OWNER_UNKNOWN : PR_NO_OWNER;
	if (in->ds.sellers[a->from].role != plan_role_of(&in->policy, a->cat))
		return PR_ROLE_MISMATCH;
	return PR_OWNER_FULL;
}

/* Pass 2 over order[from, to): everyone not kept. */
static void place_rest(const struct plan_inputs *in, struct plan_result *r, struct state *st,
                       size_t from, size_t to)
{
	struct plan_assign trial;
	for (size_t k = from; k < to; k++) {
		int32_t c = r->order[k];
		struct plan_assign *a = &r->assign[c];
		if (a->to >= 0)
			continue;
		if (a->cat == CAT_NONE) {
			a->reason = PR_NO_CATEGORY;
			continue;
		}
		enum role role = plan_role_of(&in->policy, a->cat);
		if (!st->role_persons[role]) {
			a->reason = PR_NO_ROLE;
			cost(in, r, c, -1, a);
			continue;
		}
		int32_t best = -1, nearest = -1;
		for (size_t s = 0; s < in->ds.nsellers; s++) {
			if (in->ds.sellers[s].role != role)
				continue;
			trial = *a;
			cost(in, r, c, (int32_t)s, &trial);
			double left = st->room[s] - trial.hours;
			if (left >= -EPS && better(in, st, c, (int32_t)s, best))
				best = (int32_t)s;
			if (better(in, st, c, (int32_t)s, nearest))
				nearest = (int32_t)s;
		}
		if (best >= 0) {
			cost(in, r, c, best, a);
			place(r, st, c, best, move_reason(in, c, a));
			continue;
		}
		/* Nobody has room: the owner keeps it when the role matches (fewest
		 * moves), else the nearest person of the role (least travel added). */
		int32_t s =
		    a->from >= 0 && in->ds.sellers[a->from].role == role ? a->from : nearest;
		cost(in, r, c, s, a);
		place(r, st, c, s, PR_OVER_CAPACITY);
	}
}

bool plan_role_has_visits(const struct policy *pol, enum role role)
{
	for (int cat = 0; cat < CAT_COUNT; cat++)
		if (pol->cat[cat].role == role && pol->cat[cat].per_year[CH_VISIT] > 0)
			return true;
	return false;
}

static void assign_all(const struct plan_inputs *in, struct plan_result *r)
{
	const struct dataset *ds = &in->ds;
	struct state st = {0};
	st.room = xcalloc(ds->nsellers ? ds->nsellers : 1, sizeof(double));
	for (size_t s = 0; s < ds->nsellers; s++) {
		const struct seller *se = &ds->sellers[s];
		double h = se->hours_per_year > 0 ? se->hours_per_year : r->params.default_hours;
		r->person[s].role = se->role;
		r->person[s].has_home = se->has_home;
		r->person[s].capacity_hours = h * r->params.field_share;
		st.room[s] = r->person[s].capacity_hours;
		if (se->role > ROLE_NONE && se->role < ROLE_COUNT) {
			st.role_persons[se->role]++;
			if (!se->has_home && plan_role_has_visits(&in->policy, se->role))
				r->no_home++;
		}
	}
	for (size_t c = 0; c < ds->ncustomers; c++) {
		struct plan_assign *a = &r->assign[c];
		int cat = in->cat[c];
		a->cat = (int8_t)(cat >= 0 && cat < CAT_COUNT ? cat : CAT_NONE);
		a->from = ds->customers[c].seller;
		a->to = -1;
		a->located = ds->customers[c].has_loc;
		if (a->cat != CAT_NONE) {
			r->role_needed[plan_role_of(&in->policy, a->cat)]++;
			if (!a->located && visits_of(&in->policy, a->cat) > 0)
				r->unlocated++;
		}
	}
	/* Category by category (the order is sorted by category): both passes for
	 * category 1 before category 2R gets any room, and so on. */
	size_t n = ds->ncustomers;
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1;
		     to < n && r->assign[r->order[to]].cat == r->assign[r->order[from]].cat; to++)
			;
		keep_owners(in, r, &st, from, to);
		place_rest(in, r, &st, from, to);
	}
	free(st.room);
}

/* --- totals: persons, headcount ------------------------------------------ */

static void person_totals(const struct plan_inputs *in, struct plan_result *r)
{
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->to >= 0) {
			struct plan_person *p = &r->person[a->to];
			p->customers++;
			p->hours += a->hours;
			p->contact_hours += a->contact_hours;
			p->travel_hours += a->travel_hours;
			p->visits += in->policy.cat[a->cat].per_year[CH_VISIT];
			p->calls += in->policy.cat[a->cat].per_year[CH_PHONE];
			if (a->from == a->to)
				p->kept++;
			else
				p->gained++;
			if (a->reason == PR_OVER_CAPACITY) {
				p->over_capacity_customers++;
				r->over_capacity_customers++;
			}
		} else {
			r->unplaced++;
		}
		if (a->from >= 0 && a->to >= 0 && a->from != a->to) {
			r->person[a->from].lost++;
			r->moved++;
		}
		if (a->to >= 0 && a->from == a->to)
			r->kept++;
		if (a->to >= 0 && a->from < 0)
			r->newly++;
	}
	for (size_t s = 0; s < r->nperson; s++)
		r->person[s].over = r->person[s].hours > r->person[s].capacity_hours + EPS;
}

static void headcount(const struct plan_inputs *in, struct plan_result *r)
{
	double cap_sum[ROLE_COUNT] = {0};
	for (size_t s = 0; s < r->nperson; s++) {
		enum role role = r->person[s].role;
		if (role > ROLE_NONE && role < ROLE_COUNT) {
			r->headcount[role].available++;
			cap_sum[role] += r->person[s].capacity_hours;
		}
	}
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->cat == CAT_NONE)
			continue;
		struct plan_headcount *h = &r->headcount[plan_role_of(&in->policy, a->cat)];
		h->customers++;
		h->workload_hours += a->hours;
	}
	for (int role = 1; role < ROLE_COUNT; role++) {
		struct plan_headcount *h = &r->headcount[role];
		h->role = (enum role)role;
		h->capacity_per_person = h->available
		                             ? cap_sum[role] / h->available
		                             : r->params.default_hours * r->params.field_share;
		h->needed =
		    h->capacity_per_person > 0 ? h->workload_hours / h->capacity_per_person : 0;
	}
}

/* --- what-if: today against the plan ------------------------------------- */

static double observed_visit_minutes(const struct plan_inputs *in, const struct plan_result *r,
                                     const struct activity *act, int cat)
{
	double m =
	    act->duration_min > 0 ? act->duration_min : in->policy.cat[cat].minutes[CH_VISIT];
	if (m <= 0)
		m = 60;
	if (act->travel_min > 0)
		m += act->travel_min;
	else if (act->km > 0)
		m += r->params.speed_kmh > 0 ? act->km / r->params.speed_kmh * 60.0 : 0;
	else if (act->seller >= 0 && dist_known(&in->ds, act->cust, act->seller))
		m += 2.0 * minutes_for_km(&r->params, dist_km(&in->ds, act->cust, act->seller));
	return m;
}

/* Observed visits and order value per customer in the window. */
static void observe(const struct plan_inputs *in, struct plan_result *r, int *visits,
                    int64_t *value)
{
	struct plan_whatif *w = &r->whatif;
	const struct dataset *ds = &in->ds;
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *act = &ds->activities[i];
		if (!in_window(w, act->day))
			continue;
		w->activities_in_window++;
		if (act->type != ACT_VISIT || act->cust < 0 || in->cat[act->cust] == CAT_NONE)
			continue;
		int cat = in->cat[act->cust];
		visits[act->cust]++;
		w->cat[cat].visits_today++;
		w->cat[cat].field_hours_today += observed_visit_minutes(in, r, act, cat) / 60.0;
	}
	for (size_t i = 0; i < ds->norders; i++) {
		const struct order *o = &ds->orders[i];
		if (o->cust < 0 || !in_window(w, o->day) || in->cat[o->cust] == CAT_NONE)
			continue;
		value[o->cust] += o->amount;
		w->cat[in->cat[o->cust]].value_today += o->amount;
	}
}

/* The value of one more (or one less) visit in a category: how much more a
 * visited customer bought than one not visited, per visit (docs/plan.md). */
static void value_per_visit(struct plan_whatif_cat *x)
{
	if (x->visits_today <= 0)
		return;
	x->has_value_per_visit = true;
	x->value_per_visit_avg = (double)x->value_today / x->visits_today;
	if (x->customers_unvisited == 0 || x->customers_visited == 0) {
		x->value_per_visit = x->value_per_visit_avg; /* no one to compare with */
		return;
	}
	double mean_v = (double)x->value_visited / x->customers_visited;
	double mean_u = (double)(x->value_today - x->value_visited) / x->customers_unvisited;
	double per_customer = x->visits_today / x->customers_visited;
	x->value_per_visit = mean_v > mean_u ? (mean_v - mean_u) / per_customer : 0;
}

static void whatif(const struct plan_inputs *in, struct plan_result *r)
{
	struct plan_whatif *w = &r->whatif;
	size_t n = r->nassign ? r->nassign : 1;
	int *visits = xcalloc(n, sizeof(int));
	int64_t *value = xcalloc(n, sizeof(int64_t));
	observe(in, r, visits, value);
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->cat == CAT_NONE)
			continue;
		struct plan_whatif_cat *x = &w->cat[a->cat];
		x->customers++;
		if (visits[c]) {
			x->customers_visited++;
			x->value_visited += value[c];
		} else {
			x->customers_unvisited++;
		}
		if (in->potential && in->potential[c] >= 0) {
			x->has_potential = true;
			x->potential += in->potential[c];
		}
		if (a->to < 0)
			continue;
		double v = in->policy.cat[a->cat].per_year[CH_VISIT];
		x->visits_plan += v;
		x->field_hours_plan +=
		    v * in->policy.cat[a->cat].minutes[CH_VISIT] / 60.0 + a->travel_hours;
	}
	free(visits);
	free(value);
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		struct plan_whatif_cat *x = &w->cat[cat];
		value_per_visit(x);
		if (x->has_value_per_visit) {
			x->value_effect_linear =
			    (x->visits_plan - x->visits_today) * x->value_per_visit;
			x->value_effect = x->value_effect_linear;
			if (x->has_potential && x->value_effect > (double)x->potential)
				x->value_effect = (double)x->potential;
			if (x->value_effect < -(double)x->value_today)
				x->value_effect = -(double)x->value_today;
			w->value_effect_total += x->value_effect;
		}
		if (cat != CAT_3)
			w->extra_visits_1_2 += x->visits_plan - x->visits_today;
	}
	w->field_hours_freed_cat3 =
	    w->cat[CAT_3].field_hours_today - w->cat[CAT_3].field_hours_plan;
}

struct plan_result *plan_compute(const struct plan_inputs *in, const struct plan_params *p)
{
	struct plan_result *r = xcalloc(1, sizeof(*r));
	r->params = *p;
	r->nassign = in->ds.ncustomers;
	r->nperson = in->ds.nsellers;
	r->assign = xcalloc(r->nassign ? r->nassign : 1, sizeof(*r->assign));
	r->person = xcalloc(r->nperson ? r->nperson : 1, sizeof(*r->person));
	find_window(in, r);
	customer_values(in, r);
	placement_order(in, r);
	fallback_distances(in, r);
	assign_all(in, r);
	person_totals(in, r);
	headcount(in, r);
	whatif(in, r);
	return r;
}

/* --- lists --------------------------------------------------------------- */

void plan_last_contacts(const struct dataset *ds, int32_t *last_contact, int32_t *last_visit)
{
	for (size_t c = 0; c < ds->ncustomers; c++)
		last_contact[c] = last_visit[c] = DAYS_NONE;
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *a = &ds->activities[i];
		if (a->cust < 0)
			continue;
		bool contact = a->type == ACT_VISIT || a->type == ACT_PHONE ||
		               a->type == ACT_EMAIL || a->type == ACT_MEETING;
		if (contact &&
		    (last_contact[a->cust] == DAYS_NONE || a->day > last_contact[a->cust]))
			last_contact[a->cust] = a->day;
		if (a->type == ACT_VISIT &&
		    (last_visit[a->cust] == DAYS_NONE || a->day > last_visit[a->cust]))
			last_visit[a->cust] = a->day;
	}
}

int32_t plan_next_due(const struct policy *pol, int cat, int32_t last_contact, int32_t today)
{
	if (cat < 0 || cat >= CAT_COUNT)
		return DAYS_NONE;
	double n = pol->cat[cat].per_year[CH_VISIT] + pol->cat[cat].per_year[CH_PHONE];
	if (n <= 0)
		return DAYS_NONE;
	if (last_contact == DAYS_NONE)
		return today;
	return last_contact + (int32_t)lround(365.0 / n);
}

int plan_newsletter_dates(double per_year, int32_t today, int32_t *out, int max)
{
	long n = lround(per_year);
	if (n <= 0)
		return 0;
	if (n > 12)
		n = 12;
	int step = (int)(12 / n);
	int y, m, d;
	days_to_ymd(today, &y, &m, &d);
	/* The next month after today whose (month - 1) is a multiple of step. */
	int mi = y * 12 + (m - 1) + 1;
	while ((mi % 12) % step)
		mi++;
	int count = 0;
	for (long k = 0; k < n && count < max; k++, mi += step) {
		int yy = mi / 12, mm = mi % 12 + 1;
		out[count++] = days_next_workday_se(days_from_ymd(yy, mm, 1));
	}
	return count;
}

/* One due visit before placement. */
struct due {
	int32_t cust;
	int32_t day;
	int rank; /* category, then placement order */
};

static int by_due(const void *x, const void *y)
{
	const struct due *a = x, *b = y;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return 0;
}

struct overdue {
	int32_t cust;
	int32_t last; /* DAYS_NONE first: never visited */
	int pos;      /* placement order */
};

static int by_overdue(const void *x, const void *y)
{
	const struct overdue *a = x, *b = y;
	if (a->last != b->last) {
		if (a->last == DAYS_NONE)
			return -1;
		if (b->last == DAYS_NONE)
			return 1;
		return a->last < b->last ? -1 : 1;
	}
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Collects the due visits of one seller before the horizon. */
static struct due *due_visits(const struct plan_inputs *in, const struct plan_result *r,
                              int32_t seller, const int32_t *last_visit, int32_t start, int32_t end,
                              size_t *n)
{
	size_t nc = r->nassign, cap = 16, nd = 0;
	struct due *d = xmalloc(cap * sizeof(*d));
	int *pos = xmalloc((nc ? nc : 1) * sizeof(int));
	for (size_t k = 0; k < nc; k++)
		pos[r->order[k]] = (int)k;
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		double v = in->policy.cat[cat].per_year[CH_VISIT];
		if (v <= 0)
			continue;
		double interval = 365.0 / v < 1 ? 1 : 365.0 / v;
		struct overdue *od = xmalloc((nc ? nc : 1) * sizeof(*od));
		size_t nod = 0;
		for (size_t c = 0; c < nc; c++) {
			if (r->assign[c].to != seller || r->assign[c].cat != cat)
				continue;
			int32_t first = last_visit[c] == DAYS_NONE
			                    ? DAYS_NONE
			                    : last_visit[c] + (int32_t)lround(interval);
			if (first == DAYS_NONE || first < start)
				od[nod++] = (struct overdue){(int32_t)c, last_visit[c], pos[c]};
			else
				for (double t = first; t < end; t += interval) {
					if (nd == cap)
						d = xreallocarray(d, cap *= 2, sizeof(*d));
					d[nd++] = (struct due){(int32_t)c, (int32_t)lround(t),
					                       cat * (int)(nc + 1) + pos[c]};
				}
		}
		/* Overdue or never visited: spread evenly over one interval. */
		qsort(od, nod, sizeof(*od), by_overdue);
		for (size_t i = 0; i < nod; i++) {
			double t0 = start + floor((double)i * interval / (double)nod);
			for (double t = t0; t < end; t += interval) {
				if (nd == cap)
					d = xreallocarray(d, cap *= 2, sizeof(*d));
				d[nd++] = (struct due){od[i].cust, (int32_t)lround(t),
				                       cat * (int)(nc + 1) + od[i].pos};
			}
		}
		free(od);
	}
	free(pos);
	qsort(d, nd, sizeof(*d), by_due);
	*n = nd;
	return d;
}

static bool has_room(const double *used, int32_t start, int32_t day, double need, double limit)
{
	double u = used[day - start];
	return u <= 0 || u + need <= limit + EPS;
}

/* The first working day on or after the due day (not before start) with
 * room; when the horizon ends first, the latest earlier working day with
 * room. Working days: Monday-Friday except Swedish public holidays. */
static int32_t find_day(const double *used, int32_t start, int32_t end, int32_t due, double need,
                        double limit)
{
	int32_t from = due < start ? start : due;
	for (int32_t day = days_next_workday_se(from); day < end;
	     day = days_next_workday_se(day + 1))
		if (has_room(used, start, day, need, limit))
			return day;
	for (int32_t day = (from < end ? from : end) - 1; day >= start; day--)
		if (days_workday_se(day) && has_room(used, start, day, need, limit))
			return day;
	return DAYS_NONE;
}

static int by_day(const void *x, const void *y)
{
	const struct plan_visit *a = x, *b = y;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->start_min < b->start_min ? -1 : a->start_min > b->start_min;
}

struct plan_visit *plan_schedule_visits(const struct plan_inputs *in, const struct plan_result *r,
                                        int32_t seller, const int32_t *last_visit,
                                        const struct plan_schedule_opts *o, size_t *n,
                                        size_t *not_fitted)
{
	int32_t start = days_next_workday_se(o->start);
	int32_t end = o->start + 7 * (o->weeks > 0 ? o->weeks : 1);
	size_t nd = 0, nv = 0;
	*not_fitted = 0;
	struct due *d = due_visits(in, r, seller, last_visit, start, end, &nd);
	struct plan_visit *v = xmalloc((nd ? nd : 1) * sizeof(*v));
	size_t ndays = (size_t)(end - start > 0 ? end - start : 1);
	double *used = xcalloc(ndays, sizeof(double));
	for (size_t i = 0; i < nd; i++) {
		const struct plan_assign *a = &r->assign[d[i].cust];
		int visit_min = (int)lround(in->policy.cat[a->cat].minutes[CH_VISIT]);
		int travel = (int)lround(minutes_for_km(&r->params, a->km));
		double need = visit_min + 2.0 * travel;
		int32_t day = find_day(used, start, end, d[i].day, need, o->day_minutes);
		if (day == DAYS_NONE) {
			(*not_fitted)++;
			continue;
		}
		int begin = o->day_start_min + (int)lround(used[day - start]) + travel;
		begin = (begin + 4) / 5 * 5;
		used[day - start] += need;
		v[nv++] = (struct plan_visit){d[i].cust, day, begin, visit_min, travel, d[i].day};
	}
	free(used);
	free(d);
	qsort(v, nv, sizeof(*v), by_day);
	*n = nv;
	return v;
}
