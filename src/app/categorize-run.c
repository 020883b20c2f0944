/* categorize-run.c — one categorization run against the workspace, and the
 * html report of a stored run (see categorize-run.h). The glue between
 * store (load, save), core (compute) and render (html); the commands and
 * the demo call it so they cannot disagree. Also the dataset built straight
 * from files for the workspace-free categorize. */
#include "app/categorize-run.h"
#include "io/records.h"
#include "render/html.h"
#include "store/dataset.h"
#include "store/override.h"
#include "util/days.h"
#include "util/idmap.h"
#include "util/threads.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int categorize_run(struct sqlite3 *db, const struct cat_params *p_in, struct cat_run *run,
                   struct cat_summary *summary, size_t *no_margin, char **cause)
{
	struct cat_params p = *p_in;
	struct dataset ds = {0};
	int8_t *prh = NULL, *pph = NULL;
	struct cat_override *ov = NULL;
	struct cat_row *rows = NULL;
	int ret = -1;
	if (p.today == DAYS_NONE)
		p.today = days_today();
	/* orders only summed: storage order will do; margins only for the margin
	 * axis; of the customers only the columns the computation reads */
	int what = LOAD_CUSTOMERS | LOAD_CUSTOMERS_LIGHT | LOAD_ORDERS | LOAD_ORDERS_UNSORTED;
	if (p.axis != AXIS_MARGIN)
		what |= LOAD_ORDERS_NO_MARGIN;
	if (p.as_of == DAYS_NONE && p.window_months >= 0 && p.window_months <= 12 * 1000) {
		/* as of the latest order: the largest day_max of the order blocks
		 * (one small column, no decoding), then only the blocks whose days
		 * meet the window are read. A window of m months never spans more
		 * than 31 m days; category_compute keeps the exact window. */
		int32_t latest;
		if (store_load_dataset_recent(db, what, 31 * p.window_months + 1, &latest, &ds,
		                              cause) != 0)
			return -1;
		p.as_of = latest != DAYS_NONE ? latest : p.today;
	} else {
		if (p.as_of == DAYS_NONE) {
			if (store_snapshot_default_as_of(db, &p.as_of, cause) != 0)
				return -1;
			if (p.as_of == DAYS_NONE)
				p.as_of = p.today;
		}
		int32_t from = category_window_from(p.as_of, p.window_months);
		if (store_load_dataset(db, what, from + 1, p.as_of, &ds, cause) != 0)
			return -1;
	}
	size_t n = ds.ncustomers;
	if (n == 0) {
		*cause = xstrdup("the workspace has no customers yet: import orders or customers "
		                 "first ('fokus import')");
		goto out;
	}
	int64_t prev = 0;
	int r = store_snapshot_latest(db, &prev, cause);
	if (r < 0)
		goto out;
	if (r == 0) {
		prh = xreallocarray(NULL, n ? n : 1, 1);
		pph = xreallocarray(NULL, n ? n : 1, 1);
		if (store_snapshot_sides(db, prev, &ds, prh, pph, cause) != 0)
			goto out;
	}
	ov = xreallocarray(NULL, n ? n : 1, sizeof(*ov));
	if (store_override_load(db, &ds, ov, cause) != 0)
		goto out;
	rows = xreallocarray(NULL, n ? n : 1, sizeof(*rows));
	struct cat_input in = {
	    .ds = &ds, .prev_revenue_high = prh, .prev_potential_high = pph, .overrides = ov};
	if (category_compute(&in, &p, run, rows, cause) != 0)
		goto out;
	if (no_margin) {
		*no_margin = 0;
		if (p.axis == AXIS_MARGIN)
			for (size_t k = 0; k < ds.norders; k++)
				if (!ds.orders[k].has_margin &&
				    ds.orders[k].day > run->window_from &&
				    ds.orders[k].day <= run->p.as_of)
					(*no_margin)++;
	}
	if (store_snapshot_save(db, run, &ds, rows, cause) != 0)
		goto out;
	if (summary)
		category_summarize(rows, n, summary);
	ret = 0;
out:
	if (ov)
		store_override_release(ov, n);
	free(ov);
	free(prh);
	free(pph);
	free(rows);
	dataset_free(&ds);
	return ret;
}

