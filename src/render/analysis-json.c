/* analysis-json.c — builds the JSON of the activity diagnosis. The arrays
 * and field names of issue 4 §3 are kept exactly (visits, contact_time,
 * order_value, uncontacted, bookings, findings); the rest adds what a
 * program needs to reproduce every figure. The team is seller_id "*";
 * customers outside the snapshot have category null. */
#include "render/analysis-json.h"
#include "util/days.h"

#include <math.h>
#include <stdlib.h>

json_t *analysis_json_money(int64_t minor)
{
	return json_real((double)minor / 100.0);
}

/* Rounded to `dec` decimals so the output carries no float noise. */
static json_t *num(double v, int dec)
{
	double f = pow(10, dec);
	return json_real(isfinite(v) ? round(v * f) / f : 0);
}

static json_t *cat_json(int c)
{
	return c >= 0 && c < CAT_COUNT ? json_string(category_code((enum category)c)) : json_null();
}

static json_t *date_json(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

static json_t *period_json(const struct analysis *a)
{
	return json_pack("{s:o, s:o, s:I, s:I}", "from", date_json(a->p.from), "to",
	                 date_json(a->p.to), "days", (json_int_t)a->days, "weeks",
	                 (json_int_t)a->nweeks);
}

static const char *seller_id(const struct analysis *a, const struct an_seller *s)
{
	return analysis_seller_id(a, s->seller);
}

/* The sellers in output order: each seller with any used activity, then the team. */
static const struct an_seller *seller_at(const struct analysis *a, size_t i)
{
	return i < a->nsellers ? &a->sellers[i] : &a->team;
}

static json_t *categories_json(const struct analysis *a)
{
	json_t *arr = json_array();
	for (int c = 0; c < AN_NCAT; c++) {
		const struct an_category *k = &a->cat[c];
		if (c == AN_NONE && k->customers == 0)
			continue;
		json_array_append_new(
		    arr, json_pack("{s:o, s:I, s:o, s:o, s:o, s:o, s:I, s:o}", "category",
		                   cat_json(c), "customers", (json_int_t)k->customers, "revenue",
		                   analysis_json_money(k->revenue), "revenue_share",
		                   num(c < CAT_COUNT ? k->revenue_share : 0, 4), "potential",
		                   analysis_json_money(k->potential), "potential_share",
		                   num(c < CAT_COUNT ? k->potential_share : 0, 4), "visits",
		                   (json_int_t)k->visits, "visit_share",
		                   num(analysis_visit_share(&a->team, c), 4)));
	}
	return arr;
}

static void add_name(json_t *o, const struct analysis *a, const struct an_seller *s, enum lang lang)
{
	json_object_set_new(o, "name", json_string(analysis_seller_name(a, s->seller, lang)));
}

static json_t *visits_json(const struct analysis *a, enum lang lang)
{
	json_t *arr = json_array();
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = seller_at(a, i);
		if (i < a->nsellers && s->total.visits == 0)
			continue;
		for (int c = 0; c < AN_NCAT; c++) {
			if (c == AN_NONE && s->cat[c].visits == 0)
				continue;
			json_t *o = json_pack("{s:s, s:o, s:I, s:o, s:o, s:o}", "seller_id",
			                      seller_id(a, s), "category", cat_json(c), "visits",
			                      (json_int_t)s->cat[c].visits, "share",
			                      num(analysis_visit_share(s, c), 4), "hours",
			                      num(s->cat[c].hours, 2), "km", num(s->cat[c].km, 1));
			add_name(o, a, s, lang);
			json_array_append_new(arr, o);
		}
	}
	return arr;
}

