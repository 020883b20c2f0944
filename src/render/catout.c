/* catout.c — the categorization's outputs (see catout.h): report summary,
 * customer rows, migration, history, as text, csv, json and html. Money in
 * csv/json is currency units as plain numbers with '.', shares are
 * fractions; text and html use the language's formats. Large listings are
 * streamed row by row (json written by hand, no tree in memory). */
#include "render/catout.h"
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

void catout_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static const char *vstr(char *const *arr, size_t i)
{
	return arr && arr[i] ? arr[i] : "";
}

/* --- selection and order -------------------------------------------------- */

/* The comparators get the view as qsort_r's context: no file-scope state,
 * so two threads may select at once. */
static int by_cat_revenue(const void *a, const void *b, void *ctx)
{
	const struct catview *v = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct cat_row *x = &v->rows[i], *y = &v->rows[j];
	if (x->category != y->category)
		return x->category < y->category ? -1 : 1;
	if (x->revenue != y->revenue)
		return x->revenue > y->revenue ? -1 : 1;
	return strcmp(vstr(v->customer_id, i), vstr(v->customer_id, j));
}

/* The order of by_cat_revenue as one unsigned key: the category above
 * max - revenue, when every row fits (category 0..3, max - min < 2^61).
 * 1 with keys[k] filled, else 0. */
static int make_keys(const struct catview *v, const size_t *ix, size_t k, struct rkey *keys)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t j = 0; j < k; j++) {
		const struct cat_row *r = &v->rows[ix[j]];
		if (r->category < 0 || r->category > 3)
			return 0;
		lo = r->revenue < lo ? r->revenue : lo;
		hi = r->revenue > hi ? r->revenue : hi;
	}
	uint64_t range = k ? (uint64_t)hi - (uint64_t)lo : 0;
	int bits = 0;
	while (bits < 64 && (range >> bits) != 0)
		bits++;
	if (bits > 61)
		return 0;
	for (size_t j = 0; j < k; j++) {
		const struct cat_row *r = &v->rows[ix[j]];
		keys[j].key = (uint64_t)r->category << bits | ((uint64_t)hi - (uint64_t)r->revenue);
		keys[j].i = ix[j];
	}
	return 1;
}

/* Equal category and revenue: by customer id, then (as a stable sort of
 * the indexes would leave them) by index. */
static int by_id_index(const void *a, const void *b, void *ctx)
{
	const struct catview *v = ctx;
	const struct rkey *x = a, *y = b;
	int c = strcmp(vstr(v->customer_id, x->i), vstr(v->customer_id, y->i));
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The first 8 bytes of s, NUL-padded, as a big-endian number: its order
 * is strcmp's over those bytes. */
static uint64_t prefix8(const char *s)
{
	uint64_t x = 0;
	int i = 0;
	for (; i < 8 && s[i]; i++)
		x = x << 8 | (unsigned char)s[i];
	return x << (8 * (8 - i));
}

/* g[0..n), rows of equal category and revenue in index order, put in
 * by_id_index order: a stable radix sort on the ids' first 8 bytes, then
 * strcmp among the ids that share 8 bytes and go on. */
static void sort_ties(const struct catview *v, struct rkey *g, struct rkey *tmp, size_t n)
{
	if (n < 64) {
		qsort_r(g, n, sizeof(*g), by_id_index, (void *)v);
		return;
	}
	for (size_t j = 0; j < n; j++)
		g[j].key = prefix8(vstr(v->customer_id, g[j].i));
	radix_sort(g, tmp, n);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && g[b].key == g[a].key; b++)
			;
		if (b - a > 1 && (g[a].key & 0xff)) /* 8 bytes and no end yet */
			qsort_r(g + a, b - a, sizeof(*g), by_id_index, (void *)v);
	}
}

/* ix[0..k) in the order of by_cat_revenue (then by index), through keys.
 * 0 when the rows do not fit the keys (nothing changed). */
