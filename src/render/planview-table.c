/* planview-table.c — the table model every format of the plan shares
 * (text, number, money and date cells) and its writers: csv, the aligned
 * terminal table, html and xlsx. Machine formats use plain numbers ('.',
 * money in currency units, ISO dates); formats for people go through
 * util/i18n. */
#include "render/planview.h"
#include "render/planview-int.h"
#include "render/cellguard.h"
#include "render/csvw.h"
#include "render/html.h"
#include "render/table.h"
#include "render/xlsxw.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct planview_table *planview_table_new(const char *sheet, const char *title, int ncols,
                                          const char *const *head)
{
	struct planview_table *t = xcalloc(1, sizeof(*t));
	t->sheet = xstrdup(sheet);
	t->title = xstrdup(title ? title : sheet);
	t->ncols = ncols;
	t->head = xcalloc((size_t)ncols, sizeof(char *));
	for (int i = 0; i < ncols; i++)
		t->head[i] = xstrdup(head[i]);
	return t;
}

void planview_table_free(struct planview_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i].text);
	for (int i = 0; i < t->ncols; i++)
		free(t->head[i]);
	free(t->head);
	free(t->cells);
	free(t->sheet);
	free(t->title);
	free(t);
}

void planview_row(struct planview_table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xreallocarray(t->cells, t->cap * (size_t)t->ncols, sizeof(*t->cells));
	}
	struct planview_cell *row = &t->cells[t->nrows * (size_t)t->ncols];
	for (int i = 0; i < t->ncols; i++)
		row[i] = (struct planview_cell){.kind = PV_EMPTY};
	t->nrows++;
	t->fill = 0;
}

static struct planview_cell *next_cell(struct planview_table *t)
{
	if (!t->nrows || t->fill >= t->ncols)
		return NULL;
	return &t->cells[(t->nrows - 1) * (size_t)t->ncols + (size_t)t->fill++];
}

void planview_put_text(struct planview_table *t, const char *s)
{
	struct planview_cell *c = next_cell(t);
	if (c && s) {
		c->kind = PV_TEXT;
		c->text = xstrdup(s);
	}
}

void planview_put_num(struct planview_table *t, double v, int decimals)
{
	struct planview_cell *c = next_cell(t);
	if (c) {
		c->kind = PV_NUM;
		c->num = v;
		c->decimals = decimals;
	}
}

void planview_put_money(struct planview_table *t, double minor)
{
	struct planview_cell *c = next_cell(t);
	if (c) {
		c->kind = PV_MONEY;
		c->num = minor;
	}
}

void planview_put_date(struct planview_table *t, int32_t day)
{
	struct planview_cell *c = next_cell(t);
	if (c && day != DAYS_NONE) {
		c->kind = PV_DATE;
		c->day = day;
	}
}

const struct planview_cell *pv_cell(const struct planview_table *t, size_t r, int c)
{
	return &t->cells[r * (size_t)t->ncols + (size_t)c];
}

/* Plain machine text of a cell into buf. */
static const char *plain(const struct planview_cell *c, char *buf, size_t size)
{
	switch (c->kind) {
	case PV_TEXT:
		return c->text;
	case PV_NUM:
		snprintf(buf, size, "%.*f", c->decimals, c->num);
		if (!strcmp(buf, "-0") || !strcmp(buf, "-0.0") || !strcmp(buf, "-0.00"))
			memmove(buf, buf + 1, strlen(buf));
		return buf;
	case PV_MONEY:
		return fmt_minor_plain(buf, size, (int64_t)llround(c->num));
	case PV_DATE: {
		char d[11];
		snprintf(buf, size, "%s", days_iso(c->day, d));
		return buf;
	}
	default:
		return "";
	}
}

/* Text of a cell for people. */
const char *pv_human(const struct planview_cell *c, char *buf, size_t size, enum lang lang)
{
	switch (c->kind) {
	case PV_NUM:
		return fmt_num(buf, size, c->num, c->decimals, lang);
	case PV_MONEY:
		return fmt_money(buf, size, (int64_t)llround(c->num), lang);
	default:
		return plain(c, buf, size);
	}
}

