/* app/plan.c — the coverage plan as a job: store (inputs) → core (plan) →
 * render (lists). One place for the CLI, the demo and the web. */
#include "app/plan.h"
#include "store/plan.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <stdlib.h>

#include <string.h>

int app_plan_compute(struct sqlite3 *db, int64_t snapshot, const struct plan_params *pp,
                     struct plan_inputs *in, struct plan_result **out, char **cause)
{
	struct plan_params def;
	*out = NULL;
	if (!pp) {
		plan_params_default(&def);
		pp = &def;
	}
	if (store_plan_inputs(db, snapshot, in, cause) != 0)
		return -1;
	*out = plan_compute(in, pp);
	return 0;
}

int app_plan_response(struct sqlite3 *db, struct plan_inputs *in, struct response_fit *fit,
                      struct plan_response out[CAT_COUNT], char **cause)
{
	if (store_plan_inputs(db, 0, in, cause) != 0)
		return -1;
	plan_response(in, plan_today(in, DAYS_NONE), RESPONSE_BOOT, fit, out);
	return 0;
}

int app_plan_route(struct sqlite3 *db, struct plan_inputs *in, struct plan_result **out,
                   struct route_planned *planned, char **cause)
{
	if (app_plan_compute(db, 0, NULL, in, out, cause) != 0)
		return -1;
	size_t n = in->ds.ncustomers ? in->ds.ncustomers : 1;
	int32_t *owner = xmalloc(n * sizeof(int32_t));
	double *visits = xmalloc(n * sizeof(double));
	for (size_t i = 0; i < in->ds.ncustomers; i++) {
		owner[i] = (*out)->assign[i].to;
		visits[i] = (*out)->assign[i].visits;
	}
	planned->owner = owner;
	planned->visits = visits;
	return 0;
}

void app_route_planned_free(struct route_planned *planned)
{
	free((void *)planned->owner);
	free((void *)planned->visits);
	planned->owner = NULL;
	planned->visits = NULL;
}

int app_export_workspace(struct sqlite3 *db, int64_t snapshot, const struct plan_params *pp,
                         const struct export_opts *o, struct export_summary *sum, char **cause)
{
	struct plan_inputs in;
	struct plan_result *r;
	memset(sum, 0, sizeof(*sum));
	if (o->progress)
		o->progress(o->progress_arg, 0, 0); /* the progress line shows while planning */
	if (app_plan_compute(db, snapshot, pp, &in, &r, cause) != 0)
		return -1;
	int rc = export_write(&in, r, o, sum, cause);
	plan_result_free(r);
	plan_inputs_free(&in);
	return rc;
}
