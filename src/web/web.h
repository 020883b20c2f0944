/* web/web.h — the dashboard's request handling, independent of the HTTP
 * library: server.c turns a libmicrohttpd request into a struct web_req,
 * calls web_handle, and sends the struct web_resp back with the security
 * headers. Unit tests and fuzz targets call web_handle directly. */
#ifndef FOKUS_WEB_H
#define FOKUS_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "store/session.h"
#include "store/webq.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "web/jsonw.h"

struct sqlite3;

/* The name of the session cookie; under TLS it has the __Host- prefix (the
 * browser keeps it only when Secure, for this host, Path=/). */
#define WEB_COOKIE "fokus_session"
#define WEB_COOKIE_TLS "__Host-fokus_session"
/* Largest JSON body accepted (uploads have their own limit). */
#define WEB_JSON_MAX (1024 * 1024)
/* Largest body of POST /api/login, the only body taken before a login. */
#define WEB_LOGIN_MAX 4096
/* Seconds a client is told to wait (Retry-After) when all slots are busy. */
#define WEB_BUSY_RETRY 2

struct web_slots;
struct web_cache;
struct server_watch;

struct web_app {
	const char *db_path;
	int64_t session_ttl; /* seconds a login lasts */
	uint64_t upload_max; /* bytes; larger uploads answer 413 */
	const char *tmp_dir; /* where uploads are spooled */
	int tls;             /* 1: served over HTTPS (__Host- cookie, Secure, HSTS) */
	/* Shared by the request threads (each thread-safe); NULL: no limit, no cache. */
	struct web_slots *login_slots; /* password verifications at once */
	struct web_slots *heavy_slots; /* heavy requests computing at once */
	struct web_cache *cache;       /* answers of heavy requests */
	struct server_watch *watch;    /* server.c's watchdog of slow clients */
};

struct web_arg {
	const char *key, *value;
};

struct web_req {
	const char *method;         /* "GET" "POST" "DELETE" ... */
	const char *path;           /* decoded path without the query, "/api/customers/C1" */
	const struct web_arg *args; /* decoded query arguments */
	size_t nargs;
	const char *session_token; /* value of the WEB_COOKIE cookie, or NULL */
	const char *csrf;          /* the X-CSRF-Token header, or NULL */
	const char *content_type;  /* or NULL */
	const char *body;          /* request body (JSON), NUL-terminated, or NULL */
	size_t body_len;
	const char *upload_file; /* for upload routes: a file holding the body, or NULL */
	int64_t now;             /* unix seconds */
	const char *addr;        /* the client's IP address as text, or NULL */
};

struct web_resp {
	int status;
	const char *content_type;  /* static string */
	struct strbuf body;        /* the body, unless data is set */
	const unsigned char *data; /* static bytes (embedded assets) */
	size_t data_len;
	char *set_cookie;    /* Set-Cookie value, owned */
	char *disposition;   /* Content-Disposition value, owned */
	int64_t retry_after; /* seconds for a Retry-After header, 0 none */
	int cacheable;       /* 1: static asset, may be cached briefly */
};

/* Handles one request with the workspace db (opened by the caller for this
 * thread). Fills *rs (zeroed by the caller); free with web_resp_free. Never fails. */
void web_handle(const struct web_app *app, struct sqlite3 *db, const struct web_req *rq,
                struct web_resp *rs);
void web_resp_free(struct web_resp *rs);

/* The session, route, role and CSRF checks of web_handle alone, for a
 * request whose body has not been read yet (uploads are refused before a
 * byte is stored). Returns 0 when the request may go on; -1 after filling
 * *rs with the refusal (401, 403, 404, 405). */
int web_precheck(const struct web_app *app, struct sqlite3 *db, const struct web_req *rq,
                 struct web_resp *rs);

/* Whether a request to path needs a session and what it may upload:
 * returns 1 when the route streams its body to a file (uploads), else 0. */
int web_is_upload(const char *method, const char *path);

/* The session cookie's name for app (WEB_COOKIE, or WEB_COOKIE_TLS under TLS). */
const char *web_cookie_name(const struct web_app *app);

/* The security headers every response carries: name/value pairs ending in NULL. */
extern const char *const web_security_headers[];

/* --- for the handler files of src/web --- */

/* What a handler sees. */
struct web_ctx {
	const struct web_app *app;
	struct sqlite3 *db;
	const struct web_req *rq;
	struct web_resp *rs;
	struct session *ses;     /* NULL on routes without login */
	struct webq_scope scope; /* from the session's role */
	const char *tail;        /* the part of the path after a route's prefix ending in '/' */
	enum lang lang;          /* ?lang=sv|en, default English */
};

/* Query argument by name, or NULL. */
const char *web_arg(const struct web_ctx *c, const char *key);
/* The seller a request is about: ?seller=ID, or the signed-in seller's own.
 * NULL after answering 400 (none given) or 404 (a seller asking about
 * another: they see only their own). */
const char *web_seller_arg(struct web_ctx *c);
/* Sets a JSON error {"error": msg} with status. */
void web_error(struct web_ctx *c, int status, const char *msg);
/* Starts a JSON 200 response: returns a writer into the body. */
void web_json_begin(struct web_ctx *c, struct jsonw *w);
/* For a failed store call or any other fault of the server: the cause goes
 * to the server's log (stderr) with a reference; the client gets 500 with
 * a generic sentence and that reference, never a path or SQL. Frees cause. */
void web_fail(struct web_ctx *c, char *cause);
/* 503 with Retry-After: WEB_BUSY_RETRY, for work refused under load. */
void web_busy(struct web_ctx *c, const char *msg);
/* Sets the session cookie (value "" and max_age 0 clear it), with Secure
 * under TLS. */
void web_set_cookie(struct web_ctx *c, const char *value, int64_t max_age);
/* Writes an entry to the audit log as the session's user (or as `actor`
 * when there is no session, e.g. a login) from the client's address. A
 * failure is logged on the server, never fails the request. */
void web_audit(struct web_ctx *c, const char *actor, const char *action, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Parses the JSON object body; NULL after setting a 400/415 error. Caller json_decref()s. */
struct json_t *web_json_body(struct web_ctx *c);
/* The latest snapshot (id 0 when none); 0, or -1 after setting a 500. */
int web_snapshot(struct web_ctx *c, struct webq_snapshot *snap);

/* The seller a request is about: `given` (a seller ID from the query or
 * the body; NULL or "" for none) within the user's scope — a seller's own
 * ID whatever was given, or NULL for staff who gave none. 0 with *out, or
 * -1 after answering 404 when a seller asks about another seller. */
int web_seller(struct web_ctx *c, const char *given, const char **out);

/* Answers 200 with root as compact JSON (reals with 15 digits). */
struct json_t;
void web_json_send(struct web_ctx *c, struct json_t *root);

#endif
