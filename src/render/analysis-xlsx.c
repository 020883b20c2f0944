/* analysis-xlsx.c — the activity diagnosis as an xlsx workbook. Data over
 * code: a table of sheets (which JSON array, which columns) and a table of
 * columns (label in English and Swedish, number format) drive the writer,
 * so a new figure in the JSON is one line here. */
#include "render/analysis-xlsx.h"
#include "render/cellguard.h"
#include "render/xlsxw.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

enum colfmt { F_TEXT, F_INT, F_MONEY, F_SHARE, F_NUM1, F_BOOL };

static const struct column {
	const char *key, *en, *sv;
	enum colfmt fmt;
	double width;
} columns[] = {
    {"seller_id", "Seller ID", "Säljar-ID", F_TEXT, 11},
    {"name", "Seller", "Säljare", F_TEXT, 22},
    {"role", "Role", "Roll", F_TEXT, 10},
    {"category", "Category", "Kategori", F_TEXT, 9},
    {"customers", "Customers", "Kunder", F_INT, 10},
    {"of", "Of customers", "Av kunder", F_INT, 11},
    {"unvisited", "Without a visit", "Utan besök", F_INT, 12},
    {"unvisited_potential", "Their potential", "Deras potential", F_MONEY, 15},
    {"revenue", "Revenue", "Omsättning", F_MONEY, 15},
    {"revenue_share", "Share of revenue", "Andel av omsättningen", F_SHARE, 12},
    {"potential", "Potential", "Potential", F_MONEY, 15},
    {"potential_share", "Share of potential", "Andel av potentialen", F_SHARE, 12},
    {"visits", "Visits", "Besök", F_INT, 9},
    {"visit_share", "Share of visits", "Andel av besöken", F_SHARE, 12},
    {"share", "Share", "Andel", F_SHARE, 9},
    {"hours", "Hours", "Timmar", F_NUM1, 9},
    {"km", "Km", "Km", F_NUM1, 9},
    {"cat3_share", "Share to category 3", "Andel till kategori 3", F_SHARE, 12},
    {"cat3_flag", "Over the limit", "Över gränsen", F_BOOL, 10},
    {"contact_hours", "Contact hours", "Kontakttimmar", F_NUM1, 12},
    {"working_hours", "Working hours", "Arbetstimmar", F_NUM1, 12},
    {"orders", "Orders", "Order", F_INT, 9},
    {"order_value", "Order value", "Ordervärde", F_MONEY, 15},
    {"avg_order_value", "Average order", "Snittorder", F_MONEY, 13},
    {"visit_hours", "Visit hours", "Besökstimmar", F_NUM1, 11},
    {"attributed_orders", "Orders after a visit", "Order efter besök", F_INT, 12},
    {"attributed_value", "Their value", "Deras värde", F_MONEY, 15},
    {"value_per_visit", "Value per visit", "Värde per besök", F_MONEY, 13},
    {"value_per_visit_hour", "Value per visit hour", "Värde per besökstimme", F_MONEY, 13},
    {"meetings", "Meetings booked", "Bokade möten", F_INT, 10},
    {"per_week", "Per week", "Per vecka", F_NUM1, 9},
    {"best_week", "Best week", "Bästa vecka", F_TEXT, 10},
    {"best_week_meetings", "Meetings that week", "Möten den veckan", F_INT, 10},
    {"latest_2_weeks", "Latest 2 weeks", "Senaste 2 veckorna", F_INT, 10},
    {"best_in_weeks", "Best in N weeks", "Bäst på N veckor", F_INT, 10},
    {"best_of_period", "Best of the period", "Bäst under perioden", F_BOOL, 10},
    {"text", "Finding", "Iakttagelse", F_TEXT, 90},
    {"amount", "At stake", "På spel", F_MONEY, 15},
    {"metric", "Measure (key)", "Mått (nyckel)", F_TEXT, 20},
    {"label", "Measure", "Mått", F_TEXT, 36},
    {"before", "Before", "Före", F_NUM1, 14},
    {"after", "After", "Efter", F_NUM1, 14},
    {"change", "Change", "Förändring", F_NUM1, 14},
    {"change_pct", "Change %", "Förändring %", F_SHARE, 11},
};

