/* test-web.c — covers src/web/jsonw.c, src/web/assets.c and src/web/web.c
 * (the request dispatch without HTTP): JSON escaping and exact money, the
 * asset lookup that no path can leave, and web_handle's order of checks —
 * 401 without a session, login, 403 without CSRF, role checks, seller scope. */
#include "testutil.h"

#include "store/db.h"
#include "store/user.h"
#include "web/handlers.h"
#include "web/web.h"

#include <sqlite3.h>

static void test_jsonw(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	jsonw_init(&w, &sb);
	jsonw_obj(&w);
	jsonw_kstr(&w, "name", "<script>alert(\"1\")</script>\n&\x01");
	jsonw_kmoney(&w, "a", 123456);
	jsonw_kmoney(&w, "b", -5);
	jsonw_kmoney(&w, "c", 100);
	jsonw_key(&w, "d");
	jsonw_num(&w, 2.50, 2);
	jsonw_key(&w, "e");
	jsonw_arr(&w);
	jsonw_int(&w, 1);
	jsonw_null(&w);
	jsonw_bool(&w, 1);
	jsonw_str(&w, NULL);
	jsonw_end_arr(&w);
	jsonw_key(&w, "f");
	jsonw_num(&w, -0.0001, 2);
	jsonw_key(&w, "g");
	jsonw_obj(&w);
	jsonw_end_obj(&w);
	jsonw_end_obj(&w);
	assert_string_equal(strbuf_cstr(&sb), "{\"name\":\"\\u003cscript\\u003ealert(\\\"1\\\")"
	                                      "\\u003c/script\\u003e\\n\\u0026\\u0001\","
	                                      "\"a\":1234.56,\"b\":-0.05,\"c\":1,\"d\":2.5,\"e\":["
	                                      "1,null,true,null],\"f\":0,\"g\":{}}");
	strbuf_free(&sb);
}

static void test_assets(void **state)
{
	(void)state;
	const char *type = NULL;
	const struct embedded_asset *a = assets_find("/", &type);
	assert_non_null(a);
	assert_string_equal(a->path, "web/index.html");
	assert_string_equal(type, "text/html; charset=utf-8");
	assert_non_null(assets_find("/app.js", &type));
	assert_string_equal(type, "text/javascript; charset=utf-8");
	assert_null(assets_find("/../Makefile", &type));
	assert_null(assets_find("/js/../app.js", &type));
	assert_null(assets_find("/vendor/README.md", &type)); /* .md is not embedded */
	assert_null(assets_find("app.js", &type));
	assert_null(assets_find("/nope.js", &type));
	assert_null(assets_find(NULL, &type));
}

struct fx {
	char path[256];
	sqlite3 *db;
	struct web_app app;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char *cause = NULL;
	snprintf(f->path, sizeof(f->path), "%s/fokus-unit-web-%ld.db", tu_tmp(), (long)getpid());
	unlink(f->path);
	assert_int_equal(db_open(f->path, &f->db, &cause), 0);
	assert_int_equal(user_add(f->db, "mia", USER_MANAGER, NULL, "manager pass", &cause), 0);
	assert_int_equal(user_add(f->db, "sam", USER_SELLER, "S1", "seller pass", &cause), 0);
	assert_int_equal(db_exec(f->db,
	                         "INSERT INTO customers(customer_id, name, seller_id) VALUES "
	                         "('C1', 'Ett AB', 'S1'), ('C2', 'Två AB', 'S2')",
	                         &cause),
	                 0);
	f->app.db_path = f->path;
	f->app.session_ttl = 3600;
	f->app.upload_max = 1000;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	db_close(f->db);
	db_remove(f->path);
	free(f);
	return 0;
}

static int run(struct fx *f, const char *method, const char *path, const char *token,
               const char *csrf, const char *body, struct web_resp *rs)
{
	struct web_req rq = {
	    .method = method,
	    .path = path,
	    .session_token = token,
	    .csrf = csrf,
	    .content_type = body ? "application/json" : NULL,
	    .body = body,
	    .body_len = body ? strlen(body) : 0,
	    .now = 1000000,
	};
	memset(rs, 0, sizeof(*rs));
	web_handle(&f->app, f->db, &rq, rs);
	return rs->status;
}

/* Logs in; copies the cookie token and CSRF token. */
static void do_login(struct fx *f, const char *user, const char *pw, char *tok, char *csrf)
{
	struct web_resp rs;
	char body[200];
	snprintf(body, sizeof(body), "{\"user\":\"%s\",\"password\":\"%s\"}", user, pw);
	assert_int_equal(run(f, "POST", "/api/login", NULL, NULL, body, &rs), 200);
	assert_non_null(rs.set_cookie);
	assert_non_null(strstr(rs.set_cookie, "HttpOnly"));
	assert_non_null(strstr(rs.set_cookie, "SameSite=Strict"));
	assert_int_equal(sscanf(rs.set_cookie, "fokus_session=%64[0-9a-f]", tok), 1);
	const char *c = strstr(strbuf_cstr(&rs.body), "\"csrf\":\"");
	assert_non_null(c);
	assert_int_equal(sscanf(c, "\"csrf\":\"%64[0-9a-f]", csrf), 1);
	web_resp_free(&rs);
}

