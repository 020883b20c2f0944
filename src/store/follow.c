/* follow.c — batches, activities and logged actions written by fokus
 * itself (follow.h). The "My day" actions share one batch of kind
 * 'logged' (made on first use), so `fokus status` shows one line for them. */
#include "store/follow.h"
#include "store/db.h"
#include "util/days.h"
#include "util/isotime.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define LOGGED_KIND "logged"
#define LOGGED_FILE "My day (dashboard)"

int follow_batch_new(sqlite3 *db, const char *kind, const char *file, int64_t *id, char **cause)
{
	sqlite3_stmt *st = NULL;
	char when[21];
	int rc = -1;
	isotime_utc(time(NULL), when);
	if (sqlite3_prepare_v2(
	        db, "INSERT INTO batches(kind, file, rows, created_at) VALUES (?1, ?2, 0, ?3)", -1,
	        &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, when, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE) {
			*id = sqlite3_last_insert_rowid(db);
			rc = 0;
		}
	}
	sqlite3_finalize(st);
	if (rc != 0)
		*cause = db_cause(db, "writing a batch");
	return rc;
}

int follow_activity_add(sqlite3 *db, int64_t batch, const struct follow_activity *a, char **cause)
{
	sqlite3_stmt *st = NULL, *up = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO activities(batch_id, customer, seller_id, day, minute, "
	                       "type, duration_min) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	                       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "UPDATE batches SET rows = rows + 1 WHERE id = ?1", -1, &up,
	                       NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, batch);
	sqlite3_bind_int64(st, 2, a->customer);
	if (a->seller_id)
		sqlite3_bind_text(st, 3, a->seller_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, a->day);
	if (a->minute >= 0)
		sqlite3_bind_int(st, 5, a->minute);
	sqlite3_bind_text(st, 6, a->type, -1, SQLITE_STATIC);
	if (a->duration_min >= 0)
		sqlite3_bind_double(st, 7, a->duration_min);
	sqlite3_bind_int64(up, 1, batch);
	if (sqlite3_step(st) == SQLITE_DONE && sqlite3_step(up) == SQLITE_DONE)
		rc = 0;
out:
	if (rc != 0)
		*cause = db_cause(db, "logging an activity");
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	return rc;
}

/* One-value query with an optional text parameter: 0 with *v (1 when no
 * row: *v untouched), -1 on error. */
