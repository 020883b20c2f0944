/* app/plan.h — the coverage plan as a job, the same for the command line,
 * the demo and the dashboard: load what the plan is computed from out of
 * the workspace, compute it, and write the files that follow from it. */
#ifndef FOKUS_APP_PLAN_H
#define FOKUS_APP_PLAN_H
#include <stdint.h>

#include "core/plan.h"
#include "core/route-plan.h"
#include "render/export.h"

struct sqlite3;

/* Loads the inputs of snapshot `snapshot` (0: the newest) into *in and
 * computes the plan with *pp (NULL: defaults). Returns 0 with *in and *out
 * (free with plan_result_free, then plan_inputs_free), or -1 with *cause
 * (one sentence, caller frees): no categorization yet, no such snapshot, a
 * database error. */
int app_plan_compute(struct sqlite3 *db, int64_t snapshot, const struct plan_params *pp,
                     struct plan_inputs *in, struct plan_result **out, char **cause);

/* The response curves the plan would use (plan_response) for the latest
 * categorization: loads *in (free with plan_inputs_free) and fills *fit
 * (free with response_fit_free) and out. Returns 0, or -1 with *cause. */
int app_plan_response(struct sqlite3 *db, struct plan_inputs *in, struct response_fit *fit,
                      struct plan_response out[CAT_COUNT], char **cause);

/* What `fokus route` and the dashboard's week follow: the plan computed as
 * app_plan_compute (*in, *out as there), and each customer's planned person
 * and visits a year in *planned (arrays the caller frees with
 * app_route_planned_free). Returns 0, or -1 with *cause. */
int app_plan_route(struct sqlite3 *db, struct plan_inputs *in, struct plan_result **out,
                   struct route_planned *planned, char **cause);
void app_route_planned_free(struct route_planned *planned);

/* Computes the plan as app_plan_compute and writes the lists each person
 * works from (render/export.h) into o->dir. Returns 0, or -1 with *cause;
 * *sum is filled either way (free with export_summary_free). */
int app_export_workspace(struct sqlite3 *db, int64_t snapshot, const struct plan_params *pp,
                         const struct export_opts *o, struct export_summary *sum, char **cause);

#endif
