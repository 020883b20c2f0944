/* colmap.h — finding fokus fields among a file's column headers. Headers
 * are compared after folding (colmap_norm): case, å ä ö à é ü ... to a o e
 * u, spaces _ - . ( ) / : dropped, "#" read as "nr". Each field has alias
 * lists in three tiers (preferred, normal, last resort: for amounts net,
 * neutral, gross); the best tier and then the earliest alias wins.
 * `--map field=Header` overrides. The tables are data (colmap.c). */
#ifndef FOKUS_COLMAP_H
#define FOKUS_COLMAP_H
#include <stddef.h>

#include "io/reader.h"
#include "io/records.h"
#include "util/error.h"

enum coltype {
	COL_TEXT,    /* const char * at off */
	COL_ID,      /* const char * at off, trimmed; "NA", "#N/A", "NULL"... are missing */
	COL_MONEY,   /* int64 minor units at off, bool at aux (when aux >= 0) */
	COL_NUM,     /* double at off, bool at aux */
	COL_INT,     /* int64 at off (employees; "10-49" -> 29) */
	COL_DATE,    /* int32 day at off, int16 minute at aux */
	COL_CLOCK,   /* a separate time-of-day column: int16 minute at off */
	COL_TIME,    /* opening or closing time: int32 minutes at off */
	COL_HOURS,   /* "08:00-17:00": int32 at off (open) and aux (close) */
	COL_LAT,     /* double at off, bool pair flag at aux (set when lat and lon both read) */
	COL_LON,     /* double at off, pair flag at aux */
	COL_ACTTYPE, /* int (enum activity_type) at off */
	COL_ROLE,    /* int (enum role) at off */
};

/* Fields that need more than storing (records.c looks for them). */
enum colid {
	F_OTHER = 0,
	F_CUSTOMER_ID,
	F_SELLER_ID,
	F_AMOUNT,
	F_QUANTITY,
	F_UNIT_PRICE,
	F_DATE,
	F_TIME,
};

#define COL_TIERS 3

struct colfield {
	const char *name; /* as in --map and the docs: "customer_id" */
	const char *what; /* in messages: "customer-ID" */
	enum coltype type;
	enum colid id;
	long off, aux;                       /* byte offsets in struct rec, -1 when none */
	const char *const *alias[COL_TIERS]; /* NULL-terminated lists, best first */
};

/* The fields of a kind of file, in matching order. Static table. */
const struct colfield *colmap_fields(enum rec_kind kind, int *n);
/* Index of the field called name in kind's table, or -1. */
int colmap_field_index(enum rec_kind kind, const char *name);

/* Folds a header (s[0..n)) for comparison into out (always NUL-terminated,
 * cut at cap - 1 bytes). */
void colmap_norm(const char *s, size_t n, char *out, size_t cap);

struct colmatch {
	int col;     /* header column index, -1 when the field is not in the file */
	int tier;    /* alias tier matched (0..2), -1 when set by --map */
	int pow10;   /* money given in thousands ("tkr": 3) or millions ("mkr": 6) */
	int alt_col; /* another column that also looks like this field (not used), or -1 */
};

/* Maps header columns to kind's fields: --map entries ("field=Header";
 * an empty Header keeps the field out) first, then the alias tables. Fills
 * out[0..n) (n as colmap_fields gives). Returns 0, or -1 with err holding
 * one sentence about a bad --map entry. */
int colmap_match(enum rec_kind kind, const struct row *header, const char *const *map,
                 struct colmatch *out, struct ferr *err);

/* "customer_id, Customer ID, CustomerID, Kundnr, ..." — the field's name
 * and its aliases for messages: all of them when max <= 0, else at most
 * max, a fair share from each tier, ending in ", …" when some were left
 * out. Caller frees. */
char *colmap_alias_list(const struct colfield *f, int max);

#endif
