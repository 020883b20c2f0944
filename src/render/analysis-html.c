/* analysis-html.c — the activity diagnosis as one HTML section: plain
 * HTML and CSS (bars are flex boxes sized in percent), no script, so it
 * opens offline and passes a strict Content-Security-Policy when embedded
 * with its style. Every name from the data is escaped. */
#include "render/analysis-html.h"
#include "util/days.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const cat_color[AN_NCAT] = {"#1f6fb2", "#74add1", "#f0a04b", "#c8372d", "#9e9e9e"};

static const char style[] =
	"<style>\n"
	".fk-an{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2733;max-width:1100px}\n"
	".fk-an h2{font-size:22px;margin:0 0 4px}\n"
	".fk-an h3{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dee6;padding-bottom:4px}\n"
	".fk-an .sub{color:#5b6b7c;margin:0 0 12px}\n"
	".fk-an table{border-collapse:collapse;margin:6px 0 10px}\n"
	".fk-an th,.fk-an td{padding:4px 10px;border-bottom:1px solid #e6eaef;text-align:right;white-space:nowrap}\n"
	".fk-an th{background:#f2f5f8;font-weight:600}\n"
	".fk-an th:first-child,.fk-an td:first-child{text-align:left}\n"
	".fk-an tr.team td{font-weight:600;border-top:2px solid #c5ced8}\n"
	".fk-an tr.ref td{color:#5b6b7c;font-style:italic}\n"
	".fk-an ol.findings{padding-left:22px}\n"
	".fk-an ol.findings li{margin:6px 0}\n"
	".fk-an .amt{font-weight:600;white-space:nowrap}\n"
	".fk-an td.bar{width:420px;padding:3px 10px}\n"
	".fk-an th.bar{text-align:left}\n"
	".fk-an .stack{display:flex;height:20px;width:100%;background:#eef1f4;border-radius:3px;overflow:hidden}\n"
	".fk-an .stack span{display:block;height:100%;color:#fff;font-size:11px;line-height:20px;text-align:center;"
	"overflow:hidden}\n"
	".fk-an .flag{color:#c8372d;font-weight:600}\n"
	".fk-an .legend span{display:inline-block;margin-right:14px}\n"
	".fk-an .legend i{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px;"
	"border-radius:2px}\n"
	".fk-an .meter{display:inline-block;width:160px;height:10px;background:#eef1f4;border-radius:5px;"
	"vertical-align:middle;overflow:hidden}\n"
	".fk-an .meter b{display:block;height:100%;background:#1f6fb2}\n"
	".fk-an .weeks{display:flex;align-items:flex-end;gap:2px;height:130px;border-bottom:1px solid #aab4bf;"
	"margin-top:8px}\n"
	".fk-an .weeks div{flex:1;background:#1f6fb2;min-height:1px}\n"
	".fk-an .weeks div.best{background:#f0a04b}\n"
	".fk-an .weeks div.latest{background:#2e9d5b}\n"
	".fk-an .axis{display:flex;justify-content:space-between;color:#5b6b7c;font-size:12px}\n"
	".fk-an .note{color:#5b6b7c;font-size:13px}\n"
	"</style>\n";

void analysis_html_escape(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			strbuf_puts(sb, "&amp;");
			break;
		case '<':
			strbuf_puts(sb, "&lt;");
			break;
		case '>':
			strbuf_puts(sb, "&gt;");
			break;
		case '"':
			strbuf_puts(sb, "&quot;");
			break;
		case '\'':
			strbuf_puts(sb, "&#39;");
			break;
		default:
			strbuf_putc(sb, *s);
		}
	}
}

static void td(struct strbuf *sb, const char *s)
{
	strbuf_puts(sb, "<td>");
	analysis_html_escape(sb, s);
	strbuf_puts(sb, "</td>");
}

static void th(struct strbuf *sb, const char *s)
{
	strbuf_puts(sb, "<th>");
	analysis_html_escape(sb, s);
	strbuf_puts(sb, "</th>");
}

static void td_int(struct strbuf *sb, int64_t v, enum lang lang)
{
	char b[32];
	td(sb, fmt_int(b, sizeof(b), v, lang));
}

