/* reader.h — rows of fields from a csv/tsv file or an xlsx/xlsm workbook,
 * in UTF-8 whatever the file's encoding. The io layer's lowest level; the
 * format is detected, not asked (see reader_open). */
#ifndef FOKUS_READER_H
#define FOKUS_READER_H
#include <stddef.h>

#include "util/error.h"

struct field {
	const char *p; /* UTF-8, NUL-terminated at p[n] */
	size_t n;
};

struct row {
	struct field *f;
	int nf;
	long line; /* 1-based physical line where the row starts (csv); row number (xlsx) */
};

struct reader_opts {
	const char *sheet; /* xlsx: sheet name; NULL = first sheet */
	int delimiter;     /* csv: 0 = detect among , ; TAB */
};

struct reader;

/* Opens path; detects xlsx (zip magic) vs csv, and for csv the encoding
 * (UTF-8 with/without BOM, else Windows-1252), delimiter and line ends.
 * Returns 0, or -1 with err (one sentence: empty file, binary file, no such
 * sheet...). */
int reader_open(const char *path, const struct reader_opts *opts, struct reader **out,
                struct ferr *err);
/* Next row into *row (memory valid until the next call). Returns 1 for a row,
 * 0 at the end, -1 on an error that stops reading (err set with file:line). */
int reader_next(struct reader *r, struct row *row, struct ferr *err);
/* Starts again at the first row (for a second pass). 0 or -1. */
int reader_rewind(struct reader *r, struct ferr *err);
/* csv_split (csv.h) for a csv reader: 1 with *second (reader_close), 0
 * when not split (xlsx, or see csv_split), -1 with err. */
int reader_split(struct reader *r, struct reader **second, struct ferr *err);
/* csv_split_ahead and csv_join_ahead (csv.h) for a csv reader; for xlsx
 * reader_split_ahead returns 0. */
int reader_split_ahead(struct reader *r, struct reader **second, struct ferr *err);
int reader_join_ahead(struct reader *r, struct reader *second);
/* csv_line for a csv reader; 0 for xlsx. */
long reader_line(const struct reader *r);
/* A short description of what was detected, e.g. "csv, ';', windows-1252, CRLF"
 * or "xlsx, sheet Orders". */
const char *reader_describe(const struct reader *r);
/* Bytes consumed so far and total size (for progress). */
void reader_progress(const struct reader *r, long long *done, long long *total);
/* xlsx: the name of the i-th worksheet (xlsx_sheet_at), NULL past the
 * last; csv: NULL. */
const char *reader_sheet_at(const struct reader *r, size_t i);
/* 1 when the file is an xlsx/xlsm workbook (cells are then canonical: numbers
 * with '.', dates as ISO text), 0 for csv. */
int reader_is_xlsx(const struct reader *r);
void reader_close(struct reader *r);

#endif
