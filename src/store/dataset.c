/* store/dataset.c — reads the workspace into the in-memory model of
 * core/dataset.h: customers and sellers always, orders and activities when
 * asked. Customers are indexed in customers.id order; orders come sorted by
 * (customer, day) and activities by day, which the core modules rely on. */
#include "store/dataset.h"
#include "store/db.h"
#include "store/orderpack.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char **cause)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the workspace");
		return -1;
	}
	return 0;
}

static int load_sellers(sqlite3 *db, struct dataset *ds, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	if (prepare(db,
	            "SELECT seller_id, name, role, hours_per_year, home_postal_code, home_lat, "
	            "home_lon, email FROM sellers ORDER BY id",
	            &st, cause) != 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ds->nsellers == cap) {
			cap = cap ? cap * 2 : 16;
			ds->sellers = xreallocarray(ds->sellers, cap, sizeof(*ds->sellers));
		}
		struct seller *s = &ds->sellers[ds->nsellers++];
		memset(s, 0, sizeof(*s));
		s->id = col_str(st, 0);
		s->name = col_str(st, 1);
		const char *role = (const char *)sqlite3_column_text(st, 2);
		enum role r = ROLE_NONE;
		if (role && role_parse(role, &r) != 0)
			r = ROLE_NONE;
		s->role = r;
		s->hours_per_year =
		    sqlite3_column_type(st, 3) == SQLITE_NULL ? 0 : sqlite3_column_double(st, 3);
		s->home_postal_code = col_str(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL &&
		    sqlite3_column_type(st, 6) != SQLITE_NULL) {
			s->has_home = true;
			s->home_lat = sqlite3_column_double(st, 5);
			s->home_lon = sqlite3_column_double(st, 6);
		}
		s->email = col_str(st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading sellers");
		return -1;
	}
	return 0;
}

/* Hash of external seller ids -> index, for the customers' owners. */
struct sidx {
	const char **keys;
	int32_t *vals;
	size_t cap;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void sidx_build(struct sidx *x, const struct dataset *ds)
{
	x->cap = 16;
	while (x->cap < ds->nsellers * 2 + 1)
		x->cap *= 2;
	x->keys = xcalloc(x->cap, sizeof(*x->keys));
	x->vals = xcalloc(x->cap, sizeof(*x->vals));
	for (size_t i = 0; i < ds->nsellers; i++) {
		size_t h = hash_str(ds->sellers[i].id) & (x->cap - 1);
		while (x->keys[h])
			h = (h + 1) & (x->cap - 1);
		x->keys[h] = ds->sellers[i].id;
		x->vals[h] = (int32_t)i;
	}
}

static int32_t sidx_get(const struct sidx *x, const char *id)
{
	if (!id)
		return -1;
	size_t h = hash_str(id) & (x->cap - 1);
	while (x->keys[h]) {
		if (!strcmp(x->keys[h], id))
			return x->vals[h];
		h = (h + 1) & (x->cap - 1);
	}
	return -1;
}

static void sidx_free(struct sidx *x)
{
	free(x->keys);
	free(x->vals);
}

/* Only the columns categorization reads, straight into the structs: no
 * string copies but the industry (NULL in most workspaces). */
static int load_customers_light(sqlite3 *db, struct dataset *ds, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	if (prepare(db,
	            "SELECT id, industry, employees, revenue, potential, wallet FROM customers "
	            "ORDER BY id",
	            &st, cause) != 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ds->ncustomers == cap) {
			cap = cap ? cap * 2 : 1024;
			ds->customers = xreallocarray(ds->customers, cap, sizeof(*ds->customers));
		}
		struct customer *c = &ds->customers[ds->ncustomers++];
		memset(c, 0, sizeof(*c));
		c->store_id = sqlite3_column_int64(st, 0);
		c->industry = col_str(st, 1);
		c->employees =
		    sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 2);
		c->seller = -1;
		if ((c->has_revenue = sqlite3_column_type(st, 3) != SQLITE_NULL))
			c->revenue = sqlite3_column_int64(st, 3);
		if ((c->has_potential = sqlite3_column_type(st, 4) != SQLITE_NULL))
			c->potential = sqlite3_column_int64(st, 4);
		if ((c->has_wallet = sqlite3_column_type(st, 5) != SQLITE_NULL))
			c->wallet = sqlite3_column_int64(st, 5);
		c->open_min = -1;
		c->close_min = -1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading customers");
		return -1;
	}
	return 0;
}