static void td_num(struct strbuf *sb, double v, int dec, enum lang lang)
{
	char b[48];
	td(sb, fmt_num(b, sizeof(b), v, dec, lang));
}

static void td_pct(struct strbuf *sb, double v, enum lang lang)
{
	char b[32];
	td(sb, fmt_pct(b, sizeof(b), v, 0, lang));
}

static void td_money(struct strbuf *sb, int64_t minor, enum lang lang)
{
	char b[48];
	td(sb, fmt_money(b, sizeof(b), minor, lang));
}

static int visible_cats(const struct analysis *a)
{
	return a->team.cat[AN_NONE].visits > 0 ? AN_NCAT : CAT_COUNT;
}

/* A 100 % stacked bar of shares[0..n). */
static void stack(struct strbuf *sb, const double *shares, int n, enum lang lang)
{
	strbuf_puts(sb, "<td class=\"bar\"><div class=\"stack\">");
	for (int c = 0; c < n; c++) {
		if (shares[c] <= 0)
			continue;
		char p[32];
		strbuf_printf(sb, "<span style=\"width:%.2f%%;background:%s\" title=\"%s %s\">", 100.0 * shares[c],
			      cat_color[c], analysis_cat_code(c)[0] ? analysis_cat_code(c) : "–",
			      fmt_pct(p, sizeof(p), shares[c], 0, lang));
		if (shares[c] >= 0.08)
			strbuf_puts(sb, p);
		strbuf_puts(sb, "</span>");
	}
	strbuf_puts(sb, "</div></td>");
}

static void legend(struct strbuf *sb, int ncat, enum lang lang)
{
	strbuf_puts(sb, "<p class=\"legend\">");
	for (int c = 0; c < ncat; c++) {
		strbuf_printf(sb, "<span><i style=\"background:%s\"></i>", cat_color[c]);
		analysis_html_escape(sb, analysis_cat_label(c, lang));
		strbuf_puts(sb, "</span>");
	}
	strbuf_puts(sb, "</p>\n");
}

static void header(struct strbuf *sb, const struct analysis *a, int64_t snapshot, enum lang lang)
{
	char from[11], to[11];
	strbuf_printf(sb, "<h2>%s</h2>\n<p class=\"sub\">%s – %s (%d %s)", TR(lang, "Where the sellers' time goes",
									     "Vart säljarnas tid går"),
		      days_iso(a->p.from, from), days_iso(a->p.to, to), (int)a->days, TR(lang, "days", "dagar"));
	if (snapshot > 0)
		strbuf_printf(sb, TR(lang, " · categories from snapshot %lld", " · kategorier från körning %lld"),
			      (long long)snapshot);
	strbuf_puts(sb, "</p>\n");
}

static void findings(struct strbuf *sb, const struct analysis *a, enum lang lang)
{
	strbuf_printf(sb, "<h3>%s</h3>\n", TR(lang, "Findings, ranked by money at stake",
					      "Iakttagelser, ordnade efter belopp som står på spel"));
	if (a->nfindings == 0) {
		strbuf_printf(sb, "<p>%s</p>\n", TR(lang, "No findings.", "Inga iakttagelser."));
		return;
	}
	strbuf_puts(sb, "<ol class=\"findings\">\n");
	for (int i = 0; i < a->nfindings; i++) {
		char *t = analysis_finding_text(a, &a->findings[i], lang);
		char m[48];
		strbuf_puts(sb, "<li>");
		analysis_html_escape(sb, t);
		strbuf_printf(sb, " — <span class=\"amt\">%s %s</span></li>\n", TR(lang, "at stake", "på spel"),
			      fmt_money(m, sizeof(m), a->findings[i].amount, lang));
		free(t);
	}
	strbuf_puts(sb, "</ol>\n");
}

