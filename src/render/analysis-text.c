/* analysis-text.c — the activity diagnosis for the terminal: the findings
 * first, then one table per section of docs/analysis.md, then what was
 * left out and why. Labels come in pairs (English, Swedish); numbers go
 * through util/i18n so Swedish output has Swedish formats. */
#include "render/analysis-text.h"
#include "render/table.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NC 12 /* most columns of any table here */

/* A row under construction: up to NC cells, each with its own buffer. */
struct row {
	char buf[NC][96];
	const char *cell[NC];
	int n;
};

static void row_start(struct row *r)
{
	r->n = 0;
}

static char *row_next(struct row *r)
{
	r->cell[r->n] = r->buf[r->n];
	r->buf[r->n][0] = '\0';
	return r->buf[r->n++];
}

static void put(struct row *r, const char *s)
{
	snprintf(row_next(r), sizeof(r->buf[0]), "%s", s ? s : "");
}

static void put_int(struct row *r, int64_t v, enum lang lang)
{
	fmt_int(row_next(r), sizeof(r->buf[0]), v, lang);
}

static void put_num(struct row *r, double v, int dec, enum lang lang)
{
	fmt_num(row_next(r), sizeof(r->buf[0]), v, dec, lang);
}

static void put_pct(struct row *r, double v, enum lang lang)
{
	fmt_pct(row_next(r), sizeof(r->buf[0]), v, 0, lang);
}

static void put_money(struct row *r, int64_t minor, enum lang lang)
{
	fmt_money(row_next(r), sizeof(r->buf[0]), minor, lang);
}

static void put_row(struct table *t, struct row *r)
{
	table_row(t, r->cell);
}

/* Short column heads for the categories. */
static const char *cat_head(int c, enum lang lang)
{
	static const char *const en[AN_NCAT] = {"Cat 1", "Cat 2R", "Cat 2P", "Cat 3", "Not cat."};
	static const char *const sv[AN_NCAT] = {"Kat 1", "Kat 2R", "Kat 2P", "Kat 3", "Ej kat."};
	return lang == LANG_SV ? sv[c] : en[c];
}

static bool has_uncategorized_visits(const struct analysis *a)
{
	return a->team.cat[AN_NONE].visits > 0;
}

static void heading(FILE *f, const char *title)
{
	fprintf(f, "\n%s\n", title);
}

static void print_header(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang)
{
	char from[11], to[11];
	days_iso(a->p.from, from);
	days_iso(a->p.to, to);
	fprintf(f, "%s %s – %s (%d %s)", TR(lang, "Activity analysis", "Aktivitetsanalys"), from,
	        to, (int)a->days, TR(lang, "days", "dagar"));
	if (snapshot > 0)
		fprintf(f,
		        TR(lang, ", categories from snapshot %lld",
		           ", kategorier från ögonblicksbild %lld"),
		        (long long)snapshot);
	fputc('\n', f);
}

void analysis_text_findings(FILE *f, const struct analysis *a, enum lang lang)
{
	for (int i = 0; i < a->nfindings; i++) {
		char *t = analysis_finding_text(a, &a->findings[i], lang);
		char m[64];
		fprintf(f, "  %d. %s — %s %s\n", i + 1, t, TR(lang, "at stake", "på spel"),
		        fmt_money(m, sizeof(m), a->findings[i].amount, lang));
		free(t);
	}
}

static void print_findings(FILE *f, const struct analysis *a, enum lang lang)
{
	heading(f, TR(lang, "Findings, ranked by money at stake",
	              "Iakttagelser, ordnade efter belopp som står på spel"));
	if (a->nfindings == 0) {
		fprintf(f, "  %s\n",
		        TR(lang,
		           "None: no category-3 skew and no unvisited customers of categories 1, "
		           "2R or 2P.",
		           "Inga: ingen slagsida mot kategori 3 och inga obesökta kunder i "
		           "kategori 1, 2R eller 2P."));
		return;
	}
	analysis_text_findings(f, a, lang);
}

