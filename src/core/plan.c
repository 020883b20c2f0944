/* plan.c — the coverage plan (plan.h): the response curve per category and
 * per customer, the contact levels the policy allows, the candidates and
 * travel per customer, the allocation under capacity (core/alloc.c), and
 * everything the manager reads off it — reasons, moves, workload, value
 * today against the plan with its range, coverage of the policy, what more
 * capacity is worth, balance and travel per person; plus the pure parts of
 * the exported lists. Every formula is in docs/plan.md; keep the two in
 * step.
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
	p->move_cost = 500000;     /* 5 000 kr a year */
	p->person_cost = 70000000; /* 700 000 kr a year */
	p->balance = 0.10;
	p->candidates = 8;
	p->boot = RESPONSE_BOOT;
	p->max_seconds = 0;
}

static const struct {
	const char *code, *en, *sv;
} reasons[PR_COUNT] = {
    [PR_KEPT] = {"kept", "stays", "stannar"},
    [PR_NO_OWNER] = {"no_owner", "had no owner", "saknade ansvarig"},
    [PR_OWNER_UNKNOWN] = {"owner_unknown", "owner not among the sellers",
                          "ansvarig saknas bland säljarna"},
    [PR_ROLE] = {"role", "the method: another role", "metoden: en annan roll"},
    [PR_CAPACITY] = {"capacity", "better use of the hours", "bättre användning av timmarna"},
    [PR_BALANCE] = {"balance", "evens out the load", "jämnar ut belastningen"},
    [PR_PINNED] = {"pinned", "pinned by the manager", "låst av säljchefen"},
    [PR_NO_ROLE] = {"no_role", "nobody has the role", "ingen har rollen"},
    [PR_NO_CATEGORY] = {"no_category", "not categorized yet", "inte kategoriserad än"},
};

