/* adherence.c (render) — plan adherence for people and programs
 * (render/adherence.h). Shares and percentages are computed here from the
 * struct's counts only: done / planned, never a new figure. */
#include "render/adherence.h"
#include "render/csvw.h"
#include "render/html.h"
#include "render/svg.h"
#include "render/table.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_OVERDUE 10

static const char *seller_name(const struct adherence_view *v, int32_t s, enum lang lang)
{
	if (s < 0)
		return TR(lang, "Team", "Teamet");
	const struct seller *x = &v->ds->sellers[s];
	return x->name && *x->name ? x->name : x->id;
}

static const char *seller_id(const struct adherence_view *v, int32_t s)
{
	return s < 0 ? "*" : v->ds->sellers[s].id;
}

static int shown(const struct adherence_view *v, const struct adh_seller *s)
{
	return v->only < 0 ? s->active : s->seller == v->only;
}

/* "12 / 96" */
static const char *pair(char *b, size_t n, int64_t done, double planned, enum lang lang)
{
	char d[24], p[32];
	snprintf(b, n, "%s / %s", fmt_int(d, sizeof(d), done, lang),
	         fmt_num(p, sizeof(p), planned, planned < 10 && planned > 0 ? 1 : 0, lang));
	return b;
}

static const char *pct_of(char *b, size_t n, double done, double planned, enum lang lang)
{
	if (planned <= 0)
		return snprintf(b, n, "-"), b;
	return fmt_pct(b, n, done / planned, 0, lang);
}

static int64_t sum_cat(const int64_t *v)
{
	int64_t s = 0;
	for (int c = 0; c < CAT_COUNT; c++)
		s += v[c];
	return s;
}

static void period_line(FILE *f, const struct adherence_view *v, enum lang lang)
{
	char a[11], b[11], c[11];
	const struct adherence *x = v->a;
	fprintf(
	    f,
	    TR(lang, "Plan adherence %s … %s (%d weeks); ", "Planföljsamhet %s … %s (%d veckor); "),
	    days_iso(x->from, a), days_iso(x->to, b), x->nweeks);
	if (v->applied != DAYS_NONE)
		fprintf(f, TR(lang, "the plan was applied %s.\n", "planen infördes %s.\n"),
		        days_iso(v->applied, c));
	else
		fprintf(f,
		        TR(lang, "no plan applied yet: the contact policy with today's owners.\n",
		           "ingen plan införd än: kontaktpolicyn med dagens ansvariga.\n"));
}

static void seller_table(FILE *f, const struct adherence_view *v, enum lang lang)
{
	const char *head[] = {TR(lang, "seller", "säljare"),
	                      TR(lang, "visits", "besök"),
	                      "%",
	                      TR(lang, "cat 1", "kat 1"),
	                      TR(lang, "cat 2R", "kat 2R"),
	                      TR(lang, "cat 2P", "kat 2P"),
	                      TR(lang, "cat 3", "kat 3"),
	                      TR(lang, "calls", "samtal"),
	                      TR(lang, "newsletters", "nyhetsbrev"),
	                      TR(lang, "overdue", "försenade"),
	                      TR(lang, "drift", "glidning")};
	struct table *t = table_new(11, "lrrrrrrrrrl");
	table_row(t, head);
	const struct adherence *a = v->a;
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct adh_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (i == a->nsellers && v->only >= 0)
			break;
		if (i < a->nsellers && !shown(v, s))
			continue;
		char c[11][48], x[24];
		const struct adh_cell *tt = &s->total;
		snprintf(c[0], sizeof(c[0]), "%s", seller_name(v, s->seller, lang));
		pair(c[1], sizeof(c[1]), adh_done_visits(tt), adh_planned_visits(tt), lang);
		pct_of(c[2], sizeof(c[2]), (double)adh_done_visits(tt), adh_planned_visits(tt),
		       lang);
		for (int k = 0; k < CAT_COUNT; k++)
			pair(c[3 + k], sizeof(c[3 + k]), tt->done[ADH_VISITS + k],
			     tt->planned[ADH_VISITS + k], lang);
		pair(c[7], sizeof(c[7]), tt->done[ADH_CALLS], tt->planned[ADH_CALLS], lang);
		pair(c[8], sizeof(c[8]), tt->done[ADH_NEWSLETTERS], tt->planned[ADH_NEWSLETTERS],
		     lang);
		fmt_int(c[9], sizeof(c[9]), sum_cat(s->overdue), lang);
		c[10][0] = '\0';
		if (s->drift) {
			char last[24];
			snprintf(c[10], sizeof(c[10]), "%s → %s",
			         fmt_pct(x, sizeof(x), s->cat3_first, 0, lang),
			         fmt_pct(last, sizeof(last), s->cat3_last, 0, lang));
		}
		const char *row[11];
		for (int k = 0; k < 11; k++)
			row[k] = c[k];
		table_row(t, row);
	}
	table_print(t, f, 1);
	table_free(t);
	fputs(TR(lang, "Cells: done / planned. Overdue: customers whose next contact is due.\n",
	         "Celler: gjort / planerat. Försenade: kunder vars nästa kontakt har förfallit.\n"),
	      f);
}

