/* planview-json.c — the coverage plan as JSON: one customer's row, the
 * whole document as a tree (the dashboard), and the document streamed row
 * by row (`fokus plan --format json`). */
#include "render/planview.h"
#include "render/planview-int.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- JSON ---------------------------------------------------------------- */

/* A number rounded to `decimals`; whole numbers as integers (8, not 8.0). */
json_t *pv_round_real(double v, int decimals)
{
	double m = pow(10, decimals);
	double x = round(v * m) / m;
	if (x == floor(x) && fabs(x) < 9e15)
		return json_integer((json_int_t)x);
	return json_real(x);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *pv_money(double minor)
{
	return pv_round_real(minor / 100.0, 2);
}

static json_t *date_or_null(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

json_t *planview_assignment_json(const struct plan_inputs *in, const struct plan_result *r,
                                 int32_t c)
{
	const struct plan_assign *a = &r->assign[c];
	const struct customer *cu = &in->ds.customers[c];
	json_t *o = json_object();
	json_object_set_new(o, "customer_id", json_string(cu->id));
	json_object_set_new(o, "name", str_or_null(cu->name));
	json_object_set_new(o, "category",
	                    a->cat == CAT_NONE ? json_null()
	                                       : json_string(category_code((enum category)a->cat)));
	json_object_set_new(o, "from_seller", str_or_null(cu->seller_id));
	json_object_set_new(o, "to_seller", str_or_null(pv_seller_id(in, a->to)));
	json_object_set_new(o, "reason",
	                    json_string(plan_reason_code((enum plan_reason)a->reason)));
	json_object_set_new(o, "channel",
	                    json_string(plan_channel_code((enum plan_channel)a->channel)));
	json_object_set_new(o, "visits_per_year", pv_round_real(a->visits, 2));
	json_object_set_new(o, "calls_per_year", pv_round_real(a->calls, 2));
	json_object_set_new(o, "newsletters_per_year", pv_round_real(a->newsletters, 2));
	json_object_set_new(o, "hours", pv_round_real(a->hours, 2));
	json_object_set_new(o, "travel_hours", pv_round_real(a->travel_hours, 2));
	json_object_set_new(o, "km_one_way", a->km >= 0 ? pv_round_real(a->km, 1) : json_null());
	json_object_set_new(o, "travel_estimated", json_boolean(a->travel_estimated));
	json_object_set_new(o, "located", json_boolean(a->located));
	json_object_set_new(o, "value_today", pv_money(a->value_today));
	json_object_set_new(o, "value_plan", pv_money(a->value_plan));
	return o;
}

static json_t *json_assignments(const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *arr = json_array();
	for (size_t k = 0; k < r->nassign; k++)
		json_array_append_new(arr, planview_assignment_json(in, r, r->order[k]));
	return arr;
}

static json_t *json_workload(const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *arr = json_array();
	for (size_t s = 0; s < r->nperson; s++) {
		const struct plan_person *p = &r->person[s];
		json_t *o = json_object();
		json_object_set_new(o, "seller_id", json_string(in->ds.sellers[s].id));
		json_object_set_new(o, "name", str_or_null(in->ds.sellers[s].name));
		json_object_set_new(o, "role",
		                    p->role ? json_string(role_code(p->role)) : json_null());
		json_object_set_new(o, "hours", pv_round_real(p->hours, 2));
		json_object_set_new(o, "capacity_hours", pv_round_real(p->capacity_hours, 2));
		json_object_set_new(o, "load", pv_round_real(p->load, 4));
		json_object_set_new(o, "customers", json_integer(p->customers));
		json_object_set_new(o, "kept", json_integer(p->kept));
		json_object_set_new(o, "gained", json_integer(p->gained));
		json_object_set_new(o, "lost", json_integer(p->lost));
		json_object_set_new(o, "visits", pv_round_real(p->visits, 2));
		json_object_set_new(o, "calls", pv_round_real(p->calls, 2));
		json_object_set_new(o, "contact_hours", pv_round_real(p->contact_hours, 2));
		json_object_set_new(o, "travel_hours", pv_round_real(p->travel_hours, 2));
		json_object_set_new(o, "value_of_hour", pv_money(p->price));
		json_object_set_new(o, "km_per_year", pv_round_real(p->km_year, 0));
		json_object_set_new(o, "mean_km",
		                    p->mean_km >= 0 ? pv_round_real(p->mean_km, 1) : json_null());
		json_object_set_new(o, "compactness",
		                    p->compactness >= 0 ? pv_round_real(p->compactness, 3)
		                                        : json_null());
		json_object_set_new(o, "value_plan", pv_money(p->value_plan));
		json_object_set_new(o, "over_capacity", json_boolean(p->over));
		json_object_set_new(o, "has_home", json_boolean(p->has_home));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* How many more persons of the role would pay for themselves, and what
 * each would bring (null when none is worth adding). */
static void set_worth(json_t *o, const struct plan_headcount *h)
{
	json_object_set_new(o, "worth_adding",
	                    h->worth_adding >= 0 ? json_integer(h->worth_adding) : json_null());
	json_object_set_new(o, "worth_each",
	                    h->worth_adding > 0 ? pv_money(h->worth_each) : json_null());
}

static json_t *json_headcount(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int role = 1; role < ROLE_COUNT; role++) {
		const struct plan_headcount *h = &r->headcount[role];
		json_t *o = json_object();
		json_object_set_new(o, "role", json_string(role_code(h->role)));
		json_object_set_new(o, "needed", pv_round_real(h->needed, 2));
		json_object_set_new(o, "available", json_integer(h->available));
		json_object_set_new(o, "customers", json_integer(h->customers));
		json_object_set_new(o, "workload_hours", pv_round_real(h->workload_hours, 2));
		json_object_set_new(o, "capacity_per_person",
		                    pv_round_real(h->capacity_per_person, 2));
		json_object_set_new(o, "plan_hours", pv_round_real(h->plan_hours, 2));
		set_worth(o, h);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_capacity_value(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int role = 1; role < ROLE_COUNT; role++) {
		const struct plan_headcount *h = &r->headcount[role];
		json_t *o = json_object();
		json_object_set_new(o, "role", json_string(role_code(h->role)));
		json_object_set_new(o, "plus_100_hours", pv_money(h->plus100));
		json_object_set_new(o, "one_more_person", pv_money(h->one_more));
		json_object_set_new(o, "needed_for_policy", pv_round_real(h->needed, 2));
		json_object_set_new(o, "available", json_integer(h->available));
		set_worth(o, h);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_below(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_below *b = &r->below[cat];
		json_t *o = json_object(), *ch = json_object();
		json_object_set_new(o, "category", json_string(category_code((enum category)cat)));
		json_object_set_new(o, "customers", json_integer(b->customers));
		json_object_set_new(o, "below", json_integer(b->below));
		json_object_set_new(o, "policy_visits", pv_round_real(b->policy_visits, 2));
		json_object_set_new(o, "policy_calls", pv_round_real(b->policy_calls, 2));
		json_object_set_new(o, "visits", pv_round_real(b->visits, 2));
		json_object_set_new(o, "calls", pv_round_real(b->calls, 2));
		for (int k = 0; k < PC_COUNT; k++)
			json_object_set_new(ch, plan_channel_code((enum plan_channel)k),
			                    json_integer(b->channel[k]));
		json_object_set_new(o, "channels", ch);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_response(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_response *x = &r->response[cat];
		struct response_points pts;
		double fref = plan_reference_contact(x->f_ref);
		response_to_points(&x->curve, fref, &pts);
		json_t *o = json_object(), *p = json_object(), *fit = json_object();
		json_object_set_new(o, "category", json_string(category_code((enum category)cat)));
		json_object_set_new(o, "source", json_string(response_source_code(x->source)));
		json_object_set_new(o, "rho", pv_round_real(x->curve.rho, 4));
		json_object_set_new(o, "c", pv_round_real(x->curve.c, 4));
		json_object_set_new(o, "d", pv_round_real(x->curve.d, 4));
		json_object_set_new(o, "contact_today", pv_round_real(x->f_ref, 3));
		json_object_set_new(o, "reference_contact", pv_round_real(fref, 3));
		json_object_set_new(p, "no_visits", pv_round_real(pts.none, 4));
		json_object_set_new(p, "half", pv_round_real(pts.half, 4));
		json_object_set_new(p, "more", pv_round_real(pts.more, 4));
		json_object_set_new(p, "saturation", pv_round_real(pts.saturation, 4));
		json_object_set_new(o, "points", p);
		json_object_set_new(fit, "ok", json_boolean(x->fit.ok));
		json_object_set_new(fit, "customers", json_integer(x->fit.customers));
		json_object_set_new(fit, "informative", json_integer(x->fit.informative));
		if (x->fit.ok) {
			json_object_set_new(fit, "rho", pv_round_real(x->fit.est.rho, 4));
			json_object_set_new(fit, "d", pv_round_real(x->fit.est.d, 4));
			json_object_set_new(fit, "lr", pv_round_real(x->fit.lr, 2));
		}
		if (x->fit.ok && x->fit.nboot) {
			json_object_set_new(fit, "rho_low", pv_round_real(x->fit.rho_lo, 4));
			json_object_set_new(fit, "rho_high", pv_round_real(x->fit.rho_hi, 4));
			json_object_set_new(fit, "d_low", pv_round_real(x->fit.d_lo, 4));
			json_object_set_new(fit, "d_high", pv_round_real(x->fit.d_hi, 4));
			json_object_set_new(fit, "replicates", json_integer(x->fit.nboot));
		}
		json_object_set_new(o, "fit", fit);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_whatif(const struct plan_result *r)
{
	const struct plan_whatif *w = &r->whatif;
	json_t *o = json_object();
	json_object_set_new(o, "from", date_or_null(w->from));
	json_object_set_new(o, "to", date_or_null(w->to));
	json_object_set_new(o, "activities", json_integer((json_int_t)w->activities_in_window));
	json_t *cats = json_array();
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_whatif_cat *x = &w->cat[cat];
		json_t *c = json_object();
		json_object_set_new(c, "category", json_string(category_code((enum category)cat)));
		json_object_set_new(c, "customers", json_integer(x->customers));
		json_object_set_new(c, "visits_today", pv_round_real(x->visits_today, 2));
		json_object_set_new(c, "visits_plan", pv_round_real(x->visits_plan, 2));
		json_object_set_new(c, "calls_today", pv_round_real(x->calls_today, 2));
		json_object_set_new(c, "calls_plan", pv_round_real(x->calls_plan, 2));
		json_object_set_new(c, "field_hours_today", pv_round_real(x->field_hours_today, 2));
		json_object_set_new(c, "field_hours_plan", pv_round_real(x->field_hours_plan, 2));
		json_object_set_new(c, "value_today", pv_money(x->value_today));
		json_object_set_new(c, "value_plan", pv_money(x->value_plan));
		json_array_append_new(cats, c);
	}
	json_object_set_new(o, "categories", cats);
	json_object_set_new(o, "field_hours_freed_cat3",
	                    pv_round_real(w->field_hours_freed_cat3, 2));
	json_object_set_new(o, "extra_visits_1_2", pv_round_real(w->extra_visits_1_2, 2));
	return o;
}

/* The words for the codes, so a program can show them to people. */
static json_t *json_words(void)
{
	json_t *o = json_object(), *rs = json_object(), *cs = json_object();
	for (int k = 0; k < PR_COUNT; k++) {
		json_t *w = json_object();
		json_object_set_new(w, "en",
		                    json_string(plan_reason_text((enum plan_reason)k, LANG_EN)));
		json_object_set_new(w, "sv",
		                    json_string(plan_reason_text((enum plan_reason)k, LANG_SV)));
		json_object_set_new(rs, plan_reason_code((enum plan_reason)k), w);
	}
	for (int k = 0; k < PC_COUNT; k++) {
		json_t *w = json_object();
		json_object_set_new(w, "en",
		                    json_string(plan_channel_text((enum plan_channel)k, LANG_EN)));
		json_object_set_new(w, "sv",
		                    json_string(plan_channel_text((enum plan_channel)k, LANG_SV)));
		json_object_set_new(cs, plan_channel_code((enum plan_channel)k), w);
	}
	json_object_set_new(o, "reasons", rs);
	json_object_set_new(o, "channels", cs);
	return o;
}

json_t *planview_plan_json_object(const struct plan_inputs *in, const struct plan_result *r,
                                  bool with_assignments)
{
	json_t *root = json_object();
	json_object_set_new(root, "snapshot_id", json_integer(in->snapshot_id));
	json_t *params = json_object();
	json_object_set_new(params, "field_share", pv_round_real(r->params.field_share, 4));
	json_object_set_new(params, "road_factor", pv_round_real(r->params.road_factor, 4));
	json_object_set_new(params, "speed_kmh", pv_round_real(r->params.speed_kmh, 4));
	json_object_set_new(params, "default_hours", pv_round_real(r->params.default_hours, 2));
	json_object_set_new(params, "move_cost", pv_money(r->params.move_cost));
	json_object_set_new(params, "person_cost", pv_money(r->params.person_cost));
	json_object_set_new(params, "balance", pv_round_real(r->params.balance, 4));
	json_object_set_new(params, "phone_weight", pv_round_real(in->phone_weight, 4));
	json_object_set_new(params, "axis", json_string(in->margin ? "margin" : "amount"));
	json_object_set_new(root, "params", params);
	json_object_set_new(root, "objective", pv_money(r->objective));
	json_t *v = json_object();
	json_object_set_new(v, "today", pv_money(r->value.today));
	json_object_set_new(v, "plan", pv_money(r->value.plan));
	json_object_set_new(v, "low", pv_money(r->value.low));
	json_object_set_new(v, "high", pv_money(r->value.high));
	json_object_set_new(root, "value", v);
	json_t *cov = json_object();
	json_object_set_new(cov, "policy_hours", pv_round_real(r->coverage.policy_hours, 1));
	json_object_set_new(cov, "capacity_hours", pv_round_real(r->coverage.capacity_hours, 1));
	json_object_set_new(cov, "share", pv_round_real(r->coverage.share, 4));
	json_object_set_new(root, "coverage", cov);
	json_object_set_new(root, "below_policy", json_below(r));
	json_object_set_new(root, "capacity_value", json_capacity_value(r));
	json_t *mv = json_object();
	for (int k = 0; k < PR_COUNT; k++)
		if (k != PR_KEPT && k != PR_NO_OWNER && k != PR_NO_ROLE && k != PR_NO_CATEGORY)
			json_object_set_new(mv, plan_reason_code((enum plan_reason)k),
			                    json_integer(r->moves[k]));
	json_object_set_new(root, "moves", mv);
	json_object_set_new(root, "response", json_response(r));
	if (with_assignments)
		json_object_set_new(root, "assignments", json_assignments(in, r));
	json_object_set_new(root, "workload", json_workload(in, r));
	json_object_set_new(root, "headcount", json_headcount(r));
	json_object_set_new(root, "whatif", json_whatif(r));
	json_t *summary = json_object();
	json_object_set_new(summary, "customers", json_integer((json_int_t)r->nassign));
	json_object_set_new(summary, "kept", json_integer(r->kept));
	json_object_set_new(summary, "moved", json_integer(r->moved));
	json_object_set_new(summary, "newly_assigned", json_integer(r->newly));
	json_object_set_new(summary, "unplaced", json_integer(r->unplaced));
	json_object_set_new(summary, "pinned", json_integer(r->pinned));
	json_object_set_new(summary, "over_capacity_persons", json_integer(r->over_persons));
	json_object_set_new(summary, "unlocated", json_integer(r->unlocated));
	json_object_set_new(root, "summary", summary);
	json_object_set_new(root, "words", json_words());
	char **texts;
	const char **codes;
	int n;
	planview_plan_notes(in, r, LANG_EN, &texts, &codes, &n);
	json_t *warn = json_array();
	for (int i = 0; i < n; i++) {
		json_t *w = json_object();
		json_object_set_new(w, "code", json_string(codes[i]));
		json_object_set_new(w, "message", json_string(texts[i]));
		json_array_append_new(warn, w);
	}
	planview_notes_free(texts, codes, n);
	json_object_set_new(root, "warnings", warn);
	return root;
}

/* v dumped with an indent of 2, its lines shifted right by `indent`. */
static void dump_indented(FILE *f, const json_t *v, int indent)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12) |
	                            JSON_ENCODE_ANY);
	for (const char *c = s; c && *c; c++) {
		fputc(*c, f);
		if (*c == '\n')
			fprintf(f, "%*s", indent, "");
	}
	free(s);
}

/* The document as json_dumpf would print it with an indent of 2, but the
 * customers' rows one at a time: a million customers need not be a tree in
 * memory. */
void planview_plan_json(FILE *f, const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *root = planview_plan_json_object(in, r, false);
	const char *key;
	json_t *v;
	bool first = true;
	fputs("{", f);
	json_object_foreach(root, key, v)
	{
		fputs(first ? "\n  " : ",\n  ", f);
		first = false;
		json_t *k = json_string(key);
		dump_indented(f, k, 2);
		json_decref(k);
		fputs(": ", f);
		dump_indented(f, v, 2);
		if (!strcmp(key, "response")) {
			fputs(",\n  \"assignments\": [", f);
			for (size_t i = 0; i < r->nassign; i++) {
				json_t *a = planview_assignment_json(in, r, r->order[i]);
				fputs(i ? ",\n    " : "\n    ", f);
				dump_indented(f, a, 4);
				json_decref(a);
			}
			fputs(r->nassign ? "\n  ]" : "]", f);
		}
	}
	fputs("\n}\n", f);
	json_decref(root);
}
