/* planned.c — the plan per customer: the applied coverage plan, else the
 * policy of the category and the current owner (see planned.h). */
#include "app/planned.h"
#include "store/follow.h"
#include "store/plan.h"
#include "store/policy.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* Overwrites pc with the rows of the applied plan, where there is one. */
static int from_applied_plan(struct sqlite3 *db, struct app_planned *p, char **cause)
{
	static const int8_t channel[PC_COUNT] = {[PC_VISIT] = CH_VISIT,
	                                         [PC_PHONE] = CH_PHONE,
	                                         [PC_NEWSLETTER] = CH_NEWSLETTER,
	                                         [PC_NONE] = -1};
	struct plan_row *rows = NULL;
	size_t n = 0;
	int64_t batch = 0;
	if (store_plan_applied(db, &batch, &rows, &n, cause) != 0)
		return -1;
	const struct dataset *ds = &p->in.ds;
	for (size_t k = 0; k < n; k++) {
		int32_t i = dataset_customer_by_store_id(ds, rows[k].store_id);
		if (i < 0)
			continue;
		struct planned_contact *pc = &p->pc[i];
		pc->owner = dataset_seller_index(ds, rows[k].seller_id);
		pc->channel = channel[rows[k].channel];
		pc->per_year[CH_VISIT] = rows[k].visits;
		pc->per_year[CH_PHONE] = rows[k].calls;
		pc->per_year[CH_NEWSLETTER] = rows[k].newsletters;
	}
	store_plan_rows_free(rows, n);
	return 0;
}

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
	if (from_applied_plan(db, p, cause) != 0)
		return -1;
	size_t n = p->in.ds.ncustomers + 1;
	int32_t *owner = xmalloc(n * sizeof(*owner));
	double *visits = xmalloc(n * sizeof(*visits));
	for (size_t i = 0; i < p->in.ds.ncustomers; i++) {
		owner[i] = p->pc[i].owner;
		visits[i] = p->pc[i].per_year[CH_VISIT];
	}
	p->route.owner = owner;
	p->route.visits = visits;
	return 0;
}

void app_planned_free(struct app_planned *p)
{
	if (!p)
		return;
	app_snapinput_free(&p->in);
	free(p->pc);
	free((void *)p->route.owner);
	free((void *)p->route.visits);
	memset(p, 0, sizeof(*p));
}
