/* planview.c — renders the coverage plan: a table model shared by every
 * format (csv, xlsx, html, terminal), the plan's tables and notes, and its
 * JSON. Machine formats use plain numbers ('.', money in currency units,
 * ISO dates); formats for people go through util/i18n. */
#include "render/planview.h"
#include "render/cellguard.h"
#include "render/xlsxw.h"
#include "render/csvw.h"
#include "render/html.h"
#include "render/table.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* --- the table model ----------------------------------------------------- */

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

static const struct planview_cell *cell(const struct planview_table *t, size_t r, int c)
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
static const char *human(const struct planview_cell *c, char *buf, size_t size, enum lang lang)
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
			row[c] = plain(cell(t, r, c), bufs[c], 64);
		csvw_row(f, row, t->ncols);
	}
	free(bufs);
	free(row);
}

/* The header and the first `limit` rows as an aligned table. */
static void write_text_rows(FILE *f, const struct planview_table *t, enum lang lang, size_t limit)
{
	char *align = xcalloc((size_t)t->ncols + 1, 1);
	for (int c = 0; c < t->ncols; c++) {
		enum planview_kind k = PV_TEXT;
		for (size_t r = 0; r < t->nrows && k == PV_TEXT; r++)
			if (cell(t, r, c)->kind != PV_EMPTY)
				k = cell(t, r, c)->kind;
		align[c] = k == PV_NUM || k == PV_MONEY ? 'r' : 'l';
	}
	struct table *tt = table_new(t->ncols, align);
	table_row(tt, (const char *const *)t->head);
	const char **row = xcalloc((size_t)t->ncols, sizeof(char *));
	char(*bufs)[64] = xcalloc((size_t)t->ncols, 64);
	for (size_t r = 0; r < t->nrows && r < limit; r++) {
		for (int c = 0; c < t->ncols; c++)
			row[c] = human(cell(t, r, c), bufs[c], 64, lang);
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
	write_text_rows(f, t, lang, t->nrows);
}

void planview_write_html(FILE *f, const char *title, struct planview_table *const *t, int n,
                         const char *const *notes, int nnotes, enum lang lang)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
	        lang == LANG_SV ? "sv" : "en");
	html_esc(f, title);
	fputs("</title>\n<style>\n"
	      "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
	      "table{border-collapse:collapse;margin:0 0 2em}\n"
	      "th,td{border:1px solid #ccc;padding:.25em .6em}\n"
	      "th{background:#f0f0f0;text-align:left}\n"
	      "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	      ".notes li{margin:.3em 0}\n"
	      "</style>\n</head>\n<body>\n<h1>",
	      f);
	html_esc(f, title);
	fputs("</h1>\n", f);
	if (nnotes) {
		fprintf(f, "<h2>%s</h2>\n<ul class=\"notes\">\n",
		        TR(lang, "Notes", "Att observera"));
		for (int i = 0; i < nnotes; i++) {
			fputs("<li>", f);
			html_esc(f, notes[i]);
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	char buf[64];
	for (int k = 0; k < n; k++) {
		fputs("<h2>", f);
		html_esc(f, t[k]->title);
		fputs("</h2>\n<table>\n<thead><tr>", f);
		for (int c = 0; c < t[k]->ncols; c++) {
			fputs("<th>", f);
			html_esc(f, t[k]->head[c]);
			fputs("</th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		for (size_t r = 0; r < t[k]->nrows; r++) {
			fputs("<tr>", f);
			for (int c = 0; c < t[k]->ncols; c++) {
				const struct planview_cell *x = cell(t[k], r, c);
				fputs(x->kind == PV_NUM || x->kind == PV_MONEY ? "<td class=\"n\">"
				                                               : "<td>",
				      f);
				html_esc(f, human(x, buf, sizeof(buf), lang));
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table>\n", f);
	}
	fputs("</body>\n</html>\n", f);
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
				const struct planview_cell *x = cell(t[k], r, c);
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

/* --- words -------------------------------------------------------------- */

#define H(machine, lang, code, en, sv) ((machine) ? (code) : TR(lang, en, sv))

static const char *seller_id(const struct plan_inputs *in, int32_t s)
{
	return s >= 0 ? in->ds.sellers[s].id : NULL;
}

static const char *seller_name(const struct plan_inputs *in, int32_t s)
{
	if (s < 0)
		return NULL;
	return in->ds.sellers[s].name ? in->ds.sellers[s].name : in->ds.sellers[s].id;
}

static const char *cat_text(int cat, enum lang lang, bool machine)
{
	if (cat < 0 || cat >= CAT_COUNT)
		return NULL;
	return machine ? category_code((enum category)cat)
	               : category_label((enum category)cat, lang);
}

static const char *source_text(enum response_source s, enum lang lang)
{
	switch (s) {
	case RS_FIT:
		return TR(lang, "fitted", "anpassad");
	case RS_JUDGEMENT:
		return TR(lang, "judgement", "bedömning");
	default:
		return TR(lang, "default", "standard");
	}
}

/* Money for a sentence: "163.5 million" / "163,5 miljoner kr" from a
 * million up, else as fmt_money. */
static const char *money_words(char *buf, size_t size, double minor, enum lang lang)
{
	double kr = minor / 100.0;
	if (fabs(kr) >= 1e6) {
		char n[32];
		fmt_num(n, sizeof(n), kr / 1e6, 1, lang);
		snprintf(buf, size, TR(lang, "%s million", "%s miljoner kr"), n);
		return buf;
	}
	fmt_money(buf, size, (int64_t)llround(minor), lang);
	if (lang == LANG_EN) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, " kr");
	}
	return buf;
}

static const char *signed_money(char *buf, size_t size, double minor, enum lang lang)
{
	char m[48];
	money_words(m, sizeof(m), fabs(minor), lang);
	snprintf(buf, size, "%s%s", minor < 0 ? "−" : "+", m);
	return buf;
}

/* --- the plan's tables --------------------------------------------------- */

static struct planview_table *assignments(const struct plan_inputs *in, const struct plan_result *r,
                                          enum lang lang, bool machine, bool changes_only)
{
	const char *head[] = {
	    H(machine, lang, "customer_id", "Customer", "Kund"),
	    H(machine, lang, "name", "Name", "Namn"),
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "from_seller", "From", "Från"),
	    H(machine, lang, "to_seller", "To", "Till"),
	    H(machine, lang, "reason", "Why", "Varför"),
	    H(machine, lang, "reason_text", "", ""),
	    H(machine, lang, "channel", "Channel", "Kanal"),
	    H(machine, lang, "visits_per_year", "Visits/yr", "Besök/år"),
	    H(machine, lang, "calls_per_year", "Calls/yr", "Samtal/år"),
	    H(machine, lang, "newsletters_per_year", "Newsletters/yr", "Nyhetsbrev/år"),
	    H(machine, lang, "hours", "Hours/yr", "Timmar/år"),
	    H(machine, lang, "travel_hours", "Travel h/yr", "Restid h/år"),
	    H(machine, lang, "km_one_way", "km one way", "km enkel väg"),
	    H(machine, lang, "value_today", "Value today", "Värde i dag"),
	    H(machine, lang, "value_plan", "Value planned", "Värde enligt plan"),
	    H(machine, lang, "travel_estimated", "Travel estimated", "Restid uppskattad"),
	};
	int ncols = (int)(sizeof(head) / sizeof(head[0]));
	if (!machine) { /* people get the reason once, in words */
		memmove(&head[6], &head[7], (size_t)(ncols - 7) * sizeof(head[0]));
		ncols--;
	}
	struct planview_table *t = planview_table_new(
	    "customers", TR(lang, "Customers", "Kunder"), ncols, head);
	for (size_t k = 0; k < r->nassign; k++) {
		int32_t c = r->order[k];
		const struct plan_assign *a = &r->assign[c];
		if (changes_only && (a->to < 0 || a->to == a->from))
			continue;
		const struct customer *cu = &in->ds.customers[c];
		planview_row(t);
		planview_put_text(t, cu->id);
		planview_put_text(t, cu->name);
		planview_put_text(t, cat_text(a->cat, lang, machine));
		planview_put_text(t, cu->seller_id);
		planview_put_text(t, seller_id(in, a->to));
		if (machine)
			planview_put_text(t, plan_reason_code((enum plan_reason)a->reason));
		planview_put_text(t, plan_reason_text((enum plan_reason)a->reason, lang));
		if (a->to < 0)
			continue;
		planview_put_text(t, machine ? plan_channel_code((enum plan_channel)a->channel)
		                             : plan_channel_text((enum plan_channel)a->channel, lang));
		planview_put_num(t, a->visits, a->visits == floor(a->visits) ? 0 : 1);
		planview_put_num(t, a->calls, a->calls == floor(a->calls) ? 0 : 1);
		planview_put_num(t, a->newsletters, a->newsletters == floor(a->newsletters) ? 0 : 1);
		planview_put_num(t, a->hours, 1);
		planview_put_num(t, a->travel_hours, 1);
		if (a->km >= 0)
			planview_put_num(t, a->km, 1);
		else
			planview_put_text(t, NULL);
		planview_put_money(t, a->value_today);
		planview_put_money(t, a->value_plan);
		planview_put_text(t, a->travel_estimated ? (machine ? "true" : TR(lang, "yes", "ja"))
		                                         : (machine ? "false" : ""));
	}
	return t;
}

static struct planview_table *workload(const struct plan_inputs *in, const struct plan_result *r,
                                       enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "seller_id", "Person", "Person"),
	    H(machine, lang, "name", "Name", "Namn"),
	    H(machine, lang, "role", "Role", "Roll"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "kept", "Kept", "Behållna"),
	    H(machine, lang, "gained", "Gained", "Nya"),
	    H(machine, lang, "lost", "Lost", "Avlämnade"),
	    H(machine, lang, "visits", "Visits/yr", "Besök/år"),
	    H(machine, lang, "calls", "Calls/yr", "Samtal/år"),
	    H(machine, lang, "contact_hours", "Contact h", "Kontakttid h"),
	    H(machine, lang, "travel_hours", "Travel h", "Restid h"),
	    H(machine, lang, "hours", "Hours/yr", "Timmar/år"),
	    H(machine, lang, "capacity_hours", "Capacity h", "Kapacitet h"),
	    H(machine, lang, "load_percent", "Load %", "Beläggning %"),
	    H(machine, lang, "value_of_hour", "Value of an hour", "Värde per timme"),
	    H(machine, lang, "km_per_year", "km/yr", "km/år"),
	    H(machine, lang, "compactness_percent", "Compactness %", "Kompakthet %"),
	    H(machine, lang, "over_capacity", "Over capacity", "Över kapacitet"),
	};
	struct planview_table *t =
	    planview_table_new("workload", TR(lang, "Load per person", "Belastning per person"),
	                       (int)(sizeof(head) / sizeof(head[0])), head);
	for (size_t s = 0; s < r->nperson; s++) {
		const struct plan_person *p = &r->person[s];
		planview_row(t);
		planview_put_text(t, in->ds.sellers[s].id);
		planview_put_text(t, in->ds.sellers[s].name);
		planview_put_text(t, machine ? role_code(p->role) : role_label(p->role, lang));
		planview_put_num(t, p->customers, 0);
		planview_put_num(t, p->kept, 0);
		planview_put_num(t, p->gained, 0);
		planview_put_num(t, p->lost, 0);
		planview_put_num(t, p->visits, 0);
		planview_put_num(t, p->calls, 0);
		planview_put_num(t, p->contact_hours, 1);
		planview_put_num(t, p->travel_hours, 1);
		planview_put_num(t, p->hours, 1);
		planview_put_num(t, p->capacity_hours, 1);
		planview_put_num(t, 100.0 * p->load, 0);
		planview_put_money(t, p->price);
		planview_put_num(t, p->km_year, 0);
		if (p->compactness >= 0)
			planview_put_num(t, 100.0 * p->compactness, 0);
		else
			planview_put_text(t, NULL);
		planview_put_text(t, p->over ? (machine ? "true" : TR(lang, "yes", "ja"))
		                             : (machine ? "false" : ""));
	}
	return t;
}

