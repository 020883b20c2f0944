/* testutil.h — what every cmocka unit test includes (cmocka needs these
 * system headers first), plus small helpers for temporary files. */
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
	return path;
}
#endif
