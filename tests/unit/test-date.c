/* test-date.c — covers src/io/date.c: date and time cells, the column-wide
 * day/month decision, --date-format, opening hours, Excel serial days. */
#include "testutil.h"

#include "io/date.h"
#include "util/days.h"

static void expect(const char *s, enum dateorder o, int y, int m, int d, int minute)
{
	int32_t day;
	int16_t min;
	int rc = date_parse(s, strlen(s), o, &day, &min);
	if (rc != 0)
		fail_msg("\"%s\" did not parse (%d)", s, rc);
	char b[11], w[11];
	if (day != days_from_ymd(y, m, d))
		fail_msg("\"%s\": %s, wanted %s", s, days_iso(day, b),
		         days_iso(days_from_ymd(y, m, d), w));
	assert_int_equal(min, minute);
}

static int rc_of(const char *s, enum dateorder o)
{
	int32_t day;
	int16_t min;
	return date_parse(s, strlen(s), o, &day, &min);
}

static void test_formats(void **state)
{
	(void)state;
	expect("2026-11-26", DATE_DMY, 2026, 11, 26, -1);
	expect("2026-11-26 14:05", DATE_DMY, 2026, 11, 26, 14 * 60 + 5);
	expect("2026-11-26 14:05:59", DATE_MDY, 2026, 11, 26, 14 * 60 + 5);
	expect("2026-11-26T14:05", DATE_DMY, 2026, 11, 26, 14 * 60 + 5);
	expect("2026-11-26T14:05:00.000Z", DATE_DMY, 2026, 11, 26, 14 * 60 + 5);
	expect("2026-11-26T14:05:00+01:00", DATE_DMY, 2026, 11, 26, 14 * 60 + 5);
	expect("2026/11/26", DATE_DMY, 2026, 11, 26, -1);
	expect("2026.1.6", DATE_DMY, 2026, 1, 6, -1);
	expect("20261126", DATE_MDY, 2026, 11, 26, -1);
	expect("26/11/2026", DATE_DMY, 2026, 11, 26, -1);
	expect("11/26/2026", DATE_MDY, 2026, 11, 26, -1);
	expect("26.11.2026", DATE_DMY, 2026, 11, 26, -1);
	expect("26-11-2026", DATE_DMY, 2026, 11, 26, -1);
	expect("3/4/2026", DATE_DMY, 2026, 4, 3, -1);
	expect("3/4/2026", DATE_MDY, 2026, 3, 4, -1);
	expect("12/1/2010 8:26", DATE_MDY, 2010, 12, 1, 8 * 60 + 26); /* online_retail */
	expect("1/2/11 2:05 PM", DATE_MDY, 2011, 1, 2, 14 * 60 + 5);
	expect("1/2/11 12:05 AM", DATE_MDY, 2011, 1, 2, 5);
	expect("26/11/69", DATE_DMY, 2069, 11, 26, -1);
	expect("26/11/70", DATE_DMY, 1970, 11, 26, -1);
	expect(" 2024-02-29 ", DATE_DMY, 2024, 2, 29, -1);
	expect("2026-11-26 14.05", DATE_DMY, 2026, 11, 26, 14 * 60 + 5);
	assert_int_equal(rc_of("", DATE_DMY), 1);
	assert_int_equal(rc_of("  ", DATE_DMY), 1);
	assert_int_equal(rc_of("2023-02-29", DATE_DMY), -1);
	assert_int_equal(rc_of("2026-13-01", DATE_DMY), -1);
	assert_int_equal(rc_of("26/11/2026", DATE_MDY), -1);
	assert_int_equal(rc_of("11/26/2026", DATE_DMY), -1);
	assert_int_equal(rc_of("26/11-2026", DATE_DMY), -1);
	assert_int_equal(rc_of("2026-11-26 25:00", DATE_DMY), -1);
	assert_int_equal(rc_of("2026-11-26x", DATE_DMY), -1);
	assert_int_equal(rc_of("20261326", DATE_DMY), -1);
	assert_int_equal(rc_of("yesterday", DATE_DMY), -1);
	assert_int_equal(rc_of("123/4/2026", DATE_DMY), -1);
	assert_int_equal(rc_of("1/2/026", DATE_DMY), -1);
}

