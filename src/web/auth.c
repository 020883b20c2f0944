/* auth.c — logging in and out. A login checks the password (argon2id, with
 * the per-user slowdown of store/user.c), creates a session and sets the
 * cookie: HttpOnly (no script reads it), SameSite=Strict (no other site
 * sends it), Path=/, Max-Age = the session's life. The CSRF token comes
 * back in the JSON body and in GET /api/me; state-changing calls must echo
 * it in X-CSRF-Token (checked in web.c). */
#include "store/session.h"
#include "store/user.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void write_user(struct jsonw *w, const struct user *u, const char *csrf, int64_t expires)
{
	jsonw_obj(w);
	jsonw_kstr(w, "user", u->name);
	jsonw_kstr(w, "role", user_role_code(u->role));
	jsonw_kstr(w, "seller_id", u->seller_id);
	jsonw_kstr(w, "csrf", csrf);
	jsonw_kint(w, "expires_at", expires);
	jsonw_end_obj(w);
}

void auth_login(struct web_ctx *c)
{
	json_t *j = web_json_body(c);
	if (!j)
		return;
	const char *name = json_string_value(json_object_get(j, "user"));
	const char *pw = json_string_value(json_object_get(j, "password"));
	if (!name || !pw) {
		json_decref(j);
		web_error(c, 400, "give \"user\" and \"password\" as strings");
		return;
	}
	struct user u;
	int64_t wait = 0;
	char *cause = NULL;
	int r = user_check(c->db, name, pw, c->rq->now, &u, &wait, &cause);
	json_decref(j);
	if (r < 0) {
		web_fail(c, cause);
		return;
	}
	if (r == USER_CHECK_WAIT) {
		web_error(c, 429, "too many wrong passwords: wait a moment and try again");
		c->rs->retry_after = wait;
		return;
	}
	if (r == USER_CHECK_BAD) {
		web_error(c, 401, "wrong user name or password");
		return;
	}
	char token[SESSION_TOKEN_LEN + 1], csrf[SESSION_TOKEN_LEN + 1];
	if (session_create(c->db, u.id, c->rq->now, c->app->session_ttl, token, csrf, &cause) !=
	    0) {
		user_free(&u);
		web_fail(c, cause);
		return;
	}
	c->rs->set_cookie =
	    xasprintf(WEB_COOKIE "=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%lld", token,
	              (long long)c->app->session_ttl);
	struct jsonw w;
	web_json_begin(c, &w);
	write_user(&w, &u, csrf, c->rq->now + c->app->session_ttl);
	user_free(&u);
}

void auth_logout(struct web_ctx *c)
{
	char *cause = NULL;
	if (session_delete(c->db, c->rq->session_token, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	c->rs->set_cookie = xstrdup(WEB_COOKIE "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "ok");
	jsonw_bool(&w, 1);
	jsonw_end_obj(&w);
}

void auth_me(struct web_ctx *c)
{
	struct jsonw w;
	web_json_begin(c, &w);
	write_user(&w, &c->ses->user, c->ses->csrf, c->ses->expires_at);
}
