/* routeapi.c — a field seller's coming days for the Plan page: GET
 * /api/route?seller=ID[&from=YYYY-MM-DD][&days=5] checks the request and
 * who asks (a seller may plan only their own days), lets app_route_week plan
 * the due visits of the coverage plan (great-circle distances x 1.3 at
 * 70 km/h, days 08:00 + 8 h, as `fokus route` does by default) and answers
 * render/route-render.c's JSON. */
#include "app/route.h"
#include "core/route-plan.h"
#include "render/route-render.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void routeapi_week(struct web_ctx *c)
{
	const char *seller = web_seller_arg(c), *from_s = web_arg(c, "from"),
	           *days_s = web_arg(c, "days");
	if (!seller)
		return;
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
	struct app_route_week w;
	char *cause = NULL, *note = NULL, *buf = NULL;
	size_t len = 0;
	switch (app_route_week(c->db, seller, from, ndays, &w, &cause)) {
	case APP_WEEK_OK:
		break;
	case APP_WEEK_NO_SNAPSHOT:
		web_error(c, 409, "no categorization yet: categorize first");
		goto out;
	case APP_WEEK_NO_SELLER:
		web_error(c, 404, "no such seller");
		goto out;
	case APP_WEEK_NO_HOME:
		web_error(c, 409, "this seller has no home address to start from");
		goto out;
	case APP_WEEK_FAILED:
		web_fail(c, cause);
		cause = NULL;
		goto out;
	}
	const struct seller *sel = &w.in.ds.sellers[w.seller];
	note = xstrdup(
	    TR(c->lang, "great-circle distance x 1.30 at 70 km/h", "fågelvägen x 1.30 i 70 km/h"));
	struct route_doc doc = {.ds = &w.in.ds,
	                        .seller = sel,
	                        .visits = w.rt.visits,
	                        .nvisits = w.rt.nvisits,
	                        .plan = &w.rt.plan,
	                        .params = &w.prm,
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
	app_route_week_free(&w);
}
