/* store/import.c — one import = one transaction. Customers and sellers are
 * upserted by their external ID (a value in the new file replaces the old
 * one; an empty cell keeps it); order lines are appended as a batch packed
 * in blocks (orderblocks.c), activities in multi-row INSERTs of integers. Orders or activities
 * naming an unknown customer create it (ID only). Customers with a Swedish
 * postal code and no coordinates are located from the shipped table. */
#include "store/import.h"
#include "util/isotime.h"
#include "store/db.h"
#include "util/idmap.h"
#include "store/orderblocks.h"
#include "core/dataset.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <assert.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ACT_COLS 8 /* bound per row; the batch id is written into the statement */
#define MULTI 256  /* rows per multi-row INSERT */

/* A value waiting for the next multi-row INSERT (text is copied into
 * im->text, which is emptied after each flush). */
enum { V_NULL, V_INT, V_DBL, V_TEXT, V_STATIC };
struct pval {
	int type;
	int len; /* V_TEXT, V_STATIC: bytes */
	int64_t i;
	double d;
	size_t off;    /* V_TEXT: in im->text */
	const char *s; /* V_STATIC: a string that outlives the import */
};

struct store_import {
	sqlite3 *db;
	enum rec_kind kind;
	int64_t batch_id;
	struct idmap customers;
	struct idmap sellers; /* customer/seller files: which IDs exist already */
	sqlite3_stmt *multi, *single, *new_customer, *new_customers, *upsert;
	/* the id of an external ID, when the map is full (find_id) */
	sqlite3_stmt *find_customer, *find_seller;
	struct orderblocks *blocks; /* orders */
	/* Customers created by orders/activities get their ids here (the
	 * import holds the write lock) and are inserted MULTI at a time. */
	int64_t next_id;
	/* Customers created up front in ID order (store_import_begin with the
	 * IDs seen): ids pre_lo .. pre_lo + pre_n - 1; a bit per id set when a
	 * stored line names it (the others are removed at commit). */
	int64_t pre_lo;
	uint64_t pre_n;
	uint64_t *pre_used;
	int pre_rc;
	char *pre_cause;
	int ncust;
	size_t cust_off[MULTI]; /* keys in cust_text */
	struct strbuf cust_text;
	int pending; /* rows waiting in vals */
	int cols;
	struct pval *vals; /* MULTI * cols */
	struct strbuf text;
	struct import_counts counts;
	int reindex; /* activities: the index by customer was dropped, built at commit */
	/* the connection's settings as the import found them (import_pragmas) */
	int foreign_keys_was;
	long long cache_size_was;
};

static int prep(struct store_import *im, const char *sql, sqlite3_stmt **st, char **cause)
{
	if (sqlite3_prepare_v3(im->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
		*cause = db_cause(im->db, "workspace");
		return -1;
	}
	return 0;
}

static int load_ids(struct store_import *im, const char *sql, struct idmap *m, char **cause)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(im->db, sql, -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(im->db, "workspace");
		return -1;
	}
	int rc = SQLITE_DONE;
	while (!m->full && (rc = sqlite3_step(st)) == SQLITE_ROW)
		idmap_put(m, (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 0));
	if (m->full)
		rc = SQLITE_DONE; /* the rest is found in SQLite when needed */
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(im->db, "workspace");
		return -1;
	}
	return 0;
}

/* head followed by `rows` copies of row ("(?,?)"), comma-separated. */
static char *multi_insert_sql(const char *head, const char *row, int rows)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, head);
	for (int r = 0; r < rows; r++) {
		strbuf_putc(&sb, r ? ',' : ' ');
		strbuf_puts(&sb, row);
	}
	return strbuf_detach(&sb);
}

/* The statements that create customers named by orders or activities, and
 * the first id they will get: the largest so far + 1, which is what SQLite
 * gives a row inserted without one (its rowid: appended, the fastest way
 * in; flush_customers checks that it did). */
static int prepare_new_customers(struct store_import *im, char **cause)
{
	/* OR FAIL: no statement journal for a multi-row statement (a conflict
	 * would be a bug here, and fails the whole import all the same). */
	const char *head =
	    "INSERT OR FAIL INTO customers(customer_id, created_by, batch_id) VALUES";
	char row[64];
	snprintf(row, sizeof(row), "(?,'%s',%lld)", rec_kind_name(im->kind),
	         (long long)im->batch_id);
	char *m = multi_insert_sql(head, row, MULTI);
	char *s = multi_insert_sql(head, row, 1);
	int rc = prep(im, m, &im->new_customers, cause) || prep(im, s, &im->new_customer, cause);
	free(m);
	free(s);
	if (rc)
		return -1;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(im->db, "SELECT ifnull(max(id), 0) FROM customers", -1, &st, NULL) !=
	        SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		*cause = db_cause(im->db, "workspace");
		return -1;
	}
	im->next_id = sqlite3_column_int64(st, 0) + 1;
	sqlite3_finalize(st);
	return 0;
}