static void visit_row(struct strbuf *sb, const struct analysis *a, const struct an_seller *s, int ncat,
		      enum lang lang)
{
	double sh[AN_NCAT];
	for (int c = 0; c < ncat; c++)
		sh[c] = analysis_visit_share(s, c);
	strbuf_puts(sb, s->seller < 0 ? "<tr class=\"team\">" : "<tr>");
	td(sb, analysis_seller_name(a, s->seller, lang));
	stack(sb, sh, ncat, lang);
	td_int(sb, s->total.visits, lang);
	td_num(sb, s->total.hours, 0, lang);
	td_num(sb, s->total.km, 0, lang);
	td_pct(sb, sh[CAT_3], lang);
	strbuf_printf(sb, "<td class=\"flag\">%s</td></tr>\n", s->cat3_flag ? TR(lang, "over the limit", "över gränsen") : "");
}

static void ref_row(struct strbuf *sb, const char *label, const double *shares, enum lang lang)
{
	strbuf_puts(sb, "<tr class=\"ref\">");
	td(sb, label);
	stack(sb, shares, CAT_COUNT, lang);
	strbuf_puts(sb, "<td></td><td></td><td></td>");
	td_pct(sb, shares[CAT_3], lang);
	strbuf_puts(sb, "<td></td></tr>\n");
}

static void visits(struct strbuf *sb, const struct analysis *a, enum lang lang)
{
	int ncat = visible_cats(a);
	char lim[32];
	strbuf_printf(sb, "<h3>%s</h3>\n", TR(lang, "1. Where the visits go", "1. Vart besöken går"));
	legend(sb, ncat, lang);
	strbuf_puts(sb, "<table><tr>");
	th(sb, TR(lang, "Seller", "Säljare"));
	strbuf_printf(sb, "<th class=\"bar\">%s</th>", TR(lang, "Share of visits per category", "Andel av besöken per kategori"));
	th(sb, TR(lang, "Visits", "Besök"));
	th(sb, TR(lang, "Hours", "Timmar"));
	th(sb, "Km");
	th(sb, TR(lang, "To category 3", "Till kategori 3"));
	strbuf_printf(sb, "<th>%s %s</th></tr>\n", TR(lang, "Limit", "Gräns"),
		      fmt_pct(lim, sizeof(lim), a->p.cat3_limit, 0, lang));
	for (size_t i = 0; i < a->nsellers; i++)
		if (a->sellers[i].total.visits > 0)
			visit_row(sb, a, &a->sellers[i], ncat, lang);
	visit_row(sb, a, &a->team, ncat, lang);
	double rev[CAT_COUNT], pot[CAT_COUNT];
	for (int c = 0; c < CAT_COUNT; c++) {
		rev[c] = a->cat[c].revenue_share;
		pot[c] = a->cat[c].potential_share;
	}
	ref_row(sb, TR(lang, "Share of revenue", "Andel av omsättningen"), rev, lang);
	ref_row(sb, TR(lang, "Share of potential", "Andel av potentialen"), pot, lang);
	strbuf_puts(sb, "</table>\n");

	/* Hours and km per category for the team. */
	strbuf_puts(sb, "<table><tr>");
	th(sb, TR(lang, "Category", "Kategori"));
	th(sb, TR(lang, "Visits", "Besök"));
	th(sb, TR(lang, "Share", "Andel"));
	th(sb, TR(lang, "Hours (visit + travel)", "Timmar (besök + restid)"));
	th(sb, "Km");
	th(sb, TR(lang, "Share of revenue", "Andel av omsättningen"));
	th(sb, TR(lang, "Share of potential", "Andel av potentialen"));
	strbuf_puts(sb, "</tr>\n");
	for (int c = 0; c < ncat; c++) {
		strbuf_puts(sb, "<tr>");
		td(sb, analysis_cat_label(c, lang));
		td_int(sb, a->team.cat[c].visits, lang);
		td_pct(sb, analysis_visit_share(&a->team, c), lang);
		td_num(sb, a->team.cat[c].hours, 0, lang);
		td_num(sb, a->team.cat[c].km, 0, lang);
		if (c < CAT_COUNT) {
			td_pct(sb, a->cat[c].revenue_share, lang);
			td_pct(sb, a->cat[c].potential_share, lang);
		} else {
			strbuf_puts(sb, "<td></td><td></td>");
		}
		strbuf_puts(sb, "</tr>\n");
	}
	strbuf_puts(sb, "</table>\n");
}

