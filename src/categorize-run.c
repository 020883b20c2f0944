/* categorize-run.c — one categorization run against the workspace, and the
 * html report of a stored run (see categorize-run.h). The glue between
 * store (load, save), core (compute) and render (html); the commands and
 * the demo call it so they cannot disagree. Also the dataset built straight
 * from files for the workspace-free categorize. */
#include "categorize-run.h"
#include "io/records.h"
#include "render/html.h"
#include "store/dataset.h"
#include "store/override.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <errno.h>
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
		/* as of the latest order: found in the same pass that loads the
		 * orders (a separate max(day) is a second full scan). A window of
		 * m months never spans more than 31 m days; category_compute keeps
		 * the exact window. */
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

int categorize_run_demo(struct sqlite3 *db, const char *html_path, enum lang lang,
                        int64_t *snapshot, char **cause)
{
	struct cat_params p;
	struct cat_run run;
	cat_params_default(&p);
	if (categorize_run(db, &p, &run, NULL, NULL, cause) != 0)
		return -1;
	if (snapshot)
		*snapshot = run.id;
	FILE *f = fopen(html_path, "wb");
	if (!f) {
		*cause = xasprintf("cannot write %s: %s", html_path, strerror(errno));
		return -1;
	}
	html_begin(f, TR(lang, "Customer categorization", "Kundkategorisering"), lang);
	int r = categorize_run_html_section(f, db, run.id, lang, cause);
	html_end(f, lang);
	if (fclose(f) != 0 && r == 0) {
		*cause = xasprintf("writing %s failed", html_path);
		return -1;
	}
	if (r == 1)
		*cause = xstrdup("the new snapshot could not be read back");
	return r == 0 ? 0 : -1;
}

/* --- from files --------------------------------------------------------------- */

/* customer_id -> index into ds->customers (open addressing, linear probing,
 * at most half full). Each slot holds the first IDMAP_KEY bytes of the ID,
 * NUL-padded, so that a lookup of an ID shorter than that (the usual case)
 * touches one slot and nothing else: with a million customers in random
 * order, following a pointer to the customer and then to its string costs
 * two cache misses per order line. Longer IDs compare the rest with the
 * customer's own string. */
#define IDMAP_KEY 12
struct idslot {
	int32_t idx; /* -1 empty */
	char key[IDMAP_KEY];
};
struct idmap {
	struct idslot *slot;
	size_t cap;
};

/* FNV-1a of s; *len gets strlen(s). */
static uint64_t str_hash(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ull;
	const char *p = s;
	for (; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ull;
	}
	*len = (size_t)(p - s);
	return h ^ (h >> 29);
}

static void idmap_key(char key[IDMAP_KEY], const char *id, size_t len)
{
	memset(key, 0, IDMAP_KEY);
	memcpy(key, id, len < IDMAP_KEY ? len : IDMAP_KEY);
}

static void idmap_grow(struct idmap *m, const struct dataset *ds)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	struct idslot *slot = xreallocarray(NULL, cap, sizeof(*slot));
	for (size_t i = 0; i < cap; i++)
		slot[i].idx = -1;
	for (size_t i = 0; i < m->cap; i++) {
		const struct idslot *o = &m->slot[i];
		if (o->idx < 0)
			continue;
		size_t len;
		/* a short ID is all in the slot; a long one is read from its customer */
		uint64_t hv = memchr(o->key, 0, IDMAP_KEY)
		                  ? str_hash(o->key, &len)
		                  : str_hash(ds->customers[o->idx].id, &len);
		size_t h = (size_t)hv & (cap - 1);
		while (slot[h].idx >= 0)
			h = (h + 1) & (cap - 1);
		slot[h] = *o;
	}
	free(m->slot);
	m->slot = slot;
	m->cap = cap;
}

