/* web.c — one request in, one response out: the route table with the roles
 * allowed on each route, the session and CSRF checks in front of every API
 * call, static assets, and the helpers handlers share. Order of checks for
 * /api/: session (401) → route (404/405) → role (403) → CSRF on anything but
 * GET/HEAD (403) → handler. Heavy routes first look in the result cache,
 * then need one of the heavy slots (else 503 with Retry-After). */
#include "web/web.h"
#include "store/audit.h"
#include "store/db.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "web/cache.h"
#include "web/handlers.h"
#include "web/slots.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	R_ADMIN = 1 << USER_ADMIN,
	R_MANAGER = 1 << USER_MANAGER,
	R_SELLER = 1 << USER_SELLER,
	R_SERVICE = 1 << USER_SERVICE,
	R_STAFF = R_ADMIN | R_MANAGER,
	R_ALL = R_ADMIN | R_MANAGER | R_SELLER | R_SERVICE,
	R_NONE = 0, /* no session needed (login) */
};

enum {
	UPLOAD = 1, /* the body is streamed to a file */
	HEAVY = 2,  /* computes over the whole workspace: cached, a few at a time */
	CACHED = 4, /* reads across the workspace: cached like HEAVY, but computed
	             * without a heavy slot (tens of ms; every page asks for it) */
};

struct route {
	const char *method;
	const char *path; /* exact, or a prefix ending in '/' that takes a non-empty tail */
	int roles;
	int flags;
	void (*fn)(struct web_ctx *c);
};

/* (tests/web/concurrency.tsan.mjs reads this table to call every GET route.) */
static const struct route routes[] = {
    {"POST", "/api/login", R_NONE, 0, auth_login},
    {"POST", "/api/logout", R_ALL, 0, auth_logout},
    {"GET", "/api/me", R_ALL, 0, auth_me},
    {"GET", "/api/summary", R_ALL, 0, api_summary},
    {"GET", "/api/customers", R_ALL, CACHED, api_customers},
    {"GET", "/api/customers/", R_ALL, 0, api_customer},
    {"POST", "/api/overrides", R_STAFF, 0, api_override},
    {"GET", "/api/matrix", R_ALL, CACHED, api_matrix},
    {"GET", "/api/sellers", R_ALL, CACHED, api_sellers},
    {"GET", "/api/map", R_ALL, CACHED, api_map},
    {"GET", "/api/export/calllist", R_ALL, HEAVY, api_calllist},
    {"GET", "/api/export/customers", R_ALL, HEAVY, api_customers_export},
    {"GET", "/api/export/", R_STAFF, HEAVY, planapi_export},
    {"GET", "/api/plan", R_STAFF, HEAVY, planapi_plan},
    {"GET", "/api/plan/", R_STAFF, HEAVY, planapi_sub},
    {"GET", "/api/route", R_STAFF | R_SELLER, HEAVY, routeapi_week},
    {"GET", "/api/history", R_STAFF, CACHED, catapi_history},
    {"POST", "/api/categorize", R_STAFF, 0, catapi_categorize},
    {"POST", "/api/import", R_STAFF, UPLOAD, importapi_upload},
    {"GET", "/api/import/progress", R_STAFF, 0, importapi_progress},
    {"GET", "/api/analysis", R_STAFF | R_SELLER, HEAVY, anaapi_analysis},
    {"GET", "/api/uncontacted", R_STAFF | R_SELLER, HEAVY, anaapi_uncontacted},
    {"GET", "/api/day", R_STAFF | R_SELLER, HEAVY, dayapi_day},
    {"POST", "/api/day/actions", R_STAFF | R_SELLER, 0, dayapi_action},
    {"GET", "/api/adherence", R_STAFF | R_SELLER, HEAVY, followapi_adherence},
    {"GET", "/api/users", R_ADMIN, 0, admin_users},
    {"POST", "/api/users", R_ADMIN, 0, admin_user_add},
    {"DELETE", "/api/users/", R_ADMIN, 0, admin_user_remove},
    {"GET", "/api/audit", R_ADMIN, 0, admin_audit},
};

/* Pages outside /api/ that need no session: the key is in the URL. */
static const struct route public_routes[] = {
    {"GET", "/feed/pulse.atom", R_NONE, 0, followapi_feed},
    {"GET", "/unsubscribe", R_NONE, 0, followapi_unsubscribe_page},
    {"POST", "/unsubscribe", R_NONE, 0, followapi_unsubscribe},
};

#define CSP                                                                                        \
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "          \
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

