/* xlsx-drive.h — runs the whole xlsx reader API over one workbook file:
 * open (first sheet and a named one), every row, progress, rewind. Shared
 * by fuzz-xlsx.c (raw zip bytes) and fuzz-xlsxml.c (XML parts). */
#ifndef FOKUS_XLSX_DRIVE_H
#define FOKUS_XLSX_DRIVE_H
#include <string.h>

#include "io/xlsx.h"

static inline void fz_check_row(const struct row *row)
{
	for (int i = 0; i < row->nf; i++)
		if (strlen(row->f[i].p) != row->f[i].n)
			abort(); /* a field's length must match its text */
}

static inline void fz_drive_xlsx(const char *path, const char *sheet)
{
	struct ferr err;
	struct xlsx *x;
	if (xlsx_open(path, sheet, &x, &err) < 0)
		return;
	(void)xlsx_sheet_name(x);
	struct row row;
	long rows = 0;
	while (xlsx_next(x, &row, &err) == 1) {
		fz_check_row(&row);
		rows++;
	}
	long long done, total;
	xlsx_progress(x, &done, &total);
	if (xlsx_rewind(x, &err) == 0) {
		long again = 0;
		while (again < 3 && xlsx_next(x, &row, &err) == 1) {
			fz_check_row(&row);
			again++;
		}
		if (again < 3 && again != rows)
			abort(); /* a second pass must see the same rows */
	}
	xlsx_close(x);
}

#endif
