/* store/settings.h — the workspace's settings table: text values by key
 * ("smtp.host", "site.url", ...). Which keys exist and what values they
 * take is app/settings.c's business; this file only reads and writes. */
#ifndef FOKUS_STORE_SETTINGS_H
#define FOKUS_STORE_SETTINGS_H

struct sqlite3;

/* The value of key into *out (caller frees; NULL when the key is not set).
 * Returns 0, or -1 with *cause (caller frees). */
int settings_get(struct sqlite3 *db, const char *key, char **out, char **cause);

/* Sets key to value (replacing). Returns 0, or -1 with *cause. */
int settings_set(struct sqlite3 *db, const char *key, const char *value, char **cause);

/* Sets key to value only when it has no value yet (a value made once, kept
 * when two processes race). Returns 0, or -1 with *cause. */
int settings_set_once(struct sqlite3 *db, const char *key, const char *value, char **cause);

/* Removes key. Returns 0 (also when it was not set), or -1 with *cause. */
int settings_unset(struct sqlite3 *db, const char *key, char **cause);

struct setting {
	char *key, *value;
};

/* Every setting ordered by key into a fresh array *out of *n (free with
 * settings_list_free). Returns 0, or -1 with *cause. */
int settings_list(struct sqlite3 *db, struct setting **out, int *n, char **cause);
void settings_list_free(struct setting *v, int n);

#endif
