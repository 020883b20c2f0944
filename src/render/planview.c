/* planview.c — the coverage plan in words and tables: the plan's tables
 * (assignments, workload, headcount, what-if, response), the summary lines
 * of the decision and the notes (warnings). The formats are written by
 * planview-table.c (csv, xlsx, text tables), planview-json.c,
 * planview-text.c and planview-html.c. */
#include "render/planview.h"
#include "render/planview-int.h"
#include "render/table.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- words -------------------------------------------------------------- */

const char *pv_seller_id(const struct plan_inputs *in, int32_t s)
{
	return s >= 0 ? in->ds.sellers[s].id : NULL;
}

const char *pv_seller_name(const struct plan_inputs *in, int32_t s)
{
	if (s < 0)
		return NULL;
	return in->ds.sellers[s].name ? in->ds.sellers[s].name : in->ds.sellers[s].id;
}

static const char *cat_text(int cat, enum lang lang, bool machine)
{
	if (cat < 0 || cat >= CAT_COUNT)
		return NULL;
	return machine ? category_code((enum category)cat)
	               : category_label((enum category)cat, lang);
}

static const char *source_text(enum response_source s, enum lang lang)
{
	switch (s) {
	case RS_FIT:
		return TR(lang, "fitted", "anpassad");
	case RS_JUDGEMENT:
		return TR(lang, "judgement", "bedömning");
	default:
		return TR(lang, "default", "standard");
	}
}

/* Money for a sentence: "163.5 million" / "163,5 miljoner kr" from a
 * million up, else as fmt_money. */
const char *pv_money_words(char *buf, size_t size, double minor, enum lang lang)
{
	double kr = minor / 100.0;
	if (fabs(kr) >= 1e6) {
		char n[32];
		fmt_num(n, sizeof(n), kr / 1e6, 1, lang);
		snprintf(buf, size, TR(lang, "%s million", "%s miljoner kr"), n);
		return buf;
	}
	fmt_money(buf, size, (int64_t)llround(minor), lang);
	if (lang == LANG_EN) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, " kr");
	}
	return buf;
}

const char *pv_signed_money(char *buf, size_t size, double minor, enum lang lang)
{
	char m[48];
	pv_money_words(m, sizeof(m), fabs(minor), lang);
	snprintf(buf, size, "%s%s", minor < 0 ? "−" : "+", m);
	return buf;
}

/* --- the plan's tables --------------------------------------------------- */

