/* test-follow-store.c — covers the follow-up's records in the workspace:
 * src/store/settings.c and src/app/settings.c (values checked, defaults,
 * no password, the hidden secret made once), src/store/newsletter.c (an
 * issue's send log through begin / end / forget, activities written with
 * "sent", bounces suppressed, the contact person from the file's other
 * columns), src/app/newsletter.c's unsubscribe tokens, src/store/follow.c
 * (an action logged once per id, its activities, the plan's day), and the
 * additions to src/store/user.c (e-mail, feed tokens kept as hashes). */
#include "testutil.h"

#include "app/newsletter.h"
#include "app/settings.h"
#include "store/dataset.h"
#include "store/db.h"
#include "store/follow.h"
#include "store/newsletter.h"
#include "store/settings.h"
#include "store/user.h"
#include "util/days.h"

#define S(x) ((char *)(uintptr_t)(x))

static char path[128];

static sqlite3 *fresh_db(void)
{
	snprintf(path, sizeof(path), "/tmp/fokus-unit-follow-%ld.db", (long)getpid());
	db_remove(path);
	sqlite3 *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), 0);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO batches(id, kind, file, created_at) VALUES (1, 'customers', "
	            "'c.csv', '2026-01-01T00:00:00Z');"
	            "INSERT INTO sellers(seller_id, name) VALUES ('S1', 'Anna');"
	            "INSERT INTO customers(id, customer_id, name, seller_id, attrs, batch_id) "
	            "VALUES (1, 'C1', 'Ett AB', 'S1', '{\"Kontaktperson\": \"Åsa Ek\"}', 1),"
	            "(2, 'C2', 'Två AB', 'S1', '{\"Ort\": \"Lund\"}', 1),"
	            "(3, 'C3', 'Tre AB', NULL, NULL, 1);",
	            &cause),
	    0);
	return db;
}

static void done_db(sqlite3 *db)
{
	db_close(db);
	db_remove(path);
}

static void test_settings(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL, *v = NULL;
	assert_null(app_setting_check("smtp.password", "x", &cause));
	assert_non_null(strstr(cause, "FOKUS_SMTP_PASSWORD"));
	free(cause);
	assert_null(app_setting_check("newsletter.secret", "00", &cause));
	free(cause);
	assert_null(app_setting_check("smtp.port", "0", &cause));
	free(cause);
	assert_null(app_setting_check("site.url", "ftp://x", &cause));
	free(cause);
	assert_null(app_setting_check("smtp.rate", "0", &cause));
	free(cause);
	v = app_setting_check("smtp.rate", "0,5", &cause);
	assert_string_equal(v, "0.5");
	free(v);
	v = app_setting_check("smtp.starttls", "JA", &cause);
	assert_string_equal(v, "yes");
	free(v);
	v = app_setting_check("site.url", "https://fokus.example.se//", &cause);
	assert_string_equal(v, "https://fokus.example.se");
	free(v);
	assert_int_equal(app_setting_value(db, "smtp.port", &v, &cause), 0);
	assert_string_equal(v, "587");
	free(v);
	assert_int_equal(app_setting_value(db, "smtp.host", &v, &cause), 0);
	assert_null(v);
	assert_int_equal(settings_set(db, "smtp.port", "2525", &cause), 0);
	assert_int_equal(app_setting_value(db, "smtp.port", &v, &cause), 0);
	assert_string_equal(v, "2525");
	free(v);
	struct setting *all;
	int n;
	assert_int_equal(settings_list(db, &all, &n, &cause), 0);
	assert_int_equal(n, 1);
	settings_list_free(all, n);
	assert_int_equal(settings_unset(db, "smtp.port", &cause), 0);
	char s1[65], s2[65];
	assert_int_equal(app_setting_secret(db, s1, &cause), 0);
	assert_int_equal(app_setting_secret(db, s2, &cause), 0);
	assert_int_equal(strlen(s1), 64);
	assert_string_equal(s1, s2);
	/* unsubscribe tokens: by address in any case, and not another's */
	char tok[33];
	newsletter_unsub_token(s1, "Anna@Example.se", tok);
	assert_true(newsletter_unsub_check(s1, "anna@example.se", tok));
	assert_false(newsletter_unsub_check(s1, "bo@example.se", tok));
	tok[0] = tok[0] == 'a' ? 'b' : 'a';
	assert_false(newsletter_unsub_check(s1, "anna@example.se", tok));
	assert_false(newsletter_unsub_check(s1, "anna@example.se", NULL));
	done_db(db);
}