static int prepare_statements(struct store_import *im, char **cause)
{
	const char *head = NULL;
	int cols = 0;
	if (im->kind == REC_ORDERS) {
		if (orderblocks_open(im->db, im->batch_id, &im->blocks, cause) != 0)
			return -1;
		return prepare_new_customers(im, cause);
	}
	if (im->kind == REC_ACTIVITIES) {
		head = "INSERT INTO activities(batch_id, customer, seller_id, day, minute, type, "
		       "duration_min, travel_min, km) VALUES";
		cols = ACT_COLS;
	}
	if (head) {
		im->cols = cols;
		im->vals = xcalloc((size_t)MULTI * (size_t)cols, sizeof(*im->vals));
		char row[2 * ACT_COLS + 32];
		snprintf(row, sizeof(row), "(%lld", (long long)im->batch_id);
		for (int c = 0; c < cols; c++)
			strcat(row, ",?");
		strcat(row, ")");
		char *m = multi_insert_sql(head, row, MULTI);
		char *s = multi_insert_sql(head, row, 1);
		int rc = prep(im, m, &im->multi, cause) || prep(im, s, &im->single, cause);
		free(m);
		free(s);
		if (rc)
			return -1;
		return prepare_new_customers(im, cause);
	}
	if (im->kind == REC_CUSTOMERS)
		return prep(
		    im,
		    "INSERT INTO customers(customer_id, name, org_number, address, postal_code, "
		    "city, lat, lon, located, industry, employees, seller_id, revenue, potential, "
		    "wallet, email, phone, open_min, close_min, attrs, created_by, batch_id) "
		    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,"
		    "?20,'file',?21) ON CONFLICT(customer_id) DO UPDATE SET "
		    "name=coalesce(excluded.name,name), "
		    "org_number=coalesce(excluded.org_number,org_number), "
		    "address=coalesce(excluded.address,address), "
		    "postal_code=coalesce(excluded.postal_code,postal_code), "
		    "city=coalesce(excluded.city,city), "
		    "lat=CASE WHEN excluded.lat IS NULL THEN lat ELSE excluded.lat END, "
		    "lon=CASE WHEN excluded.lat IS NULL THEN lon ELSE excluded.lon END, "
		    "located=CASE WHEN excluded.lat IS NULL THEN located ELSE excluded.located "
		    "END, "
		    "industry=coalesce(excluded.industry,industry), "
		    "employees=coalesce(excluded.employees,employees), "
		    "seller_id=coalesce(excluded.seller_id,seller_id), "
		    "revenue=coalesce(excluded.revenue,revenue), "
		    "potential=coalesce(excluded.potential,potential), "
		    "wallet=coalesce(excluded.wallet,wallet), "
		    "email=coalesce(excluded.email,email), phone=coalesce(excluded.phone,phone), "
		    "open_min=coalesce(excluded.open_min,open_min), "
		    "close_min=coalesce(excluded.close_min,close_min), "
		    "attrs=coalesce(excluded.attrs,attrs), created_by='file', "
		    "batch_id=excluded.batch_id",
		    &im->upsert, cause);
	return prep(im,
	            "INSERT INTO sellers(seller_id, name, role, hours_per_year, home_postal_code, "
	            "home_lat, home_lon, email, batch_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) "
	            "ON CONFLICT(seller_id) DO UPDATE SET name=coalesce(excluded.name,name), "
	            "role=coalesce(excluded.role,role), "
	            "hours_per_year=coalesce(excluded.hours_per_year,hours_per_year), "
	            "home_postal_code=coalesce(excluded.home_postal_code,home_postal_code), "
	            "home_lat=CASE WHEN excluded.home_lat IS NULL THEN home_lat ELSE "
	            "excluded.home_lat END, "
	            "home_lon=CASE WHEN excluded.home_lat IS NULL THEN home_lon ELSE "
	            "excluded.home_lon END, "
	            "email=coalesce(excluded.email,email), batch_id=excluded.batch_id",
	            &im->upsert, cause);
}

