/* followapi.c — the follow-up's dashboard routes (docs/follow-up.md):
 *   GET /api/adherence?from=&to=&seller=  plan adherence as `fokus adherence
 *       --format json` prints it; a seller gets only their own rows. */
#include "app/adherence.h"
#include "util/days.h"
#include "web/handlers.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void send_json(struct web_ctx *c, json_t *root)
{
	char *s = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(6));
	strbuf_reset(&c->rs->body);
	strbuf_puts(&c->rs->body, s ? s : "null");
	free(s);
	c->rs->status = 200;
	c->rs->content_type = "application/json";
}

void followapi_adherence(struct web_ctx *c)
{
	const char *f = web_arg(c, "from"), *t = web_arg(c, "to"), *seller = web_arg(c, "seller");
	int32_t from = DAYS_NONE, to = DAYS_NONE;
	if ((f && *f && days_parse_iso(f, &from) != 0) || (t && *t && days_parse_iso(t, &to) != 0)) {
		web_error(c, 400, "from and to are dates as YYYY-MM-DD");
		return;
	}
	if (seller && !*seller)
		seller = NULL;
	if (c->scope.seller_id) {
		if (seller && strcmp(seller, c->scope.seller_id) != 0) {
			web_error(c, 404, "no such seller");
			return;
		}
		seller = c->scope.seller_id;
	}
	struct app_adherence x;
	char *cause = NULL;
	int r = app_adherence_load(c->db, from, to, seller, &x, &cause);
	if (r == 0) {
		json_t *root = adherence_json(&x.view, 500);
		send_json(c, root);
		json_decref(root);
	} else if (r == APP_ADH_NO_SNAPSHOT) {
		web_error(c, 409, "no categorization yet: categorize first");
	} else if (r == APP_ADH_NO_SELLER) {
		web_error(c, 404, "no such seller");
	} else if (r == APP_ADH_BAD_PERIOD) {
		web_error(c, 400, cause);
	} else {
		web_fail(c, cause);
		cause = NULL;
	}
	free(cause);
	app_adherence_free(&x);
}
