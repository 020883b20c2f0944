/* analysis-csv.h — the activity diagnosis as csv, written from the same
 * JSON the --format json output prints, so the two never disagree. */
#ifndef FOKUS_ANALYSIS_CSV_H
#define FOKUS_ANALYSIS_CSV_H
#include <stdio.h>

#include <jansson.h>

/* The analysis JSON (analysis_json) as one long table, one figure a row:
 * section,seller_id,category,week,measure,value,text. Objects (period,
 * params, activities) give one row per field; arrays one row per field of
 * each element, keyed by the element's seller_id, category and week; a
 * finding's sentence goes to `text` of its first row (amount). */
void analysis_csv_long(FILE *f, const json_t *root);

/* An array of flat JSON objects as a wide table with the given columns
 * (cols NULL-terminated): a header row, then one row per element. Money and
 * other reals print as plain numbers with '.', null as empty. */
void analysis_csv_table(FILE *f, const json_t *array, const char *const *cols);

#endif
