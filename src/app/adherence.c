/* adherence.c (app) — loading the plan and the activities and computing
 * plan adherence (adherence.h). */
#include "app/adherence.h"
#include "store/dataset.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

int app_adherence_load(struct sqlite3 *db, int32_t from, int32_t to, const char *seller_id,
                       struct app_adherence *x, char **cause)
{
	memset(x, 0, sizeof(*x));
	int r =
	    app_planned_load(db, LOAD_CUSTOMERS | LOAD_SELLERS | LOAD_ACTIVITIES, &x->plan, cause);
	if (r != 0)
		return r > 0 ? APP_ADH_NO_SNAPSHOT : -1;
	const struct dataset *ds = &x->plan.in.ds;
	int32_t only = -1;
	if (seller_id && (only = dataset_seller_index(ds, seller_id)) < 0) {
		*cause = xasprintf("there is no seller '%s'", seller_id);
		return APP_ADH_NO_SELLER;
	}
	adherence_default_period(ds, x->plan.applied_day, days_today(), &from, &to);
	if (adherence_compute(ds, x->plan.pc, from, to, &x->a, cause) != 0)
		return APP_ADH_BAD_PERIOD;
	x->view = (struct adherence_view){
	    .a = &x->a, .ds = ds, .pc = x->plan.pc, .applied = x->plan.applied_day, .only = only};
	return 0;
}

void app_adherence_free(struct app_adherence *x)
{
	if (!x)
		return;
	adherence_free(&x->a);
	app_planned_free(&x->plan);
	memset(x, 0, sizeof(*x));
}

int app_adherence_html(struct sqlite3 *db, FILE *f, enum lang lang, char **cause)
{
	struct app_adherence x;
	int r = app_adherence_load(db, DAYS_NONE, DAYS_NONE, NULL, &x, cause);
	if (r == APP_ADH_NO_SNAPSHOT) {
		free(*cause);
		*cause = NULL;
		r = 0;
	} else if (r == 0) {
		adherence_html_section(f, &x.view, lang);
	}
	app_adherence_free(&x);
	return r == 0 ? 0 : -1;
}