static int sort_by_keys(const struct catview *v, size_t *ix, size_t k)
{
	struct rkey *keys = xreallocarray(NULL, k ? k : 1, sizeof(*keys));
	if (!make_keys(v, ix, k, keys)) {
		free(keys);
		return 0;
	}
	struct rkey *tmp = xreallocarray(NULL, k ? k : 1, sizeof(*tmp));
	radix_sort(keys, tmp, k);
	for (size_t a = 0, b; a < k; a = b) {
		for (b = a + 1; b < k && keys[b].key == keys[a].key; b++)
			;
		if (b - a > 1)
			sort_ties(v, keys + a, tmp, b - a);
	}
	free(tmp);
	for (size_t j = 0; j < k; j++)
		ix[j] = keys[j].i;
	free(keys);
	return 1;
}

size_t catout_select(const struct catview *v, const struct catfilter *f, size_t **idx)
{
	size_t *ix = xreallocarray(NULL, v->n ? v->n : 1, sizeof(*ix)), k = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (f && f->category != CAT_NONE && v->rows[i].category != f->category)
			continue;
		if (f && f->seller && strcmp(vstr(v->seller_id, i), f->seller) != 0)
			continue;
		ix[k++] = i;
	}
	if (!sort_by_keys(v, ix, k))
		qsort_r(ix, k, sizeof(*ix), by_cat_revenue, (void *)v);
	*idx = ix;
	return k;
}

/* --- words ----------------------------------------------------------------- */

static void axis_method(struct strbuf *sb, enum cat_method m, double share, double top,
                        enum lang lang)
{
	char b[32];
	switch (m) {
	case METHOD_PARETO:
		strbuf_printf(sb, TR(lang, "pareto (%s of the total)", "pareto (%s av summan)"),
		              fmt_pct(b, sizeof(b), share, 0, lang));
		break;
	case METHOD_ABSOLUTE:
		strbuf_puts(sb, TR(lang, "absolute threshold", "absolut gräns"));
		break;
	case METHOD_TOP:
		strbuf_printf(sb, TR(lang, "top %s of customers", "topp %s av kunderna"),
		              fmt_pct(b, sizeof(b), top / 100.0, 0, lang));
		break;
	default:
		strbuf_puts(sb, TR(lang, "computed ABC analysis (A limit)",
		                   "beräknad ABC-analys (A-gräns)"));
	}
}

void catout_method_line(struct strbuf *sb, const struct cat_run *run, enum lang lang)
{
	const struct cat_params *p = &run->p;
	char b[32];
	strbuf_puts(sb, p->axis == AXIS_MARGIN ? TR(lang, "margin: ", "täckningsbidrag: ")
	                                       : TR(lang, "revenue: ", "omsättning: "));
	axis_method(sb, cat_revenue_method(p), p->revenue_share, p->revenue_top, lang);
	strbuf_puts(sb, "; potential: ");
	axis_method(sb, cat_potential_method(p), p->potential_share, p->potential_top, lang);
	strbuf_printf(sb, TR(lang, "; stability margin %s", "; stabilitetsmarginal %s"),
	              fmt_pct(b, sizeof(b), p->margin, 0, lang));
}

static void window_line(struct strbuf *sb, const struct cat_run *run, enum lang lang)
{
	char a[11], b[11];
	strbuf_printf(sb, TR(lang, "%d months, %s – %s", "%d månader, %s – %s"),
	              run->p.window_months, days_iso(run->window_from + 1, a),
	              days_iso(run->p.as_of, b));
}

static void threshold_text(struct strbuf *sb, struct cat_threshold t, enum lang lang)
{
	char m[64];
	if (t.has) {
		strbuf_printf(sb, "≥ %s", fmt_money(m, sizeof(m), t.value, lang));
	} else {
		strbuf_puts(sb,
		            TR(lang, "none (no customer above 0)", "ingen (ingen kund över 0)"));
	}
}

static double share(int64_t part, int64_t whole)
{
	return whole > 0 ? (double)part / (double)whole : NAN;
}