static void week_table(FILE *f, const struct adherence_view *v, const struct adh_seller *s,
                       enum lang lang)
{
	const char *head[] = {TR(lang, "week", "vecka"),
	                      TR(lang, "visits planned", "besök planerat"),
	                      TR(lang, "done", "gjort"),
	                      "%",
	                      TR(lang, "to cat 3", "till kat 3"),
	                      TR(lang, "calls", "samtal"),
	                      TR(lang, "newsletters", "nyhetsbrev")};
	struct table *t = table_new(7, "lrrrrrr");
	table_row(t, head);
	for (int w = 0; w < v->a->nweeks; w++) {
		const struct adh_cell *c = &s->week[w];
		char b[7][48];
		adherence_week_label(v->a, w, b[0]);
		fmt_num(b[1], sizeof(b[1]), adh_planned_visits(c), 1, lang);
		fmt_int(b[2], sizeof(b[2]), adh_done_visits(c), lang);
		pct_of(b[3], sizeof(b[3]), (double)adh_done_visits(c), adh_planned_visits(c), lang);
		fmt_int(b[4], sizeof(b[4]), c->done[ADH_VISITS + CAT_3], lang);
		pair(b[5], sizeof(b[5]), c->done[ADH_CALLS], c->planned[ADH_CALLS], lang);
		pair(b[6], sizeof(b[6]), c->done[ADH_NEWSLETTERS], c->planned[ADH_NEWSLETTERS],
		     lang);
		const char *row[] = {b[0], b[1], b[2], b[3], b[4], b[5], b[6]};
		table_row(t, row);
	}
	table_print(t, f, 1);
	table_free(t);
}

static void drift_lines(FILE *f, const struct adherence_view *v, enum lang lang)
{
	const struct adherence *a = v->a;
	int any = 0;
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct adh_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if ((i == a->nsellers && v->only >= 0) || (i < a->nsellers && !shown(v, s)) ||
		    !s->drift)
			continue;
		char x[24], y[24], z[24];
		if (!any)
			fputs(TR(lang, "\nDrift — visits to category 3 creeping back:\n",
			         "\nGlidning — besöken till kategori 3 kryper tillbaka:\n"),
			      f);
		any = 1;
		fprintf(f,
		        TR(lang,
		           "  %s: %s of the visits went to category 3 in the last %d weeks "
		           "(first %d weeks: %s; plan: %s)\n",
		           "  %s: %s av besöken gick till kategori 3 de sista %d veckorna "
		           "(första %d veckorna: %s; plan: %s)\n"),
		        seller_name(v, s->seller, lang),
		        fmt_pct(x, sizeof(x), s->cat3_last, 0, lang), a->drift_weeks,
		        a->drift_weeks, fmt_pct(y, sizeof(y), s->cat3_first, 0, lang),
		        fmt_pct(z, sizeof(z), s->cat3_planned, 0, lang));
	}
}

static int overdue_shown(const struct adherence_view *v, const struct adh_overdue *o)
{
	return v->only < 0 || o->owner == v->only;
}