static void test_dispatch(void **state)
{
	struct fx *f = *state;
	struct web_resp rs;
	char tok[65], csrf[65], stok[65], scsrf[65];
	assert_int_equal(run(f, "GET", "/api/summary", NULL, NULL, NULL, &rs), 401);
	web_resp_free(&rs);
	assert_int_equal(run(f, "GET", "/api/nothing", NULL, NULL, NULL, &rs), 401);
	web_resp_free(&rs);
	assert_int_equal(
	    run(f, "POST", "/api/login", NULL, NULL, "{\"user\":\"mia\",\"password\":\"no\"}", &rs),
	    401);
	assert_null(rs.set_cookie);
	web_resp_free(&rs);
	do_login(f, "mia", "manager pass", tok, csrf);
	assert_int_equal(run(f, "GET", "/api/summary", tok, NULL, NULL, &rs), 200);
	assert_string_equal(rs.content_type, "application/json");
	web_resp_free(&rs);
	assert_int_equal(run(f, "GET", "/api/nothing", tok, NULL, NULL, &rs), 404);
	web_resp_free(&rs);
	assert_int_equal(run(f, "PUT", "/api/summary", tok, csrf, NULL, &rs), 405);
	web_resp_free(&rs);
	const char *ovr = "{\"customer_id\":\"C2\",\"category\":\"1\",\"reason\":\"test\"}";
	assert_int_equal(run(f, "POST", "/api/overrides", tok, NULL, ovr, &rs), 403);
	web_resp_free(&rs);
	assert_int_equal(run(f, "POST", "/api/overrides", tok, "00", ovr, &rs), 403);
	web_resp_free(&rs);
	assert_int_equal(run(f, "POST", "/api/overrides", tok, csrf, ovr, &rs), 200);
	web_resp_free(&rs);
	assert_int_equal(run(f, "GET", "/api/users", tok, NULL, NULL, &rs), 403); /* admin only */
	web_resp_free(&rs);

	do_login(f, "sam", "seller pass", stok, scsrf);
	assert_int_equal(run(f, "GET", "/api/customers/C1", stok, NULL, NULL, &rs), 200);
	web_resp_free(&rs);
	assert_int_equal(run(f, "GET", "/api/customers/C2", stok, NULL, NULL, &rs), 404);
	web_resp_free(&rs);
	assert_int_equal(run(f, "GET", "/api/customers", stok, NULL, NULL, &rs), 200);
	assert_non_null(strstr(strbuf_cstr(&rs.body), "\"C1\""));
	assert_null(strstr(strbuf_cstr(&rs.body), "\"C2\""));
	web_resp_free(&rs);
	assert_int_equal(run(f, "POST", "/api/overrides", stok, scsrf, ovr, &rs), 403);
	web_resp_free(&rs);

	assert_int_equal(run(f, "POST", "/api/logout", tok, csrf, NULL, &rs), 200);
	web_resp_free(&rs);
	assert_int_equal(run(f, "GET", "/api/summary", tok, NULL, NULL, &rs), 401);
	web_resp_free(&rs);

	assert_int_equal(run(f, "GET", "/", NULL, NULL, NULL, &rs), 200);
	assert_non_null(rs.data);
	web_resp_free(&rs);
	assert_int_equal(run(f, "GET", "/../../etc/passwd", NULL, NULL, NULL, &rs), 404);
	web_resp_free(&rs);
	assert_int_equal(run(f, "POST", "/", NULL, NULL, NULL, &rs), 404);
	web_resp_free(&rs);
}

static void test_headers(void **state)
{
	(void)state;
	int csp = 0, nosniff = 0, frame = 0;
	for (int i = 0; web_security_headers[i]; i += 2) {
		if (!strcmp(web_security_headers[i], "Content-Security-Policy")) {
			csp = 1;
			assert_non_null(strstr(web_security_headers[i + 1], "script-src 'self';"));
			assert_non_null(
			    strstr(web_security_headers[i + 1], "frame-ancestors 'none'"));
			assert_null(strstr(web_security_headers[i + 1], "unsafe-inline"));
		}
		if (!strcmp(web_security_headers[i], "X-Content-Type-Options"))
			nosniff = !strcmp(web_security_headers[i + 1], "nosniff");
		if (!strcmp(web_security_headers[i], "X-Frame-Options"))
			frame = !strcmp(web_security_headers[i + 1], "DENY");
	}
	assert_true(csp && nosniff && frame);
}

int main(void)
{
	assert_int_equal(user_crypto_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_jsonw),
	    cmocka_unit_test(test_assets),
	    cmocka_unit_test_setup_teardown(test_dispatch, setup, teardown),
	    cmocka_unit_test(test_headers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
