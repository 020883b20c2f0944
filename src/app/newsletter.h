/* app/newsletter.h — sending the newsletter to the plan's newsletter
 * customers (docs/follow-up.md §1): one message per address and issue
 * (customers that share an address get one), markdown rendered to HTML
 * with a text part, {{fields}} per customer, List-Unsubscribe on every
 * message, unsubscribed and bounced addresses skipped, at most smtp.rate
 * messages a second, and a send log that lets an interrupted send go on
 * without sending anyone the same issue twice. Each message the server
 * takes is logged as a `newsletter` activity of every customer it reached.
 * Also the unsubscribe links' tokens, which the dashboard checks. */
#ifndef FOKUS_APP_NEWSLETTER_H
#define FOKUS_APP_NEWSLETTER_H
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "util/i18n.h"

struct sqlite3;

struct newsletter_opts {
	const char *template_path; /* markdown (UTF-8) */
	const char *subject;       /* may hold {{fields}} too */
	const char *issue;         /* NULL: "nl-" + 12 hex of sha256(template, subject) */
	int dry_run;               /* count and preview, send nothing, store nothing */
	long limit;                /* at most this many messages in this run; 0: no limit */
	int resend_uncertain;      /* also send to addresses an interrupted run may have reached */
	const char *password_file; /* else FOKUS_SMTP_PASSWORD */
	enum lang lang;            /* the footer, {{contact}} and {{greeting}} without a name */
	FILE *preview;             /* the first message as sent (RFC 5322), or NULL */
	FILE *progress;            /* a line every 100 messages, or NULL */
	time_t now;                /* the messages' Date */
	volatile sig_atomic_t *stop; /* set (e.g. by SIGINT) to end after the current message */
};

struct newsletter_result {
	char issue[80];
	long customers;      /* newsletter customers in the plan */
	long no_email;       /* without an address */
	long bad_email;      /* with something that is not an address */
	long addresses;      /* distinct addresses of the others */
	long shared;         /* addresses that more than one customer has */
	long unsubscribed;   /* addresses skipped: unsubscribed */
	long bounced_before; /* addresses skipped: bounced before */
	long already_sent;   /* sent in an earlier run of this issue */
	long uncertain;      /* an interrupted run may have reached them: skipped */
	long to_send;        /* in this run (after --limit) */
	long sent, bounced, deferred;
	long customers_reached; /* customers of the addresses sent to in this run */
	long left;              /* still to send after this run */
	char *stopped;          /* why the run stopped early (caller frees), or NULL */
};

/* Runs a send (or a dry run). Returns 0 with *res filled (a run that
 * stopped early because the server failed is 0 with res->stopped set);
 * -1 with *cause (one sentence, caller frees) when nothing could start:
 * no categorization, an unreadable template, an unknown {{field}}, SMTP
 * settings missing, the issue id used for another subject. */
int newsletter_send(struct sqlite3 *db, const struct newsletter_opts *o,
                    struct newsletter_result *res, char **cause);

/* The fields a template may use, for help texts: "{{name}}, {{contact}}, ...". */
extern const char newsletter_fields[];

/* The token of an unsubscribe link for email (any case) under the
 * workspace's secret: 32 hex characters into out. */
void newsletter_unsub_token(const char secret[65], const char *email, char out[33]);

/* Checks an unsubscribe link's token in constant time; 1 when it is email's. */
int newsletter_unsub_check(const char secret[65], const char *email, const char *token);

#endif
