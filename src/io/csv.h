/* csv.h — the streaming csv/tsv reader behind reader.h: detects encoding,
 * delimiter and line ends, and returns rows of UTF-8 fields. Memory is one
 * block of the file plus the longest row, whatever the file's size. */
#ifndef FOKUS_CSV_H
#define FOKUS_CSV_H
#include <stddef.h>

#include "io/reader.h"
#include "util/error.h"

struct csv_opts {
	int delimiter; /* 0 = detect among , ; TAB */
	size_t block;  /* bytes per read; 0 = 1 MiB (tests use tiny blocks) */
};

struct csv;

/* Opens path (opts may be NULL). Returns 0, or -1 with err set to the file
 * and one sentence (cannot open, empty file, binary data). *out is freed
 * with csv_close. */
int csv_open(const char *path, const struct csv_opts *opts, struct csv **out, struct ferr *err);
/* Next row: 1 with *row filled (fields valid until the next call or
 * csv_rewind), 0 at the end, -1 with err (file:line) when the file cannot
 * be read on: a quoted field that never ends, a row over 64 MB, a read
 * error. Blank lines are skipped (but counted in row->line). */
int csv_next(struct csv *c, struct row *row, struct ferr *err);
/* Back to the first row; the detected encoding and delimiter stay. 0 or -1. */
int csv_rewind(struct csv *c, struct ferr *err);
/* "csv, ';', windows-1252, CRLF" (static to c). */
const char *csv_describe(const struct csv *c);
/* The delimiter in use (',' ';' '\t' or the forced one). */
int csv_delimiter(const struct csv *c);
/* Bytes of the file read so far, and its size (0 when unknown). */
void csv_progress(const struct csv *c, long long *done, long long *total);
void csv_close(struct csv *c);

#endif