struct planview_table *pv_assignments(const struct plan_inputs *in, const struct plan_result *r,
                                      enum lang lang, bool machine, bool changes_only)
{
	const char *head[] = {
	    H(machine, lang, "customer_id", "Customer", "Kund"),
	    H(machine, lang, "name", "Name", "Namn"),
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "from_seller", "From", "Från"),
	    H(machine, lang, "to_seller", "To", "Till"),
	    H(machine, lang, "reason", "Why", "Varför"),
	    H(machine, lang, "reason_text", "", ""),
	    H(machine, lang, "channel", "Channel", "Kanal"),
	    H(machine, lang, "visits_per_year", "Visits/yr", "Besök/år"),
	    H(machine, lang, "calls_per_year", "Calls/yr", "Samtal/år"),
	    H(machine, lang, "newsletters_per_year", "Newsletters/yr", "Nyhetsbrev/år"),
	    H(machine, lang, "hours", "Hours/yr", "Timmar/år"),
	    H(machine, lang, "travel_hours", "Travel h/yr", "Restid h/år"),
	    H(machine, lang, "km_one_way", "km one way", "km enkel väg"),
	    H(machine, lang, "value_today", "Value today", "Värde i dag"),
	    H(machine, lang, "value_plan", "Value planned", "Värde enligt plan"),
	    H(machine, lang, "travel_estimated", "Travel estimated", "Restid uppskattad"),
	};
	int ncols = (int)(sizeof(head) / sizeof(head[0]));
	if (!machine) { /* people get the reason once, in words */
		memmove(&head[6], &head[7], (size_t)(ncols - 7) * sizeof(head[0]));
		ncols--;
	}
	struct planview_table *t =
	    planview_table_new("customers", TR(lang, "Customers", "Kunder"), ncols, head);
	for (size_t k = 0; k < r->nassign; k++) {
		int32_t c = r->order[k];
		const struct plan_assign *a = &r->assign[c];
		if (changes_only && (a->to < 0 || a->to == a->from))
			continue;
		const struct customer *cu = &in->ds.customers[c];
		planview_row(t);
		planview_put_text(t, cu->id);
		planview_put_text(t, cu->name);
		planview_put_text(t, cat_text(a->cat, lang, machine));
		planview_put_text(t, cu->seller_id);
		planview_put_text(t, pv_seller_id(in, a->to));
		if (machine)
			planview_put_text(t, plan_reason_code((enum plan_reason)a->reason));
		planview_put_text(t, plan_reason_text((enum plan_reason)a->reason, lang));
		if (a->to < 0)
			continue;
		planview_put_text(t, machine
		                         ? plan_channel_code((enum plan_channel)a->channel)
		                         : plan_channel_text((enum plan_channel)a->channel, lang));
		planview_put_num(t, a->visits, a->visits == floor(a->visits) ? 0 : 1);
		planview_put_num(t, a->calls, a->calls == floor(a->calls) ? 0 : 1);
		planview_put_num(t, a->newsletters,
		                 a->newsletters == floor(a->newsletters) ? 0 : 1);
		planview_put_num(t, a->hours, 1);
		planview_put_num(t, a->travel_hours, 1);
		if (a->km >= 0)
			planview_put_num(t, a->km, 1);
		else
			planview_put_text(t, NULL);
		planview_put_money(t, a->value_today);
		planview_put_money(t, a->value_plan);
		planview_put_text(t, a->travel_estimated
		                         ? (machine ? "true" : TR(lang, "yes", "ja"))
		                         : (machine ? "false" : ""));
	}
	return t;
}

static struct planview_table *workload(const struct plan_inputs *in, const struct plan_result *r,
                                       enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "seller_id", "Person", "Person"),
	    H(machine, lang, "name", "Name", "Namn"),
	    H(machine, lang, "role", "Role", "Roll"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "kept", "Kept", "Behållna"),
	    H(machine, lang, "gained", "Gained", "Nya"),
	    H(machine, lang, "lost", "Lost", "Avlämnade"),
	    H(machine, lang, "visits", "Visits/yr", "Besök/år"),
	    H(machine, lang, "calls", "Calls/yr", "Samtal/år"),
	    H(machine, lang, "contact_hours", "Contact h", "Kontakttid h"),
	    H(machine, lang, "travel_hours", "Travel h", "Restid h"),
	    H(machine, lang, "hours", "Hours/yr", "Timmar/år"),
	    H(machine, lang, "capacity_hours", "Capacity h", "Kapacitet h"),
	    H(machine, lang, "load_percent", "Load %", "Beläggning %"),
	    H(machine, lang, "value_of_hour", "Value of an hour", "Värde per timme"),
	    H(machine, lang, "km_per_year", "km/yr", "km/år"),
	    H(machine, lang, "compactness_percent", "Compactness %", "Kompakthet %"),
	    H(machine, lang, "over_capacity", "Over capacity", "Över kapacitet"),
	};
	struct planview_table *t =
	    planview_table_new("workload", TR(lang, "Load per person", "Belastning per person"),
	                       (int)(sizeof(head) / sizeof(head[0])), head);
	for (size_t s = 0; s < r->nperson; s++) {
		const struct plan_person *p = &r->person[s];
		planview_row(t);
		planview_put_text(t, in->ds.sellers[s].id);
		planview_put_text(t, in->ds.sellers[s].name);
		planview_put_text(t, machine ? role_code(p->role) : role_label(p->role, lang));
		planview_put_num(t, p->customers, 0);
		planview_put_num(t, p->kept, 0);
		planview_put_num(t, p->gained, 0);
		planview_put_num(t, p->lost, 0);
		planview_put_num(t, p->visits, 0);
		planview_put_num(t, p->calls, 0);
		planview_put_num(t, p->contact_hours, 1);
		planview_put_num(t, p->travel_hours, 1);
		planview_put_num(t, p->hours, 1);
		planview_put_num(t, p->capacity_hours, 1);
		planview_put_num(t, 100.0 * p->load, 0);
		planview_put_money(t, p->price);
		planview_put_num(t, p->km_year, 0);
		if (p->compactness >= 0)
			planview_put_num(t, 100.0 * p->compactness, 0);
		else
			planview_put_text(t, NULL);
		planview_put_text(t, p->over ? (machine ? "true" : TR(lang, "yes", "ja"))
		                             : (machine ? "false" : ""));
	}
	return t;
}

