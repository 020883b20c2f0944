/* planned.c — the plan per customer as the workspace holds it today: the
 * policy of the category, the current owner (see planned.h). */
#include "app/planned.h"
#include "store/follow.h"
#include "store/policy.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

int app_planned_load(struct sqlite3 *db, int what, struct app_planned *p, char **cause)
{
	memset(p, 0, sizeof(*p));
	p->applied_day = DAYS_NONE;
	int r = app_snapinput_load(db, 0, what, &p->in, cause);
	if (r != 0)
		return r;
	if (store_policy_load(db, &p->policy, cause) != 0 ||
	    follow_plan_applied_day(db, &p->applied_day, cause) != 0)
		return -1;
	p->pc = xcalloc(p->in.ds.ncustomers + 1, sizeof(*p->pc));
	planned_from_policy(&p->in.ds, p->in.cat, &p->policy, p->pc);
	return 0;
}

void app_planned_free(struct app_planned *p)
{
	if (!p)
		return;
	app_snapinput_free(&p->in);
	free(p->pc);
	memset(p, 0, sizeof(*p));
}
