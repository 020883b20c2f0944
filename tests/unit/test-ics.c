/* test-ics.c — covers src/render/ics.c: the RFC 5545 writer. A small checker
 * here reads the output back (CRLF, 75-octet lines, whole UTF-8 characters
 * per line, BEGIN/END nesting, required properties, unique UIDs, TZIDs that
 * have a VTIMEZONE) and unescapes TEXT values to compare with the input. */
#include "testutil.h"

#include "icscheck.h"
#include "render/ics.h"
#include "util/days.h"
#include "util/xmalloc.h"

static void test_escape(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	ics_escape_text(&sb, "a,b;c\\d\ne\r\nf\rg");
	assert_string_equal(strbuf_cstr(&sb), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
	strbuf_free(&sb);
}

static void test_fold_utf8(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	/* 40 × "ö" (2 octets each) after "SUMMARY:" cannot fit one line. */
	char v[200] = "";
	for (int i = 0; i < 40; i++)
		strcat(v, "ö");
	ics_line(&sb, "SUMMARY", v);
	struct unfolded u;
	unfold(sb.buf, sb.len, &u);
	assert_int_equal(u.n, 1);
	assert_string_equal(u.line[0] + 8, v);
	/* First physical line: 8 + 33*2 = 74 octets (a 2-octet char would make 76). */
	assert_true(sb.buf[74] == '\r');
	unfolded_free(&u);
	strbuf_free(&sb);
	/* Exactly 75 octets stay on one line. */
	char w[80];
	memset(w, 'x', 67);
	w[67] = '\0';
	ics_line(&sb, "SUMMARY", w);
	assert_int_equal(sb.len, 77);
	strbuf_free(&sb);
}

static void test_calendar(void **state)
{
	(void)state;
	struct ics_calendar cal = {.name = "Besök, Anna",
	                           .tz = ICS_TZ_STOCKHOLM,
	                           .dtstamp = (time_t)days_from_ymd(2026, 11, 26) * 86400 + 3600};
	const char *desc = "Kategori 1; ring först.\nAdress: Storgatan 1, 111 22 Stockholm. "
	                   "En lång beskrivning som måste vikas över flera rader i filen.";
	struct ics_event ev = {.uid = "visit-C1-2026-12-01@fokus",
	                       .day = days_from_ymd(2026, 12, 1),
	                       .start_min = 9 * 60,
	                       .duration_min = 60,
	                       .summary = "Besök: Åkesson AB",
	                       .description = desc,
	                       .location = "Storgatan 1, Stockholm",
	                       .categories = "1",
	                       .has_geo = true,
	                       .lat = 59.33,
	                       .lon = 18.06};
	struct ics_event late = ev;
	late.uid = "visit-C2-2026-12-01@fokus";
	late.start_min = 23 * 60 + 30; /* crosses midnight */
	struct ics_event allday = {.uid = "newsletter-2027-01-01@fokus",
	                           .day = days_from_ymd(2026, 12, 31),
	                           .start_min = -1,
	                           .summary = "Nyhetsbrev"};
	struct strbuf sb = STRBUF_INIT;
	ics_begin(&sb, &cal);
	ics_event(&sb, &cal, &ev);
	ics_event(&sb, &cal, &late);
	ics_event(&sb, &cal, &allday);
	ics_end(&sb);
	struct unfolded u;
	unfold(sb.buf, sb.len, &u);
	assert_int_equal(check_calendar(&u), 3);
	assert_non_null(strstr(sb.buf, "TZID:Europe/Stockholm\r\n"));
	assert_non_null(strstr(sb.buf, "DTSTAMP:20261126T010000Z\r\n"));
	assert_non_null(strstr(sb.buf, "DTSTART;TZID=Europe/Stockholm:20261201T090000\r\n"));
	assert_non_null(strstr(sb.buf, "DTEND;TZID=Europe/Stockholm:20261201T100000\r\n"));
	assert_non_null(strstr(sb.buf, "DTEND;TZID=Europe/Stockholm:20261202T003000\r\n"));
	assert_non_null(strstr(sb.buf, "DTSTART;VALUE=DATE:20261231\r\n"));
	assert_non_null(strstr(sb.buf, "DTEND;VALUE=DATE:20270101\r\n"));
	assert_non_null(strstr(sb.buf, "GEO:59.330000;18.060000\r\n"));
	char *d = unescape(find_value(&u, "DESCRIPTION"));
	assert_string_equal(d, desc);
	free(d);
	char *n = unescape(find_value(&u, "X-WR-CALNAME"));
	assert_string_equal(n, "Besök, Anna");
	free(n);
	unfolded_free(&u);
	strbuf_free(&sb);

	/* Floating times: no TZID and no VTIMEZONE. */
	cal.tz = ICS_TZ_FLOATING;
	ics_begin(&sb, &cal);
	ics_event(&sb, &cal, &ev);
	ics_end(&sb);
	assert_null(strstr(sb.buf, "VTIMEZONE"));
	assert_null(strstr(sb.buf, "TZID"));
	assert_non_null(strstr(sb.buf, "\r\nDTSTART:20261201T090000\r\n"));
	unfold(sb.buf, sb.len, &u);
	assert_int_equal(check_calendar(&u), 1);
	unfolded_free(&u);
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_fold_utf8),
	    cmocka_unit_test(test_calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
