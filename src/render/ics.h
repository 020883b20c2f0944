/* ics.h — writing iCalendar (RFC 5545) files that Outlook, Google Calendar
 * and Apple Calendar import: CRLF line ends, lines folded at 75 octets
 * (never inside a UTF-8 character), TEXT values escaped, one UID and DTSTAMP
 * per event, and either the Europe/Stockholm VTIMEZONE (times with TZID) or
 * floating local times.
 *
 * Usage: fill a struct ics_calendar, then
 *     struct strbuf sb = STRBUF_INIT;
 *     ics_begin(&sb, &cal);
 *     ics_event(&sb, &cal, &ev);   (any number of times)
 *     ics_end(&sb);
 * and write sb.buf (sb.len bytes) to a .ics file. */
#ifndef FOKUS_ICS_H
#define FOKUS_ICS_H
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "util/strbuf.h"

enum ics_tz {
	ICS_TZ_STOCKHOLM = 0, /* DTSTART;TZID=Europe/Stockholm:... plus its VTIMEZONE */
	ICS_TZ_FLOATING,      /* DTSTART:20261201T090000 — the reader's local time */
};

struct ics_calendar {
	const char *name; /* X-WR-CALNAME (shown by Google/Apple); NULL: none */
	enum ics_tz tz;   /* how timed events are written */
	time_t dtstamp;   /* when the file was made (UTC); the same on every event */
};

struct ics_event {
	const char *uid;         /* required: unique and stable across exports, e.g.
	                          * "visit-C12-2026-12-01@fokus" — re-imports then update */
	int32_t day;             /* the date (util/days.h) */
	int start_min;           /* minutes after midnight, local; -1 = an all-day event */
	int duration_min;        /* > 0 for timed events; all-day events last `day` only */
	const char *summary;     /* SUMMARY, NULL: none */
	const char *description; /* DESCRIPTION, may hold newlines; NULL: none */
	const char *location;    /* LOCATION, NULL: none */
	const char *categories;  /* one CATEGORIES value (escaped as text), NULL: none */
	bool has_geo;            /* write GEO:lat;lon */
	double lat, lon;
};

/* Appends BEGIN:VCALENDAR, VERSION, PRODID, CALSCALE, METHOD:PUBLISH, the
 * calendar name and (for ICS_TZ_STOCKHOLM) the VTIMEZONE. */
void ics_begin(struct strbuf *sb, const struct ics_calendar *cal);
/* Appends one VEVENT. */
void ics_event(struct strbuf *sb, const struct ics_calendar *cal, const struct ics_event *ev);
/* Appends END:VCALENDAR. */
void ics_end(struct strbuf *sb);

/* Appends one content line "NAME:VALUE" (or "NAME;PARAMS:VALUE" when the name
 * holds parameters), folded at 75 octets, ending in CRLF. value is written as
 * given; use ics_escape_text for TEXT values. */
void ics_line(struct strbuf *sb, const char *name, const char *value);
/* Appends s to sb escaped as an RFC 5545 TEXT value: \ ; , become \\ \; \,
 * and a newline (LF, CRLF or CR) becomes \n. */
void ics_escape_text(struct strbuf *sb, const char *s);

#endif
