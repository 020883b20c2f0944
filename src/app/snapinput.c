/* snapinput.c — the dataset with a snapshot's categories, revenue and
 * potential per customer (snapinput.h). */
#include "app/snapinput.h"
#include "core/category.h"
#include "store/dataset.h"
#include "store/snapshot.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* Revenue and potential per customer from the snapshot's rows. */
static int load_money(struct sqlite3 *db, struct app_snapinput *in, char **cause)
{
	struct snapshot s;
	int r = store_snapshot_load(db, in->snapshot, &s, cause);
	if (r != 0) {
		if (r > 0)
			*cause = xasprintf("snapshot %lld does not exist", (long long)in->snapshot);
		return r;
	}
	for (size_t i = 0; i < in->ds.ncustomers; i++) {
		in->revenue[i] = 0;
		in->potential[i] = -1;
	}
	for (size_t k = 0; k < s.n; k++) {
		int32_t i = dataset_customer_by_store_id(&in->ds, s.store_id[k]);
		if (i < 0)
			continue;
		in->revenue[i] = s.rows[k].revenue;
		in->potential[i] =
		    s.rows[k].potential_source == POTSRC_UNKNOWN ? -1 : s.rows[k].potential;
	}
	store_snapshot_free(&s);
	return 0;
}

int app_snapinput_load(struct sqlite3 *db, int64_t snapshot, int what, struct app_snapinput *in,
                       char **cause)
{
	memset(in, 0, sizeof(*in));
	int r;
	if (snapshot > 0) {
		r = store_snapshot_exists(db, snapshot, cause);
		if (r == 1)
			*cause =
			    xasprintf("snapshot %lld does not exist; 'fokus history' lists them",
			              (long long)snapshot);
	} else {
		r = store_snapshot_latest(db, &snapshot, cause);
		if (r == 1)
			*cause = xstrdup("no categorization yet: run 'fokus categorize' first");
	}
	if (r != 0)
		return r;
	in->snapshot = snapshot;
	if (store_load_dataset(db, what, DAYS_NONE, DAYS_NONE, &in->ds, cause) != 0)
		return -1;
	size_t n = in->ds.ncustomers + 1;
	in->cat = xcalloc(n, sizeof(*in->cat));
	in->revenue = xcalloc(n, sizeof(*in->revenue));
	in->potential = xcalloc(n, sizeof(*in->potential));
	if (store_snapshot_categories(db, snapshot, &in->ds, in->cat, cause) != 0)
		return -1;
	return load_money(db, in, cause);
}

void app_snapinput_free(struct app_snapinput *in)
{
	if (!in)
		return;
	dataset_free(&in->ds);
	free(in->cat);
	free(in->revenue);
	free(in->potential);
	memset(in, 0, sizeof(*in));
}
