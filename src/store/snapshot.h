/* store/snapshot.h — categorization snapshots in the workspace: saving a
 * run, reading back the categories of a run, and listing runs. */
#ifndef FOKUS_STORE_SNAPSHOT_H
#define FOKUS_STORE_SNAPSHOT_H
#include <stdint.h>

#include "core/dataset.h"

struct sqlite3;

/* The id of the newest snapshot in *id. Returns 0; 1 when there is none
 * (*id = 0); -1 on error with *cause (caller frees). */
int store_snapshot_latest(struct sqlite3 *db, int64_t *id, char **cause);

/* Checks that snapshot `id` exists: 0 yes, 1 no, -1 error (*cause). */
int store_snapshot_exists(struct sqlite3 *db, int64_t id, char **cause);

/* Fills cat[i] (i indexes ds->customers, so cat has ds->ncustomers entries)
 * with the final category of each customer in snapshot `id`; customers not
 * in the snapshot (imported later) get CAT_NONE. Returns 0 or -1 (*cause). */
int store_snapshot_categories(struct sqlite3 *db, int64_t id, const struct dataset *ds,
			      int8_t *cat, char **cause);

#endif
