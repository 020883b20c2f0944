/* route.c (app) — due visits and the optimizer with great-circle travel
 * from the seller's home (route.h). */
#include "app/route.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

int app_route_plan(const struct dataset *ds, const int8_t *cat, const struct policy *pol,
                   const struct route_planned *planned, int32_t seller, const int32_t *days, int ndays, const struct route_params *prm,
                   double road_factor, double speed_kmh, struct app_route *out, char **cause)
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
	int rc = route_plan_solve(ds, out->visits, out->nvisits, days, ndays, prm, route_geo_leg, &geo,
	                          &out->plan, cause);
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
