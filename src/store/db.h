/* db.h — opening the workspace: a SQLite file, created and migrated on first
 * use, WAL journal, foreign keys on. The only header outside store/ that
 * names sqlite3 (as an opaque handle). */
#ifndef FOKUS_DB_H
#define FOKUS_DB_H
#include <stddef.h>
#include <stdint.h>

struct sqlite3;

/* The schema version this binary writes (PRAGMA user_version). */
#define DB_SCHEMA_VERSION 8

/* Opens (creating when absent) and migrates the workspace at path. Returns 0,
 * or -1 with *cause set to one sentence the caller frees. */
int db_open(const char *path, struct sqlite3 **out, char **cause);
void db_close(struct sqlite3 *db);
/* Removes the workspace file at path with its -wal and -shm files (none may
 * be open), for a fresh start. Missing files are no error. */
void db_remove(const char *path);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Return 0 or -1 (*cause set, caller frees). */
int db_begin(struct sqlite3 *db, char **cause);
int db_commit(struct sqlite3 *db, char **cause);
void db_rollback(struct sqlite3 *db);

/* Runs SQL without results (for store/ code). 0 or -1 with *cause. */
int db_exec(struct sqlite3 *db, const char *sql, char **cause);

/* One sentence for the last error of db, mapping SQLITE_FULL, READONLY,
 * BUSY, CORRUPT... to plain words. Returns a fresh string. */
char *db_cause(struct sqlite3 *db, const char *what);

/* The workspace's data version: a number that changes with every write job
 * (imports, categorizations, overrides, plan apply/undo, policy; see the
 * migration to schema 5 in db.c), for caches of computed answers. 0 or -1
 * with *cause. */
int db_data_version(struct sqlite3 *db, int64_t *out, char **cause);

struct sqlite3_stmt;

/* A text column as a fresh string; NULL for SQL NULL. */
char *db_col_dup(struct sqlite3_stmt *st, int i);

/* Reading a list: steps the prepared SELECT st to its end and gives each
 * row a zeroed element of `size` bytes in one array (grown by doubling),
 * filled by row(st, elem). Finalizes st. Returns 0 with *out and *n (NULL
 * and 0 for no rows), or -1 with *cause ("what" in the sentence) after
 * release(array, rows so far) — the list's own free function. */
int db_collect(struct sqlite3 *db, struct sqlite3_stmt *st, size_t size,
               void (*row)(struct sqlite3_stmt *st, void *elem), void **out, size_t *n,
               void (*release)(void *array, size_t n), const char *what, char **cause);

#endif