static int replace_kind(struct store_import *im, char **cause)
{
	const char *table = im->kind == REC_ORDERS ? "orders" : "activities";
	char sql[160];
	if (im->kind == REC_ORDERS) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(im->db, "SELECT total(lines) FROM order_blocks", -1, &st,
		                       NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			*cause = db_cause(im->db, "workspace");
			return -1;
		}
		im->counts.replaced_rows = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (db_exec(im->db, "DELETE FROM order_blocks", cause) != 0)
			return -1;
	} else {
		/* only what activity files brought: the newsletter's and My day's
		 * activities (batches of their own kinds) stay; when there are none
		 * the table is emptied at once rather than row by row */
		int others = 0;
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(im->db,
		                       "SELECT EXISTS(SELECT 1 FROM activities WHERE batch_id IN "
		                       "(SELECT id FROM batches WHERE kind <> 'activities'))",
		                       -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			*cause = db_cause(im->db, "workspace");
			return -1;
		}
		others = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (db_exec(im->db,
		            others ? "DELETE FROM activities WHERE batch_id IN "
		                     "(SELECT id FROM batches WHERE kind = 'activities')"
		                   : "DELETE FROM activities",
		            cause) != 0)
			return -1;
		im->counts.replaced_rows = sqlite3_changes64(im->db);
	}
	snprintf(sql, sizeof(sql),
	         "UPDATE batches SET replaced = 1 WHERE kind = '%s' AND id <> %lld", table,
	         (long long)im->batch_id);
	return db_exec(im->db, sql, cause);
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_i64_if(sqlite3_stmt *st, int i, int has, int64_t v)
{
	if (has)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void bind_dbl_if(sqlite3_stmt *st, int i, int has, double v)
{
	if (has)
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* Steps and resets st; clear: drop the bindings too (not needed when
 * every parameter is bound before each step, as step_rows does). */
static int step_reset_opt(struct store_import *im, sqlite3_stmt *st, int clear, char **cause)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (clear)
		sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(im->db, "storing the import");
		return -1;
	}
	return 0;
}

static int step_reset(struct store_import *im, sqlite3_stmt *st, char **cause)
{
	return step_reset_opt(im, st, 1, cause);
}

/* The id of an external ID from SQLite (sql: one ?1, one id column),
 * through the statement cached in *st (prepared from sql on first use;
 * one slot per sql). 1 and *id, 0 when there is none, -1 with *cause. */
static int find_id(struct store_import *im, sqlite3_stmt **st, const char *sql, const char *ext,
                   int64_t *id, char **cause)
{
	if (!*st && prep(im, sql, st, cause) != 0)
		return -1;
	sqlite3_bind_text(*st, 1, ext, -1, SQLITE_STATIC);
	int rc = sqlite3_step(*st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(*st, 0);
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*cause = db_cause(im->db, "workspace");
		return -1;
	}
	return rc == SQLITE_ROW;
}

static int find_customer(struct store_import *im, const char *ext, int64_t *id, char **cause)
{
	return find_id(im, &im->find_customer, "SELECT id FROM customers WHERE customer_id = ?1",
	               ext, id, cause);
}

/* Inserts n pending rows: MULTI of them (n == MULTI) with the multi-row
 * statement, else one statement per row; bind(im, st, row, base) binds
 * pending row `row` from parameter base + 1 on, each row taking `cols`. */
static int step_rows(struct store_import *im, int n, sqlite3_stmt *multi, sqlite3_stmt *single,
                     int cols, void (*bind)(struct store_import *, sqlite3_stmt *, int, int),
                     char **cause)
{
	if (n == MULTI) {
		for (int r = 0; r < MULTI; r++)
			bind(im, multi, r, r * cols);
		return step_reset_opt(im, multi, 0, cause);
	}
	int rc = 0;
	for (int r = 0; r < n && rc == 0; r++) {
		bind(im, single, r, 0);
		rc = step_reset_opt(im, single, 0, cause);
	}
	return rc;
}

static void bind_new_customer(struct store_import *im, sqlite3_stmt *st, int row, int base)
{
	sqlite3_bind_text(st, base + 1, im->cust_text.buf + im->cust_off[row], -1, SQLITE_STATIC);
}

/* Inserts the customers created so far: MULTI in one statement, or (at the
 * end) one by one. They must have got the ids handed out. */
static int flush_customers(struct store_import *im, char **cause)
{
	int n = im->ncust;
	int rc = step_rows(im, n, im->new_customers, im->new_customer, 1, bind_new_customer, cause);
	im->ncust = 0;
	strbuf_reset(&im->cust_text);
	if (rc == 0 && n && sqlite3_last_insert_rowid(im->db) != im->next_id - 1) {
		*cause = xstrdup("internal error: new customers did not get the ids expected");
		return -1;
	}
	return rc;
}

