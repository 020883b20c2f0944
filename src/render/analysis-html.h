/* analysis-html.h — the activity diagnosis in fokus's self-contained html
 * reports (render/html.h): one section that any report can hold, and a
 * whole page around it. */
#ifndef FOKUS_ANALYSIS_HTML_H
#define FOKUS_ANALYSIS_HTML_H
#include <stdint.h>
#include <stdio.h>

#include "core/analysis.h"

/* Writes <section id="analysis"> with key-figure cards, the findings, each
 * seller's visits per category as stacked bars next to the category shares
 * of revenue and potential, contact time, order value, coverage gaps,
 * booking frequency (weekly bars) and the honesty counts. Its few extra
 * style rules are inline and scoped to .fk-an; the tables use the report's
 * sortable table.fk. Call between html_begin and html_end. snapshot: the
 * id the categories came from (0: none). */
void analysis_html_section(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang);

/* A whole report: html_begin, analysis_html_section, html_end. */
void analysis_html_page(FILE *f, const struct analysis *a, int64_t snapshot, enum lang lang);

#endif