static double sharez(size_t part, size_t whole)
{
	return whole > 0 ? (double)part / (double)whole : NAN;
}

/* A share for people; "–" when there is no whole to share. */
static const char *pct(char *b, size_t size, double x, enum lang lang)
{
	if (isnan(x)) {
		snprintf(b, size, "–");
		return b;
	}
	return fmt_pct(b, size, x, 1, lang);
}

static int64_t avg_order(const struct cat_total *t)
{
	return t->orders > 0 ? (int64_t)llround((double)t->order_revenue / (double)t->orders) : 0;
}

/* --- report: text ---------------------------------------------------------- */

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
	window_line(&sb, run, lang);
	label(f, TR(lang, "Window:", "Period:"));
	fprintf(f, "%s\n", strbuf_cstr(&sb));
	strbuf_reset(&sb);
	catout_method_line(&sb, run, lang);
	label(f, TR(lang, "Method:", "Metod:"));
	fprintf(f, "%s\n", strbuf_cstr(&sb));
	strbuf_reset(&sb);
	strbuf_puts(&sb, run->p.axis == AXIS_MARGIN ? TR(lang, "margin ", "täckningsbidrag ")
	                                            : TR(lang, "revenue ", "omsättning "));
	threshold_text(&sb, run->revenue_t, lang);
	strbuf_puts(&sb, ", potential ");
	threshold_text(&sb, run->potential_t, lang);
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
		pct(b[2], 64, sharez(x->customers, s.all.customers), lang);
		fmt_money(b[3], 64, x->revenue, lang);
		pct(b[4], 64, share(x->revenue, s.all.revenue), lang);
		fmt_money(b[5], 64, x->potential, lang);
		pct(b[6], 64, share(x->potential, s.all.potential), lang);
		fmt_int(b[7], 64, x->orders, lang);
		if (x->orders > 0)
			fmt_money(b[8], 64, avg_order(x), lang);
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

/* --- report: csv ----------------------------------------------------------- */

static const char *plain(char *b, size_t size, int64_t minor)
{
	return fmt_minor_plain(b, size, minor);
}

static const char *frac(char *b, size_t size, double x)
{
	if (isnan(x))
		b[0] = '\0';
	else
		snprintf(b, size, "%.4f", x);
	return b;
}

static const char *thr_plain(char *b, size_t size, struct cat_threshold t)
{
	if (!t.has) {
		b[0] = '\0';
		return b;
	}
	return plain(b, size, t.value);
}

void catout_summary_csv(FILE *f, const struct cat_run *run, const struct cat_summary *sum,
                        enum lang lang)
{
	const struct cat_summary s = *sum;
	static const char *const hdr[] = {"snapshot",
	                                  "as_of",
	                                  "window_months",
	                                  "axis",
	                                  "method",
	                                  "revenue_threshold",
	                                  "potential_threshold",
	                                  "category",
	                                  "label",
	                                  "customers",
	                                  "customers_share",
	                                  "revenue",
	                                  "revenue_share",
	                                  "potential",
	                                  "potential_share",
	                                  "orders",
	                                  "average_order_value"};
	csvw_row(f, hdr, 17);
	char id[32], asof[11], win[16], rt[32], pt[32];
	snprintf(id, sizeof(id), "%lld", (long long)run->id);
	days_iso(run->p.as_of, asof);
	snprintf(win, sizeof(win), "%d", run->p.window_months);
	thr_plain(rt, sizeof(rt), run->revenue_t);
	thr_plain(pt, sizeof(pt), run->potential_t);
	for (int c = 0; c <= CAT_COUNT; c++) {
		const struct cat_total *x = c < CAT_COUNT ? &s.cat[c] : &s.all;
		char b[8][40];
		snprintf(b[0], 40, "%zu", x->customers);
		frac(b[1], 40, sharez(x->customers, s.all.customers));
		plain(b[2], 40, x->revenue);
		frac(b[3], 40, share(x->revenue, s.all.revenue));
		plain(b[4], 40, x->potential);
		frac(b[5], 40, share(x->potential, s.all.potential));
		snprintf(b[6], 40, "%lld", (long long)x->orders);
		if (x->orders > 0)
			plain(b[7], 40, avg_order(x));
		else
			b[7][0] = '\0';
		const char *cells[17] = {id,
		                         asof,
		                         win,
		                         cat_axis_code(run->p.axis),
		                         cat_method_code(run->p.method),
		                         rt,
		                         pt,
		                         c < CAT_COUNT ? category_code((enum category)c) : "total",
		                         c < CAT_COUNT ? category_label((enum category)c, lang)
		                                       : TR(lang, "Total", "Totalt"),
		                         b[0],
		                         b[1],
		                         b[2],
		                         b[3],
		                         b[4],
		                         b[5],
		                         b[6],
		                         b[7]};
		csvw_row(f, cells, 17);
	}
}

