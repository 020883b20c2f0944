/* ics.c — the iCalendar writer (RFC 5545). Everything is appended to a
 * strbuf; the caller writes it out. Folding counts octets (75 per line,
 * CRLF excluded) and moves a whole UTF-8 character to the next line rather
 * than splitting it. */
#include "render/ics.h"
#include "util/days.h"

#include <stdio.h>
#include <string.h>

#define ICS_LINE_MAX 75

#ifndef FOKUS_VERSION
#define FOKUS_VERSION "0"
#endif

void ics_escape_text(struct strbuf *sb, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			strbuf_puts(sb, "\\\\");
			break;
		case ';':
			strbuf_puts(sb, "\\;");
			break;
		case ',':
			strbuf_puts(sb, "\\,");
			break;
		case '\r':
			strbuf_puts(sb, "\\n");
			if (s[1] == '\n')
				s++;
			break;
		case '\n':
			strbuf_puts(sb, "\\n");
			break;
		default:
			/* Other control characters are not allowed in TEXT. */
			if ((unsigned char)*s < 0x20 && *s != '\t')
				strbuf_putc(sb, ' ');
			else
				strbuf_putc(sb, *s);
		}
	}
}

/* Length of the UTF-8 character starting at s (1 for a stray byte). */
static size_t utf8_len(const unsigned char *s, size_t left)
{
	size_t n = 1;
	if (*s >= 0xF0)
		n = 4;
	else if (*s >= 0xE0)
		n = 3;
	else if (*s >= 0xC0)
		n = 2;
	if (n > left)
		return left;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

static void fold(struct strbuf *sb, const char *line, size_t len)
{
	size_t used = 0; /* octets on the current physical line */
	const unsigned char *p = (const unsigned char *)line;
	size_t i = 0;
	while (i < len) {
		size_t n = utf8_len(p + i, len - i);
		if (used + n > ICS_LINE_MAX) {
			strbuf_puts(sb, "\r\n ");
			used = 1;
		}
		strbuf_append(sb, p + i, n);
		used += n;
		i += n;
	}
	strbuf_puts(sb, "\r\n");
}

void ics_line(struct strbuf *sb, const char *name, const char *value)
{
	struct strbuf l = STRBUF_INIT;
	strbuf_puts(&l, name);
	strbuf_putc(&l, ':');
	strbuf_puts(&l, value ? value : "");
	fold(sb, strbuf_cstr(&l), l.len);
	strbuf_free(&l);
}

static void text_line(struct strbuf *sb, const char *name, const char *text)
{
	if (!text)
		return;
	struct strbuf v = STRBUF_INIT;
	ics_escape_text(&v, text);
	ics_line(sb, name, strbuf_cstr(&v));
	strbuf_free(&v);
}

static const char *const stockholm[] = {
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
    NULL,
};

void ics_begin(struct strbuf *sb, const struct ics_calendar *cal)
{
	strbuf_puts(sb, "BEGIN:VCALENDAR\r\n");
	strbuf_puts(sb, "VERSION:2.0\r\n");
	strbuf_puts(sb, "PRODID:-//fokus//fokus " FOKUS_VERSION "//EN\r\n");
	strbuf_puts(sb, "CALSCALE:GREGORIAN\r\n");
	strbuf_puts(sb, "METHOD:PUBLISH\r\n");
	text_line(sb, "X-WR-CALNAME", cal->name);
	if (cal->tz == ICS_TZ_STOCKHOLM) {
		strbuf_puts(sb, "X-WR-TIMEZONE:Europe/Stockholm\r\n");
		for (int i = 0; stockholm[i]; i++) {
			strbuf_puts(sb, stockholm[i]);
			strbuf_puts(sb, "\r\n");
		}
	}
}

void ics_end(struct strbuf *sb)
{
	strbuf_puts(sb, "END:VCALENDAR\r\n");
}

/* "YYYYMMDD" into out[16]. */
static void date_str(char out[16], int32_t day)
{
	int y, m, d;
	days_to_ymd(day, &y, &m, &d);
	snprintf(out, 16, "%04d%02d%02d", y, m, d);
}

/* Writes DTSTART/DTEND name with the right parameters for a local minute. */
static void local_time(struct strbuf *sb, const struct ics_calendar *cal, const char *prop,
                       int32_t day, long minute)
{
	day += (int32_t)(minute / 1440);
	minute %= 1440;
	char date[16], name[64], value[48];
	date_str(date, day);
	snprintf(value, sizeof(value), "%sT%02ld%02ld00", date, minute / 60, minute % 60);
	if (cal->tz == ICS_TZ_STOCKHOLM)
		snprintf(name, sizeof(name), "%s;TZID=Europe/Stockholm", prop);
	else
		snprintf(name, sizeof(name), "%s", prop);
	ics_line(sb, name, value);
}

void ics_event(struct strbuf *sb, const struct ics_calendar *cal, const struct ics_event *ev)
{
	char buf[64], date[16];
	struct tm tm;
	strbuf_puts(sb, "BEGIN:VEVENT\r\n");
	text_line(sb, "UID", ev->uid ? ev->uid : "");
	gmtime_r(&cal->dtstamp, &tm);
	strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
	ics_line(sb, "DTSTAMP", buf);
	if (ev->start_min < 0) {
		date_str(date, ev->day);
		ics_line(sb, "DTSTART;VALUE=DATE", date);
		date_str(date, ev->day + 1);
		ics_line(sb, "DTEND;VALUE=DATE", date);
	} else {
		long dur = ev->duration_min > 0 ? ev->duration_min : 1;
		local_time(sb, cal, "DTSTART", ev->day, ev->start_min);
		local_time(sb, cal, "DTEND", ev->day, ev->start_min + dur);
	}
	text_line(sb, "SUMMARY", ev->summary);
	text_line(sb, "DESCRIPTION", ev->description);
	text_line(sb, "LOCATION", ev->location);
	text_line(sb, "CATEGORIES", ev->categories);
	if (ev->has_geo) {
		snprintf(buf, sizeof(buf), "%.6f;%.6f", ev->lat, ev->lon);
		ics_line(sb, "GEO", buf);
	}
	strbuf_puts(sb, "STATUS:CONFIRMED\r\n");
	strbuf_puts(sb, "TRANSP:OPAQUE\r\n");
	strbuf_puts(sb, "END:VEVENT\r\n");
}
