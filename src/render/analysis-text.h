/* analysis-text.h — the activity diagnosis as terminal tables (sv/en). */
#ifndef FOKUS_ANALYSIS_TEXT_H
#define FOKUS_ANALYSIS_TEXT_H
#include <stdint.h>
#include <stdio.h>

#include "core/analysis.h"

/* Prints the whole analysis (findings, then sections 1-5 and the honesty
 * counts) to f in the language; snapshot is the id the categories came
 * from (0: none). Numbers in Swedish formats for LANG_SV. */
void analysis_text_print(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang);

/* Prints the findings as numbered lines "  1. <sentence> — at stake <money>". */
void analysis_text_findings(FILE *f, const struct analysis *a, enum lang lang);

/* Prints the before/after table of analysis_compare rows. */
void analysis_text_compare(FILE *f, const struct analysis *before, const struct analysis *after,
                           const struct an_compare_row *rows, size_t n, enum lang lang);

/* Formats one compare value for people (money, share, count or number). */
const char *analysis_text_value(char *buf, size_t size, enum an_kind kind, double v,
                                enum lang lang);
/* Formats the change after - before ("+3 000 kr", "+4,5 procentenheter"/"+4.5 pp", "+12"). */
const char *analysis_text_change(char *buf, size_t size, enum an_kind kind, double before,
                                 double after, enum lang lang);

#endif