static struct planview_table *headcount(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "role", "Role", "Roll"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "workload_hours", "Full policy h/yr", "Hela policyn h/år"),
	    H(machine, lang, "capacity_per_person", "Capacity/person h", "Kapacitet/person h"),
	    H(machine, lang, "needed", "Needed for the full policy", "Behövs för hela policyn"),
	    H(machine, lang, "available", "Available", "Finns"),
	    H(machine, lang, "plus_100_hours", "100 more hours worth/yr", "100 timmar till ger/år"),
	    H(machine, lang, "one_more_person", "One more person worth/yr",
	      "En person till ger/år"),
	    H(machine, lang, "worth_adding", "Worth adding", "Lönar sig att anställa"),
	    H(machine, lang, "worth_each", "Each worth/yr", "Var och en ger/år"),
	};
	struct planview_table *t = planview_table_new(
	    "headcount",
	    TR(lang, "Headcount and what capacity is worth", "Bemanning och vad tid är värd"),
	    (int)(sizeof(head) / sizeof(head[0])), head);
	for (int role = 1; role < ROLE_COUNT; role++) {
		const struct plan_headcount *h = &r->headcount[role];
		planview_row(t);
		planview_put_text(t, machine ? role_code(h->role) : role_label(h->role, lang));
		planview_put_num(t, h->customers, 0);
		planview_put_num(t, h->workload_hours, 1);
		planview_put_num(t, h->capacity_per_person, 1);
		planview_put_num(t, h->needed, 1);
		planview_put_num(t, h->available, 0);
		planview_put_money(t, h->plus100);
		planview_put_money(t, h->one_more);
		if (h->worth_adding >= 0)
			planview_put_num(t, h->worth_adding, 0);
		else
			planview_put_text(t, NULL);
		if (h->worth_adding > 0)
			planview_put_money(t, h->worth_each);
		else
			planview_put_text(t, NULL);
	}
	return t;
}

static struct planview_table *whatif(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "visits_today", "Visits today", "Besök i dag"),
	    H(machine, lang, "visits_plan", "Visits planned", "Besök enligt plan"),
	    H(machine, lang, "calls_today", "Calls today", "Samtal i dag"),
	    H(machine, lang, "calls_plan", "Calls planned", "Samtal enligt plan"),
	    H(machine, lang, "field_hours_today", "Field h today", "Fälttid h i dag"),
	    H(machine, lang, "field_hours_plan", "Field h planned", "Fälttid h enligt plan"),
	    H(machine, lang, "value_today", "Value today", "Värde i dag"),
	    H(machine, lang, "value_plan", "Value planned", "Värde enligt plan"),
	    H(machine, lang, "below_policy", "Below the policy", "Under policyn"),
	};
	struct planview_table *t = planview_table_new(
	    "categories",
	    TR(lang, "Today against the plan, per category", "I dag mot planen, per kategori"),
	    (int)(sizeof(head) / sizeof(head[0])), head);
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_whatif_cat *x = &r->whatif.cat[cat];
		planview_row(t);
		planview_put_text(t, cat_text(cat, lang, machine));
		planview_put_num(t, x->customers, 0);
		planview_put_num(t, x->visits_today, 0);
		planview_put_num(t, x->visits_plan, 0);
		planview_put_num(t, x->calls_today, 0);
		planview_put_num(t, x->calls_plan, 0);
		planview_put_num(t, x->field_hours_today, 1);
		planview_put_num(t, x->field_hours_plan, 1);
		planview_put_money(t, x->value_today);
		planview_put_money(t, x->value_plan);
		planview_put_num(t, r->below[cat].below, 0);
	}
	return t;
}

