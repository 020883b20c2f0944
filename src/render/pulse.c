/* pulse.c (render) — the weekly pulse for people and programs
 * (render/pulse.h). Every figure comes from struct pulse_report; this file
 * only lays it out. Names from the data are escaped in HTML. */
#include "render/html.h"
#include "render/pulse.h"
#include "render/adherence.h"
#include "render/svg.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KEYACC_SHOWN 10

static const char *const spark_chars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

static void spark(struct strbuf *out, const int64_t *v, int n)
{
	int64_t top = 0;
	for (int i = 0; i < n; i++)
		if (v[i] > top)
			top = v[i];
	for (int i = 0; i < n; i++)
		strbuf_puts(out,
		            spark_chars[top ? (int)lround(7.0 * (double)v[i] / (double)top) : 0]);
}

static const char *seller_name(const struct pulse_report *r, int32_t s, enum lang lang)
{
	if (s < 0)
		return TR(lang, "Team", "Teamet");
	const struct seller *x = &r->ds->sellers[s];
	return x->name && *x->name ? x->name : x->id;
}

static const struct pulse_bookings *focus(const struct pulse_report *r)
{
	return r->only >= 0 ? &r->book[r->only] : &r->team;
}

static const struct adh_seller *adh_focus(const struct pulse_report *r)
{
	return r->only >= 0 ? &r->adh.sellers[r->only] : &r->adh.team;
}

/* "the best in 14 weeks" / "bästa på 14 veckor", or "". */
static void best_phrase(char *b, size_t n, const struct pulse_bookings *x, enum lang lang)
{
	if (!x->best_in)
		b[0] = '\0';
	else if (x->best_of_history)
		snprintf(b, n, TR(lang, "the best of all %d weeks", "bästa av alla %d veckor"),
		         x->best_in);
	else
		snprintf(b, n, TR(lang, "the best in %d weeks", "bästa på %d veckor"), x->best_in);
}

char *pulse_title(const struct pulse_report *r, enum lang lang)
{
	char w[9], a[11], b[11];
	return xasprintf("%s %s (%s – %s)%s%s", TR(lang, "Weekly pulse", "Veckopuls"),
	                 days_iso_week_str(r->week, w), days_iso(r->week, a),
	                 days_iso(r->week + 6, b), r->only >= 0 ? " · " : "",
	                 r->only >= 0 ? seller_name(r, r->only, lang) : "");
}

