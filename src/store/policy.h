/* store/policy.h — the contact policy table of the workspace (one row per
 * category: role, contacts per year and minutes per channel). */
#ifndef FOKUS_STORE_POLICY_H
#define FOKUS_STORE_POLICY_H

#include "core/policy.h"

struct sqlite3;

/* Reads the policy into *p. Categories missing from the table get the
 * defaults of policy_default(). Returns 0, or -1 with *cause (one sentence,
 * caller frees) on a database error or a row with an unknown role or a
 * negative number. */
int store_policy_load(struct sqlite3 *db, struct policy *p, char **cause);

/* Replaces the whole table with *p in one transaction (all four rows).
 * Returns 0, or -1 with *cause (caller frees); nothing changes on failure. */
int store_policy_save(struct sqlite3 *db, const struct policy *p, char **cause);

#endif
