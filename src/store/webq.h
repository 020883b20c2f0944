/* store/webq.h — the read queries (and the override write) behind the
 * dashboard's JSON API that no other store/ file offers. Every query takes a
 * scope: what the logged-in user may see. Rows are handed to a callback one
 * at a time (pointers valid during the call only), so a million customers
 * never sit in memory twice. */
#ifndef FOKUS_STORE_WEBQ_H
#define FOKUS_STORE_WEBQ_H
#include <stdbool.h>
#include <stdint.h>

struct sqlite3;

/* What a user may see: a seller only customers whose owner is seller_id;
 * customer service only category 3 of the latest snapshot; else all. */
struct webq_scope {
	const char *seller_id; /* NULL: any owner */
	bool category3_only;
};

struct webq_snapshot {
	int64_t id; /* 0 when there is no snapshot yet */
	char created_at[40];
	int32_t as_of;
	int window_months;
	char axis[16], method[16];
	bool has_revenue_threshold, has_potential_threshold;
	int64_t revenue_threshold, potential_threshold; /* minor units */
};

/* The newest snapshot into *out (id 0 when none). Returns 0 or -1 (*cause). */
int webq_snapshot_latest(struct sqlite3 *db, struct webq_snapshot *out, char **cause);

struct webq_catsum {
	int64_t customers, revenue, potential; /* potential: sum of known values */
};

/* Per category of the latest snapshot (index = enum category: 1, 2R, 2P, 3)
 * within the scope. With no snapshot all zero. Returns 0 or -1 (*cause). */
int webq_summary(struct sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                 struct webq_catsum sum[4], char **cause);

struct webq_customer {
	const char *customer_id, *name, *seller_id, *city, *postal_code, *industry, *email, *phone;
	const char *category, *computed_category; /* NULL when not in the snapshot */
	const char *potential_source, *override_reason;
	bool has_revenue, has_potential, has_loc;
	int64_t revenue, potential; /* snapshot values (minor units) */
	int64_t orders;
	double lat, lon;
};

struct webq_filter {
	const char *category; /* code, or NULL */
	const char *seller;   /* owner seller_id, or NULL; "" = no owner */
	const char *q;        /* substring of name or customer_id, or NULL */
	const char
	    *sort; /* customer_id|name|seller_id|category|revenue|potential (NULL: revenue) */
	bool desc;
	int64_t limit; /* < 0: all */
	int64_t offset;
	/* Movement between two categorizations (History's flows): with
	 * was_snapshot, only customers whose final category in it is
	 * was_category (NULL: customers not in it, "new"); likewise now_*
	 * (NULL: not in it, "gone"). 0: no such condition. */
	int64_t was_snapshot, now_snapshot;
	const char *was_category, *now_category;
};

typedef void (*webq_customer_fn)(void *arg, const struct webq_customer *c);

/* Customers of the scope matching the filter, joined with snapshot_id (0: no
 * categories). Calls fn per row in order; *total gets the count of all
 * matches (ignoring limit/offset). Returns 0 or -1 (*cause). */
int webq_customers(struct sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                   const struct webq_filter *f, webq_customer_fn fn, void *arg, int64_t *total,
                   char **cause);

/* One customer by external id, when visible in the scope. Calls fn once.
 * Returns 0, 1 when absent or not visible, -1 (*cause). */
int webq_customer_one(struct sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                      const char *customer_id, webq_customer_fn fn, void *arg, char **cause);

struct webq_hist {
	int64_t snapshot_id;
	const char *created_at, *category, *computed_category, *override_reason;
	int32_t as_of;
	int64_t revenue;
	bool has_potential;
	int64_t potential;
};
/* The customer's row in every snapshot, oldest first. Returns 0 or -1. */
int webq_customer_history(struct sqlite3 *db, const char *customer_id,
                          void (*fn)(void *arg, const struct webq_hist *h), void *arg,
                          char **cause);

/* Order value per calendar month ("YYYY-MM", minor units), oldest first. */
int webq_customer_monthly(struct sqlite3 *db, const char *customer_id,
                          void (*fn)(void *arg, const char *month, int64_t amount, int64_t orders),
                          void *arg, char **cause);

struct webq_contact {
	int32_t day;
	int minute; /* -1 when unknown */
	const char *type, *seller_id;
	double duration_min; /* < 0 when unknown */
};
/* The newest `limit` activities with the customer, newest first. */
int webq_customer_contacts(struct sqlite3 *db, const char *customer_id, int limit,
                           void (*fn)(void *arg, const struct webq_contact *c), void *arg,
                           char **cause);

/* Pins a visible customer's category with a reason (store_override_set,
 * as `fokus override` does), then shows it at once in snapshot_id's row
 * (category, override_reason) when that snapshot holds the customer.
 * Returns 0, 1 when the customer is absent or not visible, -1 (*cause). */
int webq_override_set(struct sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                      const char *customer_id, const char *category, const char *reason,
                      const char *by, char **cause);

struct webq_seller {
	const char *seller_id, *name, *role;
	double hours_per_year; /* 0 when unknown */
	bool has_home;
	double home_lat, home_lon;
};
/* Sellers (all, or only scope->seller_id), by seller_id. Returns 0 or -1. */
int webq_sellers(struct sqlite3 *db, const struct webq_scope *scope,
                 void (*fn)(void *arg, const struct webq_seller *s), void *arg, char **cause);

/* Customers, revenue and potential per owner and category of snapshot_id
 * within the scope: fn(arg, seller_id (NULL: no owner), category code, sums). */
int webq_owner_categories(struct sqlite3 *db, const struct webq_scope *scope, int64_t snapshot_id,
                          void (*fn)(void *arg, const char *seller_id, const char *category,
                                     const struct webq_catsum *sum),
                          void *arg, char **cause);

#endif