static void overdue_table(FILE *f, const struct adherence_view *v, enum lang lang)
{
	const char *head[] = {TR(lang, "customer", "kund"),
	                      TR(lang, "name", "namn"),
	                      TR(lang, "cat", "kat"),
	                      TR(lang, "responsible", "ansvarig"),
	                      TR(lang, "last contact", "senaste kontakt"),
	                      TR(lang, "due", "förföll"),
	                      TR(lang, "days overdue", "dagar sen")};
	struct table *t = table_new(7, "lllllrr");
	table_row(t, head);
	int n = 0;
	size_t total = 0;
	for (size_t i = 0; i < v->a->noverdue; i++) {
		const struct adh_overdue *o = &v->a->overdue[i];
		if (!overdue_shown(v, o))
			continue;
		total++;
		if (n >= TEXT_OVERDUE)
			continue;
		const struct customer *cu = &v->ds->customers[o->cust];
		char l[11], d[11], days[24];
		const char *row[] = {cu->id,
		                     cu->name ? cu->name : "",
		                     category_code((enum category)v->pc[o->cust].cat),
		                     o->owner >= 0 ? seller_name(v, o->owner, lang) : "-",
		                     o->last == DAYS_NONE ? TR(lang, "never", "aldrig")
		                                          : days_iso(o->last, l),
		                     days_iso(o->due, d),
		                     fmt_int(days, sizeof(days), o->days, lang)};
		table_row(t, row);
		n++;
	}
	char x[24];
	fprintf(f, TR(lang, "\nOverdue customers: %s", "\nFörsenade kunder: %s"),
	        fmt_int(x, sizeof(x), (int64_t)total, lang));
	if (n) {
		fprintf(f, TR(lang, " (the %d most overdue)\n", " (de %d mest försenade)\n"), n);
		table_print(t, f, 1);
	} else {
		fputc('\n', f);
	}
	table_free(t);
}

void adherence_text(FILE *f, const struct adherence_view *v, enum lang lang)
{
	period_line(f, v, lang);
	fputc('\n', f);
	seller_table(f, v, lang);
	const struct adh_seller *s = v->only >= 0 ? &v->a->sellers[v->only] : &v->a->team;
	fprintf(f, TR(lang, "\n%s, week by week:\n", "\n%s, vecka för vecka:\n"),
	        seller_name(v, s->seller, lang));
	week_table(f, v, s, lang);
	drift_lines(f, v, lang);
	overdue_table(f, v, lang);
}

/* --- csv ------------------------------------------------------------------- */

static void csv_cell(FILE *f, const char *sid, const char *week, const char *measure,
                     double planned, int64_t done)
{
	char p[32], d[32];
	snprintf(p, sizeof(p), "%.2f", planned);
	snprintf(d, sizeof(d), "%lld", (long long)done);
	const char *row[] = {sid, week, measure, p, d};
	csvw_row(f, row, 5);
}

static void csv_seller(FILE *f, const struct adherence_view *v, const struct adh_seller *s)
{
	const char *sid = seller_id(v, s->seller);
	char w[9];
	for (int m = 0; m < ADH_N; m++)
		csv_cell(f, sid, "", adherence_measure_code(m), s->total.planned[m],
		         s->total.done[m]);
	for (int c = 0; c < CAT_COUNT; c++) {
		char name[32];
		snprintf(name, sizeof(name), "overdue_%s", category_code((enum category)c));
		csv_cell(f, sid, "", name, (double)s->customers[c], s->overdue[c]);
	}
	for (int k = 0; k < v->a->nweeks; k++) {
		adherence_week_label(v->a, k, w);
		for (int m = 0; m < ADH_N; m++)
			csv_cell(f, sid, w, adherence_measure_code(m), s->week[k].planned[m],
			         s->week[k].done[m]);
	}
}

void adherence_csv(FILE *f, const struct adherence_view *v)
{
	const char *head[] = {"seller_id", "week", "measure", "planned", "done"};
	csvw_row(f, head, 5);
	if (v->only < 0)
		csv_seller(f, v, &v->a->team);
	for (size_t i = 0; i < v->a->nsellers; i++)
		if (shown(v, &v->a->sellers[i]))
			csv_seller(f, v, &v->a->sellers[i]);
}

/* --- json ------------------------------------------------------------------ */

