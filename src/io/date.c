/* date.c — parsing dates and times from the byte span of a cell. A cell is
 * cut into parts (year-first, or A/B/Y with the order left open, plus an
 * optional time); the column's order (date_decide) settles A/B. Two-digit
 * years: 00-69 are 2000-2069, 70-99 are 1970-1999. */
#include "io/date.h"
#include "util/days.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { K_YMD, K_ABY };

struct dparts {
	int kind;
	int y, a, b; /* K_YMD: a = month, b = day; K_ABY: A/B/Y as written */
	int minute;  /* -1 when no time */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1..max digits at *pp (a --date-format field: "%Y%m%d" has no
 * separators). Returns the count (0 when none). */
static int digits_upto(const char **pp, const char *e, int max, int *v)
{
	const char *p = *pp;
	int n = 0, x = 0;
	while (p < e && n < max && is_digit(*p)) {
		x = x * 10 + (*p++ - '0');
		n++;
	}
	*pp = p;
	*v = x;
	return n;
}

/* Reads 1..max digits at *pp, and no more digits follow. Returns the
 * count (0 when none or too many). */
static int digits(const char **pp, const char *e, int max, int *v)
{
	const char *p = *pp;
	int n = 0, x = 0;
	while (p < e && n < max && is_digit(*p)) {
		x = x * 10 + (*p++ - '0');
		n++;
	}
	if (n && p < e && is_digit(*p))
		return 0; /* too many digits */
	*pp = p;
	*v = x;
	return n;
}

static void trim(const char **pp, const char **ep)
{
	const char *p = *pp, *e = *ep;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*pp = p;
	*ep = e;
}

static int full_year(int y, int ndigits)
{
	if (ndigits <= 2)
		return y < 70 ? 2000 + y : 1900 + y;
	return y;
}

/* A time "14:05", "14:05:00", "14:05:00.123", "2:05 PM", "14.05", with an
 * optional zone ("Z", "+01:00") ignored. Consumes to e. Returns minutes or
 * -1. */
static int parse_clock(const char *p, const char *e)
{
	int h, m = 0, s = 0;
	if (!digits(&p, e, 2, &h))
		return -1;
	if (p < e && (*p == ':' || *p == '.')) {
		char sep = *p++;
		if (digits(&p, e, 2, &m) != 2)
			return -1;
		if (p < e && *p == sep) {
			p++;
			if (digits(&p, e, 2, &s) != 2)
				return -1;
			if (p < e && (*p == '.' || *p == ',')) {
				p++;
				while (p < e && is_digit(*p))
					p++;
			}
		}
	} else {
		return -1;
	}
	while (p < e && *p == ' ')
		p++;
	if (e - p >= 2 && (!strncasecmp(p, "am", 2) || !strncasecmp(p, "pm", 2))) {
		if (h < 1 || h > 12)
			return -1;
		int pm = p[0] == 'p' || p[0] == 'P';
		h = h % 12 + (pm ? 12 : 0);
		p += 2;
	} else if (p < e && (*p == 'Z' || *p == '+' || *p == '-')) {
		p = e; /* a time zone: the local date and time are what counts */
	}
	if (p != e || h > 24 || m > 59 || s > 60 || (h == 24 && (m || s)))
		return -1;
	return h * 60 + m;
}

/* Cuts a cell into date parts. 0, 1 when empty, -1 when not a date. */
static int split(const char *s, size_t n, struct dparts *d)
{
	const char *p = s, *e = s + n;
	trim(&p, &e);
	if (p == e)
		return 1;
	int v1;
	d->minute = -1;
	if (e - p >= 10 && p[4] == '-' && p[7] == '-' &&
	    (e - p == 10 || p[10] == ' ' || p[10] == 'T')) {
		/* the common ISO date, read directly */
		int ok = 1, x[8];
		static const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
		for (int i = 0; i < 8; i++) {
			x[i] = p[at[i]] - '0';
			ok &= x[i] >= 0 && x[i] <= 9;
		}
		if (ok) {
			d->kind = K_YMD;
			d->y = x[0] * 1000 + x[1] * 100 + x[2] * 10 + x[3];
			d->a = x[4] * 10 + x[5];
			d->b = x[6] * 10 + x[7];
			p += 10;
			goto time;
		}
	}
	int n1 = digits(&p, e, 8, &v1);
	if (n1 == 8) {
		d->kind = K_YMD;
		d->y = v1 / 10000;
		d->a = v1 / 100 % 100;
		d->b = v1 % 100;
	} else if (n1 == 4 || (n1 >= 1 && n1 <= 2)) {
		if (p >= e || (*p != '-' && *p != '/' && *p != '.'))
			return -1;
		char sep = *p++;
		int v2, v3;
		int n2 = digits(&p, e, 2, &v2);
		if (!n2 || p >= e || *p != sep)
			return -1;
		p++;
		int n3 = digits(&p, e, 4, &v3);
		if (n1 == 4) {
			if (!n3 || n3 > 2)
				return -1;
			d->kind = K_YMD;
			d->y = v1;
			d->a = v2;
			d->b = v3;
		} else {
			if (n3 != 2 && n3 != 4)
				return -1;
			d->kind = K_ABY;
			d->a = v1;
			d->b = v2;
			d->y = full_year(v3, n3);
		}
	} else {
		return -1;
	}
time:
	if (p == e)
		return 0;
	if (*p != ' ' && *p != 'T')
		return -1;
	p++;
	while (p < e && *p == ' ')
		p++;
	d->minute = parse_clock(p, e);
	return d->minute < 0 ? -1 : 0;
}

void date_observe(struct datestat *st, const char *s, size_t n)
{
	struct dparts d;
	int rc = split(s, n, &d);
	if (rc == 1) {
		st->empty++;
		return;
	}
	if (rc < 0) {
		st->bad++;
		return;
	}
	if (d.kind == K_YMD) {
		if (days_valid_ymd(d.y, d.a, d.b))
			st->ymd++;
		else
			st->bad++;
		return;
	}
	int dmy = days_valid_ymd(d.y, d.b, d.a), mdy = days_valid_ymd(d.y, d.a, d.b);
	if (dmy && mdy) {
		if (d.a == d.b) {
			st->same++;
		} else {
			if (!st->either && n < sizeof(st->example))
				snprintf(st->example, sizeof(st->example), "%.*s", (int)n, s);
			st->either++;
		}
	} else if (dmy) {
		st->day_first++;
	} else if (mdy) {
		st->month_first++;
	} else {
		st->bad++;
	}
}

int date_decide(const struct datestat *st, enum dateorder *out)
{
	*out = DATE_DMY;
	if (st->day_first != st->month_first) {
		*out = st->day_first > st->month_first ? DATE_DMY : DATE_MDY;
		return 0;
	}
	return st->either || st->day_first ? -1 : 0;
}

static int finish(int y, int m, int d, int minute, int32_t *day, int16_t *min)
{
	if (!days_valid_ymd(y, m, d))
		return -1;
	*day = days_from_ymd(y, m, d);
	*min = (int16_t)minute;
	return 0;
}

int date_parse(const char *s, size_t n, enum dateorder order, int32_t *day, int16_t *minute)
{
	struct dparts d;
	int rc = split(s, n, &d);
	if (rc)
		return rc;
	if (d.kind == K_YMD)
		return finish(d.y, d.a, d.b, d.minute, day, minute);
	if (order == DATE_DMY)
		return finish(d.y, d.b, d.a, d.minute, day, minute);
	return finish(d.y, d.a, d.b, d.minute, day, minute);
}

int date_format_check(const char *fmt, const char **why)
{
	int y = 0, m = 0, d = 0;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%')
			continue;
		switch (*++f) {
		case 'Y':
		case 'y':
			y++;
			break;
		case 'm':
			m++;
			break;
		case 'd':
			d++;
			break;
		case 'H':
		case 'M':
		case 'S':
		case '%':
			break;
		default:
			*why =
			    "a --date-format may use %Y %y %m %d %H %M %S %% and other characters "
			    "as they are, e.g. %d/%m/%Y.";
			return -1;
		}
	}
	if (y != 1 || m != 1 || d != 1) {
		*why = "a --date-format needs one year (%Y or %y), one month (%m) and one day "
		       "(%d), e.g. %d/%m/%Y.";
		return -1;
	}
	return 0;
}

