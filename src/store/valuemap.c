/* store/valuemap.c — the value_map table (schema 4, db.c): one row per
 * field and folded value, with the value as written and the target code
 * as text ("visit", "farmer"), so the table reads well on its own. */
#include "store/valuemap.h"
#include "core/dataset.h"
#include "store/db.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char *code_text(enum vocab_field f, int code)
{
	return f == VOCAB_TYPE ? activity_type_code((enum activity_type)code)
	                       : role_code((enum role)code);
}

int store_valuemap_load(sqlite3 *db, struct vocab_map **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db,
	                       "SELECT field, value, target FROM value_map ORDER BY field, value",
	                       -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "workspace");
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum vocab_field f;
		const char *field = (const char *)sqlite3_column_text(st, 0);
		const char *target = (const char *)sqlite3_column_text(st, 2);
		int code;
		if (!field || !target || vocab_field_parse(field, &f) != 0 ||
		    (code = vocab_target(f, target)) < 0)
			continue; /* a row this fokus does not know: left alone */
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[(*n)++] =
		    (struct vocab_map){f, xstrdup((const char *)sqlite3_column_text(st, 1)), code};
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_valuemap_free(*out, *n);
		*out = NULL;
		*n = 0;
		*cause = db_cause(db, "workspace");
		return -1;
	}
	return 0;
}

void store_valuemap_free(struct vocab_map *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)m[i].folded);
	free(m);
}

int store_valuemap_put(sqlite3 *db, enum vocab_field f, const char *written, int code, char **cause)
{
	char folded[128];
	vocab_fold(written, strlen(written), folded, sizeof(folded));
	sqlite3_stmt *st = NULL;
	const char *sql = code < 0 ? "DELETE FROM value_map WHERE field = ?1 AND value = ?2"
	                           : "INSERT INTO value_map(field, value, written, target) "
	                             "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(field, value) DO UPDATE "
	                             "SET written = excluded.written, target = excluded.target";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "workspace");
		return -1;
	}
	sqlite3_bind_text(st, 1, vocab_field_name(f), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, folded, -1, SQLITE_STATIC);
	if (code >= 0) {
		sqlite3_bind_text(st, 3, written, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, code_text(f, code), -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(db, "saving the value map");
		return -1;
	}
	return 0;
}
