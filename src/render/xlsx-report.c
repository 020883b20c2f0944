/* xlsx-report.c — the categorization report as an Excel workbook (see
 * xlsx-report.h). Money is written as numbers in currency units with a
 * thousands format, shares as percent; rows are streamed in libxlsxwriter's
 * constant-memory mode, so a million customers stay cheap. A sheet holds at
 * most 1 048 575 customers under its header; more are cut and said so. */
#include "render/xlsx-report.h"
#include "render/cellguard.h"
#include "render/xlsxw.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define XLSX_MAX_ROWS 1048575

struct fmts {
	lxw_format *bold, *title, *money, *pct, *intf, *head, *note;
};

static double units(int64_t minor)
{
	return (double)minor / 100.0;
}

static void set_formats(lxw_workbook *wb, struct fmts *x)
{
	x->bold = workbook_add_format(wb);
	format_set_bold(x->bold);
	x->title = workbook_add_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	x->money = workbook_add_format(wb);
	format_set_num_format(x->money, "#,##0");
	x->pct = workbook_add_format(wb);
	format_set_num_format(x->pct, "0.0%");
	x->intf = workbook_add_format(wb);
	format_set_num_format(x->intf, "#,##0");
	x->head = workbook_add_format(wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xE8EDF3);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->note = workbook_add_format(wb);
	format_set_italic(x->note);
	format_set_font_color(x->note, 0x555555);
}

static double ratio(double part, double whole)
{
	return whole > 0 ? part / whole : 0;
}

static void summary_sheet(lxw_workbook *wb, const struct fmts *x, const struct catview *v,
                          enum lang lang)
{
	const struct cat_run *run = v->run;
	struct cat_summary s;
	category_summarize(v->rows, v->n, &s);
	lxw_worksheet *ws = workbook_add_worksheet(wb, TR(lang, "Summary", "Sammanfattning"));
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 8, 15, NULL);
	char b[128], d1[11], d2[11];
	struct strbuf sb = STRBUF_INIT;
	lxw_row_t r = 0;
	cellguard_xlsx_string(ws, r++, 0, TR(lang, "Customer categorization", "Kundkategorisering"),
	                      x->title);
	cellguard_xlsx_string(ws, r, 0, TR(lang, "Snapshot", "Ögonblicksbild"), x->bold);
	worksheet_write_number(ws, r++, 1, (double)run->id, NULL);
	cellguard_xlsx_string(ws, r, 0, TR(lang, "As of", "Per"), x->bold);
	cellguard_xlsx_string(ws, r++, 1, days_iso(run->p.as_of, d1), NULL);
	snprintf(b, sizeof(b), TR(lang, "%d months, %s – %s", "%d månader, %s – %s"),
	         run->p.window_months, days_iso(run->window_from + 1, d1),
	         days_iso(run->p.as_of, d2));
	cellguard_xlsx_string(ws, r, 0, TR(lang, "Window", "Period"), x->bold);
	cellguard_xlsx_string(ws, r++, 1, b, NULL);
	catout_method_line(&sb, run, lang);
	cellguard_xlsx_string(ws, r, 0, TR(lang, "Method", "Metod"), x->bold);
	cellguard_xlsx_string(ws, r++, 1, strbuf_cstr(&sb), NULL);
	strbuf_free(&sb);
	cellguard_xlsx_string(ws, r, 0,
	                      run->p.axis == AXIS_MARGIN
	                          ? TR(lang, "Margin threshold", "Gräns täckningsbidrag")
	                          : TR(lang, "Revenue threshold", "Gräns omsättning"),
	                      x->bold);
	if (run->revenue_t.has)
		worksheet_write_number(ws, r++, 1, units(run->revenue_t.value), x->money);
	else
		cellguard_xlsx_string(ws, r++, 1, TR(lang, "none", "ingen"), NULL);
	cellguard_xlsx_string(ws, r, 0, TR(lang, "Potential threshold", "Gräns potential"),
	                      x->bold);
	if (run->potential_t.has)
		worksheet_write_number(ws, r++, 1, units(run->potential_t.value), x->money);
	else
		cellguard_xlsx_string(ws, r++, 1, TR(lang, "none", "ingen"), NULL);
	r++;
	const char *hdr[] = {TR(lang, "Category", "Kategori"),
	                     TR(lang, "Customers", "Kunder"),
	                     TR(lang, "% of customers", "% av kunderna"),
	                     run->p.axis == AXIS_MARGIN ? TR(lang, "Margin", "Täckningsbidrag")
	                                                : TR(lang, "Revenue", "Omsättning"),
	                     TR(lang, "% of revenue", "% av omsättningen"),
	                     "Potential",
	                     TR(lang, "% of potential", "% av potentialen"),
	                     TR(lang, "Orders", "Order"),
	                     TR(lang, "Average order", "Snittorder")};
	for (int c = 0; c < 9; c++)
		cellguard_xlsx_string(ws, r, (lxw_col_t)c, hdr[c], x->head);
	r++;
	for (int c = 0; c <= CAT_COUNT; c++) {
		const struct cat_total *t = c < CAT_COUNT ? &s.cat[c] : &s.all;
		lxw_format *lab = c < CAT_COUNT ? NULL : x->bold;
		cellguard_xlsx_string(ws, r, 0,
		                      c < CAT_COUNT ? category_label((enum category)c, lang)
		                                    : TR(lang, "Total", "Totalt"),
		                      lab);
		worksheet_write_number(ws, r, 1, (double)t->customers, x->intf);
		worksheet_write_number(
		    ws, r, 2, ratio((double)t->customers, (double)s.all.customers), x->pct);
		worksheet_write_number(ws, r, 3, units(t->revenue), x->money);
		worksheet_write_number(ws, r, 4, ratio((double)t->revenue, (double)s.all.revenue),
		                       x->pct);
		worksheet_write_number(ws, r, 5, units(t->potential), x->money);
		worksheet_write_number(
		    ws, r, 6, ratio((double)t->potential, (double)s.all.potential), x->pct);
		worksheet_write_number(ws, r, 7, (double)t->orders, x->intf);
		if (t->orders > 0)
			worksheet_write_number(
			    ws, r, 8, units(t->order_revenue) / (double)t->orders, x->money);
		r++;
	}
	r++;
	cellguard_xlsx_string(ws, r++, 0, TR(lang, "Potential sources", "Potentialens källor"),
	                      x->bold);
	for (int k = 0; k < POTSRC_COUNT; k++) {
		cellguard_xlsx_string(ws, r, 0, pot_source_label((enum pot_source)k, lang), NULL);
		worksheet_write_number(ws, r++, 1, (double)s.potsrc[k], x->intf);
	}
	cellguard_xlsx_string(
	    ws, r++, 0,
	    TR(lang, "Unknown potential counts as low.", "Okänd potential räknas som låg."),
	    x->note);
	cellguard_xlsx_string(ws, r, 0, TR(lang, "Set by hand", "Manuellt satta"), x->bold);
	worksheet_write_number(ws, r++, 1, (double)s.overridden, x->intf);
}

