/* store/policy.c — loading and saving the contact policy table (the schema
 * seeds it with the method's defaults; `fokus policy set` rewrites it), the
 * manager's response judgement (table response) and the weight of a call
 * in the response (settings 'response.phone_weight'). */
#include "store/policy.h"
#include "store/db.h"
#include "util/xmalloc.h"
#include "util/isotime.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *const load_sql =
    "SELECT category, role, visit_per_year, visit_min, phone_per_year, phone_min,"
    " newsletter_per_year, newsletter_min, visit_max, phone_max FROM policy";

static int load_row(sqlite3_stmt *st, struct policy *p, char **cause)
{
	const char *code = (const char *)sqlite3_column_text(st, 0);
	const char *role = (const char *)sqlite3_column_text(st, 1);
	enum category c;
	enum role r;
	if (!code || category_parse(code, &c) != 0) {
		*cause =
		    xasprintf("the policy table has an unknown category '%s'", code ? code : "");
		return -1;
	}
	if (!role || role_parse(role, &r) != 0) {
		*cause = xasprintf("the policy of category %s has an unknown role '%s'", code,
		                   role ? role : "");
		return -1;
	}
	struct policy_row row = {.role = r};
	struct policy def;
	policy_default(&def);
	for (int ch = 0; ch < CH_COUNT; ch++) {
		int col = ch == CH_VISIT ? 8 : ch == CH_PHONE ? 9 : -1;
		row.max[ch] = col >= 0 && sqlite3_column_type(st, col) != SQLITE_NULL
		                  ? sqlite3_column_double(st, col)
		                  : def.cat[c].max[ch];
		if (row.max[ch] < 0) {
			*cause =
			    xasprintf("the policy of category %s has a negative maximum", code);
			return -1;
		}
		row.per_year[ch] = sqlite3_column_double(st, 2 + 2 * ch);
		row.minutes[ch] = sqlite3_column_double(st, 3 + 2 * ch);
		if (row.per_year[ch] < 0 || row.minutes[ch] < 0) {
			*cause = xasprintf("the policy of category %s has a negative number", code);
			return -1;
		}
	}
	p->cat[c] = row;
	return 0;
}

int store_policy_load(sqlite3 *db, struct policy *p, char **cause)
{
	sqlite3_stmt *st = NULL;
	int ret = -1, rc;
	policy_default(p);
	if (sqlite3_prepare_v2(db, load_sql, -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the policy");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (load_row(st, p, cause) != 0)
			goto out;
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "reading the policy");
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}

static const char *const save_sql =
    "INSERT OR REPLACE INTO policy(category, role, visit_per_year, visit_min,"
    " phone_per_year, phone_min, newsletter_per_year, newsletter_min, visit_max, phone_max)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

int store_policy_save(sqlite3 *db, const struct policy *p, char **cause)
{
	sqlite3_stmt *st = NULL;
	for (int c = 0; c < CAT_COUNT; c++) {
		if (p->cat[c].role <= ROLE_NONE || p->cat[c].role >= ROLE_COUNT) {
			*cause = xasprintf("the policy of category %s has no role",
			                   category_code((enum category)c));
			return -1;
		}
	}
	if (db_begin(db, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(db, save_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct policy_row *r = &p->cat[c];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, category_code((enum category)c), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, role_code(r->role), -1, SQLITE_STATIC);
		for (int ch = 0; ch < CH_COUNT; ch++) {
			sqlite3_bind_double(st, 3 + 2 * ch, r->per_year[ch]);
			sqlite3_bind_double(st, 4 + 2 * ch, r->minutes[ch]);
		}
		sqlite3_bind_double(st, 9, r->max[CH_VISIT]);
		sqlite3_bind_double(st, 10, r->max[CH_PHONE]);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (db_commit(db, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
fail:
	*cause = db_cause(db, "saving the policy");
	sqlite3_finalize(st);
	db_rollback(db);
	return -1;
}

/* --- the response judgement ------------------------------------------------ */

int store_response_load(sqlite3 *db, bool judged[CAT_COUNT], struct response_points pts[CAT_COUNT],
                        double *phone_weight, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;
	for (int k = 0; k < CAT_COUNT; k++)
		judged[k] = false;
	*phone_weight = RESPONSE_PHONE_WEIGHT;
	if (sqlite3_prepare_v2(db,
	                       "SELECT category, no_visits, half, more, saturation FROM response",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum category c;
		const char *code = (const char *)sqlite3_column_text(st, 0);
		if (!code || category_parse(code, &c) != 0)
			continue;
		judged[c] = true;
		pts[c] = (struct response_points){
		    sqlite3_column_double(st, 1), sqlite3_column_double(st, 2),
		    sqlite3_column_double(st, 3), sqlite3_column_double(st, 4)};
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = 'response.phone_weight'",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		char *end;
		double w = v ? strtod(v, &end) : -1;
		if (v && end != v && w >= 0 && w <= 1)
			*phone_weight = w;
	} else if (rc != SQLITE_DONE) {
		goto fail;
	}
	sqlite3_finalize(st);
	return 0;
fail:
	*cause = db_cause(db, "reading the response judgement");
	sqlite3_finalize(st);
	return -1;
}

int store_response_set(sqlite3 *db, enum category cat, const struct response_points *p,
                       char **cause)
{
	sqlite3_stmt *st = NULL;
	char when[21];
	isotime_utc(time(NULL), when);
	int rc = sqlite3_prepare_v2(db,
	                            "INSERT OR REPLACE INTO response(category, no_visits, half, "
	                            "more, saturation, set_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, category_code(cat), -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 2, p->none);
		sqlite3_bind_double(st, 3, p->half);
		sqlite3_bind_double(st, 4, p->more);
		sqlite3_bind_double(st, 5, p->saturation);
		sqlite3_bind_text(st, 6, when, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*cause = db_cause(db, "saving the response judgement");
		return -1;
	}
	return 0;
}

int store_response_reset(sqlite3 *db, int cat, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    db, cat < 0 ? "DELETE FROM response" : "DELETE FROM response WHERE category = ?1", -1,
	    &st, NULL);
	if (rc == SQLITE_OK) {
		if (cat >= 0)
			sqlite3_bind_text(st, 1, category_code((enum category)cat), -1,
			                  SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*cause = db_cause(db, "resetting the response judgement");
		return -1;
	}
	return 0;
}

int store_phone_weight_set(sqlite3 *db, double w, char **cause)
{
	sqlite3_stmt *st = NULL;
	char v[32];
	snprintf(v, sizeof(v), "%.6g", w);
	int rc = sqlite3_prepare_v2(db,
	                            "INSERT OR REPLACE INTO settings(key, value) "
	                            "VALUES('response.phone_weight', ?1)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*cause = db_cause(db, "saving the weight of a call");
		return -1;
	}
	return 0;
}
