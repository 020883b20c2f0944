/* anaapi.c — the activity diagnosis for the Sellers and Activity pages:
 * GET /api/analysis (visits by category per seller, contact-time share,
 * workload against capacity, booking frequency per week, findings) and GET
 * /api/uncontacted (customers with no contact in the period). Computed by
 * core/analysis.c over the latest snapshot and rendered by
 * render/analysis-json.c — the same numbers as `fokus analyze`. A seller
 * gets only their own rows: the team's and other sellers' figures are left
 * out. */
#include "app/analysis.h"
#include "core/analysis.h"
#include "core/category.h"
#include "render/analysis-json.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The workspace and the latest snapshot's categories, revenue and potential
 * per customer. 0, or -1 after setting the answer (409 without a snapshot). */
static int load(struct web_ctx *c, struct app_snapinput *in)
{
	char *cause = NULL;
	int r = app_analysis_load(c->db, 0, in, &cause);
	if (r == 0)
		return 0;
	app_snapinput_free(in);
	if (r == 1) {
		free(cause);
		web_error(c, 409, "no categorization yet: categorize first");
	} else {
		web_fail(c, cause);
	}
	return -1;
}

/* Reads ?from=&to= (ISO dates) into the parameters; 0, or -1 after a 400. */
static int period(struct web_ctx *c, struct analysis_params *p)
{
	analysis_params_default(p);
	const char *f = web_arg(c, "from"), *t = web_arg(c, "to");
	if ((f && *f && days_parse_iso(f, &p->from) != 0) ||
	    (t && *t && days_parse_iso(t, &p->to) != 0)) {
		web_error(c, 400, "from and to are dates as YYYY-MM-DD");
		return -1;
	}
	return 0;
}

static int compute(struct web_ctx *c, const struct app_snapinput *in, struct analysis_params *p,
                   struct analysis *a)
{
	char *cause = NULL;
	switch (app_analysis_compute(in, p, a, &cause)) {
	case APP_ANALYSIS_OK:
		return 0;
	case APP_ANALYSIS_NO_ACTIVITIES:
		web_error(c, 409, "no activities in the workspace: import some first");
		return -1;
	case APP_ANALYSIS_EMPTY_PERIOD:
		web_error(c, 400, "from is after to");
		return -1;
	case APP_ANALYSIS_BAD_PARAMS:
		break;
	}
	web_error(c, 400, cause);
	free(cause);
	return -1;
}

/* Keeps only the array entries whose seller_id is `mine`. */
static void keep_seller(json_t *root, const char *key, const char *mine)
{
	json_t *arr = json_object_get(root, key), *out = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		const char *id = json_string_value(json_object_get(v, "seller_id"));
		if (id && !strcmp(id, mine))
			json_array_append(out, v);
	}
	json_object_set_new(root, key, out);
}

void anaapi_analysis(struct web_ctx *c)
{
	struct app_snapinput in;
	struct analysis_params p;
	struct analysis a;
	if (period(c, &p) != 0 || load(c, &in) != 0)
		return;
	if (compute(c, &in, &p, &a) != 0) {
		app_snapinput_free(&in);
		return;
	}
	json_t *root = analysis_json(&a, in.snapshot, c->lang);
	if (c->scope.seller_id) {
		static const char *const mine[] = {"visits",       "sellers",
		                                   "contact_time", "uncontacted_by_seller",
		                                   "bookings",     "booking_summary"};
		static const char *const team[] = {"categories",  "order_value", "order_value_all",
		                                   "uncontacted", "findings",    "activities"};
		for (size_t i = 0; i < sizeof(mine) / sizeof(mine[0]); i++)
			keep_seller(root, mine[i], c->scope.seller_id);
		for (size_t i = 0; i < sizeof(team) / sizeof(team[0]); i++)
			json_object_del(root, team[i]);
	}
	web_json_send(c, root);
	json_decref(root);
	analysis_free(&a);
	app_snapinput_free(&in);
}

/* Whether hay holds needle, ASCII letters compared without case (as the
 * customer list's search, SQLite's lower()). */
static int contains_nocase(const char *hay, const char *needle)
{
	if (!hay)
		return 0;
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}

/* Parses ?NAME= as a whole number >= 0 into *out (absent: keeps *out). 0,
 * or -1 after a 400. */
static int count_arg(struct web_ctx *c, const char *name, long long *out)
{
	const char *v = web_arg(c, name);
	if (!v || !*v)
		return 0;
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (errno || *end || x < 0) {
		web_error(c, 400, "limit and offset are whole numbers >= 0");
		return -1;
	}
	*out = x;
	return 0;
}

void anaapi_uncontacted(struct web_ctx *c)
{
	struct app_snapinput in;
	struct analysis_params p;
	struct analysis a;
	const char *cat_s = web_arg(c, "category"), *seller = web_arg(c, "seller");
	enum category k = CAT_NONE;
	if (cat_s && *cat_s && category_parse(cat_s, &k) != 0) {
		web_error(c, 400, "category must be 1, 2R, 2P or 3");
		return;
	}
	if (web_seller(c, seller, &seller) != 0)
		return;
	const char *q = web_arg(c, "q");
	long long limit = -1, offset = 0;
	if (count_arg(c, "limit", &limit) != 0 || count_arg(c, "offset", &offset) != 0)
		return;
	if (period(c, &p) != 0 || load(c, &in) != 0)
		return;
	if (compute(c, &in, &p, &a) != 0) {
		app_snapinput_free(&in);
		return;
	}
	size_t n = 0;
	int32_t *idx = analysis_uncontacted(&a, cat_s && *cat_s ? (int)k : -1, seller, &n);
	if (q && *q) { /* the search: name or customer ID */
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			const struct customer *cu = &in.ds.customers[idx[i]];
			if (contains_nocase(cu->id, q) || contains_nocase(cu->name, q))
				idx[m++] = idx[i];
		}
		n = m;
	}
	/* One page of them; "count" and "total" are all that match. */
	size_t from = (size_t)offset < n ? (size_t)offset : n;
	size_t take = limit < 0 || (size_t)limit > n - from ? n - from : (size_t)limit;
	json_t *root = analysis_json_uncontacted(&a, idx ? idx + from : NULL, take);
	json_object_set_new(root, "count", json_integer((json_int_t)n));
	json_object_set_new(root, "total", json_integer((json_int_t)n));
	json_object_set_new(root, "offset", json_integer((json_int_t)from));
	web_json_send(c, root);
	json_decref(root);
	free(idx);
	analysis_free(&a);
	app_snapinput_free(&in);
}
