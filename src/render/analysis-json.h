/* analysis-json.h — the activity diagnosis as JSON (libjansson): the
 * machine form for `fokus analyze --format json`, `fokus compare`, `fokus
 * uncontacted` and the web API. Field names are listed in docs/analysis.md. */
#ifndef FOKUS_ANALYSIS_JSON_H
#define FOKUS_ANALYSIS_JSON_H
#include <stdint.h>

#include <jansson.h>

#include "core/analysis.h"

/* Flags for json_dump* that print money and shares without binary noise. */
#define ANALYSIS_JSON_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(15))

/* The whole analysis: period, params, categories, visits, sellers,
 * contact_time, order_value, uncontacted, uncontacted_by_seller, bookings,
 * booking_summary, findings (text in `lang`), activities (honesty counts).
 * Money in currency units, shares as fractions 0..1. Returns a new
 * reference (caller json_decref's). */
json_t *analysis_json(const struct analysis *a, int64_t snapshot, enum lang lang);

/* {"before": {from,to}, "after": {from,to}, "rows": [{metric, label,
 * category, before, after, change, change_pct}]}: money in currency units,
 * shares as fractions, category "*" for all; label in `lang`. New
 * reference. */
json_t *analysis_json_compare(const struct analysis *before, const struct analysis *after,
                              const struct an_compare_row *rows, size_t n, enum lang lang);

/* {"period", "customers": [{customer_id, name, category, seller_id,
 * revenue, potential, last_contact}]} for customer indexes idx[0..n).
 * New reference. */
json_t *analysis_json_uncontacted(const struct analysis *a, const int32_t *idx, size_t n);

/* A money amount in minor units as a JSON real in currency units. */
json_t *analysis_json_money(int64_t minor);

#endif