static int decide(const char *const *cells, enum dateorder *o, struct datestat *st)
{
	memset(st, 0, sizeof(*st));
	for (int i = 0; cells[i]; i++)
		date_observe(st, cells[i], strlen(cells[i]));
	return date_decide(st, o);
}

static void test_column_order(void **state)
{
	(void)state;
	enum dateorder o;
	struct datestat st;
	const char *const us[] = {"11/8/2016", "6/12/2016", "10/11/2015", "6/30/2015", NULL};
	assert_int_equal(decide(us, &o, &st), 0);
	assert_int_equal(o, DATE_MDY);
	const char *const eu[] = {"08.11.2016", "30.06.2015", "01.02.2015", NULL};
	assert_int_equal(decide(eu, &o, &st), 0);
	assert_int_equal(o, DATE_DMY);
	/* all values <= 12 on both sides: the column cannot tell */
	const char *const amb[] = {"3/4/2021", "1/12/2021", "5/5/2021", NULL};
	assert_int_equal(decide(amb, &o, &st), -1);
	assert_string_equal(st.example, "3/4/2021");
	/* the same day either way is no question */
	const char *const same[] = {"1/1/2021", "5/5/2021", "2021-03-04", NULL};
	assert_int_equal(decide(same, &o, &st), 0);
	/* ISO only: no question */
	const char *const iso[] = {"2021-03-04", "20210305", "", NULL};
	assert_int_equal(decide(iso, &o, &st), 0);
	assert_int_equal(st.ymd, 2);
	assert_int_equal(st.empty, 1);
	/* the majority of telling cells wins; an ambiguous cell follows it */
	const char *const mix[] = {"13/1/2021", "14/1/2021", "1/13/2021", "3/4/2021", "bad", NULL};
	assert_int_equal(decide(mix, &o, &st), 0);
	assert_int_equal(o, DATE_DMY);
	assert_int_equal(st.bad, 1);
	/* a tie cannot tell */
	const char *const tie[] = {"13/1/2021", "1/13/2021", NULL};
	assert_int_equal(decide(tie, &o, &st), -1);
}

/* Evidence observed in two parts and merged equals one pass over all the
 * cells, the example included (the first "either" cell, wherever the cut). */
static void test_merge(void **state)
{
	(void)state;
	const char *const cells[] = {"2021-03-04", "",         "13/1/2021", "bad",      "3/4/2021",
	                             "1/13/2021",  "5/5/2021", "6/7/2021",  "20210305", NULL};
	int n = 0;
	while (cells[n])
		n++;
	struct datestat all;
	memset(&all, 0, sizeof(all));
	for (int i = 0; i < n; i++)
		date_observe(&all, cells[i], strlen(cells[i]));
	for (int cut = 0; cut <= n; cut++) {
		struct datestat a, b;
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		for (int i = 0; i < n; i++)
			date_observe(i < cut ? &a : &b, cells[i], strlen(cells[i]));
		date_merge(&a, &b);
		assert_memory_equal(&a, &all, sizeof(all));
		assert_string_equal(a.example, "3/4/2021");
	}
	assert_int_equal(all.either, 2);
}

static void test_date_format(void **state)
{
	(void)state;
	const char *why;
	assert_int_equal(date_format_check("%m/%d/%Y", &why), 0);
	assert_int_equal(date_format_check("%d.%m.%y %H:%M", &why), 0);
	assert_int_equal(date_format_check("%Y%m%d", &why), 0);
	assert_int_equal(date_format_check("%m/%Y", &why), -1);
	assert_non_null(strstr(why, "%d"));
	assert_int_equal(date_format_check("%Q", &why), -1);
	int32_t day;
	int16_t min;
	assert_int_equal(date_parse_format("3/4/2021", 8, "%m/%d/%Y", &day, &min), 0);
	assert_int_equal(day, days_from_ymd(2021, 3, 4));
	assert_int_equal(min, -1);
	assert_int_equal(date_parse_format("3/4/2021", 8, "%d/%m/%Y", &day, &min), 0);
	assert_int_equal(day, days_from_ymd(2021, 4, 3));
	/* a time after the date is read even when the format has none */
	assert_int_equal(date_parse_format("3/4/2021 8:26", 13, "%m/%d/%Y", &day, &min), 0);
	assert_int_equal(min, 8 * 60 + 26);
	assert_int_equal(date_parse_format("04.03.21 17:30", 14, "%d.%m.%y %H:%M", &day, &min), 0);
	assert_int_equal(day, days_from_ymd(2021, 3, 4));
	assert_int_equal(min, 17 * 60 + 30);
	assert_int_equal(date_parse_format("20210304", 8, "%Y%m%d", &day, &min), 0);
	assert_int_equal(day, days_from_ymd(2021, 3, 4));
	assert_int_equal(date_parse_format("2021-03-04", 10, "%m/%d/%Y", &day, &min), -1);
	assert_int_equal(date_parse_format("13/4/2021", 9, "%m/%d/%Y", &day, &min), -1);
	assert_int_equal(date_parse_format("", 0, "%m/%d/%Y", &day, &min), 1);
	assert_int_equal(date_parse_format("3/4/2021 x", 10, "%m/%d/%Y", &day, &min), -1);
}

