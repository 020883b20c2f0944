/* catout-int.h — internal to src/render/catout*.c: what the categorization's
 * outputs of every format share (defined in catout.c). Not for other files:
 * they use catout.h. */
#ifndef FOKUS_CATOUT_INT_H
#define FOKUS_CATOUT_INT_H
#include <stddef.h>
#include <stdint.h>

#include "core/category.h"
#include "util/i18n.h"
#include "util/strbuf.h"

/* arr[i], or "" when arr or arr[i] is NULL. */
const char *catout_vstr(char *const *arr, size_t i);
/* The run's window ("12 months, 2025-12-01 – 2026-11-30") appended to sb. */
void catout_window_line(struct strbuf *sb, const struct cat_run *run, enum lang lang);
/* A threshold for people ("≥ 480 000 kr", or "none ...") appended to sb. */
void catout_threshold_text(struct strbuf *sb, struct cat_threshold t, enum lang lang);
/* part / whole, NAN when whole is not above 0 (sharez: for counts). */
double catout_share(int64_t part, int64_t whole);
double catout_sharez(size_t part, size_t whole);
/* x as a percentage in the language's format into b; "–" for NAN. Returns b. */
const char *catout_pct(char *b, size_t size, double x, enum lang lang);
/* The average order of a category total in minor units, rounded (0 without orders). */
int64_t catout_avg_order(const struct cat_total *t);
/* Minor units as csv and json write money: currency units with '.'. Returns b. */
const char *catout_plain(char *b, size_t size, int64_t minor);

#endif
