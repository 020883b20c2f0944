/* store/plan.h — the coverage plan and the workspace: loading what a plan is
 * computed from, storing a plan as the current owners and the applied plan
 * (a batch of kind 'plan' with owner_changes and plan_rows), reading the
 * applied plan back, undoing the latest one, and the manager's pins. */
#ifndef FOKUS_STORE_PLAN_H
#define FOKUS_STORE_PLAN_H
#include <stdint.h>

#include "core/plan.h"

struct sqlite3;

/* Loads the whole dataset (customers, sellers, orders, activities), the
 * categories, revenue, potentials and axis of snapshot `snapshot_id` (0: the newest), the
 * policy, the response judgement and the pins into *in (free with plan_inputs_free). Customers and
 * seller homes without coordinates but with a known Swedish postal code are placed at the code.
 * Returns 0, or -1 with *cause (one sentence, caller frees): no snapshot yet ("run fokus categorize
 * first"), no such snapshot, a database error. */
int store_plan_inputs(struct sqlite3 *db, int64_t snapshot_id, struct plan_inputs *in,
                      char **cause);

/* Applies the plan, in one transaction: every placed customer whose
 * planned owner differs from its current one gets the planned owner
 * (owner_changes rows, old and new seller_id, for --undo), and every placed
 * customer's planned owner, channel and frequency is stored as the plan's
 * rows (plan_rows), all under one batch (kind 'plan', file "snapshot N",
 * rows = owner changes). Customers not placed keep their owner. When
 * neither an owner nor a row differs from the applied plan, nothing is
 * written (*batch_id 0). Returns 0 with *batch_id, *changed (owners) and
 * *stored (rows), or -1 with *cause (caller frees); nothing changes on
 * failure. */
int store_plan_apply(struct sqlite3 *db, const struct plan_inputs *in, const struct plan_result *r,
                     int64_t *batch_id, long *changed, long *stored, char **cause);

/* One customer's row of the applied plan. */
struct plan_row {
	int64_t store_id; /* customers.id (core/dataset.h's store_id) */
	char *customer_id;
	char *seller_id; /* the responsible person */
	enum plan_channel channel;
	double visits, calls, newsletters; /* per year */
	double hours;                      /* per year, with travel */
	enum plan_reason reason;
};

/* THE applied plan: the rows of the newest plan batch not undone (what
 * `fokus plan --apply` stored), in customer order — who is responsible for
 * each customer, through which channel, how often. For newsletters, follow-
 * up and anything else that works from the plan. Returns 0 with *batch_id
 * (0 and no rows when no plan has been applied) and *rows, *n (free with
 * store_plan_rows_free), or -1 with *cause. */
int store_plan_applied(struct sqlite3 *db, int64_t *batch_id, struct plan_row **rows, size_t *n,
                       char **cause);
void store_plan_rows_free(struct plan_row *rows, size_t n);

/* Pins customer_id to seller_id, at `visits` and `calls` a year when >= 0
 * (else the plan chooses the frequency); replaces an earlier pin. Returns 0,
 * 1 no such customer, 2 no such seller, -1 error (*cause). */
int store_plan_pin(struct sqlite3 *db, const char *customer_id, const char *seller_id,
                   double visits, double calls, char **cause);
/* Removes a pin: 0, 1 when there was none, -1 error (*cause). */
int store_plan_unpin(struct sqlite3 *db, const char *customer_id, char **cause);

struct plan_pin_row {
	char *customer_id, *name, *seller_id;
	double visits, calls; /* -1: the plan chooses */
};
/* Every pin by customer_id. Returns 0 (free with store_plan_pin_rows_free)
 * or -1 (*cause). */
int store_plan_pins(struct sqlite3 *db, struct plan_pin_row **rows, size_t *n, char **cause);
void store_plan_pin_rows_free(struct plan_pin_row *rows, size_t n);

/* Undoes the newest plan batch not yet undone: every customer whose owner is
 * still the one that batch set gets its old owner back (*restored); those
 * changed since (a later import or edit) are left alone (*skipped). Marks
 * the batch undone. Returns 0 with *batch_id, 1 when there is no plan batch
 * to undo, or -1 with *cause (caller frees). */
int store_plan_undo(struct sqlite3 *db, int64_t *batch_id, long *restored, long *skipped,
                    char **cause);

#endif