static struct planview_table *response(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "source", "Source", "Källa"),
	    H(machine, lang, "contact_today", "Contact today/customer/yr", "Kontakt i dag/kund/år"),
	    H(machine, lang, "no_visits", "No visits %", "Inga besök %"),
	    H(machine, lang, "half", "Half today's %", "Hälften %"),
	    H(machine, lang, "more", "50 % more %", "50 % mer %"),
	    H(machine, lang, "saturation", "Saturation %", "Mättnad %"),
	    H(machine, lang, "rho", "rho", "rho"),
	    H(machine, lang, "c", "c", "c"),
	    H(machine, lang, "d", "d", "d"),
	    H(machine, lang, "informative_customers", "Customers fitted", "Kunder i anpassningen"),
	    H(machine, lang, "rho_low", "rho low", "rho låg"),
	    H(machine, lang, "rho_high", "rho high", "rho hög"),
	};
	struct planview_table *t = planview_table_new(
	    "response",
	    TR(lang, "How revenue answers to contact", "Hur omsättningen svarar på kontakt"),
	    (int)(sizeof(head) / sizeof(head[0])), head);
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_response *x = &r->response[cat];
		struct response_points pts;
		double fref = plan_reference_contact(x->f_ref);
		response_to_points(&x->curve, fref, &pts);
		planview_row(t);
		planview_put_text(t, cat_text(cat, lang, machine));
		planview_put_text(t, machine ? response_source_code(x->source)
		                             : source_text(x->source, lang));
		planview_put_num(t, x->f_ref, 2);
		planview_put_num(t, 100 * pts.none, 0);
		planview_put_num(t, 100 * pts.half, 0);
		planview_put_num(t, 100 * pts.more, 0);
		planview_put_num(t, 100 * pts.saturation, 0);
		planview_put_num(t, x->curve.rho, 3);
		planview_put_num(t, x->curve.c, 2);
		planview_put_num(t, x->curve.d, 2);
		planview_put_num(t, x->fit.informative, 0);
		if (x->fit.ok && x->fit.nboot) {
			planview_put_num(t, x->fit.rho_lo, 3);
			planview_put_num(t, x->fit.rho_hi, 3);
		}
	}
	return t;
}

void planview_plan_tables(const struct plan_inputs *in, const struct plan_result *r, enum lang lang,
                          bool machine, struct planview_table **out)
{
	out[PV_ASSIGNMENTS] = pv_assignments(in, r, lang, machine, false);
	out[PV_WORKLOAD] = workload(in, r, lang, machine);
	out[PV_HEADCOUNT] = headcount(r, lang, machine);
	out[PV_WHATIF] = whatif(r, lang, machine);
	out[PV_RESPONSE] = response(r, lang, machine);
}

/* --- the decision in sentences -------------------------------------------- */

struct lines {
	char **v;
	int n;
};

static void line(struct lines *ls, char *text)
{
	ls->v = xreallocarray(ls->v, (size_t)ls->n + 1, sizeof(char *));
	ls->v[ls->n++] = text;
}

double pv_total_hours(const struct plan_result *r, double *cap)
{
	double h = 0;
	*cap = 0;
	for (size_t s = 0; s < r->nperson; s++) {
		if (r->person[s].role == ROLE_NONE)
			continue;
		h += r->person[s].hours;
		*cap += r->person[s].capacity_hours;
	}
	return h;
}

static char *hours_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32], c[32];
	double cap, h = pv_total_hours(r, &cap);
	char *s =
	    xasprintf(TR(lang, "Hours: the plan uses %s of the team's %s hours for customers (%s)",
	                 "Timmar: planen använder %s av teamets %s timmar för kunder (%s)"),
	              fmt_num(a, sizeof(a), h, 0, lang), fmt_num(b, sizeof(b), cap, 0, lang),
	              fmt_pct(c, sizeof(c), cap > 0 ? h / cap : 0, 0, lang));
	char *t;
	if (r->over_persons)
		t = xasprintf(TR(lang,
		                 "%s; %d persons are above capacity because of pinned customers.",
		                 "%s; %d personer är över sin kapacitet på grund av låsta kunder."),
		              s, r->over_persons);
	else
		t = xasprintf(
		    TR(lang, "%s; nobody is above capacity.", "%s; ingen är över sin kapacitet."),
		    s);
	free(s);
	return t;
}

