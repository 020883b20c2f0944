/* days.c — civil date <-> day number conversion (Howard Hinnant's public
 * domain algorithms, re-derived), ISO weeks and month arithmetic. */
#include "util/days.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int32_t days_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void days_to_ymd(int32_t days, int *y, int *m, int *d)
{
	long z = (long)days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp + (mp < 10 ? 3 : -9);
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

static int month_days(int y, int m)
{
	static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : md[m - 1];
}

int days_valid_ymd(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

const char *days_iso_utc(int64_t t, char buf[21])
{
	int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t s = t - day * 86400;
	char d[11], tmp[48];
	snprintf(tmp, sizeof(tmp), "%sT%02d:%02d:%02dZ", days_iso((int32_t)day, d), (int)(s / 3600),
	         (int)(s / 60 % 60), (int)(s % 60));
	memcpy(buf, tmp, 20);
	buf[20] = '\0';
	return buf;
}

const char *days_iso(int32_t days, char buf[11])
{
	if (days == DAYS_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int y, m, d;
	days_to_ymd(days, &y, &m, &d);
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(buf, tmp, 11);
	buf[10] = '\0';
	return buf;
}

int days_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (int)(((long)days + 3) % 7);
	return w < 0 ? w + 7 : w;
}

/* Easter Sunday of year y (the Gregorian computus, Meeus/Jones/Butcher). */
static int32_t easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return days_from_ymd(y, month, day);
}

int days_holiday_se(int32_t days)
{
	static const unsigned char fixed[][2] = {{1, 1},   {1, 6},   {5, 1},   {6, 6},
	                                         {12, 24}, {12, 25}, {12, 26}, {12, 31}};
	int y, m, d;
	days_to_ymd(days, &y, &m, &d);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (m == fixed[i][0] && d == fixed[i][1])
			return 1;
	/* midsommarafton: the Friday between 19 and 25 June */
	if (m == 6 && d >= 19 && d <= 25 && days_weekday(days) == 4)
		return 1;
	if (m < 3 || m > 6)
		return 0;
	int32_t e = easter_sunday(y);
	/* långfredagen, annandag påsk, Kristi himmelsfärd */
	return days == e - 2 || days == e + 1 || days == e + 39;
}

int days_workday_se(int32_t days)
{
	return days_weekday(days) < 5 && !days_holiday_se(days);
}

int32_t days_next_workday_se(int32_t days)
{
	while (!days_workday_se(days))
		days++;
	return days;
}

int days_iso_week(int32_t days, int *iso_year)
{
	/* The week belongs to the year of its Thursday. */
	int32_t thu = days - days_weekday(days) + 3;
	int y, m, d;
	days_to_ymd(thu, &y, &m, &d);
	int32_t jan1 = days_from_ymd(y, 1, 1);
	if (iso_year)
		*iso_year = y;
	return (int)((thu - jan1) / 7 + 1);
}

const char *days_iso_week_str(int32_t days, char buf[9])
{
	int y;
	int w = days_iso_week(days, &y);
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%04d-W%02d", y % 10000, w % 100);
	memcpy(buf, tmp, 9);
	buf[8] = '\0';
	return buf;
}

int32_t days_add_months(int32_t days, int n)
{
	int y, m, d;
	days_to_ymd(days, &y, &m, &d);
	long mi = (long)y * 12 + (m - 1) + n;
	y = (int)(mi >= 0 ? mi / 12 : (mi - 11) / 12);
	m = (int)(mi - (long)y * 12) + 1;
	int md = month_days(y, m);
	if (d > md)
		d = md;
	return days_from_ymd(y, m, d);
}

int days_parse_iso(const char *s, int32_t *out)
{
	int y, m, d, n = 0;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return -1;
	if (s[4] != '-' || s[7] != '-' || !days_valid_ymd(y, m, d))
		return -1;
	*out = days_from_ymd(y, m, d);
	return 0;
}

int32_t days_today(void)
{
	int32_t t;
	const char *e = getenv("FOKUS_TODAY");
	if (e && days_parse_iso(e, &t) == 0)
		return t;
	return (int32_t)(time(NULL) / 86400);
}
