/* app/plan.c — the coverage plan as a job: store (inputs) → core (plan) →
 * render (lists). One place for the CLI, the demo and the web. */
#include "app/plan.h"
#include "store/plan.h"
#include "util/days.h"

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

int app_export_workspace(struct sqlite3 *db, int64_t snapshot, const struct plan_params *pp,
                         const struct export_opts *o, struct export_summary *sum, char **cause)
{
	struct plan_inputs in;
	struct plan_result *r;
	memset(sum, 0, sizeof(*sum));
	if (app_plan_compute(db, snapshot, pp, &in, &r, cause) != 0)
		return -1;
	int rc = export_write(&in, r, o, sum, cause);
	plan_result_free(r);
	plan_inputs_free(&in);
	return rc;
}
