/* app/route.h — a field seller's days planned with great-circle travel:
 * the visits due (core/route-plan.h route_plan_due) placed on the days by
 * the optimizer, starting and ending at the seller's home. One helper for
 * the dashboard's "coming days" (web/routeapi.c) and "My day"
 * (app/day.c); `fokus route` adds road matrices of its own. */
#ifndef FOKUS_APP_ROUTE_H
#define FOKUS_APP_ROUTE_H

#include "core/route-plan.h"

struct app_route {
	struct route_visit *visits; /* the due visits (place k + 1 is visit k) */
	int nvisits;
	struct route_plan plan;
};

/* Plans seller's days[0..ndays) (the seller must have a home) following
 * planned (each customer's planned person and visits a year; NULL: the
 * owner and the policy, see route_plan_due) with travel
 * of great-circle km x road_factor at speed_kmh. Returns 0 and *out (free
 * with app_route_free), or -1 with *cause (caller frees). */
int app_route_plan(const struct dataset *ds, const int8_t *cat, const struct policy *pol,
                   const struct route_planned *planned, int32_t seller, const int32_t *days, int ndays, const struct route_params *prm,
                   double road_factor, double speed_kmh, struct app_route *out, char **cause);
void app_route_free(struct app_route *r);

#endif
