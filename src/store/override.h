/* store/override.h — overrides: categories pinned by hand (fokus override),
 * applied by the next categorization run. */
#ifndef FOKUS_STORE_OVERRIDE_H
#define FOKUS_STORE_OVERRIDE_H
#include <stddef.h>
#include <stdint.h>

#include "core/category.h"
#include "core/dataset.h"

struct sqlite3;

/* Pins customer `customer_id` to category `cat` with a reason, until day
 * `until` (DAYS_NONE: no end); replaces an earlier pin. `by` may be NULL.
 * The newest snapshot's row of the customer takes the pin at once.
 * Returns 0, 1 when there is no such customer, -1 on error (*cause). */
int store_override_set(struct sqlite3 *db, const char *customer_id, enum category cat,
                       const char *reason, int32_t until, const char *by, char **cause);
/* Removes the pin of a customer (the newest snapshot's row goes back to its
 * computed category): 0 removed, 1 there was none (or no such customer),
 * -1 error. */
int store_override_remove(struct sqlite3 *db, const char *customer_id, char **cause);

struct override_item {
	char *customer_id;
	char *name; /* may be NULL */
	enum category category;
	char *reason;
	int32_t until; /* DAYS_NONE: no end */
	char *created_at;
	char *created_by; /* may be NULL */
};

/* Every pin, by customer_id, into *items (*n). Returns 0 or -1 (*cause).
 * Free with store_override_items_free. */
int store_override_list(struct sqlite3 *db, struct override_item **items, size_t *n, char **cause);
void store_override_items_free(struct override_item *items, size_t n);

/* Fills ov[i] for each customer of ds (category CAT_NONE when not pinned);
 * the reasons are fresh strings released by store_override_release. Returns
 * 0 or -1 (*cause). */
int store_override_load(struct sqlite3 *db, const struct dataset *ds, struct cat_override *ov,
                        char **cause);
void store_override_release(struct cat_override *ov, size_t n);

#endif
