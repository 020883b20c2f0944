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

/* --- the plan's tables --------------------------------------------------- */

#define H(machine, lang, code, en, sv) ((machine) ? (code) : TR(lang, en, sv))

static const char *seller_id(const struct plan_inputs *in, int32_t s)
{
	return s >= 0 ? in->ds.sellers[s].id : NULL;
}

static const char *cat_text(int cat, enum lang lang, bool machine)
{
	if (cat < 0 || cat >= CAT_COUNT)
		return NULL;
	return machine ? category_code((enum category)cat)
	               : category_label((enum category)cat, lang);
}

static struct planview_table *assignments(const struct plan_inputs *in, const struct plan_result *r,
                                          enum lang lang, bool machine, bool changes_only)
{
	const char *head[] = {
	    H(machine, lang, "customer_id", "Customer", "Kund"),
	    H(machine, lang, "name", "Name", "Namn"),
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "from_seller", "From", "Från"),
	    H(machine, lang, "to_seller", "To", "Till"),
	    H(machine, lang, "reason", "Reason", "Orsak"),
	    H(machine, lang, "hours", "Hours/yr", "Timmar/år"),
	    H(machine, lang, "travel_hours", "Travel h/yr", "Restid h/år"),
	    H(machine, lang, "km_one_way", "km one way", "km enkel väg"),
	    H(machine, lang, "travel_estimated", "Travel estimated", "Restid uppskattad"),
	};
	struct planview_table *t =
	    planview_table_new("assignments", TR(lang, "Assignments", "Fördelning"), 10, head);
	for (size_t k = 0; k < r->nassign; k++) {
		int32_t c = r->order[k];
		const struct plan_assign *a = &r->assign[c];
		if (changes_only && a->to >= 0 && a->to == a->from)
			continue;
		const struct customer *cu = &in->ds.customers[c];
		bool placed = a->cat != CAT_NONE && a->reason != PR_NO_CATEGORY;
		planview_row(t);
		planview_put_text(t, cu->id);
		planview_put_text(t, cu->name);
		planview_put_text(t, cat_text(a->cat, lang, machine));
		planview_put_text(t, cu->seller_id);
		planview_put_text(t, seller_id(in, a->to));
		planview_put_text(t, machine ? plan_reason_code((enum plan_reason)a->reason)
		                             : plan_reason_text((enum plan_reason)a->reason, lang));
		if (placed) {
			planview_put_num(t, a->hours, 1);
			planview_put_num(t, a->travel_hours, 1);
			if (a->km >= 0)
				planview_put_num(t, a->km, 1);
			else
				planview_put_text(t, NULL);
			planview_put_text(t, a->travel_estimated
			                         ? (machine ? "true" : TR(lang, "yes", "ja"))
			                         : (machine ? "false" : ""));
		}
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
	    H(machine, lang, "utilization", "Load %", "Beläggning %"),
	    H(machine, lang, "over_capacity", "Over", "Över"),
	};
	struct planview_table *t = planview_table_new(
	    "workload", TR(lang, "Workload per person", "Arbetsbelastning per person"), 15, head);
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
		planview_put_num(
		    t, p->capacity_hours > 0 ? 100.0 * p->hours / p->capacity_hours : 0, 0);
		planview_put_text(t, p->over ? (machine ? "true" : TR(lang, "OVER", "ÖVER"))
		                             : (machine ? "false" : ""));
	}
	return t;
}

static struct planview_table *headcount(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "role", "Role", "Roll"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "workload_hours", "Workload h/yr", "Arbetsbelastning h/år"),
	    H(machine, lang, "capacity_per_person", "Capacity/person h", "Kapacitet/person h"),
	    H(machine, lang, "needed", "Needed", "Behövs"),
	    H(machine, lang, "available", "Available", "Finns"),
	    H(machine, lang, "difference", "Difference", "Skillnad"),
	};
	struct planview_table *t = planview_table_new(
	    "headcount",
	    TR(lang, "Headcount (workload method)", "Bemanning (arbetsbelastningsmetoden)"), 7,
	    head);
	for (int role = 1; role < ROLE_COUNT; role++) {
		const struct plan_headcount *h = &r->headcount[role];
		planview_row(t);
		planview_put_text(t, machine ? role_code(h->role) : role_label(h->role, lang));
		planview_put_num(t, h->customers, 0);
		planview_put_num(t, h->workload_hours, 1);
		planview_put_num(t, h->capacity_per_person, 1);
		planview_put_num(t, h->needed, 2);
		planview_put_num(t, h->available, 0);
		planview_put_num(t, h->available - h->needed, 2);
	}
	return t;
}

