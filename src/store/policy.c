/* store/policy.c — loading and saving the contact policy table. The schema
 * seeds it with the method's defaults; `fokus policy set` rewrites it. */
#include "store/policy.h"
#include "store/db.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdlib.h>

static const char *const load_sql =
    "SELECT category, role, visit_per_year, visit_min, phone_per_year, phone_min,"
    " newsletter_per_year, newsletter_min FROM policy";

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
	for (int ch = 0; ch < CH_COUNT; ch++) {
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
    " phone_per_year, phone_min, newsletter_per_year, newsletter_min)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

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