/* The index of customer `id`, adding a bare customer when new (*added set). */
static int32_t idmap_get(struct idmap *m, struct dataset *ds, size_t *cap, const char *id,
                         int *added)
{
	if ((ds->ncustomers + 1) * 2 > m->cap)
		idmap_grow(m, ds);
	size_t len;
	size_t h = (size_t)str_hash(id, &len) & (m->cap - 1);
	char key[IDMAP_KEY];
	idmap_key(key, id, len);
	while (m->slot[h].idx >= 0) {
		const struct idslot *s = &m->slot[h];
		if (!memcmp(s->key, key, IDMAP_KEY) &&
		    (len < IDMAP_KEY ||
		     !strcmp(ds->customers[s->idx].id + IDMAP_KEY, id + IDMAP_KEY))) {
			*added = 0;
			return s->idx;
		}
		h = (h + 1) & (m->cap - 1);
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
	m->slot[h].idx = (int32_t)ds->ncustomers;
	memcpy(m->slot[h].key, key, IDMAP_KEY);
	*added = 1;
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

static int read_customers(const char *path, struct dataset *ds, struct idmap *m, size_t *cap,
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
		int32_t ci =
		    idmap_get(m, ds, cap, rc->customer_id, &added); /* may move customers */
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

int categorize_run_files(const char *orders, const char *customers, const struct cat_params *p,
                         struct dataset *ds, int32_t *as_of, size_t *rejected, char **first,
                         char **cause)
{
	struct idmap m = {NULL, 0};
	size_t cap = 0, nl = 0, lcap = 0;
	struct line *lines = NULL;
	uint8_t *nomargin = NULL; /* bit per line: margin missing (margin axis) */
	struct recreader *rr = NULL;
	struct ferr err = {0};
	int ret = -1;
	memset(ds, 0, sizeof(*ds));
	*rejected = 0;
	*first = NULL;
	if (customers && read_customers(customers, ds, &m, &cap, rejected, first, cause) != 0)
		goto out;
	if (recreader_open(orders, REC_ORDERS, NULL, &rr, &err) != 0)
		goto bad;
	int32_t last = DAYS_NONE;
	/* Lines on or before `cut` can never fall in the window, which ends at
	 * the given as-of or at the latest date (that only grows while reading):
	 * they are not kept, which halves the memory on a two-year file. */
	int32_t cut =
	    p->as_of != DAYS_NONE ? category_window_from(p->as_of, p->window_months) : DAYS_NONE;
	struct rec rec;
	int r;
	while ((r = recreader_next(rr, &rec, &err)) != 0) {
		if (r < 0)
			goto bad;
		if (r == 2) {
			note_reject(rejected, first, &err);
			continue;
		}
		const struct rec_order *o = &rec.u.o;
		int added;
		int32_t ci = idmap_get(&m, ds, &cap, o->customer_id, &added);
		if (last == DAYS_NONE || o->day > last) {
			last = o->day;
			if (p->as_of == DAYS_NONE)
				cut = category_window_from(last, p->window_months);
		}
		if ((cut != DAYS_NONE && o->day <= cut) ||
		    (p->as_of != DAYS_NONE && o->day > p->as_of))
			continue;
		if (nl == lcap) {
			size_t old = lcap;
			lcap = lcap ? lcap * 2 : 65536;
			lines = xreallocarray(lines, lcap, sizeof(*lines));
			if (p->axis == AXIS_MARGIN) {
				nomargin = xrealloc(nomargin, lcap / 8);
				memset(nomargin + old / 8, 0, (lcap - old) / 8);
			}
		}
		lines[nl].cust = ci;
		lines[nl].day = o->day;
		if (p->axis == AXIS_MARGIN) {
			lines[nl].value = o->has_margin ? o->margin : 0;
			if (!o->has_margin)
				nomargin[nl / 8] |= (uint8_t)(1u << (nl % 8));
		} else {
			lines[nl].value = o->amount;
		}
		nl++;
	}
	*as_of = p->as_of != DAYS_NONE ? p->as_of : last != DAYS_NONE ? last : p->today;
	int32_t from = category_window_from(*as_of, p->window_months);
	size_t keep = 0;
	for (size_t k = 0; k < nl; k++)
		if (lines[k].day > from && lines[k].day <= *as_of)
			keep++;
	ds->orders = xreallocarray(NULL, keep ? keep : 1, sizeof(*ds->orders));
	for (size_t k = 0; k < nl; k++) {
		if (lines[k].day <= from || lines[k].day > *as_of)
			continue;
		struct order *o = &ds->orders[ds->norders++];
		o->cust = lines[k].cust;
		o->day = lines[k].day;
		int missing = nomargin && (nomargin[k / 8] >> (k % 8) & 1);
		o->amount = p->axis == AXIS_MARGIN ? 0 : lines[k].value;
		o->has_margin = p->axis == AXIS_MARGIN && !missing;
		o->margin = p->axis == AXIS_MARGIN ? lines[k].value : 0;
	}
	ret = 0;
	goto out;
bad:;
	char b[1024];
	*cause = xstrdup(ferr_str(&err, b, sizeof(b)));
out:
	recreader_close(rr);
	free(lines);
	free(nomargin);
	free(m.slot);
	if (ret != 0) {
		dataset_free(ds);
		free(*first);
		*first = NULL;
	}
	return ret;
}
