/* geo.c — great-circle distances and the Swedish postal-code table.
 *
 * The table is data/postcodes-se.tsv (derived from GeoNames, CC BY 4.0, by
 * scripts/make-postcodes), embedded at build time as geo_postcodes_tsv[].
 * On first use it is parsed once (pthread_once) into arrays sorted by code;
 * lookups are a binary search over a compact array of integer codes, so a
 * million lookups cost a few milliseconds. Lines starting with '#' are
 * comments; rows are "code TAB lat TAB lon TAB place". Numbers are parsed by
 * hand (not strtod) so that a caller's setlocale() cannot change them. */
#include "util/geo.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

extern const char geo_postcodes_tsv[];

#define EARTH_RADIUS_KM 6371.0

struct pc_row {
	int32_t code;
	double lat, lon;
	const char *place;
};

static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static int32_t *table_codes;      /* ascending, for the binary search */
static struct pc_row *table_rows; /* same order */
static int table_n;
static char *table_text; /* the mutable copy the place names point into */

double geo_km(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = M_PI / 180.0;
	double p1 = lat1 * rad, p2 = lat2 * rad;
	double dp = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
	double s1 = sin(dp / 2), s2 = sin(dl / 2);
	double a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2;
	if (a > 1)
		a = 1;
	return 2 * EARTH_RADIUS_KM * asin(sqrt(a));
}

/* Parses "-12.3456" (digits, optional '.' and digits) from *p up to a tab or
 * the line's end. Returns 0 and advances *p, or -1. */
static int parse_decimal(char **p, double *out)
{
	char *s = *p;
	int neg = 0, digits = 0, frac = 0;
	int64_t v = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && frac < 15; s++, frac++, digits++)
			v = v * 10 + (*s - '0');
	if (!digits || digits > 15 || (*s && *s != '\t' && *s != '\n' && *s != '\r'))
		return -1;
	static const double pow10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
	                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	/* Both operands are exact, so the quotient is correctly rounded. */
	*out = (neg ? -(double)v : (double)v) / pow10[frac];
	*p = s;
	return 0;
}

/* Parses one row in place (NUL-terminates the place). Returns 0 or -1. */
static int parse_row(char *line, struct pc_row *r)
{
	char code[6];
	char *tab = strchr(line, '\t');
	if (!tab)
		return -1;
	*tab = '\0';
	if (geo_postcode_norm(line, code) != 0)
		return -1;
	r->code = (int32_t)strtol(code, NULL, 10);
	char *p = tab + 1;
	if (parse_decimal(&p, &r->lat) != 0 || *p != '\t')
		return -1;
	p++;
	if (parse_decimal(&p, &r->lon) != 0)
		return -1;
	r->place = "";
	if (*p == '\t') {
		r->place = ++p;
		p += strcspn(p, "\t\r\n");
		*p = '\0';
	}
	return r->lat >= -90 && r->lat <= 90 && r->lon >= -180 && r->lon <= 180 ? 0 : -1;
}

static int row_cmp(const void *a, const void *b)
{
	const struct pc_row *x = a, *y = b;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	/* Equal codes: keep the earlier line (rows are in line order before). */
	return x->place < y->place ? -1 : x->place > y->place;
}

static void table_init(void)
{
	table_text = xstrdup(geo_postcodes_tsv);
	size_t cap = 1024;
	int n = 0, sorted = 1;
	struct pc_row *rows = xreallocarray(NULL, cap, sizeof(*rows));
	for (char *line = table_text; *line;) {
		char *nl = strchr(line, '\n');
		char *next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		struct pc_row r;
		if (*line != '#' && *line && parse_row(line, &r) == 0) {
			if ((size_t)n == cap)
				rows = xreallocarray(rows, cap *= 2, sizeof(*rows));
			if (n && r.code <= rows[n - 1].code)
				sorted = 0;
			rows[n++] = r;
		}
		line = next;
	}
	if (!sorted) {
		qsort(rows, (size_t)n, sizeof(*rows), row_cmp);
		int k = 0; /* drop repeated codes, keeping the first */
		for (int i = 0; i < n; i++)
			if (!k || rows[i].code != rows[k - 1].code)
				rows[k++] = rows[i];
		n = k;
	}
	table_codes = xreallocarray(NULL, (size_t)(n ? n : 1), sizeof(*table_codes));
	for (int i = 0; i < n; i++)
		table_codes[i] = rows[i].code;
	table_rows = rows;
	table_n = n;
}

static void table_ready(void)
{
	pthread_once(&table_once, table_init);
}

int geo_postcode_count(void)
{
	table_ready();
	return table_n;
}

/* Length of the blank (space, tab, no-break space U+00A0, narrow no-break
 * space U+202F) at s, or 0. */
static size_t blank_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

int geo_postcode_norm(const char *s, char out[6])
{
	size_t k;
	int n = 0;
	if (!s)
		return -1;
	while ((k = blank_len(s)))
		s += k;
	/* Country prefix: "SE-", "SE ", "SE", "S-" (the old Swedish form). */
	if ((s[0] == 'S' || s[0] == 's') && (s[1] == 'E' || s[1] == 'e'))
		s += 2;
	else if ((s[0] == 'S' || s[0] == 's') && (s[1] == '-' || (s[1] >= '0' && s[1] <= '9')))
		s += 1;
	if (*s == '-')
		s++;
	while ((k = blank_len(s)))
		s += k;
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			if (n == 5)
				return -1;
			out[n++] = *s++;
		} else if (n == 3 && ((k = blank_len(s)) || *s == '-')) {
			s += k ? k : 1; /* "186 00", "186-00": one separator after three digits */
			if (!(*s >= '0' && *s <= '9'))
				return -1;
		} else {
			break;
		}
	}
	while ((k = blank_len(s)))
		s += k;
	if (*s || n != 5 || out[0] == '0')
		return -1;
	out[5] = '\0';
	return 0;
}

static int find_code(int32_t code)
{
	int lo = 0, hi = table_n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int32_t c = table_codes[mid];
		if (c == code)
			return mid;
		if (c < code)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int geo_postcode_lookup(const char *postal_code, double *lat, double *lon)
{
	char code[6];
	if (geo_postcode_norm(postal_code, code) != 0)
		return -1;
	table_ready();
	int32_t c = 0;
	for (int i = 0; i < 5; i++)
		c = c * 10 + (code[i] - '0');
	int i = find_code(c);
	if (i < 0)
		return -1;
	*lat = table_rows[i].lat;
	*lon = table_rows[i].lon;
	return 0;
}

int geo_postcode_at(int i, char code[6], double *lat, double *lon, const char **place)
{
	table_ready();
	if (i < 0 || i >= table_n)
		return -1;
	int32_t c = table_rows[i].code;
	for (int k = 4; k >= 0; k--, c /= 10)
		code[k] = (char)('0' + c % 10);
	code[5] = '\0';
	*lat = table_rows[i].lat;
	*lon = table_rows[i].lon;
	*place = table_rows[i].place;
	return 0;
}
