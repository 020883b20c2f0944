/* analysis-xlsx.h — the activity diagnosis as an Excel workbook
 * (libxlsxwriter), written from the analysis JSON. */
#ifndef FOKUS_ANALYSIS_XLSX_H
#define FOKUS_ANALYSIS_XLSX_H

#include <jansson.h>

#include "util/i18n.h"

/* Writes the workbook to `path`: a Summary sheet (period, findings, what
 * was left out) and one sheet per table (visits, sellers, contact time,
 * order value, categories, uncontacted, bookings per week as a seller x
 * week grid, booking summary), each with a frozen header row, autofilter
 * and number formats; labels in `lang`. Returns 0, or -1 with *cause
 * (caller frees). */
int analysis_xlsx_write(const char *path, const json_t *root, enum lang lang, char **cause);

/* The before/after rows of analysis_json_compare as a one-sheet workbook. */
int analysis_xlsx_compare(const char *path, const json_t *cmp, enum lang lang, char **cause);

#endif