char *pulse_subject(const struct pulse_report *r, enum lang lang)
{
	char w[9], best[64];
	const struct pulse_bookings *x = focus(r);
	best_phrase(best, sizeof(best), x, lang);
	return xasprintf(TR(lang, "Weekly pulse %s: %lld meetings booked%s%s",
	                    "Veckopuls %s: %lld bokade möten%s%s"),
	                 days_iso_week_str(r->week, w), (long long)x->week, *best ? ", " : "",
	                 best);
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

/* --- text ------------------------------------------------------------------- */

/* s cut to `width` characters (UTF-8) and padded with spaces to it. */
static void pad(struct strbuf *out, const char *s, int width)
{
	int w = 0;
	const char *p = s ? s : "";
	while (*p && w < width) {
		const char *q = p + 1;
		while ((*q & 0xC0) == 0x80)
			q++;
		strbuf_append(out, p, (size_t)(q - p));
		p = q;
		w++;
	}
	for (; w < width; w++)
		strbuf_putc(out, ' ');
}

static void t_pct(struct strbuf *out, double frac, enum lang lang)
{
	char b[24];
	if (isnan(frac))
		strbuf_puts(out, "-");
	else
		strbuf_puts(out, fmt_pct(b, sizeof(b), frac, 0, lang));
}

static void text_bookings_row(struct strbuf *out, const struct pulse_report *r,
                              const struct pulse_bookings *x, enum lang lang)
{
	char avg[24], best[64];
	best_phrase(best, sizeof(best), x, lang);
	strbuf_puts(out, "  ");
	pad(out, seller_name(r, x->seller, lang), 22);
	strbuf_printf(out, " %4lld  ", (long long)x->week);
	spark(out, x->spark, PULSE_SPARK);
	strbuf_printf(out, "  %s %s%s%s\n", TR(lang, "avg", "snitt"),
	              fmt_num(avg, sizeof(avg), x->avg, 1, lang), *best ? "  ← " : "", best);
}

void pulse_text(struct strbuf *out, const struct pulse_report *r, enum lang lang)
{
	char *title = pulse_title(r, lang), a[32], b[32];
	strbuf_printf(out, "%s\n\n", title);
	free(title);
	/* bookings */
	strbuf_printf(out, "%s\n",
	              TR(lang,
	                 "Meetings booked (the week, the last 13 weeks, the 12 weeks' average):",
	                 "Bokade möten (veckan, de senaste 13 veckorna, snittet för 12 veckor):"));
	if (r->only < 0)
		text_bookings_row(out, r, &r->team, lang);
	for (size_t s = 0; s < r->ds->nsellers; s++) {
		const struct pulse_bookings *x = &r->book[s];
		if ((r->only >= 0 && (int32_t)s != r->only) || (r->only < 0 && !x->week && !x->avg))
			continue;
		text_bookings_row(out, r, x, lang);
	}
	/* adherence */
	const struct adh_seller *ad = adh_focus(r);
	const struct adh_cell *c = &ad->total;
	strbuf_printf(out, "\n%s\n", TR(lang, "The plan this week:", "Planen den här veckan:"));
	strbuf_printf(out, "  %s %lld %s %s (", TR(lang, "visits", "besök"),
	              (long long)adh_done_visits(c), TR(lang, "of", "av"),
	              fmt_num(a, sizeof(a), adh_planned_visits(c), 1, lang));
	t_pct(out, ratio((double)adh_done_visits(c), adh_planned_visits(c)), lang);
	strbuf_printf(out, "), %s %lld; %s %lld %s %s; %s %lld\n",
	              TR(lang, "to category 3", "till kategori 3"),
	              (long long)c->done[ADH_VISITS + CAT_3], TR(lang, "calls", "samtal"),
	              (long long)c->done[ADH_CALLS], TR(lang, "of", "av"),
	              fmt_num(b, sizeof(b), c->planned[ADH_CALLS], 1, lang),
	              TR(lang, "newsletters", "nyhetsbrev"), (long long)c->done[ADH_NEWSLETTERS]);
	if (r->only < 0)
		for (size_t s = 0; s < r->adh.nsellers; s++) {
			const struct adh_seller *x = &r->adh.sellers[s];
			if (!x->active || adh_planned_visits(&x->total) <= 0)
				continue;
			char pl[24];
			strbuf_puts(out, "    ");
			pad(out, seller_name(r, (int32_t)s, lang), 22);
			strbuf_printf(
			    out, " %3lld / %5s  ", (long long)adh_done_visits(&x->total),
			    fmt_num(pl, sizeof(pl), adh_planned_visits(&x->total), 1, lang));
			t_pct(out,
			      ratio((double)adh_done_visits(&x->total),
			            adh_planned_visits(&x->total)),
			      lang);
			strbuf_putc(out, '\n');
		}
	/* key accounts */
	strbuf_printf(out,
	              TR(lang, "\nKey accounts whose next contact is overdue: %zu of %lld\n",
	                 "\nNyckelkunder vars nästa kontakt är försenad: %zu av %lld\n"),
	              r->nkeyacc, (long long)r->key_accounts);
	for (size_t i = 0; i < r->nkeyacc && i < KEYACC_SHOWN; i++) {
		const struct adh_overdue *o = &r->keyacc[i];
		const struct customer *cu = &r->ds->customers[o->cust];
		char d[11];
		strbuf_puts(out, "  ");
		pad(out, cu->id, 10);
		strbuf_putc(out, ' ');
		pad(out, cu->name, 30);
		strbuf_putc(out, ' ');
		pad(out, o->owner >= 0 ? seller_name(r, o->owner, lang) : "-", 18);
		strbuf_printf(out, " %s\n",
		              o->last == DAYS_NONE ? TR(lang, "never contacted", "aldrig kontaktad")
		                                   : days_iso(o->last, d));
	}
	/* movements */
	strbuf_printf(out, "\n%s\n", TR(lang, "Category movements:", "Kategoriförflyttningar:"));
	if (!r->moves.have) {
		strbuf_printf(out, "  %s\n",
		              TR(lang, "(one categorization so far: nothing to compare)",
		                 "(bara en kategorisering än: inget att jämföra)"));
	} else {
		strbuf_printf(out,
		              TR(lang,
		                 "  categorization %lld (%.10s) against %lld (%.10s): %lld up, "
		                 "%lld down, %lld between 2R and 2P\n",
		                 "  kategorisering %lld (%.10s) mot %lld (%.10s): %lld upp, %lld "
		                 "ned, %lld mellan 2R och 2P\n"),
		              (long long)r->moves.to_id, r->moves.to_at,
		              (long long)r->moves.from_id, r->moves.from_at, (long long)r->moves.up,
		              (long long)r->moves.down, (long long)r->moves.lateral);
		for (int k = 0; k < CAT_COUNT; k++) {
			int64_t in = 0, out_n = 0;
			for (int j = 0; j < CAT_COUNT; j++)
				if (j != k) {
					in += (int64_t)r->moves.m.moves[j][k];
					out_n += (int64_t)r->moves.m.moves[k][j];
				}
			if (in || out_n)
				strbuf_printf(out, "    %-2s  +%lld −%lld\n",
				              category_code((enum category)k), (long long)in,
				              (long long)out_n);
		}
	}
	/* findings */
	strbuf_printf(out, "\n%s\n", TR(lang, "Top findings:", "Viktigaste iakttagelserna:"));
	if (!r->nfindings)
		strbuf_printf(out, "  %s\n", TR(lang, "(none)", "(inga)"));
	for (int i = 0; i < r->nfindings; i++) {
		char m[48];
		strbuf_printf(out, "  %d. %s — %s %s\n", i + 1, r->findings[i].text[lang],
		              TR(lang, "at stake", "på spel"),
		              fmt_money(m, sizeof(m), r->findings[i].amount, lang));
	}
}

/* --- html ------------------------------------------------------------------- */

#define TH                                                                                         \
	"<th style=\"text-align:left;padding:4px 8px;border-bottom:1px solid "                     \
	"#dde2e8;color:#677380;font-weight:600\">"
#define THR                                                                                        \
	"<th style=\"text-align:right;padding:4px 8px;border-bottom:1px solid "                    \
	"#dde2e8;color:#677380;font-weight:600\">"
#define TD "<td style=\"padding:4px 8px;border-bottom:1px solid #eef1f4\">"
#define TDR                                                                                        \
	"<td style=\"padding:4px 8px;border-bottom:1px solid "                                     \
	"#eef1f4;text-align:right;white-space:nowrap\">"
#define H2 "<h2 style=\"font-size:17px;margin:22px 0 8px\">"
#define TABLE "<table style=\"border-collapse:collapse;font-size:14px\">"

static void h2(struct strbuf *o, const char *t)
{
	strbuf_puts(o, H2);
	html_esc_sb(o, t);
	strbuf_puts(o, "</h2>\n");
}

static void kpi(struct strbuf *o, const char *label, const char *value, const char *note)
{
	strbuf_puts(o, "<td style=\"padding:8px 12px;border:1px solid #dde2e8;border-radius:6px;"
	               "vertical-align:top\"><div style=\"font-size:12px;color:#677380\">");
	html_esc_sb(o, label);
	strbuf_puts(o, "</div><div style=\"font-size:22px;font-weight:700\">");
	html_esc_sb(o, value);
	strbuf_puts(o, "</div><div style=\"font-size:12px;color:#677380\">");
	html_esc_sb(o, note);
	strbuf_puts(o, "</div></td>\n");
}

static void html_pct(struct strbuf *o, double frac, enum lang lang)
{
	char b[24];
	html_esc_sb(o, isnan(frac) ? "-" : fmt_pct(b, sizeof(b), frac, 0, lang));
}

static void html_kpis(struct strbuf *o, const struct pulse_report *r, enum lang lang)
{
	const struct pulse_bookings *x = focus(r);
	const struct adh_cell *c = &adh_focus(r)->total;
	char v[48], n[160], a[32], b[32];
	strbuf_puts(o, "<table style=\"border-collapse:separate;border-spacing:6px\"><tr>\n");
	snprintf(v, sizeof(v), "%lld", (long long)x->week);
	best_phrase(n, sizeof(n), x, lang);
	if (!*n)
		snprintf(n, sizeof(n), TR(lang, "average %s a week", "snitt %s i veckan"),
		         fmt_num(a, sizeof(a), x->avg, 1, lang));
	kpi(o, TR(lang, "Meetings booked", "Bokade möten"), v, n);
	double f = ratio((double)adh_done_visits(c), adh_planned_visits(c));
	snprintf(v, sizeof(v), "%s", isnan(f) ? "-" : fmt_pct(a, sizeof(a), f, 0, lang));
	snprintf(n, sizeof(n), TR(lang, "%lld of %s planned visits", "%lld av %s planerade besök"),
	         (long long)adh_done_visits(c),
	         fmt_num(b, sizeof(b), adh_planned_visits(c), 1, lang));
	kpi(o, TR(lang, "Plan adherence", "Planföljsamhet"), v, n);
	snprintf(v, sizeof(v), "%zu", r->nkeyacc);
	snprintf(n, sizeof(n), TR(lang, "of %lld key accounts", "av %lld nyckelkunder"),
	         (long long)r->key_accounts);
	kpi(o, TR(lang, "Key accounts overdue", "Nyckelkunder försenade"), v, n);
	if (r->moves.have) {
		snprintf(v, sizeof(v), "+%lld / −%lld", (long long)r->moves.up,
		         (long long)r->moves.down);
		kpi(o, TR(lang, "Category moves", "Kategoriflyttar"), v,
		    TR(lang, "up / down", "upp / ned"));
	}
	strbuf_puts(o, "</tr></table>\n");
}

static void html_booking_row(struct strbuf *o, const struct pulse_report *r,
                             const struct pulse_bookings *x, enum lang lang)
{
	char a[24], best[64];
	best_phrase(best, sizeof(best), x, lang);
	strbuf_puts(o, "<tr>" TD);
	html_esc_sb(o, seller_name(r, x->seller, lang));
	strbuf_printf(o,
	              "</td>" TDR "<b>%lld</b></td>" TD "<span style=\"font-family:monospace;"
	              "letter-spacing:1px;color:#1f4e79\">",
	              (long long)x->week);
	spark(o, x->spark, PULSE_SPARK);
	strbuf_puts(o, "</span></td>" TDR);
	html_esc_sb(o, fmt_num(a, sizeof(a), x->avg, 1, lang));
	strbuf_puts(o, "</td>" TD "<span style=\"color:#1a7f5a;font-weight:600\">");
	html_esc_sb(o, best);
	strbuf_puts(o, "</span></td></tr>\n");
}

static void html_bookings(struct strbuf *o, const struct pulse_report *r, enum lang lang)
{
	h2(o, TR(lang, "Booking frequency", "Bokningsfrekvens"));
	strbuf_printf(
	    o, TABLE "<tr>" TH "%s</th>" THR "%s</th>" TH "%s</th>" THR "%s</th>" TH "</th></tr>\n",
	    TR(lang, "Seller", "Säljare"), TR(lang, "This week", "Veckan"),
	    TR(lang, "13 weeks", "13 veckor"), TR(lang, "Average", "Snitt"));
	if (r->only < 0)
		html_booking_row(o, r, &r->team, lang);
	for (size_t s = 0; s < r->ds->nsellers; s++) {
		const struct pulse_bookings *x = &r->book[s];
		if ((r->only >= 0 && (int32_t)s != r->only) || (r->only < 0 && !x->week && !x->avg))
			continue;
		html_booking_row(o, r, x, lang);
	}
	strbuf_puts(o, "</table>\n");
}

static void html_adherence(struct strbuf *o, const struct pulse_report *r, enum lang lang)
{
	h2(o, TR(lang, "The plan this week", "Planen den här veckan"));
	strbuf_printf(o,
	              TABLE "<tr>" TH "%s</th>" THR "%s</th>" THR "%%</th>" THR "%s</th>" THR
	                    "%s</th>" THR "%s</th></tr>\n",
	              TR(lang, "Seller", "Säljare"),
	              TR(lang, "Visits done / planned", "Besök gjort / planerat"),
	              TR(lang, "To cat. 3", "Till kat. 3"), TR(lang, "Calls", "Samtal"),
	              TR(lang, "Newsletters", "Nyhetsbrev"));
	for (size_t s = 0; s <= r->adh.nsellers; s++) {
		const struct adh_seller *x =
		    s < r->adh.nsellers ? &r->adh.sellers[s] : &r->adh.team;
		if (s < r->adh.nsellers && (r->only >= 0 ? (int32_t)s != r->only : !x->active))
			continue;
		if (s == r->adh.nsellers && r->only >= 0)
			continue;
		const struct adh_cell *c = &x->total;
		char p[24];
		strbuf_puts(o, "<tr>" TD);
		if (x->seller < 0)
			strbuf_puts(o, "<b>");
		html_esc_sb(o, seller_name(r, x->seller, lang));
		if (x->seller < 0)
			strbuf_puts(o, "</b>");
		strbuf_printf(o, "</td>" TDR "%lld / ", (long long)adh_done_visits(c));
		html_esc_sb(o, fmt_num(p, sizeof(p), adh_planned_visits(c), 1, lang));
		strbuf_puts(o, "</td>" TDR);
		html_pct(o, ratio((double)adh_done_visits(c), adh_planned_visits(c)), lang);
		strbuf_printf(o, "</td>" TDR "%lld</td>" TDR "%lld</td>" TDR "%lld</td></tr>\n",
		              (long long)c->done[ADH_VISITS + CAT_3], (long long)c->done[ADH_CALLS],
		              (long long)c->done[ADH_NEWSLETTERS]);
	}
	strbuf_puts(o, "</table>\n");
}

static void html_keyacc(struct strbuf *o, const struct pulse_report *r, enum lang lang)
{
	char t[160];
	snprintf(t, sizeof(t),
	         TR(lang, "Key accounts whose next contact is overdue (%zu)",
	            "Nyckelkunder vars nästa kontakt är försenad (%zu)"),
	         r->nkeyacc);
	h2(o, t);
	if (!r->nkeyacc) {
		strbuf_puts(o, "<p>");
		html_esc_sb(o, TR(lang, "None: every key account has had its contact.",
		                  "Inga: alla nyckelkunder har fått sin kontakt."));
		strbuf_puts(o, "</p>\n");
		return;
	}
	strbuf_printf(o, TABLE "<tr>" TH "%s</th>" TH "%s</th>" TH "%s</th>" TH "%s</th></tr>\n",
	              TR(lang, "Customer", "Kund"), TR(lang, "Responsible", "Ansvarig"),
	              TR(lang, "Last contact", "Senaste kontakt"), TR(lang, "Due", "Förföll"));
	for (size_t i = 0; i < r->nkeyacc && i < KEYACC_SHOWN; i++) {
		const struct adh_overdue *x = &r->keyacc[i];
		const struct customer *cu = &r->ds->customers[x->cust];
		char d[11];
		strbuf_puts(o, "<tr>" TD);
		html_esc_sb(o, cu->name ? cu->name : cu->id);
		strbuf_puts(o, " <span style=\"color:#677380\">");
		html_esc_sb(o, cu->id);
		strbuf_puts(o, "</span></td>" TD);
		html_esc_sb(o, x->owner >= 0 ? seller_name(r, x->owner, lang) : "-");
		strbuf_puts(o, "</td>" TD);
		html_esc_sb(o, x->last == DAYS_NONE ? TR(lang, "never", "aldrig")
		                                    : days_iso(x->last, d));
		strbuf_puts(o, "</td>" TD);
		html_esc_sb(o, x->last == DAYS_NONE ? "-" : days_iso(x->due, d));
		strbuf_puts(o, "</td></tr>\n");
	}
	strbuf_puts(o, "</table>\n");
	if (r->nkeyacc > KEYACC_SHOWN) {
		strbuf_printf(o, "<p style=\"color:#677380\">");
		snprintf(t, sizeof(t), TR(lang, "and %zu more", "och %zu till"),
		         r->nkeyacc - KEYACC_SHOWN);
		html_esc_sb(o, t);
		strbuf_puts(o, "</p>\n");
	}
}

static void html_moves(struct strbuf *o, const struct pulse_report *r, enum lang lang)
{
	h2(o, TR(lang, "Category movements", "Kategoriförflyttningar"));
	char t[256];
	if (!r->moves.have) {
		strbuf_puts(o, "<p>");
		html_esc_sb(o, TR(lang, "One categorization so far: nothing to compare.",
		                  "Bara en kategorisering än: inget att jämföra."));
		strbuf_puts(o, "</p>\n");
		return;
	}
	snprintf(t, sizeof(t),
	         TR(lang,
	            "Categorization %lld (%.10s) against %lld (%.10s): %lld up, %lld down, %lld "
	            "between 2R and 2P.",
	            "Kategorisering %lld (%.10s) mot %lld (%.10s): %lld upp, %lld ned, %lld mellan "
	            "2R och 2P."),
	         (long long)r->moves.to_id, r->moves.to_at, (long long)r->moves.from_id,
	         r->moves.from_at, (long long)r->moves.up, (long long)r->moves.down,
	         (long long)r->moves.lateral);
	strbuf_puts(o, "<p>");
	html_esc_sb(o, t);
	strbuf_puts(o, "</p>\n" TABLE "<tr>" TH "</th>");
	for (int k = 0; k < CAT_COUNT; k++)
		strbuf_printf(o, THR "→ %s</th>", category_code((enum category)k));
	strbuf_puts(o, "</tr>\n");
	for (int a = 0; a < CAT_COUNT; a++) {
		strbuf_printf(o,
		              "<tr>" TD
		              "<span style=\"display:inline-block;padding:0 6px;border-radius:8px;"
		              "color:#fff;background:%s\">%s</span></td>",
		              svg_category_color(a), category_code((enum category)a));
		for (int b = 0; b < CAT_COUNT; b++)
			strbuf_printf(o, TDR "%s%zu%s</td>",
			              a == b ? "<span style=\"color:#677380\">" : "<b>",
			              r->moves.m.moves[a][b], a == b ? "</span>" : "</b>");
		strbuf_puts(o, "</tr>\n");
	}
	strbuf_puts(o, "</table>\n");
}

static void html_findings(struct strbuf *o, const struct pulse_report *r, enum lang lang)
{
	h2(o, TR(lang, "Top findings", "Viktigaste iakttagelserna"));
	if (!r->nfindings) {
		strbuf_puts(o, "<p>");
		html_esc_sb(o, TR(lang, "None.", "Inga."));
		strbuf_puts(o, "</p>\n");
		return;
	}
	strbuf_puts(o, "<ol>\n");
	for (int i = 0; i < r->nfindings; i++) {
		char m[48];
		strbuf_puts(o, "<li style=\"margin:4px 0\">");
		html_esc_sb(o, r->findings[i].text[lang]);
		strbuf_puts(o, " — <b>");
		html_esc_sb(o, TR(lang, "at stake ", "på spel "));
		html_esc_sb(o, fmt_money(m, sizeof(m), r->findings[i].amount, lang));
		strbuf_puts(o, "</b></li>\n");
	}
	strbuf_puts(o, "</ol>\n");
}

void pulse_html(struct strbuf *out, const struct pulse_report *r, enum lang lang)
{
	char *title = pulse_title(r, lang);
	strbuf_puts(out, "<h1 style=\"font-size:21px;margin:0 0 10px\">");
	html_esc_sb(out, title);
	strbuf_puts(out, "</h1>\n");
	free(title);
	html_kpis(out, r, lang);
	html_bookings(out, r, lang);
	html_adherence(out, r, lang);
	html_keyacc(out, r, lang);
	html_moves(out, r, lang);
	html_findings(out, r, lang);
}

/* --- json ------------------------------------------------------------------- */

static json_t *date_json(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

static json_t *booking_json(const struct pulse_report *r, const struct pulse_bookings *x)
{
	json_t *o = json_object(), *w = json_array();
	json_object_set_new(o, "seller_id",
	                    json_string(x->seller < 0 ? "*" : r->ds->sellers[x->seller].id));
	json_object_set_new(o, "name", json_string(seller_name(r, x->seller, LANG_EN)));
	json_object_set_new(o, "meetings", json_integer(x->week));
	json_object_set_new(o, "average_12_weeks", json_real(round(x->avg * 100) / 100));
	json_object_set_new(o, "best_in_weeks", json_integer(x->best_in));
	json_object_set_new(o, "best_of_history", json_boolean(x->best_of_history));
	for (int k = 0; k < PULSE_SPARK; k++) {
		char lab[9];
		json_t *e = json_object();
		json_object_set_new(
		    e, "week",
		    json_string(days_iso_week_str(r->week - 7 * (PULSE_SPARK - 1 - k), lab)));
		json_object_set_new(e, "meetings", json_integer(x->spark[k]));
		json_array_append_new(w, e);
	}
	json_object_set_new(o, "weeks", w);
	return o;
}

static json_t *per_cat(const size_t *v)
{
	json_t *o = json_object();
	for (int c = 0; c < CAT_COUNT; c++)
		json_object_set_new(o, category_code((enum category)c),
		                    json_integer((json_int_t)v[c]));
	return o;
}

json_t *pulse_json(const struct pulse_report *r)
{
	json_t *root = json_object(), *b = json_array(), *ka = json_array(), *fs = json_array();
	char w[9];
	json_object_set_new(root, "week", json_string(days_iso_week_str(r->week, w)));
	json_object_set_new(root, "from", date_json(r->week));
	json_object_set_new(root, "to", date_json(r->week + 6));
	json_object_set_new(root, "scope",
	                    json_string(r->only < 0 ? "*" : r->ds->sellers[r->only].id));
	json_object_set_new(root, "history_weeks", json_integer(r->history_weeks));
	if (r->only < 0)
		json_array_append_new(b, booking_json(r, &r->team));
	for (size_t s = 0; s < r->ds->nsellers; s++)
		if (r->only < 0 || (int32_t)s == r->only)
			json_array_append_new(b, booking_json(r, &r->book[s]));
	json_object_set_new(root, "bookings", b);
	struct adherence_view v = {
	    .a = &r->adh, .ds = r->ds, .pc = r->pc, .applied = DAYS_NONE, .only = r->only};
	json_t *adh = adherence_json(&v, 0);
	json_object_del(adh, "overdue");
	json_object_del(adh, "overdue_total");
	json_object_set_new(root, "adherence", adh);
	for (size_t i = 0; i < r->nkeyacc; i++) {
		const struct adh_overdue *x = &r->keyacc[i];
		const struct customer *cu = &r->ds->customers[x->cust];
		json_t *e = json_object();
		json_object_set_new(e, "customer_id", json_string(cu->id));
		json_object_set_new(e, "name", cu->name ? json_string(cu->name) : json_null());
		json_object_set_new(e, "seller_id",
		                    x->owner >= 0 ? json_string(r->ds->sellers[x->owner].id)
		                                  : json_null());
		json_object_set_new(e, "last_contact", date_json(x->last));
		json_object_set_new(e, "due",
		                    x->last == DAYS_NONE ? json_null() : date_json(x->due));
		json_array_append_new(ka, e);
	}
	json_t *k = json_object();
	json_object_set_new(k, "customers", json_integer(r->key_accounts));
	json_object_set_new(k, "overdue", ka);
	json_object_set_new(root, "key_accounts", k);
	if (r->moves.have) {
		json_t *m = json_object(), *mv = json_object();
		json_object_set_new(m, "from_snapshot", json_integer(r->moves.from_id));
		json_object_set_new(m, "to_snapshot", json_integer(r->moves.to_id));
		json_object_set_new(m, "from_created_at", json_string(r->moves.from_at));
		json_object_set_new(m, "to_created_at", json_string(r->moves.to_at));
		json_object_set_new(m, "up", json_integer(r->moves.up));
		json_object_set_new(m, "down", json_integer(r->moves.down));
		json_object_set_new(m, "lateral", json_integer(r->moves.lateral));
		for (int a = 0; a < CAT_COUNT; a++)
			json_object_set_new(mv, category_code((enum category)a),
			                    per_cat(r->moves.m.moves[a]));
		json_object_set_new(m, "moves", mv);
		json_object_set_new(m, "new", per_cat(r->moves.m.added));
		json_object_set_new(m, "gone", per_cat(r->moves.m.gone));
		json_object_set_new(root, "movements", m);
	} else {
		json_object_set_new(root, "movements", json_null());
	}
	for (int i = 0; i < r->nfindings; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "text", json_string(r->findings[i].text[LANG_EN]));
		json_object_set_new(e, "text_sv", json_string(r->findings[i].text[LANG_SV]));
		json_object_set_new(e, "amount", json_real((double)r->findings[i].amount / 100.0));
		json_object_set_new(e, "seller_id",
		                    r->findings[i].seller >= 0
		                        ? json_string(r->ds->sellers[r->findings[i].seller].id)
		                        : json_null());
		json_array_append_new(fs, e);
	}
	json_object_set_new(root, "findings", fs);
	return root;
}
