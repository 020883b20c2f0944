/* app/analysis.h — the activity diagnosis as a job, the same for `fokus
 * analyze` (and compare, uncontacted, the demo) and the dashboard's
 * /api/analysis and /api/uncontacted: the workspace with a snapshot's
 * categories (app/snapinput.h), the period resolved against the activities,
 * then core/analysis.c. The callers word the failures their own way. */
#ifndef FOKUS_APP_ANALYSIS_H
#define FOKUS_APP_ANALYSIS_H
#include <stdint.h>

#include "app/snapinput.h"
#include "core/analysis.h"

struct sqlite3;

enum app_analysis_status {
	APP_ANALYSIS_OK = 0,
	APP_ANALYSIS_NO_ACTIVITIES, /* nothing to take the default period from */
	APP_ANALYSIS_EMPTY_PERIOD,  /* from > to once resolved (*p holds them) */
	APP_ANALYSIS_BAD_PARAMS     /* analysis_compute refused them (*cause) */
};

/* Loads customers, sellers, orders and activities with snapshot `snapshot`
 * (0: the latest): app_snapinput_load with LOAD_ALL (its return values). */
int app_analysis_load(struct sqlite3 *db, int64_t snapshot, struct app_snapinput *in, char **cause);

/* Resolves the period of *p (DAYS_NONE ends: the default period, written
 * back into *p) and computes the analysis of `in` (as loaded above) into
 * *a (free with analysis_free when APP_ANALYSIS_OK; it points into `in`,
 * which must outlive it). *cause (caller frees) only with
 * APP_ANALYSIS_BAD_PARAMS. */
enum app_analysis_status app_analysis_compute(const struct app_snapinput *in,
                                              struct analysis_params *p, struct analysis *a,
                                              char **cause);

#endif
