/* xlsx-report.h — the categorization report as an Excel workbook
 * (libxlsxwriter): a Summary sheet (run, thresholds, the table per category,
 * potential sources) and a Customers sheet (one row per customer, frozen
 * header, autofilter, number formats). */
#ifndef FOKUS_XLSX_REPORT_H
#define FOKUS_XLSX_REPORT_H

#include "render/catout.h"
#include "util/i18n.h"

/* Writes the workbook to path. Returns 0, or -1 with *cause (caller frees). */
int xlsx_report_write(const char *path, const struct catview *v, enum lang lang, char **cause);

#endif