void planview_write_csv(FILE *f, const struct planview_table *t)
{
	csvw_row(f, (const char *const *)t->head, t->ncols);
	const char **row = xcalloc((size_t)t->ncols, sizeof(char *));
	char(*bufs)[64] = xcalloc((size_t)t->ncols, 64);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			row[c] = plain(pv_cell(t, r, c), bufs[c], 64);
		csvw_row(f, row, t->ncols);
	}
	free(bufs);
	free(row);
}

/* The header and the first `limit` rows as an aligned table. */
void pv_write_text_rows(FILE *f, const struct planview_table *t, enum lang lang, size_t limit)
{
	char *align = xcalloc((size_t)t->ncols + 1, 1);
	for (int c = 0; c < t->ncols; c++) {
		enum planview_kind k = PV_TEXT;
		for (size_t r = 0; r < t->nrows && k == PV_TEXT; r++)
			if (pv_cell(t, r, c)->kind != PV_EMPTY)
				k = pv_cell(t, r, c)->kind;
		align[c] = k == PV_NUM || k == PV_MONEY ? 'r' : 'l';
	}
	struct table *tt = table_new(t->ncols, align);
	table_row(tt, (const char *const *)t->head);
	const char **row = xcalloc((size_t)t->ncols, sizeof(char *));
	char(*bufs)[64] = xcalloc((size_t)t->ncols, 64);
	for (size_t r = 0; r < t->nrows && r < limit; r++) {
		for (int c = 0; c < t->ncols; c++)
			row[c] = pv_human(pv_cell(t, r, c), bufs[c], 64, lang);
		table_row(tt, row);
	}
	table_print(tt, f, 1);
	table_free(tt);
	free(bufs);
	free(row);
	free(align);
}

void planview_write_text(FILE *f, const struct planview_table *t, enum lang lang)
{
	pv_write_text_rows(f, t, lang, t->nrows);
}

/* A valid sheet name: at most 31 characters, none of []:*?/\ . */
static void sheet_name(char out[32], const char *s)
{
	size_t i = 0;
	for (; s[i] && i < 31; i++)
		out[i] = strchr("[]:*?/\\", s[i]) ? '_' : s[i];
	out[i] = '\0';
}

int planview_write_xlsx(const char *path, struct planview_table *const *t, int n, char **cause)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		*cause = xasprintf("cannot create %s", path);
		return -1;
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0");
	lxw_format *dec[3];
	static const char *const decfmt[3] = {"0", "0.0", "0.00"};
	for (int i = 0; i < 3; i++) {
		dec[i] = workbook_add_format(wb);
		format_set_num_format(dec[i], decfmt[i]);
	}
	for (int k = 0; k < n; k++) {
		char name[32];
		sheet_name(name, t[k]->sheet);
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		if (!ws)
			continue;
		for (int c = 0; c < t[k]->ncols; c++) {
			cellguard_xlsx_string(ws, 0, (lxw_col_t)c, t[k]->head[c], bold);
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 14, NULL);
		}
		worksheet_freeze_panes(ws, 1, 0);
		for (size_t r = 0; r < t[k]->nrows; r++) {
			lxw_row_t row = (lxw_row_t)(r + 1);
			for (int c = 0; c < t[k]->ncols; c++) {
				const struct planview_cell *x = pv_cell(t[k], r, c);
				lxw_col_t col = (lxw_col_t)c;
				if (x->kind == PV_TEXT) {
					cellguard_xlsx_string(ws, row, col, x->text, NULL);
				} else if (x->kind == PV_NUM) {
					int d = x->decimals < 0   ? 0
					        : x->decimals > 2 ? 2
					                          : x->decimals;
					worksheet_write_number(ws, row, col, x->num, dec[d]);
				} else if (x->kind == PV_MONEY) {
					worksheet_write_number(ws, row, col, x->num / 100.0, money);
				} else if (x->kind == PV_DATE) {
					lxw_datetime dt = {0};
					days_to_ymd(x->day, &dt.year, &dt.month, &dt.day);
					worksheet_write_datetime(ws, row, col, &dt, date);
				}
			}
		}
	}
	lxw_error e = xlsxw_close(wb);
	if (e != LXW_NO_ERROR) {
		*cause = xasprintf("writing %s failed: %s", path, lxw_strerror(e));
		return -1;
	}
	return 0;
}
