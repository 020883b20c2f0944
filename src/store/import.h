/* store/import.h — writing an import into the workspace as one
 * transaction: nothing is visible until store_import_commit, and an abort
 * (or a crash, or kill -9) leaves the workspace exactly as before. */
#ifndef FOKUS_STORE_IMPORT_H
#define FOKUS_STORE_IMPORT_H
#include <stddef.h>
#include <stdint.h>

#include "io/records.h"

struct sqlite3;

struct import_counts {
	long long rows_stored;
	long long customers_created; /* by orders/activities naming unknown customers */
	long long updated;           /* customer/seller files: existing rows updated */
	long long located;           /* customers/sellers' homes placed by postal code */
	long long replaced_rows;     /* rows removed by --replace */
	int64_t amount_total;        /* orders: sum of amounts, minor units */
	int32_t date_min, date_max;  /* DAYS_NONE when no dated rows */
	int64_t batch_id;
};

struct store_import;
struct idmap;

/* The value of a customer ID in a map of the IDs seen in an orders file,
 * before the import gives it a workspace id. */
#define STORE_ID_SEEN ((int64_t)UINT32_MAX)

/* Starts the import of a file of `kind`: BEGIN IMMEDIATE, a batches row.
 * replace: remove every earlier row of that kind first (orders; activities
 * of earlier activity files, not those the newsletter or My day logged).
 * seen (orders; may be NULL): every customer ID of the file, each with the
 * value STORE_ID_SEEN (unless the map is full); the import takes it over
 * (and leaves it empty) and creates the new customers first, in ID order.
 * Returns 0, or -1 with *cause (caller frees). */
int store_import_begin(struct sqlite3 *db, enum rec_kind kind, const char *file, const char *sha256,
                       int replace, struct idmap *seen, struct store_import **out, char **cause);
/* Tells the import how many records to expect at most (before the first
 * store_import_add): a large activities file then has the index by
 * customer built once at commit rather than row by row. 0 or -1 (*cause). */
int store_import_expect(struct store_import *im, long long rows, char **cause);
/* Stores one record. 0 or -1 (*cause: a workspace error, e.g. disk full). */
int store_import_add(struct store_import *im, const struct rec *rec, char **cause);
/* Stores n records of the import's kind, as store_import_add each (orders
 * faster, in groups). 0 or -1 (*cause). */
int store_import_add_many(struct store_import *im, const struct rec *recs, int n, char **cause);
/* Records the summary (JSON text) in the batch, commits, fills *counts and
 * frees im. On failure rolls back, frees im, returns -1 with *cause. */
int store_import_commit(struct store_import *im, const char *info_json,
                        struct import_counts *counts, char **cause);
/* Rolls back and frees. NULL-safe. */
void store_import_abort(struct store_import *im);

/* The in-memory map of external IDs takes at most idmap_set_limit's slots
 * (util/idmap.h); the import looks further IDs up in SQLite instead. */

/* The batch of this kind whose file had this content hash and is still in
 * force: returns 1 and fills *batch_id, *file, *when (caller frees); 0 when
 * none; -1 on error. */
int store_batch_find_sha(struct sqlite3 *db, enum rec_kind kind, const char *sha256,
                         int64_t *batch_id, char **file, char **when, char **cause);

#endif
