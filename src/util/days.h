/* days.h — calendar dates as days since 1970-01-01 (int32_t), the one date
 * representation inside fokus. Proleptic Gregorian calendar. */
#ifndef FOKUS_DAYS_H
#define FOKUS_DAYS_H
#include <stdint.h>

#define DAYS_NONE INT32_MIN /* "no date" */

int32_t days_from_ymd(int y, int m, int d);
void days_to_ymd(int32_t days, int *y, int *m, int *d);
/* Returns 1 when y-m-d is a real calendar date. */
int days_valid_ymd(int y, int m, int d);
/* Writes "YYYY-MM-DD" (11 bytes with NUL) into buf; returns buf. "" for DAYS_NONE. */
const char *days_iso(int32_t days, char buf[11]);
/* Writes unix seconds as "YYYY-MM-DDTHH:MM:SSZ" (UTC, 21 bytes with NUL); returns buf. */
const char *days_iso_utc(int64_t unix_seconds, char buf[21]);
/* 0 = Monday ... 6 = Sunday. */
int days_weekday(int32_t days);
/* 1 when the day is a Swedish public holiday or an eve offices close
 * (nyårsdagen, trettondedag jul, långfredagen, annandag påsk, första maj,
 * Kristi himmelsfärd, nationaldagen, midsommarafton, julafton, juldagen,
 * annandag jul, nyårsafton), whatever the weekday. The others (påskdagen,
 * pingstdagen, midsommardagen, alla helgons dag) always fall on a weekend. */
int days_holiday_se(int32_t days);
/* 1 when the day is Monday-Friday and not days_holiday_se. */
int days_workday_se(int32_t days);
/* The first working day (days_workday_se) on or after `days`. */
int32_t days_next_workday_se(int32_t days);
/* ISO 8601 week number (1..53); *iso_year gets the week-numbering year. */
int days_iso_week(int32_t days, int *iso_year);
/* Writes "YYYY-Www" (9 bytes with NUL); returns buf. */
const char *days_iso_week_str(int32_t days, char buf[9]);
/* Adds n calendar months (n may be negative), clamping the day to the month's end. */
int32_t days_add_months(int32_t days, int n);
/* Parses exactly "YYYY-MM-DD". Returns 0 and sets *out, or -1. For CLI options. */
int days_parse_iso(const char *s, int32_t *out);
/* Today's date (UTC), honouring FOKUS_TODAY=YYYY-MM-DD for tests. */
int32_t days_today(void);

#endif