/* 1. Where visits go: the shares per seller, then the team with the money shares. */
static void print_visit_shares(FILE *f, const struct analysis *a, enum lang lang)
{
	int ncat = has_uncategorized_visits(a) ? AN_NCAT : CAT_COUNT;
	char limit[32];
	fmt_pct(limit, sizeof(limit), a->p.cat3_limit, 0, lang);
	heading(f, TR(lang, "1. Where the visits go (share of each seller's visits)",
	              "1. Vart besöken går (andel av säljarens besök)"));
	struct table *t = table_new(ncat + 5, "lrrrrrrrrrr");
	struct row r;
	row_start(&r);
	put(&r, TR(lang, "Seller", "Säljare"));
	put(&r, TR(lang, "Visits", "Besök"));
	for (int c = 0; c < ncat; c++)
		put(&r, cat_head(c, lang));
	put(&r, TR(lang, "Hours", "Timmar"));
	put(&r, "Km");
	snprintf(row_next(&r), sizeof(r.buf[0]), "%s > %s", cat_head(CAT_3, lang), limit);
	put_row(t, &r);
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (i < a->nsellers && s->total.visits == 0)
			continue;
		row_start(&r);
		put(&r, analysis_seller_name(a, s->seller, lang));
		put_int(&r, s->total.visits, lang);
		for (int c = 0; c < ncat; c++)
			put_pct(&r, analysis_visit_share(s, c), lang);
		put_num(&r, s->total.hours, 0, lang);
		put_num(&r, s->total.km, 0, lang);
		put(&r, s->cat3_flag ? TR(lang, "FLAG", "FLAGGA") : "");
		put_row(t, &r);
	}
	row_start(&r);
	put(&r, TR(lang, "Share of revenue", "Andel av omsättningen"));
	put(&r, "");
	for (int c = 0; c < ncat; c++)
		c < CAT_COUNT ? put_pct(&r, a->cat[c].revenue_share, lang) : put(&r, "");
	put(&r, "");
	put(&r, "");
	put(&r, "");
	put_row(t, &r);
	row_start(&r);
	put(&r, TR(lang, "Share of potential", "Andel av potentialen"));
	put(&r, "");
	for (int c = 0; c < ncat; c++)
		c < CAT_COUNT ? put_pct(&r, a->cat[c].potential_share, lang) : put(&r, "");
	put(&r, "");
	put(&r, "");
	put(&r, "");
	put_row(t, &r);
	table_print(t, f, 1);
	table_free(t);
}

/* 1 (detail): visits, share, hours and km per category, per seller and team. */
static void print_visit_detail(FILE *f, const struct analysis *a, enum lang lang)
{
	int ncat = has_uncategorized_visits(a) ? AN_NCAT : CAT_COUNT;
	heading(f, TR(lang, "Visits, hours (visit + travel) and km per category",
	              "Besök, timmar (besök + restid) och km per kategori"));
	struct table *t = table_new(6, "llrrrr");
	struct row r;
	row_start(&r);
	put(&r, TR(lang, "Seller", "Säljare"));
	put(&r, TR(lang, "Category", "Kategori"));
	put(&r, TR(lang, "Visits", "Besök"));
	put(&r, TR(lang, "Share", "Andel"));
	put(&r, TR(lang, "Hours", "Timmar"));
	put(&r, "Km");
	put_row(t, &r);
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (i < a->nsellers && s->total.visits == 0)
			continue;
		for (int c = 0; c < ncat; c++) {
			row_start(&r);
			put(&r, c == 0 ? analysis_seller_name(a, s->seller, lang) : "");
			put(&r, analysis_cat_label(c, lang));
			put_int(&r, s->cat[c].visits, lang);
			put_pct(&r, analysis_visit_share(s, c), lang);
			put_num(&r, s->cat[c].hours, 1, lang);
			put_num(&r, s->cat[c].km, 0, lang);
			put_row(t, &r);
		}
	}
	table_print(t, f, 1);
	table_free(t);
}