static struct planview_table *headcount(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "role", "Role", "Roll"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "workload_hours", "Full policy h/yr", "Hela policyn h/år"),
	    H(machine, lang, "capacity_per_person", "Capacity/person h", "Kapacitet/person h"),
	    H(machine, lang, "needed", "Needed for the full policy", "Behövs för hela policyn"),
	    H(machine, lang, "available", "Available", "Finns"),
	    H(machine, lang, "plus_100_hours", "100 more hours worth/yr", "100 timmar till ger/år"),
	    H(machine, lang, "one_more_person", "One more person worth/yr", "En person till ger/år"),
	    H(machine, lang, "worth_adding", "Worth adding", "Lönar sig att anställa"),
	    H(machine, lang, "worth_each", "Each worth/yr", "Var och en ger/år"),
	};
	struct planview_table *t = planview_table_new(
	    "headcount", TR(lang, "Headcount and what capacity is worth", "Bemanning och vad tid är värd"),
	    (int)(sizeof(head) / sizeof(head[0])), head);
	for (int role = 1; role < ROLE_COUNT; role++) {
		const struct plan_headcount *h = &r->headcount[role];
		planview_row(t);
		planview_put_text(t, machine ? role_code(h->role) : role_label(h->role, lang));
		planview_put_num(t, h->customers, 0);
		planview_put_num(t, h->workload_hours, 1);
		planview_put_num(t, h->capacity_per_person, 1);
		planview_put_num(t, h->needed, 1);
		planview_put_num(t, h->available, 0);
		planview_put_money(t, h->plus100);
		planview_put_money(t, h->one_more);
		if (h->worth_adding >= 0)
			planview_put_num(t, h->worth_adding, 0);
		else
			planview_put_text(t, NULL);
		if (h->worth_adding > 0)
			planview_put_money(t, h->worth_each);
		else
			planview_put_text(t, NULL);
	}
	return t;
}

static struct planview_table *whatif(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "visits_today", "Visits today", "Besök i dag"),
	    H(machine, lang, "visits_plan", "Visits planned", "Besök enligt plan"),
	    H(machine, lang, "calls_today", "Calls today", "Samtal i dag"),
	    H(machine, lang, "calls_plan", "Calls planned", "Samtal enligt plan"),
	    H(machine, lang, "field_hours_today", "Field h today", "Fälttid h i dag"),
	    H(machine, lang, "field_hours_plan", "Field h planned", "Fälttid h enligt plan"),
	    H(machine, lang, "value_today", "Value today", "Värde i dag"),
	    H(machine, lang, "value_plan", "Value planned", "Värde enligt plan"),
	    H(machine, lang, "below_policy", "Below the policy", "Under policyn"),
	};
	struct planview_table *t = planview_table_new(
	    "categories", TR(lang, "Today against the plan, per category", "I dag mot planen, per kategori"),
	    (int)(sizeof(head) / sizeof(head[0])), head);
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_whatif_cat *x = &r->whatif.cat[cat];
		planview_row(t);
		planview_put_text(t, cat_text(cat, lang, machine));
		planview_put_num(t, x->customers, 0);
		planview_put_num(t, x->visits_today, 0);
		planview_put_num(t, x->visits_plan, 0);
		planview_put_num(t, x->calls_today, 0);
		planview_put_num(t, x->calls_plan, 0);
		planview_put_num(t, x->field_hours_today, 1);
		planview_put_num(t, x->field_hours_plan, 1);
		planview_put_money(t, x->value_today);
		planview_put_money(t, x->value_plan);
		planview_put_num(t, r->below[cat].below, 0);
	}
	return t;
}

static struct planview_table *response(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "source", "Source", "Källa"),
	    H(machine, lang, "contact_today", "Contact today/customer/yr",
	      "Kontakt i dag/kund/år"),
	    H(machine, lang, "no_visits", "No visits %", "Inga besök %"),
	    H(machine, lang, "half", "Half today's %", "Hälften %"),
	    H(machine, lang, "more", "50 % more %", "50 % mer %"),
	    H(machine, lang, "saturation", "Saturation %", "Mättnad %"),
	    H(machine, lang, "rho", "rho", "rho"),
	    H(machine, lang, "c", "c", "c"),
	    H(machine, lang, "d", "d", "d"),
	    H(machine, lang, "informative_customers", "Customers fitted", "Kunder i anpassningen"),
	    H(machine, lang, "rho_low", "rho low", "rho låg"),
	    H(machine, lang, "rho_high", "rho high", "rho hög"),
	};
	struct planview_table *t = planview_table_new(
	    "response", TR(lang, "How revenue answers to contact", "Hur omsättningen svarar på kontakt"),
	    (int)(sizeof(head) / sizeof(head[0])), head);
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_response *x = &r->response[cat];
		struct response_points pts;
		double fref = plan_reference_contact(x->f_ref);
		response_to_points(&x->curve, fref, &pts);
		planview_row(t);
		planview_put_text(t, cat_text(cat, lang, machine));
		planview_put_text(t, machine ? response_source_code(x->source) : source_text(x->source, lang));
		planview_put_num(t, x->f_ref, 2);
		planview_put_num(t, 100 * pts.none, 0);
		planview_put_num(t, 100 * pts.half, 0);
		planview_put_num(t, 100 * pts.more, 0);
		planview_put_num(t, 100 * pts.saturation, 0);
		planview_put_num(t, x->curve.rho, 3);
		planview_put_num(t, x->curve.c, 2);
		planview_put_num(t, x->curve.d, 2);
		planview_put_num(t, x->fit.informative, 0);
		if (x->fit.ok && x->fit.nboot) {
			planview_put_num(t, x->fit.rho_lo, 3);
			planview_put_num(t, x->fit.rho_hi, 3);
		}
	}
	return t;
}

void planview_plan_tables(const struct plan_inputs *in, const struct plan_result *r, enum lang lang,
                          bool machine, struct planview_table **out)
{
	out[PV_ASSIGNMENTS] = assignments(in, r, lang, machine, false);
	out[PV_WORKLOAD] = workload(in, r, lang, machine);
	out[PV_HEADCOUNT] = headcount(r, lang, machine);
	out[PV_WHATIF] = whatif(r, lang, machine);
	out[PV_RESPONSE] = response(r, lang, machine);
}

/* --- the decision in sentences -------------------------------------------- */

struct lines {
	char **v;
	int n;
};

static void line(struct lines *ls, char *text)
{
	ls->v = xreallocarray(ls->v, (size_t)ls->n + 1, sizeof(char *));
	ls->v[ls->n++] = text;
}

static double total_hours(const struct plan_result *r, double *cap)
{
	double h = 0;
	*cap = 0;
	for (size_t s = 0; s < r->nperson; s++) {
		if (r->person[s].role == ROLE_NONE)
			continue;
		h += r->person[s].hours;
		*cap += r->person[s].capacity_hours;
	}
	return h;
}

