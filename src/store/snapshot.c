/* snapshot.c — categorization snapshots in the workspace: saving a run
 * (one transaction; prepared multi-row inserts, reused),
 * reading a run back (its parameters from the params JSON, its rows joined
 * with the customers), listing runs, the newest run, and the categories or
 * sides of each customer in a run. Customers are matched to the in-memory
 * dataset by customers.id (struct customer.store_id). */
#include "store/snapshot.h"
#include "store/db.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"
#include "util/isotime.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int store_snapshot_latest(sqlite3 *db, int64_t *id, char **cause)
{
	sqlite3_stmt *st = NULL;
	int ret = -1;
	*id = 0;
	if (sqlite3_prepare_v2(db, "SELECT max(id) FROM snapshots", -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(st) != SQLITE_ROW)
		goto out;
	if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
		ret = 1;
	} else {
		*id = sqlite3_column_int64(st, 0);
		ret = 0;
	}
out:
	if (ret < 0)
		*cause = db_cause(db, "reading the snapshots");
	sqlite3_finalize(st);
	return ret;
}

int store_snapshot_default_as_of(sqlite3 *db, int32_t *day, char **cause)
{
	sqlite3_stmt *st = NULL;
	int ret = -1;
	*day = DAYS_NONE;
	if (sqlite3_prepare_v2(db, "SELECT max(day_max) FROM order_blocks", -1, &st, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*day = sqlite3_column_int(st, 0);
		ret = 0;
	}
	if (ret < 0)
		*cause = db_cause(db, "reading the orders");
	sqlite3_finalize(st);
	return ret;
}

int store_snapshot_exists(sqlite3 *db, int64_t id, char **cause)
{
	sqlite3_stmt *st = NULL;
	int ret = -1;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM snapshots WHERE id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ret = 0;
	else if (rc == SQLITE_DONE)
		ret = 1;
out:
	if (ret < 0)
		*cause = db_cause(db, "reading the snapshots");
	sqlite3_finalize(st);
	return ret;
}

struct idpair {
	int64_t store_id;
	int32_t idx;
};

static int by_store_id(const void *a, const void *b)
{
	const struct idpair *x = a, *y = b;
	return x->store_id < y->store_id ? -1 : x->store_id > y->store_id;
}

/* A sorted (store_id, index) table of ds; caller frees. */
static struct idpair *id_index(const struct dataset *ds)
{
	struct idpair *ix = xreallocarray(NULL, ds->ncustomers ? ds->ncustomers : 1, sizeof(*ix));
	int sorted = 1;
	for (size_t i = 0; i < ds->ncustomers; i++) {
		ix[i].store_id = ds->customers[i].store_id;
		ix[i].idx = (int32_t)i;
		if (i && ix[i].store_id < ix[i - 1].store_id)
			sorted = 0;
	}
	/* a loaded dataset is in id order already: no sort of a million pairs */
	if (!sorted)
		qsort(ix, ds->ncustomers, sizeof(*ix), by_store_id);
	return ix;
}

static int32_t id_lookup(const struct idpair *ix, size_t n, int64_t store_id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix[mid].store_id < store_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ix[lo].store_id == store_id ? ix[lo].idx : -1;
}

int store_snapshot_categories(sqlite3 *db, int64_t id, const struct dataset *ds, int8_t *cat,
                              char **cause)
{
	sqlite3_stmt *st = NULL;
	struct idpair *ix = id_index(ds);
	int ret = -1, rc;
	for (size_t i = 0; i < ds->ncustomers; i++)
		cat[i] = CAT_NONE;
	if (sqlite3_prepare_v2(db,
	                       "SELECT customer, category FROM snapshot_customers "
	                       "WHERE snapshot_id = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t i = id_lookup(ix, ds->ncustomers, sqlite3_column_int64(st, 0));
		const char *code = (const char *)sqlite3_column_text(st, 1);
		enum category c;
		if (i >= 0 && code && category_parse(code, &c) == 0)
			cat[i] = (int8_t)c;
	}
	if (rc == SQLITE_DONE)
		ret = 0;
out:
	if (ret < 0)
		*cause = db_cause(db, "reading a snapshot");
	sqlite3_finalize(st);
	free(ix);
	return ret;
}

int store_snapshot_sides(sqlite3 *db, int64_t id, const struct dataset *ds, int8_t *revenue_high,
                         int8_t *potential_high, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct idpair *ix = id_index(ds);
	int ret = -1, rc;
	for (size_t i = 0; i < ds->ncustomers; i++)
		revenue_high[i] = potential_high[i] = -1;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT customer, revenue_high, potential_high FROM snapshot_customers "
	        "WHERE snapshot_id = ?",
	        -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t i = id_lookup(ix, ds->ncustomers, sqlite3_column_int64(st, 0));
		if (i < 0)
			continue;
		revenue_high[i] = sqlite3_column_int(st, 1) ? 1 : 0;
		potential_high[i] = sqlite3_column_int(st, 2) ? 1 : 0;
	}
	if (rc == SQLITE_DONE)
		ret = 0;
out:
	if (ret < 0)
		*cause = db_cause(db, "reading a snapshot");
	sqlite3_finalize(st);
	free(ix);
	return ret;
}

/* --- parameters as JSON ------------------------------------------------------- */

static json_t *day_json(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

static int32_t json_day(json_t *v)
{
	int32_t d;
	if (!json_is_string(v) || days_parse_iso(json_string_value(v), &d) != 0)
		return DAYS_NONE;
	return d;
}

static char *params_json(const struct cat_run *run)
{
	const struct cat_params *p = &run->p;
	json_t *o = json_object();
	json_object_set_new(o, "as_of", day_json(p->as_of));
	json_object_set_new(o, "window_months", json_integer(p->window_months));
	json_object_set_new(o, "window_from", day_json(run->window_from));
	json_object_set_new(o, "axis", json_string(cat_axis_code(p->axis)));
	json_object_set_new(o, "method", json_string(cat_method_code(p->method)));
	json_object_set_new(o, "revenue_method",
	                    json_string(cat_method_code(cat_revenue_method(p))));
	json_object_set_new(o, "potential_method",
	                    json_string(cat_method_code(cat_potential_method(p))));
	json_object_set_new(o, "revenue_share", json_real(p->revenue_share));
	json_object_set_new(o, "potential_share", json_real(p->potential_share));
	json_object_set_new(o, "revenue_top", json_real(p->revenue_top));
	json_object_set_new(o, "potential_top", json_real(p->potential_top));
	json_object_set_new(o, "revenue_min_minor",
	                    p->has_revenue_min ? json_integer(p->revenue_min) : json_null());
	json_object_set_new(o, "potential_min_minor",
	                    p->has_potential_min ? json_integer(p->potential_min) : json_null());
	json_object_set_new(o, "wallet_quantile", json_real(p->wallet_quantile));
	json_object_set_new(o, "margin", json_real(p->margin));
	json_object_set_new(o, "today", day_json(p->today));
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static double jnum(json_t *o, const char *k, double dflt)
{
	json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : dflt;
}

/* Fills run->p from the params JSON (defaults for anything missing). */
static void params_parse(const char *text, struct cat_run *run)
{
	struct cat_params *p = &run->p;
	int32_t as_of = p->as_of;
	int months = p->window_months;
	cat_params_default(p);
	p->as_of = as_of;
	p->window_months = months;
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	if (!o)
		return;
	run->window_from = json_day(json_object_get(o, "window_from"));
	p->revenue_share = jnum(o, "revenue_share", p->revenue_share);
	p->potential_share = jnum(o, "potential_share", p->potential_share);
	p->revenue_top = jnum(o, "revenue_top", p->revenue_top);
	p->potential_top = jnum(o, "potential_top", p->potential_top);
	p->wallet_quantile = jnum(o, "wallet_quantile", p->wallet_quantile);
	p->margin = jnum(o, "margin", p->margin);
	p->today = json_day(json_object_get(o, "today"));
	json_t *v = json_object_get(o, "revenue_min_minor");
	if ((p->has_revenue_min = json_is_integer(v)))
		p->revenue_min = json_integer_value(v);
	v = json_object_get(o, "potential_min_minor");
	if ((p->has_potential_min = json_is_integer(v)))
		p->potential_min = json_integer_value(v);
	json_decref(o);
}

static char *summary_json(const struct cat_row *rows, size_t n)
{
	struct cat_summary s;
	category_summarize(rows, n, &s);
	json_t *o = json_object(), *cats = json_object(), *src = json_object();
	json_object_set_new(o, "customers", json_integer((json_int_t)n));
	for (int c = 0; c < CAT_COUNT; c++) {
		json_t *t = json_object();
		json_object_set_new(t, "customers", json_integer((json_int_t)s.cat[c].customers));
		json_object_set_new(t, "computed", json_integer((json_int_t)s.computed[c]));
		json_object_set_new(t, "revenue_minor", json_integer(s.cat[c].revenue));
		json_object_set_new(t, "potential_minor", json_integer(s.cat[c].potential));
		json_object_set_new(t, "orders", json_integer(s.cat[c].orders));
		json_object_set_new(cats, category_code((enum category)c), t);
	}
	json_object_set_new(o, "categories", cats);
	for (int k = 0; k < POTSRC_COUNT; k++)
		json_object_set_new(src, pot_source_code((enum pot_source)k),
		                    json_integer((json_int_t)s.potsrc[k]));
	json_object_set_new(o, "potential_sources", src);
	json_object_set_new(o, "overridden", json_integer((json_int_t)s.overridden));
	char *txt = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return txt;
}

/* --- saving ------------------------------------------------------------------- */

static void now_iso(char out[24])
{
	isotime_utc(time(NULL), out);
}

static void bind_threshold(sqlite3_stmt *st, int i, struct cat_threshold t)
{
	if (t.has)
		sqlite3_bind_int64(st, i, t.value);
	else
		sqlite3_bind_null(st, i);
}

enum { ROW_PARAMS = 12, ROWS_PER_INSERT = 64 };

/* "INSERT INTO snapshot_customers(...) VALUES (?,...),(...)" for k rows. */
static char *insert_sql(size_t k)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "INSERT INTO snapshot_customers(snapshot_id, customer, revenue, "
	                 "revenue_source, potential, potential_source, revenue_high, "
	                 "potential_high, computed_category, category, override_reason, orders) "
	                 "VALUES ");
	for (size_t j = 0; j < k; j++)
		strbuf_puts(&sb, j ? ",(?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?)");
	return strbuf_detach(&sb);
}

/* Binds one row's 12 values at parameter offset o (0-based). */
static void bind_row(sqlite3_stmt *st, int o, int64_t snapshot, int64_t customer,
                     const struct cat_row *r)
{
	sqlite3_bind_int64(st, o + 1, snapshot);
	sqlite3_bind_int64(st, o + 2, customer);
	sqlite3_bind_int64(st, o + 3, r->revenue);
	sqlite3_bind_text(st, o + 4, rev_source_code((enum rev_source)r->revenue_source), -1,
	                  SQLITE_STATIC);
	if (r->potential_source == POTSRC_UNKNOWN)
		sqlite3_bind_null(st, o + 5);
	else
		sqlite3_bind_int64(st, o + 5, r->potential);
	sqlite3_bind_text(st, o + 6, pot_source_code((enum pot_source)r->potential_source), -1,
	                  SQLITE_STATIC);
	sqlite3_bind_int(st, o + 7, r->revenue_high);
	sqlite3_bind_int(st, o + 8, r->potential_high);
	sqlite3_bind_text(st, o + 9, category_code((enum category)r->computed), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, o + 10, category_code((enum category)r->category), -1, SQLITE_STATIC);
	if (r->override_reason)
		sqlite3_bind_text(st, o + 11, r->override_reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, o + 11);
	sqlite3_bind_int(st, o + 12, r->orders);
}

/* 1 if foreign keys are enforced on db, else 0. */
static int foreign_keys(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int on = 0;
	if (sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		on = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return on;
}

/* 1 if the customers table holds exactly ds->ncustomers rows with ids in
 * [first, last] of ds (whose ids are distinct and ascending), 0 if not, -1
 * on a database error. */
static int customers_match(sqlite3 *db, const struct dataset *ds)
{
	sqlite3_stmt *st = NULL;
	int ret = -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM customers WHERE id BETWEEN ?1 AND ?2", -1,
	                       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, ds->customers[0].store_id);
	sqlite3_bind_int64(st, 2, ds->customers[ds->ncustomers - 1].store_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		ret = (size_t)sqlite3_column_int64(st, 0) == ds->ncustomers;
	sqlite3_finalize(st);
	return ret;
}

int store_snapshot_save(sqlite3 *db, struct cat_run *run, const struct dataset *ds,
                        const struct cat_row *rows, char **cause)
{
	sqlite3_stmt *st = NULL;
	char *params = NULL, *summary = NULL;
	int ok = 0;
	char created[24];
	now_iso(created);
	/* The foreign-key checks of 900 000 rows (a customers and a snapshots
	 * look-up each) cost a fifth of the save. They are replaced by one check
	 * inside the transaction: customers are never deleted and get ascending
	 * ids, so if the workspace still holds exactly as many customers in the
	 * range of ids of ds, it holds those of ds. (The pragma cannot change
	 * inside a transaction; it is restored below.) */
	int fk = foreign_keys(db);
	if (fk)
		sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	if (db_begin(db, cause) != 0) {
		if (fk)
			sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		return -1;
	}
	if (ds->ncustomers) {
		int c = customers_match(db, ds);
		if (c < 0)
			goto out;
		if (c == 0) {
			*cause = xstrdup("the workspace's customers changed while categorizing; "
			                 "run the categorization again");
			goto fail;
		}
	}
	params = params_json(run);
	summary = summary_json(rows, ds->ncustomers);
	if (sqlite3_prepare_v2(
	        db,
	        "INSERT INTO snapshots(created_at, as_of, window_months, axis, method, "
	        "params, revenue_threshold, potential_threshold, summary) "
	        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	        -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, created, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, run->p.as_of);
	sqlite3_bind_int(st, 3, run->p.window_months);
	sqlite3_bind_text(st, 4, cat_axis_code(run->p.axis), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, cat_method_code(run->p.method), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, params, -1, SQLITE_STATIC);
	bind_threshold(st, 7, run->revenue_t);
	bind_threshold(st, 8, run->potential_t);
	sqlite3_bind_text(st, 9, summary, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	int64_t id = sqlite3_last_insert_rowid(db);
	sqlite3_finalize(st);
	st = NULL;
	/* rows go in statements of ROWS_PER_INSERT rows (fewer VM round trips),
	 * the last partial batch through a statement of its own size */
	size_t n = ds->ncustomers, done = 0;
	while (done < n) {
		size_t k = n - done >= ROWS_PER_INSERT ? ROWS_PER_INSERT : n - done;
		if (!st || k != ROWS_PER_INSERT) {
			sqlite3_finalize(st);
			st = NULL;
			char *sql = insert_sql(k);
			int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
			free(sql);
			if (rc != SQLITE_OK)
				goto out;
		}
		for (size_t j = 0; j < k; j++)
			bind_row(st, (int)(j * ROW_PARAMS), id, ds->customers[done + j].store_id,
			         &rows[done + j]);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto out;
		sqlite3_reset(st);
		done += k;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (db_commit(db, cause) != 0)
		goto fail;
	run->id = id;
	memcpy(run->created_at, created, sizeof(created));
	ok = 1;
out:
	if (!ok)
		*cause = db_cause(db, "saving the snapshot");
fail:
	sqlite3_finalize(st);
	if (!ok)
		db_rollback(db);
	if (fk)
		sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	free(params);
	free(summary);
	return ok ? 0 : -1;
}

/* --- reading ------------------------------------------------------------------ */

static const char run_cols[] = "id, created_at, as_of, window_months, axis, method, params, "
                               "revenue_threshold, potential_threshold";

/* Fills run from a row of run_cols starting at column 0. */
static void run_from_row(sqlite3_stmt *st, struct cat_run *run)
{
	memset(run, 0, sizeof(*run));
	run->id = sqlite3_column_int64(st, 0);
	const char *c = (const char *)sqlite3_column_text(st, 1);
	snprintf(run->created_at, sizeof(run->created_at), "%s", c ? c : "");
	run->p.as_of = sqlite3_column_int(st, 2);
	run->p.window_months = sqlite3_column_int(st, 3);
	params_parse((const char *)sqlite3_column_text(st, 6), run);
	enum cat_axis a = AXIS_AMOUNT;
	enum cat_method m = METHOD_PARETO;
	const char *s = (const char *)sqlite3_column_text(st, 4);
	if (s)
		cat_axis_parse(s, &a);
	s = (const char *)sqlite3_column_text(st, 5);
	if (s)
		cat_method_parse(s, &m);
	run->p.axis = a;
	run->p.method = m;
	if (run->window_from == DAYS_NONE || run->window_from == 0)
		run->window_from = category_window_from(run->p.as_of, run->p.window_months);
	run->revenue_t.has = sqlite3_column_type(st, 7) != SQLITE_NULL;
	run->revenue_t.value = sqlite3_column_int64(st, 7);
	run->potential_t.has = sqlite3_column_type(st, 8) != SQLITE_NULL;
	run->potential_t.value = sqlite3_column_int64(st, 8);
}

int store_snapshot_run(sqlite3 *db, int64_t id, struct cat_run *run, char **cause)
{
	sqlite3_stmt *st = NULL;
	char sql[256];
	int ret = -1;
	snprintf(sql, sizeof(sql), "SELECT %s FROM snapshots WHERE id = ?", run_cols);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		run_from_row(st, run);
		ret = 0;
	} else if (rc == SQLITE_DONE) {
		ret = 1;
	}
out:
	if (ret < 0)
		*cause = db_cause(db, "reading a snapshot");
	sqlite3_finalize(st);
	return ret;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

static int8_t col_cat(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	enum category c;
	return s && category_parse(s, &c) == 0 ? (int8_t)c : CAT_3;
}

int store_snapshot_load(sqlite3 *db, int64_t id, struct snapshot *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof(*out));
	int r = store_snapshot_run(db, id, &out->run, cause);
	if (r != 0)
		return r;
	int ret = -1, rc;
	size_t cap = 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT s.customer, c.customer_id, c.name, c.seller_id, s.revenue, "
	        "s.revenue_source, s.potential, s.potential_source, s.revenue_high, "
	        "s.potential_high, s.computed_category, s.category, s.override_reason, "
	        "s.orders FROM snapshot_customers s JOIN customers c ON c.id = "
	        "s.customer WHERE s.snapshot_id = ? ORDER BY s.customer",
	        -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 256;
			out->rows = xreallocarray(out->rows, cap, sizeof(*out->rows));
			out->store_id = xreallocarray(out->store_id, cap, sizeof(*out->store_id));
			out->customer_id = xreallocarray(out->customer_id, cap, sizeof(char *));
			out->name = xreallocarray(out->name, cap, sizeof(char *));
			out->seller_id = xreallocarray(out->seller_id, cap, sizeof(char *));
			out->reasons = xreallocarray(out->reasons, cap, sizeof(char *));
		}
		size_t i = out->n++;
		struct cat_row *row = &out->rows[i];
		memset(row, 0, sizeof(*row));
		out->store_id[i] = sqlite3_column_int64(st, 0);
		out->customer_id[i] = col_dup(st, 1);
		out->name[i] = col_dup(st, 2);
		out->seller_id[i] = col_dup(st, 3);
		row->revenue = sqlite3_column_int64(st, 4);
		enum rev_source rs = REVSRC_NONE;
		const char *t = (const char *)sqlite3_column_text(st, 5);
		if (t)
			rev_source_parse(t, &rs);
		row->revenue_source = (uint8_t)rs;
		row->potential = sqlite3_column_int64(st, 6);
		enum pot_source ps = POTSRC_UNKNOWN;
		t = (const char *)sqlite3_column_text(st, 7);
		if (t)
			pot_source_parse(t, &ps);
		row->potential_source = (uint8_t)ps;
		row->revenue_high = sqlite3_column_int(st, 8) != 0;
		row->potential_high = sqlite3_column_int(st, 9) != 0;
		row->computed = col_cat(st, 10);
		row->category = col_cat(st, 11);
		out->reasons[i] = col_dup(st, 12);
		row->orders = sqlite3_column_int(st, 13);
	}
	if (rc != SQLITE_DONE)
		goto out;
	/* the reasons are in place now that the array no longer moves */
	for (size_t i = 0; i < out->n; i++)
		out->rows[i].override_reason = out->reasons[i];
	ret = 0;
out:
	if (ret < 0) {
		*cause = db_cause(db, "reading a snapshot");
		store_snapshot_free(out);
	}
	sqlite3_finalize(st);
	return ret;
}

void store_snapshot_free(struct snapshot *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->customer_id[i]);
		free(s->name[i]);
		free(s->seller_id[i]);
		free(s->reasons[i]);
	}
	free(s->rows);
	free(s->store_id);
	free(s->customer_id);
	free(s->name);
	free(s->seller_id);
	free(s->reasons);
	memset(s, 0, sizeof(*s));
}