/* 2. Customer-contact time. */
static void print_contact(FILE *f, const struct analysis *a, enum lang lang)
{
	heading(f,
	        TR(lang,
	           "2. Customer-contact time (visits, calls and meetings; travel is not contact)",
	           "2. Tid i kundkontakt (besök, samtal och möten; restid är inte kontakt)"));
	struct table *t = table_new(5, "lrrrr");
	struct row r;
	row_start(&r);
	put(&r, TR(lang, "Seller", "Säljare"));
	put(&r, TR(lang, "Contact hours", "Kontakttimmar"));
	put(&r, TR(lang, "Working hours", "Arbetstimmar"));
	put(&r, TR(lang, "Share", "Andel"));
	put(&r, TR(lang, "Of 100 hours", "Av 100 timmar"));
	put_row(t, &r);
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (!s->active)
			continue;
		row_start(&r);
		put(&r, analysis_seller_name(a, s->seller, lang));
		put_num(&r, s->contact_hours, 0, lang);
		put_num(&r, s->working_hours, 0, lang);
		fmt_pct(row_next(&r), sizeof(r.buf[0]), analysis_contact_share(s), 1, lang);
		put_num(&r, 100.0 * analysis_contact_share(s), 0, lang);
		put_row(t, &r);
	}
	table_print(t, f, 1);
	table_free(t);
	if (a->team.active) {
		char n[32];
		fmt_num(n, sizeof(n), 100.0 * analysis_contact_share(&a->team), 0, lang);
		fprintf(f,
		        TR(lang,
		           "The team spent %s of every 100 working hours in customer contact.\n",
		           "Teamet ägnade %s av 100 arbetstimmar åt kundkontakt.\n"),
		        n);
	}
}

/* 3. Order value per category. */
static void print_order_value(FILE *f, const struct analysis *a, enum lang lang)
{
	char head[96];
	heading(f, TR(lang, "3. Order value per category", "3. Ordervärde per kategori"));
	struct table *t = table_new(9, "lrrrrrrrr");
	struct row r;
	row_start(&r);
	put(&r, TR(lang, "Category", "Kategori"));
	put(&r, TR(lang, "Orders", "Order"));
	put(&r, TR(lang, "Avg order", "Snittorder"));
	put(&r, TR(lang, "Visits", "Besök"));
	put(&r, TR(lang, "Visit hours", "Besökstimmar"));
	snprintf(head, sizeof(head), TR(lang, "Orders <= %d d after", "Order <= %d d efter"),
	         a->p.attribution_days);
	put(&r, head);
	put(&r, TR(lang, "Their value", "Deras värde"));
	put(&r, TR(lang, "Per visit", "Per besök"));
	put(&r, TR(lang, "Per visit hour", "Per besökstimme"));
	put_row(t, &r);
	for (int c = 0; c <= AN_NCAT; c++) {
		const struct an_category *k = c < AN_NCAT ? &a->cat[c] : &a->all;
		if (c == AN_NONE && k->orders == 0 && k->visits == 0)
			continue;
		row_start(&r);
		put(&r, c < AN_NCAT ? analysis_cat_label(c, lang) : TR(lang, "All", "Alla"));
		put_int(&r, k->orders, lang);
		put_money(&r, analysis_avg_order(k), lang);
		put_int(&r, k->visits, lang);
		put_num(&r, k->visit_hours, 0, lang);
		put_int(&r, k->attributed_orders, lang);
		put_money(&r, k->attributed_value, lang);
		put_money(&r, llround(analysis_value_per_visit(k)), lang);
		put_money(&r, llround(analysis_value_per_hour(k)), lang);
		put_row(t, &r);
	}
	table_print(t, f, 1);
	table_free(t);
}

static void put_of(struct row *r, int64_t n, int64_t of, enum lang lang)
{
	char x[32], y[32];
	if (of == 0) {
		put(r, "–");
		return;
	}
	snprintf(row_next(r), sizeof(r->buf[0]), "%s / %s", fmt_int(x, sizeof(x), n, lang),
	         fmt_int(y, sizeof(y), of, lang));
}