int categorize_run_view(struct sqlite3 *db, int64_t id, struct snapshot *s, struct catview *v,
                        char **cause)
{
	if (id == 0) {
		int r = store_snapshot_latest(db, &id, cause);
		if (r != 0)
			return r;
	}
	int r = store_snapshot_load(db, id, s, cause);
	if (r != 0)
		return r;
	v->run = &s->run;
	v->n = s->n;
	v->rows = s->rows;
	v->customer_id = s->customer_id;
	v->name = s->name;
	v->seller_id = s->seller_id;
	return 0;
}

int categorize_run_html_section(FILE *f, struct sqlite3 *db, int64_t id, enum lang lang,
                                char **cause)
{
	struct snapshot s;
	struct catview v;
	int r = categorize_run_view(db, id, &s, &v, cause);
	if (r != 0)
		return r;
	catout_html_section(f, &v, CATEGORIZE_HTML_MAX_ROWS, lang);
	store_snapshot_free(&s);
	return 0;
}

/* --- from files --------------------------------------------------------------- */

/* customer_id -> index + 1 into ds->customers (util/idmap.h, without a
 * limit: categorizing from files keeps every customer in memory anyway).
 * With ds NULL (the second part of a split orders file) the index is into
 * ids, the IDs alone in order of first appearance, without customer
 * records. */
struct custmap {
	struct idmap map;
	char **ids;
	size_t nids, idcap;
};

/* The index of customer `id` (hash hv and length len from idmap_hash),
 * adding a bare customer when new (*added set); with ds NULL, adding the
 * ID to m->ids only. */
