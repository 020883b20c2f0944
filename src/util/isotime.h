/* isotime.h — the clock for records: an ISO 8601 UTC timestamp for
 * created_at columns, and today's local date and time of day for
 * activities fokus logs itself (FOKUS_TODAY=YYYY-MM-DD fixes the date for
 * tests, as days_today does). */
#ifndef FOKUS_ISOTIME_H
#define FOKUS_ISOTIME_H
#include <stdint.h>
#include <time.h>

/* "2026-12-07T19:08:17Z" for t into buf; returns buf. */
const char *isotime_utc(time_t t, char buf[21]);
/* Today's local date (days since 1970-01-01; FOKUS_TODAY when set) and the
 * local time of day in minutes after midnight. */
void isotime_local_now(int32_t *day, int *minute);
/* The day (days since 1970) of an ISO timestamp's date part "YYYY-MM-DD...";
 * DAYS_NONE when it does not start with a date. */
int32_t isotime_day(const char *iso);

#endif
