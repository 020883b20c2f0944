/* store/dataset.h — loading the workspace into the in-memory model of
 * core/dataset.h. */
#ifndef FOKUS_STORE_DATASET_H
#define FOKUS_STORE_DATASET_H
#include <stdint.h>

#include "core/dataset.h"

struct sqlite3;

enum {
	LOAD_CUSTOMERS = 1,  /* always loaded (the other parts index into them) */
	LOAD_SELLERS = 2,    /* always loaded */
	LOAD_ORDERS = 4,     /* orders, sorted by (cust, day) */
	LOAD_ACTIVITIES = 8, /* activities, sorted by day */
	LOAD_ALL = 15,
	/* with LOAD_ORDERS: the orders in storage order (block by block), not
	 * sorted — for callers that only sum them; a second faster on ten
	 * million orders */
	LOAD_ORDERS_UNSORTED = 16,
	/* instead of all customer columns: only those categorization reads
	 * (store_id, industry, employees, revenue, potential, wallet); the other
	 * strings stay NULL, seller -1 */
	LOAD_CUSTOMERS_LIGHT = 32,
	/* with LOAD_ORDERS: the margins are not read (has_margin false), for
	 * callers that sum the amounts only */
	LOAD_ORDERS_NO_MARGIN = 64
};

/* Loads the parts named by `what` (customers and sellers always) into *ds,
 * which the caller frees with dataset_free(). Orders can be limited to
 * from <= day <= to (DAYS_NONE for open ends). Returns 0, or -1 with *cause
 * (one sentence, caller frees). */
int store_load_dataset(struct sqlite3 *db, int what, int32_t order_from, int32_t order_to,
                       struct dataset *ds, char **cause);

/* As store_load_dataset() with LOAD_ORDERS, but first finds the latest
 * order day (from the blocks' day_max, without unpacking): *latest gets it
 * (DAYS_NONE when there are no orders), and ds holds only the orders of the
 * `span` days up to it (latest - span <= day <= latest); blocks wholly
 * before the span are not read. Returns 0, or -1 with *cause (one
 * sentence, caller frees). */
int store_load_dataset_recent(struct sqlite3 *db, int what, int32_t span, int32_t *latest,
                              struct dataset *ds, char **cause);

#endif