static int one_int(sqlite3 *db, const char *sql, const char *arg, int64_t *v)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (arg)
			sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			*v = sqlite3_column_int64(st, 0);
			rc = 0;
		} else if (s == SQLITE_DONE) {
			rc = 1;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

static int logged_batch(sqlite3 *db, int64_t *id, char **cause)
{
	int r =
	    one_int(db, "SELECT id FROM batches WHERE kind = '" LOGGED_KIND "' ORDER BY id LIMIT 1",
	            NULL, id);
	if (r < 0) {
		*cause = db_cause(db, "reading the batches");
		return -1;
	}
	return r == 0 ? 0 : follow_batch_new(db, LOGGED_KIND, LOGGED_FILE, id, cause);
}

static int insert_action(sqlite3 *db, const struct follow_action *a, int64_t customer, char **cause)
{
	sqlite3_stmt *st = NULL;
	char when[21];
	int rc = -1;
	isotime_utc(time(NULL), when);
	if (sqlite3_prepare_v2(
	        db,
	        "INSERT INTO logged_actions(action_id, user_name, seller_id, customer, "
	        "kind, day, minute, duration_min, outcome, note, created_at) VALUES "
	        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	        -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, a->action_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, a->user_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, a->seller_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, customer);
		sqlite3_bind_text(st, 5, a->kind, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, a->day);
		if (a->minute >= 0)
			sqlite3_bind_int(st, 7, a->minute);
		if (a->duration_min >= 0)
			sqlite3_bind_double(st, 8, a->duration_min);
		sqlite3_bind_text(st, 9, a->outcome, -1, SQLITE_STATIC);
		if (a->note && *a->note)
			sqlite3_bind_text(st, 10, a->note, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, when, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	sqlite3_finalize(st);
	if (rc != 0)
		*cause = db_cause(db, "logging an action");
	return rc;
}

int follow_log_action(sqlite3 *db, const struct follow_action *a, char **cause)
{
	int64_t customer = 0, seen = 0, batch = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	int r =
	    one_int(db, "SELECT 1 FROM logged_actions WHERE action_id = ?1", a->action_id, &seen);
	if (r == 0) {
		db_rollback(db);
		return FOLLOW_DUPLICATE;
	}
	if (r < 0)
		goto fail_db;
	r = one_int(db, "SELECT id FROM customers WHERE customer_id = ?1", a->customer_id,
	            &customer);
	if (r == 1) {
		db_rollback(db);
		return FOLLOW_NO_CUSTOMER;
	}
	if (r < 0)
		goto fail_db;
	if (logged_batch(db, &batch, cause) != 0 || insert_action(db, a, customer, cause) != 0)
		goto fail;
	struct follow_activity act = {.customer = customer,
	                              .seller_id = a->seller_id,
	                              .day = a->day,
	                              .minute = a->minute,
	                              .type = strcmp(a->kind, "visit") ? "phone" : "visit",
	                              .duration_min = a->duration_min};
	if (follow_activity_add(db, batch, &act, cause) != 0)
		goto fail;
	if (!strcmp(a->outcome, "meeting_booked")) {
		act.type = "meeting_booked";
		act.duration_min = -1;
		if (follow_activity_add(db, batch, &act, cause) != 0)
			goto fail;
	}
	if (db_commit(db, cause) != 0)
		goto fail;
	return FOLLOW_LOGGED;
fail_db:
	*cause = db_cause(db, "logging an action");
fail:
	db_rollback(db);
	return -1;
}

static void action_row(sqlite3_stmt *st, void *elem)
{
	struct follow_action *a = elem;
	a->action_id = db_col_dup(st, 0);
	a->user_name = db_col_dup(st, 1);
	a->seller_id = db_col_dup(st, 2);
	a->customer_id = db_col_dup(st, 3);
	a->customer_name = db_col_dup(st, 4);
	a->kind = db_col_dup(st, 5);
	a->outcome = db_col_dup(st, 6);
	a->note = db_col_dup(st, 7);
	a->day = sqlite3_column_int(st, 8);
	a->minute = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9);
	a->duration_min =
	    sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 10);
}

static void actions_release(void *v, size_t n)
{
	follow_actions_free(v, n);
}

int follow_actions_of_day(sqlite3 *db, const char *seller_id, int32_t day,
                          struct follow_action **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	void *v;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT a.action_id, a.user_name, a.seller_id, c.customer_id, c.name, "
	        "a.kind, a.outcome, a.note, a.day, a.minute, a.duration_min "
	        "FROM logged_actions a JOIN customers c ON c.id = a.customer "
	        "WHERE a.seller_id = ?1 AND a.day = ?2 ORDER BY a.minute, a.rowid",
	        -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the logged actions");
		return -1;
	}
	sqlite3_bind_text(st, 1, seller_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, day);
	if (db_collect(db, st, sizeof(**out), action_row, &v, n, actions_release,
	               "reading the logged actions", cause) != 0)
		return -1;
	*out = v;
	return 0;
}

void follow_actions_free(struct follow_action *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].action_id);
		free(v[i].user_name);
		free(v[i].seller_id);
		free(v[i].customer_id);
		free(v[i].customer_name);
		free(v[i].kind);
		free(v[i].outcome);
		free(v[i].note);
	}
	free(v);
}

int follow_seller_exists(sqlite3 *db, const char *seller_id, char **cause)
{
	int64_t one = 0;
	int r = one_int(db, "SELECT 1 FROM sellers WHERE seller_id = ?1", seller_id, &one);
	if (r < 0)
		*cause = db_cause(db, "reading the sellers");
	return r < 0 ? -1 : r == 0;
}

int follow_plan_applied_day(sqlite3 *db, int32_t *day, char **cause)
{
	sqlite3_stmt *st = NULL;
	*day = DAYS_NONE;
	if (sqlite3_prepare_v2(db,
	                       "SELECT created_at FROM batches WHERE kind = 'plan' AND undone = 0 "
	                       "ORDER BY id DESC LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the batches");
		return -1;
	}
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*day = isotime_day((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		*cause = db_cause(db, "reading the batches");
		return -1;
	}
	return 0;
}
