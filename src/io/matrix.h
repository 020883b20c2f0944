/* matrix.h — reading a travel matrix file for `fokus route --matrix`: csv
 * (',' ';' or TAB) with the columns from, to, seconds, metres, one row per
 * ordered pair of places, an optional header line. Places are customer ids
 * as in the customer file, or "home" (also "start") for where the days
 * start. Any road-network tool can write it (e.g. an OSRM table). */
#ifndef FOKUS_MATRIX_H
#define FOKUS_MATRIX_H
#include <stddef.h>

#include "util/error.h"

struct matrix_row {
	char *from, *to;
	double seconds, metres;
};

/* Reads every row of path into *rows (*n of them; free with matrix_free).
 * Returns 0, or -1 with err (file:line and a sentence) on a missing column,
 * a negative or non-numeric number, or an unreadable file. */
int matrix_read(const char *path, struct matrix_row **rows, size_t *n, struct ferr *err);

void matrix_free(struct matrix_row *rows, size_t n);

#endif
