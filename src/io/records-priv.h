/* records-priv.h — what the two halves of the record reader share:
 * records.c (rows into records, and the reader's life) and records-open.c
 * (opening a file: header, column mapping, the inference pass, describing).
 * Not for use outside io/records*.c. */
#ifndef FOKUS_IO_RECORDS_PRIV_H
#define FOKUS_IO_RECORDS_PRIV_H
#include "io/records.h"
#include "io/colmap.h"
#include "io/date.h"
#include "io/number.h"
#include "io/vocab.h"

#include <stddef.h>

#define HEADER_SEARCH_ROWS 10
#define PROGRESS_ROWS 65536

/* How a number column's format was decided (for describe). */
enum how { HOW_NONE, HOW_OWN, HOW_FILE, HOW_RULE, HOW_XLSX };

struct col {
	const struct colfield *f;
	int fi;             /* index in the kind's field table */
	int col;            /* header column */
	const char *header; /* header text (in rr->hbuf) */
	int tier, pow10, alt_col;
	int numeric, dated; /* needs number / date inference */
	enum numfmt fmt;
	enum how fmt_how;
	enum dateorder order;
	int order_shown; /* the column had A/B/Y dates */
	struct numstat ns;
	struct datestat ds;
};

struct recreader {
	struct reader *r;
	char *path;
	enum rec_kind kind;
	char *date_format;
	int is_xlsx;
	const struct colfield *fields;
	int nfields;
	struct colmatch *match;
	struct col *cols;
	int ncols;
	const char **col_field; /* per header column: field name or NULL */
	/* the header row, owned */
	struct row hdr;
	char *hbuf;
	long skip; /* rows read up to and including the header */
	struct row raw;
	/* per row */
	char *scratch;
	size_t scap, sused;
	char *attrs;
	int *attr_cols;
	char **attr_keys;
	int nattr;
	/* columns with roles beyond storing */
	int c_customer, c_seller, c_amount, c_quantity, c_price;
	int amount_computed; /* orders: amount = quantity x unit price */
	struct rec blank;    /* a record with the kind's defaults, copied for each row */
	int borrowed;        /* from recreader_split: owns only r and the per-row buffers */
	const struct vocab_map *vmap; /* rec_opts.value_map, the caller's */
	size_t nvmap;
	/* totals rows (recreader_totals): the column summed, the sums of the
	 * good rows so far (all, and since the last totals row), those left out */
	int c_total;
	int64_t sum_all, sum_since;
	long nsum_all, nsum_since;
	long ntotals;
	struct rec_total totals[REC_TOTALS_KEPT];
	long empty_ids;   /* first pass: rows with an empty customer ID */
	long rows_seen;   /* first pass: rows (blank and header rows included), -1: no pass */
	char *sheet_note; /* the sheet was found by its header: why (describe) */
	/* the last values of activity-type and role cells and their codes (an
	 * export repeats a few words millions of times); per column slot */
	struct {
		char v[24];
		unsigned char n;
		int code;
	} vcache[2][8];
	/* the last row was rejected for an unknown value: its column, else NULL */
	const struct col *unknown_col;
	const char *unknown_p;
	size_t unknown_n;
};

/* *rec cleared to a record of rr's kind with its defaults (no minute, no
 * employee count, type other). */
void rec_defaults(struct recreader *rr, struct rec *rec);
/* The length of ID s[0..n) once "12621.0" (a number column saved by
 * pandas or Excel) is read as "12621": n, or where the dot is. */
size_t rec_id_clean_len(const char *s, size_t n);
/* The bytes of a blank at p (space, tab, CR, LF: 1; a no-break space: 2),
 * else 0; e is the end of the text. */
int rec_is_space_at(const char *p, const char *e);
/* 1 when s[0..n) means "no value" in an ID column (R, pandas, Excel, SQL
 * markers), else 0. */
int rec_missing_marker(const char *s, size_t n);
/* 1 when every cell of row is blank, else 0. */
int rec_row_blank(const struct row *row);
/* A cell's text trimmed of spaces: where it starts, and *len its length
 * (0 when empty); not NUL-terminated. */
const char *rec_trim_span(const struct field *cell, size_t *len);

#endif