static void contact(struct strbuf *sb, const struct analysis *a, enum lang lang)
{
	strbuf_printf(sb, "<h3>%s</h3>\n", TR(lang, "2. Customer-contact time", "2. Tid i kundkontakt"));
	if (a->team.active) {
		char n[32];
		strbuf_printf(sb, TR(lang, "<p>The team spent <b>%s of every 100 working hours</b> in customer contact "
					   "(visits, calls and meetings; travel is not contact).</p>\n",
				     "<p>Teamet ägnade <b>%s av 100 arbetstimmar</b> åt kundkontakt "
				     "(besök, samtal och möten; restid räknas inte).</p>\n"),
			      fmt_num(n, sizeof(n), 100.0 * analysis_contact_share(&a->team), 0, lang));
	}
	strbuf_puts(sb, "<table><tr>");
	th(sb, TR(lang, "Seller", "Säljare"));
	th(sb, TR(lang, "Contact hours", "Kontakttimmar"));
	th(sb, TR(lang, "Working hours", "Arbetstimmar"));
	th(sb, TR(lang, "Share", "Andel"));
	th(sb, "");
	strbuf_puts(sb, "</tr>\n");
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (!s->active)
			continue;
		double share = analysis_contact_share(s);
		char p[32];
		strbuf_puts(sb, s->seller < 0 ? "<tr class=\"team\">" : "<tr>");
		td(sb, analysis_seller_name(a, s->seller, lang));
		td_num(sb, s->contact_hours, 0, lang);
		td_num(sb, s->working_hours, 0, lang);
		td(sb, fmt_pct(p, sizeof(p), share, 1, lang));
		strbuf_printf(sb, "<td><span class=\"meter\"><b style=\"width:%.1f%%\"></b></span></td></tr>\n",
			      fmin(100.0, 100.0 * share));
	}
	strbuf_puts(sb, "</table>\n");
}

static void order_value(struct strbuf *sb, const struct analysis *a, enum lang lang)
{
	char h[96];
	strbuf_printf(sb, "<h3>%s</h3>\n", TR(lang, "3. Order value", "3. Ordervärde"));
	strbuf_puts(sb, "<table><tr>");
	th(sb, TR(lang, "Category", "Kategori"));
	th(sb, TR(lang, "Orders", "Order"));
	th(sb, TR(lang, "Average order", "Snittorder"));
	th(sb, TR(lang, "Visits", "Besök"));
	snprintf(h, sizeof(h), TR(lang, "Orders ≤ %d days after a visit", "Order ≤ %d dagar efter besök"),
		 a->p.attribution_days);
	th(sb, h);
	th(sb, TR(lang, "Their value", "Deras värde"));
	th(sb, TR(lang, "Per visit", "Per besök"));
	th(sb, TR(lang, "Per visit hour", "Per besökstimme"));
	strbuf_puts(sb, "</tr>\n");
	for (int c = 0; c <= AN_NCAT; c++) {
		const struct an_category *k = c < AN_NCAT ? &a->cat[c] : &a->all;
		if (c == AN_NONE && k->orders == 0 && k->visits == 0)
			continue;
		strbuf_puts(sb, c == AN_NCAT ? "<tr class=\"team\">" : "<tr>");
		td(sb, c < AN_NCAT ? analysis_cat_label(c, lang) : TR(lang, "All", "Alla"));
		td_int(sb, k->orders, lang);
		td_money(sb, analysis_avg_order(k), lang);
		td_int(sb, k->visits, lang);
		td_int(sb, k->attributed_orders, lang);
		td_money(sb, k->attributed_value, lang);
		td_money(sb, llround(analysis_value_per_visit(k)), lang);
		td_money(sb, llround(analysis_value_per_hour(k)), lang);
		strbuf_puts(sb, "</tr>\n");
	}
	strbuf_puts(sb, "</table>\n");
}

