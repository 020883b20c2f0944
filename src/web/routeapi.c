/* routeapi.c — a field seller's coming days for the Plan page: GET
 * /api/route?seller=ID[&from=YYYY-MM-DD][&days=5] plans the due visits of
 * the coverage plan (app/plan.h: each customer's planned person and
 * frequency) with core/route-plan.c (great-circle distances x 1.3 at 70 km/h, days 08:00 +
 * 8 h, as `fokus route` does by default) and answers
 * render/route-render.c's JSON. A seller may plan only their own days. */
#include "app/plan.h"
#include "app/route.h"
#include "core/route-plan.h"
#include "render/route-render.h"
#include "store/snapshot.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The coverage plan the days follow (each customer's planned person and
 * visits a year, as `fokus route`). 0, or -1 after an answer. */
static int load(struct web_ctx *c, struct plan_inputs *in, struct plan_result **r,
                struct route_planned *planned)
{
	char *cause = NULL;
	int64_t snap = 0;
	int k = store_snapshot_latest(c->db, &snap, &cause);
	if (k == 1) {
		web_error(c, 409, "no categorization yet: categorize first");
		return -1;
	}
	if (k < 0 || app_plan_route(c->db, in, r, planned, &cause) != 0) {
		web_fail(c, cause);
		return -1;
	}
	return 0;
}

void routeapi_week(struct web_ctx *c)
{
	const char *seller = web_arg(c, "seller"), *from_s = web_arg(c, "from"),
	           *days_s = web_arg(c, "days");
	if (!seller || !*seller)
		seller = c->scope.seller_id;
	if (!seller || !*seller) {
		web_error(c, 400, "give ?seller=ID");
		return;
	}
	if (c->scope.seller_id && strcmp(seller, c->scope.seller_id) != 0) {
		web_error(c, 404, "no such seller");
		return;
	}
	int32_t from = days_today() + 1;
	if (from_s && *from_s && days_parse_iso(from_s, &from) != 0) {
		web_error(c, 400, "from is a date as YYYY-MM-DD");
		return;
	}
	int ndays = 5;
	if (days_s && *days_s) {
		char *end;
		errno = 0;
		long v = strtol(days_s, &end, 10);
		if (errno || *end || v < 1 || v > 20) {
			web_error(c, 400, "days must be 1..20");
			return;
		}
		ndays = (int)v;
	}
	struct plan_inputs in = {0};
	struct plan_result *pr = NULL;
	struct route_planned planned = {NULL, NULL};
	struct app_route rt = {0};
	int32_t days[20];
	char *cause = NULL, *note = NULL, *buf = NULL;
	size_t len = 0;
	if (load(c, &in, &pr, &planned) != 0)
		goto out;
	struct dataset ds = in.ds;
	int32_t s = dataset_seller_index(&ds, seller);
	if (s < 0) {
		web_error(c, 404, "no such seller");
		goto out;
	}
	const struct seller *sel = &ds.sellers[s];
	if (!sel->has_home) {
		web_error(c, 409, "this seller has no home address to start from");
		goto out;
	}
	struct route_params prm = {.day_start = 8 * 60,
	                           .day_length = 8 * 60,
	                           .lunch = 0,
	                           .lunch_from = 11 * 60 + 30,
	                           .lunch_to = 13 * 60,
	                           .seed = 1,
	                           .time_limit = 2,
	                           .iterations = 0};
	route_plan_days(from, ndays, days);
	if (app_route_plan(&ds, in.cat, &in.policy, &planned, s, days, ndays, &prm, 1.3, 70, &rt,
	                   &cause) != 0) {
		web_fail(c, cause);
		cause = NULL;
		goto out;
	}
	note = xstrdup(
	    TR(c->lang, "great-circle distance x 1.30 at 70 km/h", "fågelvägen x 1.30 i 70 km/h"));
	struct route_doc doc = {.ds = &ds,
	                        .seller = sel,
	                        .visits = rt.visits,
	                        .nvisits = rt.nvisits,
	                        .plan = &rt.plan,
	                        .params = &prm,
	                        .start_lat = sel->home_lat,
	                        .start_lon = sel->home_lon,
	                        .start_label = TR(c->lang, "home", "hemma"),
	                        .travel_note = note,
	                        .lang = c->lang,
	                        .now = time(NULL)};
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		web_error(c, 500, "out of memory");
		goto out;
	}
	route_render_json(f, &doc);
	fclose(f);
	strbuf_reset(&c->rs->body);
	strbuf_append(&c->rs->body, buf, len);
	c->rs->status = 200;
	c->rs->content_type = "application/json";
out:
	free(buf);
	free(note);
	free(cause);
	app_route_free(&rt);
	app_route_planned_free(&planned);
	plan_result_free(pr);
	plan_inputs_free(&in);
}
