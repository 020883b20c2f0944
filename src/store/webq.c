/* webq.c — the dashboard API's queries (see webq.h). All SQL is fixed text
 * with bound parameters; the only variable part, ORDER BY, is picked from a
 * table of fixed fragments by name. */
#include "store/webq.h"
#include "store/db.h"
#include "store/orderpack.h"
#include "store/override.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int fail(sqlite3 *db, char **cause)
{
	*cause = db_cause(db, "workspace");
	return -1;
}

int webq_snapshot_latest(sqlite3 *db, struct webq_snapshot *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(db,
	                       "SELECT id, created_at, as_of, window_months, axis, method, "
	                       "revenue_threshold, potential_threshold FROM snapshots "
	                       "ORDER BY id DESC LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return fail(db, cause);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->created_at, sizeof(out->created_at), "%s",
		         text(st, 1) ? text(st, 1) : "");
		out->as_of = sqlite3_column_int(st, 2);
		out->window_months = sqlite3_column_int(st, 3);
		snprintf(out->axis, sizeof(out->axis), "%s", text(st, 4) ? text(st, 4) : "");
		snprintf(out->method, sizeof(out->method), "%s", text(st, 5) ? text(st, 5) : "");
		out->has_revenue_threshold = sqlite3_column_type(st, 6) != SQLITE_NULL;
		out->revenue_threshold = sqlite3_column_int64(st, 6);
		out->has_potential_threshold = sqlite3_column_type(st, 7) != SQLITE_NULL;
		out->potential_threshold = sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return fail(db, cause);
	return 0;
}

static int cat_index(const char *code)
{
	static const char *const codes[4] = {"1", "2R", "2P", "3"};
	for (int i = 0; code && i < 4; i++)
		if (!strcmp(code, codes[i]))
			return i;
	return -1;
}

/* The scope as SQL over customers c and snapshot rows sc; parameters ?90 (seller) ?91 (cat3). */
#define SCOPE_SQL " (?90 IS NULL OR c.seller_id = ?90) AND (?91 = 0 OR sc.category = '3') "

static void bind_scope(sqlite3_stmt *st, const struct webq_scope *scope)
{
	if (scope && scope->seller_id)
		sqlite3_bind_text(st, 90, scope->seller_id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 90);
	sqlite3_bind_int(st, 91, scope && scope->category3_only);
}

int webq_summary(sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                 struct webq_catsum sum[4], char **cause)
{
	sqlite3_stmt *st = NULL;
	memset(sum, 0, 4 * sizeof(*sum));
	if (!snapshot_id)
		return 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT sc.category, count(*), total(sc.revenue), total(sc.potential) "
	        "FROM snapshot_customers sc JOIN customers c ON c.id = sc.customer "
	        "WHERE sc.snapshot_id = ?1 AND " SCOPE_SQL "GROUP BY sc.category",
	        -1, &st, NULL) != SQLITE_OK)
		return fail(db, cause);
	sqlite3_bind_int64(st, 1, snapshot_id);
	bind_scope(st, scope);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int k = cat_index(text(st, 0));
		if (k < 0)
			continue;
		sum[k].customers = sqlite3_column_int64(st, 1);
		sum[k].revenue = (int64_t)sqlite3_column_double(st, 2);
		sum[k].potential = (int64_t)sqlite3_column_double(st, 3);
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : fail(db, cause);
}

#define CUST_COLS                                                                                  \
	"c.customer_id, c.name, c.seller_id, c.city, c.postal_code, c.industry, c.email, "         \
	"c.phone, sc.category, sc.computed_category, sc.potential_source, sc.override_reason, "    \
	"sc.revenue, sc.potential, sc.orders, c.lat, c.lon "
#define CUST_FROM                                                                                  \
	" FROM customers c LEFT JOIN snapshot_customers sc ON sc.snapshot_id = ?1 "                \
	"AND sc.customer = c.id "