static void customers_sheet(lxw_workbook *wb, const struct fmts *x, const struct catview *v,
                            enum lang lang)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, TR(lang, "Customers", "Kunder"));
	const char *hdr[] = {"customer_id",
	                     TR(lang, "Name", "Namn"),
	                     "seller_id",
	                     v->run->p.axis == AXIS_MARGIN ? TR(lang, "Margin", "Täckningsbidrag")
	                                                   : TR(lang, "Revenue", "Omsättning"),
	                     "Potential",
	                     TR(lang, "Potential source", "Potentialkälla"),
	                     TR(lang, "Orders", "Order"),
	                     TR(lang, "Computed category", "Beräknad kategori"),
	                     TR(lang, "Category", "Kategori"),
	                     TR(lang, "Reason", "Skäl")};
	enum { NC = 10 };
	static const double widths[NC] = {14, 30, 12, 15, 15, 14, 9, 12, 10, 110};
	for (int c = 0; c < NC; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	for (int c = 0; c < NC; c++)
		cellguard_xlsx_string(ws, 0, (lxw_col_t)c, hdr[c], x->head);
	worksheet_freeze_panes(ws, 1, 0);
	size_t *idx = NULL;
	size_t n = catout_select(v, NULL, &idx);
	if (n > XLSX_MAX_ROWS)
		n = XLSX_MAX_ROWS;
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, NC - 1);
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		const struct cat_row *r = &v->rows[i];
		lxw_row_t row = (lxw_row_t)(k + 1);
		cellguard_xlsx_string(ws, row, 0, v->customer_id[i] ? v->customer_id[i] : "", NULL);
		if (v->name && v->name[i])
			cellguard_xlsx_string(ws, row, 1, v->name[i], NULL);
		if (v->seller_id && v->seller_id[i])
			cellguard_xlsx_string(ws, row, 2, v->seller_id[i], NULL);
		worksheet_write_number(ws, row, 3, units(r->revenue), x->money);
		if (r->potential_source != POTSRC_UNKNOWN)
			worksheet_write_number(ws, row, 4, units(r->potential), x->money);
		cellguard_xlsx_string(
		    ws, row, 5, pot_source_label((enum pot_source)r->potential_source, lang), NULL);
		worksheet_write_number(ws, row, 6, r->orders, x->intf);
		cellguard_xlsx_string(ws, row, 7, category_code((enum category)r->computed), NULL);
		cellguard_xlsx_string(ws, row, 8, category_code((enum category)r->category), NULL);
		strbuf_reset(&sb);
		category_reason(&sb, r, v->run, lang);
		cellguard_xlsx_string(ws, row, 9, strbuf_cstr(&sb), NULL);
	}
	strbuf_free(&sb);
	free(idx);
}

int xlsx_report_write(const char *path, const struct catview *v, enum lang lang, char **cause)
{
	lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &o);
	if (!wb) {
		*cause = xasprintf("cannot create the workbook %s", path);
		return -1;
	}
	struct fmts x;
	set_formats(wb, &x);
	summary_sheet(wb, &x, v, lang);
	customers_sheet(wb, &x, v, lang);
	lxw_error e = xlsxw_close(wb);
	if (e != LXW_NO_ERROR) {
		*cause = xasprintf("writing the workbook %s: %s", path, lxw_strerror(e));
		return -1;
	}
	return 0;
}
