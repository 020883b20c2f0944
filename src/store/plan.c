/* store/plan.c — reading a plan's inputs from the workspace, applying an
 * assignment to customers.seller_id with a record for undo (batches kind
 * 'plan' + owner_changes), and undoing it. */
#include "store/plan.h"
#include "store/dataset.h"
#include "store/db.h"
#include "store/policy.h"
#include "store/snapshot.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/xmalloc.h"
#include "util/isotime.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Customers and homes without coordinates but with a known Swedish postal
 * code get the code's coordinates (the import usually did this already). */
static void locate_by_postcode(struct dataset *ds)
{
	for (size_t i = 0; i < ds->ncustomers; i++) {
		struct customer *c = &ds->customers[i];
		if (!c->has_loc && c->postal_code &&
		    geo_postcode_lookup(c->postal_code, &c->lat, &c->lon) == 0)
			c->has_loc = true;
	}
	for (size_t i = 0; i < ds->nsellers; i++) {
		struct seller *s = &ds->sellers[i];
		if (!s->has_home && s->home_postal_code &&
		    geo_postcode_lookup(s->home_postal_code, &s->home_lat, &s->home_lon) == 0)
			s->has_home = true;
	}
}

/* in->revenue and in->potential from the snapshot's rows (customers are in
 * store_id order), and the snapshot's axis. */
static int load_snapshot_values(sqlite3 *db, struct plan_inputs *in, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t n = in->ds.ncustomers;
	in->potential = xmalloc((n ? n : 1) * sizeof(int64_t));
	in->revenue = xcalloc(n ? n : 1, sizeof(int64_t));
	for (size_t i = 0; i < n; i++)
		in->potential[i] = -1;
	if (sqlite3_prepare_v2(db,
	                       "SELECT customer, revenue, potential FROM snapshot_customers "
	                       "WHERE snapshot_id = ?1",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, in->snapshot_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int32_t c = dataset_customer_by_store_id(&in->ds, id);
		if (c < 0)
			continue;
		in->revenue[c] = sqlite3_column_int64(st, 1);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			in->potential[c] = sqlite3_column_int64(st, 2);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT axis FROM snapshots WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, in->snapshot_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *axis = (const char *)sqlite3_column_text(st, 0);
		in->margin = axis && !strcmp(axis, "margin");
	}
	sqlite3_finalize(st);
	return 0;
fail:
	*cause = db_cause(db, "reading the snapshot");
	sqlite3_finalize(st);
	return -1;
}

/* in->pin from plan_pins (pins naming a seller that is gone are left out). */
static int load_pins(sqlite3 *db, struct plan_inputs *in, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t n = in->ds.ncustomers;
	if (sqlite3_prepare_v2(db, "SELECT customer, seller_id, visits, calls FROM plan_pins", -1,
	                       &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the pins");
		return -1;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t c = dataset_customer_by_store_id(&in->ds, sqlite3_column_int64(st, 0));
		int32_t s = dataset_seller_index(&in->ds, (const char *)sqlite3_column_text(st, 1));
		if (c < 0 || s < 0)
			continue;
		if (!in->pin) {
			in->pin = xmalloc((n ? n : 1) * sizeof(*in->pin));
			for (size_t i = 0; i < n; i++)
				in->pin[i] = (struct plan_pin){-1, -1, -1};
		}
		in->pin[c].seller = s;
		in->pin[c].visits =
		    sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 2);
		in->pin[c].calls =
		    sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading the pins");
		return -1;
	}
	return 0;
}

int store_plan_inputs(sqlite3 *db, int64_t snapshot_id, struct plan_inputs *in, char **cause)
{
	memset(in, 0, sizeof(*in));
	int rc;
	if (snapshot_id <= 0) {
		rc = store_snapshot_latest(db, &snapshot_id, cause);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			*cause = xstrdup("the workspace has no categorization yet: run 'fokus "
			                 "categorize' first");
			return -1;
		}
	} else {
		rc = store_snapshot_exists(db, snapshot_id, cause);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			*cause = xasprintf("there is no snapshot %lld ('fokus history' lists them)",
			                   (long long)snapshot_id);
			return -1;
		}
	}
	in->snapshot_id = snapshot_id;
	if (store_policy_load(db, &in->policy, cause) != 0)
		return -1;
	if (store_load_dataset(db, LOAD_ALL, DAYS_NONE, DAYS_NONE, &in->ds, cause) != 0)
		return -1;
	locate_by_postcode(&in->ds);
	in->cat = xmalloc(in->ds.ncustomers ? in->ds.ncustomers : 1);
	if (store_snapshot_categories(db, snapshot_id, &in->ds, in->cat, cause) != 0 ||
	    load_snapshot_values(db, in, cause) != 0 ||
	    store_response_load(db, in->judged, in->judgement, &in->phone_weight, cause) != 0 ||
	    load_pins(db, in, cause) != 0) {
		plan_inputs_free(in);
		return -1;
	}
	return 0;
}

