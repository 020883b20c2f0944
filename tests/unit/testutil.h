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

/* The temporary files tu_tmpfile made, removed at exit. */
static char **tu_tmpfiles;
static size_t tu_ntmpfiles;

static inline void tu_tmpfiles_remove(void)
{
	for (size_t i = 0; i < tu_ntmpfiles; i++) {
		unlink(tu_tmpfiles[i]);
		free(tu_tmpfiles[i]);
	}
	free(tu_tmpfiles);
	tu_tmpfiles = NULL;
	tu_ntmpfiles = 0;
}

/* Writes len bytes to a fresh temporary file and returns its path (static
 * storage, overwritten by the next call; the file is removed at exit). */
static inline const char *tu_tmpfile(const char *suffix, const void *data, size_t len)
{
	static char path[256];
	snprintf(path, sizeof(path), "/tmp/fokus-unit-%ld-XXXXXX%s", (long)getpid(),
		 suffix ? suffix : "");
	int fd = mkstemps(path, suffix ? (int)strlen(suffix) : 0);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	if (!tu_ntmpfiles)
		atexit(tu_tmpfiles_remove);
	char **grown = realloc(tu_tmpfiles, (tu_ntmpfiles + 1) * sizeof(*grown));
	assert_non_null(grown);
	tu_tmpfiles = grown;
	tu_tmpfiles[tu_ntmpfiles++] = strdup(path);
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
