/* settings.c — the table of settings fokus knows, checking values before
 * they are stored, reading them with their defaults, and the newsletter's
 * hidden secret (made on first use). */
#include "app/settings.h"
#include "store/settings.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SECRET_KEY "newsletter.secret"

const struct app_setting_def app_settings[] = {
    {"smtp.host", "HOST", NULL, "the SMTP server that sends the newsletter and the pulse",
     "SMTP-servern som skickar nyhetsbrevet och veckopulsen", 0},
    {"smtp.port", "PORT", "587", "its port: 587 (submission, STARTTLS), 25, or 465 (TLS at once)",
     "dess port: 587 (submission, STARTTLS), 25 eller 465 (TLS direkt)", 0},
    {"smtp.from", "ADDRESS", NULL, "the sender, e.g. 'Exempelgrossisten <nyhetsbrev@example.se>'",
     "avsändaren, t.ex. 'Exempelgrossisten <nyhetsbrev@example.se>'", 0},
    {"smtp.user", "NAME", NULL, "the login name at the server (none: send without logging in)",
     "inloggningsnamnet hos servern (inget: skicka utan inloggning)", 0},
    {"smtp.starttls", "yes|no", "yes",
     "require STARTTLS (encryption) before logging in and sending",
     "kräv STARTTLS (kryptering) innan inloggning och sändning", 0},
    {"smtp.rate", "N", "10", "at most N messages per second (decimals allowed, e.g. 0.5)",
     "högst N meddelanden per sekund (decimaler går, t.ex. 0,5)", 0},
    {"smtp.cafile", "FILE", NULL,
     "certificate authority file for a server with a private certificate",
     "CA-fil för en server med eget certifikat", 0},
    {"site.url", "URL", NULL, "the dashboard's public address, for unsubscribe links and the feed",
     "instrumentpanelens publika adress, för avregistreringslänkar och flödet", 0},
    {"newsletter.reply_to", "ADDRESS", NULL,
     "where replies to the newsletter go (default: smtp.from)",
     "dit svar på nyhetsbrevet går (standard: smtp.from)", 0},
    {SECRET_KEY, "", NULL, "signs unsubscribe links", "signerar avregistreringslänkar", 1},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

const struct app_setting_def *app_setting_find(const char *key)
{
	for (const struct app_setting_def *d = app_settings; key && d->key; d++)
		if (!strcmp(d->key, key))
			return d;
	return NULL;
}

static int parse_yes_no(const char *v, const char **out)
{
	static const char *const yes[] = {"yes", "ja", "on", "true", "1", NULL};
	static const char *const no[] = {"no", "nej", "off", "false", "0", NULL};
	for (int i = 0; yes[i]; i++)
		if (!strcasecmp(v, yes[i])) {
			*out = "yes";
			return 0;
		}
	for (int i = 0; no[i]; i++)
		if (!strcasecmp(v, no[i])) {
			*out = "no";
			return 0;
		}
	return -1;
}

static int host_ok(const char *v)
{
	if (!*v || strlen(v) > 253)
		return 0;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == ':' ||
		      *p == '[' || *p == ']'))
			return 0;
	return 1;
}

/* http(s)://host[:port][/path] without spaces, quotes or angle brackets;
 * the trailing slash dropped. */
static char *url_check(const char *v)
{
	if (strncmp(v, "https://", 8) && strncmp(v, "http://", 7))
		return NULL;
	const char *host = strstr(v, "://") + 3;
	if (!*host || *host == '/')
		return NULL;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("\"'<>\\^`{|}", *p))
			return NULL;
	char *s = xstrdup(v);
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

char *app_setting_check(const char *key, const char *value, char **cause)
{
	const struct app_setting_def *d = app_setting_find(key);
	if (key && strstr(key, "password")) {
		*cause = xstrdup("the SMTP password is never stored in the workspace: give it in "
		                 "FOKUS_SMTP_PASSWORD or with --password-file FILE");
		return NULL;
	}
	if (!d || d->hidden) {
		*cause = xasprintf("there is no setting '%s'; 'fokus settings list' shows them",
		                   key ? key : "");
		return NULL;
	}
	const char *v = value ? value : "";
	if (!strcmp(key, "smtp.host")) {
		if (host_ok(v))
			return xstrdup(v);
		*cause = xasprintf("smtp.host wants a host name or address, not '%s'", v);
	} else if (!strcmp(key, "smtp.port")) {
		char *end;
		long p = strtol(v, &end, 10);
		if (*v && !*end && p >= 1 && p <= 65535)
			return xasprintf("%ld", p);
		*cause = xasprintf("smtp.port wants a port from 1 to 65535, not '%s'", v);
	} else if (!strcmp(key, "smtp.from") || !strcmp(key, "newsletter.reply_to")) {
		char *name, *addr;
		if (mailaddr_parse(v, &name, &addr) == 0) {
			free(name);
			free(addr);
			return xstrdup(v);
		}
		*cause = xasprintf("%s wants an address such as 'Name <news@example.se>', not '%s'",
		                   key, v);
	} else if (!strcmp(key, "smtp.user")) {
		if (*v && !strpbrk(v, "\r\n"))
			return xstrdup(v);
		*cause = xstrdup("smtp.user wants a login name");
	} else if (!strcmp(key, "smtp.starttls")) {
		const char *yn;
		if (parse_yes_no(v, &yn) == 0)
			return xstrdup(yn);
		*cause = xasprintf("smtp.starttls is yes or no, not '%s'", v);
	} else if (!strcmp(key, "smtp.rate")) {
		char *c = xstrdup(v), *end;
		char *comma = strchr(c, ',');
		if (comma)
			*comma = '.';
		double r = strtod(c, &end);
		int ok = *c && !*end && isfinite(r) && r > 0 && r <= 1000;
		free(c);
		if (ok)
			return xasprintf("%g", r);
		*cause = xasprintf("smtp.rate wants messages per second, more than 0 and at most "
		                   "1000, not '%s'",
		                   v);
	} else if (!strcmp(key, "smtp.cafile")) {
		if (*v)
			return xstrdup(v);
		*cause = xstrdup("smtp.cafile wants a file name");
	} else if (!strcmp(key, "site.url")) {
		char *u = url_check(v);
		if (u)
			return u;
		*cause = xasprintf("site.url wants an address such as https://fokus.example.se, "
		                   "not '%s'",
		                   v);
	}
	return NULL;
}

int app_setting_value(struct sqlite3 *db, const char *key, char **out, char **cause)
{
	if (settings_get(db, key, out, cause) != 0)
		return -1;
	if (!*out) {
		const struct app_setting_def *d = app_setting_find(key);
		if (d && d->def)
			*out = xstrdup(d->def);
	}
	return 0;
}

int app_setting_secret(struct sqlite3 *db, char out[65], char **cause)
{
	char *v = NULL;
	if (settings_get(db, SECRET_KEY, &v, cause) != 0)
		return -1;
	if (v && strlen(v) == 64) {
		memcpy(out, v, 65);
		free(v);
		return 0;
	}
	free(v);
	v = NULL;
	unsigned char r[32];
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(out, 65, r, sizeof(r));
	sodium_memzero(r, sizeof(r));
	/* Another process may have made one meanwhile: theirs wins. */
	if (settings_set_once(db, SECRET_KEY, out, cause) != 0 ||
	    settings_get(db, SECRET_KEY, &v, cause) != 0)
		return -1;
	if (!v || strlen(v) != 64) {
		free(v);
		*cause = xstrdup("the newsletter secret in the workspace is damaged");
		return -1;
	}
	memcpy(out, v, 65);
	free(v);
	return 0;
}