static void read_customer(sqlite3_stmt *st, struct webq_customer *c)
{
	memset(c, 0, sizeof(*c));
	c->customer_id = text(st, 0);
	c->name = text(st, 1);
	c->seller_id = text(st, 2);
	c->city = text(st, 3);
	c->postal_code = text(st, 4);
	c->industry = text(st, 5);
	c->email = text(st, 6);
	c->phone = text(st, 7);
	c->category = text(st, 8);
	c->computed_category = text(st, 9);
	c->potential_source = text(st, 10);
	c->override_reason = text(st, 11);
	c->has_revenue = sqlite3_column_type(st, 12) != SQLITE_NULL;
	c->revenue = sqlite3_column_int64(st, 12);
	c->has_potential = sqlite3_column_type(st, 13) != SQLITE_NULL;
	c->potential = sqlite3_column_int64(st, 13);
	c->orders = sqlite3_column_int64(st, 14);
	c->has_loc = sqlite3_column_type(st, 15) != SQLITE_NULL &&
	             sqlite3_column_type(st, 16) != SQLITE_NULL;
	c->lat = sqlite3_column_double(st, 15);
	c->lon = sqlite3_column_double(st, 16);
}

static const struct {
	const char *name, *asc, *desc;
} sorts[] = {
    {"revenue", "sc.revenue IS NULL, sc.revenue, c.customer_id",
     "sc.revenue IS NULL, sc.revenue DESC, c.customer_id"},
    {"potential", "sc.potential IS NULL, sc.potential, c.customer_id",
     "sc.potential IS NULL, sc.potential DESC, c.customer_id"},
    {"customer_id", "c.customer_id", "c.customer_id DESC"},
    {"name", "c.name IS NULL, c.name COLLATE NOCASE, c.customer_id",
     "c.name IS NULL, c.name COLLATE NOCASE DESC, c.customer_id"},
    {"seller_id", "c.seller_id IS NULL, c.seller_id, c.customer_id",
     "c.seller_id IS NULL, c.seller_id DESC, c.customer_id"},
    {"category",
     "CASE sc.category WHEN '1' THEN 0 WHEN '2R' THEN 1 WHEN '2P' THEN 2 WHEN '3' THEN 3 "
     "ELSE 4 END, sc.revenue DESC, c.customer_id",
     "CASE sc.category WHEN '1' THEN 0 WHEN '2R' THEN 1 WHEN '2P' THEN 2 WHEN '3' THEN 3 "
     "ELSE -1 END DESC, sc.revenue DESC, c.customer_id"},
};

#define FILTER_SQL                                                                                 \
	" WHERE " SCOPE_SQL "AND (?2 IS NULL OR sc.category = ?2) "                                \
	"AND (?3 IS NULL OR (?3 = '' AND c.seller_id IS NULL) OR c.seller_id = ?3) "               \
	"AND (?4 IS NULL OR instr(lower(c.name), lower(?4)) > 0 "                                  \
	"OR instr(lower(c.customer_id), lower(?4)) > 0) "                                          \
	"AND (?7 IS NULL OR (SELECT w.category FROM snapshot_customers w WHERE w.snapshot_id = "   \
	"?7 "                                                                                      \
	"AND w.customer = c.id) IS ?8) "                                                           \
	"AND (?9 IS NULL OR (SELECT w.category FROM snapshot_customers w WHERE w.snapshot_id = "   \
	"?9 "                                                                                      \
	"AND w.customer = c.id) IS ?10) "

static void bind_filter(sqlite3_stmt *st, const struct webq_scope *scope, int64_t snap,
                        const struct webq_filter *f)
{
	sqlite3_bind_int64(st, 1, snap);
	bind_scope(st, scope);
	if (f->category)
		sqlite3_bind_text(st, 2, f->category, -1, SQLITE_STATIC);
	if (f->seller)
		sqlite3_bind_text(st, 3, f->seller, -1, SQLITE_STATIC);
	if (f->q && *f->q)
		sqlite3_bind_text(st, 4, f->q, -1, SQLITE_STATIC);
	if (f->was_snapshot > 0) {
		sqlite3_bind_int64(st, 7, f->was_snapshot);
		if (f->was_category)
			sqlite3_bind_text(st, 8, f->was_category, -1, SQLITE_STATIC);
	}
	if (f->now_snapshot > 0) {
		sqlite3_bind_int64(st, 9, f->now_snapshot);
		if (f->now_category)
			sqlite3_bind_text(st, 10, f->now_category, -1, SQLITE_STATIC);
	}
}

