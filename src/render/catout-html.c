/* catout-html.c — the categorization's outputs as html: the section reports compose (matrix plot,
 * summary, potential sources, customer table) and the whole page (see catout.h). What the formats
 * share is in catout.c (catout-int.h). */
#include "render/catout.h"
#include "render/catout-int.h"
#include "render/csvw.h"
#include "render/html.h"
#include "render/svg.h"
#include "render/table.h"
#include "util/days.h"
#include "util/radix.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static void html_summary_table(FILE *f, const struct catview *v, const struct cat_summary *s,
                               enum lang lang)
{
	const char *hdr[] = {TR(lang, "Category", "Kategori"),
	                     TR(lang, "Customers", "Kunder"),
	                     TR(lang, "% of customers", "% av kunderna"),
	                     v->run->p.axis == AXIS_MARGIN ? TR(lang, "Margin", "Täckningsbidrag")
	                                                   : TR(lang, "Revenue", "Omsättning"),
	                     TR(lang, "% of revenue", "% av omsättningen"),
	                     "Potential",
	                     TR(lang, "% of potential", "% av potentialen"),
	                     TR(lang, "Orders", "Order"),
	                     TR(lang, "Average order", "Snittorder")};
	html_table_begin(f, "fk-cat-summary", hdr, 9, "lrrrrrrrr", NULL);
	for (int c = 0; c <= CAT_COUNT; c++) {
		const struct cat_total *x = c < CAT_COUNT ? &s->cat[c] : &s->all;
		char b[64];
		if (c == CAT_COUNT)
			html_table_foot(f);
		fputs("<tr><td>", f);
		if (c < CAT_COUNT)
			html_badge(f, c, category_label((enum category)c, lang));
		else
			html_esc(f, TR(lang, "Total", "Totalt"));
		fputs("</td>", f);
		html_td_num(f, (double)x->customers,
		            fmt_int(b, sizeof(b), (int64_t)x->customers, lang));
		double sh = catout_sharez(x->customers, s->all.customers);
		html_td_num(f, isnan(sh) ? 0 : sh, catout_pct(b, sizeof(b), sh, lang));
		html_td_num(f, (double)x->revenue, fmt_money(b, sizeof(b), x->revenue, lang));
		sh = catout_share(x->revenue, s->all.revenue);
		html_td_num(f, isnan(sh) ? 0 : sh, catout_pct(b, sizeof(b), sh, lang));
		html_td_num(f, (double)x->potential, fmt_money(b, sizeof(b), x->potential, lang));
		sh = catout_share(x->potential, s->all.potential);
		html_td_num(f, isnan(sh) ? 0 : sh, catout_pct(b, sizeof(b), sh, lang));
		html_td_num(f, (double)x->orders, fmt_int(b, sizeof(b), x->orders, lang));
		if (x->orders > 0)
			html_td_num(f, (double)catout_avg_order(x),
			            fmt_money(b, sizeof(b), catout_avg_order(x), lang));
		else
			html_td_num(f, 0, "–");
		fputs("</tr>\n", f);
	}
	html_table_end(f, 1);
}