static const struct {
	const char *code, *en, *sv;
} channels[PC_COUNT] = {
    [PC_VISIT] = {"visit", "visits", "besök"},
    [PC_PHONE] = {"phone", "phone", "telefon"},
    [PC_NEWSLETTER] = {"newsletter", "newsletter only", "bara nyhetsbrev"},
    [PC_NONE] = {"none", "no contact", "ingen kontakt"},
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

const char *plan_channel_code(enum plan_channel c)
{
	return c < PC_COUNT ? channels[c].code : "";
}

const char *plan_channel_text(enum plan_channel c, int lang)
{
	if (c >= PC_COUNT)
		return "";
	return lang == 1 ? channels[c].sv : channels[c].en;
}

int plan_reason_parse(const char *s, enum plan_reason *out)
{
	for (int r = 0; s && r < PR_COUNT; r++)
		if (!strcmp(s, reasons[r].code)) {
			*out = (enum plan_reason)r;
			return 0;
		}
	return -1;
}

int plan_channel_parse(const char *s, enum plan_channel *out)
{
	for (int c = 0; s && c < PC_COUNT; c++)
		if (!strcmp(s, channels[c].code)) {
			*out = (enum plan_channel)c;
			return 0;
		}
	return -1;
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

bool plan_role_has_visits(const struct policy *pol, enum role role)
{
	if (role == ROLE_SERVICE)
		return false;
	for (int cat = 0; cat < CAT_COUNT; cat++)
		if (pol->cat[cat].role == role && pol->cat[cat].max[CH_VISIT] > 0)
			return true;
	return false;
}

void plan_inputs_free(struct plan_inputs *in)
{
	if (!in)
		return;
	dataset_free(&in->ds);
	free(in->cat);
	free(in->revenue);
	free(in->potential);
	free(in->pin);
	in->cat = NULL;
	in->revenue = NULL;
	in->potential = NULL;
	in->pin = NULL;
}

/* What the optimization problem points to. */
struct store {
	struct alloc_item *items;
	struct alloc_person *persons;
	struct alloc_class *classes;
	double *lev; /* the classes' visits, fixed and g arrays */
	int32_t *cand;
	double *a;
	int32_t *item_of; /* per customer: item index, -1 none */
	int32_t *cust_of; /* per item: customer index */
	int ncat_classes; /* classes 0..CAT_COUNT-1 are the categories' */
	double *calls;    /* per class and level: calls a year */
	double *news;     /* per class: newsletters a year */
};

void plan_result_free(struct plan_result *r)
{
	if (!r)
		return;
	free(r->assign);
	free(r->person);
	free(r->order);
	response_fit_free(&r->fit);
	struct store *st = r->problem_store;
	if (st) {
		free(st->items);
		free(st->persons);
		free(st->classes);
		free(st->lev);
		free(st->cand);
		free(st->a);
		free(st->item_of);
		free(st->cust_of);
		free(st->calls);
		free(st->news);
		free(st);
	}
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

static bool may_visit(const struct policy *pol, int cat)
{
	return cat >= 0 && cat < CAT_COUNT && pol->cat[cat].role != ROLE_SERVICE &&
	       pol->cat[cat].max[CH_VISIT] > 0;
}

/* The fallback one-way km per role: mean over located customers of the
 * role's categories with visits of the distance to the nearest person of
 * the role with a home. Roles without such pairs borrow the mean of the
 * roles that have one. */
static void fallback_distances(const struct plan_inputs *in, struct plan_result *r)
{
	const struct dataset *ds = &in->ds;
	double sum[ROLE_COUNT] = {0};
	int n[ROLE_COUNT] = {0};
	for (size_t c = 0; c < ds->ncustomers; c++) {
		int cat = in->cat[c];
		enum role role = plan_role_of(&in->policy, cat);
		if (role == ROLE_NONE || !ds->customers[c].has_loc || !may_visit(&in->policy, cat))
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

/* One-way km from seller s to customer c: known, or the role's fallback. */
static double km_to(const struct plan_inputs *in, const struct plan_result *r, int32_t c, int32_t s,
                    bool *estimated)
{
	if (dist_known(&in->ds, c, s)) {
		*estimated = false;
		return dist_km(&in->ds, c, s);
	}
	*estimated = true;
	return r->fallback_km[plan_role_of(&in->policy, in->cat[c])];
}

/* --- today ---------------------------------------------------------------- */

static void find_window(const struct plan_inputs *in, struct plan_result *r)
{
	int32_t to = plan_today(in, r->params.as_of);
	r->whatif.to = to;
	r->whatif.from = to == DAYS_NONE ? DAYS_NONE : days_add_months(to, -12) + 1;
}

static bool in_window(const struct plan_whatif *w, int32_t day)
{
	return w->to != DAYS_NONE && day >= w->from && day <= w->to;
}

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

/* Visits, calls and field hours of the window per category. */
static void observe(const struct plan_inputs *in, struct plan_result *r)
{
	struct plan_whatif *w = &r->whatif;
	const struct dataset *ds = &in->ds;
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *act = &ds->activities[i];
		if (!in_window(w, act->day))
			continue;
		w->activities_in_window++;
		if (act->cust < 0 || in->cat[act->cust] == CAT_NONE)
			continue;
		int cat = in->cat[act->cust];
		if (act->type == ACT_VISIT) {
			w->cat[cat].visits_today++;
			w->cat[cat].field_hours_today +=
			    observed_visit_minutes(in, r, act, cat) / 60.0;
		} else if (act->type == ACT_PHONE) {
			w->cat[cat].calls_today++;
		}
	}
}

/* The yearly revenue today per customer: the snapshot's, or the window's
 * orders (margins on the margin axis) for hand-made inputs. */
static double *revenue_today(const struct plan_inputs *in, const struct plan_result *r)
{
	size_t n = in->ds.ncustomers;
	double *rev = xcalloc(n ? n : 1, sizeof(double));
	if (in->revenue) {
		for (size_t c = 0; c < n; c++)
			rev[c] = (double)in->revenue[c];
		return rev;
	}
	for (size_t i = 0; i < in->ds.norders; i++) {
		const struct order *o = &in->ds.orders[i];
		if (o->cust < 0 || (size_t)o->cust >= n || !in_window(&r->whatif, o->day))
			continue;
		rev[o->cust] +=
		    in->margin ? (o->has_margin ? (double)o->margin : 0) : (double)o->amount;
	}
	return rev;
}

/* Margin per krona of revenue in the window: 1 when values are margins. */
static double margin_rate(const struct plan_inputs *in, const struct plan_result *r)
{
	if (in->margin)
		return 1;
	double amount = 0, margin = 0;
	long with = 0;
	for (size_t i = 0; i < in->ds.norders; i++) {
		const struct order *o = &in->ds.orders[i];
		if (!in_window(&r->whatif, o->day) || !o->has_margin)
			continue;
		amount += (double)o->amount;
		margin += (double)o->margin;
		with++;
	}
	return with && amount > 0 ? margin / amount : -1;
}

/* --- the response --------------------------------------------------------- */

int32_t plan_today(const struct plan_inputs *in, int32_t as_of)
{
	const struct dataset *ds = &in->ds;
	int32_t to = as_of;
	if (to == DAYS_NONE)
		for (size_t i = 0; i < ds->nactivities; i++)
			if (to == DAYS_NONE || ds->activities[i].day > to)
				to = ds->activities[i].day;
	if (to == DAYS_NONE)
		for (size_t i = 0; i < ds->norders; i++)
			if (to == DAYS_NONE || ds->orders[i].day > to)
				to = ds->orders[i].day;
	return to;
}

void plan_response(const struct plan_inputs *in, int32_t today, int boot, struct response_fit *fit,
                   struct plan_response out[CAT_COUNT])
{
	struct response_fit_input fi = {.ds = &in->ds,
	                                .cat = in->cat,
	                                .to = today,
	                                .months = 24,
	                                .margin = in->margin,
	                                .phone_weight = in->phone_weight,
	                                .boot = boot,
	                                .seed = 1};
	response_fit(&fi, fit);
	for (int k = 0; k < CAT_COUNT; k++) {
		struct plan_response *pr = &out[k];
		pr->fit = fit->cat[k];
		pr->f_ref = fit->cat[k].f_ref;
		char *cause = NULL;
		if (in->judged[k] &&
		    response_from_points(&in->judgement[k], plan_reference_contact(pr->f_ref),
		                         &pr->curve, &cause) == 0) {
			pr->source = RS_JUDGEMENT;
		} else if (fit->cat[k].ok) {
			pr->source = RS_FIT;
			pr->curve = fit->cat[k].est;
		} else {
			pr->source = RS_DEFAULT;
			response_default((enum category)k, &pr->curve);
		}
		free(cause);
	}
}

double plan_reference_contact(double f_today)
{
	return f_today >= 1 ? f_today : 1;
}

/* --- levels ----------------------------------------------------------------- */

static const double visit_steps[] = {0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 24, 36, 52};
static const double call_steps[] = {0, 1, 2, 4, 6, 8, 12, 18, 24, 36, 52};
#define NSTEPS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Inserts v into the ascending out[0..k) unless there; returns the new k. */
static int insert_step(double *out, int k, double v)
{
	int at = 0;
	while (at < k && out[at] < v - EPS)
		at++;
	if (at < k && fabs(out[at] - v) <= EPS)
		return k;
	memmove(&out[at + 1], &out[at], (size_t)(k - at) * sizeof(double));
	out[at] = v;
	return k + 1;
}

/* The steps up to max, plus the policy's own value and the max itself:
 * into out (room for n + 2), ascending. */
static int steps(const double *s, int n, double max, double policy, double *out)
{
	int k = 0;
	for (int i = 0; i < n && s[i] <= max + EPS; i++)
		out[k++] = s[i];
	if (policy > 0 && policy <= max + EPS)
		k = insert_step(out, k, policy);
	if (max > 0)
		k = insert_step(out, k, max);
	return k;
}

static double minutes_of(const struct policy_row *row, int ch)
{
	static const double fallback[CH_COUNT] = {60, 10, 0};
	return row->minutes[ch] > 0 || ch == CH_NEWSLETTER ? row->minutes[ch] : fallback[ch];
}

/* --- the problem ------------------------------------------------------------ */

#define MAXLEV 256

struct levels {
	int n;
	double visits[MAXLEV], calls[MAXLEV];
};

static void category_levels(const struct policy_row *row, bool visits_ok, struct levels *L)
{
	double v[NSTEPS(visit_steps) + 2], q[NSTEPS(call_steps) + 2];
	double vmax = row->max[CH_VISIT] > row->per_year[CH_VISIT] ? row->max[CH_VISIT]
	                                                           : row->per_year[CH_VISIT];
	double qmax = row->max[CH_PHONE] > row->per_year[CH_PHONE] ? row->max[CH_PHONE]
	                                                           : row->per_year[CH_PHONE];
	int nv = visits_ok
	             ? steps(visit_steps, NSTEPS(visit_steps), vmax, row->per_year[CH_VISIT], v)
	             : 1;
	if (!visits_ok)
		v[0] = 0;
	int nq = steps(call_steps, NSTEPS(call_steps), qmax, row->per_year[CH_PHONE], q);
	L->n = 0;
	for (int a = 0; a < nv; a++)
		for (int b = 0; b < nq && L->n < MAXLEV; b++) {
			L->visits[L->n] = v[a];
			L->calls[L->n] = q[b];
			L->n++;
		}
}

struct cand_key {
	double km;
	bool known;
	int32_t s;
};

static int by_km(const void *x, const void *y)
{
	const struct cand_key *a = x, *b = y;
	if (a->known != b->known)
		return a->known ? -1 : 1;
	if (a->known && a->km != b->km)
		return a->km < b->km ? -1 : 1;
	return a->s < b->s ? -1 : a->s > b->s;
}

/* Persons per role, in dataset order. */
struct roster {
	int32_t *s[ROLE_COUNT];
	int n[ROLE_COUNT];
};

static void roster_build(const struct dataset *ds, struct roster *ro)
{
	memset(ro, 0, sizeof(*ro));
	for (int role = 0; role < ROLE_COUNT; role++)
		ro->s[role] = xmalloc((ds->nsellers ? ds->nsellers : 1) * sizeof(int32_t));
	for (size_t s = 0; s < ds->nsellers; s++) {
		enum role role = ds->sellers[s].role;
		if (role > ROLE_NONE && role < ROLE_COUNT)
			ro->s[role][ro->n[role]++] = (int32_t)s;
	}
}

static void roster_free(struct roster *ro)
{
	for (int role = 0; role < ROLE_COUNT; role++)
		free(ro->s[role]);
}

/* Hours per visit (round trip) from seller s to customer c. */
static double travel_per_visit(const struct plan_inputs *in, const struct plan_result *r, int32_t c,
                               int32_t s)
{
	bool est;
	return 2.0 * minutes_for_km(&r->params, km_to(in, r, c, s, &est)) / 60.0;
}

/* Class k of the allocation: its n levels of visits and calls a year, each
 * with its fixed hours (contact time of the visits, calls and the
 * category's newsletters) and its response share g on category cat's curve. */
static void set_class(const struct plan_inputs *in, const struct plan_result *r, struct store *st,
                      int k, int cat, int n, const double *visits, const double *calls)
{
	const struct policy_row *row = &in->policy.cat[cat];
	double *vis = &st->lev[(size_t)k * MAXLEV * 3], *fix = vis + MAXLEV, *g = fix + MAXLEV;
	for (int l = 0; l < n; l++) {
		vis[l] = visits[l];
		st->calls[(size_t)k * MAXLEV + (size_t)l] = calls[l];
		fix[l] =
		    (visits[l] * minutes_of(row, CH_VISIT) + calls[l] * minutes_of(row, CH_PHONE) +
		     row->per_year[CH_NEWSLETTER] * row->minutes[CH_NEWSLETTER]) /
		    60.0;
		g[l] = response_g(&r->response[cat].curve, visits[l] + in->phone_weight * calls[l]);
	}
	st->news[k] = row->per_year[CH_NEWSLETTER];
	st->classes[k] = (struct alloc_class){n, vis, fix, g};
}

/* The persons who may take customer c into keys; returns how many: the pinned
 * person alone, else every person of the role — when visits are made, the K
 * nearest of them and the current owner `from`. */
static int candidates(const struct dataset *ds, const struct roster *ro, int32_t c, enum role role,
                      const struct plan_pin *pin, bool visits_ok, int K, int32_t from,
                      struct cand_key *keys)
{
	int nc = 0;
	if (pin) {
		keys[nc++] = (struct cand_key){0, true, pin->seller};
		return nc;
	}
	for (int k = 0; k < ro->n[role]; k++) {
		int32_t s = ro->s[role][k];
		bool known = visits_ok && dist_known(ds, c, s);
		keys[nc++] = (struct cand_key){known ? dist_km(ds, c, s) : 0, known, s};
	}
	if (visits_ok && nc > K) {
		qsort(keys, (size_t)nc, sizeof(*keys), by_km);
		int keep = K;
		/* The current owner stays a candidate. */
		for (int k = K; k < nc; k++)
			if (keys[k].s == from)
				keys[keep++] = keys[k];
		nc = keep;
	}
	return nc;
}

/* Builds the allocation problem of the plan. */
static void build_problem(const struct plan_inputs *in, struct plan_result *r,
                          const struct roster *ro)
{
	const struct dataset *ds = &in->ds;
	size_t n = ds->ncustomers;
	struct store *st = xcalloc(1, sizeof(*st));
	r->problem_store = st;
	/* Classes: one per category, then one per pin with a fixed frequency. */
	int npinned = 0;
	for (size_t c = 0; c < n && in->pin; c++)
		if (in->pin[c].seller >= 0 && (in->pin[c].visits >= 0 || in->pin[c].calls >= 0))
			npinned++;
	int ncls = CAT_COUNT + npinned;
	st->classes = xcalloc((size_t)ncls, sizeof(*st->classes));
	st->lev = xcalloc((size_t)ncls * MAXLEV * 3, sizeof(double));
	st->calls = xcalloc((size_t)ncls * MAXLEV, sizeof(double));
	st->news = xcalloc((size_t)ncls, sizeof(double));
	st->ncat_classes = CAT_COUNT;
	for (int k = 0; k < CAT_COUNT; k++) {
		struct levels L;
		category_levels(&in->policy.cat[k], may_visit(&in->policy, k), &L);
		set_class(in, r, st, k, k, L.n, L.visits, L.calls);
	}
	/* Persons. */
	st->persons = xcalloc(ds->nsellers ? ds->nsellers : 1, sizeof(*st->persons));
	for (size_t s = 0; s < ds->nsellers; s++) {
		const struct seller *se = &ds->sellers[s];
		double h = se->hours_per_year > 0 ? se->hours_per_year : r->params.default_hours;
		st->persons[s].cap = h * r->params.field_share;
		st->persons[s].group = se->role;
	}
	/* Items: categorized customers whose role has persons. */
	st->item_of = xmalloc((n ? n : 1) * sizeof(int32_t));
	st->cust_of = xmalloc((n ? n : 1) * sizeof(int32_t));
	st->items = xcalloc(n ? n : 1, sizeof(*st->items));
	int K = r->params.candidates > 0 ? r->params.candidates : 8;
	size_t cap_c = n * (size_t)(K + 1) + 16, used = 0;
	st->cand = xmalloc(cap_c * sizeof(int32_t));
	st->a = xmalloc(cap_c * sizeof(double));
	struct cand_key *keys = xmalloc((ds->nsellers ? ds->nsellers : 1) * sizeof(*keys));
	int nitems = 0, pinned_cls = CAT_COUNT;
	for (size_t c = 0; c < n; c++) {
		st->item_of[c] = -1;
		int cat = in->cat[c];
		enum role role = plan_role_of(&in->policy, cat);
		const struct plan_pin *pin = in->pin && in->pin[c].seller >= 0 ? &in->pin[c] : NULL;
		if (cat == CAT_NONE || (!pin && (role == ROLE_NONE || !ro->n[role])))
			continue;
		struct alloc_item *it = &st->items[nitems];
		const struct plan_assign *a = &r->assign[c];
		it->cls = cat;
		it->base = a->r0;
		it->span = a->rmax - a->r0 > 0 ? a->rmax - a->r0 : 0;
		it->from = ds->customers[c].seller;
		it->pin = -1;
		it->pin_level = -1;
		bool visits_ok = may_visit(&in->policy, cat);
		if (pin)
			it->pin = pin->seller;
		int nc = candidates(ds, ro, (int32_t)c, role, pin, visits_ok, K, it->from, keys);
		if (used + (size_t)nc > cap_c) {
			cap_c = (used + (size_t)nc) * 2;
			st->cand = xreallocarray(st->cand, cap_c, sizeof(int32_t));
			st->a = xreallocarray(st->a, cap_c, sizeof(double));
		}
		for (int k = 0; k < nc; k++) {
			int32_t s = keys[k].s;
			bool person_visits = ds->sellers[s].role != ROLE_SERVICE && visits_ok;
			st->cand[used + (size_t)k] = s;
			st->a[used + (size_t)k] =
			    person_visits ? travel_per_visit(in, r, (int32_t)c, s) +
			                        minutes_of(&in->policy.cat[cat], CH_VISIT) * 0
			                  : -1;
		}
		it->ncand = nc;
		/* cand and a point into arrays that may still move: offsets for now. */
		it->cand = (const int32_t *)(uintptr_t)used;
		used += (size_t)nc;
		if (pin && (pin->visits >= 0 || pin->calls >= 0)) {
			/* A class of its own with the pinned level only. */
			const struct policy_row *row = &in->policy.cat[cat];
			int k = pinned_cls++;
			double v = pin->visits >= 0 ? pin->visits : row->per_year[CH_VISIT];
			double q = pin->calls >= 0 ? pin->calls : row->per_year[CH_PHONE];
			if (ds->sellers[pin->seller].role == ROLE_SERVICE)
				v = 0;
			set_class(in, r, st, k, cat, 1, &v, &q);
			it->cls = k;
			it->pin_level = 0;
			if (v > 0 && st->a[used - 1] < 0)
				st->a[used - 1] = travel_per_visit(in, r, (int32_t)c, pin->seller);
		}
		st->item_of[c] = nitems;
		st->cust_of[nitems] = (int32_t)c;
		nitems++;
	}
	free(keys);
	for (int i = 0; i < nitems; i++) {
		size_t off = (size_t)(uintptr_t)st->items[i].cand;
		st->items[i].cand = st->cand + off;
		st->items[i].a = st->a + off;
	}
	r->problem = (struct alloc_problem){.nitems = nitems,
	                                    .npersons = (int)ds->nsellers,
	                                    .nclasses = pinned_cls,
	                                    .items = st->items,
	                                    .persons = st->persons,
	                                    .classes = st->classes,
	                                    .move_cost = r->params.move_cost,
	                                    .balance = r->params.balance};
}

/* --- customers' curves ----------------------------------------------------- */

static void customer_curves(const struct plan_inputs *in, struct plan_result *r, const double *rev,
                            const double *f_today)
{
	for (size_t c = 0; c < r->nassign; c++) {
		struct plan_assign *a = &r->assign[c];
		a->f_today = f_today[c];
		if (a->cat == CAT_NONE)
			continue;
		double pot = in->potential ? (double)in->potential[c] : -1;
		struct response_customer rc;
		response_customer(&r->response[a->cat].curve, rev[c], pot, f_today[c], &rc);
		a->r0 = rc.r0;
		a->rmax = rc.rmax;
		a->value_today = response_value(&r->response[a->cat].curve, &rc, f_today[c]);
		a->value_plan = a->r0;
	}
}

/* --- the solution into the assignments ------------------------------------ */

static enum plan_reason reason_of(const struct plan_inputs *in, int32_t c,
                                  const struct plan_assign *a, uint8_t move)
{
	if (in->pin && in->pin[c].seller >= 0)
		return PR_PINNED;
	if (a->to == a->from)
		return PR_KEPT;
	if (a->from < 0)
		return in->ds.customers[c].seller_id ? PR_OWNER_UNKNOWN : PR_NO_OWNER;
	if (in->ds.sellers[a->from].role != plan_role_of(&in->policy, a->cat))
		return PR_ROLE;
	return move == AM_BALANCE ? PR_BALANCE : PR_CAPACITY;
}

static enum plan_channel channel_of(double visits, double calls, double news)
{
	if (visits > 0)
		return PC_VISIT;
	if (calls > 0)
		return PC_PHONE;
	if (news > 0)
		return PC_NEWSLETTER;
	return PC_NONE;
}

static void fill_assignments(const struct plan_inputs *in, struct plan_result *r,
                             const struct alloc_solution *s)
{
	const struct store *st = r->problem_store;
	const struct alloc_problem *p = &r->problem;
	for (size_t c = 0; c < r->nassign; c++) {
		struct plan_assign *a = &r->assign[c];
		int32_t i = st->item_of[c];
		if (a->cat == CAT_NONE) {
			a->reason = PR_NO_CATEGORY;
			a->channel = PC_NONE;
			continue;
		}
		if (i < 0 || s->person[i] < 0) {
			a->reason = PR_NO_ROLE;
			a->channel = PC_NONE;
			continue;
		}
		const struct alloc_item *it = &p->items[i];
		int l = s->level[i];
		const struct alloc_class *cl = &p->classes[it->cls];
		a->to = s->person[i];
		a->visits = cl->visits[l];
		a->calls = st->calls[(size_t)it->cls * MAXLEV + (size_t)l];
		a->newsletters = st->news[it->cls];
		a->hours = s->hours[i];
		bool est = false;
		a->km = a->visits > 0 || may_visit(&in->policy, a->cat)
		            ? km_to(in, r, (int32_t)c, a->to, &est)
		            : -1;
		a->travel_estimated = a->visits > 0 && est;
		a->travel_hours =
		    a->visits > 0 ? a->visits * 2.0 * minutes_for_km(&r->params, a->km) / 60.0 : 0;
		a->contact_hours = a->hours - a->travel_hours;
		a->value_plan = s->value[i];
		a->channel = (uint8_t)channel_of(a->visits, a->calls, a->newsletters);
		a->reason = (uint8_t)reason_of(in, (int32_t)c, a, s->move[i]);
	}
}

/* --- totals ---------------------------------------------------------------- */

static void person_totals(const struct plan_inputs *in, struct plan_result *r,
                          const struct alloc_solution *s)
{
	const struct dataset *ds = &in->ds;
	double *vd = xcalloc(r->nperson ? r->nperson : 1, sizeof(double)); /* sum v x km */
	double *vb = xcalloc(r->nperson ? r->nperson : 1, sizeof(double)); /* sum v x best km */
	double *vv = xcalloc(r->nperson ? r->nperson : 1, sizeof(double)); /* sum v */
	for (size_t q = 0; q < r->nperson; q++) {
		struct plan_person *pp = &r->person[q];
		pp->role = ds->sellers[q].role;
		pp->has_home = ds->sellers[q].has_home;
		pp->capacity_hours = r->problem.persons[q].cap;
		pp->price = s->price[q];
		if (pp->role > ROLE_NONE && pp->role < ROLE_COUNT && !pp->has_home &&
		    plan_role_has_visits(&in->policy, pp->role))
			r->no_home++;
	}
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->cat != CAT_NONE) {
			r->role_needed[plan_role_of(&in->policy, a->cat)]++;
			if (!a->located && may_visit(&in->policy, a->cat))
				r->unlocated++;
		}
		if (in->pin && in->pin[c].seller >= 0)
			r->pinned++;
		if (a->to >= 0) {
			struct plan_person *pp = &r->person[a->to];
			pp->customers++;
			pp->hours += a->hours;
			pp->contact_hours += a->contact_hours;
			pp->travel_hours += a->travel_hours;
			pp->visits += a->visits;
			pp->calls += a->calls;
			pp->value_plan += a->value_plan;
			pp->km_year += a->visits * 2.0 * a->km * r->params.road_factor;
			if (a->from == a->to)
				pp->kept++;
			else
				pp->gained++;
			if (a->visits > 0 && !a->travel_estimated) {
				double best = -1;
				enum role role = ds->sellers[a->to].role;
				for (size_t q = 0; q < ds->nsellers; q++)
					if (ds->sellers[q].role == role &&
					    dist_known(ds, (int32_t)c, (int32_t)q)) {
						double km = dist_km(ds, (int32_t)c, (int32_t)q);
						if (best < 0 || km < best)
							best = km;
					}
				vd[a->to] += a->visits * a->km;
				vb[a->to] += a->visits * (best >= 0 ? best : a->km);
				vv[a->to] += a->visits;
			}
		} else {
			r->unplaced++;
		}
		bool had_owner = a->from >= 0 || in->ds.customers[c].seller_id;
		if (a->to >= 0 && a->from != a->to && had_owner)
			r->moves[a->reason]++;
		if (a->from >= 0 && a->to >= 0 && a->from != a->to) {
			r->person[a->from].lost++;
			r->moved++;
		}
		if (a->to >= 0 && a->from == a->to)
			r->kept++;
		if (a->to >= 0 && a->from < 0)
			r->newly++;
	}
	for (size_t q = 0; q < r->nperson; q++) {
		struct plan_person *pp = &r->person[q];
		pp->over = pp->hours > pp->capacity_hours + 1e-6;
		r->over_persons += pp->over;
		pp->load = pp->capacity_hours > 0 ? pp->hours / pp->capacity_hours : 0;
		pp->mean_km = vv[q] > 0 ? vd[q] / vv[q] : -1;
		pp->compactness = vv[q] > 0 ? (vd[q] > 0 ? vb[q] / vd[q] : 1) : -1;
	}
	free(vd);
	free(vb);
	free(vv);
}

/* Hours of customer c at the policy's levels with person s (or the role's
 * average distance when s < 0). */
static double policy_hours(const struct plan_inputs *in, const struct plan_result *r, int32_t c,
                           int32_t s)
{
	int cat = r->assign[c].cat;
	const struct policy_row *row = &in->policy.cat[cat];
	double h = plan_contact_minutes(&in->policy, cat) / 60.0;
	double v = may_visit(&in->policy, cat) ? row->per_year[CH_VISIT] : 0;
	if (v > 0) {
		bool est;
		double km = s >= 0 ? km_to(in, r, c, s, &est)
		                   : r->fallback_km[plan_role_of(&in->policy, cat)];
		h += v * 2.0 * minutes_for_km(&r->params, km) / 60.0;
	}
	return h;
}

static void headcount(const struct plan_inputs *in, struct plan_result *r,
                      const struct alloc_solution *s)
{
	double cap_sum[ROLE_COUNT] = {0};
	for (size_t q = 0; q < r->nperson; q++) {
		enum role role = r->person[q].role;
		if (role > ROLE_NONE && role < ROLE_COUNT) {
			r->headcount[role].available++;
			cap_sum[role] += r->person[q].capacity_hours;
			r->headcount[role].plan_hours += r->person[q].hours;
		}
	}
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->cat == CAT_NONE)
			continue;
		struct plan_headcount *h = &r->headcount[plan_role_of(&in->policy, a->cat)];
		h->customers++;
		h->workload_hours += policy_hours(in, r, (int32_t)c, a->to);
	}
	double rate = r->margin_rate;
	for (int role = 1; role < ROLE_COUNT; role++) {
		struct plan_headcount *h = &r->headcount[role];
		h->role = (enum role)role;
		h->capacity_hours = cap_sum[role];
		h->capacity_per_person = h->available
		                             ? cap_sum[role] / h->available
		                             : r->params.default_hours * r->params.field_share;
		h->needed =
		    h->capacity_per_person > 0 ? h->workload_hours / h->capacity_per_person : 0;
		h->worth_adding = rate > 0 ? 0 : -1;
		if (!h->available)
			continue;
		/* Per person: value at cap, cap + 100 h, and cap x (n + k) / n. */
		enum { KMAX = 12 };
		double caps[KMAX + 2], vals[KMAX + 2], tot[KMAX + 1] = {0};
		int n = h->available;
		for (size_t q = 0; q < r->nperson; q++) {
			if (r->person[q].role != (enum role)role)
				continue;
			double cap = r->problem.persons[q].cap;
			caps[0] = cap + 100;
			for (int k = 0; k <= KMAX; k++)
				caps[k + 1] = cap * (n + k) / n;
			alloc_person_values(&r->problem, s, (int)q, caps, KMAX + 2, vals);
			double plus = vals[0] - vals[1];
			if (plus > h->plus100)
				h->plus100 = plus;
			for (int k = 0; k <= KMAX; k++)
				tot[k] += vals[k + 1];
		}
		h->one_more = tot[1] - tot[0];
		if (rate > 0) {
			double sum = 0;
			for (int k = 1; k <= KMAX; k++) {
				double gain = tot[k] - tot[k - 1];
				if (gain * rate < r->params.person_cost)
					break;
				h->worth_adding++;
				sum += gain;
			}
			h->worth_each = h->worth_adding > 0 ? sum / h->worth_adding : 0;
		}
	}
}