static void coverage(struct strbuf *sb, const struct analysis *a, enum lang lang)
{
	int ncat = a->cat[AN_NONE].customers > 0 ? AN_NCAT : CAT_COUNT;
	strbuf_printf(sb, "<h3>%s</h3>\n", TR(lang, "4. Coverage gaps: customers without any contact in the period",
					      "4. Täckningsluckor: kunder utan någon kontakt under perioden"));
	strbuf_puts(sb, "<table><tr>");
	th(sb, TR(lang, "Owner", "Ansvarig"));
	for (int c = 0; c < ncat; c++)
		th(sb, analysis_cat_label(c, lang));
	strbuf_puts(sb, "</tr>\n");
	for (size_t i = 0; i <= a->nsellers + 1; i++) {
		const struct an_owner *o = i < a->nsellers ? a->sellers[i].own : i == a->nsellers ? a->noowner : a->team.own;
		int64_t owned = 0;
		for (int c = 0; c < AN_NCAT; c++)
			owned += o[c].customers;
		if (owned == 0)
			continue;
		strbuf_puts(sb, i > a->nsellers ? "<tr class=\"team\">" : "<tr>");
		td(sb, i < a->nsellers ? analysis_seller_name(a, (int32_t)i, lang)
		       : i == a->nsellers ? TR(lang, "(no owner)", "(ingen ansvarig)")
					  : TR(lang, "All", "Alla"));
		for (int c = 0; c < ncat; c++) {
			char x[32], y[32], p[32];
			if (o[c].customers == 0) {
				td(sb, "–");
				continue;
			}
			strbuf_printf(sb, "<td>%s / %s (%s)</td>", fmt_int(x, sizeof(x), o[c].uncontacted, lang),
				      fmt_int(y, sizeof(y), o[c].customers, lang),
				      fmt_pct(p, sizeof(p), (double)o[c].uncontacted / (double)o[c].customers, 0, lang));
		}
		strbuf_puts(sb, "</tr>\n");
	}
	strbuf_puts(sb, "</table>\n");
	strbuf_printf(sb, "<p class=\"note\">%s</p>\n",
		      TR(lang, "Uncontacted / customers owned. <code>fokus uncontacted</code> lists them.",
			 "Utan kontakt / egna kunder. <code>fokus uncontacted</code> listar dem."));
}

static void record_text(struct strbuf *sb, const struct an_seller *s, enum lang lang)
{
	if (s->best_in_weeks <= 0)
		return;
	if (s->best_of_period)
		strbuf_printf(sb, TR(lang, "best of the %d weeks", "bäst på alla %d veckor"), s->best_in_weeks);
	else
		strbuf_printf(sb, TR(lang, "best in %d weeks", "bäst på %d veckor"), s->best_in_weeks);
}

static void bookings(struct strbuf *sb, const struct analysis *a, enum lang lang)
{
	char w[9], w2[9];
	strbuf_printf(sb, "<h3>%s</h3>\n", TR(lang, "5. Booking frequency: meetings booked per ISO week",
					      "5. Bokningsfrekvens: bokade möten per ISO-vecka"));
	if (a->team.meetings_booked == 0) {
		strbuf_printf(sb, "<p>%s</p>\n", TR(lang, "No meetings booked in the period.", "Inga bokade möten under perioden."));
		return;
	}
	const struct an_seller *t = &a->team;
	if (t->best_in_weeks > 0) {
		strbuf_puts(sb, "<p><b>");
		strbuf_puts(sb, TR(lang, "The latest 2 weeks: the team's ", "De senaste 2 veckorna: teamets "));
		record_text(sb, t, lang);
		strbuf_puts(sb, TR(lang, " (booking frequency).", " (bokningsfrekvens)."));
		strbuf_puts(sb, "</b></p>\n");
	}
	int64_t max = 1;
	for (int i = 0; i < a->nweeks; i++)
		if (t->weekly[i] > max)
			max = t->weekly[i];
	strbuf_puts(sb, "<div class=\"weeks\">");
	for (int i = 0; i < a->nweeks; i++) {
		const char *cls = i == t->best_week ? " class=\"best\"" : i >= a->nweeks - 2 ? " class=\"latest\"" : "";
		strbuf_printf(sb, "<div%s style=\"height:%.1f%%\" title=\"%s: %lld\"></div>", cls,
			      100.0 * (double)t->weekly[i] / (double)max, analysis_week_label(a, i, w),
			      (long long)t->weekly[i]);
	}
	strbuf_printf(sb, "</div><div class=\"axis\"><span>%s</span><span>%s</span></div>\n",
		      analysis_week_label(a, 0, w), analysis_week_label(a, a->nweeks - 1, w2));
	strbuf_printf(sb, "<p class=\"note\">%s</p>\n",
		      TR(lang, "Team, meetings booked per week; orange: the best week, green: the latest 2 weeks.",
			 "Teamet, bokade möten per vecka; orange: bästa veckan, grönt: de senaste 2 veckorna."));
	strbuf_puts(sb, "<table><tr>");
	th(sb, TR(lang, "Seller", "Säljare"));
	th(sb, TR(lang, "Meetings", "Möten"));
	th(sb, TR(lang, "Per week", "Per vecka"));
	th(sb, TR(lang, "Best week", "Bästa vecka"));
	th(sb, TR(lang, "Latest 2 weeks", "Senaste 2 veckorna"));
	th(sb, TR(lang, "Record", "Rekord"));
	strbuf_puts(sb, "</tr>\n");
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : t;
		if (s->meetings_booked == 0)
			continue;
		char n[32];
		strbuf_puts(sb, s->seller < 0 ? "<tr class=\"team\">" : "<tr>");
		td(sb, analysis_seller_name(a, s->seller, lang));
		td_int(sb, s->meetings_booked, lang);
		td_num(sb, analysis_bookings_per_week(a, s), 1, lang);
		strbuf_printf(sb, "<td>%s (%s)</td>", analysis_week_label(a, s->best_week, w),
			      fmt_int(n, sizeof(n), s->weekly[s->best_week], lang));
		td_int(sb, s->latest2, lang);
		strbuf_puts(sb, "<td>");
		record_text(sb, s, lang);
		strbuf_puts(sb, "</td></tr>\n");
	}
	strbuf_puts(sb, "</table>\n");
}