const char *const web_security_headers[] = {
    "X-Content-Type-Options",
    "nosniff",
    "Content-Security-Policy",
    CSP,
    "X-Frame-Options",
    "DENY",
    "Referrer-Policy",
    "no-referrer",
    "Cross-Origin-Opener-Policy",
    "same-origin",
    "Cross-Origin-Resource-Policy",
    "same-origin",
    NULL,
};

void web_resp_free(struct web_resp *rs)
{
	strbuf_free(&rs->body);
	free(rs->set_cookie);
	free(rs->disposition);
	rs->set_cookie = rs->disposition = NULL;
}

const char *web_arg(const struct web_ctx *c, const char *key)
{
	for (size_t i = 0; i < c->rq->nargs; i++)
		if (!strcmp(c->rq->args[i].key, key))
			return c->rq->args[i].value;
	return NULL;
}

const char *web_seller_arg(struct web_ctx *c)
{
	const char *seller = web_arg(c, "seller");
	if (!seller || !*seller)
		seller = c->scope.seller_id;
	if (!seller || !*seller) {
		web_error(c, 400, "give ?seller=ID");
		return NULL;
	}
	if (c->scope.seller_id && strcmp(seller, c->scope.seller_id) != 0) {
		web_error(c, 404, "no such seller");
		return NULL;
	}
	return seller;
}

void web_error(struct web_ctx *c, int status, const char *msg)
{
	struct jsonw w;
	strbuf_reset(&c->rs->body);
	c->rs->status = status;
	c->rs->content_type = "application/json";
	c->rs->data = NULL;
	jsonw_init(&w, &c->rs->body);
	jsonw_obj(&w);
	jsonw_kstr(&w, "error", msg);
	jsonw_end_obj(&w);
}

void web_json_begin(struct web_ctx *c, struct jsonw *w)
{
	strbuf_reset(&c->rs->body);
	c->rs->status = 200;
	c->rs->content_type = "application/json";
	jsonw_init(w, &c->rs->body);
}

void web_fail(struct web_ctx *c, char *cause)
{
	unsigned char r[4];
	char ref[9], msg[160];
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(ref, sizeof(ref), r, sizeof(r));
	fprintf(stderr, "fokus serve: error %s: %s %s (%s): %s\n", ref, c->rq->method, c->rq->path,
	        c->ses ? c->ses->user.name : "no session", cause ? cause : "internal error");
	snprintf(msg, sizeof(msg),
	         "the server could not do this (error %s; its log has the details)", ref);
	web_error(c, 500, msg);
	free(cause);
}

void web_busy(struct web_ctx *c, const char *msg)
{
	web_error(c, 503, msg);
	c->rs->retry_after = WEB_BUSY_RETRY;
}

const char *web_cookie_name(const struct web_app *app)
{
	return app && app->tls ? WEB_COOKIE_TLS : WEB_COOKIE;
}

void web_set_cookie(struct web_ctx *c, const char *value, int64_t max_age)
{
	free(c->rs->set_cookie);
	c->rs->set_cookie = xasprintf("%s=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%lld%s",
	                              web_cookie_name(c->app), value, (long long)max_age,
	                              c->app->tls ? "; Secure" : "");
}

void web_audit(struct web_ctx *c, const char *actor, const char *action, const char *fmt, ...)
{
	va_list ap;
	char *detail = NULL, *cause = NULL;
	va_start(ap, fmt);
	if (vasprintf(&detail, fmt, ap) < 0)
		detail = NULL;
	va_end(ap);
	if (c->ses)
		actor = c->ses->user.name;
	if (audit_add(c->db, c->rq->now, actor, c->rq->addr ? c->rq->addr : "", action,
	              detail ? detail : "", &cause) != 0) {
		fprintf(stderr, "fokus serve: cannot write the audit log: %s\n", cause);
		free(cause);
	}
	free(detail);
}

json_t *web_json_body(struct web_ctx *c)
{
	const char *ct = c->rq->content_type;
	if (!ct || strncasecmp(ct, "application/json", 16) != 0) {
		web_error(c, 415, "send the body as application/json");
		return NULL;
	}
	if (!c->rq->body) {
		web_error(c, 400, "a JSON object body is needed");
		return NULL;
	}
	json_error_t err;
	json_t *j = json_loadb(c->rq->body, c->rq->body_len, JSON_REJECT_DUPLICATES, &err);
	if (!j || !json_is_object(j)) {
		json_decref(j);
		web_error(c, 400, "the body is not a JSON object");
		return NULL;
	}
	return j;
}