int date_parse_format(const char *s, size_t n, const char *fmt, int32_t *day, int16_t *minute)
{
	const char *p = s, *e = s + n;
	trim(&p, &e);
	if (p == e)
		return 1;
	int y = 0, m = 0, d = 0, hh = -1, mm = 0, ss = 0, v, k;
	for (const char *f = fmt; *f; f++) {
		if (*f == ' ') {
			if (p >= e || *p != ' ')
				return -1;
			while (p < e && *p == ' ')
				p++;
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			if (p >= e || *p != *f)
				return -1;
			p++;
			continue;
		}
		switch (*++f) {
		case 'Y':
			if (!(k = digits_upto(&p, e, 4, &v)))
				return -1;
			y = full_year(v, k);
			break;
		case 'y':
			if (digits_upto(&p, e, 2, &v) != 2)
				return -1;
			y = full_year(v, 2);
			break;
		case 'm':
		case 'd':
		case 'H':
		case 'M':
		case 'S':
			if (!digits_upto(&p, e, 2, &v))
				return -1;
			if (*f == 'm')
				m = v;
			else if (*f == 'd')
				d = v;
			else if (*f == 'H')
				hh = v;
			else if (*f == 'M')
				mm = v;
			else
				ss = v;
			break;
		default:
			return -1;
		}
	}
	int minute_v = -1;
	if (hh >= 0) {
		if (hh > 24 || mm > 59 || ss > 60 || (hh == 24 && mm))
			return -1;
		minute_v = hh * 60 + mm;
	}
	if (p < e) {
		if (hh >= 0 || (*p != ' ' && *p != 'T'))
			return -1;
		p++;
		while (p < e && *p == ' ')
			p++;
		if ((minute_v = parse_clock(p, e)) < 0)
			return -1;
	}
	return finish(y, m, d, minute_v, day, minute);
}

