/* day.c (app) — the seller's day (day.h): the route of the shown day with
 * the same rules as the dashboard's "coming days" (08:00, 8 hours,
 * great-circle km x 1.3 at 70 km/h), planned with a fixed number of
 * optimizer iterations so the list is the same on every reload. */
#include "app/day.h"
#include "app/route.h"
#include "store/dataset.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define DAY_ITERATIONS 4000
#define UNROUTED_MAX 8

static const struct route_params day_prm = {.day_start = 8 * 60,
                                            .day_length = 8 * 60,
                                            .lunch = 0,
                                            .lunch_from = 11 * 60 + 30,
                                            .lunch_to = 13 * 60,
                                            .seed = 1,
                                            .time_limit = 0,
                                            .iterations = DAY_ITERATIONS};

/* The visits of `day`: routed when the seller has a home, else the due
 * visits in priority order. Returns 0 or -1 (*cause). */
static int plan_day(struct app_day *d, int32_t day, char **cause)
{
	const struct dataset *ds = &d->plan.in.ds;
	const struct seller *sel = &ds->sellers[d->seller];
	free(d->visits);
	d->visits = NULL;
	d->nvisits = 0;
	d->day = day;
	d->routed = sel->has_home;
	if (!d->routed) {
		struct route_visit *v = NULL;
		int n = route_plan_due(ds, d->plan.in.cat, &d->plan.policy, &d->plan.route,
		                       d->seller, &day, 1, &v);
		d->visits =
		    xcalloc((size_t)(n < UNROUTED_MAX ? n : UNROUTED_MAX) + 1, sizeof(*d->visits));
		for (int k = 0; k < n && k < UNROUTED_MAX; k++)
			d->visits[d->nvisits++] = (struct app_day_visit){
			    v[k].cust, -1, (int)v[k].minutes, -1, v[k].last_visit, false};
		free(v);
		return 0;
	}
	struct app_route rt;
	if (app_route_plan(ds, d->plan.in.cat, &d->plan.policy, &d->plan.route, d->seller, &day, 1,
	                   &day_prm, 1.3, 70, &rt, cause) != 0)
		return -1;
	const struct route_day *rd = &rt.plan.days[0];
	d->visits = xcalloc((size_t)rd->nstops + 1, sizeof(*d->visits));
	for (int k = 0; k < rd->nstops; k++) {
		const struct route_stop *st = &rd->stops[k];
		if (st->visit < 0)
			continue;
		const struct route_visit *v = &rt.visits[st->visit];
		d->visits[d->nvisits++] = (struct app_day_visit){v->cust,
		                                                 (int)(st->begin + 0.5),
		                                                 (int)(v->minutes + 0.5),
		                                                 (int)(st->drive + 0.5),
		                                                 v->last_visit,
		                                                 false};
	}
	app_route_free(&rt);
	return 0;
}

static void mark_done(struct app_day *d)
{
	const struct dataset *ds = &d->plan.in.ds;
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *x = &ds->activities[i];
		if (x->day != d->day || x->type != ACT_VISIT || x->seller != d->seller)
			continue;
		for (size_t k = 0; k < d->nvisits; k++)
			if (d->visits[k].cust == x->cust)
				d->visits[k].done = true;
	}
}

static void overdue_list(struct app_day *d)
{
	struct adh_overdue *all = NULL;
	size_t n = adherence_overdue(&d->plan.in.ds, d->plan.pc, d->today, d->today, d->today + 1,
	                             d->seller, &all);
	d->overdue = xcalloc(APP_DAY_OVERDUE_MAX + 1, sizeof(*d->overdue));
	for (size_t i = 0; i < n; i++) {
		int listed = 0;
		for (size_t k = 0; k < d->nvisits; k++)
			listed |= d->visits[k].cust == all[i].cust;
		if (listed)
			continue;
		d->overdue_total++;
		if (d->noverdue < APP_DAY_OVERDUE_MAX)
			d->overdue[d->noverdue++] = all[i];
	}
	free(all);
}

int app_day_load(struct sqlite3 *db, const char *seller_id, int32_t today, struct app_day *d,
                 char **cause)
{
	memset(d, 0, sizeof(*d));
	d->today = today;
	int r =
	    app_planned_load(db, LOAD_CUSTOMERS | LOAD_SELLERS | LOAD_ACTIVITIES, &d->plan, cause);
	if (r != 0)
		return r > 0 ? APP_DAY_NO_SNAPSHOT : -1;
	d->seller = dataset_seller_index(&d->plan.in.ds, seller_id);
	if (d->seller < 0) {
		*cause = xasprintf("there is no seller '%s'", seller_id);
		return APP_DAY_NO_SELLER;
	}
	if (follow_actions_of_day(db, seller_id, today, &d->done, &d->ndone, cause) != 0)
		return -1;
	int32_t day = days_next_workday_se(today);
	if (plan_day(d, day, cause) != 0)
		return -1;
	if (d->nvisits == 0 && day == today &&
	    plan_day(d, days_next_workday_se(today + 1), cause) != 0)
		return -1;
	mark_done(d);
	overdue_list(d);
	return 0;
}

void app_day_free(struct app_day *d)
{
	if (!d)
		return;
	free(d->visits);
	free(d->overdue);
	follow_actions_free(d->done, d->ndone);
	app_planned_free(&d->plan);
	memset(d, 0, sizeof(*d));
}
