/* app/mailer.h — sending e-mail over SMTP with libcurl: the server from the
 * workspace's settings (smtp.*), the password from FOKUS_SMTP_PASSWORD or a
 * file (never stored, never printed), STARTTLS required by default, at most
 * smtp.rate messages per second, one connection kept open for a whole run,
 * and an answer per message that says whether it was delivered to the
 * server, refused for that address (permanently or for now), or whether
 * the run must stop. Used by the newsletter and the weekly pulse. */
#ifndef FOKUS_APP_MAILER_H
#define FOKUS_APP_MAILER_H
#include <stddef.h>

struct sqlite3;

struct mailer_config {
	char *host;
	int port;
	char *from;       /* the From header, "Name <addr>" or "addr" */
	char *from_addr;  /* its bare address (the envelope sender) */
	char *reply_to;   /* newsletter.reply_to or NULL */
	char *user;       /* NULL: no login */
	char *password;   /* NULL without a user; wiped when freed */
	int starttls;     /* 1: require STARTTLS (smtp:// ports) */
	int implicit_tls; /* port 465: smtps:// */
	double rate;      /* messages per second */
	char *cafile;     /* or NULL */
	char *site_url;   /* the dashboard's public address, or NULL */
};

/* Reads the settings and the password (password_file, else the environment
 * variable FOKUS_SMTP_PASSWORD; only when smtp.user is set). Returns 0, or
 * -1 with *cause (one sentence, caller frees): smtp.host or smtp.from not
 * set, a user without a password, a password that would travel without
 * encryption, an unreadable file. */
int mailer_config_load(struct sqlite3 *db, const char *password_file, struct mailer_config *cfg,
                       char **cause);
/* Frees the strings (the password wiped first). NULL-safe. */
void mailer_config_free(struct mailer_config *cfg);

enum mailer_result {
	MAILER_SENT = 0, /* the server took the message */
	MAILER_BOUNCED,  /* the server refused the address for good (5xx at RCPT) */
	MAILER_DEFERRED, /* refused for now (4xx at RCPT): try again in a later run */
	MAILER_STOP,     /* not delivered, and the next ones would fail the same way
	                  * (no connection, login refused, sender or content refused) */
	MAILER_UNCERTAIN /* the whole message went out but no answer came back: it may
	                  * have been delivered */
};

struct mailer;

/* A sender for one run (no connection is made until the first message).
 * Never fails; free with mailer_close. */
struct mailer *mailer_open(const struct mailer_config *cfg);
void mailer_close(struct mailer *m);

/* Sends msg (len bytes, CRLF lines) to the bare address rcpt, first waiting
 * for its turn under the rate limit. *code gets the server's reply code
 * when there was one (0 otherwise) and *detail (caller frees, may be NULL)
 * the server's or libcurl's words. */
enum mailer_result mailer_send(struct mailer *m, const char *rcpt, const char *msg, size_t len,
                               int *code, char **detail);

#endif
