/* xlsx.h — reading rows from an .xlsx/.xlsm workbook (libzip + expat),
 * streaming the sheet XML. Cells come out as UTF-8 text:
 *  - shared and inline strings as their text;
 *  - numbers as their shortest decimal text with '.' ("3500.5", "-12") of at
 *    most 15 significant digits, as Excel shows them (731.93999999999994,
 *    Excel's 731.94, gives "731.94");
 *  - numbers whose cell style is a date/time format (built-in ids 14-22, 45-47,
 *    or a custom format with d/m/y/h/s outside quotes and brackets) as ISO text:
 *    "2026-11-26" for whole days, "2026-11-26 14:05:00" with a time (Excel serial
 *    dates, 1900 system with the 1900-02-29 bug, or the 1904 system when the
 *    workbook says so);
 *  - booleans as "TRUE"/"FALSE", errors as their text ("#N/A"), formulas as
 *    their cached value.
 * Empty cells between filled ones are empty fields; row numbers follow the
 * sheet's r attributes (gaps give no rows, nor do rows of only empty cells).
 * A date-styled number below 1 (a pure time) gives "14:05:00". */
#ifndef FOKUS_XLSX_H
#define FOKUS_XLSX_H

#include "io/reader.h"
#include "util/error.h"

struct xlsx;

/* Opens the workbook and the sheet named `sheet` (NULL: the first sheet in
 * workbook order). Returns 0, or -1 with err (not a workbook, no such sheet —
 * naming the sheets there are, damaged zip). */
int xlsx_open(const char *path, const char *sheet, struct xlsx **out, struct ferr *err);
/* Next row (row->line = the sheet's row number). 1 row, 0 end, -1 error. The
 * row's memory stays valid until the next call. */
int xlsx_next(struct xlsx *x, struct row *row, struct ferr *err);
/* Back to the first row. 0 or -1. */
int xlsx_rewind(struct xlsx *x, struct ferr *err);
/* The name of the i-th worksheet in workbook order (charts and dialog
 * sheets left out), or NULL past the last. */
const char *xlsx_sheet_at(const struct xlsx *x, size_t i);
/* The name of the sheet being read. */
const char *xlsx_sheet_name(const struct xlsx *x);
/* Progress: bytes of sheet XML consumed and its uncompressed size. */
void xlsx_progress(const struct xlsx *x, long long *done, long long *total);
void xlsx_close(struct xlsx *x);

#endif
