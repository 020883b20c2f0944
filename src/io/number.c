/* number.c — parsing numbers from the byte span of a cell, exactly (a
 * 64-bit mantissa and a decimal scale, no floating point on the money
 * path). A cell is first cut into tokens — sign, digits, separators,
 * exponent — with currency and unit words and accounting signs (parentheses,
 * trailing minus) stripped; then it is checked against a format, '.' or ','
 * as the decimal separator, with thousands groups of exactly three digits.
 * The same tokens give the per-column evidence (number_observe). */
#include "io/number.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define MAXSEP 8
#define MAXSIG 18

static const int64_t pow10_tab[19] = {
    1LL,
    10LL,
    100LL,
    1000LL,
    10000LL,
    100000LL,
    1000000LL,
    10000000LL,
    100000000LL,
    1000000000LL,
    10000000000LL,
    100000000000LL,
    1000000000000LL,
    10000000000000LL,
    100000000000000LL,
    1000000000000000LL,
    10000000000000000LL,
    100000000000000000LL,
    1000000000000000000LL,
};

/* Currency and unit words stripped before or after the digits
 * (case-insensitive). ":-" and ",-" are the Swedish "kronor, even". */
static const char *const prefixes[] = {"$",   "€",   "£",   "sek", "kr",
                                       "eur", "usd", "gbp", "nok", "dkk"};
static const char *const suffixes[] = {"kr.", "kr", "sek", "eur", "usd", "gbp", "nok",
                                       "dkk", "€",  "$",   "£",   ":-",  ",-",  ".-",
                                       "st.", "st", "pcs", "min", "km",  "h",   "tim"};

struct tok {
	int neg;
	uint64_t m;    /* significant digits */
	int sig;       /* number of significant digits (leading zeros dropped) */
	int nd;        /* number of digits before the exponent */
	int lead_zero; /* the first digit is '0' */
	int nsep;
	int seppos[MAXSEP]; /* digits before each separator */
	char sepk[MAXSEP];  /* '.', ',', 's' (a space of any width), 'q' (apostrophe) */
	int exp;
};

/* Width of a space-like character at p (ASCII space or tab, U+00A0,
 * U+2009 thin, U+202F narrow no-break), or 0. */
static int space_at(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;
	if (*u == ' ' || *u == '\t')
		return 1;
	if (e - p >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (e - p >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89))
		return 3;
	return 0;
}

/* Width of a minus sign at p: '-', U+2212 minus, U+2013 en dash; or 0. */
static int minus_at(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;
	if (*u == '-')
		return 1;
	if (e - p >= 3 && u[0] == 0xE2 &&
	    ((u[1] == 0x88 && u[2] == 0x92) || (u[1] == 0x80 && u[2] == 0x93)))
		return 3;
	return 0;
}

static void trim(const char **pp, const char **ep)
{
	const char *p = *pp, *e = *ep;
	int k;
	while (p < e && (k = space_at(p, e)) > 0)
		p += k;
	while (e > p) {
		if (e[-1] == ' ' || e[-1] == '\t')
			e--;
		else if (e - p >= 2 && (unsigned char)e[-2] == 0xC2 && (unsigned char)e[-1] == 0xA0)
			e -= 2;
		else if (e - p >= 3 && space_at(e - 3, e) == 3)
			e -= 3;
		else
			break;
	}
	*pp = p;
	*ep = e;
}

static int strip_prefix(const char **pp, const char *e)
{
	if ((**pp >= '0' && **pp <= '9') || **pp == '.' || **pp == ',')
		return 0; /* the common case: digits right away */
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t k = strlen(prefixes[i]);
		if ((size_t)(e - *pp) > k && !strncasecmp(*pp, prefixes[i], k) &&
		    !isalpha((unsigned char)(*pp)[k])) {
			*pp += k;
			return 1;
		}
	}
	return 0;
}

static int strip_suffix(const char *p, const char **ep)
{
	if ((*ep)[-1] >= '0' && (*ep)[-1] <= '9')
		return 0; /* the common case: ends with a digit */
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t k = strlen(suffixes[i]);
		const char *s = *ep - k;
		if (s > p && !strncasecmp(s, suffixes[i], k) && !isalpha((unsigned char)s[-1])) {
			*ep = s;
			return 1;
		}
	}
	return 0;
}