static char *hours_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32], c[32];
	double cap, h = total_hours(r, &cap);
	char *s = xasprintf(TR(lang, "Hours: the plan uses %s of the team's %s hours for customers (%s)",
	                       "Timmar: planen använder %s av teamets %s timmar för kunder (%s)"),
	                    fmt_num(a, sizeof(a), h, 0, lang), fmt_num(b, sizeof(b), cap, 0, lang),
	                    fmt_pct(c, sizeof(c), cap > 0 ? h / cap : 0, 0, lang));
	char *t;
	if (r->over_persons)
		t = xasprintf(TR(lang, "%s; %d persons are above capacity because of pinned customers.",
		                 "%s; %d personer är över sin kapacitet på grund av låsta kunder."),
		              s, r->over_persons);
	else
		t = xasprintf(TR(lang, "%s; nobody is above capacity.",
		                 "%s; ingen är över sin kapacitet."),
		              s);
	free(s);
	return t;
}

static char *moves_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32], c[32], d[32], e[32];
	int moved = 0;
	for (int k = 0; k < PR_COUNT; k++)
		moved += r->moves[k];
	if (!moved && !r->newly)
		return xstrdup(TR(lang, "Owners: every customer stays with its owner.",
		                  "Ansvariga: alla kunder stannar hos sin ansvarige."));
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, TR(lang, "Owners: %s customers change owner", "Ansvariga: %s kunder byter ansvarig"),
	              fmt_int(a, sizeof(a), moved, lang));
	const char *sep = TR(lang, " — ", " — ");
	if (r->moves[PR_ROLE]) {
		strbuf_printf(&sb,
		              TR(lang, "%s%s because the method says so (category 3 to customer service, 2P to hunters)",
		                 "%s%s för att metoden säger så (kategori 3 till kundtjänst, 2P till jägare)"),
		              sep, fmt_int(b, sizeof(b), r->moves[PR_ROLE], lang));
		sep = ", ";
	}
	if (r->moves[PR_CAPACITY]) {
		strbuf_printf(&sb, TR(lang, "%s%s for a better use of the team's hours", "%s%s för bättre användning av teamets timmar"),
		              sep, fmt_int(c, sizeof(c), r->moves[PR_CAPACITY], lang));
		sep = ", ";
	}
	if (r->moves[PR_BALANCE]) {
		strbuf_printf(&sb, TR(lang, "%s%s to even out the loads", "%s%s för att jämna ut belastningen"), sep,
		              fmt_int(d, sizeof(d), r->moves[PR_BALANCE], lang));
		sep = ", ";
	}
	if (r->moves[PR_PINNED]) {
		strbuf_printf(&sb, TR(lang, "%s%s pinned by the manager", "%s%s låsta av säljchefen"), sep,
		              fmt_int(d, sizeof(d), r->moves[PR_PINNED], lang));
		sep = ", ";
	}
	if (r->moves[PR_OWNER_UNKNOWN])
		strbuf_printf(&sb, TR(lang, "%s%s whose owner is not among the sellers", "%s%s vars ansvarige inte finns bland säljarna"), sep,
		              fmt_int(d, sizeof(d), r->moves[PR_OWNER_UNKNOWN], lang));
	strbuf_printf(&sb, TR(lang, "; %s stay; %s without an owner get one.", "; %s stannar; %s utan ansvarig får en."),
	              fmt_int(b, sizeof(b), r->kept, lang), fmt_int(e, sizeof(e), r->newly, lang));
	return strbuf_detach(&sb);
}

static char *contact_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32], c[32], d[32], e[32];
	double v0 = 0, v1 = 0, q0 = 0, q1 = 0;
	for (int k = 0; k < CAT_COUNT; k++) {
		v0 += r->whatif.cat[k].visits_today;
		v1 += r->whatif.cat[k].visits_plan;
		q0 += r->whatif.cat[k].calls_today;
		q1 += r->whatif.cat[k].calls_plan;
	}
	double v12 = 0, v12t = 0;
	for (int k = 0; k < CAT_3; k++) {
		v12 += r->whatif.cat[k].visits_plan;
		v12t += r->whatif.cat[k].visits_today;
	}
	return xasprintf(
	    TR(lang,
	       "Contact: %s visits and %s calls a year (today %s and %s); visits to categories 1 "
	       "and 2 go from %s to %s a year.",
	       "Kontakt: %s besök och %s samtal om året (i dag %s och %s); besöken hos kategori 1 "
	       "och 2 går från %s till %s om året."),
	    fmt_num(a, sizeof(a), v1, 0, lang), fmt_num(b, sizeof(b), q1, 0, lang),
	    fmt_num(c, sizeof(c), v0, 0, lang), fmt_num(d, sizeof(d), q0, 0, lang),
	    fmt_num(e, sizeof(e), v12t, 0, lang), fmt_num(a, sizeof(a), v12, 0, lang));
}

static char *value_line(const struct plan_result *r, enum lang lang)
{
	char a[64], b[64], c[64], d[64], e[64], f[32];
	const struct plan_value *v = &r->value;
	double gain = v->plan - v->today;
	const char *what = r->margin_rate == 1 && v->today > 0 && r->fit.months >= 0
	                       ? TR(lang, "margin", "täckningsbidrag")
	                       : TR(lang, "revenue", "omsättning");
	if (v->has_range)
		return xasprintf(
		    TR(lang,
		       "Value: expected yearly %s %s today, %s with the plan (%s, %s; range %s to %s).",
		       "Värde: förväntad %s om året %s i dag, %s med planen (%s, %s; intervall %s till %s)."),
		    what, money_words(a, sizeof(a), v->today, lang), money_words(b, sizeof(b), v->plan, lang),
		    signed_money(c, sizeof(c), gain, lang),
		    fmt_pct(f, sizeof(f), v->today > 0 ? gain / v->today : 0, 0, lang),
		    money_words(d, sizeof(d), v->low, lang), money_words(e, sizeof(e), v->high, lang));
	return xasprintf(TR(lang, "Value: expected yearly %s %s today, %s with the plan (%s, %s).",
	                    "Värde: förväntad %s om året %s i dag, %s med planen (%s, %s)."),
	                 what, money_words(a, sizeof(a), v->today, lang),
	                 money_words(b, sizeof(b), v->plan, lang), signed_money(c, sizeof(c), gain, lang),
	                 fmt_pct(f, sizeof(f), v->today > 0 ? gain / v->today : 0, 0, lang));
}

static char *policy_line(const struct plan_result *r, enum lang lang)
{
	char a[32], b[32];
	int below = 0;
	for (int k = 0; k < CAT_COUNT; k++)
		below += r->below[k].below;
	return xasprintf(TR(lang,
	                    "The policy: the team can carry %s of the full contact policy; %s customers "
	                    "get less than its target (the plan gives the hours where they are worth most).",
	                    "Policyn: teamet klarar %s av hela kontaktpolicyn; %s kunder får mindre än "
	                    "målet (planen lägger timmarna där de gör mest nytta)."),
	                 fmt_pct(a, sizeof(a), r->coverage.share, 0, lang),
	                 fmt_int(b, sizeof(b), below, lang));
}

static const char *role_plural(int role, enum lang lang)
{
	switch (role) {
	case ROLE_FARMER:
		return TR(lang, "Farmers", "Förvaltare");
	case ROLE_HUNTER:
		return TR(lang, "Hunters", "Jägare");
	default:
		return TR(lang, "Customer service", "Kundtjänst");
	}
}

static char *headcount_line(const struct plan_result *r, int role, enum lang lang)
{
	const struct plan_headcount *h = &r->headcount[role];
	char a[64], b[64], c[64], d[32], e[32], f[64];
	if (!h->available)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char m[96] = "";
	if (r->margin_rate > 0 && r->margin_rate < 1)
		snprintf(m, sizeof(m), TR(lang, " in revenue (%s margin)", " i omsättning (%s i täckningsbidrag)"),
		         money_words(f, sizeof(f), h->one_more * r->margin_rate, lang));
	strbuf_printf(&sb,
	              TR(lang, "%s: the full policy would need %s of them (the team has %d); one more is worth about %s a year%s, 100 more hours %s",
	                 "%s: hela policyn skulle behöva %s (teamet har %d); en till är värd ungefär %s om året%s, 100 timmar till %s"),
	              role_plural(role, lang), fmt_num(d, sizeof(d), h->needed, 0, lang),
	              h->available, money_words(a, sizeof(a), h->one_more, lang), m,
	              money_words(b, sizeof(b), h->plus100, lang));
	if (h->worth_adding < 0)
		strbuf_printf(&sb, "%s", TR(lang, " (without margins the cost of a person cannot be weighed).",
		                           " (utan täckningsbidrag kan kostnaden för en person inte vägas in)."));
	else if (h->worth_adding == 0)
		strbuf_printf(&sb, TR(lang, "; at %s a year a person is not worth adding.",
		                      "; med %s om året lönar det sig inte att anställa."),
		              money_words(c, sizeof(c), r->params.person_cost, lang));
	else
		strbuf_printf(&sb, TR(lang, "; worth adding: %s, each about %s a year (at %s a year each).",
		                      "; lönar sig att anställa: %s, var och en ungefär %s om året (med %s om året var)."),
		              fmt_int(e, sizeof(e), h->worth_adding, lang),
		              money_words(f, sizeof(f), h->worth_each, lang),
		              money_words(c, sizeof(c), r->params.person_cost, lang));
	return strbuf_detach(&sb);
}

