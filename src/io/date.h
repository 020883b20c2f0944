/* date.h — dates (and times of day) from the byte span of a cell:
 * "2026-11-26", "2026-11-26 14:05[:00]", "2026-11-26T14:05", "2026/11/26",
 * "20261126", "26/11/2026" or "11/26/2026" (also with '.' or '-', 2-digit
 * years, and a time "14:05", "2:05 PM"), or a strptime-like --date-format.
 * Whether "3/4/2026" is day/month or month/day is a property of the column,
 * decided from all its cells by date_observe/date_decide. */
#ifndef FOKUS_DATE_H
#define FOKUS_DATE_H
#include <stddef.h>
#include <stdint.h>

enum dateorder { DATE_DMY = 0, DATE_MDY = 1 };

/* Per-column evidence for the day/month order of A/B/Y cells. */
struct datestat {
	long ymd;         /* year first (ISO, 20261126): no question */
	long day_first;   /* A > 12 >= B: A is the day */
	long month_first; /* B > 12 >= A: B is the day */
	long either;      /* A != B, both <= 12: the order matters but the cell cannot tell */
	long same;        /* A == B or otherwise the same date either way */
	long bad;
	long empty;
	char example[40]; /* the first "either" cell, for the message */
};

void date_observe(struct datestat *st, const char *s, size_t n);
/* Adds the evidence of `more` (cells observed after those of `into`) to
 * `into`, as if one date_observe had seen them all: the example stays the
 * first "either" cell of the two. */
void date_merge(struct datestat *into, const struct datestat *more);
/* Decides the column's order: 0 with *out (the majority of the telling
 * cells; DATE_DMY when no cell needs an order), -1 when some cells need an
 * order and none tells (then the caller asks for --date-format). */
int date_decide(const struct datestat *st, enum dateorder *out);

/* Parses a cell in the given order. 0 with *day (days since 1970-01-01)
 * and *minute (time of day, -1 when the cell has none); 1 when empty; -1
 * when not a date. */
int date_parse(const char *s, size_t n, enum dateorder order, int32_t *day, int16_t *minute);

/* Checks a --date-format (strptime-like: %Y %y %m %d %H %M %S %% and
 * literal characters; %Y, %m and %d required). 0, or -1 with *why a static
 * sentence. */
int date_format_check(const char *fmt, const char **why);
/* Parses a cell with such a format. A time after the date (" 14:05") is
 * read even when the format has none. Returns as date_parse. */
int date_parse_format(const char *s, size_t n, const char *fmt, int32_t *day, int16_t *minute);

/* A time of day "08:00", "8.30", "0800", "8", "24:00", or the time of a
 * date and time ("2026-11-26 14:05") -> minutes since midnight (0..1440).
 * 0, 1 when empty, -1 when not a time. */
int date_parse_time(const char *s, size_t n, int *minutes);
/* Opening hours "08:00-17:00" (also en dash, "–", " till ") -> two times.
 * 0, 1 when empty, -1 when not that. */
int date_parse_hours(const char *s, size_t n, int *open_min, int *close_min);
/* An Excel serial day number (1900 date system, as a csv/xlsx number cell
 * may hold) -> days since 1970; fraction -> *minute. 0 or -1 (out of
 * range 1..2958465). */
int date_from_serial(double serial, int32_t *day, int16_t *minute);

#endif