static void coverage_and_below(const struct plan_inputs *in, struct plan_result *r)
{
	double cap = 0;
	bool role_used[ROLE_COUNT] = {false};
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->to < 0)
			continue;
		role_used[r->person[a->to].role] = true;
		r->coverage.policy_hours += policy_hours(in, r, (int32_t)c, a->to);
		struct plan_below *b = &r->below[a->cat];
		const struct policy_row *row = &in->policy.cat[a->cat];
		double pv = may_visit(&in->policy, a->cat) ? row->per_year[CH_VISIT] : 0;
		b->customers++;
		b->policy_visits = pv;
		b->policy_calls = row->per_year[CH_PHONE];
		bool below =
		    pv > 0 ? a->visits < pv - EPS : a->calls < row->per_year[CH_PHONE] - EPS;
		if (!below)
			continue;
		b->below++;
		b->visits += a->visits;
		b->calls += a->calls;
		b->channel[a->channel]++;
	}
	for (int k = 0; k < CAT_COUNT; k++) {
		if (r->below[k].below) {
			r->below[k].visits /= r->below[k].below;
			r->below[k].calls /= r->below[k].below;
		}
		if (!r->below[k].customers) {
			const struct policy_row *row = &in->policy.cat[k];
			r->below[k].policy_visits =
			    may_visit(&in->policy, k) ? row->per_year[CH_VISIT] : 0;
			r->below[k].policy_calls = row->per_year[CH_PHONE];
		}
	}
	for (size_t q = 0; q < r->nperson; q++)
		if (r->person[q].role > ROLE_NONE && role_used[r->person[q].role])
			cap += r->person[q].capacity_hours;
	r->coverage.capacity_hours = cap;
	double share = r->coverage.policy_hours > 0 ? cap / r->coverage.policy_hours : 1;
	r->coverage.share = share > 1 ? 1 : share;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

