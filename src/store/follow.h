/* store/follow.h — the activities fokus logs itself: a batch per source
 * (each newsletter issue, the "My day" page), activity rows the analysis
 * reads like imported ones, and the actions logged on "My day" with the
 * id the browser gave them (a retried action is stored once). Also the day
 * the coverage plan was last applied. */
#ifndef FOKUS_STORE_FOLLOW_H
#define FOKUS_STORE_FOLLOW_H
#include <stddef.h>
#include <stdint.h>

struct sqlite3;

/* A new batches row (kind, file, 0 rows, now). Returns 0 with *id, or -1
 * with *cause (caller frees). */
int follow_batch_new(struct sqlite3 *db, const char *kind, const char *file, int64_t *id,
                     char **cause);

struct follow_activity {
	int64_t customer;      /* customers.id */
	const char *seller_id; /* or NULL */
	int32_t day;
	int minute;          /* -1 unknown */
	const char *type;    /* "visit" "phone" "meeting_booked" "newsletter" ... */
	double duration_min; /* < 0: unknown */
};

/* Adds an activity row to batch and counts it in the batch's rows.
 * Returns 0 or -1 with *cause. Runs in the caller's transaction if any. */
int follow_activity_add(struct sqlite3 *db, int64_t batch, const struct follow_activity *a,
                        char **cause);

/* An action logged on "My day". */
struct follow_action {
	char *action_id; /* the browser's id (1 to 64 of A-Z a-z 0-9 - _) */
	char *user_name, *seller_id;
	char *customer_id; /* external id */
	char *customer_name;
	char *kind;    /* "visit" or "call" */
	char *outcome; /* "order" "meeting_booked" "nothing" */
	char *note;    /* or NULL */
	int32_t day;
	int minute;          /* -1 unknown */
	double duration_min; /* < 0 unknown */
};

enum follow_log_result {
	FOLLOW_LOGGED = 0,     /* stored with its activities */
	FOLLOW_DUPLICATE = 1,  /* an action with this id was stored before: nothing changed */
	FOLLOW_NO_CUSTOMER = 2 /* the customer id is unknown */
};

/* Stores the action and its activities (visit or phone with the duration;
 * a meeting_booked as well when that was the outcome) in one transaction,
 * unless its id was stored before. Returns the enum, or -1 with *cause. */
int follow_log_action(struct sqlite3 *db, const struct follow_action *a, char **cause);

/* The actions of seller_id on day, oldest first, into *out (*n; free with
 * follow_actions_free). Returns 0 or -1 with *cause. */
int follow_actions_of_day(struct sqlite3 *db, const char *seller_id, int32_t day,
                          struct follow_action **out, size_t *n, char **cause);
void follow_actions_free(struct follow_action *v, size_t n);

/* 1 when a seller with this seller_id is in the sellers list, 0 when not,
 * -1 with *cause. */
int follow_seller_exists(struct sqlite3 *db, const char *seller_id, char **cause);

/* The day (UTC date of created_at) of the newest `plan --apply` batch not
 * undone into *day, DAYS_NONE when there is none. Returns 0 or -1. */
int follow_plan_applied_day(struct sqlite3 *db, int32_t *day, char **cause);

#endif
