/* fuzz-web.c — libFuzzer target for the dashboard's request handling
 * (src/web/web.c dispatch, every route handler in auth.c, api.c, admin.c,
 * the JSON bodies they parse and the JSON they write), without the HTTP
 * library: the input becomes a struct web_req for web_handle, as server.c
 * makes from a libmicrohttpd request.
 *
 * Input (text):
 *   METHOD /path?key=value&key=value
 *   as: admin|manager|seller|service|nobody|stale   (whose session cookie)
 *   csrf: ok|ANYTHING                               (ok = the session's token)
 *   type: CONTENT-TYPE                              (default application/json)
 *
 *   BODY
 * Header lines are optional; the body starts after the first empty line.
 *
 * The workspace is in memory: the sample company of FOKUS_FUZZ_WORKSPACE
 * (a workspace file tests/fuzz/run makes with build/fokus) or an empty one,
 * plus one user and one session per role. It is restored after every
 * request that is not a GET, so each input sees the same data. Bodies
 * carrying a "password" are skipped: argon2id hashing (by design ~0.1 s)
 * would stop the fuzzer; everything before the hashing is still fuzzed
 * through bodies without one.
 *
 * FUZZ_WEB_VERBOSE=1 prints each request's status and response start.
 *
 * Checks: a status 100-599; every JSON response parses as JSON (so the
 * writer escapes whatever the input put in the workspace or the path);
 * Set-Cookie and Content-Disposition hold no CR or LF (header injection). */
#include <jansson.h>
#include <sqlite3.h>
#include <string.h>

#include "fuzzutil.h"
#include "store/db.h"
#include "store/session.h"
#include "store/user.h"
#include "web/web.h"

#define NOW 2000000000LL /* request time; sessions last far beyond it */
#define MAX_ARGS 32

static sqlite3 *db, *pristine;
static struct web_app app;
static const char *const role_names[] = {"admin", "manager", "seller", "service"};
static char tokens[4][SESSION_TOKEN_LEN + 1], csrfs[4][SESSION_TOKEN_LEN + 1];

static void die(const char *what, char *cause)
{
	fprintf(stderr, "fuzz-web: %s: %s\n", what, cause ? cause : "failed");
	abort();
}

