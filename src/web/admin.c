/* admin.c — users, for the admin role only (checked in web.c's route
 * table): list, add, remove. The same store functions as `fokus user`. */
#include "store/user.h"
#include "web/handlers.h"

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
	if (!name || !pw || !role_s || user_role_parse(role_s, &role) != 0) {
		web_error(c, 400, "give name, password and role (admin, manager, seller, service)");
	} else if (user_add(c->db, name, role, role == USER_SELLER ? seller : NULL, pw, &cause) !=
	           0) {
		web_error(c, 400, cause);
		free(cause);
	} else {
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
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_kstr(&w, "removed", c->tail);
	jsonw_end_obj(&w);
}
