/* planview-int.h — what the files of the plan's rendering share
 * (planview.c, planview-table.c, -json.c, -text.c, -html.c); not for use
 * outside render/planview*.c. */
#ifndef FOKUS_PLANVIEW_INT_H
#define FOKUS_PLANVIEW_INT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "render/planview.h"

/* A heading: the code for machine formats, else the words in lang. */
#define H(machine, lang, code, en, sv) ((machine) ? (code) : TR(lang, en, sv))

/* planview-table.c */
const struct planview_cell *pv_cell(const struct planview_table *t, size_t r, int c);
/* A cell as people read it in lang (into buf when it must be formatted). */
const char *pv_human(const struct planview_cell *c, char *buf, size_t size, enum lang lang);
/* The table as aligned text, at most `limit` rows. */
void pv_write_text_rows(FILE *f, const struct planview_table *t, enum lang lang, size_t limit);

/* planview.c */
const char *pv_seller_id(const struct plan_inputs *in, int32_t s);
const char *pv_seller_name(const struct plan_inputs *in, int32_t s);
const char *pv_money_words(char *buf, size_t size, double minor, enum lang lang);
const char *pv_signed_money(char *buf, size_t size, double minor, enum lang lang);
/* The customers' table (only those that change owner with changes_only). */
struct planview_table *pv_assignments(const struct plan_inputs *in, const struct plan_result *r,
                                      enum lang lang, bool machine, bool changes_only);
double pv_total_hours(const struct plan_result *r, double *cap);

/* planview-json.c */
/* A number rounded to `decimals`; whole numbers as integers (8, not 8.0). */
json_t *pv_round_real(double v, int decimals);
/* Minor units as currency units with 2 decimals. */
json_t *pv_money(double minor);

#endif