static void now_iso(char buf[32])
{
	isotime_utc(time(NULL), buf);
}

/* Statements used by apply, prepared together, finalized together. */
struct apply_st {
	sqlite3_stmt *old, *log, *set;
};

static void apply_st_free(struct apply_st *s)
{
	sqlite3_finalize(s->old);
	sqlite3_finalize(s->log);
	sqlite3_finalize(s->set);
}

static int apply_prepare(sqlite3 *db, struct apply_st *s)
{
	return sqlite3_prepare_v2(db, "SELECT seller_id FROM customers WHERE id = ?1", -1, &s->old,
	                          NULL) != SQLITE_OK ||
	       sqlite3_prepare_v2(db,
	                          "INSERT INTO owner_changes(batch_id, customer, old_seller, "
	                          "new_seller) VALUES(?1, ?2, ?3, ?4)",
	                          -1, &s->log, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v2(db, "UPDATE customers SET seller_id = ?1 WHERE id = ?2", -1,
	                          &s->set, NULL) != SQLITE_OK;
}

/* Changes one customer's owner (reading the current owner inside the
 * transaction). Returns 1 changed, 0 already so, -1 error. */
static int apply_one(struct apply_st *s, int64_t batch, int64_t cust, const char *to)
{
	sqlite3_reset(s->old);
	sqlite3_bind_int64(s->old, 1, cust);
	if (sqlite3_step(s->old) != SQLITE_ROW)
		return -1;
	const char *cur = (const char *)sqlite3_column_text(s->old, 0);
	if (cur && !strcmp(cur, to))
		return 0;
	sqlite3_reset(s->log);
	sqlite3_bind_int64(s->log, 1, batch);
	sqlite3_bind_int64(s->log, 2, cust);
	if (cur)
		sqlite3_bind_text(s->log, 3, cur, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->log, 3);
	sqlite3_bind_text(s->log, 4, to, -1, SQLITE_STATIC);
	if (sqlite3_step(s->log) != SQLITE_DONE)
		return -1;
	sqlite3_reset(s->set);
	sqlite3_bind_text(s->set, 1, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->set, 2, cust);
	if (sqlite3_step(s->set) != SQLITE_DONE)
		return -1;
	return 1;
}

static int insert_batch(sqlite3 *db, int64_t snapshot, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	char when[32], file[64];
	now_iso(when);
	snprintf(file, sizeof(file), "snapshot %lld", (long long)snapshot);
	int rc = sqlite3_prepare_v2(db,
	                            "INSERT INTO batches(kind, file, rows, created_at) "
	                            "VALUES('plan', ?1, 0, ?2)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, when, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	*id = sqlite3_last_insert_rowid(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int finish_batch(sqlite3 *db, int64_t id, int64_t snapshot, long changed)
{
	sqlite3_stmt *st = NULL;
	char info[96];
	snprintf(info, sizeof(info), "{\"snapshot\":%lld,\"changed\":%ld}", (long long)snapshot,
	         changed);
	int rc = sqlite3_prepare_v2(db, "UPDATE batches SET rows = ?1, info = ?2 WHERE id = ?3", -1,
	                            &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, changed);
		sqlite3_bind_text(st, 2, info, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, id);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

/* The newest applied plan batch that has rows (0 when none). */
static int current_batch(sqlite3 *db, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	*id = 0;
	int rc = sqlite3_prepare_v2(db,
	                            "SELECT max(b.id) FROM batches b WHERE b.kind = 'plan' AND "
	                            "b.undone = 0 AND EXISTS(SELECT 1 FROM plan_rows r WHERE "
	                            "r.batch_id = b.id)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Whether the customer's row in batch `cur` says the same (1), differs (0),
 * or the statement failed (-1). */
static int same_row(sqlite3_stmt *q, int64_t cur, int64_t cust, const char *seller,
                    const struct plan_assign *a)
{
	if (!cur)
		return 0;
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, cur);
	sqlite3_bind_int64(q, 2, cust);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	const char *s = (const char *)sqlite3_column_text(q, 0);
	return s && !strcmp(s, seller) && sqlite3_column_double(q, 1) == a->visits &&
	       sqlite3_column_double(q, 2) == a->calls &&
	       sqlite3_column_double(q, 3) == a->newsletters;
}

static int insert_row(sqlite3_stmt *ins, int64_t batch, int64_t cust, const char *seller,
                      const struct plan_assign *a)
{
	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, batch);
	sqlite3_bind_int64(ins, 2, cust);
	sqlite3_bind_text(ins, 3, seller, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 4, plan_channel_code((enum plan_channel)a->channel), -1,
	                  SQLITE_STATIC);
	sqlite3_bind_double(ins, 5, a->visits);
	sqlite3_bind_double(ins, 6, a->calls);
	sqlite3_bind_double(ins, 7, a->newsletters);
	sqlite3_bind_double(ins, 8, round(a->hours * 1000) / 1000);
	sqlite3_bind_text(ins, 9, plan_reason_code((enum plan_reason)a->reason), -1, SQLITE_STATIC);
	return sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
}

static long count_rows(sqlite3 *db, int64_t batch)
{
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM plan_rows WHERE batch_id = ?1", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, batch);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

int store_plan_apply(sqlite3 *db, const struct plan_inputs *in, const struct plan_result *r,
                     int64_t *batch_id, long *changed, long *stored, char **cause)
{
	struct apply_st s = {0};
	sqlite3_stmt *q = NULL, *ins = NULL;
	int64_t cur = 0;
	long differ = 0, placed = 0;
	*batch_id = 0;
	*changed = *stored = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	if (current_batch(db, &cur) != 0 || insert_batch(db, in->snapshot_id, batch_id) != 0 ||
	    apply_prepare(db, &s) != 0 ||
	    sqlite3_prepare_v2(db,
	                       "SELECT seller_id, visits_per_year, calls_per_year, "
	                       "newsletters_per_year FROM plan_rows WHERE batch_id = ?1 AND "
	                       "customer = ?2",
	                       -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "INSERT INTO plan_rows(batch_id, customer, seller_id, channel, "
	                       "visits_per_year, calls_per_year, newsletters_per_year, hours, "
	                       "reason) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	                       -1, &ins, NULL) != SQLITE_OK)
		goto fail;
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->to < 0)
			continue;
		int64_t cust = in->ds.customers[c].store_id;
		const char *seller = in->ds.sellers[a->to].id;
		int rc = apply_one(&s, *batch_id, cust, seller);
		int same = rc < 0 ? -1 : same_row(q, cur, cust, seller, a);
		if (same < 0 || insert_row(ins, *batch_id, cust, seller, a) != 0)
			goto fail;
		*changed += rc;
		differ += !same;
		placed++;
	}
	apply_st_free(&s);
	memset(&s, 0, sizeof(s));
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	q = ins = NULL;
	if (*changed == 0 && differ == 0 && cur && count_rows(db, cur) == placed) {
		/* The applied plan already says all this: leave no batch behind. */
		db_rollback(db);
		*batch_id = 0;
		return 0;
	}
	*stored = placed;
	if (finish_batch(db, *batch_id, in->snapshot_id, *changed) != 0)
		goto fail;
	if (db_commit(db, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
fail:
	*cause = db_cause(db, "applying the plan");
	apply_st_free(&s);
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	db_rollback(db);
	*batch_id = 0;
	*changed = *stored = 0;
	return -1;
}

int store_plan_undo(sqlite3 *db, int64_t *batch_id, long *restored, long *skipped, char **cause)
{
	sqlite3_stmt *q = NULL, *rows = NULL, *set = NULL;
	*batch_id = 0;
	*restored = *skipped = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(db,
	                       "SELECT id FROM batches WHERE kind = 'plan' AND undone = 0 "
	                       "ORDER BY id DESC LIMIT 1",
	                       -1, &q, NULL) != SQLITE_OK)
		goto fail;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(q);
		db_rollback(db);
		return 1;
	}
	if (rc != SQLITE_ROW)
		goto fail;
	*batch_id = sqlite3_column_int64(q, 0);
	if (sqlite3_prepare_v2(db,
	                       "SELECT customer, old_seller, new_seller FROM owner_changes "
	                       "WHERE batch_id = ?1 ORDER BY rowid DESC",
	                       -1, &rows, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "UPDATE customers SET seller_id = ?1 WHERE id = ?2 AND "
	                       "seller_id IS ?3",
	                       -1, &set, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(rows, 1, *batch_id);
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		sqlite3_reset(set);
		sqlite3_bind_value(set, 1, sqlite3_column_value(rows, 1));
		sqlite3_bind_int64(set, 2, sqlite3_column_int64(rows, 0));
		sqlite3_bind_value(set, 3, sqlite3_column_value(rows, 2));
		if (sqlite3_step(set) != SQLITE_DONE)
			goto fail;
		if (sqlite3_changes(db) > 0)
			(*restored)++;
		else
			(*skipped)++;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(q);
	sqlite3_finalize(rows);
	sqlite3_finalize(set);
	q = rows = set = NULL;
	char sql[96];
	snprintf(sql, sizeof(sql), "UPDATE batches SET undone = 1 WHERE id = %lld",
	         (long long)*batch_id);
	if (db_exec(db, sql, cause) != 0 || db_commit(db, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
fail:
	*cause = db_cause(db, "undoing the plan");
	sqlite3_finalize(q);
	sqlite3_finalize(rows);
	sqlite3_finalize(set);
	db_rollback(db);
	return -1;
}

/* --- the applied plan -------------------------------------------------------- */

int store_plan_applied(sqlite3 *db, int64_t *batch_id, struct plan_row **rows, size_t *n,
                       char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	if (current_batch(db, batch_id) != 0)
		goto fail;
	if (!*batch_id)
		return 0;
	if (sqlite3_prepare_v2(db,
	                       "SELECT c.customer_id, r.seller_id, r.channel, r.visits_per_year, "
	                       "r.calls_per_year, r.newsletters_per_year, r.hours, r.reason, c.id "
	                       "FROM plan_rows r JOIN customers c ON c.id = r.customer "
	                       "WHERE r.batch_id = ?1 ORDER BY c.id",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, *batch_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xreallocarray(*rows, cap = cap ? 2 * cap : 256, sizeof(**rows));
		struct plan_row *w = &(*rows)[(*n)++];
		memset(w, 0, sizeof(*w));
		w->customer_id = xstrdup((const char *)sqlite3_column_text(st, 0));
		w->seller_id = xstrdup((const char *)sqlite3_column_text(st, 1));
		plan_channel_parse((const char *)sqlite3_column_text(st, 2), &w->channel);
		w->visits = sqlite3_column_double(st, 3);
		w->calls = sqlite3_column_double(st, 4);
		w->newsletters = sqlite3_column_double(st, 5);
		w->hours = sqlite3_column_double(st, 6);
		plan_reason_parse((const char *)sqlite3_column_text(st, 7), &w->reason);
		w->store_id = sqlite3_column_int64(st, 8);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return 0;
fail:
	*cause = db_cause(db, "reading the applied plan");
	sqlite3_finalize(st);
	store_plan_rows_free(*rows, *n);
	*rows = NULL;
	*n = 0;
	return -1;
}

void store_plan_rows_free(struct plan_row *rows, size_t n)
{
	for (size_t i = 0; i < n && rows; i++) {
		free(rows[i].customer_id);
		free(rows[i].seller_id);
	}
	free(rows);
}

/* --- pins -------------------------------------------------------------------- */

static int one_id(sqlite3 *db, const char *sql, const char *key, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	*id = 0;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

int store_plan_pin(sqlite3 *db, const char *customer_id, const char *seller_id, double visits,
                   double calls, char **cause)
{
	int64_t cust, seller;
	if (one_id(db, "SELECT id FROM customers WHERE customer_id = ?1", customer_id, &cust) !=
	        0 ||
	    one_id(db, "SELECT id FROM sellers WHERE seller_id = ?1", seller_id, &seller) != 0) {
		*cause = db_cause(db, "pinning");
		return -1;
	}
	if (!cust)
		return 1;
	if (!seller)
		return 2;
	sqlite3_stmt *st = NULL;
	char when[32];
	now_iso(when);
	int rc = sqlite3_prepare_v2(db,
	                            "INSERT OR REPLACE INTO plan_pins(customer, seller_id, visits, "
	                            "calls, created_at) VALUES(?1, ?2, ?3, ?4, ?5)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, cust);
		sqlite3_bind_text(st, 2, seller_id, -1, SQLITE_STATIC);
		if (visits >= 0)
			sqlite3_bind_double(st, 3, visits);
		else
			sqlite3_bind_null(st, 3);
		if (calls >= 0)
			sqlite3_bind_double(st, 4, calls);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_text(st, 5, when, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*cause = db_cause(db, "pinning");
		return -1;
	}
	return 0;
}

int store_plan_unpin(sqlite3 *db, const char *customer_id, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db,
	                            "DELETE FROM plan_pins WHERE customer = (SELECT id FROM "
	                            "customers WHERE customer_id = ?1)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, customer_id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*cause = db_cause(db, "removing the pin");
		return -1;
	}
	return sqlite3_changes(db) > 0 ? 0 : 1;
}

int store_plan_pins(sqlite3 *db, struct plan_pin_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	int rc = sqlite3_prepare_v2(db,
	                            "SELECT c.customer_id, c.name, p.seller_id, p.visits, p.calls "
	                            "FROM plan_pins p JOIN customers c ON c.id = p.customer "
	                            "ORDER BY c.customer_id",
	                            -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*rows = xreallocarray(*rows, cap = cap ? 2 * cap : 16, sizeof(**rows));
		struct plan_pin_row *w = &(*rows)[(*n)++];
		const char *name = (const char *)sqlite3_column_text(st, 1);
		w->customer_id = xstrdup((const char *)sqlite3_column_text(st, 0));
		w->name = name ? xstrdup(name) : NULL;
		w->seller_id = xstrdup((const char *)sqlite3_column_text(st, 2));
		w->visits =
		    sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 3);
		w->calls =
		    sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 4);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading the pins");
		store_plan_pin_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void store_plan_pin_rows_free(struct plan_pin_row *rows, size_t n)
{
	for (size_t i = 0; i < n && rows; i++) {
		free(rows[i].customer_id);
		free(rows[i].name);
		free(rows[i].seller_id);
	}
	free(rows);
}
