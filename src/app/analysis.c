/* app/analysis.c — the activity diagnosis as a job (analysis.h). */
#include "app/analysis.h"
#include "store/dataset.h"

int app_analysis_load(struct sqlite3 *db, int64_t snapshot, struct app_snapinput *in, char **cause)
{
	return app_snapinput_load(db, snapshot, LOAD_ALL, in, cause);
}

enum app_analysis_status app_analysis_compute(const struct app_snapinput *in,
                                              struct analysis_params *p, struct analysis *a,
                                              char **cause)
{
	if (analysis_default_period(&in->ds, &p->from, &p->to) != 0)
		return APP_ANALYSIS_NO_ACTIVITIES;
	if (p->from > p->to)
		return APP_ANALYSIS_EMPTY_PERIOD;
	struct analysis_input ai = {
	    .ds = &in->ds, .cat = in->cat, .revenue = in->revenue, .potential = in->potential};
	if (analysis_compute(&ai, p, a, cause) != 0)
		return APP_ANALYSIS_BAD_PARAMS;
	return APP_ANALYSIS_OK;
}