static json_t *date_or_null(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

static json_t *real1(double x)
{
	return json_real(round(x * 10) / 10);
}

static json_t *cell_json(const struct adh_cell *c, int planned)
{
	json_t *o = json_object();
	for (int m = 0; m < ADH_N; m++)
		json_object_set_new(o, adherence_measure_code(m),
		                    planned ? real1(c->planned[m]) : json_integer(c->done[m]));
	json_object_set_new(
	    o, "visits", planned ? real1(adh_planned_visits(c)) : json_integer(adh_done_visits(c)));
	return o;
}

static json_t *per_cat(const int64_t *v)
{
	json_t *o = json_object();
	for (int c = 0; c < CAT_COUNT; c++)
		json_object_set_new(o, category_code((enum category)c), json_integer(v[c]));
	return o;
}

static json_t *seller_json(const struct adherence_view *v, const struct adh_seller *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "seller_id", json_string(seller_id(v, s->seller)));
	json_object_set_new(o, "name", json_string(seller_name(v, s->seller, LANG_EN)));
	json_object_set_new(o, "role",
	                    s->seller < 0 ? json_null()
	                                  : json_string(role_code(v->ds->sellers[s->seller].role)));
	json_object_set_new(o, "customers", per_cat(s->customers));
	json_object_set_new(o, "planned", cell_json(&s->total, 1));
	json_object_set_new(o, "done", cell_json(&s->total, 0));
	json_object_set_new(o, "overdue", per_cat(s->overdue));
	json_object_set_new(o, "overdue_visits", per_cat(s->overdue_visits));
	json_object_set_new(o, "never_contacted", json_integer(s->never_contacted));
	json_t *d = json_object();
	json_object_set_new(d, "weeks", json_integer(v->a->drift_weeks));
	json_object_set_new(d, "first_share", json_real(s->cat3_first));
	json_object_set_new(d, "last_share", json_real(s->cat3_last));
	json_object_set_new(d, "planned_share", json_real(s->cat3_planned));
	json_object_set_new(d, "change", json_real(s->cat3_last - s->cat3_first));
	json_object_set_new(d, "flag", json_boolean(s->drift));
	json_object_set_new(o, "drift", d);
	json_t *weeks = json_array();
	for (int k = 0; k < v->a->nweeks; k++) {
		char w[9], b[11];
		json_t *x = json_object();
		json_object_set_new(x, "week", json_string(adherence_week_label(v->a, k, w)));
		json_object_set_new(x, "monday",
		                    json_string(days_iso(adherence_week_day(v->a, k), b)));
		json_object_set_new(x, "planned", cell_json(&s->week[k], 1));
		json_object_set_new(x, "done", cell_json(&s->week[k], 0));
		json_array_append_new(weeks, x);
	}
	json_object_set_new(o, "weeks", weeks);
	return o;
}

json_t *adherence_json(const struct adherence_view *v, size_t max_overdue)
{
	const struct adherence *a = v->a;
	json_t *root = json_object(), *p = json_object(), *sellers = json_array(),
	       *od = json_array();
	json_object_set_new(p, "from", date_or_null(a->from));
	json_object_set_new(p, "to", date_or_null(a->to));
	json_object_set_new(p, "weeks", json_integer(a->nweeks));
	json_object_set_new(p, "plan_applied", date_or_null(v->applied));
	json_object_set_new(root, "period", p);
	json_t *ms = json_array();
	for (int m = 0; m < ADH_N; m++)
		json_array_append_new(ms, json_string(adherence_measure_code(m)));
	json_object_set_new(root, "measures", ms);
	json_object_set_new(root, "team", v->only < 0 ? seller_json(v, &a->team) : json_null());
	for (size_t i = 0; i < a->nsellers; i++)
		if (shown(v, &a->sellers[i]))
			json_array_append_new(sellers, seller_json(v, &a->sellers[i]));
	json_object_set_new(root, "sellers", sellers);
	size_t total = 0;
	for (size_t i = 0; i < a->noverdue; i++) {
		const struct adh_overdue *o = &a->overdue[i];
		if (!overdue_shown(v, o))
			continue;
		if (total++ >= max_overdue)
			continue;
		const struct customer *cu = &v->ds->customers[o->cust];
		json_t *x = json_object();
		json_object_set_new(x, "customer_id", json_string(cu->id));
		json_object_set_new(x, "name", cu->name ? json_string(cu->name) : json_null());
		json_object_set_new(x, "category",
		                    json_string(category_code((enum category)v->pc[o->cust].cat)));
		json_object_set_new(x, "seller_id",
		                    o->owner >= 0 ? json_string(v->ds->sellers[o->owner].id)
		                                  : json_null());
		json_object_set_new(x, "last_contact", date_or_null(o->last));
		json_object_set_new(x, "due", date_or_null(o->due));
		json_object_set_new(x, "days_overdue", json_integer(o->days));
		json_array_append_new(od, x);
	}
	json_object_set_new(root, "overdue", od);
	json_object_set_new(root, "overdue_total", json_integer((json_int_t)total));
	return root;
}

