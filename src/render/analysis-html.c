/* analysis-html.c — the activity diagnosis as a section of a fokus html
 * report. Built on render/html.c (skeleton, cards, sortable tables); the
 * two pictures — stacked bars of visits per category, and the weekly
 * bookings — are plain HTML boxes sized in percent, styled by a few rules
 * scoped to .fk-an. Category colours come from render/svg.c so every
 * report agrees. Every name from the data is escaped. */
#include "render/analysis-html.h"
#include "render/html.h"
#include "render/svg.h"
#include "util/days.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char style[] =
    "<style>\n"
    ".fk-an .stack{display:flex;height:20px;min-width:260px;background:#eef1f4;border-radius:3px;"
    "overflow:hidden}\n"
    ".fk-an .stack span{display:block;height:100%;color:#fff;font-size:11px;line-height:20px;"
    "text-align:center;overflow:hidden;white-space:nowrap}\n"
    ".fk-an td.bar{width:40%}\n"
    ".fk-an .flag{color:#b3261e;font-weight:600}\n"
    ".fk-an tr.ref td{color:#5d6773;font-style:italic}\n"
    ".fk-an .legend{margin:4px 0 8px;font-size:13px}\n"
    ".fk-an .legend span{display:inline-block;margin-right:14px}\n"
    ".fk-an .legend i{display:inline-block;width:11px;height:11px;margin-right:5px;"
    "vertical-align:-1px;border-radius:2px}\n"
    ".fk-an "
    ".meter{display:inline-block;width:140px;height:10px;background:#eef1f4;border-radius:5px;"
    "vertical-align:middle;overflow:hidden}\n"
    ".fk-an .meter b{display:block;height:100%;background:#1f4e79}\n"
    ".fk-an .weeks{display:flex;align-items:flex-end;gap:2px;height:130px;"
    "border-bottom:1px solid #aab4bf;margin-top:8px}\n"
    ".fk-an .weeks div{flex:1;background:#1f4e79;min-height:1px}\n"
    ".fk-an .weeks div.best{background:#d9822b}\n"
    ".fk-an .weeks div.latest{background:#1a7f5a}\n"
    ".fk-an .axis{display:flex;justify-content:space-between;color:#5d6773;font-size:12px}\n"
    ".fk-an ol.findings li{margin:5px 0}\n"
    ".fk-an .amt{font-weight:600;white-space:nowrap}\n"
    "</style>\n";

static const char *cat_color(int c)
{
	return svg_category_color(c < CAT_COUNT ? c : -1);
}

static void h3(FILE *f, const char *title)
{
	fputs("<h3>", f);
	html_esc(f, title);
	fputs("</h3>\n", f);
}

static void note(FILE *f, const char *text)
{
	fputs("<p class=\"fk-note\">", f);
	html_esc(f, text);
	fputs("</p>\n", f);
}

static void td_int(FILE *f, int64_t v, enum lang lang)
{
	char b[32];
	html_td_num(f, (double)v, fmt_int(b, sizeof(b), v, lang));
}

static void td_num(FILE *f, double v, int dec, enum lang lang)
{
	char b[48];
	html_td_num(f, v, fmt_num(b, sizeof(b), v, dec, lang));
}

static void td_pct(FILE *f, double v, int dec, enum lang lang)
{
	char b[32];
	html_td_num(f, v, fmt_pct(b, sizeof(b), v, dec, lang));
}

static void td_money(FILE *f, int64_t minor, enum lang lang)
{
	char b[48];
	html_td_num(f, (double)minor / 100.0, fmt_money(b, sizeof(b), minor, lang));
}

static void td_name(FILE *f, const struct analysis *a, int32_t seller, enum lang lang)
{
	html_td(f, analysis_seller_name(a, seller, lang), 'l');
}

static int visible_cats(const struct analysis *a)
{
	return a->team.cat[AN_NONE].visits > 0 ? AN_NCAT : CAT_COUNT;
}

