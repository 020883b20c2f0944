/* mailer.c — SMTP through libcurl (mailer.h). One easy handle per run, so
 * libcurl keeps the connection (and the login) between messages. The read
 * callback tells whether the whole message went out, which decides
 * between "not delivered" and "uncertain" when the server's answer is
 * missing. */
#include "app/mailer.h"
#include "app/settings.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void wipe_free(char *s)
{
	if (s) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
}

void mailer_config_free(struct mailer_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->host);
	free(cfg->from);
	free(cfg->from_addr);
	free(cfg->reply_to);
	free(cfg->user);
	wipe_free(cfg->password);
	free(cfg->cafile);
	free(cfg->site_url);
	memset(cfg, 0, sizeof(*cfg));
}

/* The first line of path, without its line end. */
static char *read_password_file(const char *path, char **cause)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*cause = xasprintf("cannot read the password file %s: %s", path, strerror(errno));
		return NULL;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);
	fclose(f);
	if (n <= 0) {
		free(line);
		*cause = xasprintf("the password file %s is empty", path);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static int value(struct sqlite3 *db, const char *key, char **out, char **cause)
{
	return app_setting_value(db, key, out, cause);
}

int mailer_config_load(struct sqlite3 *db, const char *password_file, struct mailer_config *cfg,
                       char **cause)
{
	char *port = NULL, *tls = NULL, *rate = NULL, *name = NULL;
	memset(cfg, 0, sizeof(*cfg));
	if (value(db, "smtp.host", &cfg->host, cause) ||
	    value(db, "smtp.from", &cfg->from, cause) ||
	    value(db, "smtp.user", &cfg->user, cause) || value(db, "smtp.port", &port, cause) ||
	    value(db, "smtp.starttls", &tls, cause) || value(db, "smtp.rate", &rate, cause) ||
	    value(db, "smtp.cafile", &cfg->cafile, cause) ||
	    value(db, "newsletter.reply_to", &cfg->reply_to, cause) ||
	    value(db, "site.url", &cfg->site_url, cause))
		goto fail;
	if (!cfg->host) {
		*cause =
		    xstrdup("no SMTP server: set one with 'fokus settings set smtp.host HOST'");
		goto fail;
	}
	if (!cfg->from || mailaddr_parse(cfg->from, &name, &cfg->from_addr) != 0) {
		*cause = xstrdup("no sender: set one with 'fokus settings set smtp.from "
		                 "\"Name <news@example.se>\"'");
		goto fail;
	}
	free(name);
	cfg->port = port ? atoi(port) : 587;
	cfg->implicit_tls = cfg->port == 465;
	cfg->starttls = !tls || strcmp(tls, "no") != 0;
	cfg->rate = rate ? strtod(rate, NULL) : 10;
	if (!(cfg->rate > 0) || !isfinite(cfg->rate))
		cfg->rate = 10;
	if (cfg->user) {
		const char *env = getenv("FOKUS_SMTP_PASSWORD");
		if (password_file)
			cfg->password = read_password_file(password_file, cause);
		else if (env && *env)
			cfg->password = xstrdup(env);
		else
			*cause =
			    xasprintf("smtp.user is %s: give the password in the environment "
			              "variable FOKUS_SMTP_PASSWORD or with --password-file FILE",
			              cfg->user);
		if (!cfg->password)
			goto fail;
		if (!cfg->starttls && !cfg->implicit_tls) {
			*cause = xstrdup(
			    "the password would travel unencrypted: set 'smtp.starttls yes' "
			    "(or use port 465), or unset smtp.user for a server without "
			    "login");
			goto fail;
		}
	}
	free(port);
	free(tls);
	free(rate);
	return 0;
fail:
	free(port);
	free(tls);
	free(rate);
	mailer_config_free(cfg);
	return -1;
}

struct mailer {
	const struct mailer_config *cfg;
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
	char reply[512];    /* the server's last reply line */
	struct timespec t0; /* when the first message was sent */
	long sent;          /* messages handed to the server so far (the rate's count) */
	/* the message being read by libcurl */
	const char *msg;
	size_t len, pos;
};

struct mailer *mailer_open(const struct mailer_config *cfg)
{
	struct mailer *m = xcalloc(1, sizeof(*m));
	m->cfg = cfg;
	return m;
}

void mailer_close(struct mailer *m)
{
	if (!m)
		return;
	if (m->curl)
		curl_easy_cleanup(m->curl);
	free(m);
}

static size_t read_cb(char *buf, size_t size, size_t nitems, void *arg)
{
	struct mailer *m = arg;
	size_t room = size * nitems, left = m->len - m->pos;
	size_t n = left < room ? left : room;
	memcpy(buf, m->msg + m->pos, n);
	m->pos += n;
	return n;
}

/* Keeps the server's last reply line (libcurl passes them as "headers in"). */
static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	(void)h;
	struct mailer *m = arg;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	while (size > 0 && (data[size - 1] == '\n' || data[size - 1] == '\r'))
		size--;
	if (size >= sizeof(m->reply))
		size = sizeof(m->reply) - 1;
	memcpy(m->reply, data, size);
	m->reply[size] = '\0';
	return 0;
}