static struct planview_table *whatif(const struct plan_result *r, enum lang lang, bool machine)
{
	const char *head[] = {
	    H(machine, lang, "category", "Category", "Kategori"),
	    H(machine, lang, "customers", "Customers", "Kunder"),
	    H(machine, lang, "visits_today", "Visits today", "Besök i dag"),
	    H(machine, lang, "visits_plan", "Visits plan", "Besök enligt plan"),
	    H(machine, lang, "extra_visits", "Extra visits", "Fler besök"),
	    H(machine, lang, "field_hours_today", "Field h today", "Fälttid h i dag"),
	    H(machine, lang, "field_hours_plan", "Field h plan", "Fälttid h plan"),
	    H(machine, lang, "order_value_today", "Order value today", "Ordervärde i dag"),
	    H(machine, lang, "value_per_visit", "Value per visit", "Värde per besök"),
	    H(machine, lang, "potential", "Potential", "Potential"),
	    H(machine, lang, "value_effect_estimate", "Effect (estimate)", "Effekt (uppskattning)"),
	};
	struct planview_table *t = planview_table_new(
	    "whatif",
	    TR(lang, "What-if: today against the plan", "Vad händer om: i dag mot planen"),
	    (int)(sizeof(head) / sizeof(head[0])), head);
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct plan_whatif_cat *x = &r->whatif.cat[cat];
		planview_row(t);
		planview_put_text(t, cat_text(cat, lang, machine));
		planview_put_num(t, x->customers, 0);
		planview_put_num(t, x->visits_today, 0);
		planview_put_num(t, x->visits_plan, 0);
		planview_put_num(t, x->visits_plan - x->visits_today, 0);
		planview_put_num(t, x->field_hours_today, 1);
		planview_put_num(t, x->field_hours_plan, 1);
		planview_put_money(t, (double)x->value_today);
		if (x->has_value_per_visit)
			planview_put_money(t, x->value_per_visit);
		else
			planview_put_text(t, NULL);
		if (x->has_potential)
			planview_put_money(t, (double)x->potential);
		else
			planview_put_text(t, NULL);
		if (x->has_value_per_visit) {
			planview_put_money(t, x->value_effect);
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

/* Up to five ids, then "and N more". */
static char *some_ids(const struct plan_inputs *in, const struct plan_result *r, bool persons,
                      int which, enum lang lang)
{
	struct strbuf sb = STRBUF_INIT;
	int shown = 0, total = 0;
	size_t n = persons ? r->nperson : r->nassign;
	for (size_t k = 0; k < n; k++) {
		size_t i = persons ? k : (size_t)r->order[k];
		bool hit;
		if (persons)
			hit = which == 0
			          ? (r->person[i].role != ROLE_NONE && !r->person[i].has_home &&
			             plan_role_has_visits(&in->policy, r->person[i].role))
			          : r->person[i].over;
		else
			hit = r->assign[i].cat != CAT_NONE && !r->assign[i].located &&
			      in->policy.cat[r->assign[i].cat].per_year[CH_VISIT] > 0;
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
		note(
		    &ns, "no_role",
		    xasprintf(
		        TR(lang,
		           "%d customers need a %s, but nobody in the team has that role: they are "
		           "not placed. Add sellers with role %s, or give their categories another "
		           "role with 'fokus policy set'.",
		           "%d kunder behöver en %s, men ingen i teamet har den rollen: de "
		           "placeras "
		           "inte. Lägg till säljare med rollen %s, eller ge kategorierna en annan "
		           "roll med 'fokus policy set'."),
		        r->role_needed[role], role_label((enum role)role, lang),
		        role_code((enum role)role)));
	}
	if (r->unlocated) {
		char *ids = some_ids(in, r, false, 0, lang);
		note(
		    &ns, "unlocated",
		    xasprintf(
		        TR(lang,
		           "%d customers have no coordinates or known postal code (%s): they are "
		           "placed by other rules (the current owner, else the person of the role "
		           "with the most room) and their travel is estimated from the role's "
		           "average distance.",
		           "%d kunder saknar koordinater eller känt postnummer (%s): de placeras "
		           "efter andra regler (nuvarande ägare, annars personen i rollen med mest "
		           "tid kvar) och restiden uppskattas från rollens medelavstånd."),
		        r->unlocated, ids));
		free(ids);
	}
	if (r->no_home) {
		char *ids = some_ids(in, r, true, 0, lang);
		note(&ns, "no_home",
		     xasprintf(
		         TR(lang,
		            "%d persons have no home location (%s): their travel is estimated from "
		            "their role's average distance, and customers go to persons with a "
		            "known distance first.",
		            "%d personer saknar hemort (%s): deras restid uppskattas från rollens "
		            "medelavstånd, och kunder går i första hand till personer med känt "
		            "avstånd."),
		         r->no_home, ids));
		free(ids);
	}
	int over = 0;
	for (size_t s = 0; s < r->nperson; s++)
		over += r->person[s].over;
	if (over) {
		char *ids = some_ids(in, r, true, 1, lang);
		note(
		    &ns, "over_capacity",
		    xasprintf(
		        TR(lang,
		           "%d persons are over capacity (%s): %d customers did not fit anyone of "
		           "their role and were placed over capacity. See the headcount.",
		           "%d personer är överbelastade (%s): %d kunder fick inte plats hos någon "
		           "i sin roll och placerades över kapacitet. Se bemanningen."),
		        over, ids, r->over_capacity_customers));
		free(ids);
	}
	int nocat = 0;
	for (size_t c = 0; c < r->nassign; c++)
		nocat += r->assign[c].reason == PR_NO_CATEGORY;
	if (nocat)
		note(&ns, "no_category",
		     xasprintf(
		         TR(lang,
		            "%d customers are not in snapshot %lld (imported later?): they are not "
		            "placed; run 'fokus categorize' to include them.",
		            "%d kunder finns inte i ögonblicksbild %lld (importerade senare?): de "
		            "placeras inte; kör 'fokus categorize' för att ta med dem."),
		         nocat, (long long)in->snapshot_id));
	if (!r->whatif.activities_in_window)
		note(&ns, "no_activities",
		     xstrdup(
		         TR(lang,
		            "No activities in the last 12 months: the what-if has nothing observed "
		            "to compare with.",
		            "Inga aktiviteter de senaste 12 månaderna: vad-händer-om har inget "
		            "observerat att jämföra med.")));
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

static json_t *round_real(double v, int decimals)
{
	double m = pow(10, decimals);
	double x = round(v * m) / m;
	return json_real(x == 0 ? 0 : x);
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

static json_t *json_assignments(const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *arr = json_array();
	for (size_t k = 0; k < r->nassign; k++) {
		int32_t c = r->order[k];
		const struct plan_assign *a = &r->assign[c];
		const struct customer *cu = &in->ds.customers[c];
		json_t *o = json_object();
		json_object_set_new(o, "customer_id", json_string(cu->id));
		json_object_set_new(o, "name", str_or_null(cu->name));
		json_object_set_new(o, "category",
		                    a->cat == CAT_NONE
		                        ? json_null()
		                        : json_string(category_code((enum category)a->cat)));
		json_object_set_new(o, "from_seller", str_or_null(cu->seller_id));
		json_object_set_new(o, "to_seller", str_or_null(seller_id(in, a->to)));
		json_object_set_new(o, "reason",
		                    json_string(plan_reason_code((enum plan_reason)a->reason)));
		json_object_set_new(o, "hours", round_real(a->hours, 2));
		json_object_set_new(o, "travel_hours", round_real(a->travel_hours, 2));
		json_object_set_new(o, "km_one_way",
		                    a->km >= 0 ? round_real(a->km, 1) : json_null());
		json_object_set_new(o, "travel_estimated", json_boolean(a->travel_estimated));
		json_object_set_new(o, "located", json_boolean(a->located));
		json_array_append_new(arr, o);
	}
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
		json_object_set_new(o, "role",
		                    p->role ? json_string(role_code(p->role)) : json_null());
		json_object_set_new(o, "hours", round_real(p->hours, 2));
		json_object_set_new(o, "capacity_hours", round_real(p->capacity_hours, 2));
		json_object_set_new(o, "customers", json_integer(p->customers));
		json_object_set_new(o, "kept", json_integer(p->kept));
		json_object_set_new(o, "gained", json_integer(p->gained));
		json_object_set_new(o, "lost", json_integer(p->lost));
		json_object_set_new(o, "visits", round_real(p->visits, 2));
		json_object_set_new(o, "calls", round_real(p->calls, 2));
		json_object_set_new(o, "contact_hours", round_real(p->contact_hours, 2));
		json_object_set_new(o, "travel_hours", round_real(p->travel_hours, 2));
		json_object_set_new(o, "over_capacity", json_boolean(p->over));
		json_object_set_new(o, "has_home", json_boolean(p->has_home));
		json_array_append_new(arr, o);
	}
	return arr;
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
		json_object_set_new(o, "capacity_per_person",
		                    round_real(h->capacity_per_person, 2));
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
		json_object_set_new(c, "field_hours_today", round_real(x->field_hours_today, 2));
		json_object_set_new(c, "field_hours_plan", round_real(x->field_hours_plan, 2));
		json_object_set_new(c, "order_value_today", money((double)x->value_today));
		json_object_set_new(c, "value_per_visit",
		                    x->has_value_per_visit ? money(x->value_per_visit)
		                                           : json_null());
		json_object_set_new(c, "potential",
		                    x->has_potential ? money((double)x->potential) : json_null());
		json_object_set_new(c, "value_effect_linear",
		                    x->has_value_per_visit ? money(x->value_effect_linear)
		                                           : json_null());
		json_object_set_new(c, "value_effect_estimate",
		                    x->has_value_per_visit ? money(x->value_effect) : json_null());
		json_array_append_new(cats, c);
	}
	json_object_set_new(o, "categories", cats);
	json_object_set_new(o, "field_hours_freed_cat3", round_real(w->field_hours_freed_cat3, 2));
	json_object_set_new(o, "extra_visits_1_2", round_real(w->extra_visits_1_2, 2));
	json_object_set_new(o, "value_effect_estimate", money(w->value_effect_total));
	json_object_set_new(o, "estimate", json_true());
	json_object_set_new(
	    o, "formula",
	    json_string("per category: value_per_visit = (mean order value of visited customers - "
	                "mean of customers not visited) / (visits_today / customers_visited), at "
	                "least 0; value_effect_linear = (visits_plan - visits_today) x "
	                "value_per_visit; value_effect_estimate = value_effect_linear, at most the "
	                "category's potential, at least -order_value_today; the total sums the "
	                "estimates"));
	return o;
}

void planview_plan_json(FILE *f, const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *root = json_object();
	json_object_set_new(root, "snapshot_id", json_integer(in->snapshot_id));
	json_t *params = json_object();
	json_object_set_new(params, "field_share", round_real(r->params.field_share, 4));
	json_object_set_new(params, "road_factor", round_real(r->params.road_factor, 4));
	json_object_set_new(params, "speed_kmh", round_real(r->params.speed_kmh, 4));
	json_object_set_new(params, "default_hours", round_real(r->params.default_hours, 2));
	json_object_set_new(root, "params", params);
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
	json_object_set_new(summary, "over_capacity_customers",
	                    json_integer(r->over_capacity_customers));
	json_object_set_new(summary, "unlocated", json_integer(r->unlocated));
	json_object_set_new(root, "summary", summary);
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
	json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	fputc('\n', f);
	json_decref(root);
}

/* --- the terminal report ------------------------------------------------- */

#define MAX_CHANGES 40

void planview_plan_text(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                        enum lang lang)
{
	char a[32], b[32], c[32];
	const struct plan_params *p = &r->params;
	fprintf(f,
	        TR(lang, "Coverage plan — snapshot %lld: %s customers, %s persons\n",
	           "Täckningsplan — ögonblicksbild %lld: %s kunder, %s personer\n"),
	        (long long)in->snapshot_id, fmt_int(a, sizeof(a), (int64_t)r->nassign, lang),
	        fmt_int(b, sizeof(b), (int64_t)r->nperson, lang));
	fprintf(f,
	        TR(lang,
	           "Field share %s of the year's hours; travel great-circle × %s at %s km/h.\n",
	           "Fältandel %s av årets timmar; restid fågelvägen × %s i %s km/h.\n"),
	        fmt_pct(a, sizeof(a), p->field_share, 0, lang),
	        fmt_num(b, sizeof(b), p->road_factor, 2, lang),
	        fmt_num(c, sizeof(c), p->speed_kmh, 0, lang));
	char d[32];
	fprintf(f,
	        TR(lang, "Customers: %s stay, %s change hands, %s get an owner, %s not placed",
	           "Kunder: %s stannar, %s byter ansvarig, %s får en ansvarig, %s placeras inte"),
	        fmt_int(a, sizeof(a), r->kept, lang), fmt_int(b, sizeof(b), r->moved, lang),
	        fmt_int(c, sizeof(c), r->newly, lang), fmt_int(d, sizeof(d), r->unplaced, lang));
	if (r->over_capacity_customers)
		fprintf(f, TR(lang, "; %s placed over capacity", "; %s placerade över kapacitet"),
		        fmt_int(a, sizeof(a), r->over_capacity_customers, lang));
	fputs(".\n\n", f);

	struct planview_table *ch = assignments(in, r, lang, false, true);
	fprintf(f, "%s\n", TR(lang, "Changes", "Förändringar"));
	if (ch->nrows) {
		write_text_rows(f, ch, lang, MAX_CHANGES);
		if (ch->nrows > MAX_CHANGES)
			fprintf(f,
			        TR(lang, "… %zu more (all in --format csv, json or xlsx)\n",
			           "… %zu till (alla i --format csv, json eller xlsx)\n"),
			        ch->nrows - MAX_CHANGES);
	} else {
		fprintf(f, "%s\n",
		        TR(lang, "(none: every customer stays)", "(inga: alla kunder stannar)"));
	}
	planview_table_free(ch);

	struct planview_table *t[PV_NTABLES];
	planview_plan_tables(in, r, lang, false, t);
	for (int k = PV_WORKLOAD; k < PV_NTABLES; k++) {
		fprintf(f, "\n%s\n", t[k]->title);
		if (k == PV_WHATIF && r->whatif.to != DAYS_NONE) {
			char d1[11], d2[11];
			fprintf(f,
			        TR(lang, "Today = activities and orders %s..%s.\n",
			           "I dag = aktiviteter och order %s..%s.\n"),
			        days_iso(r->whatif.from, d1), days_iso(r->whatif.to, d2));
		}
		planview_write_text(f, t[k], lang);
	}
	for (int k = 0; k < PV_NTABLES; k++)
		planview_table_free(t[k]);
	const struct plan_whatif *w = &r->whatif;
	fprintf(f, "\n%s %s\n",
	        TR(lang,
	           "Field hours freed from category 3:", "Fälttimmar som frigörs från kategori 3:"),
	        fmt_num(a, sizeof(a), w->field_hours_freed_cat3, 0, lang));
	fprintf(
	    f, "%s %s\n",
	    TR(lang, "Extra visits to categories 1 and 2:", "Fler besök till kategori 1 och 2:"),
	    fmt_num(a, sizeof(a), w->extra_visits_1_2, 0, lang));
	fprintf(f, "%s %s%s\n",
	        TR(lang,
	           "Order-value effect (an estimate):", "Effekt på ordervärdet (en uppskattning):"),
	        w->value_effect_total > 0 ? "+" : "",
	        fmt_money(a, sizeof(a), (int64_t)llround(w->value_effect_total), lang));
	fprintf(
	    f, "%s\n",
	    TR(lang,
	       "  = Σ per category (visits plan − visits today) × value per visit, at most the\n"
	       "    category's potential; value per visit = what visited customers bought more "
	       "than\n"
	       "    the others, per visit. A rough estimate, not a promise: see docs/plan.md.",
	       "  = Σ per kategori (besök plan − besök i dag) × värde per besök, högst kategorins\n"
	       "    potential; värde per besök = vad besökta kunder köpte mer än övriga, per "
	       "besök.\n"
	       "    En grov uppskattning, inget löfte: se docs/plan.md."));
}