static char *moves_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32], c[32], d[32], e[32];
	int moved = 0;
	for (int k = 0; k < PR_COUNT; k++)
		moved += r->moves[k];
	if (!moved && !r->newly)
		return xstrdup(TR(lang, "Owners: every customer stays with its owner.",
		                  "Ansvariga: alla kunder stannar hos sin ansvarige."));
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(
	    &sb,
	    TR(lang, "Owners: %s customers change owner", "Ansvariga: %s kunder byter ansvarig"),
	    fmt_int(a, sizeof(a), moved, lang));
	const char *sep = TR(lang, " — ", " — ");
	if (r->moves[PR_ROLE]) {
		strbuf_printf(&sb,
		              TR(lang,
		                 "%s%s because the method says so (category 3 to customer service, "
		                 "2P to hunters)",
		                 "%s%s för att metoden säger så (kategori 3 till kundtjänst, 2P "
		                 "till jägare)"),
		              sep, fmt_int(b, sizeof(b), r->moves[PR_ROLE], lang));
		sep = ", ";
	}
	if (r->moves[PR_CAPACITY]) {
		strbuf_printf(&sb,
		              TR(lang, "%s%s for a better use of the team's hours",
		                 "%s%s för bättre användning av teamets timmar"),
		              sep, fmt_int(c, sizeof(c), r->moves[PR_CAPACITY], lang));
		sep = ", ";
	}
	if (r->moves[PR_BALANCE]) {
		strbuf_printf(
		    &sb,
		    TR(lang, "%s%s to even out the loads", "%s%s för att jämna ut belastningen"),
		    sep, fmt_int(d, sizeof(d), r->moves[PR_BALANCE], lang));
		sep = ", ";
	}
	if (r->moves[PR_PINNED]) {
		strbuf_printf(&sb,
		              TR(lang, "%s%s pinned by the manager", "%s%s låsta av säljchefen"),
		              sep, fmt_int(d, sizeof(d), r->moves[PR_PINNED], lang));
		sep = ", ";
	}
	if (r->moves[PR_OWNER_UNKNOWN])
		strbuf_printf(&sb,
		              TR(lang, "%s%s whose owner is not among the sellers",
		                 "%s%s vars ansvarige inte finns bland säljarna"),
		              sep, fmt_int(d, sizeof(d), r->moves[PR_OWNER_UNKNOWN], lang));
	strbuf_printf(&sb,
	              TR(lang, "; %s stay; %s without an owner get one.",
	                 "; %s stannar; %s utan ansvarig får en."),
	              fmt_int(b, sizeof(b), r->kept, lang), fmt_int(e, sizeof(e), r->newly, lang));
	return strbuf_detach(&sb);
}

static char *contact_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32], c[32], d[32], e[32];
	double v0 = 0, v1 = 0, q0 = 0, q1 = 0;
	for (int k = 0; k < CAT_COUNT; k++) {
		v0 += r->whatif.cat[k].visits_today;
		v1 += r->whatif.cat[k].visits_plan;
		q0 += r->whatif.cat[k].calls_today;
		q1 += r->whatif.cat[k].calls_plan;
	}
	double v12 = 0, v12t = 0;
	for (int k = 0; k < CAT_3; k++) {
		v12 += r->whatif.cat[k].visits_plan;
		v12t += r->whatif.cat[k].visits_today;
	}
	return xasprintf(
	    TR(lang,
	       "Contact: %s visits and %s calls a year (today %s and %s); visits to categories 1 "
	       "and 2 go from %s to %s a year.",
	       "Kontakt: %s besök och %s samtal om året (i dag %s och %s); besöken hos kategori 1 "
	       "och 2 går från %s till %s om året."),
	    fmt_num(a, sizeof(a), v1, 0, lang), fmt_num(b, sizeof(b), q1, 0, lang),
	    fmt_num(c, sizeof(c), v0, 0, lang), fmt_num(d, sizeof(d), q0, 0, lang),
	    fmt_num(e, sizeof(e), v12t, 0, lang), fmt_num(a, sizeof(a), v12, 0, lang));
}