static int32_t cust_index(struct custmap *m, struct dataset *ds, size_t *cap, const char *id,
                          size_t len, uint64_t hv, int *added)
{
	size_t n = ds ? ds->ncustomers : m->nids;
	int64_t v = idmap_add_h(&m->map, id, hv, len, (int64_t)n + 1);
	*added = v == (int64_t)n + 1; /* the others have 1..n */
	if (!*added)
		return (int32_t)(v - 1);
	if (!ds) {
		if (m->nids == m->idcap) {
			m->idcap = m->idcap ? m->idcap * 2 : 1024;
			m->ids = xreallocarray(m->ids, m->idcap, sizeof(*m->ids));
		}
		m->ids[m->nids] = xstrdup(id);
		return (int32_t)m->nids++;
	}
	if (ds->ncustomers == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		ds->customers = xreallocarray(ds->customers, *cap, sizeof(*ds->customers));
	}
	struct customer *c = &ds->customers[ds->ncustomers];
	memset(c, 0, sizeof(*c));
	c->id = xstrdup(id);
	c->seller = -1;
	c->employees = -1;
	c->open_min = c->close_min = -1;
	return (int32_t)ds->ncustomers++;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void note_reject(size_t *rejected, char **first, const struct ferr *err)
{
	if ((*rejected)++ == 0) {
		char b[1024];
		*first = xstrdup(ferr_str(err, b, sizeof(b)));
	}
}

static int read_customers(const char *path, struct dataset *ds, struct custmap *m, size_t *cap,
                          size_t *rejected, char **first, char **cause)
{
	struct recreader *rr = NULL;
	struct ferr err = {0};
	if (recreader_open(path, REC_CUSTOMERS, NULL, &rr, &err) != 0)
		goto fail;
	struct rec rec;
	int r;
	while ((r = recreader_next(rr, &rec, &err)) != 0) {
		if (r < 0)
			goto fail;
		if (r == 2) {
			note_reject(rejected, first, &err);
			continue;
		}
		const struct rec_customer *rc = &rec.u.c;
		int added;
		size_t len;
		uint64_t hv = idmap_hash(rc->customer_id, &len);
		int32_t ci = cust_index(m, ds, cap, rc->customer_id, len, hv,
		                        &added); /* may move customers */
		struct customer *c = &ds->customers[ci];
		if (!added)
			continue; /* the first row of a customer wins */
		c->name = dup_or_null(rc->name);
		c->org_number = dup_or_null(rc->org_number);
		c->address = dup_or_null(rc->address);
		c->postal_code = dup_or_null(rc->postal_code);
		c->city = dup_or_null(rc->city);
		c->industry = dup_or_null(rc->industry);
		c->email = dup_or_null(rc->email);
		c->phone = dup_or_null(rc->phone);
		c->seller_id = dup_or_null(rc->seller_id);
		c->has_loc = rc->has_lat_lon;
		c->lat = rc->lat;
		c->lon = rc->lon;
		c->employees = rc->employees;
		c->has_revenue = rc->has_revenue;
		c->revenue = rc->revenue;
		c->has_potential = rc->has_potential;
		c->potential = rc->potential;
		c->has_wallet = rc->has_wallet;
		c->wallet = rc->wallet;
		c->open_min = rc->open_min;
		c->close_min = rc->close_min;
	}
	recreader_close(rr);
	return 0;
fail:;
	char b[1024];
	*cause = xstrdup(ferr_str(&err, b, sizeof(b)));
	recreader_close(rr);
	return -1;
}

/* An order line kept until the window is known: 16 bytes. */
struct line {
	int32_t cust, day;
	int64_t value; /* amount, or margin on the margin axis */
};

/* One part of the orders file, read by one thread: its customers go into
 * ds/m (the shared dataset for the first part; a part-local one for the
 * second, merged after), its kept lines into lines[]. */
struct part {
	struct recreader *rr;
	const struct cat_params *p;
	struct dataset *ds;
	struct custmap *m;
	size_t *cap;
	struct line *lines;
	uint8_t *nomargin; /* bit per line: margin missing (margin axis) */
	size_t nl, lcap;
	int32_t last; /* latest order day seen */
	size_t rejected;
	struct ferr first; /* the first rejected row, when rejected > 0 */
	int failed;
	struct ferr err;      /* when failed */
	progress_fn progress; /* the first part only; may be NULL */
	void *progress_arg;
	int progress_scale; /* 2 when the other half is read at the same time */
};

#define PROGRESS_EVERY 65536 /* lines */

static void part_progress(const struct part *pt, int at_end)
{
	long long done, total;
	recreader_progress(pt->rr, &done, &total);
	done = at_end ? total : done * pt->progress_scale;
	pt->progress(pt->progress_arg, done < total ? done : total, total);
}

/* An order line read but not yet looked up: the lines of a batch have
 * their hash slots prefetched first, so that the cache misses of the
 * customer-ID table overlap instead of coming one after the other. */
#define BATCH 16
struct pending {
	uint64_t hv;
	size_t len, off; /* the ID: arena[off..off+len) */
	int32_t day;
	int missing; /* margin axis: no margin */
	int64_t value;
};

/* Looks up the customers of the batch and keeps its lines, in file order. */
static void flush_batch(struct part *pt, const struct pending *pb, int np, const char *arena,
                        int32_t *cut)
{
	const struct cat_params *p = pt->p;
	for (int i = 0; i < np; i++) {
		const struct pending *b = &pb[i];
		int added;
		int32_t ci =
		    cust_index(pt->m, pt->ds, pt->cap, arena + b->off, b->len, b->hv, &added);
		if (pt->last == DAYS_NONE || b->day > pt->last) {
			pt->last = b->day;
			if (p->as_of == DAYS_NONE)
				*cut = category_window_from(pt->last, p->window_months);
		}
		if ((*cut != DAYS_NONE && b->day <= *cut) ||
		    (p->as_of != DAYS_NONE && b->day > p->as_of))
			continue;
		if (pt->nl == pt->lcap) {
			size_t old = pt->lcap;
			pt->lcap = pt->lcap ? pt->lcap * 2 : 65536;
			pt->lines = xreallocarray(pt->lines, pt->lcap, sizeof(*pt->lines));
			if (p->axis == AXIS_MARGIN) {
				pt->nomargin = xrealloc(pt->nomargin, pt->lcap / 8);
				memset(pt->nomargin + old / 8, 0, (pt->lcap - old) / 8);
			}
		}
		struct line *l = &pt->lines[pt->nl];
		l->cust = ci;
		l->day = b->day;
		l->value = b->value;
		if (b->missing)
			pt->nomargin[pt->nl / 8] |= (uint8_t)(1u << (pt->nl % 8));
		pt->nl++;
	}
}

static int read_part(struct part *pt)
{
	const struct cat_params *p = pt->p;
	/* Lines on or before `cut` can never fall in the window, which ends at
	 * the given as-of or at the latest date (that only grows while reading):
	 * they are not kept, which halves the memory on a two-year file. Each
	 * part cuts by its own latest date, so it keeps a superset of what the
	 * window needs; the final filter uses the latest date of both. */
	int32_t cut =
	    p->as_of != DAYS_NONE ? category_window_from(p->as_of, p->window_months) : DAYS_NONE;
	struct pending pb[BATCH];
	int np = 0;
	char *arena = NULL;
	size_t acap = 0, aused = 0;
	struct rec rec;
	struct ferr err = {0};
	int r;
	size_t nread = 0;
	while ((r = recreader_next(pt->rr, &rec, &err)) != 0) {
		if (pt->progress && ++nread % PROGRESS_EVERY == 0)
			part_progress(pt, 0);
		if (r < 0) {
			pt->err = err;
			pt->failed = 1;
			free(arena);
			return -1;
		}
		if (r == 2) {
			if (pt->rejected++ == 0)
				pt->first = err;
			continue;
		}
		const struct rec_order *o = &rec.u.o;
		struct pending *b = &pb[np];
		b->hv = idmap_hash(o->customer_id, &b->len);
		if (aused + b->len + 1 > acap) {
			acap = (aused + b->len + 1) * 2;
			arena = xrealloc(arena, acap);
		}
		memcpy(arena + aused, o->customer_id, b->len + 1);
		b->off = aused;
		aused += b->len + 1;
		b->day = o->day;
		b->missing = p->axis == AXIS_MARGIN && !o->has_margin;
		b->value = p->axis == AXIS_MARGIN ? (o->has_margin ? o->margin : 0) : o->amount;
		idmap_prefetch(&pt->m->map, b->hv);
		if (++np == BATCH) {
			flush_batch(pt, pb, np, arena, &cut);
			np = 0;
			aused = 0;
		}
	}
	flush_batch(pt, pb, np, arena, &cut);
	free(arena);
	if (pt->progress)
		part_progress(pt, 1);
	return 0;
}

static void *read_part_thread(void *arg)
{
	read_part(arg);
	return NULL;
}

/* Adds the lines of part pt that fall in (from, as_of] to the sums of
 * their customers, indices mapped through map (NULL: as they are). */
static void sum_lines(struct cat_presum *s, const struct part *pt, const int32_t *map, int32_t from,
                      int32_t as_of)
{
	for (size_t k = 0; k < pt->nl; k++) {
		const struct line *l = &pt->lines[k];
		if (l->day <= from || l->day > as_of)
			continue;
		int32_t c = map ? map[l->cust] : l->cust;
		s->value[c] += l->value;
		s->orders[c]++;
		s->in_window++;
		if (!pt->nomargin || !(pt->nomargin[k / 8] >> (k % 8) & 1))
			s->with_margin++;
	}
}

/* sum_lines in a thread (for part 0, while the main thread merges the
 * second part's customers). */
struct sum_job {
	struct cat_presum *s;
	const struct part *pt;
	int32_t from, as_of;
};

static void *sum_thread(void *arg)
{
	struct sum_job *j = arg;
	sum_lines(j->s, j->pt, NULL, j->from, j->as_of);
	return NULL;
}

/* The second part's customers (m2) join m and ds in their order of first
 * appearance, as when one thread reads the whole file; map[i] gets the
 * index of m2's customer i. A batch of IDs is hashed and its slots
 * prefetched before they are looked up, as in read_part. */
static void merge_ids(struct custmap *m, struct dataset *ds, size_t *cap, struct custmap *m2,
                      int32_t *map)
{
	uint64_t hv[BATCH];
	size_t len[BATCH];
	for (size_t a = 0; a < m2->nids; a += BATCH) {
		size_t nb = m2->nids - a < BATCH ? m2->nids - a : BATCH;
		for (size_t k = 0; k < nb; k++) {
			hv[k] = idmap_hash(m2->ids[a + k], &len[k]);
			idmap_prefetch(&m->map, hv[k]);
		}
		for (size_t k = 0; k < nb; k++) {
			int added;
			map[a + k] = cust_index(m, ds, cap, m2->ids[a + k], len[k], hv[k], &added);
			free(m2->ids[a + k]);
			m2->ids[a + k] = NULL;
		}
	}
}

void categorize_sums_free(struct cat_presum *sums)
{
	free(sums->value);
	free(sums->orders);
	memset(sums, 0, sizeof(*sums));
}

int categorize_run_files(const char *orders, const char *customers, const struct cat_params *p,
                         struct dataset *ds, struct cat_presum *sums, int32_t *as_of,
                         size_t *rejected, char **first, progress_fn progress, void *progress_arg,
                         char **cause)
{
	struct custmap m = {.map.limit = IDMAP_NO_LIMIT}, m2 = {.map.limit = IDMAP_NO_LIMIT};
	/* m2: the second part's customers */
	size_t cap = 0;
	struct part pt[2];
	int nparts = 1;
	int32_t *map = NULL;
	struct ferr err = {0};
	int ret = -1;
	char b[1024];
	memset(ds, 0, sizeof(*ds));
	memset(sums, 0, sizeof(*sums));
	memset(pt, 0, sizeof(pt));
	*rejected = 0;
	*first = NULL;
	if (customers && read_customers(customers, ds, &m, &cap, rejected, first, cause) != 0)
		goto out;
	struct rec_opts ro = {.split_first_pass = threads_wanted() > 1,
	                      .progress = progress,
	                      .progress_ctx = progress_arg};
	if (recreader_open(orders, REC_ORDERS, &ro, &pt[0].rr, &err) != 0)
		goto bad;
	if (threads_wanted() > 1) {
		int r = recreader_split(pt[0].rr, &pt[1].rr, &err);
		if (r < 0)
			goto bad;
		nparts = r == 1 ? 2 : 1;
	}
	for (int k = 0; k < nparts; k++) {
		pt[k].p = p;
		pt[k].last = DAYS_NONE;
		pt[k].ds = k == 0 ? ds : NULL;
		pt[k].m = k == 0 ? &m : &m2;
		pt[k].cap = &cap; /* unused by the second part */
	}
	pt[0].progress = progress;
	pt[0].progress_arg = progress_arg;
	pt[0].progress_scale = nparts;
	if (nparts == 2) {
		pthread_t th;
		if (pthread_create(&th, NULL, read_part_thread, &pt[1]) != 0) {
			*cause = xstrdup("cannot start a thread to read the orders");
			goto out;
		}
		read_part(&pt[0]);
		pthread_join(th, NULL);
		/* the second part's lines count from its first line */
		long base = recreader_line(pt[0].rr) - 1;
		pt[1].first.line += pt[1].first.line ? base : 0;
		pt[1].err.line += pt[1].err.line ? base : 0;
	} else {
		read_part(&pt[0]);
	}
	for (int k = 0; k < nparts; k++)
		if (pt[k].failed) {
			err = pt[k].err;
			goto bad;
		}
	for (int k = 0; k < nparts; k++)
		if (pt[k].rejected) {
			if (*rejected == 0 && !*first)
				*first = xstrdup(ferr_str(&pt[k].first, b, sizeof(b)));
			*rejected += pt[k].rejected;
		}
	int32_t last = pt[0].last;
	if (nparts == 2 && pt[1].last != DAYS_NONE && (last == DAYS_NONE || pt[1].last > last))
		last = pt[1].last;
	*as_of = p->as_of != DAYS_NONE ? p->as_of : last != DAYS_NONE ? last : p->today;
	int32_t from = category_window_from(*as_of, p->window_months);
	/* room for every customer the merge may add */
	size_t n = ds->ncustomers + (nparts == 2 ? m2.nids : 0);
	sums->value = xcalloc(n ? n : 1, sizeof(*sums->value));
	sums->orders = xcalloc(n ? n : 1, sizeof(*sums->orders));
	if (nparts == 2) {
		/* part 0 is summed meanwhile: its customers keep their indices */
		map = xreallocarray(NULL, m2.nids ? m2.nids : 1, sizeof(*map));
		struct sum_job j = {sums, &pt[0], from, *as_of};
		pthread_t th;
		int started = pthread_create(&th, NULL, sum_thread, &j) == 0;
		merge_ids(&m, ds, &cap, &m2, map);
		if (started)
			pthread_join(th, NULL);
		else
			sum_lines(sums, &pt[0], NULL, from, *as_of);
		sum_lines(sums, &pt[1], map, from, *as_of);
	} else {
		sum_lines(sums, &pt[0], NULL, from, *as_of);
	}
	ret = 0;
	goto out;
bad:
	*cause = xstrdup(ferr_str(&err, b, sizeof(b)));
out:
	for (int k = 1; k >= 0; k--) { /* the second part borrows from the first */
		recreader_close(pt[k].rr);
		free(pt[k].lines);
		free(pt[k].nomargin);
	}
	free(map);
	idmap_free(&m.map);
	idmap_free(&m2.map);
	for (size_t i = 0; i < m2.nids; i++)
		free(m2.ids[i]);
	free(m2.ids);
	if (ret != 0) {
		dataset_free(ds);
		categorize_sums_free(sums);
		free(*first);
		*first = NULL;
	}
	return ret;
}
