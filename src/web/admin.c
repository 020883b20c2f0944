/* admin.c — for the admin role only (checked in web.c's route table):
 * users (list, add, remove; the same store functions as `fokus user`) and
 * the audit log (as `fokus audit --format json`). */
#include "store/audit.h"
#include "store/user.h"
#include "util/days.h"
#include "web/handlers.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void admin_users(struct web_ctx *c)
{
	struct user *v = NULL;
	int n = 0;
	char *cause = NULL;
	if (user_list(c->db, &v, &n, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "users");
	jsonw_arr(&w);
	for (int i = 0; i < n; i++) {
		jsonw_obj(&w);
		jsonw_kstr(&w, "name", v[i].name);
		jsonw_kstr(&w, "role", user_role_code(v[i].role));
		jsonw_kstr(&w, "seller_id", v[i].seller_id);
		jsonw_kstr(&w, "created_at", v[i].created_at);
		jsonw_end_obj(&w);
		user_free(&v[i]);
	}
	free(v);
	jsonw_end_arr(&w);
	jsonw_end_obj(&w);
}

void admin_user_add(struct web_ctx *c)
{
	json_t *j = web_json_body(c);
	if (!j)
		return;
	const char *name = json_string_value(json_object_get(j, "name"));
	const char *role_s = json_string_value(json_object_get(j, "role"));
	const char *seller = json_string_value(json_object_get(j, "seller_id"));
	const char *pw = json_string_value(json_object_get(j, "password"));
	enum user_role role;
	char *cause = NULL;
	int r;
	if (!name || !pw || !role_s || user_role_parse(role_s, &role) != 0) {
		web_error(c, 400, "give name, password and role (admin, manager, seller, service)");
	} else if ((r = user_add(c->db, name, role, role == USER_SELLER ? seller : NULL, pw,
	                         &cause)) == -2) {
		web_error(c, 400, cause);
		free(cause);
	} else if (r != 0) {
		web_fail(c, cause);
	} else {
		web_audit(c, NULL, "user-add", AUDIT_USER_ADD_FMT, name, user_role_code(role),
		          role == USER_SELLER && seller ? ", seller " : "",
		          role == USER_SELLER && seller ? seller : "");
		struct jsonw w;
		web_json_begin(c, &w);
		c->rs->status = 201;
		jsonw_obj(&w);
		jsonw_kstr(&w, "name", name);
		jsonw_kstr(&w, "role", user_role_code(role));
		jsonw_end_obj(&w);
	}
	json_decref(j);
}

void admin_user_remove(struct web_ctx *c)
{
	char *cause = NULL;
	if (!strcmp(c->tail, c->ses->user.name)) {
		web_error(c, 400, "you cannot remove yourself");
		return;
	}
	int r = user_remove(c->db, c->tail, &cause);
	if (r < 0) {
		web_fail(c, cause);
		return;
	}
	if (r == 1) {
		web_error(c, 404, "no such user");
		return;
	}
	web_audit(c, NULL, "user-remove", "%s", c->tail);
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_kstr(&w, "removed", c->tail);
	jsonw_end_obj(&w);
}

void admin_audit_json(struct jsonw *w, const struct audit_entry *e)
{
	char at[21];
	jsonw_obj(w);
	jsonw_kint(w, "id", e->id);
	jsonw_kstr(w, "at", days_iso_utc(e->at, at));
	jsonw_kstr(w, "actor", e->actor);
	jsonw_kstr(w, "address", e->address);
	jsonw_kstr(w, "action", e->action);
	jsonw_kstr(w, "detail", e->detail);
	jsonw_end_obj(w);
}

static void audit_row(void *arg, const struct audit_entry *e)
{
	admin_audit_json(arg, e);
}

/* GET /api/audit?since=YYYY-MM-DD&limit=N: the newest N entries (default
 * 500, at most 10000) from that day on, oldest first. */
void admin_audit(struct web_ctx *c)
{
	const char *since_s = web_arg(c, "since"), *limit_s = web_arg(c, "limit");
	int32_t day = 0;
	int64_t limit = 500;
	char *cause = NULL;
	if (since_s && *since_s && days_parse_iso(since_s, &day) != 0) {
		web_error(c, 400, "since is a date as YYYY-MM-DD");
		return;
	}
	if (limit_s && *limit_s) {
		char *end;
		errno = 0;
		long long v = strtoll(limit_s, &end, 10);
		if (errno || *end || v < 1 || v > 10000) {
			web_error(c, 400, "limit must be 1..10000");
			return;
		}
		limit = v;
	}
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_kint(&w, "keep_days", audit_keep_days(c->db));
	jsonw_key(&w, "entries");
	jsonw_arr(&w);
	if (audit_list(c->db, (int64_t)day * 86400, limit, audit_row, &w, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	jsonw_end_arr(&w);
	jsonw_end_obj(&w);
}