static json_t *sellers_json(const struct analysis *a, enum lang lang)
{
	json_t *arr = json_array();
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = seller_at(a, i);
		if (i < a->nsellers && !s->active)
			continue;
		const char *name = analysis_seller_name(a, s->seller, lang);
		json_t *o = json_pack(
		    "{s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:b}", "seller_id", seller_id(a, s),
		    "name", name, "role", i < a->nsellers ? role_code(a->ds->sellers[i].role) : "",
		    "visits", (json_int_t)s->total.visits, "hours", num(s->total.hours, 2), "km",
		    num(s->total.km, 1), "cat3_share", num(analysis_visit_share(s, CAT_3), 4),
		    "cat3_flag", s->cat3_flag);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *contact_json(const struct analysis *a, enum lang lang)
{
	json_t *arr = json_array();
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = seller_at(a, i);
		if (!s->active)
			continue;
		json_t *o =
		    json_pack("{s:s, s:o, s:o, s:o}", "seller_id", seller_id(a, s), "contact_hours",
		              num(s->contact_hours, 2), "working_hours", num(s->working_hours, 2),
		              "share", num(analysis_contact_share(s), 4));
		add_name(o, a, s, lang);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *order_row(const struct an_category *k, json_t *cat)
{
	return json_pack(
	    "{s:o, s:I, s:o, s:o, s:I, s:o, s:I, s:o, s:o, s:o}", "category", cat, "orders",
	    (json_int_t)k->orders, "order_value", analysis_json_money(k->order_value),
	    "avg_order_value", analysis_json_money(analysis_avg_order(k)), "visits",
	    (json_int_t)k->visits, "visit_hours", num(k->visit_hours, 2), "attributed_orders",
	    (json_int_t)k->attributed_orders, "attributed_value",
	    analysis_json_money(k->attributed_value), "value_per_visit",
	    analysis_json_money(llround(analysis_value_per_visit(k))), "value_per_visit_hour",
	    analysis_json_money(llround(analysis_value_per_hour(k))));
}

static json_t *order_json(const struct analysis *a)
{
	json_t *arr = json_array();
	for (int c = 0; c < AN_NCAT; c++) {
		if (c == AN_NONE && a->cat[c].orders == 0 && a->cat[c].visits == 0)
			continue;
		json_array_append_new(arr, order_row(&a->cat[c], cat_json(c)));
	}
	return arr;
}

static json_t *uncontacted_json(const struct analysis *a)
{
	json_t *arr = json_array();
	for (int c = 0; c < AN_NCAT; c++) {
		if (c == AN_NONE && a->cat[c].customers == 0)
			continue;
		json_array_append_new(arr, json_pack("{s:o, s:I, s:I}", "category", cat_json(c),
		                                     "customers", (json_int_t)a->cat[c].uncontacted,
		                                     "of", (json_int_t)a->cat[c].customers));
	}
	return arr;
}

static void owner_rows(json_t *arr, const char *id, const struct an_owner *o)
{
	for (int c = 0; c < AN_NCAT; c++) {
		if (o[c].customers == 0)
			continue;
		json_array_append_new(
		    arr, json_pack("{s:s?, s:o, s:I, s:I, s:I, s:o}", "seller_id", id, "category",
		                   cat_json(c), "customers", (json_int_t)o[c].uncontacted, "of",
		                   (json_int_t)o[c].customers, "unvisited",
		                   (json_int_t)o[c].unvisited, "unvisited_potential",
		                   analysis_json_money(o[c].unvisited_potential)));
	}
}

static json_t *uncontacted_by_seller_json(const struct analysis *a)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < a->nsellers; i++)
		owner_rows(arr, a->ds->sellers[i].id, a->sellers[i].own);
	owner_rows(arr, NULL, a->noowner);
	return arr;
}

static void booking_rows(json_t *arr, const struct analysis *a, const struct an_seller *s)
{
	char w[9];
	for (int i = 0; i < a->nweeks; i++)
		json_array_append_new(arr,
		                      json_pack("{s:s, s:s, s:I}", "seller_id", seller_id(a, s),
		                                "week", analysis_week_label(a, i, w), "meetings",
		                                (json_int_t)s->weekly[i]));
}

static json_t *bookings_json(const struct analysis *a)
{
	json_t *arr = json_array();
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = seller_at(a, i);
		if (i < a->nsellers && s->meetings_booked == 0)
			continue;
		booking_rows(arr, a, s);
	}
	return arr;
}

static json_t *booking_summary_json(const struct analysis *a, enum lang lang)
{
	json_t *arr = json_array();
	char w[9];
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = seller_at(a, i);
		if (i < a->nsellers && s->meetings_booked == 0)
			continue;
		json_t *o = json_pack(
		    "{s:s, s:I, s:o, s:o, s:I, s:I, s:i, s:b}", "seller_id", seller_id(a, s),
		    "meetings", (json_int_t)s->meetings_booked, "per_week",
		    num(analysis_bookings_per_week(a, s), 2), "best_week",
		    s->best_week >= 0 ? json_string(analysis_week_label(a, s->best_week, w))
		                      : json_null(),
		    "best_week_meetings",
		    (json_int_t)(s->best_week >= 0 ? s->weekly[s->best_week] : 0), "latest_2_weeks",
		    (json_int_t)s->latest2, "best_in_weeks", s->best_in_weeks, "best_of_period",
		    s->best_of_period);
		add_name(o, a, s, lang);
		json_array_append_new(arr, o);
	}
	return arr;
}

static const char *finding_type(enum an_finding_type t)
{
	switch (t) {
	case AF_CAT3_SKEW:
		return "cat3_skew";
	case AF_SELLER_CAT3:
		return "seller_cat3";
	case AF_UNVISITED:
		return "unvisited";
	}
	return "";
}