static char *value_line(const struct plan_result *r, enum lang lang)
{
	char a[64], b[64], c[64], d[64], e[64], f[32];
	const struct plan_value *v = &r->value;
	double gain = v->plan - v->today;
	const char *what = r->margin_rate == 1 && v->today > 0 && r->fit.months >= 0
	                       ? TR(lang, "margin", "täckningsbidrag")
	                       : TR(lang, "revenue", "omsättning");
	if (v->has_range)
		return xasprintf(TR(lang,
		                    "Value: expected yearly %s %s today, %s with the plan (%s, %s; "
		                    "range %s to %s).",
		                    "Värde: förväntad %s om året %s i dag, %s med planen (%s, %s; "
		                    "intervall %s till %s)."),
		                 what, pv_money_words(a, sizeof(a), v->today, lang),
		                 pv_money_words(b, sizeof(b), v->plan, lang),
		                 pv_signed_money(c, sizeof(c), gain, lang),
		                 fmt_pct(f, sizeof(f), v->today > 0 ? gain / v->today : 0, 0, lang),
		                 pv_money_words(d, sizeof(d), v->low, lang),
		                 pv_money_words(e, sizeof(e), v->high, lang));
	return xasprintf(TR(lang, "Value: expected yearly %s %s today, %s with the plan (%s, %s).",
	                    "Värde: förväntad %s om året %s i dag, %s med planen (%s, %s)."),
	                 what, pv_money_words(a, sizeof(a), v->today, lang),
	                 pv_money_words(b, sizeof(b), v->plan, lang),
	                 pv_signed_money(c, sizeof(c), gain, lang),
	                 fmt_pct(f, sizeof(f), v->today > 0 ? gain / v->today : 0, 0, lang));
}

static char *policy_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32];
	int below = 0;
	for (int k = 0; k < CAT_COUNT; k++)
		below += r->below[k].below;
	return xasprintf(
	    TR(lang,
	       "The policy: the team can carry %s of the full contact policy; %s customers "
	       "get less than its target (the plan gives the hours where they are worth most).",
	       "Policyn: teamet klarar %s av hela kontaktpolicyn; %s kunder får mindre än "
	       "målet (planen lägger timmarna där de gör mest nytta)."),
	    fmt_pct(a, sizeof(a), r->coverage.share, 0, lang), fmt_int(b, sizeof(b), below, lang));
}

static const char *role_plural(int role, enum lang lang)
{
	switch (role) {
	case ROLE_FARMER:
		return TR(lang, "Farmers", "Förvaltare");
	case ROLE_HUNTER:
		return TR(lang, "Hunters", "Jägare");
	default:
		return TR(lang, "Customer service", "Kundtjänst");
	}
}