static int load_customers(sqlite3 *db, struct dataset *ds, const struct sidx *sx, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	if (prepare(
	        db,
	        "SELECT id, customer_id, name, org_number, address, postal_code, city, lat, lon, "
	        "industry, employees, seller_id, revenue, potential, wallet, email, phone, "
	        "open_min, close_min FROM customers ORDER BY id",
	        &st, cause) != 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ds->ncustomers == cap) {
			cap = cap ? cap * 2 : 1024;
			ds->customers = xreallocarray(ds->customers, cap, sizeof(*ds->customers));
		}
		struct customer *c = &ds->customers[ds->ncustomers++];
		memset(c, 0, sizeof(*c));
		c->store_id = sqlite3_column_int64(st, 0);
		c->id = col_str(st, 1);
		c->name = col_str(st, 2);
		c->org_number = col_str(st, 3);
		c->address = col_str(st, 4);
		c->postal_code = col_str(st, 5);
		c->city = col_str(st, 6);
		if (sqlite3_column_type(st, 7) != SQLITE_NULL &&
		    sqlite3_column_type(st, 8) != SQLITE_NULL) {
			c->has_loc = true;
			c->lat = sqlite3_column_double(st, 7);
			c->lon = sqlite3_column_double(st, 8);
		}
		c->industry = col_str(st, 9);
		c->employees =
		    sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
		c->seller_id = col_str(st, 11);
		c->seller = sidx_get(sx, c->seller_id);
		if ((c->has_revenue = sqlite3_column_type(st, 12) != SQLITE_NULL))
			c->revenue = sqlite3_column_int64(st, 12);
		if ((c->has_potential = sqlite3_column_type(st, 13) != SQLITE_NULL))
			c->potential = sqlite3_column_int64(st, 13);
		if ((c->has_wallet = sqlite3_column_type(st, 14) != SQLITE_NULL))
			c->wallet = sqlite3_column_int64(st, 14);
		c->email = col_str(st, 15);
		c->phone = col_str(st, 16);
		c->open_min =
		    sqlite3_column_type(st, 17) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 17);
		c->close_min =
		    sqlite3_column_type(st, 18) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 18);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading customers");
		return -1;
	}
	return 0;
}

/* customers.id -> index. Ids are dense in practice (INTEGER PRIMARY KEY
 * assigned in order), so a direct table over [min, max] is used. */
struct cidx {
	int64_t base;
	int32_t *map;
	size_t n;
};

static void cidx_build(struct cidx *x, const struct dataset *ds)
{
	x->base = ds->ncustomers ? ds->customers[0].store_id : 0;
	int64_t top = ds->ncustomers ? ds->customers[ds->ncustomers - 1].store_id : 0;
	x->n = ds->ncustomers ? (size_t)(top - x->base + 1) : 0;
	x->map = xmalloc((x->n ? x->n : 1) * sizeof(int32_t));
	for (size_t i = 0; i < x->n; i++)
		x->map[i] = -1;
	for (size_t i = 0; i < ds->ncustomers; i++)
		x->map[ds->customers[i].store_id - x->base] = (int32_t)i;
}

static int32_t cidx_get(const struct cidx *x, int64_t id)
{
	if (id < x->base || id - x->base >= (int64_t)x->n)
		return -1;
	return x->map[id - x->base];
}

