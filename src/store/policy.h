/* store/policy.h — the contact policy table of the workspace (one row per
 * category: role, contacts per year, minutes per channel and the most a
 * year), and the response judgement that goes with it. */
#ifndef FOKUS_STORE_POLICY_H
#define FOKUS_STORE_POLICY_H

#include <stdbool.h>

#include "core/policy.h"
#include "core/response.h"

struct sqlite3;

/* Reads the policy into *p. Categories missing from the table get the
 * defaults of policy_default(). Returns 0, or -1 with *cause (one sentence,
 * caller frees) on a database error or a row with an unknown role or a
 * negative number. */
int store_policy_load(struct sqlite3 *db, struct policy *p, char **cause);

/* Replaces the whole table with *p in one transaction (all four rows).
 * Returns 0, or -1 with *cause (caller frees); nothing changes on failure. */
int store_policy_save(struct sqlite3 *db, const struct policy *p, char **cause);

/* The manager's response judgement: judged[k] and pts[k] per category set
 * with store_response_set, and the weight of a call (RESPONSE_PHONE_WEIGHT
 * unless set). Returns 0, or -1 with *cause (caller frees). */
int store_response_load(struct sqlite3 *db, bool judged[CAT_COUNT],
                        struct response_points pts[CAT_COUNT], double *phone_weight, char **cause);
/* Sets category cat's four points (shares of today's revenue; checked by the
 * caller with response_from_points). Returns 0 or -1 with *cause. */
int store_response_set(struct sqlite3 *db, enum category cat, const struct response_points *p,
                       char **cause);
/* Removes the judgement of category cat (-1: all): the fit is used again.
 * Returns 0 or -1 with *cause. */
int store_response_reset(struct sqlite3 *db, int cat, char **cause);
/* Sets the weight of a call in the response (0..1, checked by the caller).
 * Returns 0 or -1 with *cause. */
int store_phone_weight_set(struct sqlite3 *db, double w, char **cause);

#endif
