/* store/plan.h — the coverage plan and the workspace: loading what a plan is
 * computed from, storing an assignment as the current owners (a batch of
 * kind 'plan' with one owner_changes row per customer that changes hands),
 * and undoing the latest such batch. */
#ifndef FOKUS_STORE_PLAN_H
#define FOKUS_STORE_PLAN_H
#include <stdint.h>

#include "core/plan.h"

struct sqlite3;

/* Loads the whole dataset (customers, sellers, orders, activities), the
 * categories and potentials of snapshot `snapshot_id` (0: the newest) and the policy into
 * *in (free with plan_inputs_free). Customers and seller homes without
 * coordinates but with a known Swedish postal code are placed at the code. Returns 0, or -1 with
 * *cause (one sentence, caller frees): no snapshot yet ("run fokus categorize first"), no such
 * snapshot, a database error. */
int store_plan_inputs(struct sqlite3 *db, int64_t snapshot_id, struct plan_inputs *in,
                      char **cause);

/* Makes every placed customer whose planned owner differs from its current
 * one belong to the planned owner, in one transaction: a batches row (kind
 * 'plan', file "snapshot N", rows = changes, info JSON) and owner_changes
 * rows (old and new seller_id). Customers not placed keep their owner.
 * Returns 0 with *batch_id and *changed (0 and no batch when nothing
 * changes), or -1 with *cause (caller frees); nothing changes on failure. */
int store_plan_apply(struct sqlite3 *db, const struct plan_inputs *in, const struct plan_result *r,
                     int64_t *batch_id, long *changed, char **cause);

/* Undoes the newest plan batch not yet undone: every customer whose owner is
 * still the one that batch set gets its old owner back (*restored); those
 * changed since (a later import or edit) are left alone (*skipped). Marks
 * the batch undone. Returns 0 with *batch_id, 1 when there is no plan batch
 * to undo, or -1 with *cause (caller frees). */
int store_plan_undo(struct sqlite3 *db, int64_t *batch_id, long *restored, long *skipped,
                    char **cause);

#endif
