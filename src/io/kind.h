/* kind.h — what an import file holds (customers, orders, activities,
 * sellers), told from its column headers, so the Import page can propose
 * the kind instead of asking. Each kind scores the header by the columns
 * its alias tables (colmap.h) recognise — a preferred alias counts 3, a
 * normal one 2, a last resort 1 — when the columns it cannot do without are
 * there (the rule of recreader_open: customers a customer ID; sellers a
 * seller ID; orders a customer ID, a date and an amount or quantity and
 * unit price; activities a date, a type and a customer or seller ID);
 * otherwise it scores -1. The best score wins; on a tie the one with fewer
 * columns left over. */
#ifndef FOKUS_KIND_H
#define FOKUS_KIND_H

#include "io/reader.h"
#include "io/records.h"
#include "util/error.h"

struct kind_guess {
	int found;                    /* 1 when some kind fits */
	enum rec_kind kind;           /* the best, when found */
	int score[REC_KIND_COUNT];    /* -1: a column it needs is missing */
	int unmapped[REC_KIND_COUNT]; /* header columns the kind does not use */
	long header_line;             /* the row taken as the header (1-based) */
};

/* Scores one header row for every kind into *g (pure). */
void kind_score_header(const struct row *header, struct kind_guess *g);

/* Reads the first rows of path (sheet: xlsx sheet or NULL) and scores each
 * of the first 10 non-blank rows as a header, keeping the best (title rows
 * above a header are skipped, as recreader_open does). Returns 0 with *g
 * (g->found 0 when no kind fits), or -1 with err when the file cannot be
 * read. Reads only those rows, not the file. */
int kind_detect(const char *path, const char *sheet, struct kind_guess *g, struct ferr *err);

#endif