/* Value today and planned, and the plan's range over the fit's replicates. */
static void values(const struct plan_inputs *in, struct plan_result *r, const double *rev)
{
	struct plan_value *v = &r->value;
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->cat == CAT_NONE)
			continue;
		v->today += a->value_today;
		v->plan += a->value_plan;
		struct plan_whatif_cat *w = &r->whatif.cat[a->cat];
		w->customers++;
		w->value_today += a->value_today;
		w->value_plan += a->value_plan;
		w->visits_plan += a->visits;
		w->calls_plan += a->calls;
		w->field_hours_plan +=
		    a->visits * minutes_of(&in->policy.cat[a->cat], CH_VISIT) / 60.0 +
		    a->travel_hours;
	}
	int nb = 0;
	for (int k = 0; k < CAT_COUNT; k++)
		if (r->response[k].source == RS_FIT && r->fit.cat[k].nboot > nb)
			nb = r->fit.cat[k].nboot;
	v->low = v->high = v->plan;
	if (!nb)
		return;
	v->has_range = true;
	double *tot = xcalloc((size_t)nb, sizeof(double));
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->cat == CAT_NONE)
			continue;
		const struct plan_response *pr = &r->response[a->cat];
		double f = a->visits + in->phone_weight * a->calls;
		double pot = in->potential ? (double)in->potential[c] : -1;
		for (int b = 0; b < nb; b++) {
			if (pr->source != RS_FIT || b >= r->fit.cat[a->cat].nboot) {
				tot[b] += a->value_plan;
				continue;
			}
			const struct response_curve *k = &r->fit.cat[a->cat].boot[b];
			struct response_customer rc;
			response_customer(k, rev[c], pot, a->f_today, &rc);
			tot[b] += a->to >= 0 ? response_value(k, &rc, f) : rc.r0;
		}
	}
	qsort(tot, (size_t)nb, sizeof(double), cmp_double);
	double lo = tot[(int)(0.1 * (nb - 1))], hi = tot[(int)ceil(0.9 * (nb - 1))];
	v->low = lo < v->plan ? lo : v->plan;
	v->high = hi > v->plan ? hi : v->plan;
	free(tot);
}

