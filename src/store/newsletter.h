/* store/newsletter.h — the newsletter's records: its issues, a send log per
 * issue and address, and the addresses not to write to (unsubscribed or
 * bounced). Addresses are stored and compared in lower case.
 *
 * The send log is what makes a send resumable: a row is written with state
 * 'sending' (and committed) before a message goes to the server, and set to
 * 'sent' — with the newsletter activities of the address's customers, in
 * the same transaction — after the server took it. A run that is killed in
 * between leaves 'sending': the next run does not send to that address
 * again unless told to (it may have been delivered). */
#ifndef FOKUS_STORE_NEWSLETTER_H
#define FOKUS_STORE_NEWSLETTER_H
#include <stddef.h>
#include <stdint.h>

struct sqlite3;

enum nl_state { NL_NONE = 0, NL_SENDING, NL_SENT, NL_BOUNCED, NL_FAILED };
/* "sending" "sent" "bounced" "failed" ("" for NL_NONE) */
const char *nl_state_code(enum nl_state s);

/* Makes the issue (with a batch of kind 'newsletter' for its activities)
 * unless it exists. Returns 0 with *batch_id and *created (1 when new), or
 * -1 with *cause (caller frees). An existing issue whose subject differs is
 * refused (an issue id names one message). */
int nl_issue_ensure(struct sqlite3 *db, const char *issue, const char *subject,
                    const char *template_sha256, int64_t *batch_id, int *created, char **cause);

/* Checks, without writing, that issue is new or has this subject. Returns
 * 0, or -1 with *cause (another subject, or a workspace error). */
int nl_issue_check(struct sqlite3 *db, const char *issue, const char *subject, char **cause);

struct nl_send_row {
	char *email;
	enum nl_state state;
	int smtp_code;
};

/* Every row of the issue's send log into *out (*n; free with
 * nl_send_rows_free), ordered by email. Returns 0 or -1 with *cause. */
int nl_sends_load(struct sqlite3 *db, const char *issue, struct nl_send_row **out, size_t *n,
                  char **cause);
void nl_send_rows_free(struct nl_send_row *v, size_t n);

/* Claims email for this run: writes its 'sending' row (and commits) when
 * the address has no row yet or a 'failed' one — or, with
 * also_uncertain, a 'sending' one. Returns 0 when claimed, 1 when another
 * run has it (or it went out meanwhile): do not send; -1 with *cause. */
int nl_send_begin(struct sqlite3 *db, const char *issue, const char *email, int customers,
                  int also_uncertain, char **cause);

/* One customer a delivered message reached. */
struct nl_reached {
	int64_t customer;      /* customers.id */
	const char *seller_id; /* the responsible person, or NULL */
};

/* The end of one message, in one transaction: the row's new state (sent,
 * bounced or failed) with the server's code and words; for NL_SENT a
 * 'newsletter' activity per reached customer in batch_id on day/minute;
 * for NL_BOUNCED the address is suppressed. Returns 0 or -1 with *cause. */
int nl_send_end(struct sqlite3 *db, const char *issue, const char *email, enum nl_state state,
                int smtp_code, const char *message, int64_t batch_id, const struct nl_reached *r,
                size_t nr, int32_t day, int minute, char **cause);

/* Removes the 'sending' row of email: the message certainly did not go out
 * (no connection). Returns 0 or -1 with *cause. */
int nl_send_forget(struct sqlite3 *db, const char *issue, const char *email, char **cause);

/* Puts email on the list of addresses not written to (reason "unsubscribed"
 * or "bounced", detail may be NULL). An address already there keeps its
 * first reason. Returns 0 (1 when it was there already) or -1 with *cause. */
int nl_suppress(struct sqlite3 *db, const char *email, const char *reason, const char *detail,
                char **cause);
/* Takes email off that list. Returns 0, 1 when it was not on it, -1. */
int nl_unsuppress(struct sqlite3 *db, const char *email, char **cause);

struct nl_suppressed {
	char *email, *reason, *detail, *created_at;
};
/* The whole list, ordered by email. Returns 0 or -1 with *cause. */
int nl_suppressed_load(struct sqlite3 *db, struct nl_suppressed **out, size_t *n, char **cause);
void nl_suppressed_free(struct nl_suppressed *v, size_t n);

struct nl_issue_info {
	char *issue, *subject, *created_at;
	int64_t sent, sending, bounced, failed, customers_reached;
};
/* Every issue, newest first, with its counts. Returns 0 or -1 with *cause. */
int nl_issues_load(struct sqlite3 *db, struct nl_issue_info **out, size_t *n, char **cause);
void nl_issues_free(struct nl_issue_info *v, size_t n);

struct dataset;

/* The contact person of each customer of ds, from the customer file's
 * other columns (customers.attrs) named contact, contact_person, contact
 * name, kontaktperson, kontakt or referens (any case): contact[i] gets a
 * fresh string or NULL (contact has ds->ncustomers entries; free each).
 * Returns 0 or -1 with *cause. */
int nl_contacts_load(struct sqlite3 *db, const struct dataset *ds, char **contact, char **cause);

#endif
