/* catout-json.c — the categorization's outputs as json, written by hand and streamed: the report
 * summary, the customer rows, the migration and the history (see catout.h). What the formats share
 * is in catout.c (catout-int.h). */
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

static void jmoney(FILE *f, int64_t minor)
{
	char b[40];
	fputs(catout_plain(b, sizeof(b), minor), f);
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
	jfrac(f, catout_sharez(x->customers, s->all.customers));
	fputs(",\"revenue\":", f);
	jmoney(f, x->revenue);
	fputs(",\"revenue_share\":", f);
	jfrac(f, catout_share(x->revenue, s->all.revenue));
	fputs(",\"potential\":", f);
	jmoney(f, x->potential);
	fputs(",\"potential_share\":", f);
	jfrac(f, catout_share(x->potential, s->all.potential));
	fprintf(f, ",\"orders\":%lld,\"average_order_value\":", (long long)x->orders);
	if (x->orders > 0)
		jmoney(f, catout_avg_order(x));
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
		catout_json_str(f, catout_vstr(v->customer_id, i));
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