/* Queues the row of a new customer with the next id (the key has len
 * bytes and its NUL); a full queue is inserted. */
static int queue_customer(struct store_import *im, const char *ext, size_t len, char **cause)
{
	im->next_id++;
	im->cust_off[im->ncust++] = im->cust_text.len;
	strbuf_append(&im->cust_text, ext, len + 1);
	return im->ncust == MULTI ? flush_customers(im, cause) : 0;
}

/* The workspace id of an external customer ID (hash h, length len from
 * idmap_hash), creating the customer. */
static int customer_ref_h(struct store_import *im, const char *ext, uint64_t h, size_t len,
                          int64_t *id, char **cause)
{
	struct idmap *m = &im->customers;
	if ((*id = idmap_get_h(m, ext, h, len)) != 0) {
		uint64_t k = (uint64_t)(*id - im->pre_lo);
		if (k < im->pre_n)
			im->pre_used[k >> 6] |= (uint64_t)1 << (k & 63);
		return 0;
	}
	if (m->full) { /* not in the map: perhaps in SQLite (the pending ones first) */
		int f;
		if ((im->ncust && flush_customers(im, cause) != 0) ||
		    (f = find_customer(im, ext, id, cause)) < 0)
			return -1;
		if (f)
			return 0;
	}
	*id = im->next_id;
	idmap_put(m, ext, *id);
	im->counts.customers_created++;
	return queue_customer(im, ext, len, cause);
}

static void note_date(struct store_import *im, int32_t day)
{
	if (im->counts.date_min == DAYS_NONE || day < im->counts.date_min)
		im->counts.date_min = day;
	if (im->counts.date_max == DAYS_NONE || day > im->counts.date_max)
		im->counts.date_max = day;
}

static struct pval *pslot(struct store_import *im, int col)
{
	return &im->vals[im->pending * im->cols + col];
}

static void p_int(struct store_import *im, int col, int has, int64_t v)
{
	struct pval *p = pslot(im, col);
	p->type = has ? V_INT : V_NULL;
	p->i = v;
}

static void p_dbl(struct store_import *im, int col, int has, double v)
{
	struct pval *p = pslot(im, col);
	p->type = has ? V_DBL : V_NULL;
	p->d = v;
}

static void p_text(struct store_import *im, int col, const char *s)
{
	struct pval *p = pslot(im, col);
	if (!s || !*s) {
		p->type = V_NULL;
		return;
	}
	size_t n = strlen(s);
	p->type = V_TEXT;
	p->len = (int)n;
	p->off = im->text.len;
	strbuf_append(&im->text, s, n + 1);
}

/* A string that stays put while the import lives (a code from a table). */
static void p_static(struct store_import *im, int col, const char *s)
{
	struct pval *p = pslot(im, col);
	p->type = V_STATIC;
	p->s = s;
	p->len = (int)strlen(s);
}

static void bind_row(struct store_import *im, sqlite3_stmt *st, int row, int base)
{
	for (int c = 0; c < im->cols; c++) {
		const struct pval *p = &im->vals[row * im->cols + c];
		int i = base + c + 1;
		switch (p->type) {
		case V_INT:
			sqlite3_bind_int64(st, i, p->i);
			break;
		case V_DBL:
			sqlite3_bind_double(st, i, p->d);
			break;
		case V_TEXT:
			sqlite3_bind_text(st, i, im->text.buf + p->off, p->len, SQLITE_STATIC);
			break;
		case V_STATIC:
			sqlite3_bind_text(st, i, p->s, p->len, SQLITE_STATIC);
			break;
		default:
			sqlite3_bind_null(st, i);
		}
	}
}

/* Writes the pending rows: all at once when the batch is full, else (at the
 * end) one statement per row. */
static int flush_rows(struct store_import *im, int final, char **cause)
{
	if (im->pending == 0 || (!final && im->pending < MULTI))
		return 0;
	int rc = step_rows(im, im->pending, im->multi, im->single, im->cols, bind_row, cause);
	im->pending = 0;
	strbuf_reset(&im->text);
	return rc;
}