/* 4. Coverage gaps. */
static void print_coverage(FILE *f, const struct analysis *a, enum lang lang)
{
	heading(f, TR(lang, "4. Coverage gaps: customers with no contact of any kind in the period",
	              "4. Täckningsluckor: kunder utan någon kontakt alls under perioden"));
	struct table *t = table_new(4, "lrrr");
	struct row r;
	row_start(&r);
	put(&r, TR(lang, "Category", "Kategori"));
	put(&r, TR(lang, "Customers", "Kunder"));
	put(&r, TR(lang, "Uncontacted", "Utan kontakt"));
	put(&r, TR(lang, "Share", "Andel"));
	put_row(t, &r);
	for (int c = 0; c <= AN_NCAT; c++) {
		const struct an_category *k = c < AN_NCAT ? &a->cat[c] : &a->all;
		if (c == AN_NONE && k->customers == 0)
			continue;
		row_start(&r);
		put(&r, c < AN_NCAT ? analysis_cat_label(c, lang) : TR(lang, "All", "Alla"));
		put_int(&r, k->customers, lang);
		put_int(&r, k->uncontacted, lang);
		put_pct(&r, k->customers ? (double)k->uncontacted / (double)k->customers : 0, lang);
		put_row(t, &r);
	}
	table_print(t, f, 1);
	table_free(t);

	bool none = a->cat[AN_NONE].customers > 0;
	int ncat = none ? AN_NCAT : CAT_COUNT;
	fprintf(f, "\n%s\n",
	        TR(lang, "Uncontacted of owned customers, per seller",
	           "Utan kontakt av egna kunder, per säljare"));
	t = table_new(ncat + 1, "lrrrrr");
	row_start(&r);
	put(&r, TR(lang, "Seller", "Säljare"));
	for (int c = 0; c < ncat; c++)
		put(&r, cat_head(c, lang));
	put_row(t, &r);
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_owner *o = i < a->nsellers ? a->sellers[i].own : a->noowner;
		int64_t owned = 0;
		for (int c = 0; c < AN_NCAT; c++)
			owned += o[c].customers;
		if (owned == 0)
			continue;
		row_start(&r);
		put(&r, i < a->nsellers ? analysis_seller_name(a, (int32_t)i, lang)
		                        : TR(lang, "(no owner)", "(ingen ansvarig)"));
		for (int c = 0; c < ncat; c++)
			put_of(&r, o[c].uncontacted, o[c].customers, lang);
		put_row(t, &r);
	}
	table_print(t, f, 1);
	table_free(t);
	fprintf(f, "%s\n",
	        TR(lang, "'fokus uncontacted' lists them.", "'fokus uncontacted' listar dem."));
}

static void put_record(struct row *r, const struct an_seller *s, enum lang lang)
{
	if (s->best_in_weeks <= 0) {
		put(r, "");
		return;
	}
	if (s->best_of_period)
		snprintf(row_next(r), sizeof(r->buf[0]),
		         TR(lang, "best of the %d weeks", "bäst på alla %d veckor"),
		         s->best_in_weeks);
	else
		snprintf(row_next(r), sizeof(r->buf[0]),
		         TR(lang, "best in %d weeks", "bäst på %d veckor"), s->best_in_weeks);
}

