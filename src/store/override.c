/* override.c — categories pinned by hand: set, remove, list, and load them
 * per customer of a dataset for the next categorization run. One row per
 * customer (the overrides table's primary key); a new pin replaces the old.
 * Setting or removing a pin also updates the customer's row in the newest
 * snapshot (final category and override reason; the computed category and
 * the numbers stay), in the same transaction, so reports show it at once —
 * as the web dashboard's override does. */
#include "store/override.h"
#include "store/db.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "util/isotime.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* customers.id of an external customer id: 0 found, 1 none, -1 error. */
static int customer_rowid(sqlite3 *db, const char *customer_id, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	int ret = -1;
	if (sqlite3_prepare_v2(db, "SELECT id FROM customers WHERE customer_id = ?", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, customer_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		ret = 0;
	} else if (rc == SQLITE_DONE) {
		ret = 1;
	}
	sqlite3_finalize(st);
	return ret;
}

/* Applies (cat >= 0) or lifts (cat < 0) a pin on customer `id` in the
 * newest snapshot. 0 or -1 (the caller reports db_cause). */
static int apply_latest(sqlite3 *db, int64_t id, int cat, const char *reason)
{
	sqlite3_stmt *st = NULL;
	const char *sql =
	    cat >= 0 ? "UPDATE snapshot_customers SET category = ?2, override_reason = ?3 "
	               "WHERE snapshot_id = (SELECT max(id) FROM snapshots) AND customer = ?1"
	             : "UPDATE snapshot_customers SET category = computed_category, "
	               "override_reason = NULL WHERE snapshot_id = (SELECT max(id) FROM "
	               "snapshots) AND customer = ?1";
	int ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_int64(st, 1, id);
		if (cat >= 0) {
			sqlite3_bind_text(st, 2, category_code((enum category)cat), -1,
			                  SQLITE_STATIC);
			sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
		}
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

int store_override_set(sqlite3 *db, const char *customer_id, enum category cat, const char *reason,
                       int32_t until, const char *by, char **cause)
{
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	int r = customer_rowid(db, customer_id, &id);
	if (r != 0) {
		if (r < 0)
			*cause = db_cause(db, "reading the customers");
		db_rollback(db);
		return r;
	}
	char created[21];
	isotime_utc(time(NULL), created);
	int ret = -1;
	if (sqlite3_prepare_v2(db,
	                       "INSERT OR REPLACE INTO overrides(customer, category, reason, "
	                       "until_day, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, category_code(cat), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
		if (until == DAYS_NONE)
			sqlite3_bind_null(st, 4);
		else
			sqlite3_bind_int(st, 4, until);
		sqlite3_bind_text(st, 5, created, -1, SQLITE_STATIC);
		if (by)
			sqlite3_bind_text(st, 6, by, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 6);
		if (sqlite3_step(st) == SQLITE_DONE && apply_latest(db, id, (int)cat, reason) == 0)
			ret = 0;
	}
	if (ret < 0)
		*cause = db_cause(db, "saving the override");
	sqlite3_finalize(st);
	if (ret == 0 && db_commit(db, cause) != 0)
		ret = -1;
	if (ret < 0)
		db_rollback(db);
	return ret;
}

int store_override_remove(sqlite3 *db, const char *customer_id, char **cause)
{
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	int ret = customer_rowid(db, customer_id, &id);
	if (ret == 0) {
		ret = -1;
		if (sqlite3_prepare_v2(db, "DELETE FROM overrides WHERE customer = ?", -1, &st,
		                       NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_DONE)
				ret = sqlite3_changes(db) > 0 ? 0 : 1;
		}
		if (ret == 0 && apply_latest(db, id, -1, NULL) != 0)
			ret = -1;
	}
	if (ret < 0)
		*cause = db_cause(db, "removing the override");
	sqlite3_finalize(st);
	if (ret == 0 && db_commit(db, cause) != 0)
		ret = -1;
	if (ret != 0)
		db_rollback(db);
	return ret;
}

int store_override_list(sqlite3 *db, struct override_item **items, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int ret = -1, rc;
	*items = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT c.customer_id, c.name, o.category, o.reason, o.until_day, "
	        "o.created_at, o.created_by FROM overrides o JOIN customers c ON c.id "
	        "= o.customer ORDER BY c.customer_id",
	        -1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*items = xreallocarray(*items, cap, sizeof(**items));
		}
		struct override_item *it = &(*items)[(*n)++];
		it->customer_id = db_col_dup(st, 0);
		it->name = db_col_dup(st, 1);
		enum category c = CAT_3;
		const char *code = (const char *)sqlite3_column_text(st, 2);
		if (code)
			category_parse(code, &c);
		it->category = c;
		it->reason = db_col_dup(st, 3);
		it->until = sqlite3_column_type(st, 4) == SQLITE_NULL ? DAYS_NONE
		                                                      : sqlite3_column_int(st, 4);
		it->created_at = db_col_dup(st, 5);
		it->created_by = db_col_dup(st, 6);
	}
	if (rc == SQLITE_DONE)
		ret = 0;
out:
	if (ret < 0) {
		*cause = db_cause(db, "reading the overrides");
		store_override_items_free(*items, *n);
		*items = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

void store_override_items_free(struct override_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].customer_id);
		free(items[i].name);
		free(items[i].reason);
		free(items[i].created_at);
		free(items[i].created_by);
	}
	free(items);
}

int store_override_load(sqlite3 *db, const struct dataset *ds, struct cat_override *ov,
                        char **cause)
{
	sqlite3_stmt *st = NULL;
	int ret = -1, rc;
	for (size_t i = 0; i < ds->ncustomers; i++) {
		ov[i].category = CAT_NONE;
		ov[i].until = DAYS_NONE;
		ov[i].reason = NULL;
	}
	if (sqlite3_prepare_v2(db, "SELECT customer, category, reason, until_day FROM overrides",
	                       -1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t i = dataset_customer_by_store_id(ds, sqlite3_column_int64(st, 0));
		enum category c;
		const char *code = (const char *)sqlite3_column_text(st, 1);
		if (i < 0 || !code || category_parse(code, &c) != 0)
			continue;
		ov[i].category = (int8_t)c;
		ov[i].reason = db_col_dup(st, 2);
		if (!ov[i].reason)
			ov[i].reason = xstrdup("");
		ov[i].until = sqlite3_column_type(st, 3) == SQLITE_NULL ? DAYS_NONE
		                                                        : sqlite3_column_int(st, 3);
	}
	if (rc == SQLITE_DONE)
		ret = 0;
out:
	if (ret < 0)
		*cause = db_cause(db, "reading the overrides");
	sqlite3_finalize(st);
	return ret;
}

void store_override_release(struct cat_override *ov, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)ov[i].reason);
		ov[i].reason = NULL;
	}
}