/* Cuts s[0..n) into tokens. 0 ok, 1 empty, -1 not a number, -2 too long. */
static int tokenize(const char *s, size_t n, struct tok *t)
{
	const char *p = s, *e = s + n;
	memset(t, 0, sizeof(*t));
	trim(&p, &e);
	if (p == e)
		return 1;
	if (*p == '(' && e[-1] == ')' && e - p > 2) {
		t->neg = 1;
		p++;
		e--;
		trim(&p, &e);
	}
	for (int k, round = 0; round < 3 && p < e; round++) {
		if ((k = minus_at(p, e)) > 0) {
			if (e - p == k && round == 0 && !t->neg)
				return 1; /* a lone "-": nothing */
			t->neg ^= 1;
			p += k;
		} else if (*p == '+') {
			p++;
		} else if (!strip_prefix(&p, e)) {
			break;
		}
		trim(&p, &e);
	}
	for (int round = 0; round < 3 && e > p; round++) {
		if (strip_suffix(p, &e)) {
			trim(&p, &e);
			continue;
		}
		int k = 0;
		if (e[-1] == '-')
			k = 1;
		else if (e - p >= 3 && minus_at(e - 3, e) == 3)
			k = 3;
		if (!k)
			break;
		t->neg ^= 1;
		e -= k;
		trim(&p, &e);
	}
	if (p == e)
		return -1;
	int prev_digit = 0;
	while (p < e) {
		unsigned char c = (unsigned char)*p;
		int k;
		if (c >= '0' && c <= '9') {
			if (t->nd == 0)
				t->lead_zero = c == '0';
			t->nd++;
			if (t->sig || c != '0') {
				if (++t->sig > MAXSIG)
					return -2;
				t->m = t->m * 10 + (c - '0');
			}
			prev_digit = 1;
			p++;
			continue;
		}
		if ((c == 'e' || c == 'E') && prev_digit && p + 1 < e) {
			p++;
			int eneg = 0, ev = 0, nd = 0;
			if (*p == '+' || *p == '-')
				eneg = *p++ == '-';
			while (p < e && *p >= '0' && *p <= '9' && nd < 4) {
				ev = ev * 10 + (*p++ - '0');
				nd++;
			}
			if (!nd || p != e)
				return -1;
			t->exp = eneg ? -ev : ev;
			break;
		}
		char kind = 0;
		if (c == '.' || c == ',') {
			kind = (char)c;
			k = 1;
		} else if (c == '\'') {
			kind = 'q';
			k = 1;
		} else if (e - p >= 3 && c == 0xE2 && (unsigned char)p[1] == 0x80 &&
		           (unsigned char)p[2] == 0x99) {
			kind = 'q'; /* U+2019 */
			k = 3;
		} else if ((k = space_at(p, e)) > 0) {
			kind = 's';
		} else {
			return -1;
		}
		/* a separator follows a digit, except a leading decimal (".5") */
		if (!prev_digit && !(t->nd == 0 && t->nsep == 0 && (kind == '.' || kind == ',')))
			return -1;
		if (t->nsep == MAXSEP)
			return -1;
		t->seppos[t->nsep] = t->nd;
		t->sepk[t->nsep++] = kind;
		prev_digit = 0;
		p += k;
	}
	if (!prev_digit && !t->exp)
		return -1;
	return 0;
}

/* Checks the tokens against format f; sets *scale (digits after the
 * decimal separator). 0 valid, -1 not. */
static int check(const struct tok *t, enum numfmt f, int *scale)
{
	char dc = f == NUMFMT_POINT ? '.' : ',';
	char tk = 0; /* the one kind of thousands separator used */
	int dpos = -1, prev = 0, prev_thousands = 0;
	for (int i = 0; i < t->nsep; i++) {
		char k = t->sepk[i];
		int len = t->seppos[i] - prev;
		if (prev_thousands && len != 3)
			return -1;
		if (k == dc) {
			if (dpos >= 0 || i != t->nsep - 1)
				return -1;
			dpos = t->seppos[i];
			prev_thousands = 0;
		} else {
			if (tk && k != tk)
				return -1;
			tk = k;
			if (i == 0 && (len < 1 || len > 3 || t->lead_zero))
				return -1;
			prev_thousands = 1;
		}
		prev = t->seppos[i];
	}
	if (prev_thousands && t->nd - prev != 3)
		return -1;
	*scale = dpos >= 0 ? t->nd - dpos : 0;
	return 0;
}

static int make_value(const struct tok *t, int scale, struct numval *out)
{
	int64_t m = (int64_t)t->m;
	scale -= t->exp;
	if (scale < 0) {
		if (-scale > 18 || (m && m > INT64_MAX / pow10_tab[-scale]))
			return -2;
		m *= pow10_tab[-scale];
		scale = 0;
	}
	while (scale > 18) {
		m = (m + 5) / 10;
		scale--;
	}
	out->mant = t->neg ? -m : m;
	out->scale = scale;
	return 0;
}

