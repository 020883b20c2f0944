/* html.h — self-contained html reports (they open offline: the stylesheet
 * and the little script are inline, pictures are inline SVG). A report is
 *
 *     html_begin(f, "Kundkategorisering", LANG_SV);
 *     html_section_begin(f, "matrix", "Kundmatrisen");  ... html_section_end(f);
 *     (more sections from other commands)
 *     html_end(f);
 *
 * Building blocks: escaping, key-figure cards, tables (sortable by a click
 * on the header, filterable with a search box), category badges. */
#ifndef FOKUS_HTML_H
#define FOKUS_HTML_H
#include <stdio.h>

#include "util/i18n.h"

/* The page head with the embedded stylesheet, a header bar with the title
 * and the date, and the opening of <main>. */
void html_begin(FILE *f, const char *title, enum lang lang);
/* Closes <main>, writes the footer ("fokus VERSION") and the script that
 * makes tables sortable and filterable; closes the document. */
void html_end(FILE *f, enum lang lang);

/* Writes s with & < > " ' escaped, for html and svg/xml text and attributes.
 * NULL writes nothing. */
void html_esc(FILE *f, const char *s);
/* The same, appended to a strbuf. */
struct strbuf;
void html_esc_sb(struct strbuf *sb, const char *s);

/* <section id="id"><h2>title</h2> ... </section>. subtitle may be NULL. */
void html_section_begin(FILE *f, const char *id, const char *title, const char *subtitle);
void html_section_end(FILE *f);

/* A row of key-figure cards: html_cards_begin, html_card..., html_cards_end.
 * note may be NULL; accent is a CSS colour or NULL. */
void html_cards_begin(FILE *f);
void html_card(FILE *f, const char *label, const char *value, const char *note, const char *accent);
void html_cards_end(FILE *f);

/* A table: align is a string of 'l'/'r' per column. With filter_label,
 * a search box above filters the rows by text. Sortable by header clicks;
 * cells written with html_td_num sort by their numeric value. */
void html_table_begin(FILE *f, const char *id, const char *const *headers, int ncols,
                      const char *align, const char *filter_label);
/* Ends the body rows and starts the footer rows (totals; not sorted). */
void html_table_foot(FILE *f);
/* Closes the table; has_foot says whether html_table_foot was called. */
void html_table_end(FILE *f, int has_foot);
/* One cell: text (escaped), or a number with its display text. */
void html_td(FILE *f, const char *text, char align);
void html_td_num(FILE *f, double value, const char *text);
/* A coloured badge for a category code ("1", "2R", "2P", "3") with a label. */
void html_badge(FILE *f, int category, const char *label);

#endif