/* --- html ------------------------------------------------------------------ */

static const char style[] =
    "<style>\n"
    ".fk-adh .meter{display:inline-block;width:120px;height:10px;background:#eef1f4;"
    "border-radius:5px;vertical-align:middle;overflow:hidden;margin-right:6px}\n"
    ".fk-adh .meter b{display:block;height:100%;background:#1a7f5a}\n"
    ".fk-adh .meter b.low{background:#b3261e}\n"
    ".fk-adh .weeks{display:flex;align-items:flex-end;gap:3px;height:140px;"
    "border-bottom:1px solid #aab4bf;margin-top:8px;position:relative}\n"
    ".fk-adh .wk{flex:1;display:flex;flex-direction:column-reverse;height:100%;position:relative}\n"
    ".fk-adh .wk span{display:block}\n"
    ".fk-adh .wk i{position:absolute;left:0;right:0;border-top:2px dashed #1d2733}\n"
    ".fk-adh .axis{display:flex;justify-content:space-between;color:#5d6773;font-size:12px}\n"
    ".fk-adh .flag{color:#b3261e;font-weight:600;white-space:nowrap}\n"
    ".fk-adh td.m{white-space:nowrap}\n"
    "</style>\n";

static void td_pair(FILE *f, int64_t done, double planned, enum lang lang)
{
	char b[64];
	html_td_num(f, (double)done, pair(b, sizeof(b), done, planned, lang));
}

static void meter_td(FILE *f, double done, double planned, enum lang lang)
{
	char b[24];
	double r = planned > 0 ? done / planned : 0;
	fprintf(f,
	        "<td class=\"m\" data-v=\"%.4f\"><span class=\"meter\"><b class=\"%s\" "
	        "style=\"width:%.1f%%\">"
	        "</b></span>%s</td>",
	        r, r < 0.5 ? "low" : "", 100.0 * (r > 1 ? 1 : r),
	        pct_of(b, sizeof(b), done, planned, lang));
}

static void html_seller_row(FILE *f, const struct adherence_view *v, const struct adh_seller *s,
                            enum lang lang)
{
	const struct adh_cell *t = &s->total;
	char b[32];
	fputs("<tr>", f);
	html_td(f, seller_name(v, s->seller, lang), 'l');
	meter_td(f, (double)adh_done_visits(t), adh_planned_visits(t), lang);
	for (int k = 0; k < CAT_COUNT; k++)
		td_pair(f, t->done[ADH_VISITS + k], t->planned[ADH_VISITS + k], lang);
	td_pair(f, t->done[ADH_CALLS], t->planned[ADH_CALLS], lang);
	td_pair(f, t->done[ADH_NEWSLETTERS], t->planned[ADH_NEWSLETTERS], lang);
	html_td_num(f, (double)sum_cat(s->overdue),
	            fmt_int(b, sizeof(b), sum_cat(s->overdue), lang));
	if (s->drift) {
		char x[24], y[24], z[64];
		snprintf(z, sizeof(z), "%s → %s", fmt_pct(x, sizeof(x), s->cat3_first, 0, lang),
		         fmt_pct(y, sizeof(y), s->cat3_last, 0, lang));
		fputs("<td class=\"flag\">", f);
		html_esc(f, z);
		fputs("</td>", f);
	} else {
		fputs("<td></td>", f);
	}
	fputs("</tr>\n", f);
}

/* The team's (or the seller's) weeks: done visits stacked by category, the
 * planned visits as a dashed line. */