int webq_customers(sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                   const struct webq_filter *f, webq_customer_fn fn, void *arg, int64_t *total,
                   char **cause)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sql = STRBUF_INIT;
	int rc = -1, s;
	const char *order = sorts[0].desc; /* default: revenue, largest first */
	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (f->sort && !strcmp(f->sort, sorts[i].name))
			order = f->desc ? sorts[i].desc : sorts[i].asc;
	*total = 0;
	if (sqlite3_prepare_v2(db, "SELECT count(*) " CUST_FROM FILTER_SQL, -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	bind_filter(st, scope, snapshot_id, f);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto out;
	*total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	strbuf_printf(&sql,
	              "SELECT " CUST_COLS CUST_FROM FILTER_SQL " ORDER BY %s LIMIT ?5 OFFSET ?6",
	              order);
	if (sqlite3_prepare_v2(db, strbuf_cstr(&sql), -1, &st, NULL) != SQLITE_OK)
		goto out;
	bind_filter(st, scope, snapshot_id, f);
	sqlite3_bind_int64(st, 5, f->limit < 0 ? -1 : f->limit);
	sqlite3_bind_int64(st, 6, f->offset > 0 ? f->offset : 0);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct webq_customer c;
		read_customer(st, &c);
		fn(arg, &c);
	}
	if (s == SQLITE_DONE)
		rc = 0;
out:
	if (rc < 0)
		fail(db, cause);
	sqlite3_finalize(st);
	strbuf_free(&sql);
	return rc;
}

int webq_customer_one(sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                      const char *customer_id, webq_customer_fn fn, void *arg, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(
	        db, "SELECT " CUST_COLS CUST_FROM " WHERE c.customer_id = ?2 AND " SCOPE_SQL, -1,
	        &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, snapshot_id);
		sqlite3_bind_text(st, 2, customer_id, -1, SQLITE_STATIC);
		bind_scope(st, scope);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			struct webq_customer c;
			read_customer(st, &c);
			fn(arg, &c);
			rc = 0;
		} else if (s == SQLITE_DONE) {
			rc = 1;
		}
	}
	if (rc < 0)
		fail(db, cause);
	sqlite3_finalize(st);
	return rc;
}

int webq_customer_history(sqlite3 *db, const char *customer_id,
                          void (*fn)(void *arg, const struct webq_hist *h), void *arg, char **cause)
{
	sqlite3_stmt *st = NULL;
	int s = SQLITE_ERROR;
	if (sqlite3_prepare_v2(
	        db,
	        /* the customer, then each snapshot in turn, its row found by the
	         * primary key (snapshot_id, customer): no index by customer is
	         * kept (it would be rewritten all over at every categorization) */
	        "SELECT s.id, s.created_at, s.as_of, sc.category, sc.computed_category, "
	        "sc.override_reason, sc.revenue, sc.potential FROM customers c "
	        "CROSS JOIN snapshots s CROSS JOIN snapshot_customers sc "
	        "WHERE c.customer_id = ?1 AND sc.snapshot_id = s.id AND sc.customer = c.id "
	        "ORDER BY s.id",
	        -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, customer_id, -1, SQLITE_STATIC);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			struct webq_hist h = {
			    .snapshot_id = sqlite3_column_int64(st, 0),
			    .created_at = text(st, 1),
			    .as_of = sqlite3_column_int(st, 2),
			    .category = text(st, 3),
			    .computed_category = text(st, 4),
			    .override_reason = text(st, 5),
			    .revenue = sqlite3_column_int64(st, 6),
			    .has_potential = sqlite3_column_type(st, 7) != SQLITE_NULL,
			    .potential = sqlite3_column_int64(st, 7),
			};
			fn(arg, &h);
		}
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : fail(db, cause);
}

/* Month sums over a range of months (year * 12 + month - 1) that grows as
 * lines come. */
struct months {
	int64_t first; /* month key of sum[0] */
	size_t n;
	int64_t *sum, *count;
};