static int add_order_h(struct store_import *im, const struct rec_order *o, uint64_t h, size_t len,
                       char **cause)
{
	struct orderline l = {
	    .day = o->day,
	    .amount = o->amount,
	    .has_margin = o->has_margin,
	    .margin = o->margin,
	    .has_quantity = o->has_quantity,
	    .quantity = o->quantity,
	    .order_id = o->order_id,
	    .order_id_len = o->order_id ? strlen(o->order_id) : 0,
	    .seller_id = o->seller_id,
	    .seller_id_len = o->seller_id ? strlen(o->seller_id) : 0,
	};
	if (customer_ref_h(im, o->customer_id, h, len, &l.customer, cause) != 0 ||
	    orderblocks_add(im->blocks, &l, cause) != 0)
		return -1;
	im->counts.amount_total += o->amount;
	note_date(im, o->day);
	return 0;
}

static int add_order(struct store_import *im, const struct rec_order *o, char **cause)
{
	size_t len;
	uint64_t h = idmap_hash(o->customer_id, &len);
	return add_order_h(im, o, h, len, cause);
}

/* An activity; h and len: its customer ID's hash (idmap_hash), when it
 * has one. */
static int add_activity_h(struct store_import *im, const struct rec_activity *a, uint64_t h,
                          size_t len, char **cause)
{
	int64_t cid = 0;
	if (a->customer_id && *a->customer_id &&
	    customer_ref_h(im, a->customer_id, h, len, &cid, cause) != 0)
		return -1;
	p_int(im, 0, cid != 0, cid);
	p_text(im, 1, a->seller_id);
	p_int(im, 2, 1, a->day);
	p_int(im, 3, a->minute >= 0, a->minute);
	p_static(im, 4, activity_type_code((enum activity_type)a->type));
	p_dbl(im, 5, a->has_duration, a->duration_min);
	p_dbl(im, 6, a->has_travel, a->travel_min);
	p_dbl(im, 7, a->has_km, a->km);
	im->pending++;
	note_date(im, a->day);
	return flush_rows(im, 0, cause);
}

static int add_activity(struct store_import *im, const struct rec_activity *a, char **cause)
{
	size_t len = 0;
	uint64_t h = a->customer_id && *a->customer_id ? idmap_hash(a->customer_id, &len) : 0;
	return add_activity_h(im, a, h, len, cause);
}

static int add_customer(struct store_import *im, const struct rec_customer *c, char **cause)
{
	sqlite3_stmt *st = im->upsert;
	double lat = c->lat, lon = c->lon;
	int has_loc = c->has_lat_lon, located = 0;
	if (!has_loc && c->postal_code && geo_postcode_lookup(c->postal_code, &lat, &lon) == 0) {
		has_loc = 1;
		located = 1;
	}
	sqlite3_bind_text(st, 1, c->customer_id, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 2, c->name);
	bind_text_or_null(st, 3, c->org_number);
	bind_text_or_null(st, 4, c->address);
	bind_text_or_null(st, 5, c->postal_code);
	bind_text_or_null(st, 6, c->city);
	bind_dbl_if(st, 7, has_loc, lat);
	bind_dbl_if(st, 8, has_loc, lon);
	sqlite3_bind_int(st, 9, located);
	bind_text_or_null(st, 10, c->industry);
	bind_i64_if(st, 11, c->employees >= 0, c->employees);
	bind_text_or_null(st, 12, c->seller_id);
	bind_i64_if(st, 13, c->has_revenue, c->revenue);
	bind_i64_if(st, 14, c->has_potential, c->potential);
	bind_i64_if(st, 15, c->has_wallet, c->wallet);
	bind_text_or_null(st, 16, c->email);
	bind_text_or_null(st, 17, c->phone);
	bind_i64_if(st, 18, c->open_min >= 0, c->open_min);
	bind_i64_if(st, 19, c->close_min >= 0, c->close_min);
	bind_text_or_null(st, 20, c->attrs_json);
	sqlite3_bind_int64(st, 21, im->batch_id);
	int64_t found;
	int existed = idmap_get(&im->customers, c->customer_id) != 0;
	if (!existed && im->customers.full) {
		int f = find_customer(im, c->customer_id, &found, cause);
		if (f < 0)
			return -1;
		existed = f;
	}
	if (step_reset(im, st, cause) != 0)
		return -1;
	if (existed) {
		im->counts.updated++;
	} else {
		idmap_put(&im->customers, c->customer_id, sqlite3_last_insert_rowid(im->db));
	}
	im->counts.located += located;
	return 0;
}

