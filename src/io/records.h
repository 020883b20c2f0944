/* records.h — typed records of an import file: the file's header is mapped
 * to fokus fields (English and Swedish aliases, --map overrides), a first
 * pass decides each number and date column's format from the whole column,
 * and each row comes out as a typed record or as a rejected row with
 * file:line, column and reason. Business meaning stops here: no SQL. */
#ifndef FOKUS_RECORDS_H
#define FOKUS_RECORDS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/reader.h"
#include "io/vocab.h"
#include "util/error.h"

enum rec_kind { REC_CUSTOMERS = 0, REC_ORDERS, REC_ACTIVITIES, REC_SELLERS, REC_KIND_COUNT };

/* "customers" ... ; rec_kind_parse returns 0 or -1. */
const char *rec_kind_name(enum rec_kind k);
int rec_kind_parse(const char *s, enum rec_kind *out);

struct rec_opts {
	const char *sheet;       /* xlsx sheet */
	const char *date_format; /* strptime-like, e.g. "%m/%d/%Y"; NULL = detect */
	const char *const *map;  /* "field=Header" overrides, NULL-terminated; may be NULL */
	/* Called now and then during the first (inference) pass that
	 * recreader_open makes over the whole file; may be NULL. */
	void (*progress)(void *ctx, long long done, long long total);
	void *progress_ctx;
	/* Make the inference pass in two threads, one per half of a csv file,
	 * when that gives exactly what one pass would (see observe_in_two in
	 * records.c); the progress is then the first half's. */
	bool split_first_pass;
	/* Orders and activities: called during the first pass with each row's customer ID as
	 * its record will have it (trimmed; "12621.0" as "12621"; empty cells
	 * and markers like "NA" left out), not NUL-terminated, by `half` 0 or,
	 * for the second half of a file read in two threads at once, 1; rows
	 * later rejected are in it too. id == NULL: forget every ID seen (the
	 * pass starts over in one thread). May be NULL. */
	void (*saw_customer)(void *ctx, int half, const char *id, size_t len);
	void *saw_customer_ctx;
	/* The user's value map for activity types and roles (the workspace's,
	 * and --map-value), tried before the default vocabulary (vocab.h);
	 * kept by the caller while the reader lives. May be NULL. */
	const struct vocab_map *value_map;
	size_t nvalue_map;
};

/* Strings are NUL-terminated UTF-8 and NULL when the column is absent or the
 * cell empty; they stay valid until the next recreader_next call. */
struct rec_customer {
	const char *customer_id, *name, *org_number, *address, *postal_code, *city, *industry,
	    *seller_id, *email, *phone;
	bool has_lat_lon;
	double lat, lon;
	int64_t employees; /* -1 when absent */
	bool has_revenue, has_potential, has_wallet;
	int64_t revenue, potential, wallet; /* minor units */
	int32_t open_min, close_min;        /* -1 when absent */
	const char *attrs_json;             /* JSON object of unmapped columns, or NULL */
};

struct rec_order {
	const char *order_id, *customer_id, *seller_id;
	int32_t day;
	int16_t minute; /* -1 when no time */
	int64_t amount; /* minor units; quantity x unit price when no amount column */
	bool has_margin;
	int64_t margin;
	bool has_quantity;
	double quantity;
};

struct rec_activity {
	const char *customer_id, *seller_id;
	int32_t day;
	int16_t minute;
	int type; /* enum activity_type (core/dataset.h) */
	bool has_duration, has_travel, has_km;
	double duration_min, travel_min, km;
};

struct rec_seller {
	const char *seller_id, *name, *email, *home_postal_code;
	int role; /* enum role (core/dataset.h), 0 when absent */
	bool has_hours;
	double hours_per_year;
	bool has_home;
	double home_lat, home_lon;
};

struct rec {
	enum rec_kind kind;
	long line; /* file line of the row */
	union {
		struct rec_customer c;
		struct rec_order o;
		struct rec_activity a;
		struct rec_seller s;
	} u;
};

struct recreader;

/* Opens path as a file of `kind`: reads the header, maps the columns,
 * makes the inference pass (number format per column, date order per
 * column). Returns 0, or -1 with err holding one clear sentence: no header,
 * a required column missing ("no customer-ID column: expected one of
 * customer_id, kundnr, ..."), ambiguous dates ("... use --date-format"),
 * binary file, empty file. */
int recreader_open(const char *path, enum rec_kind kind, const struct rec_opts *opts,
                   struct recreader **out, struct ferr *err);
/* Next record. Returns 1 with *rec filled; 2 for a rejected row (err holds
 * file, line, col and e.g. `column "Amount": "12,3,4" is not a number`;
 * reading may go on); 0 at the end; -1 on a fatal error (err). */
int recreader_next(struct recreader *rr, struct rec *rec, struct ferr *err);
/* When the row last returned was rejected for a value of an activity type
 * or role column that is not known (and only then): returns 1 with the
 * field, the value as written (trimmed; *n bytes, valid until the next
 * call) and the column's header; else 0. */
int recreader_unknown(const struct recreader *rr, enum vocab_field *f, const char **value,
                      size_t *n, const char **header);
/* Totals rows: a row whose ID is empty (or a word like "Summa") and that
 * says "Summa", "Totalt", "Total", "Sum", "Delsumma", ... in a cell, or
 * whose amount (orders) or revenue (customers) is the sum of the rows
 * above it (all of them, or those since the last totals row). They are
 * left out — recreader_next skips them — and counted here: the number so
 * far, and the first REC_TOTALS_KEPT of them. */
#define REC_TOTALS_KEPT 8
struct rec_total {
	long line;
	char text[160]; /* e.g. "\"Summa\", 1 234 567,00" */
};
long recreader_totals(const struct recreader *rr, const struct rec_total **first);
/* The raw fields of the row last returned (for FILE.rejected.csv). */
const struct row *recreader_raw(const struct recreader *rr);
/* The header row (raw fields). */
const struct row *recreader_header(const struct recreader *rr);
/* What was detected: format, encoding, delimiter, and "field <- Header" for
 * each mapped column, e.g. for the import summary and the web preview. One
 * line per item, caller frees. */
char *recreader_describe(const struct recreader *rr);
/* Field name mapped for header column i, or NULL when it is unmapped. */
const char *recreader_column_field(const struct recreader *rr, int i);
/* For reading what is left of a csv file in two threads, after
 * recreader_open: rr then stops at a line start near the middle of the
 * file and *second reads the rest with rr's column mapping and formats
 * (rr must outlive it; close it with recreader_close). Line numbers of
 * *second's records and errors count from 1 at the cut: add
 * recreader_line(rr) - 1 once rr is read to its end. Returns 1 when split;
 * 0 when the file cannot be split safely (xlsx, a quoted field holding a
 * line end, UTF-16, a small file, not fresh from recreader_open), -1 with
 * err. See csv_split (csv.h). */
int recreader_split(struct recreader *rr, struct recreader **second, struct ferr *err);
/* The rows the first pass read (an upper bound of the records to come),
 * or -1 when the file needed no first pass. */
long recreader_rows_seen(const struct recreader *rr);
/* The physical line where rr's next row starts (csv), 0 for xlsx. */
long recreader_line(const struct recreader *rr);
void recreader_progress(const struct recreader *rr, long long *done, long long *total);
void recreader_close(struct recreader *rr);

#endif
