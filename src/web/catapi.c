/* catapi.c — the categorization from the dashboard: the list of snapshots
 * with the migration table between two of them (History page), and "save
 * as new categorization" with the thresholds dragged on the Overview page.
 * Both go through the categorization code the commands use
 * (categorize-run.c, store/snapshot.c, render/catout.c), so the terminal
 * and the browser show the same numbers. */
#include "app/categorize-run.h"
#include "core/category.h"
#include "render/catout.h"
#include "store/snapshot.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "store/audit.h"
#include "web/handlers.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Parses a snapshot id argument: 0 when absent, -1 when malformed. */
static int64_t arg_id(const char *s)
{
	if (!s || !*s)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return errno || *end || v <= 0 ? -1 : v;
}

/* Writes the migration between snapshots a and b as JSON into out. 0, 1 (a
 * snapshot is missing), -1 (*cause). */
static int migration_json(struct web_ctx *c, int64_t a, int64_t b, FILE *out, char **cause)
{
	struct snapshot sa, sb;
	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	int r = store_snapshot_load(c->db, a, &sa, cause);
	if (r != 0)
		return r;
	r = store_snapshot_load(c->db, b, &sb, cause);
	if (r != 0) {
		store_snapshot_free(&sa);
		return r;
	}
	struct cat_migration m;
	category_migration(sa.store_id, sa.rows, sa.n, sb.store_id, sb.rows, sb.n, &m);
	catout_migration_json(out, &m, a, b);
	store_snapshot_free(&sa);
	store_snapshot_free(&sb);
	return 0;
}

void catapi_history(struct web_ctx *c)
{
	struct cat_runinfo *items = NULL;
	size_t n = 0;
	char *cause = NULL, *buf = NULL;
	size_t len = 0;
	int64_t from = arg_id(web_arg(c, "from")), to = arg_id(web_arg(c, "to"));
	if (from < 0 || to < 0) {
		web_error(c, 400, "from and to must be snapshot ids");
		return;
	}
	if (store_snapshot_list(c->db, &items, &n, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	/* Default: the last two runs. */
	if (!to && n >= 1)
		to = items[n - 1].run.id;
	if (!from && n >= 2)
		from = to == items[n - 1].run.id ? items[n - 2].run.id : 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		free(items);
		web_error(c, 500, "out of memory");
		return;
	}
	fputs("{\"snapshots\":", f);
	catout_history_json(f, items, n);
	fputs(",\"migration\":", f);
	int r = 1;
	if (from && to)
		r = migration_json(c, from, to, f, &cause);
	if (r == 1)
		fputs("null", f);
	fputs("}\n", f);
	fclose(f);
	free(items);
	if (r < 0) {
		free(buf);
		web_fail(c, cause);
		return;
	}
	if (r == 1 && (web_arg(c, "from") || web_arg(c, "to"))) {
		free(buf);
		web_error(c, 404, "no such snapshot");
		return;
	}
	strbuf_reset(&c->rs->body);
	strbuf_append(&c->rs->body, buf, len);
	free(buf);
	c->rs->status = 200;
	c->rs->content_type = "application/json";
}

/* A threshold in currency units from the body into minor units; -1 when bad. */
static int threshold(json_t *v, int64_t *out)
{
	if (!json_is_number(v))
		return -1;
	double x = json_number_value(v);
	if (!isfinite(x) || x < 0 || x > 1e15)
		return -1;
	*out = (int64_t)llround(x * 100.0);
	return 0;
}

/* The parameters of the new run: with both thresholds, the latest run's
 * options with both axes absolute at those values, on the same as-of date,
 * without the stability margin (what the Overview's preview showed);
 * without thresholds, the defaults of `fokus categorize`. 0, or -1 after
 * setting the answer. */
static int new_params(struct web_ctx *c, json_t *j, struct cat_params *p)
{
	json_t *jr = json_object_get(j, "revenue_threshold"),
	       *jp = json_object_get(j, "potential_threshold");
	char *cause = NULL;
	if (!jr && !jp) {
		cat_params_default(p);
		return 0;
	}
	int64_t rt, pt, latest = 0;
	struct cat_run prev;
	if (threshold(jr, &rt) != 0 || threshold(jp, &pt) != 0) {
		web_error(
		    c, 400,
		    "give revenue_threshold and potential_threshold as numbers ≥ 0 (or neither)");
		return -1;
	}
	int r = store_snapshot_latest(c->db, &latest, &cause);
	if (r == 0)
		r = store_snapshot_run(c->db, latest, &prev, &cause);
	if (r < 0) {
		web_fail(c, cause);
		return -1;
	}
	if (r == 1) {
		web_error(
		    c, 409,
		    "no categorization yet to start from: categorize with the defaults first");
		return -1;
	}
	*p = prev.p;
	p->method = METHOD_ABSOLUTE;
	p->has_revenue_min = true;
	p->revenue_min = rt;
	p->has_potential_min = true;
	p->potential_min = pt;
	p->margin = 0;
	p->today = DAYS_NONE;
	return 0;
}

void catapi_categorize(struct web_ctx *c)
{
	json_t *j = web_json_body(c);
	if (!j)
		return;
	struct cat_params p;
	struct cat_run run;
	struct cat_summary sum;
	char *cause = NULL;
	int ok = new_params(c, j, &p);
	json_decref(j);
	if (ok != 0)
		return;
	if (categorize_run(c->db, &p, &run, &sum, NULL, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	web_audit(c, NULL, "categorize", AUDIT_CATEGORIZE_FMT, (long long)run.id,
	          sum.all.customers);
	struct jsonw w;
	web_json_begin(c, &w);
	c->rs->status = 201;
	jsonw_obj(&w);
	jsonw_kint(&w, "snapshot_id", run.id);
	jsonw_kmoney(&w, "revenue_threshold", run.revenue_t.value);
	jsonw_kmoney(&w, "potential_threshold", run.potential_t.value);
	jsonw_key(&w, "categories");
	jsonw_arr(&w);
	for (int k = 0; k < CAT_COUNT; k++) {
		jsonw_obj(&w);
		jsonw_kstr(&w, "category", category_code((enum category)k));
		jsonw_kint(&w, "customers", (int64_t)sum.cat[k].customers);
		jsonw_kmoney(&w, "revenue", sum.cat[k].revenue);
		jsonw_kmoney(&w, "potential", sum.cat[k].potential);
		jsonw_end_obj(&w);
	}
	jsonw_end_arr(&w);
	jsonw_end_obj(&w);
}