/* 5. Booking frequency. */
static void print_bookings(FILE *f, const struct analysis *a, enum lang lang)
{
	char w[9], lw[9];
	heading(f, TR(lang, "5. Booking frequency: meetings booked per ISO week",
	              "5. Bokningsfrekvens: bokade möten per ISO-vecka"));
	if (a->team.meetings_booked == 0) {
		fprintf(f, "  %s\n",
		        TR(lang, "No meetings booked in the period.",
		           "Inga bokade möten under perioden."));
		return;
	}
	struct table *t = table_new(7, "lrrlrrl");
	struct row r;
	row_start(&r);
	put(&r, TR(lang, "Seller", "Säljare"));
	put(&r, TR(lang, "Meetings", "Möten"));
	put(&r, TR(lang, "Per week", "Per vecka"));
	put(&r, TR(lang, "Best week", "Bästa vecka"));
	put(&r, TR(lang, "In it", "Möten då"));
	snprintf(row_next(&r), sizeof(r.buf[0]),
	         TR(lang, "Latest 2 weeks (%s+%s)", "Senaste 2 veckorna (%s+%s)"),
	         analysis_week_label(a, a->nweeks >= 2 ? a->nweeks - 2 : 0, w) + 5,
	         analysis_week_label(a, a->nweeks - 1, lw) + 5);
	put(&r, TR(lang, "Record", "Rekord"));
	put_row(t, &r);
	for (size_t i = 0; i <= a->nsellers; i++) {
		const struct an_seller *s = i < a->nsellers ? &a->sellers[i] : &a->team;
		if (s->meetings_booked == 0)
			continue;
		row_start(&r);
		put(&r, analysis_seller_name(a, s->seller, lang));
		put_int(&r, s->meetings_booked, lang);
		put_num(&r, analysis_bookings_per_week(a, s), 1, lang);
		put(&r, analysis_week_label(a, s->best_week, w));
		put_int(&r, s->weekly[s->best_week], lang);
		put_int(&r, s->latest2, lang);
		put_record(&r, s, lang);
		put_row(t, &r);
	}
	table_print(t, f, 1);
	table_free(t);
	/* The team's latest weeks as a bar chart. */
	int from = a->nweeks > 12 ? a->nweeks - 12 : 0;
	int64_t max = 1;
	for (int i = from; i < a->nweeks; i++)
		if (a->team.weekly[i] > max)
			max = a->team.weekly[i];
	fprintf(f, "\n%s\n", TR(lang, "Team, latest weeks", "Teamet, senaste veckorna"));
	for (int i = from; i < a->nweeks; i++) {
		int bar = (int)llround(30.0 * (double)a->team.weekly[i] / (double)max);
		fprintf(f, "  %s %5lld ", analysis_week_label(a, i, w),
		        (long long)a->team.weekly[i]);
		for (int k = 0; k < bar; k++)
			fputs("█", f);
		fputc('\n', f);
	}
	if (a->team.best_in_weeks > 0) {
		if (a->team.best_of_period)
			fprintf(f,
			        TR(lang,
			           "The latest 2 weeks are the team's best booking frequency of "
			           "the whole period (%d weeks).\n",
			           "De senaste 2 veckorna är teamets bästa bokningsfrekvens under "
			           "hela perioden (%d veckor).\n"),
			        a->team.best_in_weeks);
		else
			fprintf(f,
			        TR(lang,
			           "The latest 2 weeks are the team's best booking frequency in %d "
			           "weeks.\n",
			           "De senaste 2 veckorna är teamets bästa bokningsfrekvens på %d "
			           "veckor.\n"),
			        a->team.best_in_weeks);
	}
}

static void print_honesty(FILE *f, const struct analysis *a, enum lang lang)
{
	char n[32], u[32], c[32], s[32];
	heading(f, TR(lang, "What the figures rest on", "Vad siffrorna bygger på"));
	fmt_int(n, sizeof(n), a->act_period, lang);
	fmt_int(u, sizeof(u), a->act_used, lang);
	fmt_int(c, sizeof(c), a->act_unknown_customer, lang);
	fmt_int(s, sizeof(s), a->act_unknown_seller, lang);
	fprintf(f,
	        TR(lang,
	           "  %s activities in the period, %s used. Left out of every figure: %s naming an "
	           "unknown customer, %s naming an unknown seller.\n",
	           "  %s aktiviteter under perioden, %s används. Utelämnade ur alla siffror: %s "
	           "med okänd kund, %s med okänd säljare.\n"),
	        n, u, c, s);
	if (a->cat[AN_NONE].customers > 0) {
		fmt_int(n, sizeof(n), a->cat[AN_NONE].customers, lang);
		fprintf(f,
		        TR(lang,
		           "  %s customers are not in the snapshot (imported after it); they are "
		           "shown as \"Not categorized\".\n",
		           "  %s kunder finns inte i körningen (importerade efter den); de visas "
		           "som \"Ej kategoriserad\".\n"),
		        n);
	}
	char lim[32];
	fprintf(f,
	        TR(lang,
	           "  Category-3 limit %s, attribution window %d days, %s working hours a year "
	           "where a seller has none. Formulas: docs/analysis.md.\n",
	           "  Gräns för kategori 3 %s, attributionsfönster %d dagar, %s arbetstimmar per "
	           "år där säljaren saknar uppgift. Formler: docs/analysis.md.\n"),
	        fmt_pct(lim, sizeof(lim), a->p.cat3_limit, 0, lang), a->p.attribution_days,
	        fmt_num(n, sizeof(n), a->p.hours_per_year, 0, lang));
}

