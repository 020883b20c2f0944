/* fuzz-date.c — libFuzzer target for the date parser (src/io/date.c).
 * Input: one option byte, then a cell (not NUL-terminated). Bit 0 of the
 * option picks the day/month order; with bit 1 the cell is "FORMAT\0CELL"
 * and goes to the --date-format path. Every other entry point (times,
 * opening hours, Excel serials built from the bytes) gets the cell too.
 * Checks: days and minutes in range; a parsed date written as ISO text
 * parses back to the same day in either order. */
#include <string.h>

#include "fuzzutil.h"
#include "io/date.h"
#include "util/days.h"

static void check_day(int32_t day, int16_t minute)
{
	if (day == DAYS_NONE || minute < -1 || minute > 1440) /* "24:00" is allowed */
		abort();
	char iso[11];
	days_iso(day, iso);
	int32_t back;
	int16_t bm;
	for (int o = DATE_DMY; o <= DATE_MDY; o++)
		if (date_parse(iso, strlen(iso), (enum dateorder)o, &back, &bm) != 0 ||
		    back != day || bm != -1) {
			fprintf(stderr, "ISO %s did not read back as day %d\n", iso, (int)day);
			abort();
		}
}

static void parse_plain(const char *s, size_t n, enum dateorder order)
{
	struct datestat st;
	memset(&st, 0, sizeof(st));
	date_observe(&st, s, n);
	enum dateorder decided;
	(void)date_decide(&st, &decided);
	int32_t day;
	int16_t minute;
	int rc = date_parse(s, n, order, &day, &minute);
	if (rc < -1 || rc > 1)
		abort();
	if (rc == 0) {
		int y, m, d;
		days_to_ymd(day, &y, &m, &d);
		if (y < 1 || y > 9999)
			abort(); /* ISO text would not be 10 characters */
		check_day(day, minute);
	}
	int a, b;
	if (date_parse_time(s, n, &a) == 0 && (a < 0 || a > 1440))
		abort();
	if (date_parse_hours(s, n, &a, &b) == 0 && (a < 0 || a > 1440 || b < 0 || b > 1440))
		abort();
	if (n >= sizeof(double)) {
		double serial;
		memcpy(&serial, s, sizeof(serial));
		if (date_from_serial(serial, &day, &minute) == 0)
			check_day(day, minute);
	}
}

static void parse_with_format(const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n);
	if (!nul)
		return;
	const char *why = NULL;
	if (date_format_check(s, &why) != 0) {
		if (!why)
			abort();
		return;
	}
	int32_t day;
	int16_t minute;
	size_t cn = n - (size_t)(nul + 1 - s);
	if (date_parse_format(nul + 1, cn, s, &day, &minute) == 0) {
		int y, m, d;
		days_to_ymd(day, &y, &m, &d);
		if (y >= 1 && y <= 9999)
			check_day(day, minute);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 512)
		return 0;
	size_t n = size - 1;
	char *s = malloc(n ? n : 1);
	memcpy(s, data + 1, n);
	if (data[0] & 2)
		parse_with_format(s, n);
	else
		parse_plain(s, n, (data[0] & 1) ? DATE_MDY : DATE_DMY);
	free(s);
	return 0;
}
