/* api.c — the JSON API over the workspace: summary, customers (list and
 * one), overrides, the matrix points, sellers, and the call-list export.
 * Thin: parse the query, call store/webq.c with the user's scope, write
 * JSON. What a user may not see does not exist for them (404). */
#include "core/dataset.h"
#include "render/csvw.h"
#include "render/planview.h"
#include "store/db.h"
#include "store/webq.h"
#include "util/days.h"
#include "util/fname.h"
#include "util/xmalloc.h"
#include "store/audit.h"
#include "web/cache.h"
#include "web/handlers.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Parses a non-negative integer argument; -1 when malformed. */
static int64_t parse_count(const char *s)
{
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		return -1;
	return v;
}

/* The head of a point list (matrix, map): how many in all, whether every
 * k-th was taken, the field names (NULL-ended) of each point; then the
 * "points" array is open. */
static void points_begin(struct jsonw *w, int64_t total, int sampled, const char *const *fields)
{
	jsonw_kint(w, "total", total);
	jsonw_key(w, "sampled");
	jsonw_bool(w, sampled);
	jsonw_key(w, "fields");
	jsonw_arr(w);
	for (size_t i = 0; fields[i]; i++)
		jsonw_str(w, fields[i]);
	jsonw_end_arr(w);
	jsonw_key(w, "points");
	jsonw_arr(w);
}

static void write_snapshot(struct jsonw *w, const struct webq_snapshot *s)
{
	char d[11];
	if (!s->id) {
		jsonw_null(w);
		return;
	}
	jsonw_obj(w);
	jsonw_kint(w, "id", s->id);
	jsonw_kstr(w, "created_at", s->created_at);
	jsonw_kstr(w, "as_of", days_iso(s->as_of, d));
	jsonw_kint(w, "window_months", s->window_months);
	jsonw_kstr(w, "axis", s->axis);
	jsonw_kstr(w, "method", s->method);
	jsonw_kmoney_or_null(w, "revenue_threshold", s->has_revenue_threshold,
	                     s->revenue_threshold);
	jsonw_kmoney_or_null(w, "potential_threshold", s->has_potential_threshold,
	                     s->potential_threshold);
	jsonw_end_obj(w);
}

/* The summary of the whole workspace (scopes without a seller) is read by
 * every page: kept in the result cache for the workspace state (an override,
 * a categorization or an import changes the data version), per scope and
 * snapshot, so the Overview of a million customers answers at once. */
static int summary_of(struct web_ctx *c, const struct webq_snapshot *snap,
                      struct webq_catsum sum[4], char **cause)
{
	struct web_cache *cache = c->app->cache;
	const size_t size = 4 * sizeof(*sum);
	if (c->scope.seller_id || !cache)
		return webq_summary(c->db, &c->scope, snap->id, sum, cause);
	int64_t version;
	if (db_data_version(c->db, &version, cause) != 0)
		return -1;
	char key[64];
	snprintf(key, sizeof(key), "summary\x1f%d\x1f%lld", c->scope.category3_only,
	         (long long)snap->id);
	struct web_cached a;
	if (web_cache_get(cache, key, version, &a)) {
		int ok = a.len == size;
		if (ok)
			memcpy(sum, a.body, size);
		web_cached_free(&a);
		if (ok)
			return 0;
	}
	if (webq_summary(c->db, &c->scope, snap->id, sum, cause) != 0)
		return -1;
	struct web_cached put = {.body = (char *)sum, .len = size};
	web_cache_put(cache, key, version, &put);
	return 0;
}

