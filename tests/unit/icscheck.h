/* icscheck.h — a small RFC 5545 checker for the unit tests (test-ics.c,
 * test-plan.c): splits at CRLF, checks each physical line (at most 75
 * octets, whole UTF-8 characters, no bare LF), unfolds, and checks the
 * structure (BEGIN/END nesting, VERSION and PRODID once, UID, DTSTAMP and
 * DTSTART once per VEVENT, unique UIDs, a VTIMEZONE for every TZID). Include
 * after testutil.h. */
#ifndef FOKUS_ICSCHECK_H
#define FOKUS_ICSCHECK_H

#include "util/xmalloc.h"

#define MAXL 256

struct unfolded {
	char *line[MAXL];
	int n;
};

static inline int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t k = s[i] < 0x80    ? 1
		           : s[i] >= 0xF0 ? 4
		           : s[i] >= 0xE0 ? 3
		           : s[i] >= 0xC0 ? 2
		                          : 0;
		if (!k || i + k > n)
			return 0;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

/* Splits at CRLF, checks the physical lines, unfolds. */
static inline void unfold(const char *buf, size_t len, struct unfolded *u)
{
	u->n = 0;
	size_t i = 0;
	while (i < len) {
		const char *e = memchr(buf + i, '\r', len - i);
		assert_non_null(e);
		assert_true((size_t)(e - buf) + 1 < len && e[1] == '\n');
		size_t n = (size_t)(e - (buf + i));
		assert_true(n <= 75);
		assert_null(memchr(buf + i, '\n', n));
		assert_true(utf8_valid((const unsigned char *)buf + i, n));
		if (buf[i] == ' ') {
			assert_true(u->n > 0);
			char *prev = u->line[u->n - 1];
			size_t pl = strlen(prev);
			prev = xrealloc(prev, pl + n);
			memcpy(prev + pl, buf + i + 1, n - 1);
			prev[pl + n - 1] = '\0';
			u->line[u->n - 1] = prev;
		} else {
			assert_true(u->n < MAXL);
			u->line[u->n++] = xstrndup(buf + i, n);
		}
		i += n + 2;
	}
}

static inline void unfolded_free(struct unfolded *u)
{
	for (int i = 0; i < u->n; i++)
		free(u->line[i]);
}

static inline int has_prop(char *const *lines, int from, int to, const char *name)
{
	int count = 0;
	size_t n = strlen(name);
	for (int i = from; i < to; i++)
		if (!strncmp(lines[i], name, n) && (lines[i][n] == ':' || lines[i][n] == ';'))
			count++;
	return count;
}

/* Checks the structure; returns the number of VEVENTs. */
static inline int check_calendar(const struct unfolded *u)
{
	const char *stack[8];
	int depth = 0, events = 0, ev_start = 0, have_tz = 0;
	assert_string_equal(u->line[0], "BEGIN:VCALENDAR");
	assert_string_equal(u->line[u->n - 1], "END:VCALENDAR");
	char *uids[MAXL];
	int nuid = 0;
	for (int i = 0; i < u->n; i++) {
		const char *l = u->line[i];
		assert_non_null(strchr(l, ':'));
		if (!strncmp(l, "BEGIN:", 6)) {
			assert_true(depth < 8);
			stack[depth++] = l + 6;
			if (!strcmp(l + 6, "VEVENT"))
				ev_start = i;
			if (!strcmp(l + 6, "VTIMEZONE"))
				have_tz = 1;
		} else if (!strncmp(l, "END:", 4)) {
			assert_true(depth > 0);
			assert_string_equal(stack[depth - 1], l + 4);
			depth--;
			if (!strcmp(l + 4, "VEVENT")) {
				events++;
				assert_int_equal(has_prop(u->line, ev_start, i, "UID"), 1);
				assert_int_equal(has_prop(u->line, ev_start, i, "DTSTAMP"), 1);
				assert_int_equal(has_prop(u->line, ev_start, i, "DTSTART"), 1);
				for (int k = ev_start; k < i; k++) {
					if (!strncmp(u->line[k], "UID:", 4)) {
						for (int j = 0; j < nuid; j++)
							assert_string_not_equal(uids[j],
							                        u->line[k]);
						uids[nuid++] = u->line[k];
					}
				}
			}
		} else if (strstr(l, "TZID=")) {
			assert_true(have_tz);
		}
	}
	assert_int_equal(depth, 0);
	assert_int_equal(has_prop(u->line, 0, u->n, "VERSION"), 1);
	assert_int_equal(has_prop(u->line, 0, u->n, "PRODID"), 1);
	return events;
}

/* Unescapes a TEXT value into a fresh string. */
static inline char *unescape(const char *v)
{
	char *out = xmalloc(strlen(v) + 1), *o = out;
	for (; *v; v++) {
		if (*v == '\\' && v[1]) {
			v++;
			*o++ = (*v == 'n' || *v == 'N') ? '\n' : *v;
		} else {
			assert_true(*v != ',' && *v != ';'); /* must have been escaped */
			*o++ = *v;
		}
	}
	*o = '\0';
	return out;
}

static inline const char *find_value(const struct unfolded *u, const char *name)
{
	for (int i = 0; i < u->n; i++) {
		size_t n = strlen(name);
		if (!strncmp(u->line[i], name, n) && u->line[i][n] == ':')
			return u->line[i] + n + 1;
	}
	return NULL;
}

#endif
