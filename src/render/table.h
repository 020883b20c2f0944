/* table.h — aligned text tables for the terminal, UTF-8 aware (å ä ö count
 * as one column). Cells are copied. */
#ifndef FOKUS_TABLE_H
#define FOKUS_TABLE_H
#include <stdio.h>

struct table;

/* ncols columns; align is a string of 'l'/'r' per column (NULL: all left). */
struct table *table_new(int ncols, const char *align);
/* Adds a row; cells[i] may be NULL (empty). The first row added is the header
 * when table_print is asked to underline it. */
void table_row(struct table *t, const char *const *cells);
/* Adds a row from ncols printf-style strings is not offered: format first. */
/* Prints with two spaces between columns; header_rule draws a line under row 0. */
void table_print(const struct table *t, FILE *f, int header_rule);
void table_free(struct table *t);

/* Display width of a UTF-8 string (code points, not bytes). */
int table_width(const char *s);

#endif