static void html_customer_table(FILE *f, const struct catview *v, size_t max_rows, enum lang lang)
{
	size_t *idx = NULL;
	size_t n = catout_select(v, NULL, &idx);
	size_t shown = n;
	if (max_rows && n > max_rows) {
		/* idx runs by category, largest revenue first: keep the head of each
		 * category, ceil(its size × max_rows / n) rows, up to max_rows */
		size_t *all = xreallocarray(NULL, n, sizeof(*all));
		memcpy(all, idx, n * sizeof(*idx));
		size_t k = 0, start = 0;
		while (start < n) {
			size_t end = start;
			while (end < n &&
			       v->rows[all[end]].category == v->rows[all[start]].category)
				end++;
			size_t take =
			    (size_t)ceil((double)(end - start) * (double)max_rows / (double)n);
			for (size_t j = start; j < start + take && j < end && k < max_rows; j++)
				idx[k++] = all[j];
			start = end;
		}
		shown = k;
		free(all);
	}
	char a[32], b[32];
	fmt_int(a, sizeof(a), (int64_t)shown, lang);
	fmt_int(b, sizeof(b), (int64_t)n, lang);
	fputs("<h3>", f);
	html_esc(f, TR(lang, "Customers", "Kunder"));
	fputs("</h3>\n", f);
	if (shown < n) {
		fprintf(f, "<p class=\"fk-note\">");
		fprintf(f,
		        TR(lang,
		           "Showing %s of %s customers: the largest by revenue in each "
		           "category, in proportion to its size. The full list: "
		           "<code>fokus customers --format csv</code>.",
		           "Visar %s av %s kunder: de största efter omsättning i varje kategori, "
		           "i proportion till dess storlek. Hela listan: "
		           "<code>fokus customers --format csv</code>."),
		        a, b);
		fputs("</p>\n", f);
	}
	const char *hdr[] = {TR(lang, "Customer", "Kund"),
	                     TR(lang, "Name", "Namn"),
	                     TR(lang, "Seller", "Säljare"),
	                     v->run->p.axis == AXIS_MARGIN ? TR(lang, "Margin", "Täckningsbidrag")
	                                                   : TR(lang, "Revenue", "Omsättning"),
	                     "Potential",
	                     TR(lang, "Source", "Källa"),
	                     TR(lang, "Category", "Kategori"),
	                     TR(lang, "Reason", "Skäl")};
	html_table_begin(f, "fk-customers", hdr, 8, "lllrrlll",
	                 TR(lang, "Filter customers (id, name, seller, category…)",
	                    "Filtrera kunder (nummer, namn, säljare, kategori…)"));
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < shown; k++) {
		size_t i = idx[k];
		const struct cat_row *r = &v->rows[i];
		char m[64];
		fputs("<tr>", f);
		html_td(f, catout_vstr(v->customer_id, i), 'l');
		html_td(f, catout_vstr(v->name, i), 'l');
		html_td(f, catout_vstr(v->seller_id, i), 'l');
		html_td_num(f, (double)r->revenue, fmt_money(m, sizeof(m), r->revenue, lang));
		if (r->potential_source == POTSRC_UNKNOWN)
			html_td_num(f, -1, "–");
		else
			html_td_num(f, (double)r->potential,
			            fmt_money(m, sizeof(m), r->potential, lang));
		html_td(f, pot_source_label((enum pot_source)r->potential_source, lang), 'l');
		fprintf(f, "<td data-v=\"%d\">", r->category);
		html_badge(f, r->category, category_code((enum category)r->category));
		if (r->computed != r->category || r->override_reason) {
			fputs(" <span class=\"fk-note\">(", f);
			html_esc(f, TR(lang, "computed ", "beräknad "));
			html_esc(f, category_code((enum category)r->computed));
			fputs(")</span>", f);
		}
		fputs("</td>", f);
		strbuf_reset(&sb);
		category_reason(&sb, r, v->run, lang);
		fputs("<td class=\"fk-reason\">", f);
		html_esc(f, strbuf_cstr(&sb));
		fputs("</td></tr>\n", f);
	}
	html_table_end(f, 0);
	strbuf_free(&sb);
	free(idx);
}