static void months_add(struct months *m, int32_t day, int64_t amount)
{
	int y, mo, d;
	days_to_ymd(day, &y, &mo, &d);
	int64_t key = (int64_t)y * 12 + mo - 1;
	if (!m->n || key < m->first || key >= m->first + (int64_t)m->n) {
		int64_t lo = m->n && m->first < key ? m->first : key;
		int64_t hi =
		    m->n && m->first + (int64_t)m->n - 1 > key ? m->first + (int64_t)m->n - 1 : key;
		size_t nn = (size_t)(hi - lo + 1);
		int64_t *ns = xcalloc(nn, sizeof(int64_t)), *nc = xcalloc(nn, sizeof(int64_t));
		for (size_t i = 0; i < m->n; i++) {
			ns[(size_t)(m->first - lo) + i] = m->sum[i];
			nc[(size_t)(m->first - lo) + i] = m->count[i];
		}
		free(m->sum);
		free(m->count);
		m->sum = ns;
		m->count = nc;
		m->first = lo;
		m->n = nn;
	}
	size_t i = (size_t)(key - m->first);
	m->sum[i] = (int64_t)((uint64_t)m->sum[i] + (uint64_t)amount);
	m->count[i]++;
}

/* The workspace id of an external customer ID: 1 found, 0 not, -1 error. */
static int customer_rowid(sqlite3 *db, const char *customer_id, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT id FROM customers WHERE customer_id = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, customer_id, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return s == SQLITE_ROW ? 1 : s == SQLITE_DONE ? 0 : -1;
}

/* Sums the customer's lines by month: only the blocks of its part are read
 * (one in ORDERPACK_PARTS of all). 0, -1 on a database error, -2 when a
 * block is damaged. */
static int monthly_sums(sqlite3 *db, int64_t cust, struct months *m)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT lines, data FROM order_blocks WHERE part = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, cust % ORDERPACK_PARTS);
	int s = SQLITE_DONE, bad = 0;
	while (!bad && (s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t lines = sqlite3_column_int64(st, 0), seen = 0;
		const unsigned char *data = sqlite3_column_blob(st, 1);
		size_t len = (size_t)sqlite3_column_bytes(st, 1), pos = 0;
		struct orderline l;
		int r;
		while ((r = orderpack_next_sums(data, len, &pos, &l)) == 1) {
			seen++;
			if (l.customer == cust)
				months_add(m, l.day, l.amount);
		}
		bad = r != 0 || seen != lines;
	}
	sqlite3_finalize(st);
	return bad ? -2 : s == SQLITE_DONE ? 0 : -1;
}

int webq_customer_monthly(sqlite3 *db, const char *customer_id,
                          void (*fn)(void *arg, const char *month, int64_t amount, int64_t orders),
                          void *arg, char **cause)
{
	struct months m = {0};
	int64_t cust = 0;
	/* One read transaction (unless the caller has one): the id and the
	 * blocks from the same moment. */
	int own = sqlite3_get_autocommit(db);
	if (own && db_exec(db, "BEGIN", cause) != 0)
		return -1;
	int f = customer_rowid(db, customer_id, &cust);
	int rc = f < 0 ? -1 : f == 0 ? 0 : monthly_sums(db, cust, &m);
	if (rc == -1)
		*cause = db_cause(db, "workspace");
	else if (rc == -2)
		*cause = xasprintf("workspace: the orders of %s are damaged", customer_id);
	if (own)
		db_exec(db, "COMMIT", NULL);
	for (size_t i = 0; rc == 0 && i < m.n; i++) {
		if (!m.count[i])
			continue;
		int64_t key = m.first + (int64_t)i;
		char month[16];
		snprintf(month, sizeof(month), "%04d-%02d", (int)(key / 12), (int)(key % 12) + 1);
		fn(arg, month, m.sum[i], m.count[i]);
	}
	free(m.sum);
	free(m.count);
	return rc == 0 ? 0 : -1;
}

int webq_customer_contacts(sqlite3 *db, const char *customer_id, int limit,
                           void (*fn)(void *arg, const struct webq_contact *c), void *arg,
                           char **cause)
{
	sqlite3_stmt *st = NULL;
	int s = SQLITE_ERROR;
	if (sqlite3_prepare_v2(db,
	                       "SELECT a.day, a.minute, a.type, a.seller_id, a.duration_min FROM "
	                       "activities a JOIN customers c ON c.id = a.customer WHERE "
	                       "c.customer_id = ?1 ORDER BY a.day DESC, a.minute DESC LIMIT ?2",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, customer_id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, limit);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			struct webq_contact c = {
			    .day = sqlite3_column_int(st, 0),
			    .minute = sqlite3_column_type(st, 1) == SQLITE_NULL
			                  ? -1
			                  : sqlite3_column_int(st, 1),
			    .type = text(st, 2),
			    .seller_id = text(st, 3),
			    .duration_min = sqlite3_column_type(st, 4) == SQLITE_NULL
			                        ? -1
			                        : sqlite3_column_double(st, 4),
			};
			fn(arg, &c);
		}
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : fail(db, cause);
}

