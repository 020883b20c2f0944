/* testutil.h — what every cmocka unit test includes (cmocka needs these
 * system headers first), plus small helpers for temporary files and
 * SQLite queries. */
#ifndef FOKUS_TESTUTIL_H
#define FOKUS_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

/* The folder for temporary files: $TMPDIR, which tests/run-unit makes
 * fresh for each test binary and removes afterwards, pass or fail (so
 * nothing is left in /tmp); /tmp when run by hand. */
static inline const char *tu_tmp(void)
{
	const char *d = getenv("TMPDIR");
	return d && *d ? d : "/tmp";
}

/* Writes len bytes to a fresh temporary file in tu_tmp() and returns its
 * path (static storage, overwritten by the next call); the caller may
 * unlink it, the folder goes with the test run. */
static inline const char *tu_tmpfile(const char *suffix, const void *data, size_t len)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/fokus-unit-%ld-XXXXXX%s", tu_tmp(), (long)getpid(),
		 suffix ? suffix : "");
	int fd = mkstemps(path, suffix ? (int)strlen(suffix) : 0);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

/* The integer in the first column of the first row of a query (a count, a
 * pragma's value); the query must return a row. */
static inline long long tu_count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
#endif