static int add_seller(struct store_import *im, const struct rec_seller *s, char **cause)
{
	sqlite3_stmt *st = im->upsert;
	double lat = s->home_lat, lon = s->home_lon;
	int has_home = s->has_home;
	if (!has_home && s->home_postal_code &&
	    geo_postcode_lookup(s->home_postal_code, &lat, &lon) == 0) {
		has_home = 1;
		im->counts.located++;
	}
	sqlite3_bind_text(st, 1, s->seller_id, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 2, s->name);
	if (s->role > 0)
		sqlite3_bind_text(st, 3, role_code((enum role)s->role), -1, SQLITE_STATIC);
	bind_dbl_if(st, 4, s->has_hours, s->hours_per_year);
	bind_text_or_null(st, 5, s->home_postal_code);
	bind_dbl_if(st, 6, has_home, lat);
	bind_dbl_if(st, 7, has_home, lon);
	bind_text_or_null(st, 8, s->email);
	sqlite3_bind_int64(st, 9, im->batch_id);
	int64_t found;
	int existed = idmap_get(&im->sellers, s->seller_id) != 0;
	if (!existed && im->sellers.full) {
		int f = find_id(im, &im->find_seller, "SELECT id FROM sellers WHERE seller_id = ?1",
		                s->seller_id, &found, cause);
		if (f < 0)
			return -1;
		existed = f;
	}
	if (step_reset(im, st, cause) != 0)
		return -1;
	if (existed)
		im->counts.updated++;
	else
		idmap_put(&im->sellers, s->seller_id, sqlite3_last_insert_rowid(im->db));
	return 0;
}

/* idmap_number_in_order's callback: the customer's row, queued. */
static void create_seen(void *ctx, const char *key, int64_t id)
{
	struct store_import *im = ctx;
	if (im->pre_rc != 0) /* a write failed: the import ends */
		return;
	assert(id == im->next_id);
	(void)id;
	im->pre_rc = queue_customer(im, key, strlen(key), &im->pre_cause);
}

/* The customers of an orders file, known before its lines (`seen`, taken
 * over as the import's map): those in the workspace get their ids; the
 * others are created now, in the order of their IDs, so that rows and
 * index entries are appended rather than put in at random places in the
 * B-trees (about three times faster for a million new customers). A file
 * line whose customer ID was not seen (it cannot happen) still creates its
 * customer, as without this step. The statements are prepared (next_id
 * set). */
static int create_seen_customers(struct store_import *im, struct idmap *seen, char **cause)
{
	im->customers = *seen;
	memset(seen, 0, sizeof(*seen));
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(im->db, "SELECT id, customer_id FROM customers", -1, &st, NULL) !=
	    SQLITE_OK) {
		*cause = db_cause(im->db, "workspace");
		return -1;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 1);
		size_t len;
		uint64_t h = idmap_hash(key, &len);
		if (idmap_get_h(&im->customers, key, h, len))
			idmap_put_h(&im->customers, key, h, len, sqlite3_column_int64(st, 0));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(im->db, "workspace");
		return -1;
	}
	im->pre_lo = im->next_id;
	im->pre_n =
	    idmap_number_in_order(&im->customers, STORE_ID_SEEN, im->next_id, create_seen, im);
	if (im->pre_rc == 0 && im->ncust)
		im->pre_rc = flush_customers(im, &im->pre_cause);
	if (im->pre_rc != 0) {
		*cause = im->pre_cause;
		im->pre_cause = NULL;
		return -1;
	}
	im->pre_used = xcalloc((size_t)(im->pre_n / 64 + 1), sizeof(uint64_t));
	return 0;
}

/* At commit: the customers created up front that no stored line names
 * (their rows were rejected) are removed; the others are counted. */
static int drop_unused_seen(struct store_import *im, char **cause)
{
	sqlite3_stmt *del = NULL;
	int rc = 0;
	for (uint64_t k = 0; k < im->pre_n && rc == 0; k++) {
		if (im->pre_used[k >> 6] >> (k & 63) & 1) {
			im->counts.customers_created++;
			continue;
		}
		if (!del && prep(im, "DELETE FROM customers WHERE id = ?1", &del, cause) != 0)
			return -1;
		sqlite3_bind_int64(del, 1, im->pre_lo + (int64_t)k);
		rc = step_reset(im, del, cause);
	}
	sqlite3_finalize(del);
	return rc;
}

static long long pragma_value(sqlite3 *db, const char *sql, long long dflt)
{
	sqlite3_stmt *st = NULL;
	long long v = dflt;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Referential integrity is the import's to keep (every row names a
 * customer created or found by this code), and a 16 MB page cache holds
 * the B-tree pages being filled (the customers table and its customer_id
 * index): the settings found are kept in im and put back by
 * restore_pragmas when the import ends, however it ends. */
