/* catout-text.c — the categorization's outputs as terminal text: the report summary, the customer
 * table, the migration and the history (see catout.h). What the formats share is in catout.c
 * (catout-int.h). */
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

/* "label" padded to 13 display columns (å ä ö count once). */
static void label(FILE *f, const char *s)
{
	fputs(s, f);
	for (int w = table_width(s); w < 13; w++)
		fputc(' ', f);
}

void catout_summary_text(FILE *f, const struct cat_run *run, const struct cat_summary *sum,
                         enum lang lang)
{
	const struct cat_summary s = *sum;
	struct strbuf sb = STRBUF_INIT;
	char d[11];
	fprintf(f, "%s %s", TR(lang, "Categorization", "Kategorisering"),
	        days_iso(run->p.as_of, d));
	if (run->id)
		fprintf(f, " (%s %lld)", TR(lang, "snapshot", "ögonblicksbild"),
		        (long long)run->id);
	fputc('\n', f);
	catout_window_line(&sb, run, lang);
	label(f, TR(lang, "Window:", "Period:"));
	fprintf(f, "%s\n", strbuf_cstr(&sb));
	strbuf_reset(&sb);
	catout_method_line(&sb, run, lang);
	label(f, TR(lang, "Method:", "Metod:"));
	fprintf(f, "%s\n", strbuf_cstr(&sb));
	strbuf_reset(&sb);
	strbuf_puts(&sb, run->p.axis == AXIS_MARGIN ? TR(lang, "margin ", "täckningsbidrag ")
	                                            : TR(lang, "revenue ", "omsättning "));
	catout_threshold_text(&sb, run->revenue_t, lang);
	strbuf_puts(&sb, ", potential ");
	catout_threshold_text(&sb, run->potential_t, lang);
	label(f, TR(lang, "Thresholds:", "Gränser:"));
	fprintf(f, "%s\n\n", strbuf_cstr(&sb));
	strbuf_free(&sb);

	const char *hdr[] = {TR(lang, "Category", "Kategori"),
	                     TR(lang, "Customers", "Kunder"),
	                     "%",
	                     run->p.axis == AXIS_MARGIN ? TR(lang, "Margin", "Täckningsbidrag")
	                                                : TR(lang, "Revenue", "Omsättning"),
	                     "%",
	                     "Potential",
	                     "%",
	                     TR(lang, "Orders", "Order"),
	                     TR(lang, "Avg order", "Snittorder")};
	struct table *t = table_new(9, "lrrrrrrrr");
	table_row(t, hdr);
	for (int c = 0; c <= CAT_COUNT; c++) {
		const struct cat_total *x = c < CAT_COUNT ? &s.cat[c] : &s.all;
		char b[9][64];
		snprintf(b[0], 64, "%s",
		         c < CAT_COUNT ? category_label((enum category)c, lang)
		                       : TR(lang, "Total", "Totalt"));
		fmt_int(b[1], 64, (int64_t)x->customers, lang);
		catout_pct(b[2], 64, catout_sharez(x->customers, s.all.customers), lang);
		fmt_money(b[3], 64, x->revenue, lang);
		catout_pct(b[4], 64, catout_share(x->revenue, s.all.revenue), lang);
		fmt_money(b[5], 64, x->potential, lang);
		catout_pct(b[6], 64, catout_share(x->potential, s.all.potential), lang);
		fmt_int(b[7], 64, x->orders, lang);
		if (x->orders > 0)
			fmt_money(b[8], 64, catout_avg_order(x), lang);
		else
			snprintf(b[8], 64, "–");
		const char *cells[9];
		for (int k = 0; k < 9; k++)
			cells[k] = b[k];
		table_row(t, cells);
	}
	table_print(t, f, 1);
	table_free(t);

