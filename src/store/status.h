/* store/status.h — what the workspace holds, for `fokus status` and the
 * dashboard. */
#ifndef FOKUS_STORE_STATUS_H
#define FOKUS_STORE_STATUS_H
#include <stdint.h>

struct sqlite3;

struct status_batch {
	int64_t id;
	char kind[16];
	char *file;
	long long rows;
	char created_at[24];
	int replaced;
};

struct store_status {
	long long customers, orders, activities, sellers, snapshots;
	int64_t order_amount_total; /* minor units */
	int32_t order_date_min, order_date_max, activity_date_min,
	    activity_date_max; /* DAYS_NONE */
	struct status_batch *batches;
	int nbatches;
};

/* Fills *st. Returns 0, or -1 with *cause (caller frees). Free with store_status_free. */
int store_status(struct sqlite3 *db, struct store_status *st, char **cause);
void store_status_free(struct store_status *st);

#endif