int date_parse_time(const char *s, size_t n, int *minutes)
{
	const char *p = s, *e = s + n;
	trim(&p, &e);
	if (p == e)
		return 1;
	int v;
	const char *q = p;
	int k = digits(&q, e, 4, &v);
	if (k == 4 && q == e) { /* "0800" */
		if (v / 100 > 24 || v % 100 > 59 || (v / 100 == 24 && v % 100))
			return -1;
		*minutes = v / 100 * 60 + v % 100;
		return 0;
	}
	if ((k == 1 || k == 2) && (q == e || *q == ' ')) { /* "8", "8 am" */
		const char *r = q;
		while (r < e && *r == ' ')
			r++;
		int h = v;
		if (r < e) {
			if (e - r != 2 || (strncasecmp(r, "am", 2) && strncasecmp(r, "pm", 2)) ||
			    h < 1 || h > 12)
				return -1;
			h = h % 12 + ((*r == 'p' || *r == 'P') ? 12 : 0);
		}
		if (h > 24)
			return -1;
		*minutes = h * 60;
		return 0;
	}
	int m = parse_clock(p, e);
	if (m < 0) {
		/* a date with a time ("2026-11-26 14:05:00"): its time */
		struct dparts d;
		if (split(p, (size_t)(e - p), &d) != 0 || d.minute < 0)
			return -1;
		m = d.minute;
	}
	*minutes = m;
	return 0;
}

int date_parse_hours(const char *s, size_t n, int *open_min, int *close_min)
{
	static const char *const seps[] = {" till ", " to ", "\xe2\x80\x93", "\xe2\x80\x94", "-"};
	const char *p = s, *e = s + n;
	trim(&p, &e);
	if (p == e)
		return 1;
	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		size_t k = strlen(seps[i]);
		for (const char *q = p; q + k <= e; q++) {
			if (strncasecmp(q, seps[i], k))
				continue;
			if (date_parse_time(p, (size_t)(q - p), open_min) ||
			    date_parse_time(q + k, (size_t)(e - q - k), close_min))
				return -1;
			return 0;
		}
	}
	return -1;
}

int date_from_serial(double serial, int32_t *day, int16_t *minute)
{
	if (!(serial >= 1 && serial < 2958466))
		return -1;
	double whole = floor(serial);
	int64_t sd = (int64_t)whole;
	/* serial 1 is 1900-01-01; Excel counts a 1900-02-29 (serial 60) */
	*day = (int32_t)(sd < 61 ? sd - 25568 : sd - 25569);
	double frac = serial - whole;
	int mins = (int)lround(frac * 1440.0);
	if (mins >= 1440)
		mins = 1439;
	*minute = frac > 0 ? (int16_t)mins : -1;
	return 0;
}

void date_merge(struct datestat *into, const struct datestat *more)
{
	if (!into->either)
		memcpy(into->example, more->example, sizeof(into->example));
	into->ymd += more->ymd;
	into->day_first += more->day_first;
	into->month_first += more->month_first;
	into->either += more->either;
	into->same += more->same;
	into->bad += more->bad;
	into->empty += more->empty;
}
