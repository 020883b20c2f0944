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
/* Splits what is left of the file in two at a line start near its middle,
 * for parsing in two threads: c then stops at the cut, and *second (freed
 * with csv_close) reads from the cut to the end with c's encoding,
 * delimiter and line ends; its row->line counts from 1 at the cut (add
 * csv_line(c) - 1 once c is read to its end). Only done when c has been
 * read to the end once without a quoted field holding a line end (so every
 * line end ends a row), the file is UTF-8, Windows-1252 or ASCII, and the
 * cut lies past what c has read. Returns 1 when split, 0 when not (nothing
 * changed), -1 with err when the file cannot be opened again. A rewind
 * removes the cut from c. */
int csv_split(struct csv *c, struct csv **second, struct ferr *err);
/* The same cut made before c has been read through, for a first pass in
 * two threads that may turn out not to be one: call csv_join_ahead once
 * both parts are read to their ends (or given up), then rewind c. Made only
 * when c is fresh (not yet read to its end, not cut), the file is a regular
 * one of UTF-8, Windows-1252 or ASCII, and the cut lies past what c has
 * read. Returns 1 when cut, 0 when not (nothing changed), -1 with err. */
int csv_split_ahead(struct csv *c, struct csv **second, struct ferr *err);
/* Ends a csv_split_ahead: removes the cut from c. Returns 1 when the two
 * parts, both read to their ends without error, read exactly the rows one
 * reader would have read (the cut fell between rows, no quoted field held
 * a line end, the encoding was the same on both sides); c then counts as
 * read through, so csv_split works after a rewind. Returns 0 otherwise:
 * whatever the parts read must be read again by one reader. second is
 * still closed by the caller. */
int csv_join_ahead(struct csv *c, struct csv *second);
/* The physical line where the next row starts (1-based). */
long csv_line(const struct csv *c);
/* "csv, ';', windows-1252, CRLF" (static to c). */
const char *csv_describe(const struct csv *c);
/* The delimiter in use (',' ';' '\t' or the forced one). */
int csv_delimiter(const struct csv *c);
/* Bytes of the file read so far, and its size (0 when unknown). */
void csv_progress(const struct csv *c, long long *done, long long *total);
void csv_close(struct csv *c);

#endif
