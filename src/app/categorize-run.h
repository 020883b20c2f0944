/* categorize-run.h — a categorization run against the workspace (load,
 * compute, save a snapshot) and its html report, for `fokus categorize`,
 * `fokus report` and `fokus demo`. */
#ifndef FOKUS_CATEGORIZE_RUN_H
#define FOKUS_CATEGORIZE_RUN_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/category.h"
#include "render/catout.h"
#include "store/snapshot.h"
#include "util/i18n.h"
#include "util/progress.h"

struct sqlite3;

/* The customer table of html reports shows at most this many rows (the
 * largest by revenue in each category, in proportion to its size). */
#define CATEGORIZE_HTML_MAX_ROWS 5000

/* Runs a categorization on the workspace with parameters p (as_of DAYS_NONE:
 * the latest order day; today DAYS_NONE: days_today()): loads customers and
 * the window's orders, the previous snapshot's sides (stability margin) and
 * the overrides, computes, and saves a new snapshot. Fills *run (run->id is
 * the new snapshot), *summary (may be NULL) and, when not NULL, *no_margin (orders in the window
 * without a margin, margin axis). Returns 0, or -1 with *cause (caller
 * frees; nothing saved). */
int categorize_run(struct sqlite3 *db, const struct cat_params *p, struct cat_run *run,
                   struct cat_summary *summary, size_t *no_margin, char **cause);

/* Loads snapshot id (0: the latest) into *s and points *v at it. Returns 0,
 * 1 when there is no such snapshot (or none at all), -1 on error (*cause).
 * Free with store_snapshot_free(s). */
int categorize_run_view(struct sqlite3 *db, int64_t id, struct snapshot *s, struct catview *v,
                        char **cause);

/* Writes the categorization section of snapshot id (0: the latest) into an
 * html report being composed (between html_begin and html_end). Returns 0,
 * 1 when there is no snapshot, -1 on error (*cause). */
int categorize_run_html_section(FILE *f, struct sqlite3 *db, int64_t id, enum lang lang,
                                char **cause);

/* For `fokus categorize --orders FILE [--customers FILE]`: builds the
 * customers straight from the files, without a workspace. Customers come
 * from the customer file (when given) and from every customer_id of the
 * orders; the orders inside the window of p (as-of DAYS_NONE: the latest
 * order day, set in *as_of) are summed per customer into *sums (ds->orders
 * stays empty), with the margin instead of the amount on the margin axis.
 * Rows the reader rejects (e.g. an empty customer id) are skipped and
 * counted in *rejected, the first one described in *first (caller frees;
 * NULL when none). progress (may be NULL) hears the bytes read of the
 * orders file, once for the format pass and once for the reading. Returns 0, or -1 with *cause
 * (caller frees). Free ds with dataset_free and sums with categorize_sums_free (also after -1). */
int categorize_run_files(const char *orders, const char *customers, const struct cat_params *p,
                         struct dataset *ds, struct cat_presum *sums, int32_t *as_of,
                         size_t *rejected, char **first, progress_fn progress, void *progress_arg,
                         char **cause);
void categorize_sums_free(struct cat_presum *sums);

#endif