/* A 100 % stacked bar of shares[0..n); sorts by the category-3 share. */
static void stack(FILE *f, const double *shares, int n, enum lang lang)
{
	fprintf(f, "<td class=\"bar\" data-v=\"%.6f\"><div class=\"stack\">",
	        n > CAT_3 ? shares[CAT_3] : 0);
	for (int c = 0; c < n; c++) {
		if (shares[c] <= 0)
			continue;
		char p[32];
		fmt_pct(p, sizeof(p), shares[c], 0, lang);
		fprintf(f, "<span style=\"width:%.2f%%;background:%s\" title=\"", 100.0 * shares[c],
		        cat_color(c));
		html_esc(f, analysis_cat_label(c, lang));
		fprintf(f, ": %s\">%s</span>", p, shares[c] >= 0.08 ? p : "");
	}
	fputs("</div></td>", f);
}

static void legend(FILE *f, int ncat, enum lang lang)
{
	fputs("<p class=\"legend\">", f);
	for (int c = 0; c < ncat; c++) {
		fprintf(f, "<span><i style=\"background:%s\"></i>", cat_color(c));
		html_esc(f, analysis_cat_label(c, lang));
		fputs("</span>", f);
	}
	fputs("</p>\n", f);
}

static void cards(FILE *f, const struct analysis *a, enum lang lang)
{
	char v[64], n[128], x[32];
	html_cards_begin(f);
	fmt_pct(v, sizeof(v), analysis_visit_share(&a->team, CAT_3), 0, lang);
	snprintf(n, sizeof(n),
	         TR(lang, "which holds %s of revenue", "som står för %s av omsättningen"),
	         fmt_pct(x, sizeof(x), a->cat[CAT_3].revenue_share, 0, lang));
	html_card(f, TR(lang, "Visits to category 3", "Besök i kategori 3"), v, n,
	          svg_category_color(CAT_3));
	fmt_num(x, sizeof(x), 100.0 * analysis_contact_share(&a->team), 0, lang);
	snprintf(v, sizeof(v), TR(lang, "%s of 100 h", "%s av 100 h"), x);
	html_card(f, TR(lang, "Customer contact", "Kundkontakt"), v,
	          TR(lang, "working hours with customers", "arbetstimmar med kunder"), NULL);
	fmt_money(v, sizeof(v), llround(analysis_value_per_visit(&a->all)), lang);
	snprintf(n, sizeof(n),
	         TR(lang, "orders ≤ %d days after a visit", "order ≤ %d dagar efter besök"),
	         a->p.attribution_days);
	html_card(f, TR(lang, "Order value per visit", "Ordervärde per besök"), v, n, NULL);
	fmt_int(v, sizeof(v), a->all.uncontacted, lang);
	snprintf(n, sizeof(n),
	         TR(lang, "of %s, no contact in the period", "av %s, ingen kontakt under perioden"),
	         fmt_int(x, sizeof(x), a->all.customers, lang));
	html_card(f, TR(lang, "Customers without contact", "Kunder utan kontakt"), v, n, NULL);
	fmt_num(v, sizeof(v), analysis_bookings_per_week(a, &a->team), 1, lang);
	html_card(f, TR(lang, "Meetings booked per week", "Bokade möten per vecka"), v,
	          TR(lang, "team", "teamet"), NULL);
	html_cards_end(f);
}

static void findings(FILE *f, const struct analysis *a, enum lang lang)
{
	h3(f, TR(lang, "Findings, ranked by money at stake",
	         "Iakttagelser, ordnade efter belopp som står på spel"));
	if (a->nfindings == 0) {
		note(f, TR(lang,
		           "No findings: no category-3 skew and no unvisited customers of "
		           "categories 1, 2R or 2P.",
		           "Inga iakttagelser: ingen slagsida mot kategori 3 och inga obesökta "
		           "kunder i kategori 1, 2R "
		           "eller 2P."));
		return;
	}
	fputs("<ol class=\"findings\">\n", f);
	for (int i = 0; i < a->nfindings; i++) {
		char *t = analysis_finding_text(a, &a->findings[i], lang);
		char m[48];
		fputs("<li>", f);
		html_esc(f, t);
		fputs(" — <span class=\"amt\">", f);
		html_esc(f, TR(lang, "at stake ", "på spel "));
		html_esc(f, fmt_money(m, sizeof(m), a->findings[i].amount, lang));
		fputs("</span></li>\n", f);
		free(t);
	}
	fputs("</ol>\n", f);
}

