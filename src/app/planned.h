/* app/planned.h — "planned contacts per customer" from the workspace: the
 * one place the follow-up (newsletter recipients, adherence, the pulse, the
 * seller's day) learns what the plan asks for each customer.
 *
 * The plan is the applied coverage plan (`fokus plan --apply`, read with
 * store_plan_applied): each customer's responsible person, channel and
 * contacts a year. Customers it does not name (none applied yet, or new
 * since) get the contact policy of their category in the latest
 * categorization, with the current owner as the responsible person. */
#ifndef FOKUS_APP_PLANNED_H
#define FOKUS_APP_PLANNED_H
#include <stdint.h>

#include "app/snapinput.h"
#include "core/planned.h"
#include "core/policy.h"
#include "core/route-plan.h"

struct sqlite3;

struct app_planned {
	struct app_snapinput in; /* dataset, categories, revenue, potential */
	struct policy policy;
	struct planned_contact *pc; /* per customer */
	int32_t applied_day;        /* the day the plan was last applied, DAYS_NONE never */
	struct route_planned route; /* pc's owners and visits a year, for route_plan_due */
};

/* Loads the parts `what` of the dataset (LOAD_* of store/dataset.h), the
 * latest categorization and the plan. Returns 0; 1 when there is no
 * categorization yet (*cause says so); -1 on a workspace error (*cause).
 * Free with app_planned_free (also after a failure). */
int app_planned_load(struct sqlite3 *db, int what, struct app_planned *p, char **cause);
void app_planned_free(struct app_planned *p);

#endif