	char n[4][32];
	for (int k = 0; k < POTSRC_COUNT; k++)
		fmt_int(n[k], 32, (int64_t)s.potsrc[k], lang);
	fprintf(f, "\n%s %s %s, %s %s, %s %s, %s %s %s\n",
	        TR(lang, "Potential sources:", "Potentialens källor:"),
	        pot_source_label(POTSRC_GIVEN, lang), n[0], pot_source_label(POTSRC_WALLET, lang),
	        n[1], pot_source_label(POTSRC_ESTIMATED, lang), n[2],
	        pot_source_label(POTSRC_UNKNOWN, lang), n[3],
	        TR(lang, "(counted as low)", "(räknas som låg)"));
	for (int k = 0; k < REVSRC_COUNT; k++)
		fmt_int(n[k], 32, (int64_t)s.revsrc[k], lang);
	fprintf(f, "%s %s %s, %s %s, %s %s\n",
	        TR(lang, "Revenue sources:", "Omsättningens källor:"), TR(lang, "orders", "order"),
	        n[0], TR(lang, "customer file", "kundfilen"), n[1],
	        TR(lang, "none (0)", "ingen (0)"), n[2]);
	fmt_int(n[0], 32, (int64_t)s.overridden, lang);
	fprintf(f, "%s %s\n", TR(lang, "Set by hand (overrides):", "Manuellt satta (override):"),
	        n[0]);
}

/* --- customers ------------------------------------------------------------- */

void catout_customers_text(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                           enum lang lang)
{
	const char *hdr[] = {TR(lang, "Customer", "Kund"),
	                     TR(lang, "Name", "Namn"),
	                     TR(lang, "Seller", "Säljare"),
	                     v->run->p.axis == AXIS_MARGIN ? TR(lang, "Margin", "Täckningsbidrag")
	                                                   : TR(lang, "Revenue", "Omsättning"),
	                     "Potential",
	                     TR(lang, "Source", "Källa"),
	                     TR(lang, "Computed", "Beräknad"),
	                     TR(lang, "Category", "Kategori"),
	                     TR(lang, "Reason", "Skäl")};
	struct table *t = table_new(9, "lllrrlll");
	table_row(t, hdr);
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		const struct cat_row *r = &v->rows[i];
		char rev[64], pot[64];
		fmt_money(rev, sizeof(rev), r->revenue, lang);
		if (r->potential_source == POTSRC_UNKNOWN)
			snprintf(pot, sizeof(pot), "–");
		else
			fmt_money(pot, sizeof(pot), r->potential, lang);
		strbuf_reset(&sb);
		category_reason(&sb, r, v->run, lang);
		const char *cells[9] = {
		    catout_vstr(v->customer_id, i),
		    catout_vstr(v->name, i),
		    catout_vstr(v->seller_id, i),
		    rev,
		    pot,
		    pot_source_label((enum pot_source)r->potential_source, lang),
		    category_code((enum category)r->computed),
		    category_code((enum category)r->category),
		    strbuf_cstr(&sb)};
		table_row(t, cells);
	}
	table_print(t, f, 1);
	table_free(t);
	strbuf_free(&sb);
}

/* --- migration ------------------------------------------------------------- */