/* --- report: json ---------------------------------------------------------- */

static void jmoney(FILE *f, int64_t minor)
{
	char b[40];
	fputs(plain(b, sizeof(b), minor), f);
}

static void jfrac(FILE *f, double x)
{
	if (isnan(x))
		fputs("null", f);
	else
		fprintf(f, "%.6g", x);
}

static void jthr(FILE *f, struct cat_threshold t)
{
	if (t.has)
		jmoney(f, t.value);
	else
		fputs("null", f);
}

static void jday(FILE *f, int32_t d)
{
	char b[11];
	if (d == DAYS_NONE)
		fputs("null", f);
	else
		fprintf(f, "\"%s\"", days_iso(d, b));
}

static void jtotal(FILE *f, const struct cat_total *x, const struct cat_summary *s)
{
	fprintf(f, "\"customers\":%zu,\"customers_share\":", x->customers);
	jfrac(f, sharez(x->customers, s->all.customers));
	fputs(",\"revenue\":", f);
	jmoney(f, x->revenue);
	fputs(",\"revenue_share\":", f);
	jfrac(f, share(x->revenue, s->all.revenue));
	fputs(",\"potential\":", f);
	jmoney(f, x->potential);
	fputs(",\"potential_share\":", f);
	jfrac(f, share(x->potential, s->all.potential));
	fprintf(f, ",\"orders\":%lld,\"average_order_value\":", (long long)x->orders);
	if (x->orders > 0)
		jmoney(f, avg_order(x));
	else
		fputs("null", f);
}