static void visit_row(FILE *f, const struct analysis *a, const struct an_seller *s, int ncat,
                      enum lang lang)
{
	double sh[AN_NCAT];
	for (int c = 0; c < ncat; c++)
		sh[c] = analysis_visit_share(s, c);
	fputs("<tr>", f);
	td_name(f, a, s->seller, lang);
	stack(f, sh, ncat, lang);
	td_int(f, s->total.visits, lang);
	td_num(f, s->total.hours, 0, lang);
	td_num(f, s->total.km, 0, lang);
	fprintf(f, "<td class=\"flag\">%s</td></tr>\n",
	        s->cat3_flag ? TR(lang, "over the limit", "över gränsen") : "");
}

static void ref_row(FILE *f, const char *label, const double *shares, enum lang lang)
{
	fputs("<tr class=\"ref\">", f);
	html_td(f, label, 'l');
	stack(f, shares, CAT_COUNT, lang);
	fputs("<td></td><td></td><td></td><td></td></tr>\n", f);
}

static void visits(FILE *f, const struct analysis *a, enum lang lang)
{
	int ncat = visible_cats(a);
	char lim[64], x[32];
	h3(f, TR(lang, "1. Where the visits go", "1. Vart besöken går"));
	legend(f, ncat, lang);
	snprintf(lim, sizeof(lim), TR(lang, "Category 3 over %s", "Kategori 3 över %s"),
	         fmt_pct(x, sizeof(x), a->p.cat3_limit, 0, lang));
	const char *hdr[] = {
	    TR(lang, "Seller", "Säljare"),
	    TR(lang, "Share of the visits per category", "Andel av besöken per kategori"),
	    TR(lang, "Visits", "Besök"),
	    TR(lang, "Hours", "Timmar"),
	    "Km",
	    lim};
	html_table_begin(f, "fk-an-visits", hdr, 6, "llrrrl", NULL);
	for (size_t i = 0; i < a->nsellers; i++)
		if (a->sellers[i].total.visits > 0)
			visit_row(f, a, &a->sellers[i], ncat, lang);
	html_table_foot(f);
	visit_row(f, a, &a->team, ncat, lang);
	double rev[CAT_COUNT], pot[CAT_COUNT];
	for (int c = 0; c < CAT_COUNT; c++) {
		rev[c] = a->cat[c].revenue_share;
		pot[c] = a->cat[c].potential_share;
	}
	ref_row(f, TR(lang, "Share of revenue", "Andel av omsättningen"), rev, lang);
	ref_row(f, TR(lang, "Share of potential", "Andel av potentialen"), pot, lang);
	html_table_end(f, 1);

	const char *hdr2[] = {TR(lang, "Seller", "Säljare"),
	                      TR(lang, "Category", "Kategori"),
	                      TR(lang, "Visits", "Besök"),
	                      TR(lang, "Share", "Andel"),
	                      TR(lang, "Hours (visit + travel)", "Timmar (besök + restid)"),
	                      "Km"};
	fputs("<details><summary>", f);
	html_esc(f, TR(lang, "Visits, hours and km per seller and category",
	               "Besök, timmar och km per säljare och kategori"));
	fputs("</summary>\n", f);
	html_table_begin(
	    f, "fk-an-visit-detail", hdr2, 6, "llrrrr",
	    TR(lang, "Filter sellers or categories", "Filtrera säljare eller kategorier"));
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (i < a->nsellers && s->total.visits == 0)
			continue;
		for (int c = 0; c < ncat; c++) {
			fputs("<tr>", f);
			td_name(f, a, s->seller, lang);
			fputs("<td>", f);
			if (c < CAT_COUNT)
				html_badge(f, c, analysis_cat_label(c, lang));
			else
				html_esc(f, analysis_cat_label(c, lang));
			fputs("</td>", f);
			td_int(f, s->cat[c].visits, lang);
			td_pct(f, analysis_visit_share(s, c), 0, lang);
			td_num(f, s->cat[c].hours, 1, lang);
			td_num(f, s->cat[c].km, 0, lang);
			fputs("</tr>\n", f);
		}
	}
	html_table_end(f, 0);
	fputs("</details>\n", f);
}

