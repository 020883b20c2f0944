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
	/* with LOAD_ORDERS: the orders in storage order, not sorted — for
	 * callers that only sum them; a second faster on ten million orders */
	LOAD_ORDERS_UNSORTED = 16
};

/* Loads the parts named by `what` (customers and sellers always) into *ds,
 * which the caller frees with dataset_free(). Orders can be limited to
 * from <= day <= to (DAYS_NONE for open ends). Returns 0, or -1 with *cause
 * (one sentence, caller frees). */
int store_load_dataset(struct sqlite3 *db, int what, int32_t order_from, int32_t order_to,
		       struct dataset *ds, char **cause);

#endif