static double since(const struct timespec *a)
{
	struct timespec b;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* Message k may start at t0 + k / rate. */
static void wait_turn(struct mailer *m)
{
	if (m->sent == 0) {
		clock_gettime(CLOCK_MONOTONIC, &m->t0);
		return;
	}
	double wait = (double)m->sent / m->cfg->rate - since(&m->t0);
	if (wait <= 0)
		return;
	struct timespec ts = {(time_t)wait, (long)((wait - floor(wait)) * 1e9)};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

static int setup(struct mailer *m)
{
	const struct mailer_config *c = m->cfg;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	m->curl = curl_easy_init();
	if (!m->curl)
		return -1;
	char *url = xasprintf("%s://%s:%d", c->implicit_tls ? "smtps" : "smtp", c->host, c->port);
	CURL *h = m->curl;
	curl_easy_setopt(h, CURLOPT_URL, url);
	free(url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, m->errbuf);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, m);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, m);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, c->from_addr);
	if (c->starttls && !c->implicit_tls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->cafile)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->cafile);
	if (c->user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password ? c->password : "");
	}
	return 0;
}

/* The reply code in libcurl's "RCPT failed: 550" (or 0). */
static int stage_code(const char *err, const char *stage)
{
	const char *p = strstr(err, stage);
	return p ? atoi(p + strlen(stage)) : 0;
}

enum mailer_result mailer_send(struct mailer *m, const char *rcpt, const char *msg, size_t len,
                               int *code, char **detail)
{
	*code = 0;
	*detail = NULL;
	if (!m->curl && setup(m) != 0) {
		*detail = xstrdup("libcurl cannot start");
		return MAILER_STOP;
	}
	wait_turn(m);
	struct curl_slist *to = curl_slist_append(NULL, rcpt);
	m->msg = msg;
	m->len = len;
	m->pos = 0;
	m->errbuf[0] = '\0';
	m->reply[0] = '\0';
	curl_easy_setopt(m->curl, CURLOPT_MAIL_RCPT, to);
	CURLcode rc = curl_easy_perform(m->curl);
	curl_easy_setopt(m->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(to);
	m->sent++;
	long resp = 0;
	curl_easy_getinfo(m->curl, CURLINFO_RESPONSE_CODE, &resp);
	if (rc == CURLE_OK) {
		*code = (int)resp;
		return MAILER_SENT;
	}
	const char *why = m->errbuf[0] ? m->errbuf : curl_easy_strerror(rc);
	*detail = m->reply[0] && m->reply[0] >= '4' && m->reply[0] <= '5'
	              ? xasprintf("%s (%s)", m->reply, why)
	              : xstrdup(why);
	int rcpt_code = stage_code(why, "RCPT failed: ");
	if (rcpt_code) {
		*code = rcpt_code;
		return rcpt_code >= 500 ? MAILER_BOUNCED : MAILER_DEFERRED;
	}
	*code = (int)resp;
	/* Everything sent and no clear refusal: the server may have it. */
	if (m->pos == m->len && len > 0 && (resp == 0 || resp == 354))
		return MAILER_UNCERTAIN;
	return MAILER_STOP;
}