static void contact(FILE *f, const struct analysis *a, enum lang lang)
{
	h3(f, TR(lang, "2. Customer-contact time", "2. Tid i kundkontakt"));
	if (a->team.active) {
		char n[32], line[256];
		snprintf(line, sizeof(line),
		         TR(lang,
		            "The team spent %s of every 100 working hours in customer contact "
		            "(visits, calls and "
		            "meetings; travel is not contact).",
		            "Teamet ägnade %s av 100 arbetstimmar åt kundkontakt (besök, samtal "
		            "och möten; restid "
		            "räknas inte)."),
		         fmt_num(n, sizeof(n), 100.0 * analysis_contact_share(&a->team), 0, lang));
		fputs("<p>", f);
		html_esc(f, line);
		fputs("</p>\n", f);
	}
	const char *hdr[] = {
	    TR(lang, "Seller", "Säljare"), TR(lang, "Contact hours", "Kontakttimmar"),
	    TR(lang, "Working hours", "Arbetstimmar"), TR(lang, "Share", "Andel"), ""};
	html_table_begin(f, "fk-an-contact", hdr, 5, "lrrrl", NULL);
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (!s->active)
			continue;
		if (i == a->nsellers)
			html_table_foot(f);
		double share = analysis_contact_share(s);
		fputs("<tr>", f);
		td_name(f, a, s->seller, lang);
		td_num(f, s->contact_hours, 0, lang);
		td_num(f, s->working_hours, 0, lang);
		td_pct(f, share, 1, lang);
		fprintf(
		    f,
		    "<td><span class=\"meter\"><b style=\"width:%.1f%%\"></b></span></td></tr>\n",
		    fmin(100.0, 100.0 * share));
	}
	html_table_end(f, a->team.active);
}

static void order_value(FILE *f, const struct analysis *a, enum lang lang)
{
	char after[96];
	h3(f, TR(lang, "3. Order value", "3. Ordervärde"));
	snprintf(after, sizeof(after),
	         TR(lang, "Orders ≤ %d days after a visit", "Order ≤ %d dagar efter besök"),
	         a->p.attribution_days);
	const char *hdr[] = {TR(lang, "Category", "Kategori"),
	                     TR(lang, "Orders", "Order"),
	                     TR(lang, "Average order", "Snittorder"),
	                     TR(lang, "Visits", "Besök"),
	                     after,
	                     TR(lang, "Their value", "Deras värde"),
	                     TR(lang, "Per visit", "Per besök"),
	                     TR(lang, "Per visit hour", "Per besökstimme")};
	html_table_begin(f, "fk-an-orders", hdr, 8, "lrrrrrrr", NULL);
	for (int c = 0; c <= AN_NCAT; c++) {
		const struct an_category *k = c < AN_NCAT ? &a->cat[c] : &a->all;
		if (c == AN_NONE && k->orders == 0 && k->visits == 0)
			continue;
		if (c == AN_NCAT)
			html_table_foot(f);
		fputs("<tr><td>", f);
		if (c < CAT_COUNT)
			html_badge(f, c, analysis_cat_label(c, lang));
		else
			html_esc(f, c < AN_NCAT ? analysis_cat_label(c, lang)
			                        : TR(lang, "All", "Alla"));
		fputs("</td>", f);
		td_int(f, k->orders, lang);
		td_money(f, analysis_avg_order(k), lang);
		td_int(f, k->visits, lang);
		td_int(f, k->attributed_orders, lang);
		td_money(f, k->attributed_value, lang);
		td_money(f, llround(analysis_value_per_visit(k)), lang);
		td_money(f, llround(analysis_value_per_hour(k)), lang);
		fputs("</tr>\n", f);
	}
	html_table_end(f, 1);
}