static void honesty(struct strbuf *sb, const struct analysis *a, enum lang lang)
{
	char n[32], u[32], c[32], s[32];
	strbuf_printf(sb, "<h3>%s</h3>\n<p class=\"note\">", TR(lang, "What the figures rest on", "Vad siffrorna bygger på"));
	strbuf_printf(sb,
		      TR(lang, "%s activities in the period, %s used. Left out of every figure: %s naming an unknown "
			       "customer, %s naming an unknown seller. ",
			 "%s aktiviteter under perioden, %s används. Utelämnade ur alla siffror: %s med okänd kund, "
			 "%s med okänd säljare. "),
		      fmt_int(n, sizeof(n), a->act_period, lang), fmt_int(u, sizeof(u), a->act_used, lang),
		      fmt_int(c, sizeof(c), a->act_unknown_customer, lang),
		      fmt_int(s, sizeof(s), a->act_unknown_seller, lang));
	strbuf_printf(sb,
		      TR(lang, "Orders count as following a visit when dated 0–%d days after it. Formulas and examples: "
			       "docs/analysis.md.</p>\n",
			 "En order räknas som följd av ett besök när den är daterad 0–%d dagar efter det. Formler och "
			 "exempel: docs/analysis.md.</p>\n"),
		      a->p.attribution_days);
}

void analysis_html_section(struct strbuf *sb, const struct analysis *a, int64_t snapshot, enum lang lang)
{
	strbuf_puts(sb, "<section class=\"fk-an\">\n");
	strbuf_puts(sb, style);
	header(sb, a, snapshot, lang);
	findings(sb, a, lang);
	visits(sb, a, lang);
	contact(sb, a, lang);
	order_value(sb, a, lang);
	coverage(sb, a, lang);
	bookings(sb, a, lang);
	honesty(sb, a, lang);
	strbuf_puts(sb, "</section>\n");
}

void analysis_html_page(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb,
		      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n"
		      "<style>body{margin:24px;background:#fff}</style>\n</head>\n<body>\n",
		      lang == LANG_SV ? "sv" : "en", TR(lang, "fokus — activity analysis", "fokus — aktivitetsanalys"));
	analysis_html_section(&sb, a, snapshot, lang);
	strbuf_puts(&sb, "</body>\n</html>\n");
	fwrite(strbuf_cstr(&sb), 1, sb.len, f);
	strbuf_free(&sb);
}