static void test_newsletter_log(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL;
	int64_t batch = 0, b2 = 0;
	int created;
	assert_int_equal(nl_issue_check(db, "nl-1", "Hej", &cause), 0);
	assert_int_equal(nl_issue_ensure(db, "nl-1", "Hej", "abc", &batch, &created, &cause), 0);
	assert_int_equal(created, 1);
	assert_int_equal(nl_issue_ensure(db, "nl-1", "Hej", "abc", &b2, &created, &cause), 0);
	assert_int_equal(created, 0);
	assert_int_equal(b2, batch);
	assert_int_equal(nl_issue_ensure(db, "nl-1", "Annat", "abc", &b2, &created, &cause), -1);
	free(cause);
	assert_int_equal(nl_issue_check(db, "nl-1", "Annat", &cause), -1);
	free(cause);
	/* a message that went out: the row and two activities in one go */
	assert_int_equal(nl_send_begin(db, "nl-1", "delad@example.se", 2, 0, &cause), 0);
	assert_int_equal(
	    tu_count(db, "SELECT count(*) FROM newsletter_sends WHERE state = 'sending'"), 1);
	/* a second run cannot claim it while it is under way, unless told to */
	assert_int_equal(nl_send_begin(db, "nl-1", "delad@example.se", 2, 0, &cause), 1);
	struct nl_reached r[2] = {{1, "S1"}, {2, "S1"}};
	assert_int_equal(nl_send_end(db, "nl-1", "delad@example.se", NL_SENT, 250, NULL, batch, r,
	                             2, days_from_ymd(2026, 12, 7), 600, &cause),
	                 0);
	assert_int_equal(tu_count(db,
	                          "SELECT count(*) FROM activities WHERE type = 'newsletter' AND "
	                          "seller_id = 'S1' AND minute = 600"),
	                 2);
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT rows FROM batches WHERE id = %lld", (long long)batch);
	assert_int_equal(tu_count(db, sql), 2);
	/* a bounce suppresses the address; a forgotten row leaves nothing */
	assert_int_equal(nl_send_begin(db, "nl-1", "no@example.se", 1, 0, &cause), 0);
	assert_int_equal(nl_send_end(db, "nl-1", "no@example.se", NL_BOUNCED, 550,
	                             "550 no such user", batch, NULL, 0, 0, -1, &cause),
	                 0);
	assert_int_equal(nl_send_begin(db, "nl-1", "gone@example.se", 1, 0, &cause), 0);
	assert_int_equal(nl_send_begin(db, "nl-1", "gone@example.se", 1, 1, &cause), 0);
	assert_int_equal(nl_send_forget(db, "nl-1", "gone@example.se", &cause), 0);
	/* a sent address is never claimed again, not even with also_uncertain */
	assert_int_equal(nl_send_begin(db, "nl-1", "delad@example.se", 2, 1, &cause), 1);
	struct nl_send_row *rows;
	size_t n;
	assert_int_equal(nl_sends_load(db, "nl-1", &rows, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].email, "delad@example.se");
	assert_int_equal(rows[0].state, NL_SENT);
	assert_int_equal(rows[1].state, NL_BOUNCED);
	assert_int_equal(rows[1].smtp_code, 550);
	nl_send_rows_free(rows, n);
	struct nl_suppressed *sup;
	assert_int_equal(nl_suppressed_load(db, &sup, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(sup[0].reason, "bounced");
	nl_suppressed_free(sup, n);
	assert_int_equal(nl_suppress(db, "NO@example.se", "unsubscribed", NULL, &cause), 1);
	assert_int_equal(nl_suppress(db, "Anna@Example.se", "unsubscribed", NULL, &cause), 0);
	assert_int_equal(
	    tu_count(db,
	             "SELECT count(*) FROM newsletter_suppressed WHERE email = 'anna@example.se'"),
	    1);
	assert_int_equal(nl_unsuppress(db, "anna@EXAMPLE.se", &cause), 0);
	assert_int_equal(nl_unsuppress(db, "anna@example.se", &cause), 1);
	struct nl_issue_info *iss;
	assert_int_equal(nl_issues_load(db, &iss, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(iss[0].sent, 1);
	assert_int_equal(iss[0].bounced, 1);
	assert_int_equal(iss[0].customers_reached, 2);
	nl_issues_free(iss, n);
	/* the contact person from the file's other columns */
	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_CUSTOMERS, DAYS_NONE, DAYS_NONE, &ds, &cause),
	                 0);
	char *contact[3];
	assert_int_equal(nl_contacts_load(db, &ds, contact, &cause), 0);
	assert_string_equal(contact[0], "Åsa Ek");
	assert_null(contact[1]);
	assert_null(contact[2]);
	free(contact[0]);
	dataset_free(&ds);
	done_db(db);
}

static void test_actions(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL;
	/* the struct owns its strings when read back; here they are literals */
	struct follow_action a = {.action_id = S("0123456789abcdef"),
	                          .user_name = S("sara"),
	                          .seller_id = S("S1"),
	                          .customer_id = S("C2"),
	                          .kind = S("visit"),
	                          .outcome = S("meeting_booked"),
	                          .note = S("Ny kontakt"),
	                          .day = days_from_ymd(2026, 12, 7),
	                          .minute = 9 * 60 + 12,
	                          .duration_min = 42};
	assert_int_equal(follow_log_action(db, &a, &cause), FOLLOW_LOGGED);
	assert_int_equal(follow_log_action(db, &a, &cause), FOLLOW_DUPLICATE);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities WHERE type = 'visit' AND "
	                              "duration_min = 42 AND minute = 552"),
	                 1);
	assert_int_equal(
	    tu_count(db, "SELECT count(*) FROM activities WHERE type = 'meeting_booked'"), 1);
	struct follow_action c = a;
	c.action_id = S("fedcba9876543210");
	c.kind = S("call");
	c.outcome = S("nothing");
	c.note = NULL;
	c.duration_min = 5;
	assert_int_equal(follow_log_action(db, &c, &cause), FOLLOW_LOGGED);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities WHERE type = 'phone'"), 1);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM batches WHERE kind = 'logged'"), 1);
	assert_int_equal(tu_count(db, "SELECT rows FROM batches WHERE kind = 'logged'"), 3);
	c.action_id = S("aaaaaaaaaaaaaaaa");
	c.customer_id = S("NOPE");
	assert_int_equal(follow_log_action(db, &c, &cause), FOLLOW_NO_CUSTOMER);
	struct follow_action *v;
	size_t n;
	assert_int_equal(follow_actions_of_day(db, "S1", a.day, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].customer_name, "Två AB");
	assert_string_equal(v[0].note, "Ny kontakt");
	assert_int_equal(v[0].minute, 552);
	follow_actions_free(v, n);
	assert_int_equal(follow_seller_exists(db, "S1", &cause), 1);
	assert_int_equal(follow_seller_exists(db, "S9", &cause), 0);
	int32_t d;
	assert_int_equal(follow_plan_applied_day(db, &d, &cause), 0);
	assert_int_equal(d, DAYS_NONE);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO batches(kind, file, created_at) VALUES ('plan', "
	                         "'snapshot 1', '2026-12-01T10:00:00Z'),"
	                         "('plan', 'snapshot 2', '2026-12-03T10:00:00Z')",
	                         &cause),
	                 0);
	assert_int_equal(follow_plan_applied_day(db, &d, &cause), 0);
	assert_int_equal(d, days_from_ymd(2026, 12, 3));
	assert_int_equal(
	    db_exec(db, "UPDATE batches SET undone = 1 WHERE file = 'snapshot 2'", &cause), 0);
	assert_int_equal(follow_plan_applied_day(db, &d, &cause), 0);
	assert_int_equal(d, days_from_ymd(2026, 12, 1));
	done_db(db);
}