static void coverage(FILE *f, const struct analysis *a, enum lang lang)
{
	int ncat = a->cat[AN_NONE].customers > 0 ? AN_NCAT : CAT_COUNT;
	h3(f, TR(lang, "4. Coverage gaps: customers without any contact in the period",
	         "4. Täckningsluckor: kunder utan någon kontakt under perioden"));
	const char *hdr[AN_NCAT + 1];
	hdr[0] = TR(lang, "Owner", "Ansvarig");
	for (int c = 0; c < ncat; c++)
		hdr[c + 1] = analysis_cat_label(c, lang);
	html_table_begin(f, "fk-an-coverage", hdr, ncat + 1, "lrrrrr", NULL);
	for (size_t i = 0; i <= a->nsellers + 1; i++) {
		const struct an_owner *o = i < a->nsellers    ? a->sellers[i].own
		                           : i == a->nsellers ? a->noowner
		                                              : a->team.own;
		int64_t owned = 0;
		for (int c = 0; c < AN_NCAT; c++)
			owned += o[c].customers;
		if (i > a->nsellers)
			html_table_foot(f);
		else if (owned == 0)
			continue;
		fputs("<tr>", f);
		html_td(f,
		        i < a->nsellers    ? analysis_seller_name(a, (int32_t)i, lang)
		        : i == a->nsellers ? TR(lang, "(no owner)", "(ingen ansvarig)")
		                           : TR(lang, "All", "Alla"),
		        'l');
		for (int c = 0; c < ncat; c++) {
			char x[32], y[32], p[32], cell[128];
			if (o[c].customers == 0) {
				html_td_num(f, -1, "–");
				continue;
			}
			double sh = (double)o[c].uncontacted / (double)o[c].customers;
			snprintf(cell, sizeof(cell), "%s / %s (%s)",
			         fmt_int(x, sizeof(x), o[c].uncontacted, lang),
			         fmt_int(y, sizeof(y), o[c].customers, lang),
			         fmt_pct(p, sizeof(p), sh, 0, lang));
			html_td_num(f, sh, cell);
		}
		fputs("</tr>\n", f);
	}
	html_table_end(f, 1);
	note(f, TR(lang, "Without contact / customers owned. 'fokus uncontacted' lists them.",
	           "Utan kontakt / egna kunder. 'fokus uncontacted' listar dem."));
}

static void record_text(char *buf, size_t size, const struct an_seller *s, enum lang lang)
{
	buf[0] = '\0';
	if (s->best_in_weeks <= 0)
		return;
	if (s->best_of_period)
		snprintf(buf, size, TR(lang, "best of the %d weeks", "bäst på alla %d veckor"),
		         s->best_in_weeks);
	else
		snprintf(buf, size, TR(lang, "best in %d weeks", "bäst på %d veckor"),
		         s->best_in_weeks);
}

static void week_bars(FILE *f, const struct analysis *a, enum lang lang)
{
	const struct an_seller *t = &a->team;
	char w[9], w2[9];
	int64_t max = 1;
	for (int i = 0; i < a->nweeks; i++)
		if (t->weekly[i] > max)
			max = t->weekly[i];
	fputs("<div class=\"weeks\">", f);
	for (int i = 0; i < a->nweeks; i++) {
		const char *cls = i == t->best_week    ? " class=\"best\""
		                  : i >= a->nweeks - 2 ? " class=\"latest\""
		                                       : "";
		fprintf(f, "<div%s style=\"height:%.1f%%\" title=\"%s: %lld\"></div>", cls,
		        100.0 * (double)t->weekly[i] / (double)max, analysis_week_label(a, i, w),
		        (long long)t->weekly[i]);
	}
	fprintf(f, "</div><div class=\"axis\"><span>%s</span><span>%s</span></div>\n",
	        analysis_week_label(a, 0, w), analysis_week_label(a, a->nweeks - 1, w2));
	note(f, TR(lang,
	           "The team's meetings booked per week; orange: the best week, green: the latest "
	           "2 weeks.",
	           "Teamets bokade möten per vecka; orange: bästa veckan, grönt: de senaste 2 "
	           "veckorna."));
}