static const struct sheet {
	const char *key, *en, *sv;
	const char *cols[12];
} sheets[] = {
    {"visits",
     "Visits",
     "Besök",
     {"seller_id", "name", "category", "visits", "share", "hours", "km", NULL}},
    {"sellers",
     "Sellers",
     "Säljare",
     {"seller_id", "name", "role", "visits", "hours", "km", "cat3_share", "cat3_flag", NULL}},
    {"contact_time",
     "Contact time",
     "Kontakttid",
     {"seller_id", "name", "contact_hours", "working_hours", "share", NULL}},
    {"order_value",
     "Order value",
     "Ordervärde",
     {"category", "orders", "order_value", "avg_order_value", "visits", "visit_hours",
      "attributed_orders", "attributed_value", "value_per_visit", "value_per_visit_hour", NULL}},
    {"categories",
     "Categories",
     "Kategorier",
     {"category", "customers", "revenue", "revenue_share", "potential", "potential_share", "visits",
      "visit_share", NULL}},
    {"uncontacted", "Uncontacted", "Utan kontakt", {"category", "customers", "of", NULL}},
    {"uncontacted_by_seller",
     "Uncontacted per seller",
     "Utan kontakt per säljare",
     {"seller_id", "category", "customers", "of", "unvisited", "unvisited_potential", NULL}},
    {"booking_summary",
     "Booking summary",
     "Bokningar",
     {"seller_id", "name", "meetings", "per_week", "best_week", "best_week_meetings",
      "latest_2_weeks", "best_in_weeks", "best_of_period", NULL}},
};

struct book {
	lxw_workbook *wb;
	lxw_format *fmt[F_BOOL + 1];
	lxw_format *head, *title;
	enum lang lang;
};

static const struct column *column(const char *key)
{
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		if (!strcmp(columns[i].key, key))
			return &columns[i];
	return NULL;
}

static void formats(struct book *b)
{
	static const char *const num[] = {
	    [F_INT] = "#,##0", [F_MONEY] = "#,##0", [F_SHARE] = "0.0%", [F_NUM1] = "#,##0.0"};
	for (int f = F_TEXT; f <= F_BOOL; f++) {
		b->fmt[f] = workbook_add_format(b->wb);
		if (f != F_TEXT && f != F_BOOL)
			format_set_num_format(b->fmt[f], num[f]);
	}
	b->head = workbook_add_format(b->wb);
	format_set_bold(b->head);
	format_set_bg_color(b->head, 0xE8EEF4);
	format_set_text_wrap(b->head);
	b->title = workbook_add_format(b->wb);
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
}

static void cell(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const json_t *v,
                 enum colfmt f)
{
	if (json_is_string(v))
		cellguard_xlsx_string(ws, r, c, json_string_value(v), b->fmt[F_TEXT]);
	else if (json_is_number(v))
		worksheet_write_number(ws, r, c, json_number_value(v), b->fmt[f]);
	else if (json_is_boolean(v))
		worksheet_write_boolean(ws, r, c, json_is_true(v), b->fmt[F_BOOL]);
}

static void table_sheet(struct book *b, const json_t *root, const struct sheet *s)
{
	const json_t *arr = json_object_get(root, s->key);
	if (!json_is_array(arr))
		return;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, TR(b->lang, s->en, s->sv));
	lxw_col_t nc = 0;
	for (; s->cols[nc]; nc++) {
		const struct column *c = column(s->cols[nc]);
		cellguard_xlsx_string(ws, 0, nc, c ? TR(b->lang, c->en, c->sv) : s->cols[nc],
		                      b->head);
		worksheet_set_column(ws, nc, nc, c ? c->width : 12, NULL);
	}
	size_t i;
	const json_t *e;
	json_array_foreach(arr, i, e)
	{
		for (lxw_col_t k = 0; k < nc; k++) {
			const struct column *c = column(s->cols[k]);
			cell(b, ws, (lxw_row_t)(i + 1), k, json_object_get(e, s->cols[k]),
			     c ? c->fmt : F_TEXT);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(arr), nc - 1);
}

/* Meetings booked: one row per week, one column per seller (team last). */
static void bookings_sheet(struct book *b, const json_t *root)
{
	const json_t *sum = json_object_get(root, "booking_summary"),
	             *rows = json_object_get(root, "bookings");
	const json_t *period = json_object_get(root, "period");
	size_t nweeks = (size_t)json_integer_value(json_object_get(period, "weeks"));
	if (!json_is_array(sum) || !json_is_array(rows) || json_array_size(sum) == 0 || nweeks == 0)
		return;
	lxw_worksheet *ws =
	    workbook_add_worksheet(b->wb, TR(b->lang, "Bookings per week", "Bokningar per vecka"));
	cellguard_xlsx_string(ws, 0, 0, TR(b->lang, "Week", "Vecka"), b->head);
	worksheet_set_column(ws, 0, 0, 10, NULL);
	size_t ns = json_array_size(sum);
	for (size_t s = 0; s < ns; s++) {
		const json_t *o = json_array_get(sum, s);
		cellguard_xlsx_string(ws, 0, (lxw_col_t)(s + 1),
		                      json_string_value(json_object_get(o, "name")), b->head);
	}
	worksheet_set_column(ws, 1, (lxw_col_t)ns, 12, NULL);
	/* The bookings array holds nweeks rows per seller, in booking_summary order. */
	for (size_t i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		size_t s = i / nweeks, w = i % nweeks;
		if (s >= ns)
			break;
		if (s == 0)
			cellguard_xlsx_string(ws, (lxw_row_t)(w + 1), 0,
			                      json_string_value(json_object_get(o, "week")), NULL);
		cell(b, ws, (lxw_row_t)(w + 1), (lxw_col_t)(s + 1), json_object_get(o, "meetings"),
		     F_INT);
	}
	worksheet_freeze_panes(ws, 1, 1);
}