static void weeks_chart(FILE *f, const struct adherence_view *v, const struct adh_seller *s,
                        enum lang lang)
{
	double top = 1;
	for (int w = 0; w < v->a->nweeks; w++) {
		double d = (double)adh_done_visits(&s->week[w]),
		       p = adh_planned_visits(&s->week[w]);
		top = fmax(top, fmax(d, p));
	}
	fputs("<div class=\"weeks\">", f);
	for (int w = 0; w < v->a->nweeks; w++) {
		const struct adh_cell *c = &s->week[w];
		char lab[9], t[200], n1[24], n2[32];
		adherence_week_label(v->a, w, lab);
		snprintf(t, sizeof(t), "%s: %s %s, %s %s", lab,
		         fmt_int(n1, sizeof(n1), adh_done_visits(c), lang),
		         TR(lang, "visits", "besök"),
		         fmt_num(n2, sizeof(n2), adh_planned_visits(c), 1, lang),
		         TR(lang, "planned", "planerade"));
		fputs("<div class=\"wk\" title=\"", f);
		html_esc(f, t);
		fputs("\">", f);
		for (int k = 0; k <= CAT_3; k++)
			if (c->done[ADH_VISITS + k])
				fprintf(f, "<span style=\"height:%.2f%%;background:%s\"></span>",
				        100.0 * (double)c->done[ADH_VISITS + k] / top,
				        svg_category_color(k));
		fprintf(f, "<i style=\"bottom:%.2f%%\"></i></div>",
		        100.0 * adh_planned_visits(c) / top);
	}
	fputs("</div>\n<div class=\"axis\">", f);
	char a[9], b[9];
	fprintf(f, "<span>%s</span><span>%s</span></div>\n", adherence_week_label(v->a, 0, a),
	        adherence_week_label(v->a, v->a->nweeks - 1, b));
	fputs("<p class=\"fk-note\">", f);
	html_esc(f, TR(lang,
	               "Bars: visits done per week, coloured by category. Dashed line: the "
	               "visits the plan asks for.",
	               "Staplar: gjorda besök per vecka, färgade efter kategori. Streckad linje: "
	               "besöken planen kräver."));
	fputs("</p>\n", f);
}

static void html_overdue(FILE *f, const struct adherence_view *v, enum lang lang)
{
	const char *head[] = {TR(lang, "Customer", "Kund"),
	                      TR(lang, "Name", "Namn"),
	                      TR(lang, "Category", "Kategori"),
	                      TR(lang, "Responsible", "Ansvarig"),
	                      TR(lang, "Last contact", "Senaste kontakt"),
	                      TR(lang, "Due", "Förföll"),
	                      TR(lang, "Days overdue", "Dagar sen")};
	int n = 0;
	html_table_begin(f, "adh-overdue", head, 7, "lllllrr", TR(lang, "Filter", "Filtrera"));
	for (size_t i = 0; i < v->a->noverdue && n < 50; i++) {
		const struct adh_overdue *o = &v->a->overdue[i];
		if (!overdue_shown(v, o))
			continue;
		const struct customer *cu = &v->ds->customers[o->cust];
		char l[11], d[11], x[24];
		fputs("<tr>", f);
		html_td(f, cu->id, 'l');
		html_td(f, cu->name, 'l');
		html_td(f, category_code((enum category)v->pc[o->cust].cat), 'l');
		html_td(f, o->owner >= 0 ? seller_name(v, o->owner, lang) : "-", 'l');
		html_td(f,
		        o->last == DAYS_NONE ? TR(lang, "never", "aldrig") : days_iso(o->last, l),
		        'l');
		html_td(f, days_iso(o->due, d), 'l');
		html_td_num(f, o->days, fmt_int(x, sizeof(x), o->days, lang));
		fputs("</tr>\n", f);
		n++;
	}
	html_table_end(f, 0);
}