static void whatif_totals(struct plan_result *r)
{
	struct plan_whatif *w = &r->whatif;
	for (int cat = 0; cat < CAT_COUNT; cat++)
		if (cat != CAT_3)
			w->extra_visits_1_2 += w->cat[cat].visits_plan - w->cat[cat].visits_today;
	w->field_hours_freed_cat3 =
	    w->cat[CAT_3].field_hours_today - w->cat[CAT_3].field_hours_plan;
}

struct order_key {
	int32_t cust;
	int rank;
	double stake;
	const char *id;
};

static int by_priority(const void *x, const void *y)
{
	const struct order_key *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->stake != b->stake)
		return a->stake > b->stake ? -1 : 1;
	int c = strcmp(a->id ? a->id : "", b->id ? b->id : "");
	if (c)
		return c;
	return a->cust < b->cust ? -1 : a->cust > b->cust;
}

/* Category 1, 2R, 2P, 3, then uncategorized; within each, the value at
 * stake (rmax - r0) largest first, then customer id. */
static void display_order(const struct plan_inputs *in, struct plan_result *r)
{
	size_t n = in->ds.ncustomers;
	struct order_key *k = xcalloc(n ? n : 1, sizeof(*k));
	for (size_t c = 0; c < n; c++) {
		int cat = r->assign[c].cat;
		k[c].cust = (int32_t)c;
		k[c].rank = cat >= 0 && cat < CAT_COUNT ? cat : CAT_COUNT;
		k[c].stake = r->assign[c].rmax - r->assign[c].r0;
		k[c].id = in->ds.customers[c].id;
	}
	qsort(k, n, sizeof(*k), by_priority);
	r->order = xcalloc(n ? n : 1, sizeof(int32_t));
	for (size_t i = 0; i < n; i++)
		r->order[i] = k[i].cust;
	free(k);
}