int web_snapshot(struct web_ctx *c, struct webq_snapshot *snap)
{
	char *cause = NULL;
	if (webq_snapshot_latest(c->db, snap, &cause) != 0) {
		web_fail(c, cause);
		return -1;
	}
	return 0;
}

/* The route for method+path; *path_exists = 1 when the path exists with another method. */
static const struct route *match(const char *method, const char *path, const char **tail,
                                 int *path_exists)
{
	*path_exists = 0;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *r = &routes[i];
		size_t n = strlen(r->path);
		const char *t = NULL;
		if (!strcmp(path, r->path))
			t = "";
		else if (r->path[n - 1] == '/' && !strncmp(path, r->path, n) && path[n] &&
		         !strchr(path + n, '/'))
			t = path + n;
		if (!t)
			continue;
		*path_exists = 1;
		if (!strcmp(method, r->method) ||
		    (!strcmp(method, "HEAD") && !strcmp(r->method, "GET"))) {
			*tail = t;
			return r;
		}
	}
	return NULL;
}

int web_is_upload(const char *method, const char *path)
{
	const char *tail;
	int exists;
	const struct route *r = match(method, path, &tail, &exists);
	return r && (r->flags & UPLOAD);
}

static void serve_asset(struct web_ctx *c)
{
	const char *type = NULL;
	const struct embedded_asset *a = NULL;
	if (!strcmp(c->rq->method, "GET") || !strcmp(c->rq->method, "HEAD"))
		a = assets_find(c->rq->path, &type);
	if (!a) {
		c->rs->status = 404;
		c->rs->content_type = "text/plain; charset=utf-8";
		strbuf_puts(&c->rs->body, "Not found\n");
		return;
	}
	c->rs->status = 200;
	c->rs->content_type = type;
	c->rs->data = a->data;
	c->rs->data_len = a->size;
	c->rs->cacheable = 1;
}

static void scope_of(struct web_ctx *c)
{
	memset(&c->scope, 0, sizeof(c->scope));
	if (!c->ses)
		return;
	switch (c->ses->user.role) {
	case USER_SELLER:
		/* A seller without a seller ID sees nobody: "\x01" is no seller's ID. */
		c->scope.seller_id = c->ses->user.seller_id ? c->ses->user.seller_id : "\x01";
		break;
	case USER_SERVICE:
		c->scope.category3_only = true;
		break;
	default:
		break;
	}
}

/* The checks in front of every API handler. Returns 0 (go on; *have_ses
 * says whether ses was filled, the caller frees ses->user) or -1 after
 * setting the answer. */
static int gate(struct web_ctx *c, const struct route *r, int exists, struct session *ses,
                int *have_ses)
{
	const struct web_req *rq = c->rq;
	*have_ses = 0;
	if (!(r && r->roles == R_NONE)) {
		char *cause = NULL;
		int g = rq->session_token
		            ? session_get(c->db, rq->session_token, rq->now, ses, &cause)
		            : 1;
		if (g < 0) {
			web_fail(c, cause);
			return -1;
		}
		if (g != 0) {
			web_error(c, 401, "log in first");
			return -1;
		}
		*have_ses = 1;
		c->ses = ses;
	}
	if (!r) {
		web_error(c, exists ? 405 : 404,
		          exists ? "method not allowed" : "no such API route");
		return -1;
	}
	if (*have_ses && !(r->roles & (1 << ses->user.role))) {
		web_error(c, 403, "your role may not do this");
		return -1;
	}
	if (*have_ses && strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD") &&
	    !session_token_equal(rq->csrf, ses->csrf)) {
		web_error(c, 403, "missing or wrong CSRF token (X-CSRF-Token)");
		return -1;
	}
	return 0;
}

int web_precheck(const struct web_app *app, struct sqlite3 *db, const struct web_req *rq,
                 struct web_resp *rs)
{
	struct session ses;
	struct web_ctx c = {.app = app, .db = db, .rq = rq, .rs = rs, .lang = LANG_EN};
	const char *tail = NULL;
	int exists = 0, have = 0;
	if (strncmp(rq->path, "/api/", 5) != 0)
		return 0;
	const struct route *r = match(rq->method, rq->path, &tail, &exists);
	int ok = gate(&c, r, exists, &ses, &have);
	if (have)
		user_free(&ses.user);
	return ok;
}

/* What a heavy answer depends on besides the workspace: the route and tail,
 * the query (sorted), the user's scope, and today (default dates). */