int store_snapshot_list(sqlite3 *db, struct cat_runinfo **items, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	char sql[256];
	int ret = -1, rc;
	size_t cap = 0;
	*items = NULL;
	*n = 0;
	snprintf(sql, sizeof(sql), "SELECT %s FROM snapshots ORDER BY id", run_cols);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*items = xreallocarray(*items, cap, sizeof(**items));
		}
		struct cat_runinfo *it = &(*items)[(*n)++];
		memset(it, 0, sizeof(*it));
		run_from_row(st, &it->run);
	}
	if (rc != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	/* counts from the rows themselves: overrides change them after the run */
	if (sqlite3_prepare_v2(db,
	                       "SELECT snapshot_id, category, count(*) FROM snapshot_customers "
	                       "GROUP BY snapshot_id, category",
	                       -1, &st, NULL) != SQLITE_OK)
		goto out;
	size_t k = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t sid = sqlite3_column_int64(st, 0);
		while (k < *n && (*items)[k].run.id < sid)
			k++;
		if (k == *n || (*items)[k].run.id != sid)
			continue;
		enum category c;
		const char *code = (const char *)sqlite3_column_text(st, 1);
		size_t cnt = (size_t)sqlite3_column_int64(st, 2);
		(*items)[k].customers += cnt;
		if (code && category_parse(code, &c) == 0)
			(*items)[k].cat[c] += cnt;
	}
	if (rc == SQLITE_DONE)
		ret = 0;
out:
	if (ret < 0) {
		*cause = db_cause(db, "reading the snapshots");
		free(*items);
		*items = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

int store_snapshot_keep(sqlite3 *db, int keep, long long *removed, char **cause)
{
	*removed = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	sqlite3_stmt *st = NULL;
	/* the rows go with their snapshot (ON DELETE CASCADE), found by the
	 * first column of their key */
	if (sqlite3_prepare_v2(db,
	                       "DELETE FROM snapshots WHERE id NOT IN "
	                       "(SELECT id FROM snapshots ORDER BY id DESC LIMIT ?1)",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int(st, 1, keep < 1 ? 1 : keep);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	*removed = sqlite3_changes64(db);
	sqlite3_finalize(st);
	return db_commit(db, cause);
fail:
	*cause = db_cause(db, "removing snapshots");
	sqlite3_finalize(st);
	db_rollback(db);
	return -1;
}
