/* dataset.h — the in-memory model every core/ module computes on. Loaded
 * from the workspace by store/dataset.c (or built from files by the
 * file-based categorize), built by hand in unit tests. Plain arrays with
 * dense integer indexes; strings are owned by the dataset. */
#ifndef FOKUS_DATASET_H
#define FOKUS_DATASET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The four categories; codes "1" "2R" "2P" "3" are the machine form everywhere. */
enum category { CAT_1 = 0, CAT_2R = 1, CAT_2P = 2, CAT_3 = 3, CAT_COUNT = 4, CAT_NONE = -1 };

/* "1", "2R", "2P", "3" (or "" for CAT_NONE). */
const char *category_code(enum category c);
/* Parses a code (also "2r", "2p", "kat 1"...?) -> 0 and *out, or -1. */
int category_parse(const char *s, enum category *out);
/* "Kategori 2 omsättning" / "Category 2 revenue" ... lang as in util/i18n.h. */
const char *category_label(enum category c, int lang);

enum role { ROLE_NONE = 0, ROLE_FARMER, ROLE_HUNTER, ROLE_SERVICE, ROLE_COUNT };
const char *role_code(enum role r);            /* "farmer" "hunter" "service" "" */
int role_parse(const char *s, enum role *out); /* also förvaltare, jägare, kundtjänst */
const char *role_label(enum role r, int lang);

enum activity_type {
	ACT_VISIT = 0,      /* field visit (besök) */
	ACT_PHONE,          /* call (telefon, samtal) */
	ACT_EMAIL,          /* e-mail (e-post, mejl) */
	ACT_MEETING,        /* meeting, e.g. online (möte) */
	ACT_MEETING_BOOKED, /* a meeting booked (bokat möte): the booking-frequency event */
	ACT_NEWSLETTER,     /* newsletter sent (nyhetsbrev) */
	ACT_OTHER,
	ACT_COUNT
};
const char *activity_type_code(enum activity_type t); /* "visit" "phone" ... */
int activity_type_parse(const char *s, enum activity_type *out);

struct seller {
	char *id;   /* external seller_id */
	char *name; /* may be NULL */
	enum role role;
	double hours_per_year; /* 0 when unknown (callers use 1720) */
	bool has_home;
	double home_lat, home_lon;
	char *home_postal_code;
	char *email;
};

struct customer {
	char *id; /* external customer_id */
	char *name, *org_number, *address, *postal_code, *city, *industry, *email, *phone;
	char *seller_id; /* current owner, external id, NULL when none */
	int32_t seller;  /* index into dataset.sellers, -1 when none or unknown */
	bool has_loc;
	double lat, lon;
	int64_t employees; /* -1 when unknown */
	bool has_revenue, has_potential, has_wallet;
	int64_t revenue, potential, wallet; /* minor units, from the customer file */
	int32_t open_min, close_min;        /* opening hours, -1 when unknown */
	int64_t store_id;                   /* customers.id in the workspace (0 when none) */
};

struct order {
	int32_t cust; /* index into dataset.customers */
	int32_t day;
	int64_t amount; /* minor units */
	int64_t margin; /* minor units; valid when has_margin */
	bool has_margin;
};

struct activity {
	int32_t cust;   /* index into customers, -1 when the customer is unknown */
	int32_t seller; /* index into sellers, -1 when unknown */
	int32_t day;
	int16_t minute; /* time of day, -1 when unknown */
	uint8_t type;   /* enum activity_type */
	float duration_min, travel_min, km;
};

struct dataset {
	struct customer *customers;
	size_t ncustomers;
	struct order *orders; /* sorted by (cust, day) when loaded from the workspace */
	size_t norders;
	struct activity *activities; /* sorted by day */
	size_t nactivities;
	struct seller *sellers;
	size_t nsellers;
	size_t activities_unknown_seller; /* rows whose seller_id is not in sellers */
};

/* Frees everything the dataset owns (not the struct itself). NULL-safe. */
void dataset_free(struct dataset *ds);
/* Index of the seller with that external id, or -1. Linear; callers cache. */
int32_t dataset_seller_index(const struct dataset *ds, const char *id);
/* Index of the customer whose store_id (customers.id in the workspace) is
 * id, or -1: a binary search, as the loader gives the customers in
 * store_id order; a linear scan when they are not (hand-made datasets). */
int32_t dataset_customer_by_store_id(const struct dataset *ds, int64_t id);

#endif
