/* auth.c — logging in and out. A login takes one of the few password slots
 * (argon2id needs 64 MiB and a tenth of a second of a core: beyond the
 * slots the answer is 503 with Retry-After at once), then store/user.c
 * counts the attempt per user name and per address before it checks the
 * password (the slowdown: 429 with Retry-After). On success it creates a
 * session and sets the cookie: HttpOnly (no script reads it),
 * SameSite=Strict (no other site sends it), Path=/, Max-Age = the session's
 * life, and under TLS Secure with the __Host- prefix. The CSRF token comes
 * back in the JSON body and in GET /api/me; state-changing calls must echo
 * it in X-CSRF-Token (checked in web.c). Logins and failed logins go to the
 * audit log. */
#include "store/session.h"
#include "store/user.h"
#include "util/xmalloc.h"
#include "web/handlers.h"
#include "web/slots.h"

#include <jansson.h>
#include <stdio.h>
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
	struct web_slots *slots = c->app->login_slots;
	if (slots && !web_slots_try(slots)) {
		json_decref(j);
		web_busy(c, "too many logins at once: try again in a moment");
		return;
	}
	int r = user_check(c->db, name, pw, c->rq->addr, c->rq->now, &u, &wait, &cause);
	if (slots)
		web_slots_release(slots);
	if (r == USER_CHECK_BAD) {
		char who[101]; /* the name as given, at most 100 bytes */
		snprintf(who, sizeof(who), "%s", name);
		web_audit(c, who, "login-failed", "wrong user name or password");
	}
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
	web_set_cookie(c, token, c->app->session_ttl);
	web_audit(c, u.name, "login", "%s", user_role_code(u.role));
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
	web_set_cookie(c, "", 0);
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