static char *headcount_line(const struct plan_result *r, int role, enum lang lang)
{
	const struct plan_headcount *h = &r->headcount[role];
	char a[64], b[64], c[64], d[32], e[32], f[64];
	if (!h->available)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char m[96] = "";
	if (r->margin_rate > 0 && r->margin_rate < 1)
		snprintf(
		    m, sizeof(m),
		    TR(lang, " in revenue (%s margin)", " i omsättning (%s i täckningsbidrag)"),
		    pv_money_words(f, sizeof(f), h->one_more * r->margin_rate, lang));
	strbuf_printf(&sb,
	              TR(lang,
	                 "%s: the full policy would need %s of them (the team has %d); one more is "
	                 "worth about %s a year%s, 100 more hours %s",
	                 "%s: hela policyn skulle behöva %s (teamet har %d); en till är värd "
	                 "ungefär %s om året%s, 100 timmar till %s"),
	              role_plural(role, lang), fmt_num(d, sizeof(d), h->needed, 0, lang),
	              h->available, pv_money_words(a, sizeof(a), h->one_more, lang), m,
	              pv_money_words(b, sizeof(b), h->plus100, lang));
	if (h->worth_adding < 0)
		strbuf_printf(
		    &sb, "%s",
		    TR(lang, " (without margins the cost of a person cannot be weighed).",
		       " (utan täckningsbidrag kan kostnaden för en person inte vägas in)."));
	else if (h->worth_adding == 0)
		strbuf_printf(&sb,
		              TR(lang, "; at %s a year a person is not worth adding.",
		                 "; med %s om året lönar det sig inte att anställa."),
		              pv_money_words(c, sizeof(c), r->params.person_cost, lang));
	else
		strbuf_printf(&sb,
		              TR(lang,
		                 "; worth adding: %s, each about %s a year (at %s a year each).",
		                 "; lönar sig att anställa: %s, var och en ungefär %s om året (med "
		                 "%s om året var)."),
		              fmt_int(e, sizeof(e), h->worth_adding, lang),
		              pv_money_words(f, sizeof(f), h->worth_each, lang),
		              pv_money_words(c, sizeof(c), r->params.person_cost, lang));
	return strbuf_detach(&sb);
}

void planview_plan_summary(const struct plan_inputs *in, const struct plan_result *r,
                           enum lang lang, char ***lines, int *n)
{
	(void)in;
	struct lines ls = {0};
	line(&ls, hours_line(r, lang));
	line(&ls, moves_line(r, lang));
	line(&ls, contact_line(r, lang));
	line(&ls, value_line(r, lang));
	line(&ls, policy_line(r, lang));
	for (int role = 1; role < ROLE_COUNT; role++) {
		char *s = headcount_line(r, role, lang);
		if (s)
			line(&ls, s);
	}
	*lines = ls.v;
	*n = ls.n;
}

void planview_lines_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* --- notes --------------------------------------------------------------- */

struct notes {
	char **texts;
	const char **codes;
	int n;
};

static void note(struct notes *ns, const char *code, char *text)
{
	ns->texts = xreallocarray(ns->texts, (size_t)ns->n + 1, sizeof(char *));
	ns->codes = xreallocarray(ns->codes, (size_t)ns->n + 1, sizeof(char *));
	ns->texts[ns->n] = text;
	ns->codes[ns->n++] = code;
}

/* Up to five ids, then "and N more". which: 0 persons without home, 1
 * persons over capacity, 2 customers without a place. */
static char *some_ids(const struct plan_inputs *in, const struct plan_result *r, int which,
                      enum lang lang)
{
	struct strbuf sb = STRBUF_INIT;
	int shown = 0, total = 0;
	bool persons = which < 2;
	size_t n = persons ? r->nperson : r->nassign;
	for (size_t k = 0; k < n; k++) {
		size_t i = persons ? k : (size_t)r->order[k];
		bool hit;
		if (which == 0)
			hit = r->person[i].role != ROLE_NONE && !r->person[i].has_home &&
			      plan_role_has_visits(&in->policy, r->person[i].role);
		else if (which == 1)
			hit = r->person[i].over;
		else
			hit = r->assign[i].cat != CAT_NONE && !r->assign[i].located &&
			      plan_role_of(&in->policy, r->assign[i].cat) != ROLE_SERVICE &&
			      in->policy.cat[r->assign[i].cat].max[CH_VISIT] > 0;
		if (!hit)
			continue;
		total++;
		if (shown < 5) {
			strbuf_puts(&sb, shown ? ", " : "");
			strbuf_puts(&sb, persons ? in->ds.sellers[i].id : in->ds.customers[i].id);
			shown++;
		}
	}
	if (total > shown)
		strbuf_printf(&sb, TR(lang, " and %d more", " och %d till"), total - shown);
	return strbuf_detach(&sb);
}