void adherence_html_section(FILE *f, const struct adherence_view *v, enum lang lang)
{
	const struct adherence *a = v->a;
	const struct adh_seller *focus = v->only >= 0 ? &a->sellers[v->only] : &a->team;
	char sub[160], a1[11], a2[11], x[48], y[48], n[128];
	snprintf(sub, sizeof(sub), "%s … %s", days_iso(a->from, a1), days_iso(a->to, a2));
	html_section_begin(f, "adherence", TR(lang, "Plan adherence", "Planföljsamhet"), sub);
	fputs(style, f);
	fputs("<div class=\"fk-adh\">\n<p class=\"fk-note\">", f);
	if (v->applied != DAYS_NONE) {
		snprintf(n, sizeof(n), TR(lang, "The plan was applied %s.", "Planen infördes %s."),
		         days_iso(v->applied, a1));
		html_esc(f, n);
	} else {
		html_esc(
		    f,
		    TR(lang,
		       "No plan applied yet: planned is the contact policy with today's owners.",
		       "Ingen plan införd än: planerat är kontaktpolicyn med dagens ansvariga."));
	}
	fputs("</p>\n", f);
	html_cards_begin(f);
	const struct adh_cell *t = &focus->total;
	pct_of(x, sizeof(x), (double)adh_done_visits(t), adh_planned_visits(t), lang);
	pair(y, sizeof(y), adh_done_visits(t), adh_planned_visits(t), lang);
	html_card(f, TR(lang, "Visits done of planned", "Besök gjorda av planerade"), x, y, NULL);
	pct_of(x, sizeof(x), (double)t->done[ADH_CALLS], t->planned[ADH_CALLS], lang);
	pair(y, sizeof(y), t->done[ADH_CALLS], t->planned[ADH_CALLS], lang);
	html_card(f, TR(lang, "Calls", "Samtal"), x, y, NULL);
	pct_of(x, sizeof(x), (double)t->done[ADH_NEWSLETTERS], t->planned[ADH_NEWSLETTERS], lang);
	pair(y, sizeof(y), t->done[ADH_NEWSLETTERS], t->planned[ADH_NEWSLETTERS], lang);
	html_card(f, TR(lang, "Newsletters", "Nyhetsbrev"), x, y, NULL);
	fmt_int(x, sizeof(x), sum_cat(focus->overdue), lang);
	snprintf(n, sizeof(n),
	         TR(lang, "of %s: next contact due", "av %s: nästa kontakt förfallen"),
	         fmt_int(y, sizeof(y), sum_cat(focus->customers), lang));
	html_card(f, TR(lang, "Customers overdue", "Försenade kunder"), x, n,
	          svg_category_color(CAT_2P));
	fmt_pct(x, sizeof(x), focus->cat3_last, 0, lang);
	snprintf(n, sizeof(n),
	         TR(lang, "of the visits, last %d weeks", "av besöken, sista %d veckorna"),
	         a->drift_weeks);
	html_card(f, TR(lang, "Visits to category 3", "Besök i kategori 3"), x, n,
	          svg_category_color(CAT_3));
	html_cards_end(f);
	fputs("<h3>", f);
	html_esc(f, TR(lang, "Per seller: done / planned", "Per säljare: gjort / planerat"));
	fputs("</h3>\n", f);
	const char *head[] = {
	    TR(lang, "Seller", "Säljare"),    TR(lang, "Visits", "Besök"),
	    TR(lang, "Cat 1", "Kat 1"),       TR(lang, "Cat 2R", "Kat 2R"),
	    TR(lang, "Cat 2P", "Kat 2P"),     TR(lang, "Cat 3", "Kat 3"),
	    TR(lang, "Calls", "Samtal"),      TR(lang, "Newsletters", "Nyhetsbrev"),
	    TR(lang, "Overdue", "Försenade"), TR(lang, "Drift to cat 3", "Glidning mot kat 3")};
	html_table_begin(f, "adh-sellers", head, 10, "lrrrrrrrrl", NULL);
	for (size_t i = 0; i < a->nsellers; i++)
		if (shown(v, &a->sellers[i]))
			html_seller_row(f, v, &a->sellers[i], lang);
	if (v->only < 0) {
		html_table_foot(f);
		html_seller_row(f, v, &a->team, lang);
	}
	html_table_end(f, v->only < 0);
	fputs("<h3>", f);
	html_esc(f, TR(lang, "Visits week by week", "Besök vecka för vecka"));
	fputs("</h3>\n", f);
	weeks_chart(f, v, focus, lang);
	fputs("<h3>", f);
	html_esc(f, TR(lang, "The most overdue customers", "De mest försenade kunderna"));
	fputs("</h3>\n", f);
	html_overdue(f, v, lang);
	fputs("</div>\n", f);
	html_section_end(f);
}
