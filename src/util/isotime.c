/* isotime.c — timestamps for records (isotime.h). */
#include "util/isotime.h"
#include "util/days.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *isotime_utc(time_t t, char buf[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	if (strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		buf[0] = '\0';
	return buf;
}

void isotime_local_now(int32_t *day, int *minute)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	*minute = tm.tm_hour * 60 + tm.tm_min;
	const char *e = getenv("FOKUS_TODAY");
	if (e && *e)
		*day = days_today();
	else
		*day = days_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int32_t isotime_day(const char *iso)
{
	char d[11];
	int32_t out;
	if (!iso || strlen(iso) < 10)
		return DAYS_NONE;
	memcpy(d, iso, 10);
	d[10] = '\0';
	return days_parse_iso(d, &out) == 0 ? out : DAYS_NONE;
}