static void summary_sheet(struct book *b, const json_t *root)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, TR(b->lang, "Summary", "Sammanfattning"));
	const json_t *period = json_object_get(root, "period");
	char *title = xasprintf("%s %s – %s", TR(b->lang, "Activity analysis", "Aktivitetsanalys"),
	                        json_string_value(json_object_get(period, "from")),
	                        json_string_value(json_object_get(period, "to")));
	cellguard_xlsx_string(ws, 0, 0, title, b->title);
	free(title);
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 90, NULL);
	worksheet_set_column(ws, 2, 2, 16, NULL);
	cellguard_xlsx_string(ws, 2, 0, "#", b->head);
	cellguard_xlsx_string(ws, 2, 1, TR(b->lang, "Finding", "Iakttagelse"), b->head);
	cellguard_xlsx_string(ws, 2, 2, TR(b->lang, "At stake", "På spel"), b->head);
	const json_t *findings = json_object_get(root, "findings");
	size_t i;
	const json_t *f;
	lxw_row_t r = 3;
	json_array_foreach(findings, i, f)
	{
		worksheet_write_number(ws, r, 0, (double)(i + 1), NULL);
		cell(b, ws, r, 1, json_object_get(f, "text"), F_TEXT);
		cell(b, ws, r, 2, json_object_get(f, "amount"), F_MONEY);
		r++;
	}
	r++;
	const json_t *act = json_object_get(root, "activities");
	static const struct {
		const char *key, *en, *sv;
	} counts[] = {
	    {"in_period", "Activities in the period", "Aktiviteter under perioden"},
	    {"used", "Used in the figures", "Använda i siffrorna"},
	    {"unknown_customer", "Left out: unknown customer", "Utelämnade: okänd kund"},
	    {"unknown_seller", "Left out: unknown seller", "Utelämnade: okänd säljare"},
	};
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++, r++) {
		cellguard_xlsx_string(ws, r, 1, TR(b->lang, counts[k].en, counts[k].sv), NULL);
		cell(b, ws, r, 2, json_object_get(act, counts[k].key), F_INT);
	}
	cellguard_xlsx_string(
	    ws, r + 1, 1, TR(b->lang, "Formulas: docs/analysis.md", "Formler: docs/analysis.md"),
	    NULL);
}

static int finish(struct book *b, const char *path, char **cause)
{
	lxw_error e = xlsxw_close(b->wb);
	if (e != LXW_NO_ERROR) {
		*cause = xasprintf("cannot write %s: %s", path, lxw_strerror(e));
		return -1;
	}
	return 0;
}

/* libxlsxwriter reports a file it cannot create on stderr; find out first. */
static lxw_workbook *open_book(const char *path, char **cause)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		*cause = xasprintf("cannot write %s: %s", path, strerror(errno));
		return NULL;
	}
	fclose(f);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		*cause = xasprintf("cannot create %s", path);
	return wb;
}

int analysis_xlsx_write(const char *path, const json_t *root, enum lang lang, char **cause)
{
	struct book b = {.lang = lang};
	b.wb = open_book(path, cause);
	if (!b.wb)
		return -1;
	formats(&b);
	summary_sheet(&b, root);
	for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]); i++)
		table_sheet(&b, root, &sheets[i]);
	bookings_sheet(&b, root);
	return finish(&b, path, cause);
}

int analysis_xlsx_compare(const char *path, const json_t *cmp, enum lang lang, char **cause)
{
	static const struct sheet s = {
	    "rows",
	    "Compare",
	    "Jämförelse",
	    {"label", "category", "before", "after", "change", "change_pct", "metric", NULL}};
	struct book b = {.lang = lang};
	b.wb = open_book(path, cause);
	if (!b.wb)
		return -1;
	formats(&b);
	table_sheet(&b, cmp, &s);
	return finish(&b, path, cause);
}