struct plan_result *plan_compute(const struct plan_inputs *in, const struct plan_params *p)
{
	struct plan_result *r = xcalloc(1, sizeof(*r));
	const struct dataset *ds = &in->ds;
	r->params = *p;
	r->nassign = ds->ncustomers;
	r->nperson = ds->nsellers;
	r->assign = xcalloc(r->nassign ? r->nassign : 1, sizeof(*r->assign));
	r->person = xcalloc(r->nperson ? r->nperson : 1, sizeof(*r->person));
	for (size_t c = 0; c < r->nassign; c++) {
		struct plan_assign *a = &r->assign[c];
		int cat = in->cat[c];
		a->cat = (int8_t)(cat >= 0 && cat < CAT_COUNT ? cat : CAT_NONE);
		a->from = ds->customers[c].seller;
		a->to = -1;
		a->km = -1;
		a->located = ds->customers[c].has_loc;
	}
	find_window(in, r);
	observe(in, r);
	r->margin_rate = margin_rate(in, r);
	plan_response(in, r->whatif.to, p->boot, &r->fit, r->response);
	double *rev = revenue_today(in, r);
	double *f_today = xmalloc((r->nassign ? r->nassign : 1) * sizeof(double));
	response_contact_today(ds, r->whatif.to, in->phone_weight, f_today);
	customer_curves(in, r, rev, f_today);
	fallback_distances(in, r);
	struct roster ro;
	roster_build(ds, &ro);
	build_problem(in, r, &ro);
	struct alloc_opts o;
	alloc_opts_default(&o);
	o.max_seconds = p->max_seconds;
	struct alloc_solution s;
	alloc_solve(&r->problem, &o, &s);
	r->objective = s.objective;
	r->evaluations = s.evaluations;
	r->search_stopped = s.stopped;
	/* Not placed: the value without contact is what they bring. */
	fill_assignments(in, r, &s);
	person_totals(in, r, &s);
	headcount(in, r, &s);
	coverage_and_below(in, r);
	values(in, r, rev);
	whatif_totals(r);
	display_order(in, r);
	alloc_solution_free(&s);
	roster_free(&ro);
	free(rev);
	free(f_today);
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

int32_t plan_next_due(double per_year, int32_t last_contact, int32_t today)
{
	if (per_year <= 0)
		return DAYS_NONE;
	if (last_contact == DAYS_NONE)
		return today;
	return last_contact + (int32_t)lround(365.0 / per_year);
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

/* Collects the due visits of one seller before the horizon: each customer
 * at its planned visits a year. */
static struct due *due_visits(const struct plan_inputs *in, const struct plan_result *r,
                              int32_t seller, const int32_t *last_visit, int32_t start, int32_t end,
                              size_t *n)
{
	(void)in;
	size_t nc = r->nassign, cap = 16, nd = 0;
	struct due *d = xmalloc(cap * sizeof(*d));
	int *pos = xmalloc((nc ? nc : 1) * sizeof(int));
	for (size_t k = 0; k < nc; k++)
		pos[r->order[k]] = (int)k;
	struct overdue *od = xmalloc((nc ? nc : 1) * sizeof(*od));
	/* Per visit frequency: the overdue or never visited are spread over
	 * one interval of their own frequency. */
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		size_t nod = 0;
		for (size_t c = 0; c < nc; c++) {
			const struct plan_assign *a = &r->assign[c];
			if (a->to != seller || a->cat != cat || a->visits <= 0)
				continue;
			double interval = 365.0 / a->visits < 1 ? 1 : 365.0 / a->visits;
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
		qsort(od, nod, sizeof(*od), by_overdue);
		for (size_t i = 0; i < nod; i++) {
			const struct plan_assign *a = &r->assign[od[i].cust];
			double interval = 365.0 / a->visits < 1 ? 1 : 365.0 / a->visits;
			double t0 = start + floor((double)i * interval / (double)nod);
			for (double t = t0; t < end; t += interval) {
				if (nd == cap)
					d = xreallocarray(d, cap *= 2, sizeof(*d));
				d[nd++] = (struct due){od[i].cust, (int32_t)lround(t),
				                       cat * (int)(nc + 1) + od[i].pos};
			}
		}
	}
	free(od);
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
		int visit_min = (int)lround(minutes_of(&in->policy.cat[a->cat], CH_VISIT));
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