static void import_pragmas(struct store_import *im)
{
	im->foreign_keys_was = (int)pragma_value(im->db, "PRAGMA foreign_keys", 1);
	im->cache_size_was = pragma_value(im->db, "PRAGMA cache_size", -2000);
	db_exec(im->db, "PRAGMA foreign_keys = OFF", NULL);
	db_exec(im->db, "PRAGMA cache_size = -16384", NULL);
}

static void restore_pragmas(struct store_import *im)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA foreign_keys = %d", im->foreign_keys_was ? 1 : 0);
	db_exec(im->db, sql, NULL);
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", im->cache_size_was);
	db_exec(im->db, sql, NULL);
}

int store_import_begin(sqlite3 *db, enum rec_kind kind, const char *file, const char *sha256,
                       int replace, struct idmap *seen, struct store_import **out, char **cause)
{
	struct store_import *im = xcalloc(1, sizeof(*im));
	im->db = db;
	im->kind = kind;
	im->counts.date_min = im->counts.date_max = DAYS_NONE;
	*out = NULL;
	import_pragmas(im);
	if (db_begin(db, cause) != 0) {
		restore_pragmas(im);
		free(im);
		return -1;
	}
	sqlite3_stmt *st = NULL;
	char now[21];
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO batches(kind, file, sha256, rows, created_at) "
	                       "VALUES (?1, ?2, ?3, 0, ?4)",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, rec_kind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, isotime_utc(time(NULL), now), -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	im->batch_id = sqlite3_last_insert_rowid(db);
	im->counts.batch_id = im->batch_id;
	if (replace && (kind == REC_ORDERS || kind == REC_ACTIVITIES) &&
	    replace_kind(im, cause) != 0)
		goto fail_cause;
	if (prepare_statements(im, cause) != 0)
		goto fail_cause;
	/* the IDs seen are used when every id stays below STORE_ID_SEEN (always,
	 * unless the workspace holds billions of customers) */
	if ((kind == REC_ORDERS || kind == REC_ACTIVITIES) && seen && !seen->full && seen->n &&
	    im->next_id + (int64_t)seen->n < STORE_ID_SEEN) {
		if (create_seen_customers(im, seen, cause) != 0)
			goto fail_cause;
	} else {
		if (seen) {
			idmap_free(seen);
			memset(seen, 0, sizeof(*seen));
		}
		if (kind == REC_SELLERS) {
			if (load_ids(im, "SELECT id, seller_id FROM sellers", &im->sellers,
			             cause) != 0)
				goto fail_cause;
		} else if (load_ids(im, "SELECT id, customer_id FROM customers", &im->customers,
		                    cause) != 0) {
			goto fail_cause;
		}
	}
	*out = im;
	return 0;
fail:
	*cause = db_cause(db, "workspace");
fail_cause:
	sqlite3_finalize(st);
	store_import_abort(im);
	return -1;
}

/* The activities' index by customer and day takes each row at its
 * customer's place: for a file of many rows that is a random write per row
 * (1.8 M activities: most of the import's time). Built once after the rows
 * are in, it is a sort instead. (There is no index by batch since schema
 * 8.) Worth it when the file adds at least an eighth of the rows already there; the index is
 * dropped and rebuilt inside the import's transaction, so an abort leaves it as it was. */
