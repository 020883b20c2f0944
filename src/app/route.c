/* route.c (app) — due visits and the optimizer with great-circle travel
 * from the seller's home (route.h). */
#include "app/route.h"
#include "app/plan.h"
#include "store/snapshot.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

int app_route_plan(const struct dataset *ds, const int8_t *cat, const struct policy *pol,
                   const struct route_planned *planned, int32_t seller, const int32_t *days,
                   int ndays, const struct route_params *prm, double road_factor, double speed_kmh,
                   struct app_route *out, char **cause)
{
	memset(out, 0, sizeof(*out));
	const struct seller *sel = &ds->sellers[seller];
	out->nvisits = route_plan_due(ds, cat, pol, planned, seller, days, ndays, &out->visits);
	double *lat = xmalloc((size_t)(out->nvisits + 1) * sizeof(double));
	double *lon = xmalloc((size_t)(out->nvisits + 1) * sizeof(double));
	lat[0] = sel->home_lat;
	lon[0] = sel->home_lon;
	for (int k = 0; k < out->nvisits; k++) {
		const struct customer *cu = &ds->customers[out->visits[k].cust];
		lat[k + 1] = cu->has_loc ? cu->lat : sel->home_lat;
		lon[k + 1] = cu->has_loc ? cu->lon : sel->home_lon;
	}
	struct route_geo geo = {lat, lon, road_factor, speed_kmh};
	int rc = route_plan_solve(ds, out->visits, out->nvisits, days, ndays, prm, route_geo_leg,
	                          &geo, &out->plan, cause);
	free(lat);
	free(lon);
	if (rc != 0)
		app_route_free(out);
	return rc;
}

void app_route_free(struct app_route *r)
{
	if (!r)
		return;
	route_plan_free(&r->plan);
	free(r->visits);
	memset(r, 0, sizeof(*r));
}

enum app_route_week_status app_route_week(struct sqlite3 *db, const char *seller_id, int32_t from,
                                          int ndays, struct app_route_week *w, char **cause)
{
	int32_t days[20];
	int64_t snap = 0;
	memset(w, 0, sizeof(*w));
	int k = store_snapshot_latest(db, &snap, cause);
	if (k == 1)
		return APP_WEEK_NO_SNAPSHOT;
	if (k < 0 || app_plan_route(db, &w->in, &w->pr, &w->planned, cause) != 0)
		return APP_WEEK_FAILED;
	w->seller = dataset_seller_index(&w->in.ds, seller_id);
	if (w->seller < 0)
		return APP_WEEK_NO_SELLER;
	if (!w->in.ds.sellers[w->seller].has_home)
		return APP_WEEK_NO_HOME;
	if (ndays < 1 || ndays > 20) {
		*cause = xstrdup("days must be 1..20");
		return APP_WEEK_FAILED;
	}
	route_params_default(&w->prm);
	route_plan_days(from, ndays, days);
	if (app_route_plan(&w->in.ds, w->in.cat, &w->in.policy, &w->planned, w->seller, days, ndays,
	                   &w->prm, ROUTE_ROAD_FACTOR, ROUTE_SPEED_KMH, &w->rt, cause) != 0)
		return APP_WEEK_FAILED;
	return APP_WEEK_OK;
}

void app_route_week_free(struct app_route_week *w)
{
	app_route_free(&w->rt);
	app_route_planned_free(&w->planned);
	plan_result_free(w->pr);
	plan_inputs_free(&w->in);
	memset(w, 0, sizeof(*w));
}
