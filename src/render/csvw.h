/* csvw.h — writing RFC 4180 CSV (comma, quotes doubled, CRLF never: LF).
 * A field that a spreadsheet could run as a formula gets a leading '
 * (render/cellguard.h has the rule). */
#ifndef FOKUS_CSVW_H
#define FOKUS_CSVW_H
#include <stdio.h>

struct strbuf;

/* Writes one field, quoting when it holds , " CR LF or leading/trailing space. */
void csvw_field(FILE *f, const char *s);
/* Writes n fields separated by ',' and a newline. NULL cells are empty. */
void csvw_row(FILE *f, const char *const *cells, int n);
/* The same, appended to sb (for writing many rows with one fwrite). */
void csvw_field_sb(struct strbuf *sb, const char *s);
void csvw_row_sb(struct strbuf *sb, const char *const *cells, int n);

#endif
