/* store/backup.h — copying a whole workspace with SQLite's online backup:
 * safe while the dashboard serves (readers and writers go on). */
#ifndef FOKUS_STORE_BACKUP_H
#define FOKUS_STORE_BACKUP_H

struct sqlite3;

/* Writes a consistent copy of db into the file at path (replaced if it
 * exists). Returns 0, or -1 with *cause (caller frees). */
int store_backup(struct sqlite3 *db, const char *path, char **cause);
/* Replaces the contents of db with the workspace in the file at path, after
 * checking that it is a fokus workspace this version can read; one
 * transaction on db, so a failure leaves db as it was. 0 or -1 (*cause). */
int store_restore(struct sqlite3 *db, const char *path, char **cause);

#endif