static char *cache_key(const struct web_ctx *c)
{
	struct strbuf sb = STRBUF_INIT;
	const struct web_req *rq = c->rq;
	strbuf_printf(&sb, "%s\x1f%s\x1f%d\x1f%d", rq->path,
	              c->scope.seller_id ? c->scope.seller_id : "", c->scope.category3_only,
	              (int)days_today());
	size_t n = rq->nargs;
	const struct web_arg **v = xreallocarray(NULL, n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = &rq->args[i];
	/* insertion sort: a handful of arguments */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			int d = strcmp(v[j - 1]->key, v[j]->key);
			if (d < 0 || (d == 0 && strcmp(v[j - 1]->value, v[j]->value) <= 0))
				break;
			const struct web_arg *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "\x1f%s=%s", v[i]->key, v[i]->value);
	free(v);
	return strbuf_detach(&sb);
}

/* A heavy or cached route: the cached answer when the workspace has not
 * changed since, else computed (a heavy route in one of the heavy slots, 503
 * when none is free) and kept. */
static void run_cached(struct web_ctx *c, const struct route *r)
{
	const struct web_app *app = c->app;
	int64_t version = 0;
	char *key = NULL, *cause = NULL;
	if (app->cache) {
		if (db_data_version(c->db, &version, &cause) != 0) {
			web_fail(c, cause);
			return;
		}
		key = cache_key(c);
		struct web_cached a;
		if (web_cache_get(app->cache, key, version, &a)) {
			strbuf_reset(&c->rs->body);
			strbuf_append(&c->rs->body, a.body, a.len);
			c->rs->status = a.status;
			c->rs->content_type = a.content_type;
			c->rs->disposition = a.disposition;
			a.disposition = NULL;
			web_cached_free(&a);
			free(key);
			return;
		}
	}
	const int slot = (r->flags & HEAVY) && app->heavy_slots;
	if (slot && !web_slots_try(app->heavy_slots)) {
		web_busy(c, "the server is busy with other large requests: try again in a moment");
		free(key);
		return;
	}
	r->fn(c);
	if (slot)
		web_slots_release(app->heavy_slots);
	if (key && c->rs->status == 200 && !c->rs->data) {
		struct web_cached a = {.status = 200,
		                       .content_type = c->rs->content_type,
		                       .disposition = c->rs->disposition,
		                       .body = c->rs->body.buf,
		                       .len = c->rs->body.len};
		web_cache_put(app->cache, key, version, &a);
	}
	free(key);
}

void web_handle(const struct web_app *app, struct sqlite3 *db, const struct web_req *rq,
                struct web_resp *rs)
{
	struct session ses;
	struct web_ctx c = {.app = app, .db = db, .rq = rq, .rs = rs, .lang = LANG_EN};
	int have_ses = 0;
	const char *l = NULL;
	for (size_t i = 0; i < rq->nargs; i++)
		if (!strcmp(rq->args[i].key, "lang"))
			l = rq->args[i].value;
	if (l)
		(void)lang_parse(l, &c.lang);
	rs->status = 200;
	for (size_t i = 0; i < sizeof(public_routes) / sizeof(public_routes[0]); i++)
		if (!strcmp(rq->path, public_routes[i].path) &&
		    (!strcmp(rq->method, public_routes[i].method) ||
		     (!strcmp(rq->method, "HEAD") && !strcmp(public_routes[i].method, "GET")))) {
			public_routes[i].fn(&c);
			return;
		}
	if (strncmp(rq->path, "/api/", 5) != 0 && strcmp(rq->path, "/api") != 0) {
		serve_asset(&c);
		return;
	}
	const char *tail = NULL;
	int exists = 0;
	const struct route *r = match(rq->method, rq->path, &tail, &exists);
	if (gate(&c, r, exists, &ses, &have_ses) == 0) {
		c.tail = tail;
		scope_of(&c);
		if (r->flags & (HEAVY | CACHED))
			run_cached(&c, r);
		else
			r->fn(&c);
	}
	if (have_ses)
		user_free(&ses.user);
}

void web_json_send(struct web_ctx *c, json_t *root)
{
	char *s = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(15));
	strbuf_reset(&c->rs->body);
	strbuf_puts(&c->rs->body, s ? s : "null");
	free(s);
	c->rs->status = 200;
	c->rs->content_type = "application/json";
}

int web_seller(struct web_ctx *c, const char *given, const char **out)
{
	*out = given && *given ? given : NULL;
	if (!c->scope.seller_id)
		return 0;
	if (*out && strcmp(*out, c->scope.seller_id) != 0) {
		web_error(c, 404, "no such seller");
		return -1;
	}
	*out = c->scope.seller_id;
	return 0;
}