static void setup(void)
{
	char *cause = NULL;
	if (user_crypto_init() != 0)
		die("libsodium", NULL);
	if (db_open(":memory:", &db, &cause) != 0)
		die("workspace", cause);
	const char *tpl = getenv("FOKUS_FUZZ_WORKSPACE");
	if (tpl && *tpl) {
		sqlite3 *t;
		if (sqlite3_open_v2(tpl, &t, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
			die(tpl, (char *)sqlite3_errmsg(t));
		fz_copy_db(db, t);
		sqlite3_close(t);
	}
	for (int r = 0; r < 4; r++) {
		char name[32];
		snprintf(name, sizeof(name), "fuzz-%s", role_names[r]);
		if (user_add(db, name, (enum user_role)r, r == USER_SELLER ? "S01" : NULL,
		             "fuzz password", &cause) != 0)
			die("user_add", cause);
		struct user u;
		if (user_get(db, name, &u, &cause) != 0)
			die("user_get", cause);
		if (session_create(db, u.id, NOW - 10, 1000000, tokens[r], csrfs[r], &cause) != 0)
			die("session_create", cause);
		user_free(&u);
	}
	if (sqlite3_open(":memory:", &pristine) != SQLITE_OK)
		die("memory db", NULL);
	fz_copy_db(pristine, db);
	app.db_path = ":memory:";
	app.session_ttl = 3600;
	app.upload_max = 1 << 20;
	app.tmp_dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
}

/* Splits off the next line of [*p, end): returns it NUL-terminated in a
 * fresh string (caller frees) and advances *p past its newline. */
static char *next_line(const char **p, const char *end)
{
	const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	const char *e = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	size_t n = (size_t)(e - s);
	if (n > 0 && e[-1] == '\r')
		n--;
	char *out = malloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* Whether the body is a JSON object with a "password" string (skipped). */
static int has_password(const char *body, size_t n)
{
	json_t *j = json_loadb(body, n, 0, NULL);
	int yes = j && json_is_object(j) && json_is_string(json_object_get(j, "password"));
	json_decref(j);
	return yes;
}

static int bad_header_value(const char *s)
{
	return s && strpbrk(s, "\r\n") != NULL;
}

static void check_response(const struct web_resp *rs)
{
	if (rs->status < 100 || rs->status > 599)
		abort();
	if (bad_header_value(rs->set_cookie) || bad_header_value(rs->disposition))
		abort();
	if (!rs->data && rs->content_type && !strncmp(rs->content_type, "application/json", 16) &&
	    rs->body.len > 0) {
		json_error_t e;
		json_t *j = json_loadb(rs->body.buf, rs->body.len, 0, &e);
		if (!j) {
			fprintf(stderr, "invalid JSON response (%s): %.300s\n", e.text,
			        rs->body.buf);
			abort();
		}
		json_decref(j);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		setup();
	const char *p = (const char *)data, *end = p + size;
	char *first = next_line(&p, end);
	char *target = strchr(first, ' ');
	if (target)
		*target++ = '\0';
	else
		target = (char *)"/";
	char *query = strchr(target, '?');
	if (query)
		*query++ = '\0';

	struct web_arg args[MAX_ARGS];
	size_t nargs = 0;
	for (char *kv = query, *next; kv && nargs < MAX_ARGS; kv = next) {
		next = strchr(kv, '&');
		if (next)
			*next++ = '\0';
		char *eq = strchr(kv, '=');
		if (eq)
			*eq++ = '\0';
		args[nargs++] = (struct web_arg){kv, eq ? eq : ""};
	}

	struct web_req rq = {
	    .method = first, .path = target, .args = args, .nargs = nargs, .now = NOW};
	int role = -1;
	char *lines[8];
	int nlines = 0;
	while (p < end && nlines < 8) {
		char *l = next_line(&p, end);
		if (!*l) {
			free(l);
			break;
		}
		lines[nlines++] = l;
		if (!strncmp(l, "as: ", 4)) {
			for (int r = 0; r < 4; r++)
				if (!strcmp(l + 4, role_names[r]))
					role = r;
			if (!strcmp(l + 4, "stale"))
				rq.session_token = "0123456789abcdef0123456789abcdef"
				                   "0123456789abcdef0123456789abcdef";
		} else if (!strncmp(l, "csrf: ", 6)) {
			rq.csrf = l + 6;
		} else if (!strncmp(l, "type: ", 6)) {
			rq.content_type = l + 6;
		}
	}
	if (role >= 0) {
		rq.session_token = tokens[role];
		if (rq.csrf && !strcmp(rq.csrf, "ok"))
			rq.csrf = csrfs[role];
	}
	char *body = NULL;
	int fd = -1;
	char upload[64];
	if (p < end) {
		size_t n = (size_t)(end - p);
		body = malloc(n + 1);
		memcpy(body, p, n);
		body[n] = '\0';
		rq.body = body;
		rq.body_len = n;
		if (!rq.content_type)
			rq.content_type = "application/json";
		if (web_is_upload(rq.method, rq.path)) {
			fd = fz_memfile(body, n, upload);
			rq.upload_file = upload;
		}
	}
	if (!(body && has_password(body, rq.body_len))) {
		struct web_resp rs;
		memset(&rs, 0, sizeof(rs));
		web_handle(&app, db, &rq, &rs);
		if (getenv("FUZZ_WEB_VERBOSE"))
			fprintf(stderr, "%s %s -> %d %.200s\n", rq.method, rq.path, rs.status,
			        rs.data ? "(asset)" : strbuf_cstr(&rs.body));
		check_response(&rs);
		web_resp_free(&rs);
		if (strcmp(rq.method, "GET") != 0 && strcmp(rq.method, "HEAD") != 0)
			fz_copy_db(db, pristine);
	}
	if (fd >= 0)
		close(fd);
	free(body);
	for (int i = 0; i < nlines; i++)
		free(lines[i]);
	free(first);
	return 0;
}
