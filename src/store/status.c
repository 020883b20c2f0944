/* store/status.c — counts, date ranges and the import batches. */
#include "store/status.h"
#include "store/db.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int one_row(sqlite3 *db, const char *sql, long long *a, long long *b, long long *c,
                   int nulls_as_none)
{
	sqlite3_stmt *st = NULL;
	long long *out[3] = {a, b, c};
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < 3; i++) {
			if (!out[i])
				continue;
			if (sqlite3_column_type(st, i) == SQLITE_NULL)
				*out[i] = nulls_as_none ? DAYS_NONE : 0;
			else
				*out[i] = sqlite3_column_int64(st, i);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_status(sqlite3 *db, struct store_status *st, char **cause)
{
	memset(st, 0, sizeof(*st));
	long long dmin, dmax, amin, amax, total;
	sqlite3_stmt *q = NULL;
	if (db_exec(db, "BEGIN", cause) != 0)
		return -1;
	/* Order lines are counted and summed from the block columns: nothing
	 * is decoded. */
	if (one_row(db,
	            "SELECT (SELECT count(*) FROM customers), "
	            "(SELECT ifnull(sum(lines), 0) FROM order_blocks), "
	            "(SELECT count(*) FROM activities)",
	            &st->customers, &st->orders, &st->activities, 0) ||
	    one_row(db,
	            "SELECT (SELECT count(*) FROM sellers), (SELECT count(*) FROM snapshots), NULL",
	            &st->sellers, &st->snapshots, NULL, 0) ||
	    one_row(db, "SELECT sum(amount), min(day_min), max(day_max) FROM order_blocks", &total,
	            &dmin, &dmax, 1) ||
	    one_row(db, "SELECT min(day), max(day), NULL FROM activities", &amin, &amax, NULL, 1))
		goto fail;
	st->order_amount_total = total == DAYS_NONE ? 0 : total;
	st->order_date_min = (int32_t)dmin;
	st->order_date_max = (int32_t)dmax;
	st->activity_date_min = (int32_t)amin;
	st->activity_date_max = (int32_t)amax;
	if (sqlite3_prepare_v2(db,
	                       "SELECT id, kind, file, rows, created_at, replaced FROM batches "
	                       "ORDER BY id",
	                       -1, &q, NULL) != SQLITE_OK)
		goto fail;
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (st->nbatches == cap) {
			cap = cap ? cap * 2 : 16;
			st->batches = xreallocarray(st->batches, (size_t)cap, sizeof(*st->batches));
		}
		struct status_batch *b = &st->batches[st->nbatches++];
		memset(b, 0, sizeof(*b));
		b->id = sqlite3_column_int64(q, 0);
		snprintf(b->kind, sizeof(b->kind), "%s", (const char *)sqlite3_column_text(q, 1));
		b->file = xstrdup((const char *)sqlite3_column_text(q, 2));
		b->rows = sqlite3_column_int64(q, 3);
		snprintf(b->created_at, sizeof(b->created_at), "%s",
		         (const char *)sqlite3_column_text(q, 4));
		b->replaced = sqlite3_column_int(q, 5);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		goto fail;
	db_exec(db, "COMMIT", NULL);
	return 0;
fail:
	*cause = db_cause(db, "reading the workspace");
	db_exec(db, "ROLLBACK", NULL);
	store_status_free(st);
	return -1;
}

void store_status_free(struct store_status *st)
{
	for (int i = 0; i < st->nbatches; i++)
		free(st->batches[i].file);
	free(st->batches);
	st->batches = NULL;
	st->nbatches = 0;
}