void catout_html_section(FILE *f, const struct catview *v, size_t max_rows, enum lang lang)
{
	const struct cat_run *run = v->run;
	struct cat_summary s;
	category_summarize(v->rows, v->n, &s);
	struct strbuf sb = STRBUF_INIT;
	char d[11], b[64], note[128];
	strbuf_printf(&sb, "%s %s · ", TR(lang, "As of", "Per"), days_iso(run->p.as_of, d));
	catout_window_line(&sb, run, lang);
	if (run->id)
		strbuf_printf(&sb, " · %s %lld", TR(lang, "snapshot", "ögonblicksbild"),
		              (long long)run->id);
	html_section_begin(f, "categorization",
	                   TR(lang, "Customer categorization", "Kundkategorisering"),
	                   strbuf_cstr(&sb));
	strbuf_reset(&sb);

	html_cards_begin(f);
	html_card(f, TR(lang, "Customers", "Kunder"),
	          fmt_int(b, sizeof(b), (int64_t)s.all.customers, lang), NULL, NULL);
	html_card(f,
	          run->p.axis == AXIS_MARGIN ? TR(lang, "Margin", "Täckningsbidrag")
	                                     : TR(lang, "Revenue", "Omsättning"),
	          fmt_money(b, sizeof(b), s.all.revenue, lang), NULL, NULL);
	html_card(f, TR(lang, "Potential per year", "Potential per år"),
	          fmt_money(b, sizeof(b), s.all.potential, lang), NULL, NULL);
	html_card(f,
	          run->p.axis == AXIS_MARGIN ? TR(lang, "Margin threshold", "Gräns täckningsbidrag")
	                                     : TR(lang, "Revenue threshold", "Gräns omsättning"),
	          run->revenue_t.has ? fmt_money(b, sizeof(b), run->revenue_t.value, lang) : "–",
	          cat_method_label(cat_revenue_method(&run->p), lang), NULL);
	html_card(f, TR(lang, "Potential threshold", "Gräns potential"),
	          run->potential_t.has ? fmt_money(b, sizeof(b), run->potential_t.value, lang)
	                               : "–",
	          cat_method_label(cat_potential_method(&run->p), lang), NULL);
	html_cards_end(f);
	html_cards_begin(f);
	for (int c = 0; c < CAT_COUNT; c++) {
		char ps[32];
		snprintf(
		    note, sizeof(note), "%s %s",
		    catout_pct(ps, sizeof(ps), catout_share(s.cat[c].revenue, s.all.revenue), lang),
		    TR(lang, "of revenue", "av omsättningen"));
		html_card(f, category_label((enum category)c, lang),
		          fmt_int(b, sizeof(b), (int64_t)s.cat[c].customers, lang), note,
		          svg_category_color(c));
	}
	html_cards_end(f);

	fputs("<div class=\"fk-figure\">\n", f);
	svg_matrix(f, run, v->rows, v->n, NULL, 0, lang);
	fputs("</div>\n", f);

	fputs("<h3>", f);
	html_esc(f, TR(lang, "Per category", "Per kategori"));
	fputs("</h3>\n", f);
	html_summary_table(f, v, &s, lang);

	fputs("<p class=\"fk-note\">", f);
	catout_method_line(&sb, run, lang);
	html_esc(f, TR(lang, "Method: ", "Metod: "));
	html_esc(f, strbuf_cstr(&sb));
	strbuf_reset(&sb);
	strbuf_puts(&sb, TR(lang, ". Thresholds: revenue ", ". Gränser: omsättning "));
	catout_threshold_text(&sb, run->revenue_t, lang);
	strbuf_puts(&sb, ", potential ");
	catout_threshold_text(&sb, run->potential_t, lang);
	strbuf_puts(&sb, TR(lang, ". Potential sources: ", ". Potentialens källor: "));
	for (int k = 0; k < POTSRC_COUNT; k++)
		strbuf_printf(&sb, "%s%s %s", k ? ", " : "",
		              pot_source_label((enum pot_source)k, lang),
		              fmt_int(b, sizeof(b), (int64_t)s.potsrc[k], lang));
	strbuf_printf(&sb,
	              TR(lang, " (unknown counts as low). Set by hand: %zu.",
	                 " (okänd räknas som låg). Manuellt satta: %zu."),
	              s.overridden);
	html_esc(f, strbuf_cstr(&sb));
	fputs("</p>\n", f);
	strbuf_free(&sb);

	html_customer_table(f, v, max_rows, lang);
	html_section_end(f);
}

void catout_html_page(FILE *f, const struct catview *v, size_t max_rows, enum lang lang)
{
	html_begin(f, TR(lang, "Customer categorization", "Kundkategorisering"), lang);
	catout_html_section(f, v, max_rows, lang);
	html_end(f, lang);
}
