/* catout.h — the categorization's outputs for people and machines: the
 * summary per category (report), one row per customer (customers), the
 * movements between two runs (migration) and the list of runs (history), as
 * terminal text, csv and json; plus the html section (plot, summary,
 * customer table) that reports compose. Everything renders from the stored
 * numbers (struct cat_run + struct cat_row), so all formats agree. */
#ifndef FOKUS_CATOUT_H
#define FOKUS_CATOUT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/category.h"
#include "util/i18n.h"

/* A run and its customers as the renderers see them. The string arrays have
 * n entries (name and seller_id may be NULL arrays or hold NULLs). */
struct catview {
	const struct cat_run *run;
	size_t n;
	const struct cat_row *rows;
	char *const *customer_id;
	char *const *name;
	char *const *seller_id;
};

/* Which customers a listing shows. */
struct catfilter {
	int category;       /* enum category, or CAT_NONE for all */
	const char *seller; /* seller_id, or NULL for all */
};

/* The indexes of the rows passing f, ordered by category (1, 2R, 2P, 3),
 * revenue descending, then customer id. Returns the count; *idx is
 * allocated (caller frees). */
size_t catout_select(const struct catview *v, const struct catfilter *f, size_t **idx);

/* --- report: the summary per category ------------------------------------ */
/* s is category_summarize() of the run's rows. */
void catout_summary_text(FILE *f, const struct cat_run *run, const struct cat_summary *s,
                         enum lang lang);
void catout_summary_csv(FILE *f, const struct cat_run *run, const struct cat_summary *s,
                        enum lang lang);
void catout_summary_json(FILE *f, const struct cat_run *run, const struct cat_summary *s,
                         enum lang lang);
/* The run's parameters in one line for people, e.g. "pareto (80 % of
 * revenue, 80 % of potential), stability margin 10 %". Appended to sb. */
void catout_method_line(struct strbuf *sb, const struct cat_run *run, enum lang lang);

/* --- customers: one row each ----------------------------------------------- */
void catout_customers_text(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                           enum lang lang);
void catout_customers_csv(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                          enum lang lang);
/* The same, the rows formatted by `threads` threads (1 or 2; two only for
 * many rows) in chunks written in order: the same bytes either way. */
void catout_customers_csv_threads(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                                  enum lang lang, int threads);
void catout_customers_json(FILE *f, const struct catview *v, const size_t *idx, size_t n,
                           enum lang lang);

/* --- migration between two runs ------------------------------------------- */
void catout_migration_text(FILE *f, const struct cat_migration *m, int64_t from_id, int64_t to_id,
                           enum lang lang);
void catout_migration_csv(FILE *f, const struct cat_migration *m, int64_t from_id, int64_t to_id);
void catout_migration_json(FILE *f, const struct cat_migration *m, int64_t from_id, int64_t to_id);

/* --- history: the list of runs -------------------------------------------- */
void catout_history_text(FILE *f, const struct cat_runinfo *items, size_t n, enum lang lang);
void catout_history_csv(FILE *f, const struct cat_runinfo *items, size_t n);
void catout_history_json(FILE *f, const struct cat_runinfo *items, size_t n);

/* --- html ------------------------------------------------------------------ */
/* Writes the categorization section of an html report (heading, matrix
 * plot, summary table, potential sources, customer table of at most
 * max_rows rows, largest revenue first within each category; 0 = all) to
 * be placed between html_begin and html_end (render/html.h). */
void catout_html_section(FILE *f, const struct catview *v, size_t max_rows, enum lang lang);
/* A whole self-contained page: html_begin, the section, html_end. */
void catout_html_page(FILE *f, const struct catview *v, size_t max_rows, enum lang lang);

/* Writes a JSON string literal (quotes and escapes) — for hand-streamed JSON. */
void catout_json_str(FILE *f, const char *s);

#endif