void planview_plan_notes(const struct plan_inputs *in, const struct plan_result *r, enum lang lang,
                         char ***texts, const char ***codes, int *n)
{
	struct notes ns = {0};
	for (int role = 1; role < ROLE_COUNT; role++) {
		if (!r->role_needed[role] || r->headcount[role].available)
			continue;
		note(
		    &ns, "no_role",
		    xasprintf(
		        TR(lang,
		           "%d customers need a %s, but nobody in the team has that role: they are "
		           "not placed. Add sellers with that role, or give their categories "
		           "another "
		           "role with 'fokus policy set'.",
		           "%d kunder behöver en %s, men ingen i teamet har den rollen: de "
		           "placeras inte. Lägg till säljare med rollen, eller ge kategorierna en "
		           "annan roll med 'fokus policy set'."),
		        r->role_needed[role], role_label((enum role)role, lang)));
	}
	if (r->unlocated) {
		char *ids = some_ids(in, r, 2, lang);
		note(&ns, "unlocated",
		     xasprintf(
		         TR(lang,
		            "%d customers have no coordinates or known postal code (%s): their "
		            "travel is estimated from the role's average distance.",
		            "%d kunder saknar koordinater eller känt postnummer (%s): deras restid "
		            "uppskattas från rollens medelavstånd."),
		         r->unlocated, ids));
		free(ids);
	}
	if (r->no_home) {
		char *ids = some_ids(in, r, 0, lang);
		note(&ns, "no_home",
		     xasprintf(
		         TR(lang,
		            "%d persons have no home location (%s): their travel is estimated from "
		            "their role's average distance.",
		            "%d personer saknar hemort (%s): deras restid uppskattas från rollens "
		            "medelavstånd."),
		         r->no_home, ids));
		free(ids);
	}
	if (r->over_persons) {
		char *ids = some_ids(in, r, 1, lang);
		note(&ns, "over_capacity",
		     xasprintf(
		         TR(lang,
		            "%d persons are above capacity (%s) because of pinned customers: the "
		            "plan never does that by itself.",
		            "%d personer är över sin kapacitet (%s) på grund av låsta kunder: "
		            "planen gör aldrig så själv."),
		         r->over_persons, ids));
		free(ids);
	}
	int nocat = 0;
	for (size_t c = 0; c < r->nassign; c++)
		nocat += r->assign[c].reason == PR_NO_CATEGORY;
	if (nocat)
		note(&ns, "no_category",
		     xasprintf(
		         TR(lang,
		            "%d customers are not in snapshot %lld (imported later?): they are not "
		            "placed; run 'fokus categorize' to include them.",
		            "%d kunder finns inte i ögonblicksbild %lld (importerade senare?): de "
		            "placeras inte; kör 'fokus categorize' för att ta med dem."),
		         nocat, (long long)in->snapshot_id));
	if (!r->whatif.activities_in_window)
		note(&ns, "no_activities",
		     xstrdup(TR(
		         lang,
		         "No activities in the last 12 months: today's contact is unknown, so the "
		         "plan takes today's revenue as bought without visits.",
		         "Inga aktiviteter de senaste 12 månaderna: dagens kontakt är okänd, så "
		         "planen räknar dagens omsättning som köpt utan besök.")));
	int guessed = 0;
	for (int k = 0; k < CAT_COUNT; k++)
		guessed += r->response[k].source == RS_DEFAULT && r->whatif.cat[k].customers > 0;
	if (guessed)
		note(
		    &ns, "response_default",
		    xstrdup(TR(
		        lang,
		        "The history is too thin to fit how revenue answers to contact in every "
		        "category: those use the method's default curve. Set your own with 'fokus "
		        "policy response set'.",
		        "Historiken räcker inte för att anpassa hur omsättningen svarar på kontakt "
		        "i alla kategorier: de använder metodens standardkurva. Ange en egen med "
		        "'fokus policy response set'.")));
	if (r->search_stopped)
		note(&ns, "time_limit",
		     xstrdup(TR(lang,
		                "The search stopped at its time limit: the plan is good, perhaps "
		                "not the best.",
		                "Sökningen stannade vid tidsgränsen: planen är bra, kanske inte "
		                "den bästa.")));
	*texts = ns.texts;
	*codes = ns.codes;
	*n = ns.n;
}

void planview_notes_free(char **texts, const char **codes, int n)
{
	for (int i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(codes);
}