static int by_day(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

/* The latest order day (max of the blocks' day_max), DAYS_NONE when none. */
static int latest_day(sqlite3 *db, int32_t *latest, char **cause)
{
	sqlite3_stmt *st = NULL;
	*latest = DAYS_NONE;
	if (prepare(db, "SELECT max(day_max) FROM order_blocks", &st, cause) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*latest = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		*cause = db_cause(db, "reading orders");
		return -1;
	}
	return 0;
}

/* Decodes one block's lines of days [from, to] into raw (room for them was
 * made by the caller). Returns 0, or -1 when the block is damaged. */
static int decode_block(const unsigned char *data, size_t len, int64_t lines, const struct cidx *cx,
                        int32_t from, int32_t to, int margins, struct order *raw, size_t *n)
{
	struct orderline l;
	size_t pos = 0;
	int64_t seen = 0;
	int r;
	while ((r = orderpack_next_sums(data, len, &pos, &l)) == 1) {
		if (++seen > lines)
			return -1;
		if (l.day < from || l.day > to)
			continue;
		int32_t ci = cidx_get(cx, l.customer);
		if (ci < 0)
			continue;
		struct order *o = &raw[(*n)++];
		o->cust = ci;
		o->day = l.day;
		o->amount = l.amount;
		o->has_margin = margins && l.has_margin;
		o->margin = o->has_margin ? l.margin : 0;
	}
	return r == 0 && seen == lines ? 0 : -1;
}

/* The order lines of days [from, to] (DAYS_NONE: open), decoded from the
 * blocks whose day range meets it, then put in (customer, day) order in
 * memory: a counting sort by customer, and each customer's few orders sorted
 * by day. Unless LOAD_ORDERS_UNSORTED: then they stay in storage order (the
 * sort moves every order to a random place: a second on ten million).
 * With span >= 0 (`recent`): the latest day goes to *latest (DAYS_NONE
 * without orders) and only the `span` days up to it are read; from and to
 * are not used. Room for the lines is the sum of the blocks' line counts:
 * pages never written are never touched, and the array shrinks at the end. */
static int load_orders(sqlite3 *db, struct dataset *ds, const struct cidx *cx, int32_t from,
                       int32_t to, int what, int32_t span, int32_t *latest, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0, n = 0;
	struct order *raw = NULL;
	int sorted = !(what & LOAD_ORDERS_UNSORTED);
	if (span >= 0) {
		if (latest_day(db, latest, cause) != 0)
			return -1;
		to = *latest;
		from = *latest == DAYS_NONE
		           ? DAYS_NONE
		           : (int32_t)((int64_t)*latest - span > INT32_MIN ? *latest - span
		                                                           : INT32_MIN);
		if (*latest == DAYS_NONE) {
			ds->orders = xmalloc(sizeof(*ds->orders));
			ds->norders = 0;
			return 0;
		}
	}
	if (from == DAYS_NONE)
		from = INT32_MIN;
	if (to == DAYS_NONE)
		to = INT32_MAX;
	if (prepare(db,
	            "SELECT total(lines) FROM order_blocks WHERE day_max >= ?1 AND day_min <= ?2",
	            &st, cause) != 0)
		return -1;
	sqlite3_bind_int(st, 1, from);
	sqlite3_bind_int(st, 2, to);
	if (sqlite3_step(st) == SQLITE_ROW)
		cap = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	raw = xreallocarray(NULL, cap ? cap : 1, sizeof(*raw));
	if (prepare(
	        db,
	        "SELECT id, lines, data FROM order_blocks WHERE day_max >= ?1 AND day_min <= ?2",
	        &st, cause) != 0) {
		free(raw);
		return -1;
	}
	sqlite3_bind_int(st, 1, from);
	sqlite3_bind_int(st, 2, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t lines = sqlite3_column_int64(st, 1);
		const unsigned char *data = sqlite3_column_blob(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);
		if (lines < 0 || (size_t)lines > cap - n ||
		    decode_block(data, len, lines, cx, from, to, !(what & LOAD_ORDERS_NO_MARGIN),
		                 raw, &n) != 0) {
			*cause = xasprintf("reading orders: block %lld of the workspace is damaged",
			                   (long long)sqlite3_column_int64(st, 0));
			sqlite3_finalize(st);
			free(raw);
			return -1;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(raw);
		*cause = db_cause(db, "reading orders");
		return -1;
	}
	raw = xreallocarray(raw, n ? n : 1, sizeof(*raw));
	if (!sorted) {
		ds->orders = raw;
		ds->norders = n;
		return 0;
	}
	/* In-place counting sort by customer (American flag sort): no second copy
	 * of a large order array. */
	size_t *start = xcalloc(ds->ncustomers + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		start[raw[i].cust + 1]++;
	for (size_t c = 0; c < ds->ncustomers; c++)
		start[c + 1] += start[c];
	size_t *next = xmalloc((ds->ncustomers + 1) * sizeof(size_t));
	memcpy(next, start, (ds->ncustomers + 1) * sizeof(size_t));
	for (size_t c = 0; c < ds->ncustomers; c++) {
		while (next[c] < start[c + 1]) {
			struct order o = raw[next[c]];
			while ((size_t)o.cust != c) {
				struct order t = raw[next[o.cust]];
				raw[next[o.cust]++] = o;
				o = t;
			}
			raw[next[c]++] = o;
		}
	}
	for (size_t c = 0; c < ds->ncustomers; c++)
		if (start[c + 1] - start[c] > 1)
			qsort(raw + start[c], start[c + 1] - start[c], sizeof(struct order),
			      by_day);
	free(next);
	free(start);
	ds->orders = n ? raw : xreallocarray(raw, 1, sizeof(*raw));
	ds->norders = n;
	return 0;
}

/* Puts the activities (read in id order) in (day, id) order: a stable
 * counting sort by day when the days span a sane range (they do: a few
 * years), else a stable merge sort. The SQL "ORDER BY day, id" sorted them
 * in SQLite's external sorter, which spilled 1.8 M rows to temporary files. */
struct day_pos {
	int32_t day;
	uint32_t pos;
};

static int act_by_day_pos(const void *a, const void *b)
{
	const struct day_pos *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

static void sort_activities(struct dataset *ds)
{
	size_t n = ds->nactivities;
	struct activity *a = ds->activities;
	int32_t lo = n ? a[0].day : 0, hi = lo;
	int sorted = 1;
	for (size_t i = 1; i < n; i++) {
		if (a[i].day < a[i - 1].day)
			sorted = 0;
		if (a[i].day < lo)
			lo = a[i].day;
		if (a[i].day > hi)
			hi = a[i].day;
	}
	if (sorted)
		return;
	/* dest[i]: where activity i goes (4 bytes an activity, not a second
	 * copy of them); then the moves are made in place, cycle by cycle. */
	uint32_t *dest = xmalloc(n * sizeof(*dest));
	uint64_t range = (uint64_t)((int64_t)hi - lo) + 1;
	if (range <= 4 * (uint64_t)n + 4096) {
		size_t *at = xcalloc((size_t)range + 1, sizeof(size_t));
		for (size_t i = 0; i < n; i++)
			at[a[i].day - lo + 1]++;
		for (size_t d = 0; d < range; d++)
			at[d + 1] += at[d];
		for (size_t i = 0; i < n; i++)
			dest[i] = (uint32_t)at[a[i].day - lo]++;
		free(at);
	} else {
		/* Sorts (day, position) pairs: ties keep the id order. */
		struct day_pos *k = xmalloc(n * sizeof(*k));
		for (size_t i = 0; i < n; i++) {
			k[i].day = a[i].day;
			k[i].pos = (uint32_t)i;
		}
		qsort(k, n, sizeof(*k), act_by_day_pos);
		for (size_t i = 0; i < n; i++)
			dest[k[i].pos] = (uint32_t)i;
		free(k);
	}
	for (size_t i = 0; i < n; i++)
		while (dest[i] != i) {
			uint32_t j = dest[i];
			struct activity t = a[j];
			a[j] = a[i];
			a[i] = t;
			dest[i] = dest[j];
			dest[j] = j;
		}
	free(dest);
}

/* The activity type of a column value; the last one is remembered (the
 * rows repeat a handful of codes). */
static uint8_t act_type(const char *ts, char last[16], int *have, uint8_t *last_type)
{
	if (!ts)
		return ACT_OTHER;
	if (*have && !strcmp(ts, last))
		return *last_type;
	enum activity_type t = ACT_OTHER;
	if (activity_type_parse(ts, &t) != 0)
		t = ACT_OTHER;
	*have = strlen(ts) < 16;
	if (*have) {
		strcpy(last, ts);
		*last_type = (uint8_t)t;
	}
	return (uint8_t)t;
}

static int load_activities(sqlite3 *db, struct dataset *ds, const struct cidx *cx,
                           const struct sidx *sx, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	/* Room for max(id) - min(id) + 1 rows (two index look-ups; count(*)
	 * would read an index through): at least as many as there are, and
	 * pages never written are never touched; shrunk at the end. */
	if (prepare(db,
	            "SELECT (SELECT max(id) FROM activities) - "
	            "(SELECT min(id) FROM activities) + 1",
	            &st, cause) != 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
		cap = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (cap > ((size_t)1 << 24)) /* sparse ids: grows by doubling from there */
		cap = (size_t)1 << 24;
	ds->activities = xreallocarray(NULL, cap ? cap : 1, sizeof(*ds->activities));
	cap = cap ? cap : 1;
	/* In id order (the table's own order: no sort), sorted by day below. */
	if (prepare(db,
	            "SELECT customer, seller_id, day, minute, type, duration_min, travel_min, km "
	            "FROM activities ORDER BY id",
	            &st, cause) != 0)
		return -1;
	int rc;
	char last_type_s[16], last_sid[64];
	int have_type = 0, have_sid = 0;
	uint8_t last_type = ACT_OTHER;
	int32_t last_seller = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ds->nactivities == cap) {
			cap *= 2;
			ds->activities =
			    xreallocarray(ds->activities, cap, sizeof(*ds->activities));
		}
		struct activity *a = &ds->activities[ds->nactivities++];
		a->cust = sqlite3_column_type(st, 0) == SQLITE_NULL
		              ? -1
		              : cidx_get(cx, sqlite3_column_int64(st, 0));
		const char *sid = (const char *)sqlite3_column_text(st, 1);
		if (sid && have_sid && !strcmp(sid, last_sid)) {
			a->seller = last_seller;
		} else {
			a->seller = sidx_get(sx, sid);
			have_sid = sid && strlen(sid) < sizeof(last_sid);
			if (have_sid) {
				strcpy(last_sid, sid);
				last_seller = a->seller;
			}
		}
		if (sid && a->seller < 0)
			ds->activities_unknown_seller++;
		a->day = sqlite3_column_int(st, 2);
		a->minute = (int16_t)(sqlite3_column_type(st, 3) == SQLITE_NULL
		                          ? -1
		                          : sqlite3_column_int(st, 3));
		a->type = act_type((const char *)sqlite3_column_text(st, 4), last_type_s,
		                   &have_type, &last_type);
		a->duration_min = (float)sqlite3_column_double(st, 5);
		a->travel_min = (float)sqlite3_column_double(st, 6);
		a->km = (float)sqlite3_column_double(st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading activities");
		return -1;
	}
	ds->activities = xreallocarray(ds->activities, ds->nactivities ? ds->nactivities : 1,
	                               sizeof(*ds->activities));
	sort_activities(ds);
	return 0;
}

/* The activities read by a second connection on a thread while this one
 * reads the orders: on two cores the load takes the longer of the two, not
 * their sum. The second connection must see the same workspace: its read
 * transaction's data_version (which every write job changes, see db.c)
 * must be the one this connection's transaction sees; else (or when the
 * second connection cannot be had: an in-memory or temporary database, a
 * workspace before schema 5) the activities are read here afterwards. */
struct act_job {
	sqlite3 *db;
	struct dataset *ds;
	const struct cidx *cx;
	const struct sidx *sx;
	char *cause;
	int rc;
};

static void *act_thread(void *arg)
{
	struct act_job *j = arg;
	j->rc = load_activities(j->db, j->ds, j->cx, j->sx, &j->cause);
	return NULL;
}

static int read_version(sqlite3 *db, int64_t *v)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, "SELECT v FROM data_version WHERE id = 1", -1, &st, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* A second read-only connection to db's file inside a read transaction
 * seeing what db's open transaction sees, or NULL. */
static sqlite3 *second_reader(sqlite3 *db)
{
	const char *path = sqlite3_db_filename(db, "main");
	int64_t v1, v2;
	if (!path || !*path || read_version(db, &v1) != 0)
		return NULL;
	sqlite3 *db2 = NULL;
	if (sqlite3_open_v2(path, &db2, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db2);
		return NULL;
	}
	sqlite3_busy_timeout(db2, 10000);
	if (sqlite3_exec(db2, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    read_version(db2, &v2) != 0 || v1 != v2) {
		sqlite3_close(db2);
		return NULL;
	}
	return db2;
}

static int load(sqlite3 *db, int what, int32_t order_from, int32_t order_to, int32_t span,
                int32_t *latest, struct dataset *ds, char **cause)
{
	struct sidx sx = {0};
	struct cidx cx = {0};
	int rc = -1;
	memset(ds, 0, sizeof(*ds));
	/* One read transaction: a consistent picture while others write. */
	if (db_exec(db, "BEGIN", cause) != 0)
		return -1;
	if (load_sellers(db, ds, cause) != 0)
		goto out;
	sidx_build(&sx, ds);
	if ((what & LOAD_CUSTOMERS_LIGHT) ? load_customers_light(db, ds, cause) != 0
	                                  : load_customers(db, ds, &sx, cause) != 0)
		goto out;
	cidx_build(&cx, ds);
	struct act_job job = {.ds = ds, .cx = &cx, .sx = &sx};
	pthread_t th;
	bool threaded = false;
	if ((what & LOAD_ORDERS) && (what & LOAD_ACTIVITIES) && (job.db = second_reader(db))) {
		threaded = pthread_create(&th, NULL, act_thread, &job) == 0;
		if (!threaded)
			sqlite3_close(job.db);
	}
	int orc = (what & LOAD_ORDERS)
	              ? load_orders(db, ds, &cx, order_from, order_to, what, span, latest, cause)
	              : 0;
	if (threaded) {
		pthread_join(th, NULL);
		sqlite3_exec(job.db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(job.db);
		if (orc != 0) {
			free(job.cause);
			goto out;
		}
		if (job.rc != 0) {
			*cause = job.cause;
			goto out;
		}
	} else {
		if (orc != 0)
			goto out;
		if ((what & LOAD_ACTIVITIES) && load_activities(db, ds, &cx, &sx, cause) != 0)
			goto out;
	}
	rc = 0;
out:
	db_exec(db, "COMMIT", NULL);
	sidx_free(&sx);
	free(cx.map);
	if (rc != 0)
		dataset_free(ds);
	return rc;
}

int store_load_dataset(sqlite3 *db, int what, int32_t order_from, int32_t order_to,
                       struct dataset *ds, char **cause)
{
	return load(db, what, order_from, order_to, -1, NULL, ds, cause);
}

int store_load_dataset_recent(sqlite3 *db, int what, int32_t span, int32_t *latest,
                              struct dataset *ds, char **cause)
{
	*latest = DAYS_NONE;
	return load(db, what | LOAD_ORDERS, DAYS_NONE, DAYS_NONE, span < 0 ? 0 : span, latest, ds,
	            cause);
}