static void bookings(FILE *f, const struct analysis *a, enum lang lang)
{
	char w[9], rec[64];
	h3(f, TR(lang, "5. Booking frequency: meetings booked per ISO week",
	         "5. Bokningsfrekvens: bokade möten per ISO-vecka"));
	if (a->team.meetings_booked == 0) {
		note(f, TR(lang, "No meetings booked in the period.",
		           "Inga bokade möten under perioden."));
		return;
	}
	if (a->team.best_in_weeks > 0) {
		record_text(rec, sizeof(rec), &a->team, lang);
		fputs("<p><b>", f);
		html_esc(f, TR(lang, "The latest 2 weeks: the team's booking frequency is the ",
		               "De senaste 2 veckorna: teamets bokningsfrekvens är den "));
		html_esc(f, rec);
		fputs("</b></p>\n", f);
	}
	week_bars(f, a, lang);
	const char *hdr[] = {
	    TR(lang, "Seller", "Säljare"),       TR(lang, "Meetings", "Möten"),
	    TR(lang, "Per week", "Per vecka"),   TR(lang, "Best week", "Bästa vecka"),
	    TR(lang, "That week", "Den veckan"), TR(lang, "Latest 2 weeks", "Senaste 2 veckorna"),
	    TR(lang, "Record", "Rekord")};
	html_table_begin(f, "fk-an-bookings", hdr, 7, "lrrlrrl", NULL);
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (s->meetings_booked == 0)
			continue;
		if (i == a->nsellers)
			html_table_foot(f);
		fputs("<tr>", f);
		td_name(f, a, s->seller, lang);
		td_int(f, s->meetings_booked, lang);
		td_num(f, analysis_bookings_per_week(a, s), 1, lang);
		html_td(f, analysis_week_label(a, s->best_week, w), 'l');
		td_int(f, s->weekly[s->best_week], lang);
		td_int(f, s->latest2, lang);
		record_text(rec, sizeof(rec), s, lang);
		html_td(f, rec, 'l');
		fputs("</tr>\n", f);
	}
	html_table_end(f, 1);
}

static void honesty(FILE *f, const struct analysis *a, enum lang lang)
{
	char n[32], u[32], c[32], s[32], line[512];
	h3(f, TR(lang, "What the figures rest on", "Vad siffrorna bygger på"));
	snprintf(line, sizeof(line),
	         TR(lang,
	            "%s activities in the period, %s used. Left out of every figure: %s naming an "
	            "unknown customer, "
	            "%s naming an unknown seller. An order follows a visit when it is dated 0–%d "
	            "days after it. "
	            "Formulas and examples: docs/analysis.md.",
	            "%s aktiviteter under perioden, %s används. Utelämnade ur alla siffror: %s med "
	            "okänd kund, %s med "
	            "okänd säljare. En order följer ett besök när den är daterad 0–%d dagar efter "
	            "det. Formler och "
	            "exempel: docs/analysis.md."),
	         fmt_int(n, sizeof(n), a->act_period, lang),
	         fmt_int(u, sizeof(u), a->act_used, lang),
	         fmt_int(c, sizeof(c), a->act_unknown_customer, lang),
	         fmt_int(s, sizeof(s), a->act_unknown_seller, lang), a->p.attribution_days);
	note(f, line);
}

void analysis_html_section(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang)
{
	char from[11], to[11], sub[160];
	int k = snprintf(sub, sizeof(sub), "%s – %s (%d %s)", days_iso(a->p.from, from),
	                 days_iso(a->p.to, to), (int)a->days, TR(lang, "days", "dagar"));
	if (snapshot > 0 && k > 0 && (size_t)k < sizeof(sub))
		snprintf(sub + k, sizeof(sub) - (size_t)k,
		         TR(lang, " · categories from snapshot %lld",
		            " · kategorier från ögonblicksbild %lld"),
		         (long long)snapshot);
	html_section_begin(f, "analysis",
	                   TR(lang, "Where the sellers' time goes", "Vart säljarnas tid går"), sub);
	fputs("<div class=\"fk-an\">\n", f);
	fputs(style, f);
	cards(f, a, lang);
	findings(f, a, lang);
	visits(f, a, lang);
	contact(f, a, lang);
	order_value(f, a, lang);
	coverage(f, a, lang);
	bookings(f, a, lang);
	honesty(f, a, lang);
	fputs("</div>\n", f);
	html_section_end(f);
}

void analysis_html_page(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang)
{
	html_begin(f, TR(lang, "Activity analysis", "Aktivitetsanalys"), lang);
	analysis_html_section(f, a, snapshot, lang);
	html_end(f, lang);
}
