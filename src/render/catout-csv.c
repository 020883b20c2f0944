/* catout-csv.c — the categorization's outputs as csv: the report summary, the customer rows (by
 * one or two threads, the same bytes either way), the migration and the history (see catout.h).
 * What the formats share is in catout.c (catout-int.h). */
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
	return catout_plain(b, size, t.value);
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
		frac(b[1], 40, catout_sharez(x->customers, s.all.customers));
		catout_plain(b[2], 40, x->revenue);
		frac(b[3], 40, catout_share(x->revenue, s.all.revenue));
		catout_plain(b[4], 40, x->potential);
		frac(b[5], 40, catout_share(x->potential, s.all.potential));
		snprintf(b[6], 40, "%lld", (long long)x->orders);
		if (x->orders > 0)
			catout_plain(b[7], 40, catout_avg_order(x));
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
	catout_plain(rev, sizeof(rev), r->revenue);
	if (r->potential_source == POTSRC_UNKNOWN)
		pot[0] = '\0';
	else
		catout_plain(pot, sizeof(pot), r->potential);
	catout_plain(ord, sizeof(ord), (int64_t)r->orders * 100);
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
			g[k].id = catout_vstr(v->customer_id, i);
			g[k].name = catout_vstr(v->name, i);
			g[k].seller = catout_vstr(v->seller_id, i);
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
		*mine = (struct csv_job){
		    v, idx, a, a + CSV_CHUNK < n ? a + CSV_CHUNK : n, lang, mine->out, mine->sb};
		*other = (struct csv_job){
		    v,    idx,        mine->to, mine->to + CSV_CHUNK < n ? mine->to + CSV_CHUNK : n,
		    lang, other->out, other->sb};
		pthread_t th;
		int started =
		    other->from < other->to && pthread_create(&th, NULL, csv_job_run, other) == 0;
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