/* The common cell, "-1234.56" or "1234,5" or "3500": at most one '.' or
 * ',' and nothing else but digits and a leading '-'. Returns 1 and fills
 * *t (as tokenize would), or 0 when the cell needs the full tokenizer. */
static int plain(const char *s, size_t n, struct tok *t)
{
	const char *p = s, *e = s + n;
	if (p < e && *p == '-')
		p++;
	if (p == e || e - p > MAXSIG || *p < '0' || *p > '9' || e[-1] < '0' || e[-1] > '9')
		return 0;
	t->neg = *s == '-';
	t->m = 0;
	t->sig = t->nd = t->nsep = t->exp = 0;
	t->lead_zero = *p == '0';
	for (; p < e; p++) {
		unsigned c = (unsigned char)*p - '0';
		if (c <= 9) {
			t->m = t->m * 10 + c;
			t->nd++;
			continue;
		}
		if ((*p != '.' && *p != ',') || t->nsep)
			return 0;
		t->seppos[0] = t->nd;
		t->sepk[0] = *p;
		t->nsep = 1;
	}
	t->sig = t->nd; /* leading zeros add nothing to m; sig only bounds the size */
	return 1;
}

int number_parse(const char *s, size_t n, enum numfmt f, struct numval *out)
{
	struct tok t;
	if (plain(s, n, &t)) {
		int scale;
		if (check(&t, f, &scale) < 0)
			return -1;
		return make_value(&t, scale, out);
	}
	int rc = tokenize(s, n, &t);
	if (rc)
		return rc;
	int scale;
	if (check(&t, f, &scale) < 0)
		return -1;
	return make_value(&t, scale, out);
}

int number_minor(const struct numval *v, int64_t *out)
{
	if (v->scale <= 2) {
		int64_t mul = pow10_tab[2 - v->scale];
		if (v->mant > INT64_MAX / mul || v->mant < -(INT64_MAX / mul))
			return -1;
		*out = v->mant * mul;
		return 0;
	}
	int64_t div = pow10_tab[v->scale - 2];
	int64_t q = v->mant / div, r = v->mant % div;
	if (r < 0)
		r = -r;
	if (r >= div - r) /* r * 2 >= div, without overflow: half away from zero */
		q += v->mant < 0 ? -1 : 1;
	*out = q;
	return 0;
}

double number_double(const struct numval *v)
{
	return (double)v->mant / (double)pow10_tab[v->scale];
}

int number_mul_pow10(struct numval *v, int k)
{
	while (k > 0 && v->scale > 0) {
		v->scale--;
		k--;
	}
	if (k == 0)
		return 0;
	if (k > 18)
		return -1;
	int64_t mul = pow10_tab[k];
	if (v->mant > INT64_MAX / mul || v->mant < -(INT64_MAX / mul))
		return -1;
	v->mant *= mul;
	return 0;
}

void number_observe(struct numstat *st, const char *s, size_t n)
{
	struct tok t;
	int rc = plain(s, n, &t) ? 0 : tokenize(s, n, &t);
	if (rc == 1) {
		st->empty++;
		return;
	}
	int sp, sc;
	int vp = rc == 0 && check(&t, NUMFMT_POINT, &sp) == 0;
	int vc = rc == 0 && check(&t, NUMFMT_COMMA, &sc) == 0;
	if (vp && vc) {
		if (sp == sc)
			st->neutral++;
		else if (sp == 3) /* "1.500": three decimals with '.' */
			st->point3++;
		else
			st->comma3++;
	} else if (vp) {
		st->point_only++;
	} else if (vc) {
		st->comma_only++;
	} else {
		st->bad++;
	}
}

int number_decide(const struct numstat *st, enum numfmt *out)
{
	if (st->point_only != st->comma_only) {
		*out = st->point_only > st->comma_only ? NUMFMT_POINT : NUMFMT_COMMA;
		return 1;
	}
	/* "1,500" cells read as thousands need '.' decimals, "1.500" need ',' */
	*out = st->point3 > st->comma3 ? NUMFMT_COMMA : NUMFMT_POINT;
	return 0;
}

void number_merge(struct numstat *into, const struct numstat *more)
{
	into->point_only += more->point_only;
	into->comma_only += more->comma_only;
	into->comma3 += more->comma3;
	into->point3 += more->point3;
	into->neutral += more->neutral;
	into->bad += more->bad;
	into->empty += more->empty;
}
