/* sample.h — the deterministic sample company ("Exempelgrossisten AB"):
 * sellers, customers, orders and activities shaped like the story in
 * docs/sample.md (field sellers drive to small old friends, newsletters go to
 * category 3, average order about 3 500 kr, customer contact about 17 % of
 * working hours). Pure: the generator hands rows to callbacks (or fills a
 * struct dataset); it writes no files. The same parameters give the same rows
 * in the same order, on any run. */
#ifndef FOKUS_SAMPLE_H
#define FOKUS_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/response.h"

/* Defaults and limits of the parameters. */
#define SAMPLE_CUSTOMERS 7000
#define SAMPLE_SELLERS 12
#define SAMPLE_MONTHS 24
#define SAMPLE_SEED 1
#define SAMPLE_MAX_CUSTOMERS 1000000
#define SAMPLE_MAX_SELLERS 1000
#define SAMPLE_MAX_MONTHS 120

struct sample_params {
	int customers; /* 1..SAMPLE_MAX_CUSTOMERS */
	int sellers;   /* 1..SAMPLE_MAX_SELLERS (field sellers + customer service) */
	int months;    /* 1..SAMPLE_MAX_MONTHS, ending on sample_last_day() */
	uint64_t seed;
};

/* A seller row. Strings live until the generator returns. */
struct sample_seller {
	int32_t index; /* 0.. in the order emitted */
	const char *id, *name, *email;
	enum role role;
	double hours_per_year;
	const char *home_postal_code; /* "702 25" */
	double home_lat, home_lon;
};

/* A customer row. Strings live until the callback returns. */
struct sample_customer {
	int32_t index;  /* 0.. in the order emitted */
	const char *id; /* "10001" ... */
	const char *name, *org_number, *address, *postal_code, *city, *industry;
	const char *email, *phone; /* NULL when the register has none */
	int32_t seller;            /* owner's seller index, -1 when none */
	const char *seller_id;     /* owner's id, NULL when none */
	bool has_loc;              /* false for some: importers locate them by postal code */
	double lat, lon;           /* also set when !has_loc (the postal code's place) */
	int64_t employees;         /* -1 when not given */
	bool has_potential, has_wallet;
	int64_t potential, wallet;   /* minor units per year, when given */
	int32_t open_min, close_min; /* opening hours in minutes after midnight, -1 when none */
	enum category truth;         /* the category the generator meant (not written to files) */
	bool old_friend;             /* one of a field seller's old friends (not written) */
};

/* An order (one invoice line; credit notes have negative amounts). */
struct sample_order {
	int64_t order_id; /* increasing with the date */
	int32_t cust;     /* customer index */
	const char *customer_id;
	int32_t day;            /* days since 1970-01-01 */
	int64_t amount, margin; /* minor units */
	int32_t seller;         /* -1 when none */
	const char *seller_id;  /* NULL when none */
};

/* An activity. Rows come sorted by day. */
struct sample_activity {
	int32_t day;
	int32_t seller; /* seller index */
	const char *seller_id;
	int32_t cust; /* customer index */
	const char *customer_id;
	enum activity_type type; /* visit, phone, email, meeting_booked, newsletter */
	int duration_min, travel_min;
	double km; /* one decimal */
};

/* The receiver of the rows: all sellers first, then all customers, then all
 * orders (by date), then all activities (by date). Any callback may be NULL. */
struct sample_sink {
	void *ctx;
	void (*seller)(void *ctx, const struct sample_seller *s);
	void (*customer)(void *ctx, const struct sample_customer *c);
	void (*order)(void *ctx, const struct sample_order *o);
	void (*activity)(void *ctx, const struct sample_activity *a);
};

/* The fixed period: it ends on 2026-10-31 whatever the date today, and
 * starts `months` whole months earlier (2024-11-01 for 24 months). */
int32_t sample_last_day(void);
int32_t sample_first_day(int months);

/* Checks the parameters. Returns 0, or -1 and a sentence in *cause (the
 * caller frees). */
int sample_check(const struct sample_params *p, char **cause);

/* Generates the company and hands every row to the sink. Returns 0, or -1 and
 * *cause (caller frees) when the parameters are out of range. */
int sample_generate(const struct sample_params *p, const struct sample_sink *sink, char **cause);

/* The response curve the sample's orders follow for customers of intended
 * category cat (docs/sample.md, "Orders answer to contact"): what the fit
 * of core/response.h has to find. */
void sample_response_truth(enum category cat, struct response_curve *out);

/* Generates the company into *ds (zeroed by the caller; free with
 * dataset_free). Orders come sorted by (customer, day), activities by day.
 * Returns 0, or -1 and *cause (caller frees). */
int sample_dataset(const struct sample_params *p, struct dataset *ds, char **cause);

#endif
