/* analysis-html.h — the activity diagnosis as HTML: a self-contained
 * section (its own scoped <style>, no scripts, no external files) that any
 * report page can embed, and a whole page around it. */
#ifndef FOKUS_ANALYSIS_HTML_H
#define FOKUS_ANALYSIS_HTML_H
#include <stdint.h>
#include <stdio.h>

#include "core/analysis.h"
#include "util/strbuf.h"

/* Appends <section class="fk-an">...</section> with the findings, the
 * visit shares per seller as stacked bars next to the category shares of
 * revenue and potential, contact time, order value, coverage gaps, booking
 * frequency (weekly bars) and the honesty counts. Every style rule is
 * scoped to .fk-an, so the section can go into another page (e.g. the
 * demo report). snapshot: the id the categories came from (0: none). */
void analysis_html_section(struct strbuf *sb, const struct analysis *a, int64_t snapshot, enum lang lang);

/* Writes a whole HTML5 document holding analysis_html_section to f. */
void analysis_html_page(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang);

/* Appends s with & < > " ' escaped. */
void analysis_html_escape(struct strbuf *sb, const char *s);

#endif
