/* app/snapinput.h — the workspace as the diagnosis and the follow-up read
 * it: customers, sellers, orders and activities, with the category,
 * revenue and potential each customer has in a categorization snapshot.
 * One loader for `fokus analyze`, the dashboard's diagnosis, the pulse and
 * plan adherence. */
#ifndef FOKUS_APP_SNAPINPUT_H
#define FOKUS_APP_SNAPINPUT_H
#include <stdint.h>

#include "core/dataset.h"

struct sqlite3;

struct app_snapinput {
	struct dataset ds;
	int64_t snapshot;             /* the snapshot the categories came from */
	int8_t *cat;                  /* per customer: enum category or CAT_NONE */
	int64_t *revenue, *potential; /* per customer (minor units); potential -1 unknown */
};

/* Loads the parts `what` of the dataset (store/dataset.h LOAD_* flags) and
 * snapshot `snapshot` (0: the latest). Returns 0; 1 when there is no
 * categorization yet or no such snapshot (with *cause saying which); -1 on
 * a workspace error (*cause). Free with app_snapinput_free (also after a
 * failure). */
int app_snapinput_load(struct sqlite3 *db, int64_t snapshot, int what, struct app_snapinput *in,
                       char **cause);
void app_snapinput_free(struct app_snapinput *in);

#endif
