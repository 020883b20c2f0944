/* store/snapshot.h — categorization snapshots in the workspace: saving a
 * run, reading back the categories or the whole run, and listing runs. */
#ifndef FOKUS_STORE_SNAPSHOT_H
#define FOKUS_STORE_SNAPSHOT_H
#include <stddef.h>
#include <stdint.h>

#include "core/category.h"
#include "core/dataset.h"

struct sqlite3;

/* The id of the newest snapshot in *id. Returns 0; 1 when there is none
 * (*id = 0); -1 on error with *cause (caller frees). */
int store_snapshot_latest(struct sqlite3 *db, int64_t *id, char **cause);

/* The default as-of day of a new run: the latest order day in the
 * workspace, in *day (DAYS_NONE when there are no orders). 0 or -1. */
int store_snapshot_default_as_of(struct sqlite3 *db, int32_t *day, char **cause);

/* Checks that snapshot `id` exists: 0 yes, 1 no, -1 error (*cause). */
int store_snapshot_exists(struct sqlite3 *db, int64_t id, char **cause);

/* Fills cat[i] (i indexes ds->customers, so cat has ds->ncustomers entries)
 * with the final category of each customer in snapshot `id`; customers not
 * in the snapshot (imported later) get CAT_NONE. Returns 0 or -1 (*cause). */
int store_snapshot_categories(struct sqlite3 *db, int64_t id, const struct dataset *ds, int8_t *cat,
                              char **cause);

/* Like store_snapshot_categories for the two sides of snapshot `id`
 * (-1 not in it, 0 low, 1 high): what the stability margin compares with. */
int store_snapshot_sides(struct sqlite3 *db, int64_t id, const struct dataset *ds,
                         int8_t *revenue_high, int8_t *potential_high, char **cause);

/* Saves a run and its rows (rows[i] belongs to ds->customers[i]) as a new
 * snapshot in one transaction; sets run->id and run->created_at. Returns 0,
 * or -1 with *cause (nothing saved). */
int store_snapshot_save(struct sqlite3 *db, struct cat_run *run, const struct dataset *ds,
                        const struct cat_row *rows, char **cause);

/* A stored run with its customers, ordered by customers.id. rows[i] is
 * customer i; the strings are owned here (override_reason of the rows
 * points into `reasons`). */
struct snapshot {
	struct cat_run run;
	size_t n;
	struct cat_row *rows;
	int64_t *store_id;  /* customers.id */
	char **customer_id; /* external id */
	char **name;        /* NULL when unknown */
	char **seller_id;   /* current owner, NULL when none */
	char **reasons;     /* override reasons, NULL when none */
};

/* Reads snapshot `id` (run and rows). Returns 0, 1 when there is no such
 * snapshot, -1 on error (*cause). Free with store_snapshot_free. */
int store_snapshot_load(struct sqlite3 *db, int64_t id, struct snapshot *out, char **cause);
/* Only the run (parameters and thresholds) of snapshot `id`: 0, 1 none, -1. */
int store_snapshot_run(struct sqlite3 *db, int64_t id, struct cat_run *run, char **cause);
void store_snapshot_free(struct snapshot *s);

/* Every snapshot, oldest first, into *items (*n of them; caller frees
 * *items). Returns 0 or -1 (*cause). */
int store_snapshot_list(struct sqlite3 *db, struct cat_runinfo **items, size_t *n, char **cause);

/* Removes every snapshot but the `keep` newest (keep >= 1), with their
 * rows, in one transaction; *removed gets how many went. 0 or -1 (*cause,
 * nothing removed). */
int store_snapshot_keep(struct sqlite3 *db, int keep, long long *removed, char **cause);

#endif
