/* snapshot.c — categorization snapshots in the workspace: the newest run,
 * whether a run exists, the final category of each customer in a run.
 * Customers are matched to the in-memory dataset by customers.id
 * (struct customer.store_id). */
#include "store/snapshot.h"
#include "store/db.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

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
	for (size_t i = 0; i < ds->ncustomers; i++) {
		ix[i].store_id = ds->customers[i].store_id;
		ix[i].idx = (int32_t)i;
	}
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