void catout_migration_text(FILE *f, const struct cat_migration *m, int64_t from_id, int64_t to_id,
                           enum lang lang)
{
	fprintf(
	    f,
	    TR(lang, "Movements from snapshot %lld to %lld (rows: before, columns: now)\n\n",
	       "Förflyttningar från ögonblicksbild %lld till %lld (rader: före, kolumner: nu)\n\n"),
	    (long long)from_id, (long long)to_id);
	const char *hdr[] = {
	    "", "1", "2R", "2P", "3", TR(lang, "gone", "borta"), TR(lang, "total", "totalt")};
	struct table *t = table_new(7, "lrrrrrr");
	table_row(t, hdr);
	size_t coltot[CAT_COUNT + 2] = {0};
	for (int r = 0; r <= CAT_COUNT; r++) {
		char b[7][64];
		const char *cells[7];
		size_t tot = 0;
		snprintf(b[0], 64, "%s",
		         r < CAT_COUNT ? category_label((enum category)r, lang)
		                       : TR(lang, "New", "Nya"));
		for (int c = 0; c < CAT_COUNT; c++) {
			size_t x = r < CAT_COUNT ? m->moves[r][c] : m->added[c];
			fmt_int(b[c + 1], 64, (int64_t)x, lang);
			tot += x;
			coltot[c] += x;
		}
		if (r < CAT_COUNT) {
			fmt_int(b[5], 64, (int64_t)m->gone[r], lang);
			tot += m->gone[r];
			coltot[CAT_COUNT] += m->gone[r];
		} else {
			b[5][0] = '\0';
		}
		fmt_int(b[6], 64, (int64_t)tot, lang);
		coltot[CAT_COUNT + 1] += tot;
		for (int k = 0; k < 7; k++)
			cells[k] = b[k];
		table_row(t, cells);
	}
	char b[7][64];
	const char *cells[7];
	snprintf(b[0], 64, "%s", TR(lang, "Total", "Totalt"));
	for (int c = 0; c < CAT_COUNT + 2; c++)
		fmt_int(b[c + 1], 64, (int64_t)coltot[c], lang);
	for (int k = 0; k < 7; k++)
		cells[k] = b[k];
	table_row(t, cells);
	table_print(t, f, 1);
	table_free(t);
	size_t same = 0, moved = 0, added = 0, gone = 0;
	for (int r = 0; r < CAT_COUNT; r++) {
		added += m->added[r];
		gone += m->gone[r];
		for (int c = 0; c < CAT_COUNT; c++)
			*(r == c ? &same : &moved) += m->moves[r][c];
	}
	fprintf(f,
	        TR(lang, "\nUnchanged %zu, moved %zu, new %zu, gone %zu\n",
	           "\nOförändrade %zu, flyttade %zu, nya %zu, borta %zu\n"),
	        same, moved, added, gone);
}

/* --- history --------------------------------------------------------------- */

void catout_history_text(FILE *f, const struct cat_runinfo *items, size_t n, enum lang lang)
{
	const char *hdr[] = {"ID",
	                     TR(lang, "Created (UTC)", "Skapad (UTC)"),
	                     TR(lang, "As of", "Per"),
	                     TR(lang, "Months", "Mån"),
	                     TR(lang, "Axis", "Axel"),
	                     TR(lang, "Method", "Metod"),
	                     TR(lang, "Revenue ≥", "Omsättning ≥"),
	                     "Potential ≥",
	                     TR(lang, "Customers", "Kunder"),
	                     "1",
	                     "2R",
	                     "2P",
	                     "3"};
	struct table *t = table_new(13, "rllrllrrrrrrr");
	table_row(t, hdr);
	for (size_t i = 0; i < n; i++) {
		const struct cat_runinfo *it = &items[i];
		char b[13][64];
		const char *cells[13];
		snprintf(b[0], 64, "%lld", (long long)it->run.id);
		snprintf(b[1], 64, "%.16s", it->run.created_at);
		days_iso(it->run.p.as_of, b[2]);
		snprintf(b[3], 64, "%d", it->run.p.window_months);
		snprintf(b[4], 64, "%s", cat_axis_code(it->run.p.axis));
		snprintf(b[5], 64, "%s", cat_method_code(it->run.p.method));
		if (it->run.revenue_t.has)
			fmt_money(b[6], 64, it->run.revenue_t.value, lang);
		else
			snprintf(b[6], 64, "–");
		if (it->run.potential_t.has)
			fmt_money(b[7], 64, it->run.potential_t.value, lang);
		else
			snprintf(b[7], 64, "–");
		fmt_int(b[8], 64, (int64_t)it->customers, lang);
		for (int c = 0; c < CAT_COUNT; c++)
			fmt_int(b[9 + c], 64, (int64_t)it->cat[c], lang);
		for (int k = 0; k < 13; k++)
			cells[k] = b[k];
		table_row(t, cells);
	}
	table_print(t, f, 1);
	table_free(t);
}
