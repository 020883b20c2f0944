/* csvw.h — writing RFC 4180 CSV (comma, quotes doubled, CRLF never: LF). */
#ifndef FOKUS_CSVW_H
#define FOKUS_CSVW_H
#include <stdio.h>

/* Writes one field, quoting when it holds , " CR LF or leading/trailing space. */
void csvw_field(FILE *f, const char *s);
/* Writes n fields separated by ',' and a newline. NULL cells are empty. */
void csvw_row(FILE *f, const char *const *cells, int n);

#endif