static void test_times(void **state)
{
	(void)state;
	int m, o, c;
	assert_int_equal(date_parse_time("08:00", 5, &m), 0);
	assert_int_equal(m, 480);
	assert_int_equal(date_parse_time("8.30", 4, &m), 0);
	assert_int_equal(m, 510);
	assert_int_equal(date_parse_time("0800", 4, &m), 0);
	assert_int_equal(m, 480);
	assert_int_equal(date_parse_time("17", 2, &m), 0);
	assert_int_equal(m, 1020);
	assert_int_equal(date_parse_time("5 pm", 4, &m), 0);
	assert_int_equal(m, 1020);
	assert_int_equal(date_parse_time("24:00", 5, &m), 0);
	assert_int_equal(m, 1440);
	assert_int_equal(date_parse_time("16:30:00", 8, &m), 0);
	assert_int_equal(m, 990);
	assert_int_equal(date_parse_time("2026-11-26 14:05:00", 19, &m), 0);
	assert_int_equal(m, 845);
	assert_int_equal(date_parse_time("2026-11-26", 10, &m), -1); /* a date has no time */
	assert_int_equal(date_parse_time("", 0, &m), 1);
	assert_int_equal(date_parse_time("25:00", 5, &m), -1);
	assert_int_equal(date_parse_time("8:60", 4, &m), -1);
	assert_int_equal(date_parse_time("noon", 4, &m), -1);
	const char h1[] = "08:00-17:00", h2[] = "7.30 \xe2\x80\x93 16.00", h3[] = "8 till 17";
	assert_int_equal(date_parse_hours(h1, sizeof(h1) - 1, &o, &c), 0);
	assert_int_equal(o, 480);
	assert_int_equal(c, 1020);
	assert_int_equal(date_parse_hours(h2, sizeof(h2) - 1, &o, &c), 0);
	assert_int_equal(o, 450);
	assert_int_equal(c, 960);
	assert_int_equal(date_parse_hours(h3, sizeof(h3) - 1, &o, &c), 0);
	assert_int_equal(c, 1020);
	assert_int_equal(date_parse_hours("stängt", 7, &o, &c), -1);
}

static void test_serial(void **state)
{
	(void)state;
	int32_t day;
	int16_t min;
	assert_int_equal(date_from_serial(25569, &day, &min), 0);
	assert_int_equal(day, 0);
	assert_int_equal(min, -1);
	assert_int_equal(date_from_serial(46352.5, &day, &min), 0); /* 2026-11-26 12:00 */
	assert_int_equal(day, days_from_ymd(2026, 11, 26));
	assert_int_equal(min, 720);
	assert_int_equal(date_from_serial(59, &day, &min), 0);
	assert_int_equal(day, days_from_ymd(1900, 2, 28));
	assert_int_equal(date_from_serial(61, &day, &min), 0);
	assert_int_equal(day, days_from_ymd(1900, 3, 1));
	assert_int_equal(date_from_serial(0, &day, &min), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_formats), cmocka_unit_test(test_column_order),
	    cmocka_unit_test(test_merge),   cmocka_unit_test(test_date_format),
	    cmocka_unit_test(test_times),   cmocka_unit_test(test_serial),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
