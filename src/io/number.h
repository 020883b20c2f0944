/* number.h — numbers as spreadsheets and ERPs export them: "3500",
 * "3 500,50" (space, no-break or narrow no-break space), "3.500,50",
 * "3,500.50", "-1 200", "1 200 kr", "1200 SEK", "(1 200)", "1 200-",
 * "−5" (U+2212). Whether ',' is a decimal or a thousands separator is a
 * property of the column (numfmt), decided from all its cells by
 * number_observe/number_decide, never guessed per cell. */
#ifndef FOKUS_NUMBER_H
#define FOKUS_NUMBER_H
#include <stddef.h>
#include <stdint.h>

enum numfmt {
	NUMFMT_POINT = 0, /* '.' decimal; ',' space ' thousands */
	NUMFMT_COMMA = 1, /* ',' decimal; '.' space ' thousands */
};

/* An exact decimal: mant / 10^scale, 0 <= scale <= 18. */
struct numval {
	int64_t mant;
	int scale;
};

/* Parses s[0..n) (need not be NUL-terminated) in format f. Returns 0 with
 * *out set; 1 when the cell is empty (blanks, or a lone "-"); -1 when it is
 * not a number in that format; -2 when it has more than 18 digits. */
int number_parse(const char *s, size_t n, enum numfmt f, struct numval *out);
/* Minor units (x100) rounded half away from zero. 0, or -1 on overflow. */
int number_minor(const struct numval *v, int64_t *out);
double number_double(const struct numval *v);
/* Multiplies v by 10^k (k >= 0, for "tkr" columns). 0, or -1 on overflow. */
int number_mul_pow10(struct numval *v, int k);

/* Per-column evidence for the decimal separator. */
struct numstat {
	long
	    point_only; /* cells only valid with '.' decimal, e.g. "1.5", "1,500.25", "1,500,000" */
	long
	    comma_only; /* cells only valid with ',' decimal, e.g. "1,5", "1.500,25", "1.500.000" */
	long comma3;    /* "1,500": 1500 with '.' decimal, 1.5 with ',' decimal */
	long point3;    /* "1.500": 1.5 with '.' decimal, 1500 with ',' decimal */
	long neutral;   /* same value either way: "3500", "1 200", "-7" */
	long bad;       /* not a number either way */
	long empty;
};

/* Adds one cell to the column's evidence. */
void number_observe(struct numstat *st, const char *s, size_t n);
/* Adds the evidence of `more` (cells observed after those of `into`, e.g.
 * by a second thread on the rest of the file) to `into`, as if one
 * number_observe had seen them all. */
void number_merge(struct numstat *into, const struct numstat *more);
/* The column's format when its own cells tell (more cells valid only in
 * one format than only in the other): returns 1 with *out. Returns 0 when
 * they cannot tell (no such cells, or as many of each); then *out is the
 * fallback for a column alone: a lone separator followed by exactly three
 * digits ("1,500", "1.500") is read as a thousands separator, since money
 * has 0 or 2 decimals. Callers may prefer the file's other columns. */
int number_decide(const struct numstat *st, enum numfmt *out);

#endif
