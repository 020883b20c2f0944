/* app/route.h — a field seller's days planned with great-circle travel:
 * the visits due (core/route-plan.h route_plan_due) placed on the days by
 * the optimizer, starting and ending at the seller's home. One helper for
 * the dashboard's "coming days" (web/routeapi.c) and "My day"
 * (app/day.c); `fokus route` adds road matrices of its own. */
#ifndef FOKUS_APP_ROUTE_H
#define FOKUS_APP_ROUTE_H

#include "core/plan.h"
#include "core/route-plan.h"

struct sqlite3;

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
                   const struct route_planned *planned, int32_t seller, const int32_t *days,
                   int ndays, const struct route_params *prm, double road_factor, double speed_kmh,
                   struct app_route *out, char **cause);
void app_route_free(struct app_route *r);

/* A seller's coming days as the dashboard shows them (web/routeapi.c): the
 * workspace's coverage plan (app_plan_route), then app_route_plan over the
 * working days from `from` on, with route_params_default and its travel. */
struct app_route_week {
	struct plan_inputs in; /* in.ds: the dataset the visits index */
	struct plan_result *pr;
	struct route_planned planned;
	struct route_params prm; /* what planned the days */
	int32_t seller;          /* index into in.ds.sellers */
	struct app_route rt;
};
enum app_route_week_status {
	APP_WEEK_OK = 0,
	APP_WEEK_NO_SNAPSHOT, /* nothing categorized yet */
	APP_WEEK_NO_SELLER,   /* no seller with that id */
	APP_WEEK_NO_HOME,     /* the seller has no home address to start from */
	APP_WEEK_FAILED,      /* *cause says why (caller frees) */
};
/* Plans seller_id's ndays (1..20) working days from `from` on into *w (free
 * with app_route_week_free whatever it returns). */
enum app_route_week_status app_route_week(struct sqlite3 *db, const char *seller_id, int32_t from,
                                          int ndays, struct app_route_week *w, char **cause);
void app_route_week_free(struct app_route_week *w);

#endif
