/* fuzzutil.h — what the libFuzzer targets share: the fuzz input as a file
 * path (the io layer reads files), held in an anonymous memory file so that
 * nothing is written to disk; copying a workspace. */
#ifndef FOKUS_FUZZUTIL_H
#define FOKUS_FUZZUTIL_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes data to a fresh memfd and puts "/proc/self/fd/N" in path. Returns
 * the fd (close it when done); aborts when the kernel refuses. */
static inline int fz_memfile(const void *data, size_t len, char path[64])
{
	int fd = memfd_create("fokus-fuzz", 0);
	if (fd < 0) {
		perror("memfd_create");
		abort();
	}
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n <= 0) {
			perror("write");
			abort();
		}
		p += n;
		len -= (size_t)n;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

/* Copies the whole database from into to (SQLite's online backup), for the
 * targets that put the workspace back after a request; aborts on failure. */
static inline void fz_copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
		fprintf(stderr, "copying the workspace: %s\n", sqlite3_errmsg(to));
		abort();
	}
	sqlite3_backup_finish(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