void planview_plan_summary(const struct plan_inputs *in, const struct plan_result *r,
                           enum lang lang, char ***lines, int *n)
{
	(void)in;
	struct lines ls = {0};
	line(&ls, hours_line(r, lang));
	line(&ls, moves_line(r, lang));
	line(&ls, contact_line(r, lang));
	line(&ls, value_line(r, lang));
	line(&ls, policy_line(r, lang));
	for (int role = 1; role < ROLE_COUNT; role++) {
		char *s = headcount_line(r, role, lang);
		if (s)
			line(&ls, s);
	}
	*lines = ls.v;
	*n = ls.n;
}

void planview_lines_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* --- notes --------------------------------------------------------------- */

struct notes {
	char **texts;
	const char **codes;
	int n;
};

static void note(struct notes *ns, const char *code, char *text)
{
	ns->texts = xreallocarray(ns->texts, (size_t)ns->n + 1, sizeof(char *));
	ns->codes = xreallocarray(ns->codes, (size_t)ns->n + 1, sizeof(char *));
	ns->texts[ns->n] = text;
	ns->codes[ns->n++] = code;
}

/* Up to five ids, then "and N more". which: 0 persons without home, 1
 * persons over capacity, 2 customers without a place. */
static char *some_ids(const struct plan_inputs *in, const struct plan_result *r, int which,
                      enum lang lang)
{
	struct strbuf sb = STRBUF_INIT;
	int shown = 0, total = 0;
	bool persons = which < 2;
	size_t n = persons ? r->nperson : r->nassign;
	for (size_t k = 0; k < n; k++) {
		size_t i = persons ? k : (size_t)r->order[k];
		bool hit;
		if (which == 0)
			hit = r->person[i].role != ROLE_NONE && !r->person[i].has_home &&
			      plan_role_has_visits(&in->policy, r->person[i].role);
		else if (which == 1)
			hit = r->person[i].over;
		else
			hit = r->assign[i].cat != CAT_NONE && !r->assign[i].located &&
			      plan_role_of(&in->policy, r->assign[i].cat) != ROLE_SERVICE &&
			      in->policy.cat[r->assign[i].cat].max[CH_VISIT] > 0;
		if (!hit)
			continue;
		total++;
		if (shown < 5) {
			strbuf_puts(&sb, shown ? ", " : "");
			strbuf_puts(&sb, persons ? in->ds.sellers[i].id : in->ds.customers[i].id);
			shown++;
		}
	}
	if (total > shown)
		strbuf_printf(&sb, TR(lang, " and %d more", " och %d till"), total - shown);
	return strbuf_detach(&sb);
}

void planview_plan_notes(const struct plan_inputs *in, const struct plan_result *r, enum lang lang,
                         char ***texts, const char ***codes, int *n)
{
	struct notes ns = {0};
	for (int role = 1; role < ROLE_COUNT; role++) {
		if (!r->role_needed[role] || r->headcount[role].available)
			continue;
		note(&ns, "no_role",
		     xasprintf(TR(lang,
		                  "%d customers need a %s, but nobody in the team has that role: they are "
		                  "not placed. Add sellers with that role, or give their categories another "
		                  "role with 'fokus policy set'.",
		                  "%d kunder behöver en %s, men ingen i teamet har den rollen: de "
		                  "placeras inte. Lägg till säljare med rollen, eller ge kategorierna en "
		                  "annan roll med 'fokus policy set'."),
		               r->role_needed[role], role_label((enum role)role, lang)));
	}
	if (r->unlocated) {
		char *ids = some_ids(in, r, 2, lang);
		note(&ns, "unlocated",
		     xasprintf(TR(lang,
		                  "%d customers have no coordinates or known postal code (%s): their "
		                  "travel is estimated from the role's average distance.",
		                  "%d kunder saknar koordinater eller känt postnummer (%s): deras restid "
		                  "uppskattas från rollens medelavstånd."),
		               r->unlocated, ids));
		free(ids);
	}
	if (r->no_home) {
		char *ids = some_ids(in, r, 0, lang);
		note(&ns, "no_home",
		     xasprintf(TR(lang,
		                  "%d persons have no home location (%s): their travel is estimated from "
		                  "their role's average distance.",
		                  "%d personer saknar hemort (%s): deras restid uppskattas från rollens "
		                  "medelavstånd."),
		               r->no_home, ids));
		free(ids);
	}
	if (r->over_persons) {
		char *ids = some_ids(in, r, 1, lang);
		note(&ns, "over_capacity",
		     xasprintf(TR(lang,
		                  "%d persons are above capacity (%s) because of pinned customers: the "
		                  "plan never does that by itself.",
		                  "%d personer är över sin kapacitet (%s) på grund av låsta kunder: "
		                  "planen gör aldrig så själv."),
		               r->over_persons, ids));
		free(ids);
	}
	int nocat = 0;
	for (size_t c = 0; c < r->nassign; c++)
		nocat += r->assign[c].reason == PR_NO_CATEGORY;
	if (nocat)
		note(&ns, "no_category",
		     xasprintf(TR(lang,
		                  "%d customers are not in snapshot %lld (imported later?): they are not "
		                  "placed; run 'fokus categorize' to include them.",
		                  "%d kunder finns inte i ögonblicksbild %lld (importerade senare?): de "
		                  "placeras inte; kör 'fokus categorize' för att ta med dem."),
		               nocat, (long long)in->snapshot_id));
	if (!r->whatif.activities_in_window)
		note(&ns, "no_activities",
		     xstrdup(TR(lang,
		                "No activities in the last 12 months: today's contact is unknown, so the "
		                "plan takes today's revenue as bought without visits.",
		                "Inga aktiviteter de senaste 12 månaderna: dagens kontakt är okänd, så "
		                "planen räknar dagens omsättning som köpt utan besök.")));
	int guessed = 0;
	for (int k = 0; k < CAT_COUNT; k++)
		guessed += r->response[k].source == RS_DEFAULT && r->whatif.cat[k].customers > 0;
	if (guessed)
		note(&ns, "response_default",
		     xstrdup(TR(lang,
		                "The history is too thin to fit how revenue answers to contact in every "
		                "category: those use the method's default curve. Set your own with 'fokus "
		                "policy response set'.",
		                "Historiken räcker inte för att anpassa hur omsättningen svarar på kontakt "
		                "i alla kategorier: de använder metodens standardkurva. Ange en egen med "
		                "'fokus policy response set'.")));
	if (r->search_stopped)
		note(&ns, "time_limit",
		     xstrdup(TR(lang, "The search stopped at its time limit: the plan is good, perhaps not the best.",
		                "Sökningen stannade vid tidsgränsen: planen är bra, kanske inte den bästa.")));
	*texts = ns.texts;
	*codes = ns.codes;
	*n = ns.n;
}

