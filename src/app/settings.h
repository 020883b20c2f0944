/* app/settings.h — the settings a workspace knows (SMTP server, the
 * dashboard's public address, ...): their names, what values they take,
 * their defaults, and checking a value before it is stored. The values
 * live in the settings table (store/settings.h). Passwords are never a
 * setting: the SMTP password comes from FOKUS_SMTP_PASSWORD or a file. */
#ifndef FOKUS_APP_SETTINGS_H
#define FOKUS_APP_SETTINGS_H

#include "util/i18n.h"

struct sqlite3;

struct app_setting_def {
	const char *key;     /* "smtp.host" */
	const char *values;  /* what it takes, for help: "HOST", "yes|no" */
	const char *def;     /* the default shown, or NULL when none */
	const char *help_en; /* one line */
	const char *help_sv;
	int hidden; /* kept by fokus itself (a secret): not listed, not settable */
};

/* The known settings, ending with a {NULL} row. */
extern const struct app_setting_def app_settings[];

/* The definition of key, or NULL when fokus knows no such setting. */
const struct app_setting_def *app_setting_find(const char *key);

/* Checks value for key and returns its stored form (e.g. "yes" for "ja",
 * a trimmed URL without a trailing slash) in a fresh string; NULL with
 * *cause (one sentence, caller frees) when the key is unknown, hidden, a
 * password, or the value does not fit. */
char *app_setting_check(const char *key, const char *value, char **cause);

/* The value of key from the workspace, else its default, else NULL, in a
 * fresh string (caller frees). Returns 0, or -1 with *cause. */
int app_setting_value(struct sqlite3 *db, const char *key, char **out, char **cause);

/* The newsletter's secret for unsubscribe links (a hidden setting made on
 * first use: 32 random bytes, hex) into out. Returns 0 or -1 with *cause. */
int app_setting_secret(struct sqlite3 *db, char out[65], char **cause);

#endif