#define REINDEX_SHARE 8
int store_import_expect(struct store_import *im, long long rows, char **cause)
{
	if (im->kind != REC_ACTIVITIES || rows <= 0 || im->reindex)
		return 0;
	sqlite3_stmt *st = NULL;
	long long have = 0;
	if (sqlite3_prepare_v2(im->db, "SELECT ifnull(max(id), 0) FROM activities", -1, &st,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rows < 4096 || rows * REINDEX_SHARE < have)
		return 0;
	if (db_exec(im->db, "DROP INDEX IF EXISTS activities_customer_day", cause) != 0)
		return -1;
	im->reindex = 1;
	return 0;
}

int store_import_add(struct store_import *im, const struct rec *rec, char **cause)
{
	int rc;
	switch (rec->kind) {
	case REC_ORDERS:
		rc = add_order(im, &rec->u.o, cause);
		break;
	case REC_ACTIVITIES:
		rc = add_activity(im, &rec->u.a, cause);
		break;
	case REC_CUSTOMERS:
		rc = add_customer(im, &rec->u.c, cause);
		break;
	case REC_SELLERS:
		rc = add_seller(im, &rec->u.s, cause);
		break;
	default:
		*cause = xstrdup("unknown record kind");
		return -1;
	}
	if (rc == 0)
		im->counts.rows_stored++;
	return rc;
}

/* Orders and activities in groups: the customer IDs are hashed and their slots fetched
 * into the cache first, so the lookups' memory waits overlap instead of
 * following one another (the map is far larger than the caches). */
#define GROUP 32
int store_import_add_many(struct store_import *im, const struct rec *recs, int n, char **cause)
{
	if (im->kind != REC_ORDERS && im->kind != REC_ACTIVITIES) {
		for (int i = 0; i < n; i++)
			if (store_import_add(im, &recs[i], cause) != 0)
				return -1;
		return 0;
	}
	uint64_t h[GROUP];
	size_t len[GROUP];
	for (int base = 0; base < n; base += GROUP) {
		int k = n - base < GROUP ? n - base : GROUP;
		for (int i = 0; i < k; i++) {
			const struct rec *r = &recs[base + i];
			const char *id =
			    r->kind == REC_ORDERS ? r->u.o.customer_id : r->u.a.customer_id;
			len[i] = 0;
			h[i] = 0;
			if (id && *id) {
				h[i] = idmap_hash(id, &len[i]);
				idmap_prefetch(&im->customers, h[i]);
			}
		}
		for (int i = 0; i < k; i++) {
			const struct rec *r = &recs[base + i];
			assert(r->kind == im->kind);
			if ((r->kind == REC_ORDERS
			         ? add_order_h(im, &r->u.o, h[i], len[i], cause)
			         : add_activity_h(im, &r->u.a, h[i], len[i], cause)) != 0)
				return -1;
			im->counts.rows_stored++;
		}
	}
	return 0;
}

int store_import_commit(struct store_import *im, const char *info_json,
                        struct import_counts *counts, char **cause)
{
	sqlite3_stmt *st = NULL;
	if (flush_rows(im, 1, cause) != 0 || flush_customers(im, cause) != 0 ||
	    (im->blocks && orderblocks_flush(im->blocks, cause) != 0) ||
	    drop_unused_seen(im, cause) != 0 ||
	    (im->reindex &&
	     db_exec(im->db, "CREATE INDEX activities_customer_day ON activities(customer, day)",
	             cause) != 0))
		goto fail;
	if (sqlite3_prepare_v2(im->db, "UPDATE batches SET rows = ?1, info = ?2 WHERE id = ?3", -1,
	                       &st, NULL) != SQLITE_OK)
		goto fail_db;
	sqlite3_bind_int64(st, 1, im->counts.rows_stored);
	sqlite3_bind_text(st, 2, info_json, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, im->batch_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail_db;
	sqlite3_finalize(st);
	st = NULL;
	if (db_commit(im->db, cause) != 0)
		goto fail;
	*counts = im->counts;
	restore_pragmas(im);
	im->db = NULL; /* committed: nothing to roll back */
	store_import_abort(im);
	return 0;
fail_db:
	*cause = db_cause(im->db, "storing the import");
fail:
	sqlite3_finalize(st);
	store_import_abort(im);
	return -1;
}

void store_import_abort(struct store_import *im)
{
	if (!im)
		return;
	sqlite3_finalize(im->multi);
	sqlite3_finalize(im->single);
	sqlite3_finalize(im->new_customer);
	sqlite3_finalize(im->new_customers);
	sqlite3_finalize(im->find_customer);
	sqlite3_finalize(im->find_seller);
	strbuf_free(&im->cust_text);
	sqlite3_finalize(im->upsert);
	orderblocks_free(im->blocks);
	if (im->db) {
		db_rollback(im->db);
		restore_pragmas(im);
	}
	idmap_free(&im->customers);
	idmap_free(&im->sellers);
	free(im->pre_used);
	free(im->pre_cause);
	free(im->vals);
	strbuf_free(&im->text);
	free(im);
}

int store_batch_find_sha(sqlite3 *db, enum rec_kind kind, const char *sha256, int64_t *batch_id,
                         char **file, char **when, char **cause)
{
	sqlite3_stmt *st = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT id, file, created_at FROM batches WHERE kind = ?1 AND sha256 = ?2 "
	        "AND replaced = 0 ORDER BY id DESC LIMIT 1",
	        -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "workspace");
		return -1;
	}
	sqlite3_bind_text(st, 1, rec_kind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		found = 1;
		*batch_id = sqlite3_column_int64(st, 0);
		*file = xstrdup((const char *)sqlite3_column_text(st, 1));
		*when = xstrdup((const char *)sqlite3_column_text(st, 2));
	} else if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "workspace");
		found = -1;
	}
	sqlite3_finalize(st);
	return found;
}
