/* newsletter.c — issues, the send log and the suppressed addresses
 * (newsletter.h). Every write is one short transaction, so a send that is
 * killed at any point leaves a log that says exactly what went out. */
#include "store/newsletter.h"
#include "core/dataset.h"
#include "store/db.h"
#include "store/follow.h"
#include "util/isotime.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <jansson.h>
#include <sqlite3.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_codes[] = {"", "sending", "sent", "bounced", "failed"};

const char *nl_state_code(enum nl_state s)
{
	return s >= NL_NONE && s <= NL_FAILED ? state_codes[s] : "";
}

static enum nl_state state_parse(const char *s)
{
	for (int i = NL_SENDING; i <= NL_FAILED; i++)
		if (s && !strcmp(s, state_codes[i]))
			return (enum nl_state)i;
	return NL_NONE;
}

int nl_issue_check(sqlite3 *db, const char *issue, const char *subject, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(db, "SELECT subject FROM newsletter_issues WHERE issue = ?1", -1,
	                       &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the newsletter issues");
		return -1;
	}
	sqlite3_bind_text(st, 1, issue, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), subject) != 0) {
		*cause =
		    xasprintf("issue %s was sent with another subject; give a new --issue for a "
		              "new message",
		              issue);
		rc = -1;
	} else if (s != SQLITE_ROW && s != SQLITE_DONE) {
		*cause = db_cause(db, "reading the newsletter issues");
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

int nl_issue_ensure(sqlite3 *db, const char *issue, const char *subject,
                    const char *template_sha256, int64_t *batch_id, int *created, char **cause)
{
	sqlite3_stmt *st = NULL;
	*created = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(db,
	                       "SELECT subject, batch_id FROM newsletter_issues WHERE issue = ?1",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail_db;
	sqlite3_bind_text(st, 1, issue, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		int same = !strcmp((const char *)sqlite3_column_text(st, 0), subject);
		*batch_id = sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
		db_rollback(db);
		if (!same) {
			*cause =
			    xasprintf("issue %s was sent with another subject; give a new --issue "
			              "for a new message",
			              issue);
			return -1;
		}
		return 0;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (s != SQLITE_DONE)
		goto fail_db;
	char *file = xasprintf("newsletter %s: %s", issue, subject);
	int rc = follow_batch_new(db, "newsletter", file, batch_id, cause);
	free(file);
	if (rc != 0)
		goto fail;
	char when[21];
	isotime_utc(time(NULL), when);
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO newsletter_issues(issue, subject, template_sha256, "
	                       "created_at, batch_id) VALUES (?1, ?2, ?3, ?4, ?5)",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail_db;
	sqlite3_bind_text(st, 1, issue, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, template_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, when, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, *batch_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail_db;
	sqlite3_finalize(st);
	if (db_commit(db, cause) != 0)
		goto fail;
	*created = 1;
	return 0;
fail_db:
	*cause = db_cause(db, "writing the newsletter issue");
fail:
	sqlite3_finalize(st);
	db_rollback(db);
	return -1;
}

static void send_row(sqlite3_stmt *st, void *elem)
{
	struct nl_send_row *r = elem;
	r->email = db_col_dup(st, 0);
	r->state = state_parse((const char *)sqlite3_column_text(st, 1));
	r->smtp_code = sqlite3_column_int(st, 2);
}

static void send_rows_release(void *v, size_t n)
{
	nl_send_rows_free(v, n);
}

int nl_sends_load(sqlite3 *db, const char *issue, struct nl_send_row **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	void *v;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT email, state, smtp_code FROM newsletter_sends WHERE issue = ?1 "
	        "ORDER BY email",
	        -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the send log");
		return -1;
	}
	sqlite3_bind_text(st, 1, issue, -1, SQLITE_STATIC);
	if (db_collect(db, st, sizeof(**out), send_row, &v, n, send_rows_release,
	               "reading the send log", cause) != 0)
		return -1;
	*out = v;
	return 0;
}

void nl_send_rows_free(struct nl_send_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].email);
	free(v);
}

int nl_send_begin(sqlite3 *db, const char *issue, const char *email, int customers,
                  int also_uncertain, char **cause)
{
	sqlite3_stmt *st = NULL;
	char when[21];
	int rc = -1;
	isotime_utc(time(NULL), when);
	/* one statement: two runs of the same issue cannot both claim an address */
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO newsletter_sends(issue, email, state, customers, "
	                       "updated_at) VALUES (?1, ?2, 'sending', ?3, ?4) "
	                       "ON CONFLICT(issue, email) DO UPDATE SET state = 'sending', "
	                       "customers = excluded.customers, smtp_code = NULL, message = NULL, "
	                       "updated_at = excluded.updated_at "
	                       "WHERE state = 'failed' OR (?5 AND state = 'sending')",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, issue, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, email, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, customers);
		sqlite3_bind_text(st, 4, when, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, also_uncertain ? 1 : 0);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = sqlite3_changes(db) ? 0 : 1;
	}
	sqlite3_finalize(st);
	if (rc < 0)
		*cause = db_cause(db, "writing the send log");
	return rc;
}

static int set_state(sqlite3 *db, const char *issue, const char *email, enum nl_state state,
                     int code, const char *message)
{
	sqlite3_stmt *st = NULL;
	char when[21];
	int rc = -1;
	isotime_utc(time(NULL), when);
	if (sqlite3_prepare_v2(
	        db,
	        "UPDATE newsletter_sends SET state = ?3, smtp_code = ?4, message = ?5, "
	        "updated_at = ?6 WHERE issue = ?1 AND email = ?2",
	        -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, issue, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, email, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, nl_state_code(state), -1, SQLITE_STATIC);
		if (code)
			sqlite3_bind_int(st, 4, code);
		if (message)
			sqlite3_bind_text(st, 5, message, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, when, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

int nl_send_end(sqlite3 *db, const char *issue, const char *email, enum nl_state state,
                int smtp_code, const char *message, int64_t batch_id, const struct nl_reached *r,
                size_t nr, int32_t day, int minute, char **cause)
{
	if (db_begin(db, cause) != 0)
		return -1;
	if (set_state(db, issue, email, state, smtp_code, message) != 0) {
		*cause = db_cause(db, "writing the send log");
		goto fail;
	}
	if (state == NL_SENT) {
		for (size_t i = 0; i < nr; i++) {
			struct follow_activity a = {.customer = r[i].customer,
			                            .seller_id = r[i].seller_id,
			                            .day = day,
			                            .minute = minute,
			                            .type = "newsletter",
			                            .duration_min = -1};
			if (follow_activity_add(db, batch_id, &a, cause) != 0)
				goto fail;
		}
	} else if (state == NL_BOUNCED && nl_suppress(db, email, "bounced", message, cause) < 0) {
		goto fail;
	}
	if (db_commit(db, cause) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int nl_send_forget(sqlite3 *db, const char *issue, const char *email, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db,
	                       "DELETE FROM newsletter_sends WHERE issue = ?1 AND email = ?2 AND "
	                       "state = 'sending'",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, issue, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, email, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	sqlite3_finalize(st);
	if (rc != 0)
		*cause = db_cause(db, "writing the send log");
	return rc;
}

int nl_suppress(sqlite3 *db, const char *email, const char *reason, const char *detail,
                char **cause)
{
	sqlite3_stmt *st = NULL;
	char when[21], *low = mailaddr_lower(email);
	int rc = -1;
	isotime_utc(time(NULL), when);
	if (sqlite3_prepare_v2(db,
	                       "INSERT OR IGNORE INTO newsletter_suppressed(email, reason, detail, "
	                       "created_at) VALUES (?1, ?2, ?3, ?4)",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, low, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
		if (detail)
			sqlite3_bind_text(st, 3, detail, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, when, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = sqlite3_changes(db) ? 0 : 1;
	}
	sqlite3_finalize(st);
	free(low);
	if (rc < 0)
		*cause = db_cause(db, "writing the list of suppressed addresses");
	return rc;
}

int nl_unsuppress(sqlite3 *db, const char *email, char **cause)
{
	sqlite3_stmt *st = NULL;
	char *low = mailaddr_lower(email);
	int rc = -1;
	if (sqlite3_prepare_v2(db, "DELETE FROM newsletter_suppressed WHERE email = ?1", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, low, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = sqlite3_changes(db) ? 0 : 1;
	}
	sqlite3_finalize(st);
	free(low);
	if (rc < 0)
		*cause = db_cause(db, "writing the list of suppressed addresses");
	return rc;
}

static void suppressed_row(sqlite3_stmt *st, void *elem)
{
	struct nl_suppressed *r = elem;
	r->email = db_col_dup(st, 0);
	r->reason = db_col_dup(st, 1);
	r->detail = db_col_dup(st, 2);
	r->created_at = db_col_dup(st, 3);
}

static void suppressed_release(void *v, size_t n)
{
	nl_suppressed_free(v, n);
}

int nl_suppressed_load(sqlite3 *db, struct nl_suppressed **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	void *v;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT email, reason, detail, created_at FROM newsletter_suppressed "
	        "ORDER BY email",
	        -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the suppressed addresses");
		return -1;
	}
	if (db_collect(db, st, sizeof(**out), suppressed_row, &v, n, suppressed_release,
	               "reading the suppressed addresses", cause) != 0)
		return -1;
	*out = v;
	return 0;
}

void nl_suppressed_free(struct nl_suppressed *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].email);
		free(v[i].reason);
		free(v[i].detail);
		free(v[i].created_at);
	}
	free(v);
}

static void issue_row(sqlite3_stmt *st, void *elem)
{
	struct nl_issue_info *r = elem;
	r->issue = db_col_dup(st, 0);
	r->subject = db_col_dup(st, 1);
	r->created_at = db_col_dup(st, 2);
	r->sent = sqlite3_column_int64(st, 3);
	r->sending = sqlite3_column_int64(st, 4);
	r->bounced = sqlite3_column_int64(st, 5);
	r->failed = sqlite3_column_int64(st, 6);
	r->customers_reached = sqlite3_column_int64(st, 7);
}

static void issues_release(void *v, size_t n)
{
	nl_issues_free(v, n);
}

int nl_issues_load(sqlite3 *db, struct nl_issue_info **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	void *v;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT i.issue, i.subject, i.created_at, "
	        "(SELECT count(*) FROM newsletter_sends s WHERE s.issue = i.issue AND state = "
	        "'sent'), "
	        "(SELECT count(*) FROM newsletter_sends s WHERE s.issue = i.issue AND state = "
	        "'sending'), "
	        "(SELECT count(*) FROM newsletter_sends s WHERE s.issue = i.issue AND state = "
	        "'bounced'), "
	        "(SELECT count(*) FROM newsletter_sends s WHERE s.issue = i.issue AND state = "
	        "'failed'), "
	        "(SELECT ifnull(sum(customers), 0) FROM newsletter_sends s WHERE s.issue = i.issue "
	        " AND state = 'sent') "
	        "FROM newsletter_issues i ORDER BY i.created_at DESC, i.issue",
	        -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the newsletter issues");
		return -1;
	}
	if (db_collect(db, st, sizeof(**out), issue_row, &v, n, issues_release,
	               "reading the newsletter issues", cause) != 0)
		return -1;
	*out = v;
	return 0;
}

void nl_issues_free(struct nl_issue_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].issue);
		free(v[i].subject);
		free(v[i].created_at);
	}
	free(v);
}

/* The value of the first attribute named like a contact person. */
static char *contact_of(const char *attrs)
{
	static const char *const names[] = {"contact",      "contact_person", "contact person",
	                                    "contact_name", "contact name",   "kontaktperson",
	                                    "kontakt",      "referens",       NULL};
	json_error_t err;
	json_t *o = json_loads(attrs, 0, &err);
	char *r = NULL;
	if (json_is_object(o)) {
		for (int i = 0; names[i] && !r; i++) {
			const char *k;
			json_t *v;
			json_object_foreach(o, k, v)
			{
				const char *t = json_string_value(v);
				if (!strcasecmp(k, names[i]) && t && *t) {
					r = xstrdup(t);
					break;
				}
			}
		}
	}
	json_decref(o);
	return r;
}

int nl_contacts_load(sqlite3 *db, const struct dataset *ds, char **contact, char **cause)
{
	sqlite3_stmt *st = NULL;
	for (size_t i = 0; i < ds->ncustomers; i++)
		contact[i] = NULL;
	if (sqlite3_prepare_v2(db, "SELECT id, attrs FROM customers WHERE attrs IS NOT NULL", -1,
	                       &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "reading the customers");
		return -1;
	}
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t i = dataset_customer_by_store_id(ds, sqlite3_column_int64(st, 0));
		const char *a = (const char *)sqlite3_column_text(st, 1);
		if (i >= 0 && a && !contact[i])
			contact[i] = contact_of(a);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		*cause = db_cause(db, "reading the customers");
		return -1;
	}
	return 0;
}