static json_t *findings_json(const struct analysis *a, enum lang lang)
{
	json_t *arr = json_array();
	for (int i = 0; i < a->nfindings; i++) {
		const struct an_finding *f = &a->findings[i];
		char *text = analysis_finding_text(a, f, lang);
		json_t *o =
		    json_pack("{s:s, s:o, s:s, s:s?, s:o, s:I, s:I, s:o}", "text", text, "amount",
		              analysis_json_money(f->amount), "type", finding_type(f->type),
		              "seller_id", f->seller >= 0 ? a->ds->sellers[f->seller].id : NULL,
		              "category", cat_json(f->cat), "n", (json_int_t)f->n, "of",
		              (json_int_t)f->of, "share", num(f->share, 4));
		if (f->type != AF_UNVISITED) {
			json_object_set_new(o, "excess_visits", num(f->excess_visits, 2));
			json_object_set_new(o, "value_gap_per_visit",
			                    analysis_json_money(f->value_gap));
		}
		json_array_append_new(arr, o);
		free(text);
	}
	return arr;
}

json_t *analysis_json(const struct analysis *a, int64_t snapshot, enum lang lang)
{
	json_t *root = json_object();
	json_object_set_new(root, "period", period_json(a));
	json_object_set_new(root, "snapshot_id",
	                    snapshot > 0 ? json_integer(snapshot) : json_null());
	json_object_set_new(root, "params",
	                    json_pack("{s:o, s:i, s:o}", "cat3_limit", num(a->p.cat3_limit, 4),
	                              "attribution_days", a->p.attribution_days, "hours_per_year",
	                              num(a->p.hours_per_year, 2)));
	json_object_set_new(root, "categories", categories_json(a));
	json_object_set_new(root, "visits", visits_json(a, lang));
	json_object_set_new(root, "sellers", sellers_json(a, lang));
	json_object_set_new(root, "contact_time", contact_json(a, lang));
	json_object_set_new(root, "order_value", order_json(a));
	json_object_set_new(root, "order_value_all", order_row(&a->all, json_string("*")));
	json_object_set_new(root, "uncontacted", uncontacted_json(a));
	json_object_set_new(root, "uncontacted_by_seller", uncontacted_by_seller_json(a));
	json_object_set_new(root, "bookings", bookings_json(a));
	json_object_set_new(root, "booking_summary", booking_summary_json(a, lang));
	json_object_set_new(root, "findings", findings_json(a, lang));
	json_object_set_new(root, "activities",
	                    json_pack("{s:I, s:I, s:I, s:I}", "in_period",
	                              (json_int_t)a->act_period, "used", (json_int_t)a->act_used,
	                              "unknown_customer", (json_int_t)a->act_unknown_customer,
	                              "unknown_seller", (json_int_t)a->act_unknown_seller));
	return root;
}

json_t *analysis_json_compare(const struct analysis *b, const struct analysis *af,
                              const struct an_compare_row *rows, size_t n, enum lang lang)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct an_compare_row *r = &rows[i];
		int dec = r->kind == AK_SHARE ? 4 : 2;
		double scale = r->kind == AK_MONEY ? 100.0 : 1.0;
		json_t *o =
		    json_pack("{s:s, s:o, s:o, s:o, s:o}", "metric", r->key, "category",
		              r->cat >= 0 ? cat_json(r->cat) : json_string("*"), "before",
		              num(r->before / scale, dec), "after", num(r->after / scale, dec),
		              "change", num((r->after - r->before) / scale, dec));
		json_object_set_new(o, "label", json_string(analysis_compare_label(r->key, lang)));
		json_object_set_new(o, "change_pct",
		                    r->before != 0
		                        ? num((r->after - r->before) / fabs(r->before), 4)
		                        : json_null());
		json_array_append_new(arr, o);
	}
	return json_pack("{s:o, s:o, s:o}", "before", period_json(b), "after", period_json(af),
	                 "rows", arr);
}

json_t *analysis_json_uncontacted(const struct analysis *a, const int32_t *idx, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct customer *c = &a->ds->customers[idx[i]];
		int64_t pot = a->potential[idx[i]];
		json_array_append_new(
		    arr,
		    json_pack("{s:s, s:s?, s:o, s:s?, s:o, s:o, s:o}", "customer_id", c->id, "name",
		              c->name, "category", cat_json(a->custcat[idx[i]]), "seller_id",
		              c->seller_id, "revenue", analysis_json_money(a->revenue[idx[i]]),
		              "potential", pot >= 0 ? analysis_json_money(pot) : json_null(),
		              "last_contact", date_json(a->last_contact[idx[i]])));
	}
	return json_pack("{s:o, s:I, s:o}", "period", period_json(a), "count", (json_int_t)n,
	                 "customers", arr);
}