void catout_summary_json(FILE *f, const struct cat_run *run, const struct cat_summary *sum,
                         enum lang lang)
{
	const struct cat_params *p = &run->p;
	const struct cat_summary s = *sum;
	fprintf(f, "{\"snapshot\":%lld,\"created_at\":", (long long)run->id);
	if (run->created_at[0])
		catout_json_str(f, run->created_at);
	else
		fputs("null", f);
	fputs(",\"as_of\":", f);
	jday(f, p->as_of);
	fprintf(f, ",\"window_months\":%d,\"window\":{\"from\":", p->window_months);
	jday(f, run->window_from + 1);
	fputs(",\"to\":", f);
	jday(f, p->as_of);
	fprintf(f,
	        "},\"axis\":\"%s\",\"method\":\"%s\",\"revenue_method\":\"%s\","
	        "\"potential_method\":\"%s\",\"params\":{\"revenue_share\":%.6g,"
	        "\"potential_share\":%.6g,\"revenue_top\":%.6g,\"potential_top\":%.6g,"
	        "\"revenue_min\":",
	        cat_axis_code(p->axis), cat_method_code(p->method),
	        cat_method_code(cat_revenue_method(p)), cat_method_code(cat_potential_method(p)),
	        p->revenue_share, p->potential_share, p->revenue_top, p->potential_top);
	if (p->has_revenue_min)
		jmoney(f, p->revenue_min);
	else
		fputs("null", f);
	fputs(",\"potential_min\":", f);
	if (p->has_potential_min)
		jmoney(f, p->potential_min);
	else
		fputs("null", f);
	fprintf(f, ",\"wallet_quantile\":%.6g,\"margin\":%.6g},\"thresholds\":{\"revenue\":",
	        p->wallet_quantile, p->margin);
	jthr(f, run->revenue_t);
	fputs(",\"potential\":", f);
	jthr(f, run->potential_t);
	fputs("},\"categories\":[", f);
	for (int c = 0; c < CAT_COUNT; c++) {
		fprintf(f, "%s{\"category\":\"%s\",\"label\":", c ? "," : "",
		        category_code((enum category)c));
		catout_json_str(f, category_label((enum category)c, lang));
		fputc(',', f);
		jtotal(f, &s.cat[c], &s);
		fprintf(f, ",\"computed\":%zu}", s.computed[c]);
	}
	fputs("],\"total\":{", f);
	jtotal(f, &s.all, &s);
	fputs("},\"potential_sources\":{", f);
	for (int k = 0; k < POTSRC_COUNT; k++)
		fprintf(f, "%s\"%s\":%zu", k ? "," : "", pot_source_code((enum pot_source)k),
		        s.potsrc[k]);
	fputs("},\"revenue_sources\":{", f);
	for (int k = 0; k < REVSRC_COUNT; k++)
		fprintf(f, "%s\"%s\":%zu", k ? "," : "", rev_source_code((enum rev_source)k),
		        s.revsrc[k]);
	fprintf(f, "},\"overridden\":%zu}\n", s.overridden);
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
		    vstr(v->customer_id, i),
		    vstr(v->name, i),
		    vstr(v->seller_id, i),
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

/* Rows are formatted into a buffer and written CSV_CHUNK rows at a time;
 * with two threads, the chunks are formatted by turns and written in
 * order. */
#define CSV_CHUNK 16384

/* One customer's row, as gathered for formatting. */
struct csv_in {
	struct cat_row r;
	const char *id, *name, *seller;
};

static void csv_customer(struct strbuf *out, struct strbuf *sb, const struct cat_run *run,
                         const struct csv_in *c, enum lang lang)
{
	const struct cat_row *r = &c->r;
	char rev[40], pot[40], ord[24];
	plain(rev, sizeof(rev), r->revenue);
	if (r->potential_source == POTSRC_UNKNOWN)
		pot[0] = '\0';
	else
		plain(pot, sizeof(pot), r->potential);
	plain(ord, sizeof(ord), (int64_t)r->orders * 100);
	strbuf_reset(sb);
	category_reason(sb, r, run, lang);
	const char *cells[12] = {c->id,
	                         c->name,
	                         c->seller,
	                         rev,
	                         pot,
	                         pot_source_code((enum pot_source)r->potential_source),
	                         category_code((enum category)r->computed),
	                         category_code((enum category)r->category),
	                         strbuf_cstr(sb),
	                         rev_source_code((enum rev_source)r->revenue_source),
	                         ord,
	                         r->override_reason ? r->override_reason : ""};
	csvw_row_sb(out, cells, 12);
}

/* Rows idx[from..to) formatted into out, for one thread. */
struct csv_job {
	const struct catview *v;
	const size_t *idx;
	size_t from, to;
	enum lang lang;
	struct strbuf out, sb;
};

/* Rows come in category order, at random places in memory: a few hundred
 * at a time are first copied together in a loop whose loads do not wait
 * for each other (and their ids fetched), then formatted. */
#define GATHER 512

static void *csv_job_run(void *arg)
{
	struct csv_job *j = arg;
	const struct catview *v = j->v;
	struct csv_in *g = xreallocarray(NULL, GATHER, sizeof(*g));
	for (size_t a = j->from; a < j->to; a += GATHER) {
		size_t m = j->to - a < GATHER ? j->to - a : GATHER;
		for (size_t k = 0; k < m; k++) {
			size_t i = j->idx[a + k];
			g[k].r = v->rows[i];
			g[k].id = vstr(v->customer_id, i);
			g[k].name = vstr(v->name, i);
			g[k].seller = vstr(v->seller_id, i);
			__builtin_prefetch(g[k].id);
		}
		for (size_t k = 0; k < m; k++)
			csv_customer(&j->out, &j->sb, v->run, &g[k], j->lang);
	}
	free(g);
	return NULL;
}

static void csv_job_write(FILE *f, struct csv_job *j)
{
	if (j->out.len)
		fwrite(j->out.buf, 1, j->out.len, f);
	strbuf_reset(&j->out);
}

/* Two threads: in each round this one formats a chunk while a second
 * thread formats the next one; this one also writes the previous round's
 * two chunks while the other thread works. */
static void csv_customers_two(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                              enum lang lang)
{
	struct csv_job job[2][2];
	memset(job, 0, sizeof(job));
	for (size_t r = 0, a = 0; a < n; r++, a += 2 * CSV_CHUNK) {
		struct csv_job *mine = &job[r % 2][0], *other = &job[r % 2][1];
		*mine = (struct csv_job){v, idx, a, a + CSV_CHUNK < n ? a + CSV_CHUNK : n,
		                         lang, mine->out, mine->sb};
		*other = (struct csv_job){v, idx, mine->to,
		                          mine->to + CSV_CHUNK < n ? mine->to + CSV_CHUNK : n,
		                          lang, other->out, other->sb};
		pthread_t th;
		int started = other->from < other->to &&
		              pthread_create(&th, NULL, csv_job_run, other) == 0;
		csv_job_write(f, &job[(r + 1) % 2][0]);
		csv_job_write(f, &job[(r + 1) % 2][1]);
		csv_job_run(mine);
		if (started)
			pthread_join(th, NULL);
		else
			csv_job_run(other);
		if (mine->to == n || other->to == n) {
			csv_job_write(f, mine);
			csv_job_write(f, other);
		}
	}
	for (int r = 0; r < 2; r++)
		for (int t = 0; t < 2; t++) {
			strbuf_free(&job[r][t].out);
			strbuf_free(&job[r][t].sb);
		}
}

void catout_customers_csv_threads(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                                  enum lang lang, int threads)
{
	static const char *const hdr[] = {"customer_id",       "name",      "seller_id",
	                                  "revenue",           "potential", "potential_source",
	                                  "computed_category", "category",  "reason",
	                                  "revenue_source",    "orders",    "override_reason"};
	struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
	csvw_row_sb(&out, hdr, 12);
	if (threads >= 2 && n >= 2 * CSV_CHUNK) {
		fwrite(out.buf, 1, out.len, f);
		strbuf_free(&out);
		csv_customers_two(f, v, idx, n, lang);
		return;
	}
	struct csv_job j = {v, idx, 0, 0, lang, out, sb};
	for (size_t a = 0; a < n; a += CSV_CHUNK) {
		j.from = a;
		j.to = a + CSV_CHUNK < n ? a + CSV_CHUNK : n;
		csv_job_run(&j);
		csv_job_write(f, &j);
	}
	if (n == 0)
		csv_job_write(f, &j);
	strbuf_free(&j.out);
	strbuf_free(&j.sb);
}

void catout_customers_csv(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                          enum lang lang)
{
	catout_customers_csv_threads(f, v, idx, n, lang, 1);
}

static void jstr_or_null(FILE *f, char *const *arr, size_t i)
{
	if (arr && arr[i])
		catout_json_str(f, arr[i]);
	else
		fputs("null", f);
}

void catout_customers_json(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                           enum lang lang)
{
	struct strbuf sb = STRBUF_INIT;
	fputs("[", f);
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		const struct cat_row *r = &v->rows[i];
		fputs(k ? ",\n{\"customer_id\":" : "\n{\"customer_id\":", f);
		catout_json_str(f, vstr(v->customer_id, i));
		fputs(",\"name\":", f);
		jstr_or_null(f, v->name, i);
		fputs(",\"seller_id\":", f);
		jstr_or_null(f, v->seller_id, i);
		fputs(",\"revenue\":", f);
		jmoney(f, r->revenue);
		fputs(",\"potential\":", f);
		if (r->potential_source == POTSRC_UNKNOWN)
			fputs("null", f);
		else
			jmoney(f, r->potential);
		fprintf(f,
		        ",\"potential_source\":\"%s\",\"computed_category\":\"%s\","
		        "\"category\":\"%s\",\"reason\":",
		        pot_source_code((enum pot_source)r->potential_source),
		        category_code((enum category)r->computed),
		        category_code((enum category)r->category));
		strbuf_reset(&sb);
		category_reason(&sb, r, v->run, lang);
		catout_json_str(f, strbuf_cstr(&sb));
		fprintf(f,
		        ",\"revenue_source\":\"%s\",\"orders\":%d,\"revenue_high\":%s,"
		        "\"potential_high\":%s,\"override_reason\":",
		        rev_source_code((enum rev_source)r->revenue_source), r->orders,
		        r->revenue_high ? "true" : "false", r->potential_high ? "true" : "false");
		if (r->override_reason)
			catout_json_str(f, r->override_reason);
		else
			fputs("null", f);
		fputc('}', f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
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

void catout_migration_csv(FILE *f, const struct cat_migration *m, int64_t from_id, int64_t to_id)
{
	static const char *const hdr[] = {"from_snapshot", "to_snapshot", "from", "to",
	                                  "customers"};
	csvw_row(f, hdr, 5);
	char a[24], b[24], n[24];
	snprintf(a, sizeof(a), "%lld", (long long)from_id);
	snprintf(b, sizeof(b), "%lld", (long long)to_id);
	for (int r = 0; r <= CAT_COUNT; r++) {
		for (int c = 0; c <= CAT_COUNT; c++) {
			size_t x;
			if (r < CAT_COUNT && c < CAT_COUNT)
				x = m->moves[r][c];
			else if (r == CAT_COUNT && c < CAT_COUNT)
				x = m->added[c];
			else if (r < CAT_COUNT)
				x = m->gone[r];
			else
				continue;
			snprintf(n, sizeof(n), "%zu", x);
			const char *cells[5] = {
			    a, b, r < CAT_COUNT ? category_code((enum category)r) : "new",
			    c < CAT_COUNT ? category_code((enum category)c) : "gone", n};
			csvw_row(f, cells, 5);
		}
	}
}

void catout_migration_json(FILE *f, const struct cat_migration *m, int64_t from_id, int64_t to_id)
{
	fprintf(f, "{\"from\":%lld,\"to\":%lld,\"moves\":{", (long long)from_id, (long long)to_id);
	for (int r = 0; r < CAT_COUNT; r++) {
		fprintf(f, "%s\"%s\":{", r ? "," : "", category_code((enum category)r));
		for (int c = 0; c < CAT_COUNT; c++)
			fprintf(f, "%s\"%s\":%zu", c ? "," : "", category_code((enum category)c),
			        m->moves[r][c]);
		fputc('}', f);
	}
	fputs("},\"new\":{", f);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(f, "%s\"%s\":%zu", c ? "," : "", category_code((enum category)c),
		        m->added[c]);
	fputs("},\"gone\":{", f);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(f, "%s\"%s\":%zu", c ? "," : "", category_code((enum category)c),
		        m->gone[c]);
	fputs("}}\n", f);
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

void catout_history_csv(FILE *f, const struct cat_runinfo *items, size_t n)
{
	static const char *const hdr[] = {"snapshot",
	                                  "created_at",
	                                  "as_of",
	                                  "window_months",
	                                  "axis",
	                                  "method",
	                                  "revenue_threshold",
	                                  "potential_threshold",
	                                  "customers",
	                                  "cat_1",
	                                  "cat_2R",
	                                  "cat_2P",
	                                  "cat_3"};
	csvw_row(f, hdr, 13);
	for (size_t i = 0; i < n; i++) {
		const struct cat_runinfo *it = &items[i];
		char b[13][40];
		const char *cells[13];
		snprintf(b[0], 40, "%lld", (long long)it->run.id);
		snprintf(b[1], 40, "%s", it->run.created_at);
		days_iso(it->run.p.as_of, b[2]);
		snprintf(b[3], 40, "%d", it->run.p.window_months);
		snprintf(b[4], 40, "%s", cat_axis_code(it->run.p.axis));
		snprintf(b[5], 40, "%s", cat_method_code(it->run.p.method));
		thr_plain(b[6], 40, it->run.revenue_t);
		thr_plain(b[7], 40, it->run.potential_t);
		snprintf(b[8], 40, "%zu", it->customers);
		for (int c = 0; c < CAT_COUNT; c++)
			snprintf(b[9 + c], 40, "%zu", it->cat[c]);
		for (int k = 0; k < 13; k++)
			cells[k] = b[k];
		csvw_row(f, cells, 13);
	}
}

void catout_history_json(FILE *f, const struct cat_runinfo *items, size_t n)
{
	fputs("[", f);
	for (size_t i = 0; i < n; i++) {
		const struct cat_runinfo *it = &items[i];
		fprintf(f, "%s\n{\"snapshot\":%lld,\"created_at\":", i ? "," : "",
		        (long long)it->run.id);
		catout_json_str(f, it->run.created_at);
		fputs(",\"as_of\":", f);
		jday(f, it->run.p.as_of);
		fprintf(f,
		        ",\"window_months\":%d,\"axis\":\"%s\",\"method\":\"%s\","
		        "\"thresholds\":{\"revenue\":",
		        it->run.p.window_months, cat_axis_code(it->run.p.axis),
		        cat_method_code(it->run.p.method));
		jthr(f, it->run.revenue_t);
		fputs(",\"potential\":", f);
		jthr(f, it->run.potential_t);
		fprintf(f, "},\"customers\":%zu,\"categories\":{", it->customers);
		for (int c = 0; c < CAT_COUNT; c++)
			fprintf(f, "%s\"%s\":%zu", c ? "," : "", category_code((enum category)c),
			        it->cat[c]);
		fputs("}}", f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

/* --- html ------------------------------------------------------------------ */

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
		double sh = sharez(x->customers, s->all.customers);
		html_td_num(f, isnan(sh) ? 0 : sh, pct(b, sizeof(b), sh, lang));
		html_td_num(f, (double)x->revenue, fmt_money(b, sizeof(b), x->revenue, lang));
		sh = share(x->revenue, s->all.revenue);
		html_td_num(f, isnan(sh) ? 0 : sh, pct(b, sizeof(b), sh, lang));
		html_td_num(f, (double)x->potential, fmt_money(b, sizeof(b), x->potential, lang));
		sh = share(x->potential, s->all.potential);
		html_td_num(f, isnan(sh) ? 0 : sh, pct(b, sizeof(b), sh, lang));
		html_td_num(f, (double)x->orders, fmt_int(b, sizeof(b), x->orders, lang));
		if (x->orders > 0)
			html_td_num(f, (double)avg_order(x),
			            fmt_money(b, sizeof(b), avg_order(x), lang));
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
		html_td(f, vstr(v->customer_id, i), 'l');
		html_td(f, vstr(v->name, i), 'l');
		html_td(f, vstr(v->seller_id, i), 'l');
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
	window_line(&sb, run, lang);
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
		snprintf(note, sizeof(note), "%s %s",
		         pct(ps, sizeof(ps), share(s.cat[c].revenue, s.all.revenue), lang),
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
	threshold_text(&sb, run->revenue_t, lang);
	strbuf_puts(&sb, ", potential ");
	threshold_text(&sb, run->potential_t, lang);
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