static void test_users(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL, *e = NULL;
	assert_int_equal(user_crypto_init(), 0);
	assert_int_equal(user_add(db, "mia", USER_MANAGER, NULL, "manager-pass", &cause), 0);
	assert_int_equal(user_add(db, "ada", USER_ADMIN, NULL, "admin-passw", &cause), 0);
	assert_int_equal(user_add(db, "ola", USER_MANAGER, NULL, "manager-pass", &cause), 0);
	assert_int_equal(user_email_get(db, "mia", &e, &cause), 0);
	assert_null(e);
	assert_int_equal(user_email_set(db, "mia", "mia@example.se", &cause), 0);
	assert_int_equal(user_email_set(db, "ada", "ada@example.se", &cause), 0);
	assert_int_equal(user_email_set(db, "nobody", "x@example.se", &cause), 1);
	assert_int_equal(user_email_get(db, "mia", &e, &cause), 0);
	assert_string_equal(e, "mia@example.se");
	free(e);
	char **v;
	size_t n;
	assert_int_equal(user_emails_of_role(db, USER_MANAGER, &v, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0], "mia@example.se");
	free(v[0]);
	free(v);
	char t1[USER_FEED_TOKEN_LEN + 1], t2[USER_FEED_TOKEN_LEN + 1];
	struct user u;
	assert_int_equal(user_feed_token_new(db, "mia", t1, &cause), 0);
	assert_int_equal(strlen(t1), USER_FEED_TOKEN_LEN);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM users WHERE feed_token_hash LIKE '%%%s%%'",
	         t1);
	assert_int_equal(tu_count(db, sql), 0); /* only a hash is kept */
	assert_int_equal(user_by_feed_token(db, t1, &u, &cause), 0);
	assert_string_equal(u.name, "mia");
	user_free(&u);
	assert_int_equal(user_feed_token_new(db, "mia", t2, &cause), 0);
	assert_int_equal(user_by_feed_token(db, t1, &u, &cause), 1); /* replaced */
	assert_int_equal(user_by_feed_token(db, t2, &u, &cause), 0);
	user_free(&u);
	assert_int_equal(user_feed_token_revoke(db, "mia", &cause), 0);
	assert_int_equal(user_by_feed_token(db, t2, &u, &cause), 1);
	assert_int_equal(user_by_feed_token(db, "not-a-token", &u, &cause), 1);
	assert_int_equal(user_by_feed_token(db, NULL, &u, &cause), 1);
	assert_int_equal(user_feed_token_new(db, "nobody", t1, &cause), 1);
	done_db(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_settings),
	    cmocka_unit_test(test_newsletter_log),
	    cmocka_unit_test(test_actions),
	    cmocka_unit_test(test_users),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