void analysis_text_print(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang)
{
	print_header(f, a, snapshot, lang);
	print_findings(f, a, lang);
	print_visit_shares(f, a, lang);
	print_visit_detail(f, a, lang);
	print_contact(f, a, lang);
	print_order_value(f, a, lang);
	print_coverage(f, a, lang);
	print_bookings(f, a, lang);
	print_honesty(f, a, lang);
}

/* ---- compare ---------------------------------------------------------------- */

const char *analysis_text_value(char *buf, size_t size, enum an_kind kind, double v, enum lang lang)
{
	switch (kind) {
	case AK_COUNT:
		return fmt_int(buf, size, llround(v), lang);
	case AK_SHARE:
		return fmt_pct(buf, size, v, 1, lang);
	case AK_MONEY:
		return fmt_money(buf, size, llround(v), lang);
	case AK_NUM:
		return fmt_num(buf, size, v, 1, lang);
	}
	return fmt_num(buf, size, v, 1, lang);
}

const char *analysis_text_change(char *buf, size_t size, enum an_kind kind, double before,
                                 double after, enum lang lang)
{
	char n[64];
	double d = after - before;
	const char *sign = d > 0 ? "+" : "";
	switch (kind) {
	case AK_SHARE:
		fmt_num(n, sizeof(n), 100.0 * d, 1, lang);
		snprintf(buf, size, "%s%s %s", sign, n, TR(lang, "pp", "procentenheter"));
		break;
	case AK_MONEY:
		snprintf(buf, size, "%s%s", sign, fmt_money(n, sizeof(n), llround(d), lang));
		break;
	default:
		snprintf(buf, size, "%s%s", sign, analysis_text_value(n, sizeof(n), kind, d, lang));
		break;
	}
	if (kind != AK_SHARE && before != 0 && isfinite(before)) {
		char p[32];
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, " (%s%s)", d > 0 ? "+" : "",
		         fmt_pct(p, sizeof(p), d / fabs(before), 0, lang));
	}
	return buf;
}

void analysis_text_compare(FILE *f, const struct analysis *b, const struct analysis *af,
                           const struct an_compare_row *rows, size_t n, enum lang lang)
{
	char b1[11], b2[11], a1[11], a2[11], head_b[64], head_a[64];
	snprintf(head_b, sizeof(head_b), "%s – %s", days_iso(b->p.from, b1), days_iso(b->p.to, b2));
	snprintf(head_a, sizeof(head_a), "%s – %s", days_iso(af->p.from, a1),
	         days_iso(af->p.to, a2));
	fprintf(f, "%s\n\n", TR(lang, "Before and after", "Före och efter"));
	struct table *t = table_new(4, "lrrr");
	struct row r;
	row_start(&r);
	put(&r, "");
	put(&r, head_b);
	put(&r, head_a);
	put(&r, TR(lang, "Change", "Förändring"));
	put_row(t, &r);
	for (size_t i = 0; i < n; i++) {
		const struct an_compare_row *x = &rows[i];
		row_start(&r);
		if (x->cat >= 0)
			snprintf(row_next(&r), sizeof(r.buf[0]), "%s, %s",
			         analysis_compare_label(x->key, lang),
			         analysis_cat_label(x->cat, lang));
		else
			put(&r, analysis_compare_label(x->key, lang));
		analysis_text_value(row_next(&r), sizeof(r.buf[0]), x->kind, x->before, lang);
		analysis_text_value(row_next(&r), sizeof(r.buf[0]), x->kind, x->after, lang);
		analysis_text_change(row_next(&r), sizeof(r.buf[0]), x->kind, x->before, x->after,
		                     lang);
		put_row(t, &r);
	}
	table_print(t, f, 1);
	table_free(t);
	fprintf(f, "\n%s\n",
	        TR(lang,
	           "Both periods use the same snapshot's categories. Formulas: docs/analysis.md.",
	           "Båda perioderna använder samma ögonblicksbilds kategorier. Formler: "
	           "docs/analysis.md."));
}