static void count_row(void *arg, const struct webq_customer *c)
{
	(void)c;
	(*(int *)arg)++;
}

int webq_override_set(sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                      const char *customer_id, const char *category, const char *reason,
                      const char *by, char **cause)
{
	sqlite3_stmt *st = NULL;
	int found = 0;
	enum category k;
	if (category_parse(category, &k) != 0) {
		*cause = xasprintf("unknown category %s", category);
		return -1;
	}
	int v = webq_customer_one(db, scope, snapshot_id, customer_id, count_row, &found, cause);
	if (v != 0)
		return v;
	/* The pin itself, as `fokus override` stores it (its own transaction). */
	v = store_override_set(db, customer_id, k, reason, DAYS_NONE, by, cause);
	if (v != 0)
		return v;
	if (!snapshot_id)
		return 0;
	/* Shown at once in the latest snapshot's row of the customer. */
	if (sqlite3_prepare_v2(
	        db,
	        "UPDATE snapshot_customers SET category = ?3, override_reason = ?4 "
	        "WHERE snapshot_id = ?1 AND customer = (SELECT id FROM customers WHERE "
	        "customer_id = ?2)",
	        -1, &st, NULL) != SQLITE_OK)
		return fail(db, cause);
	sqlite3_bind_int64(st, 1, snapshot_id);
	sqlite3_bind_text(st, 2, customer_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, category_code(k), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : fail(db, cause);
}

int webq_sellers(sqlite3 *db, const struct webq_scope *scope,
                 void (*fn)(void *arg, const struct webq_seller *s), void *arg, char **cause)
{
	sqlite3_stmt *st = NULL;
	int s = SQLITE_ERROR;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT seller_id, name, role, hours_per_year, home_lat, home_lon FROM "
	        "sellers WHERE ?1 IS NULL OR seller_id = ?1 ORDER BY seller_id",
	        -1, &st, NULL) == SQLITE_OK) {
		if (scope && scope->seller_id)
			sqlite3_bind_text(st, 1, scope->seller_id, -1, SQLITE_STATIC);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			struct webq_seller r = {
			    .seller_id = text(st, 0),
			    .name = text(st, 1),
			    .role = text(st, 2),
			    .hours_per_year = sqlite3_column_double(st, 3),
			    .has_home = sqlite3_column_type(st, 4) != SQLITE_NULL &&
			                sqlite3_column_type(st, 5) != SQLITE_NULL,
			    .home_lat = sqlite3_column_double(st, 4),
			    .home_lon = sqlite3_column_double(st, 5),
			};
			fn(arg, &r);
		}
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : fail(db, cause);
}

int webq_owner_categories(sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                          void (*fn)(void *arg, const char *seller_id, const char *category,
                                     const struct webq_catsum *sum),
                          void *arg, char **cause)
{
	sqlite3_stmt *st = NULL;
	int s = SQLITE_ERROR;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT c.seller_id, sc.category, count(*), total(sc.revenue), "
	        "total(sc.potential) FROM snapshot_customers sc JOIN customers c ON "
	        "c.id = sc.customer WHERE sc.snapshot_id = ?1 AND " SCOPE_SQL
	        "GROUP BY c.seller_id, sc.category ORDER BY c.seller_id, sc.category",
	        -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, snapshot_id);
		bind_scope(st, scope);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			struct webq_catsum sum = {
			    .customers = sqlite3_column_int64(st, 2),
			    .revenue = (int64_t)sqlite3_column_double(st, 3),
			    .potential = (int64_t)sqlite3_column_double(st, 4),
			};
			fn(arg, text(st, 0), text(st, 1), &sum);
		}
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : fail(db, cause);
}
