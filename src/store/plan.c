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

/* in->potential from the snapshot's rows (customers are in store_id order). */
static int load_potentials(sqlite3 *db, struct plan_inputs *in, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t n = in->ds.ncustomers;
	in->potential = xmalloc((n ? n : 1) * sizeof(int64_t));
	for (size_t i = 0; i < n; i++)
		in->potential[i] = -1;
	if (sqlite3_prepare_v2(db,
	                       "SELECT customer, potential FROM snapshot_customers "
	                       "WHERE snapshot_id = ?1 AND potential IS NOT NULL",
	                       -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the snapshot");
		return -1;
	}
	sqlite3_bind_int64(st, 1, in->snapshot_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int32_t c = dataset_customer_by_store_id(&in->ds, id);
		if (c >= 0)
			in->potential[c] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading the snapshot");
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
			*cause =
			    xasprintf("there is no snapshot %lld ('fokus history' lists them)",
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
	    load_potentials(db, in, cause) != 0) {
		plan_inputs_free(in);
		return -1;
	}
	return 0;
}

static void now_iso(char buf[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
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

int store_plan_apply(sqlite3 *db, const struct plan_inputs *in, const struct plan_result *r,
                     int64_t *batch_id, long *changed, char **cause)
{
	struct apply_st s = {0};
	*batch_id = 0;
	*changed = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	if (insert_batch(db, in->snapshot_id, batch_id) != 0 || apply_prepare(db, &s) != 0)
		goto fail;
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->to < 0)
			continue;
		int rc = apply_one(&s, *batch_id, in->ds.customers[c].store_id,
		                   in->ds.sellers[a->to].id);
		if (rc < 0)
			goto fail;
		*changed += rc;
	}
	apply_st_free(&s);
	memset(&s, 0, sizeof(s));
	if (*changed == 0) {
		/* Nothing to record: leave no empty batch behind. */
		db_rollback(db);
		*batch_id = 0;
		return 0;
	}
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
	db_rollback(db);
	*batch_id = 0;
	*changed = 0;
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