void planview_notes_free(char **texts, const char **codes, int n)
{
	for (int i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(codes);
}

/* --- JSON ---------------------------------------------------------------- */

/* A number rounded to `decimals`; whole numbers as integers (8, not 8.0). */
static json_t *round_real(double v, int decimals)
{
	double m = pow(10, decimals);
	double x = round(v * m) / m;
	if (x == floor(x) && fabs(x) < 9e15)
		return json_integer((json_int_t)x);
	return json_real(x);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *money(double minor)
{
	return round_real(minor / 100.0, 2);
}

static json_t *date_or_null(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

json_t *planview_assignment_json(const struct plan_inputs *in, const struct plan_result *r,
                                 int32_t c)
{
	const struct plan_assign *a = &r->assign[c];
	const struct customer *cu = &in->ds.customers[c];
	json_t *o = json_object();
	json_object_set_new(o, "customer_id", json_string(cu->id));
	json_object_set_new(o, "name", str_or_null(cu->name));
	json_object_set_new(o, "category", a->cat == CAT_NONE
	                                       ? json_null()
	                                       : json_string(category_code((enum category)a->cat)));
	json_object_set_new(o, "from_seller", str_or_null(cu->seller_id));
	json_object_set_new(o, "to_seller", str_or_null(seller_id(in, a->to)));
	json_object_set_new(o, "reason", json_string(plan_reason_code((enum plan_reason)a->reason)));
	json_object_set_new(o, "channel",
	                    json_string(plan_channel_code((enum plan_channel)a->channel)));
	json_object_set_new(o, "visits_per_year", round_real(a->visits, 2));
	json_object_set_new(o, "calls_per_year", round_real(a->calls, 2));
	json_object_set_new(o, "newsletters_per_year", round_real(a->newsletters, 2));
	json_object_set_new(o, "hours", round_real(a->hours, 2));
	json_object_set_new(o, "travel_hours", round_real(a->travel_hours, 2));
	json_object_set_new(o, "km_one_way", a->km >= 0 ? round_real(a->km, 1) : json_null());
	json_object_set_new(o, "travel_estimated", json_boolean(a->travel_estimated));
	json_object_set_new(o, "located", json_boolean(a->located));
	json_object_set_new(o, "value_today", money(a->value_today));
	json_object_set_new(o, "value_plan", money(a->value_plan));
	return o;
}

static json_t *json_assignments(const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *arr = json_array();
	for (size_t k = 0; k < r->nassign; k++)
		json_array_append_new(arr, planview_assignment_json(in, r, r->order[k]));
	return arr;
}

static json_t *json_workload(const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *arr = json_array();
	for (size_t s = 0; s < r->nperson; s++) {
		const struct plan_person *p = &r->person[s];
		json_t *o = json_object();
		json_object_set_new(o, "seller_id", json_string(in->ds.sellers[s].id));
		json_object_set_new(o, "name", str_or_null(in->ds.sellers[s].name));
		json_object_set_new(o, "role", p->role ? json_string(role_code(p->role)) : json_null());
		json_object_set_new(o, "hours", round_real(p->hours, 2));
		json_object_set_new(o, "capacity_hours", round_real(p->capacity_hours, 2));
		json_object_set_new(o, "load", round_real(p->load, 4));
		json_object_set_new(o, "customers", json_integer(p->customers));
		json_object_set_new(o, "kept", json_integer(p->kept));
		json_object_set_new(o, "gained", json_integer(p->gained));
		json_object_set_new(o, "lost", json_integer(p->lost));
		json_object_set_new(o, "visits", round_real(p->visits, 2));
		json_object_set_new(o, "calls", round_real(p->calls, 2));
		json_object_set_new(o, "contact_hours", round_real(p->contact_hours, 2));
		json_object_set_new(o, "travel_hours", round_real(p->travel_hours, 2));
		json_object_set_new(o, "value_of_hour", money(p->price));
		json_object_set_new(o, "km_per_year", round_real(p->km_year, 0));
		json_object_set_new(o, "mean_km", p->mean_km >= 0 ? round_real(p->mean_km, 1) : json_null());
		json_object_set_new(o, "compactness",
		                    p->compactness >= 0 ? round_real(p->compactness, 3) : json_null());
		json_object_set_new(o, "value_plan", money(p->value_plan));
		json_object_set_new(o, "over_capacity", json_boolean(p->over));
		json_object_set_new(o, "has_home", json_boolean(p->has_home));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* How many more persons of the role would pay for themselves, and what
 * each would bring (null when none is worth adding). */
static void set_worth(json_t *o, const struct plan_headcount *h)
{
	json_object_set_new(o, "worth_adding", h->worth_adding >= 0 ? json_integer(h->worth_adding) : json_null());
	json_object_set_new(o, "worth_each", h->worth_adding > 0 ? money(h->worth_each) : json_null());
}

static json_t *json_headcount(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int role = 1; role < ROLE_COUNT; role++) {
		const struct plan_headcount *h = &r->headcount[role];
		json_t *o = json_object();
		json_object_set_new(o, "role", json_string(role_code(h->role)));
		json_object_set_new(o, "needed", round_real(h->needed, 2));
		json_object_set_new(o, "available", json_integer(h->available));
		json_object_set_new(o, "customers", json_integer(h->customers));
		json_object_set_new(o, "workload_hours", round_real(h->workload_hours, 2));
		json_object_set_new(o, "capacity_per_person", round_real(h->capacity_per_person, 2));
		json_object_set_new(o, "plan_hours", round_real(h->plan_hours, 2));
		set_worth(o, h);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_capacity_value(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int role = 1; role < ROLE_COUNT; role++) {
		const struct plan_headcount *h = &r->headcount[role];
		json_t *o = json_object();
		json_object_set_new(o, "role", json_string(role_code(h->role)));
		json_object_set_new(o, "plus_100_hours", money(h->plus100));
		json_object_set_new(o, "one_more_person", money(h->one_more));
		json_object_set_new(o, "needed_for_policy", round_real(h->needed, 2));
		json_object_set_new(o, "available", json_integer(h->available));
		set_worth(o, h);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_below(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_below *b = &r->below[cat];
		json_t *o = json_object(), *ch = json_object();
		json_object_set_new(o, "category", json_string(category_code((enum category)cat)));
		json_object_set_new(o, "customers", json_integer(b->customers));
		json_object_set_new(o, "below", json_integer(b->below));
		json_object_set_new(o, "policy_visits", round_real(b->policy_visits, 2));
		json_object_set_new(o, "policy_calls", round_real(b->policy_calls, 2));
		json_object_set_new(o, "visits", round_real(b->visits, 2));
		json_object_set_new(o, "calls", round_real(b->calls, 2));
		for (int k = 0; k < PC_COUNT; k++)
			json_object_set_new(ch, plan_channel_code((enum plan_channel)k),
			                    json_integer(b->channel[k]));
		json_object_set_new(o, "channels", ch);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_response(const struct plan_result *r)
{
	json_t *arr = json_array();
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_response *x = &r->response[cat];
		struct response_points pts;
		double fref = plan_reference_contact(x->f_ref);
		response_to_points(&x->curve, fref, &pts);
		json_t *o = json_object(), *p = json_object(), *fit = json_object();
		json_object_set_new(o, "category", json_string(category_code((enum category)cat)));
		json_object_set_new(o, "source", json_string(response_source_code(x->source)));
		json_object_set_new(o, "rho", round_real(x->curve.rho, 4));
		json_object_set_new(o, "c", round_real(x->curve.c, 4));
		json_object_set_new(o, "d", round_real(x->curve.d, 4));
		json_object_set_new(o, "contact_today", round_real(x->f_ref, 3));
		json_object_set_new(o, "reference_contact", round_real(fref, 3));
		json_object_set_new(p, "no_visits", round_real(pts.none, 4));
		json_object_set_new(p, "half", round_real(pts.half, 4));
		json_object_set_new(p, "more", round_real(pts.more, 4));
		json_object_set_new(p, "saturation", round_real(pts.saturation, 4));
		json_object_set_new(o, "points", p);
		json_object_set_new(fit, "ok", json_boolean(x->fit.ok));
		json_object_set_new(fit, "customers", json_integer(x->fit.customers));
		json_object_set_new(fit, "informative", json_integer(x->fit.informative));
		if (x->fit.ok) {
			json_object_set_new(fit, "rho", round_real(x->fit.est.rho, 4));
			json_object_set_new(fit, "d", round_real(x->fit.est.d, 4));
			json_object_set_new(fit, "lr", round_real(x->fit.lr, 2));
		}
		if (x->fit.ok && x->fit.nboot) {
			json_object_set_new(fit, "rho_low", round_real(x->fit.rho_lo, 4));
			json_object_set_new(fit, "rho_high", round_real(x->fit.rho_hi, 4));
			json_object_set_new(fit, "d_low", round_real(x->fit.d_lo, 4));
			json_object_set_new(fit, "d_high", round_real(x->fit.d_hi, 4));
			json_object_set_new(fit, "replicates", json_integer(x->fit.nboot));
		}
		json_object_set_new(o, "fit", fit);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_whatif(const struct plan_result *r)
{
	const struct plan_whatif *w = &r->whatif;
	json_t *o = json_object();
	json_object_set_new(o, "from", date_or_null(w->from));
	json_object_set_new(o, "to", date_or_null(w->to));
	json_object_set_new(o, "activities", json_integer((json_int_t)w->activities_in_window));
	json_t *cats = json_array();
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_whatif_cat *x = &w->cat[cat];
		json_t *c = json_object();
		json_object_set_new(c, "category", json_string(category_code((enum category)cat)));
		json_object_set_new(c, "customers", json_integer(x->customers));
		json_object_set_new(c, "visits_today", round_real(x->visits_today, 2));
		json_object_set_new(c, "visits_plan", round_real(x->visits_plan, 2));
		json_object_set_new(c, "calls_today", round_real(x->calls_today, 2));
		json_object_set_new(c, "calls_plan", round_real(x->calls_plan, 2));
		json_object_set_new(c, "field_hours_today", round_real(x->field_hours_today, 2));
		json_object_set_new(c, "field_hours_plan", round_real(x->field_hours_plan, 2));
		json_object_set_new(c, "value_today", money(x->value_today));
		json_object_set_new(c, "value_plan", money(x->value_plan));
		json_array_append_new(cats, c);
	}
	json_object_set_new(o, "categories", cats);
	json_object_set_new(o, "field_hours_freed_cat3", round_real(w->field_hours_freed_cat3, 2));
	json_object_set_new(o, "extra_visits_1_2", round_real(w->extra_visits_1_2, 2));
	return o;
}

/* The words for the codes, so a program can show them to people. */
static json_t *json_words(void)
{
	json_t *o = json_object(), *rs = json_object(), *cs = json_object();
	for (int k = 0; k < PR_COUNT; k++) {
		json_t *w = json_object();
		json_object_set_new(w, "en", json_string(plan_reason_text((enum plan_reason)k, LANG_EN)));
		json_object_set_new(w, "sv", json_string(plan_reason_text((enum plan_reason)k, LANG_SV)));
		json_object_set_new(rs, plan_reason_code((enum plan_reason)k), w);
	}
	for (int k = 0; k < PC_COUNT; k++) {
		json_t *w = json_object();
		json_object_set_new(w, "en", json_string(plan_channel_text((enum plan_channel)k, LANG_EN)));
		json_object_set_new(w, "sv", json_string(plan_channel_text((enum plan_channel)k, LANG_SV)));
		json_object_set_new(cs, plan_channel_code((enum plan_channel)k), w);
	}
	json_object_set_new(o, "reasons", rs);
	json_object_set_new(o, "channels", cs);
	return o;
}

json_t *planview_plan_json_object(const struct plan_inputs *in, const struct plan_result *r,
                                  bool with_assignments)
{
	json_t *root = json_object();
	json_object_set_new(root, "snapshot_id", json_integer(in->snapshot_id));
	json_t *params = json_object();
	json_object_set_new(params, "field_share", round_real(r->params.field_share, 4));
	json_object_set_new(params, "road_factor", round_real(r->params.road_factor, 4));
	json_object_set_new(params, "speed_kmh", round_real(r->params.speed_kmh, 4));
	json_object_set_new(params, "default_hours", round_real(r->params.default_hours, 2));
	json_object_set_new(params, "move_cost", money(r->params.move_cost));
	json_object_set_new(params, "person_cost", money(r->params.person_cost));
	json_object_set_new(params, "balance", round_real(r->params.balance, 4));
	json_object_set_new(params, "phone_weight", round_real(in->phone_weight, 4));
	json_object_set_new(params, "axis", json_string(in->margin ? "margin" : "amount"));
	json_object_set_new(root, "params", params);
	json_object_set_new(root, "objective", money(r->objective));
	json_t *v = json_object();
	json_object_set_new(v, "today", money(r->value.today));
	json_object_set_new(v, "plan", money(r->value.plan));
	json_object_set_new(v, "low", money(r->value.low));
	json_object_set_new(v, "high", money(r->value.high));
	json_object_set_new(root, "value", v);
	json_t *cov = json_object();
	json_object_set_new(cov, "policy_hours", round_real(r->coverage.policy_hours, 1));
	json_object_set_new(cov, "capacity_hours", round_real(r->coverage.capacity_hours, 1));
	json_object_set_new(cov, "share", round_real(r->coverage.share, 4));
	json_object_set_new(root, "coverage", cov);
	json_object_set_new(root, "below_policy", json_below(r));
	json_object_set_new(root, "capacity_value", json_capacity_value(r));
	json_t *mv = json_object();
	for (int k = 0; k < PR_COUNT; k++)
		if (k != PR_KEPT && k != PR_NO_OWNER && k != PR_NO_ROLE && k != PR_NO_CATEGORY)
			json_object_set_new(mv, plan_reason_code((enum plan_reason)k), json_integer(r->moves[k]));
	json_object_set_new(root, "moves", mv);
	json_object_set_new(root, "response", json_response(r));
	if (with_assignments)
		json_object_set_new(root, "assignments", json_assignments(in, r));
	json_object_set_new(root, "workload", json_workload(in, r));
	json_object_set_new(root, "headcount", json_headcount(r));
	json_object_set_new(root, "whatif", json_whatif(r));
	json_t *summary = json_object();
	json_object_set_new(summary, "customers", json_integer((json_int_t)r->nassign));
	json_object_set_new(summary, "kept", json_integer(r->kept));
	json_object_set_new(summary, "moved", json_integer(r->moved));
	json_object_set_new(summary, "newly_assigned", json_integer(r->newly));
	json_object_set_new(summary, "unplaced", json_integer(r->unplaced));
	json_object_set_new(summary, "pinned", json_integer(r->pinned));
	json_object_set_new(summary, "over_capacity_persons", json_integer(r->over_persons));
	json_object_set_new(summary, "unlocated", json_integer(r->unlocated));
	json_object_set_new(root, "summary", summary);
	json_object_set_new(root, "words", json_words());
	char **texts;
	const char **codes;
	int n;
	planview_plan_notes(in, r, LANG_EN, &texts, &codes, &n);
	json_t *warn = json_array();
	for (int i = 0; i < n; i++) {
		json_t *w = json_object();
		json_object_set_new(w, "code", json_string(codes[i]));
		json_object_set_new(w, "message", json_string(texts[i]));
		json_array_append_new(warn, w);
	}
	planview_notes_free(texts, codes, n);
	json_object_set_new(root, "warnings", warn);
	return root;
}

/* v dumped with an indent of 2, its lines shifted right by `indent`. */
static void dump_indented(FILE *f, const json_t *v, int indent)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12) |
	                            JSON_ENCODE_ANY);
	for (const char *c = s; c && *c; c++) {
		fputc(*c, f);
		if (*c == '\n')
			fprintf(f, "%*s", indent, "");
	}
	free(s);
}

/* The document as json_dumpf would print it with an indent of 2, but the
 * customers' rows one at a time: a million customers need not be a tree in
 * memory. */
void planview_plan_json(FILE *f, const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *root = planview_plan_json_object(in, r, false);
	const char *key;
	json_t *v;
	bool first = true;
	fputs("{", f);
	json_object_foreach(root, key, v)
	{
		fputs(first ? "\n  " : ",\n  ", f);
		first = false;
		json_t *k = json_string(key);
		dump_indented(f, k, 2);
		json_decref(k);
		fputs(": ", f);
		dump_indented(f, v, 2);
		if (!strcmp(key, "response")) {
			fputs(",\n  \"assignments\": [", f);
			for (size_t i = 0; i < r->nassign; i++) {
				json_t *a = planview_assignment_json(in, r, r->order[i]);
				fputs(i ? ",\n    " : "\n    ", f);
				dump_indented(f, a, 4);
				json_decref(a);
			}
			fputs(r->nassign ? "\n  ]" : "]", f);
		}
	}
	fputs("\n}\n", f);
	json_decref(root);
}

/* --- the terminal report ------------------------------------------------- */

#define MAX_CHANGES 25

void planview_plan_text(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                        enum lang lang)
{
	char a[32], b[32];
	fprintf(f,
	        TR(lang, "Coverage plan — snapshot %lld: %s customers, %s persons\n\n",
	           "Täckningsplan — ögonblicksbild %lld: %s kunder, %s personer\n\n"),
	        (long long)in->snapshot_id, fmt_int(a, sizeof(a), (int64_t)r->nassign, lang),
	        fmt_int(b, sizeof(b), (int64_t)r->nperson, lang));
	char **lines;
	int n;
	planview_plan_summary(in, r, lang, &lines, &n);
	fprintf(f, "%s\n", TR(lang, "The decision", "Beslutet"));
	for (int i = 0; i < n; i++)
		fprintf(f, "  • %s\n", lines[i]);
	planview_lines_free(lines, n);
	struct planview_table *t[PV_NTABLES];
	planview_plan_tables(in, r, lang, false, t);
	static const int order[] = {PV_WORKLOAD, PV_WHATIF, PV_HEADCOUNT, PV_RESPONSE};
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		fprintf(f, "\n%s\n", t[order[k]]->title);
		planview_write_text(f, t[order[k]], lang);
	}
	for (int k = 0; k < PV_NTABLES; k++)
		planview_table_free(t[k]);
	struct planview_table *ch = assignments(in, r, lang, false, true);
	fprintf(f, "\n%s\n", TR(lang, "Customers that change owner (the most valuable first)",
	                        "Kunder som byter ansvarig (de mest värdefulla först)"));
	if (ch->nrows) {
		write_text_rows(f, ch, lang, MAX_CHANGES);
		if (ch->nrows > MAX_CHANGES)
			fprintf(f,
			        TR(lang, "… %zu more: every customer in --format csv, json or xlsx\n",
			           "… %zu till: alla kunder med --format csv, json eller xlsx\n"),
			        ch->nrows - MAX_CHANGES);
	} else {
		fprintf(f, "%s\n", TR(lang, "(none: every customer stays)", "(inga: alla kunder stannar)"));
	}
	planview_table_free(ch);
	fprintf(f, "\n%s\n",
	        TR(lang,
	           "Value = expected yearly revenue from each customer's response curve at its contact "
	           "a year; the range is the\nmiddle 80 % over the fit's bootstrap. Formulas and an "
	           "example: docs/plan.md.",
	           "Värde = förväntad omsättning om året enligt varje kunds svarskurva vid dess kontakt "
	           "om året; intervallet är\nde mittersta 80 % över anpassningens bootstrap. Formler "
	           "och exempel: docs/plan.md."));
}

/* --- the html page --------------------------------------------------------- */

/* The customer table of the page: a searchable, paged view over the rows
 * embedded as JSON (12 fields each), and a csv download of all of them.
 * Words come from the page's own tables, never codes. */
static const char page_script[] =
    "(function(){\n"
    "var D=JSON.parse(document.getElementById('plan-data').textContent);\n"
    "var rows=D.rows,per=50,page=0,shown=rows;\n"
    "var q=document.getElementById('plan-q'),tb=document.getElementById('plan-rows');\n"
    "var cnt=document.getElementById('plan-count'),pg=document.getElementById('plan-page');\n"
    "function money(v){return v.toLocaleString(D.locale,{maximumFractionDigits:0});}\n"
    "function num(v){return v.toLocaleString(D.locale,{maximumFractionDigits:1});}\n"
    "function txt(r){return [r[0],r[1],D.cats[r[2]+1],r[3],r[4],D.reasons[r[5]],D.channels[r[6]]]"
    ".join(' ').toLowerCase();}\n"
    "function cell(tr,t,right){var td=document.createElement('td');td.textContent=t;"
    "if(right)td.className='r';tr.appendChild(td);return td;}\n"
    "function badge(tr,k){var td=cell(tr,'');if(k<0)return;var b=document.createElement('span');"
    "b.className='fk-badge fk-cat-'+D.codes[k];b.textContent=D.codes[k];b.title=D.cats[k+1];"
    "td.appendChild(b);}\n"
    "function draw(){tb.textContent='';var a=page*per,b=Math.min(a+per,shown.length);\n"
    " for(var i=a;i<b;i++){var r=shown[i],tr=document.createElement('tr');\n"
    "  cell(tr,r[0]);cell(tr,r[1]);badge(tr,r[2]);cell(tr,r[3]);cell(tr,r[4]);\n"
    "  cell(tr,D.reasons[r[5]]);cell(tr,D.channels[r[6]]);cell(tr,num(r[7]),1);cell(tr,num(r[8]),1);\n"
    "  cell(tr,num(r[9]),1);cell(tr,money(r[10]),1);cell(tr,money(r[11]),1);tb.appendChild(tr);}\n"
    " cnt.textContent=D.of.replace('%1',shown.length?a+1:0).replace('%2',b).replace('%3',shown.length);\n"
    " pg.textContent=(page+1)+' / '+Math.max(1,Math.ceil(shown.length/per));}\n"
    "q.addEventListener('input',function(){var s=q.value.trim().toLowerCase();"
    "shown=s?rows.filter(function(r){return txt(r).indexOf(s)>=0;}):rows;page=0;draw();});\n"
    "document.getElementById('plan-prev').addEventListener('click',function(){if(page>0){page--;draw();}});\n"
    "document.getElementById('plan-next').addEventListener('click',function(){"
    "if((page+1)*per<shown.length){page++;draw();}});\n"
    "document.getElementById('plan-csv').addEventListener('click',function(){\n"
    " function esc(v){v=String(v);return /[\",\\n]/.test(v)?'\"'+v.replace(/\"/g,'\"\"')+'\"':v;}\n"
    " var out=[D.head.map(esc).join(',')];\n"
    " rows.forEach(function(r){out.push([r[0],r[1],D.cats[r[2]+1],r[3],r[4],D.reasons[r[5]],"
    "D.channels[r[6]],r[7],r[8],r[9],r[10],r[11]].map(esc).join(','));});\n"
    " var blob=new Blob(['\\ufeff'+out.join('\\r\\n')+'\\r\\n'],{type:'text/csv;charset=utf-8'});\n"
    " var a=document.createElement('a');a.href=URL.createObjectURL(blob);a.download='plan.csv';"
    "document.body.appendChild(a);a.click();a.remove();});\n"
    "draw();})();\n";

static const char page_css[] =
    ".pv-bar{position:relative;background:#e6eaef;border-radius:4px;height:14px;min-width:120px}\n"
    ".pv-bar span{position:absolute;left:0;top:0;bottom:0;border-radius:4px;background:#2a9d8f}\n"
    ".pv-bar span.over{background:#c0392b}\n"
    ".pv-bar i{position:absolute;left:83.3%;top:-3px;bottom:-3px;border-left:2px solid #1d232b}\n"
    ".pv-list li{margin:.35em 0}\n"
    "#plan-customers td{white-space:nowrap}#plan-customers td:nth-child(2){white-space:normal;"
    "min-width:12em}\n"
    ".pv-pager{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:8px 0}\n"
    ".pv-pager button{font:inherit;padding:4px 12px;border:1px solid #c4cbd3;background:#fff;"
    "border-radius:6px;cursor:pointer}\n"
    "@media (max-width:640px){main{padding:12px}section{padding:14px}"
    ".fk-filter input{min-width:0;width:100%}}\n";

#define PAGE_COLS 12

/* The headings of the page's customer table (and of its csv download). */
static void page_heads(enum lang lang, const char **h)
{
	static const char *const en[PAGE_COLS] = {
	    "Customer", "Name",     "Category",  "From",        "To",          "Why",
	    "Channel",  "Visits/yr", "Calls/yr", "Hours/yr", "Value today", "Value planned"};
	static const char *const sv[PAGE_COLS] = {
	    "Kund",  "Namn",     "Kategori",  "Från",      "Till",        "Varför",
	    "Kanal", "Besök/år", "Samtal/år", "Timmar/år", "Värde i dag", "Värde enligt plan"};
	for (int k = 0; k < PAGE_COLS; k++)
		h[k] = lang == LANG_SV ? sv[k] : en[k];
}

static void table_html(FILE *f, const char *id, const struct planview_table *t, enum lang lang)
{
	char *align = xcalloc((size_t)t->ncols + 1, 1);
	for (int c = 0; c < t->ncols; c++) {
		enum planview_kind k = PV_TEXT;
		for (size_t r = 0; r < t->nrows && k == PV_TEXT; r++)
			if (cell(t, r, c)->kind != PV_EMPTY)
				k = cell(t, r, c)->kind;
		align[c] = k == PV_NUM || k == PV_MONEY ? 'r' : 'l';
	}
	fputs("<div class=\"fk-wrap\">", f);
	html_table_begin(f, id, (const char *const *)t->head, t->ncols, align, NULL);
	char buf[64];
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr>", f);
		for (int c = 0; c < t->ncols; c++) {
			const struct planview_cell *x = cell(t, r, c);
			if (x->kind == PV_NUM || x->kind == PV_MONEY)
				html_td_num(f, x->num, human(x, buf, sizeof(buf), lang));
			else
				html_td(f, human(x, buf, sizeof(buf), lang), align[c]);
		}
		fputs("</tr>\n", f);
	}
	html_table_end(f, 0);
	fputs("</div>\n", f);
	free(align);
}

static void cards(FILE *f, const struct plan_result *r, enum lang lang)
{
	char a[64], b[64], b2[64], c[160];
	double cap, h = total_hours(r, &cap);
	int moved = 0;
	for (int k = 0; k < PR_COUNT; k++)
		moved += r->moves[k];
	html_cards_begin(f);
	fmt_pct(a, sizeof(a), cap > 0 ? h / cap : 0, 0, lang);
	snprintf(c, sizeof(c), TR(lang, "%s of %s h", "%s av %s h"), fmt_num(b, sizeof(b), h, 0, lang),
	         fmt_num(b2, sizeof(b2), cap, 0, lang));
	html_card(f, TR(lang, "Team's hours used", "Teamets timmar som används"), a, c, NULL);
	fmt_int(a, sizeof(a), moved, lang);
	snprintf(c, sizeof(c), TR(lang, "%s by the method", "%s enligt metoden"),
	         fmt_int(b, sizeof(b), r->moves[PR_ROLE], lang));
	html_card(f, TR(lang, "Customers changing owner", "Kunder som byter ansvarig"), a, c, NULL);
	signed_money(a, sizeof(a), r->value.plan - r->value.today, lang);
	snprintf(c, sizeof(c), "%s → %s", money_words(b, sizeof(b), r->value.today, lang),
	         money_words(b2, sizeof(b2), r->value.plan, lang));
	html_card(f, TR(lang, "Expected a year with the plan", "Förväntat per år med planen"), a, c,
	          "#2a9d8f");
	fmt_pct(a, sizeof(a), r->coverage.share, 0, lang);
	html_card(f, TR(lang, "Of the full policy the team carries", "Av hela policyn som teamet klarar"),
	          a, NULL, NULL);
	const struct plan_headcount *fh = &r->headcount[ROLE_FARMER];
	if (fh->available) {
		money_words(a, sizeof(a), fh->one_more, lang);
		html_card(f, TR(lang, "One more farmer would add a year", "En förvaltare till ger per år"), a,
		          NULL, NULL);
	}
	html_cards_end(f);
}

static void load_section(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                         enum lang lang)
{
	const char *head[] = {TR(lang, "Person", "Person"), TR(lang, "Role", "Roll"),
	                      TR(lang, "Load", "Beläggning"), TR(lang, "Hours / capacity", "Timmar / kapacitet"),
	                      TR(lang, "Customers", "Kunder"), TR(lang, "Visits/yr", "Besök/år"),
	                      TR(lang, "Calls/yr", "Samtal/år"), TR(lang, "km/yr", "km/år"),
	                      TR(lang, "Compactness", "Kompakthet")};
	char a[32], b[32], pc[32], c[128];
	fputs("<div class=\"fk-wrap\">", f);
	html_table_begin(f, "plan-load", head, 9, "llllrrrrr", NULL);
	for (size_t s = 0; s < r->nperson; s++) {
		const struct plan_person *p = &r->person[s];
		double w = p->load > 1.2 ? 1.2 : p->load;
		fputs("<tr>", f);
		snprintf(c, sizeof(c), "%s %s", in->ds.sellers[s].id, seller_name(in, (int32_t)s));
		html_td(f, c, 'l');
		html_td(f, role_label(p->role, lang), 'l');
		fprintf(f, "<td data-v=\"%.4f\"><div class=\"pv-bar\"><span%s style=\"width:%.1f%%\"></span><i></i></div></td>",
		        p->load, p->over ? " class=\"over\"" : "", 100 * w / 1.2);
		snprintf(c, sizeof(c), "%s / %s (%s)", fmt_num(a, sizeof(a), p->hours, 0, lang),
		         fmt_num(b, sizeof(b), p->capacity_hours, 0, lang),
		         fmt_pct(pc, sizeof(pc), p->load, 0, lang));
		html_td(f, c, 'l');
		html_td_num(f, p->customers, fmt_int(a, sizeof(a), p->customers, lang));
		html_td_num(f, p->visits, fmt_num(a, sizeof(a), p->visits, 0, lang));
		html_td_num(f, p->calls, fmt_num(a, sizeof(a), p->calls, 0, lang));
		html_td_num(f, p->km_year, fmt_num(a, sizeof(a), p->km_year, 0, lang));
		if (p->compactness >= 0)
			html_td_num(f, p->compactness, fmt_pct(a, sizeof(a), p->compactness, 0, lang));
		else
			html_td(f, "", 'r');
		fputs("</tr>\n", f);
	}
	html_table_end(f, 0);
	fputs("</div>\n", f);
}

static void changes_section(FILE *f, const struct plan_result *r, enum lang lang)
{
	const char *head[] = {TR(lang, "Why", "Varför"), TR(lang, "Customers", "Kunder")};
	char a[32];
	html_table_begin(f, "plan-moves", head, 2, "lr", NULL);
	for (int k = 0; k < PR_COUNT; k++) {
		int n = k == PR_KEPT ? r->kept : k == PR_NO_OWNER ? r->newly - r->moves[PR_OWNER_UNKNOWN] : r->moves[k];
		if (k == PR_NO_ROLE || k == PR_NO_CATEGORY) {
			n = 0;
			for (size_t c = 0; c < r->nassign; c++)
				n += r->assign[c].reason == k;
		}
		if (!n)
			continue;
		fputs("<tr>", f);
		html_td(f, plan_reason_text((enum plan_reason)k, lang), 'l');
		html_td_num(f, n, fmt_int(a, sizeof(a), n, lang));
		fputs("</tr>\n", f);
	}
	html_table_end(f, 0);
}

static void data_rows(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                      enum lang lang)
{
	json_t *d = json_object(), *rows = json_array(), *cats = json_array(), *rs = json_array(),
	       *cs = json_array(), *head = json_array();
	json_t *codes = json_array();
	json_array_append_new(cats, json_string(""));
	for (int k = 0; k < CAT_COUNT; k++) {
		json_array_append_new(cats, json_string(category_label((enum category)k, lang)));
		json_array_append_new(codes, json_string(category_code((enum category)k)));
	}
	for (int k = 0; k < PR_COUNT; k++)
		json_array_append_new(rs, json_string(plan_reason_text((enum plan_reason)k, lang)));
	for (int k = 0; k < PC_COUNT; k++)
		json_array_append_new(cs, json_string(plan_channel_text((enum plan_channel)k, lang)));
	const char *h[PAGE_COLS];
	page_heads(lang, h);
	for (int k = 0; k < PAGE_COLS; k++)
		json_array_append_new(head, json_string(h[k]));
	for (size_t k = 0; k < r->nassign; k++) {
		int32_t c = r->order[k];
		const struct plan_assign *a = &r->assign[c];
		const struct customer *cu = &in->ds.customers[c];
		json_t *row = json_array();
		json_array_append_new(row, json_string(cu->id));
		json_array_append_new(row, json_string(cu->name ? cu->name : ""));
		json_array_append_new(row, json_integer(a->cat));
		json_array_append_new(row, json_string(cu->seller_id ? cu->seller_id : ""));
		json_array_append_new(row, json_string(a->to >= 0 ? in->ds.sellers[a->to].id : ""));
		json_array_append_new(row, json_integer(a->reason));
		json_array_append_new(row, json_integer(a->channel));
		json_array_append_new(row, round_real(a->visits, 1));
		json_array_append_new(row, round_real(a->calls, 1));
		json_array_append_new(row, round_real(a->hours, 1));
		json_array_append_new(row, json_integer((json_int_t)llround(a->value_today / 100)));
		json_array_append_new(row, json_integer((json_int_t)llround(a->value_plan / 100)));
		json_array_append_new(rows, row);
	}
	json_object_set_new(d, "locale", json_string(lang == LANG_SV ? "sv-SE" : "en-GB"));
	json_object_set_new(d, "of", json_string(TR(lang, "%1–%2 of %3", "%1–%2 av %3")));
	json_object_set_new(d, "cats", cats);
	json_object_set_new(d, "codes", codes);
	json_object_set_new(d, "reasons", rs);
	json_object_set_new(d, "channels", cs);
	json_object_set_new(d, "head", head);
	json_object_set_new(d, "rows", rows);
	fputs("<script type=\"application/json\" id=\"plan-data\">", f);
	json_dumpf(d, f, JSON_COMPACT | JSON_ESCAPE_SLASH);
	fputs("</script>\n", f);
	json_decref(d);
}

static void customers_section(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                              enum lang lang)
{
	const char *h[PAGE_COLS];
	page_heads(lang, h);
	fprintf(f,
	        "<div class=\"fk-filter\"><input type=\"search\" id=\"plan-q\" placeholder=\"%s\">"
	        "<span class=\"fk-count\" id=\"plan-count\"></span>"
	        "<button type=\"button\" id=\"plan-csv\">%s</button></div>\n",
	        TR(lang, "Search customer, person, reason…", "Sök kund, person, orsak…"),
	        TR(lang, "Download all as csv", "Ladda ner alla som csv"));
	fputs("<div class=\"fk-wrap\"><table class=\"fk\" id=\"plan-customers\"><thead><tr>", f);
	for (int k = 0; k < PAGE_COLS; k++) {
		fprintf(f, "<th%s>", k >= 7 ? " class=\"r\"" : "");
		html_esc(f, h[k]);
		fputs("</th>", f);
	}
	fputs("</tr></thead><tbody id=\"plan-rows\"></tbody></table></div>\n", f);
	fprintf(f,
	        "<div class=\"pv-pager\"><button type=\"button\" id=\"plan-prev\">%s</button>"
	        "<span id=\"plan-page\"></span><button type=\"button\" id=\"plan-next\">%s</button></div>\n",
	        TR(lang, "Previous", "Föregående"), TR(lang, "Next", "Nästa"));
	fprintf(f, "<noscript><p class=\"fk-note\">%s</p></noscript>\n",
	        TR(lang, "The table needs JavaScript; every customer is also in 'fokus plan --format csv' or xlsx.",
	           "Tabellen behöver JavaScript; alla kunder finns också i 'fokus plan --format csv' eller xlsx."));
	data_rows(f, in, r, lang);
	fprintf(f, "<script>%s</script>\n", page_script);
}

void planview_plan_html(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                        enum lang lang, bool standalone)
{
	char title[128];
	snprintf(title, sizeof(title), TR(lang, "Coverage plan — snapshot %lld", "Täckningsplan — ögonblicksbild %lld"),
	         (long long)in->snapshot_id);
	if (standalone)
		html_begin(f, title, lang);
	fprintf(f, "<style>%s</style>\n", page_css);
	html_section_begin(f, "plan-decision", TR(lang, "The plan in brief", "Planen i korthet"),
	                   TR(lang, "With the people the team has: who contacts whom, how, how often — and what it is worth.",
	                      "Med de personer teamet har: vem som kontaktar vem, hur, hur ofta — och vad det är värt."));
	cards(f, r, lang);
	char **lines;
	int n;
	planview_plan_summary(in, r, lang, &lines, &n);
	fputs("<ul class=\"pv-list\">\n", f);
	for (int i = 0; i < n; i++) {
		fputs("<li>", f);
		html_esc(f, lines[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	planview_lines_free(lines, n);
	char **notes;
	const char **codes;
	planview_plan_notes(in, r, lang, &notes, &codes, &n);
	if (n) {
		fprintf(f, "<h3>%s</h3><ul class=\"pv-list fk-note\">\n", TR(lang, "Notes", "Att observera"));
		for (int i = 0; i < n; i++) {
			fputs("<li>", f);
			html_esc(f, notes[i]);
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	planview_notes_free(notes, codes, n);
	html_section_end(f);
	html_section_begin(f, "plan-load-section", TR(lang, "Load against capacity per person", "Belastning mot kapacitet per person"),
	                   TR(lang, "Hours a year with travel; compactness = the shortest possible distances to the person's visited customers against the actual ones.",
	                      "Timmar om året med restid; kompakthet = kortast möjliga avstånd till personens besökta kunder mot de verkliga."));
	load_section(f, in, r, lang);
	html_section_end(f);
	html_section_begin(f, "plan-changes", TR(lang, "What changes for how many customers, and why", "Vad som ändras för hur många kunder, och varför"), NULL);
	changes_section(f, r, lang);
	html_section_end(f);
	struct planview_table *t[PV_NTABLES];
	planview_plan_tables(in, r, lang, false, t);
	html_section_begin(f, "plan-value", TR(lang, "Value today against the plan", "Värde i dag mot planen"), NULL);
	table_html(f, "plan-categories", t[PV_WHATIF], lang);
	html_section_end(f);
	html_section_begin(f, "plan-headcount", TR(lang, "What headcount is worth", "Vad bemanning är värd"),
	                   TR(lang, "Needed = the full policy's hours / hours per person. More hours and one more person: what the plan would add with them, a year.",
	                      "Behövs = hela policyns timmar / timmar per person. Fler timmar och en person till: vad planen skulle ge med dem, per år."));
	table_html(f, "plan-headcount-table", t[PV_HEADCOUNT], lang);
	html_section_end(f);
	html_section_begin(f, "plan-response", TR(lang, "How revenue answers to contact", "Hur omsättningen svarar på kontakt"),
	                   TR(lang, "The four points are CALLPLAN's: revenue with no visits, half today's, 50 % more and at saturation, as % of today's.",
	                      "De fyra punkterna är CALLPLANs: omsättning utan besök, med hälften av dagens, 50 % fler och vid mättnad, i % av dagens."));
	table_html(f, "plan-response-table", t[PV_RESPONSE], lang);
	html_section_end(f);
	for (int k = 0; k < PV_NTABLES; k++)
		planview_table_free(t[k]);
	html_section_begin(f, "plan-customers-section", TR(lang, "Every customer", "Alla kunder"),
	                   TR(lang, "The most valuable first within each category.", "De mest värdefulla först inom varje kategori."));
	customers_section(f, in, r, lang);
	html_section_end(f);
	if (standalone)
		html_end(f, lang);
}
