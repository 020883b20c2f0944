/* catout.c — the categorization's outputs (see catout.h): report summary,
 * customer rows, migration, history, as text, csv, json and html, one file
 * per format (catout-text.c, catout-csv.c, catout-json.c, catout-html.c);
 * this one holds what they share: the selection and order of customers, the
 * run's description in words, shares and money (catout-int.h). Money in
 * csv/json is currency units as plain numbers with '.', shares are
 * fractions; text and html use the language's formats. Large listings are
 * streamed row by row (json written by hand, no tree in memory). */
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

const char *catout_vstr(char *const *arr, size_t i)
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
	return strcmp(catout_vstr(v->customer_id, i), catout_vstr(v->customer_id, j));
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
	int c = strcmp(catout_vstr(v->customer_id, x->i), catout_vstr(v->customer_id, y->i));
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
		g[j].key = prefix8(catout_vstr(v->customer_id, g[j].i));
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
		if (f && f->seller && strcmp(catout_vstr(v->seller_id, i), f->seller) != 0)
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

void catout_window_line(struct strbuf *sb, const struct cat_run *run, enum lang lang)
{
	char a[11], b[11];
	strbuf_printf(sb, TR(lang, "%d months, %s – %s", "%d månader, %s – %s"),
	              run->p.window_months, days_iso(run->window_from + 1, a),
	              days_iso(run->p.as_of, b));
}

void catout_threshold_text(struct strbuf *sb, struct cat_threshold t, enum lang lang)
{
	char m[64];
	if (t.has) {
		strbuf_printf(sb, "≥ %s", fmt_money(m, sizeof(m), t.value, lang));
	} else {
		strbuf_puts(sb,
		            TR(lang, "none (no customer above 0)", "ingen (ingen kund över 0)"));
	}
}

double catout_share(int64_t part, int64_t whole)
{
	return whole > 0 ? (double)part / (double)whole : NAN;
}

double catout_sharez(size_t part, size_t whole)
{
	return whole > 0 ? (double)part / (double)whole : NAN;
}

/* A share for people; "–" when there is no whole to share. */
const char *catout_pct(char *b, size_t size, double x, enum lang lang)
{
	if (isnan(x)) {
		snprintf(b, size, "–");
		return b;
	}
	return fmt_pct(b, size, x, 1, lang);
}

int64_t catout_avg_order(const struct cat_total *t)
{
	return t->orders > 0 ? (int64_t)llround((double)t->order_revenue / (double)t->orders) : 0;
}

/* Money in minor units as csv/json write it: currency units with '.'. */
const char *catout_plain(char *b, size_t size, int64_t minor)
{
	return fmt_minor_plain(b, size, minor);
}