void api_summary(struct web_ctx *c)
{
	struct webq_snapshot snap;
	struct webq_catsum sum[4];
	char *cause = NULL;
	if (web_snapshot(c, &snap) != 0)
		return;
	if (summary_of(c, &snap, sum, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	struct jsonw w;
	struct webq_catsum tot = {0, 0, 0};
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "snapshot");
	write_snapshot(&w, &snap);
	jsonw_key(&w, "categories");
	jsonw_arr(&w);
	for (int k = 0; k < CAT_COUNT; k++) {
		jsonw_obj(&w);
		jsonw_kstr(&w, "category", category_code((enum category)k));
		jsonw_kstr(&w, "label", category_label((enum category)k, c->lang));
		jsonw_kint(&w, "customers", sum[k].customers);
		jsonw_kmoney(&w, "revenue", sum[k].revenue);
		jsonw_kmoney(&w, "potential", sum[k].potential);
		jsonw_end_obj(&w);
		tot.customers += sum[k].customers;
		tot.revenue += sum[k].revenue;
		tot.potential += sum[k].potential;
	}
	jsonw_end_arr(&w);
	jsonw_key(&w, "total");
	jsonw_obj(&w);
	jsonw_kint(&w, "customers", tot.customers);
	jsonw_kmoney(&w, "revenue", tot.revenue);
	jsonw_kmoney(&w, "potential", tot.potential);
	jsonw_end_obj(&w);
	jsonw_end_obj(&w);
}

static void write_customer(struct jsonw *w, const struct webq_customer *r)
{
	jsonw_obj(w);
	jsonw_kstr(w, "customer_id", r->customer_id);
	jsonw_kstr(w, "name", r->name);
	jsonw_kstr(w, "seller_id", r->seller_id);
	jsonw_kstr(w, "category", r->category);
	jsonw_kstr(w, "computed_category", r->computed_category);
	jsonw_kmoney_or_null(w, "revenue", r->category != NULL, r->revenue);
	jsonw_kmoney_or_null(w, "potential", r->has_potential, r->potential);
	jsonw_kstr(w, "potential_source", r->potential_source);
	jsonw_kstr(w, "override_reason", r->override_reason);
	jsonw_kint(w, "orders", r->orders);
	jsonw_kstr(w, "city", r->city);
	jsonw_kstr(w, "postal_code", r->postal_code);
	jsonw_kstr(w, "industry", r->industry);
	jsonw_kstr(w, "email", r->email);
	jsonw_kstr(w, "phone", r->phone);
	jsonw_key(w, "lat");
	if (r->has_loc)
		jsonw_num(w, r->lat, 5);
	else
		jsonw_null(w);
	jsonw_key(w, "lon");
	if (r->has_loc)
		jsonw_num(w, r->lon, 5);
	else
		jsonw_null(w);
	jsonw_end_obj(w);
}

static void customer_row(void *arg, const struct webq_customer *r)
{
	write_customer(arg, r);
}

/* One side of a movement filter: ?was=ID&was_category=2P (or "none": not
 * in that categorization). 0, or -1 after a 400. */
static int read_move(struct web_ctx *c, const char *key, int64_t *snap, const char **cat)
{
	char ck[32];
	snprintf(ck, sizeof(ck), "%s_category", key);
	const char *id = web_arg(c, key), *k = web_arg(c, ck);
	*snap = 0;
	*cat = NULL;
	if (!id || !*id)
		return 0;
	enum category e;
	if ((*snap = parse_count(id)) <= 0) {
		web_error(c, 400, "was and now are categorization (snapshot) ids");
		return -1;
	}
	if (!k || !*k) {
		web_error(c, 400, "give was_category / now_category with was / now");
		return -1;
	}
	if (!strcmp(k, "none"))
		return 0;
	if (category_parse(k, &e) != 0) {
		web_error(c, 400, "was_category and now_category are 1, 2R, 2P, 3 or none");
		return -1;
	}
	*cat = category_code(e);
	return 0;
}

/* Reads the list filter from the query; 0, or -1 after a 400. */
static int read_filter(struct web_ctx *c, struct webq_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->limit = -1;
	const char *cat = web_arg(c, "category"), *lim = web_arg(c, "limit"),
	           *off = web_arg(c, "offset"), *order = web_arg(c, "order");
	if (cat && *cat) {
		enum category k;
		if (category_parse(cat, &k) != 0) {
			web_error(c, 400, "category must be 1, 2R, 2P or 3");
			return -1;
		}
		f->category = category_code(k);
	}
	f->seller = web_arg(c, "seller");
	if (f->seller && !*f->seller)
		f->seller = NULL;
	f->q = web_arg(c, "q");
	f->sort = web_arg(c, "sort");
	f->desc = !order || strcmp(order, "asc") != 0;
	if (lim && *lim && (f->limit = parse_count(lim)) < 0) {
		web_error(c, 400, "limit must be a whole number ≥ 0");
		return -1;
	}
	if (off && *off && (f->offset = parse_count(off)) < 0) {
		web_error(c, 400, "offset must be a whole number ≥ 0");
		return -1;
	}
	if (read_move(c, "was", &f->was_snapshot, &f->was_category) != 0 ||
	    read_move(c, "now", &f->now_snapshot, &f->now_category) != 0)
		return -1;
	return 0;
}

void api_customers(struct web_ctx *c)
{
	struct webq_snapshot snap;
	struct webq_filter f;
	if (read_filter(c, &f) != 0 || web_snapshot(c, &snap) != 0)
		return;
	struct jsonw w;
	int64_t total = 0;
	char *cause = NULL;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "customers");
	jsonw_arr(&w);
	if (webq_customers(c->db, &c->scope, snap.id, &f, customer_row, &w, &total, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_kint(&w, "total", total);
	jsonw_kint(&w, "snapshot_id", snap.id);
	jsonw_end_obj(&w);
}

/* The category history of one customer, for a scope. */
struct hist_acc {
	struct jsonw *w;
	bool category3_only; /* customer service: the category-3 part only */
};

static void hist_row(void *arg, const struct webq_hist *h)
{
	const struct hist_acc *acc = arg;
	struct jsonw *w = acc->w;
	char d[11];
	if (acc->category3_only && (!h->category || strcmp(h->category, "3") != 0))
		return;
	jsonw_obj(w);
	jsonw_kint(w, "snapshot_id", h->snapshot_id);
	jsonw_kstr(w, "created_at", h->created_at);
	jsonw_kstr(w, "as_of", days_iso(h->as_of, d));
	jsonw_kstr(w, "category", h->category);
	jsonw_kstr(w, "computed_category", h->computed_category);
	jsonw_kstr(w, "override_reason", h->override_reason);
	jsonw_kmoney(w, "revenue", h->revenue);
	jsonw_kmoney_or_null(w, "potential", h->has_potential, h->potential);
	jsonw_end_obj(w);
}

static void month_row(void *arg, const char *month, int64_t amount, int64_t orders)
{
	struct jsonw *w = arg;
	jsonw_obj(w);
	jsonw_kstr(w, "month", month);
	jsonw_kmoney(w, "revenue", amount);
	jsonw_kint(w, "orders", orders);
	jsonw_end_obj(w);
}

static void contact_row(void *arg, const struct webq_contact *k)
{
	struct jsonw *w = arg;
	char d[11];
	jsonw_obj(w);
	jsonw_kstr(w, "date", days_iso(k->day, d));
	jsonw_key(w, "time");
	if (k->minute >= 0) {
		char t[8];
		snprintf(t, sizeof(t), "%02d:%02d", (k->minute / 60) % 24, k->minute % 60);
		jsonw_str(w, t);
	} else {
		jsonw_null(w);
	}
	jsonw_kstr(w, "type", k->type);
	jsonw_kstr(w, "seller_id", k->seller_id);
	jsonw_key(w, "duration_min");
	if (k->duration_min >= 0)
		jsonw_num(w, k->duration_min, 1);
	else
		jsonw_null(w);
	jsonw_end_obj(w);
}

void api_customer(struct web_ctx *c)
{
	struct webq_snapshot snap;
	if (web_snapshot(c, &snap) != 0)
		return;
	const char *id = c->tail;
	struct jsonw w;
	char *cause = NULL;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "customer");
	int r = webq_customer_one(c->db, &c->scope, snap.id, id, customer_row, &w, &cause);
	if (r < 0) {
		web_fail(c, cause);
		return;
	}
	if (r == 1) {
		web_error(c, 404, "no such customer");
		return;
	}
	jsonw_key(&w, "history");
	jsonw_arr(&w);
	struct hist_acc hist = {&w, c->scope.category3_only};
	if (webq_customer_history(c->db, id, hist_row, &hist, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_key(&w, "monthly");
	jsonw_arr(&w);
	if (webq_customer_monthly(c->db, id, month_row, &w, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_key(&w, "contacts");
	jsonw_arr(&w);
	if (webq_customer_contacts(c->db, id, 200, contact_row, &w, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_end_obj(&w);
}

void api_override(struct web_ctx *c)
{
	json_t *j = web_json_body(c);
	if (!j)
		return;
	const char *id = json_string_value(json_object_get(j, "customer_id"));
	const char *cat = json_string_value(json_object_get(j, "category"));
	const char *reason = json_string_value(json_object_get(j, "reason"));
	enum category k;
	struct webq_snapshot snap;
	char *cause = NULL;
	if (!id || !*id) {
		web_error(c, 400, "give customer_id");
		goto out;
	}
	if (!cat || category_parse(cat, &k) != 0) {
		web_error(c, 400, "category must be 1, 2R, 2P or 3");
		goto out;
	}
	if (!reason || !*reason || strlen(reason) > 1000) {
		web_error(c, 400, "give a reason (1 to 1000 characters)");
		goto out;
	}
	if (web_snapshot(c, &snap) != 0)
		goto out;
	int r = webq_override_set(c->db, &c->scope, snap.id, id, category_code(k), reason,
	                          c->ses->user.name, &cause);
	if (r < 0) {
		web_fail(c, cause);
		goto out;
	}
	if (r == 1) {
		web_error(c, 404, "no such customer");
		goto out;
	}
	web_audit(c, NULL, "override", AUDIT_OVERRIDE_FMT, id, category_code(k), reason);
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "customer");
	if (webq_customer_one(c->db, &c->scope, snap.id, id, customer_row, &w, &cause) != 0) {
		web_fail(c, cause);
		goto out;
	}
	jsonw_end_obj(&w);
out:
	json_decref(j);
}

/* The matrix: one compact point per customer, at most MATRIX_MAX of them. */
#define MATRIX_MAX 50000

struct matrix_acc {
	struct jsonw *w;
	int64_t step, i;
};

static void matrix_row(void *arg, const struct webq_customer *r)
{
	struct matrix_acc *m = arg;
	if (m->i++ % m->step != 0 || !r->category)
		return;
	jsonw_arr(m->w);
	jsonw_money(m->w, r->revenue);
	if (r->has_potential)
		jsonw_money(m->w, r->potential);
	else
		jsonw_null(m->w);
	jsonw_str(m->w, r->category);
	jsonw_str(m->w, r->customer_id);
	jsonw_str(m->w, r->name);
	jsonw_str(m->w, r->computed_category);
	jsonw_end_arr(m->w);
}

void api_matrix(struct web_ctx *c)
{
	struct webq_snapshot snap;
	struct webq_catsum sum[4];
	char *cause = NULL;
	if (web_snapshot(c, &snap) != 0)
		return;
	if (summary_of(c, &snap, sum, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	int64_t n = sum[0].customers + sum[1].customers + sum[2].customers + sum[3].customers;
	struct jsonw w;
	struct matrix_acc m = {&w, n > MATRIX_MAX ? (n + MATRIX_MAX - 1) / MATRIX_MAX : 1, 0};
	struct webq_filter f = {.sort = "customer_id", .limit = -1};
	int64_t total;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "snapshot");
	write_snapshot(&w, &snap);
	static const char *const fields[] = {
	    "revenue", "potential", "category", "customer_id", "name", "computed_category", NULL};
	points_begin(&w, n, m.step > 1, fields);
	if (snap.id &&
	    webq_customers(c->db, &c->scope, snap.id, &f, matrix_row, &m, &total, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_end_obj(&w);
}

/* The map: located customers as [lon, lat, category, customer_id, name,
 * seller_id], at most MAP_MAX of them (every k-th beyond). The page draws
 * what is in view and samples when that is too many (web/js/pages/map.js). */
#define MAP_MAX 200000

struct map_acc {
	struct jsonw *w;
	int64_t step, i, located;
};

static void map_row(void *arg, const struct webq_customer *r)
{
	struct map_acc *m = arg;
	if (!r->has_loc)
		return;
	if (m->located++ % m->step != 0)
		return;
	jsonw_arr(m->w);
	jsonw_num(m->w, r->lon, 4);
	jsonw_num(m->w, r->lat, 4);
	jsonw_str(m->w, r->category);
	jsonw_str(m->w, r->customer_id);
	jsonw_str(m->w, r->name);
	jsonw_str(m->w, r->seller_id);
	jsonw_end_arr(m->w);
}

void api_map(struct web_ctx *c)
{
	struct webq_snapshot snap;
	if (web_snapshot(c, &snap) != 0)
		return;
	struct webq_filter f = {.sort = "customer_id", .limit = -1};
	int64_t total = 0;
	char *cause = NULL;
	/* A first pass counts (cheaply, by the same query's total) to pick the step. */
	struct webq_filter probe = f;
	probe.limit = 0;
	struct jsonw w;
	web_json_begin(c, &w);
	if (webq_customers(c->db, &c->scope, snap.id, &probe, map_row, NULL, &total, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	struct map_acc m = {&w, total > MAP_MAX ? (total + MAP_MAX - 1) / MAP_MAX : 1, 0, 0};
	jsonw_obj(&w);
	static const char *const fields[] = {"lon",  "lat",       "category", "customer_id",
	                                     "name", "seller_id", NULL};
	points_begin(&w, total, m.step > 1, fields);
	if (webq_customers(c->db, &c->scope, snap.id, &f, map_row, &m, &total, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_kint(&w, "located", m.located);
	jsonw_end_obj(&w);
}

/* The sellers list, for a scope. */
struct seller_acc {
	struct jsonw *w;
	bool homes; /* customer service sees no seller's home */
};

static void seller_row(void *arg, const struct webq_seller *s)
{
	const struct seller_acc *acc = arg;
	struct jsonw *w = acc->w;
	jsonw_obj(w);
	jsonw_kstr(w, "seller_id", s->seller_id);
	jsonw_kstr(w, "name", s->name);
	jsonw_kstr(w, "role", s->role);
	jsonw_key(w, "hours_per_year");
	if (s->hours_per_year > 0)
		jsonw_num(w, s->hours_per_year, 1);
	else
		jsonw_null(w);
	jsonw_key(w, "home");
	if (s->has_home && acc->homes) {
		jsonw_obj(w);
		jsonw_key(w, "lat");
		jsonw_num(w, s->home_lat, 5);
		jsonw_key(w, "lon");
		jsonw_num(w, s->home_lon, 5);
		jsonw_end_obj(w);
	} else {
		jsonw_null(w);
	}
	jsonw_end_obj(w);
}

static void owner_row(void *arg, const char *seller_id, const char *category,
                      const struct webq_catsum *sum)
{
	struct jsonw *w = arg;
	jsonw_obj(w);
	jsonw_kstr(w, "seller_id", seller_id);
	jsonw_kstr(w, "category", category);
	jsonw_kint(w, "customers", sum->customers);
	jsonw_kmoney(w, "revenue", sum->revenue);
	jsonw_kmoney(w, "potential", sum->potential);
	jsonw_end_obj(w);
}

void api_sellers(struct web_ctx *c)
{
	struct webq_snapshot snap;
	char *cause = NULL;
	if (web_snapshot(c, &snap) != 0)
		return;
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "sellers");
	jsonw_arr(&w);
	struct seller_acc acc = {&w, !c->scope.category3_only};
	if (webq_sellers(c->db, &c->scope, seller_row, &acc, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_key(&w, "portfolio");
	jsonw_arr(&w);
	if (snap.id &&
	    webq_owner_categories(c->db, &c->scope, snap.id, owner_row, &w, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_end_obj(&w);
}

/* --- call list (csv) ------------------------------------------------------ */

static void call_row(void *arg, const struct webq_customer *r)
{
	FILE *f = arg;
	char rev[32] = "", pot[32] = "";
	if (r->category)
		fmt_minor_plain(rev, sizeof(rev), r->revenue);
	if (r->has_potential)
		fmt_minor_plain(pot, sizeof(pot), r->potential);
	/* csvw puts every cell through render/cellguard.h */
	const char *cells[] = {
	    r->customer_id, r->name, r->category, r->phone, r->email,
	    r->postal_code, r->city, rev,         pot,
	};
	csvw_row(f, cells, (int)(sizeof(cells) / sizeof(cells[0])));
}

void api_calllist(struct web_ctx *c)
{
	const char *seller = web_seller_arg(c);
	struct webq_snapshot snap;
	if (!seller)
		return;
	if (web_snapshot(c, &snap) != 0)
		return;
	char *buf = NULL, *cause = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		web_error(c, 500, "out of memory");
		return;
	}
	static const char *const head[] = {"customer_id", "name", "category", "phone",    "email",
	                                   "postal_code", "city", "revenue",  "potential"};
	csvw_row(f, head, 9);
	struct webq_filter flt = {.seller = seller, .sort = "category", .desc = false, .limit = -1};
	int64_t total;
	int r = webq_customers(c->db, &c->scope, snap.id, &flt, call_row, f, &total, &cause);
	fclose(f);
	if (r != 0) {
		free(buf);
		web_fail(c, cause);
		return;
	}
	strbuf_reset(&c->rs->body);
	strbuf_append(&c->rs->body, buf, len);
	free(buf);
	c->rs->status = 200;
	c->rs->content_type = "text/csv; charset=utf-8";
	char *safe = fname_safe(seller);
	c->rs->disposition = xasprintf("attachment; filename=\"calllist-%s.csv\"", safe);
	free(safe);
}

/* --- the customer list as a file (csv, xlsx) ------------------------------- */

/* The columns of GET /api/export/customers, in order: machine names as in
 * the JSON. */
enum xcol {
	X_ID,
	X_NAME,
	X_SELLER,
	X_CAT,
	X_COMPUTED,
	X_REVENUE,
	X_POTENTIAL,
	X_POTSRC,
	X_REASON,
	X_ORDERS,
	X_POSTAL,
	X_CITY,
	X_INDUSTRY,
	X_EMAIL,
	X_PHONE,
	X_NCOLS
};
static const char *const xcol_names[X_NCOLS] = {
    "customer_id", "name",      "seller_id",        "category",        "computed_category",
    "revenue",     "potential", "potential_source", "override_reason", "orders",
    "postal_code", "city",      "industry",         "email",           "phone"};

/* The text of a text column (NULL for the number columns). */
static const char *xcol_text(const struct webq_customer *r, int k)
{
	switch (k) {
	case X_ID:
		return r->customer_id;
	case X_NAME:
		return r->name;
	case X_SELLER:
		return r->seller_id;
	case X_CAT:
		return r->category;
	case X_COMPUTED:
		return r->computed_category;
	case X_POTSRC:
		return r->potential_source;
	case X_REASON:
		return r->override_reason;
	case X_POSTAL:
		return r->postal_code;
	case X_CITY:
		return r->city;
	case X_INDUSTRY:
		return r->industry;
	case X_EMAIL:
		return r->email;
	case X_PHONE:
		return r->phone;
	default:
		return NULL;
	}
}

static void export_csv_row(void *arg, const struct webq_customer *r)
{
	FILE *f = arg;
	char rev[32] = "", pot[32] = "", ord[32];
	if (r->category)
		fmt_minor_plain(rev, sizeof(rev), r->revenue);
	if (r->has_potential)
		fmt_minor_plain(pot, sizeof(pot), r->potential);
	snprintf(ord, sizeof(ord), "%lld", (long long)r->orders);
	for (int k = 0; k < X_NCOLS; k++) {
		if (k)
			fputc(',', f);
		if (k == X_REVENUE)
			csvw_field(f, rev);
		else if (k == X_POTENTIAL)
			csvw_field(f, pot);
		else if (k == X_ORDERS)
			csvw_field(f, r->category ? ord : "");
		else
			csvw_field(f, xcol_text(r, k) ? xcol_text(r, k) : "");
	}
	fputc('\n', f);
}

static void export_xlsx_row(void *arg, const struct webq_customer *r)
{
	struct planview_table *t = arg;
	planview_row(t);
	for (int k = 0; k < X_NCOLS; k++) {
		if (k == X_REVENUE && r->category)
			planview_put_money(t, (double)r->revenue);
		else if (k == X_POTENTIAL && r->has_potential)
			planview_put_money(t, (double)r->potential);
		else if (k == X_ORDERS && r->category)
			planview_put_num(t, (double)r->orders, 0);
		else
			planview_put_text(t, xcol_text(r, k)); /* NULL: an empty cell */
	}
}

/* Rows an xlsx sheet holds below its header. */
#define XLSX_MAX_ROWS 1048575

/* The xlsx of t into the body, through a temporary file. 0, or -1 (*cause). */
static int xlsx_body(struct web_ctx *c, struct planview_table *t, char **cause)
{
	char *path = xasprintf("%s/fokus-export-XXXXXX",
	                       c->app && c->app->tmp_dir ? c->app->tmp_dir : "/tmp");
	int fd = mkstemp(path), rc = -1;
	if (fd < 0) {
		*cause = xasprintf("cannot make a temporary file: %s", strerror(errno));
		free(path);
		return -1;
	}
	close(fd);
	if (planview_write_xlsx(path, &t, 1, cause) == 0) {
		FILE *f = fopen(path, "rb");
		char buf[65536];
		size_t n;
		strbuf_reset(&c->rs->body);
		while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_append(&c->rs->body, buf, n);
		if (f && !ferror(f))
			rc = 0;
		else
			*cause = xstrdup("cannot read the xlsx back");
		if (f)
			fclose(f);
	}
	unlink(path);
	free(path);
	return rc;
}

/* GET /api/export/customers?format=csv|xlsx&(the filters of /api/customers):
 * every customer that matches, in the list's order, as a file to take
 * along — within the user's scope, like the list. */
void api_customers_export(struct web_ctx *c)
{
	struct webq_snapshot snap;
	struct webq_filter f;
	const char *fmt = web_arg(c, "format");
	int xlsx = fmt && !strcmp(fmt, "xlsx");
	if (fmt && *fmt && !xlsx && strcmp(fmt, "csv") != 0) {
		web_error(c, 400, "format is csv or xlsx");
		return;
	}
	if (read_filter(c, &f) != 0 || web_snapshot(c, &snap) != 0)
		return;
	f.limit = -1;
	f.offset = 0;
	int64_t total = 0;
	char *cause = NULL;
	if (xlsx) {
		struct webq_filter probe = f;
		probe.limit = 0;
		if (webq_customers(c->db, &c->scope, snap.id, &probe, customer_row, NULL, &total,
		                   &cause) != 0) {
			web_fail(c, cause);
			return;
		}
		if (total > XLSX_MAX_ROWS) {
			web_error(c, 413, "more customers than an xlsx sheet holds: take csv");
			return;
		}
		struct planview_table *t =
		    planview_table_new("customers", "customers", X_NCOLS, xcol_names);
		int r = webq_customers(c->db, &c->scope, snap.id, &f, export_xlsx_row, t, &total,
		                       &cause);
		if (r == 0)
			r = xlsx_body(c, t, &cause);
		planview_table_free(t);
		if (r != 0) {
			web_fail(c, cause);
			return;
		}
		c->rs->content_type =
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	} else {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		if (!out) {
			web_error(c, 500, "out of memory");
			return;
		}
		csvw_row(out, xcol_names, X_NCOLS);
		int r = webq_customers(c->db, &c->scope, snap.id, &f, export_csv_row, out, &total,
		                       &cause);
		fclose(out);
		if (r != 0) {
			free(buf);
			web_fail(c, cause);
			return;
		}
		strbuf_reset(&c->rs->body);
		strbuf_append(&c->rs->body, buf, len);
		free(buf);
		c->rs->content_type = "text/csv; charset=utf-8";
	}
	c->rs->status = 200;
	c->rs->disposition =
	    xasprintf("attachment; filename=\"customers.%s\"", xlsx ? "xlsx" : "csv");
}
