/* test-util.c — covers src/util: days.c, i18n.c, strbuf.c, error.c, fname.c. */
#include "testutil.h"

#include "util/days.h"
#include "util/error.h"
#include "util/filehash.h"
#include "util/fname.h"
#include "util/i18n.h"
#include "util/radix.h"
#include "util/strbuf.h"
#include "util/threads.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void test_days_roundtrip(void **state)
{
	(void)state;
	assert_int_equal(days_from_ymd(1970, 1, 1), 0);
	assert_int_equal(days_from_ymd(2000, 3, 1), 11017);
	for (int32_t d = -800000; d < 800000; d += 97) {
		int y, m, dd;
		days_to_ymd(d, &y, &m, &dd);
		assert_int_equal(days_from_ymd(y, m, dd), d);
	}
	char b[11];
	assert_string_equal(days_iso(days_from_ymd(2026, 11, 26), b), "2026-11-26");
	int32_t x;
	assert_int_equal(days_parse_iso("2024-02-29", &x), 0);
	assert_int_equal(days_parse_iso("2023-02-29", &x), -1);
	assert_int_equal(days_parse_iso("2023-2-09", &x), -1);
}

static void test_iso_weeks(void **state)
{
	(void)state;
	int y;
	/* 2021-01-03 is a Sunday of week 2020-W53; 2024-12-30 is 2025-W01. */
	assert_int_equal(days_iso_week(days_from_ymd(2021, 1, 3), &y), 53);
	assert_int_equal(y, 2020);
	assert_int_equal(days_iso_week(days_from_ymd(2024, 12, 30), &y), 1);
	assert_int_equal(y, 2025);
	char b[9];
	assert_string_equal(days_iso_week_str(days_from_ymd(2026, 11, 26), b), "2026-W48");
	assert_int_equal(days_weekday(days_from_ymd(2026, 11, 26)), 3); /* Thursday */
}

static void test_add_months(void **state)
{
	(void)state;
	char b[11];
	assert_string_equal(days_iso(days_add_months(days_from_ymd(2024, 3, 31), -1), b),
	                    "2024-02-29");
	assert_string_equal(days_iso(days_add_months(days_from_ymd(2024, 1, 15), -12), b),
	                    "2023-01-15");
	assert_string_equal(days_iso(days_add_months(days_from_ymd(2024, 11, 30), 3), b),
	                    "2025-02-28");
}

/* Swedish public holidays: every one of 2026 and 2027 by its date, and the
 * days around them that are not. */
static void test_holidays_se(void **state)
{
	(void)state;
	static const char *const hol[] = {
	    "2026-01-01", "2026-01-06", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14",
	    "2026-06-06", "2026-06-19", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31",
	    "2027-01-01", "2027-01-06", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06",
	    "2027-06-06", "2027-06-25", "2027-12-24", "2027-12-25", "2027-12-26", "2027-12-31",
	    "2024-03-29", "2024-04-01", "2024-05-09", "2024-06-21", "2025-04-18", "2025-04-21",
	    "2025-05-29", "2025-06-20", "2038-04-23", "2038-04-26", "2038-06-03"};
	static const char *const not_hol[] = {
	    "2026-01-02", "2026-04-02", "2026-04-05", "2026-04-07", "2026-05-13",
	    "2026-06-05", "2026-06-18", "2026-06-20", "2026-12-23", "2026-12-27",
	    "2026-12-30", "2027-06-24", "2027-06-18", "2026-11-01", "2026-10-31"};
	int32_t d;
	for (size_t i = 0; i < sizeof(hol) / sizeof(hol[0]); i++) {
		assert_int_equal(days_parse_iso(hol[i], &d), 0);
		if (!days_holiday_se(d))
			fail_msg("%s should be a holiday", hol[i]);
		assert_false(days_workday_se(d));
	}
	for (size_t i = 0; i < sizeof(not_hol) / sizeof(not_hol[0]); i++) {
		assert_int_equal(days_parse_iso(not_hol[i], &d), 0);
		if (days_holiday_se(d))
			fail_msg("%s should not be a holiday", not_hol[i]);
	}
	/* the example in docs/plan.md: from Monday 2026-12-21 */
	static const char *const work[] = {"2026-12-21", "2026-12-22", "2026-12-23",
	                                   "2026-12-28", "2026-12-29", "2026-12-30",
	                                   "2027-01-04", "2027-01-05", "2027-01-07"};
	char b[11];
	assert_int_equal(days_parse_iso("2026-12-21", &d), 0);
	for (size_t i = 0; i < sizeof(work) / sizeof(work[0]); i++) {
		d = days_next_workday_se(d);
		assert_string_equal(days_iso(d, b), work[i]);
		d++;
	}
	/* a Saturday is no working day, though no holiday */
	assert_int_equal(days_parse_iso("2026-11-28", &d), 0);
	assert_false(days_holiday_se(d));
	assert_false(days_workday_se(d));
}

static void test_formats(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(fmt_money(b, sizeof(b), 123456700, LANG_SV), "1 234 567 kr");
	assert_string_equal(fmt_money(b, sizeof(b), 123456750, LANG_EN), "1,234,568");
	assert_string_equal(fmt_money(b, sizeof(b), -350000, LANG_SV), "-3 500 kr");
	assert_string_equal(fmt_int(b, sizeof(b), 999, LANG_SV), "999");
	assert_string_equal(fmt_int(b, sizeof(b), INT64_MIN, LANG_EN),
	                    "-9,223,372,036,854,775,808");
	assert_string_equal(fmt_num(b, sizeof(b), 3.5, 1, LANG_SV), "3,5");
	assert_string_equal(fmt_num(b, sizeof(b), -1234.25, 2, LANG_EN), "-1,234.25");
	assert_string_equal(fmt_num(b, sizeof(b), -0.001, 1, LANG_EN), "0.0");
	assert_string_equal(fmt_pct(b, sizeof(b), 0.62, 0, LANG_SV), "62 %");
	assert_string_equal(fmt_pct(b, sizeof(b), 0.625, 1, LANG_EN), "62.5%");
	assert_string_equal(fmt_minor_plain(b, sizeof(b), 123456), "1234.56");
	assert_string_equal(fmt_minor_plain(b, sizeof(b), -5), "-0.05");
	assert_string_equal(fmt_minor_plain(b, sizeof(b), 300), "3");
}

static void test_strbuf_and_error(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_string_equal(strbuf_cstr(&sb), "");
	for (int i = 0; i < 1000; i++)
		strbuf_printf(&sb, "%d,", i);
	assert_int_equal(sb.len, strlen(sb.buf));
	strbuf_reset(&sb);
	strbuf_puts(&sb, "å");
	char *s = strbuf_detach(&sb);
	assert_string_equal(s, "å");
	free(s);
	strbuf_free(&sb);

	struct ferr e;
	ferr_clear(&e);
	ferr_setpos(&e, "a.csv", 12, 3, "column \"%s\": \"%s\" is not a number", "Amount",
	            "12,3,4");
	char buf[600];
	assert_string_equal(ferr_str(&e, buf, sizeof(buf)),
	                    "a.csv:12: column \"Amount\": \"12,3,4\" is not a number");
}

/* The SHA-256 of a file: FIPS 180-2's "abc" and two-block vectors, the
 * empty file, a file larger than one read buffer, a missing file. */
static void test_filehash(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/fokus-test-hash-XXXXXX", tu_tmp());
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	char hex[65];
	assert_int_equal(filehash_sha256(path, hex), 0);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	fputs("abc", f);
	fflush(f);
	assert_int_equal(filehash_sha256(path, hex), 0);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_non_null(f = freopen(path, "wb", f));
	fputs("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", f);
	fflush(f);
	assert_int_equal(filehash_sha256(path, hex), 0);
	assert_string_equal(hex,
	                    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	assert_non_null(f = freopen(path, "wb", f));
	for (int i = 0; i < 3 * (1 << 20) / 8 + 1; i++) /* 3 MiB + 8 bytes of "aaaaaaaa" */
		fputs("aaaaaaaa", f);
	fclose(f);
	assert_int_equal(filehash_sha256(path, hex), 0);
	/* the same bytes through Python's hashlib, computed once */
	assert_string_equal(hex,
	                    "ce64897f65ac8fb4ff6499b141a4cb9e6177c3b6d36ee001870fa9cf97046cbf");
	unlink(path);
	errno = 0;
	assert_int_equal(filehash_sha256(path, hex), -1);
	assert_int_equal(errno, ENOENT);
}

static int by_key_then_i(const void *a, const void *b)
{
	const struct rkey *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* The radix sort gives qsort's order by key, and keeps equal keys in their
 * order (i ascending here): keys spread over all 64 bits, keys that differ
 * only in a middle digit, and many equal keys. */
static void test_radix_sort(void **state)
{
	(void)state;
	enum { N = 20000 };
	struct rkey *a = malloc(N * sizeof(*a)), *b = malloc(N * sizeof(*b)),
	            *tmp = malloc(N * sizeof(*tmp));
	uint64_t x = 88172645463325252ull;
	for (int kind = 0; kind < 3; kind++) {
		for (size_t i = 0; i < N; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			uint64_t k = kind == 0 ? x : kind == 1 ? (x % 1000) << 22 | 0xabc : x % 7;
			a[i] = b[i] = (struct rkey){k, i};
		}
		radix_sort(a, tmp, N);
		qsort(b, N, sizeof(*b), by_key_then_i);
		for (size_t i = 0; i < N; i++) {
			assert_true(a[i].key == b[i].key);
			assert_true(a[i].i == b[i].i);
		}
	}
	radix_sort(a, tmp, 0);
	free(a);
	free(b);
	free(tmp);
}

/* The file-name rule, on the cases tests/web/fname.test.mjs checks for the
 * dashboard's copy of it (web/js/fname.js). */
static void test_fname(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"S01", "S01"},
	    {".x", "_x"},
	    {"..", "_."},
	    {"Anna Berg/Syd", "Anna_Berg_Syd"},
	    {"\xc3\x85sa", "__sa"},
	    {"a.b-c_d", "a.b-c_d"},
	    {"", "_"},
	    {"=1+2", "_1_2"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = fname_safe(cases[i][0]);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
	char *s = fname_safe(NULL);
	assert_string_equal(s, "_");
	free(s);
}

/* FOKUS_THREADS decides, else the number of cores. */
static void test_threads_wanted(void **state)
{
	(void)state;
	setenv("FOKUS_THREADS", "1", 1);
	assert_int_equal(threads_wanted(), 1);
	setenv("FOKUS_THREADS", "2", 1);
	assert_int_equal(threads_wanted(), 2);
	setenv("FOKUS_THREADS", "8", 1);
	assert_int_equal(threads_wanted(), 2);
	unsetenv("FOKUS_THREADS");
	assert_int_equal(threads_wanted(), sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_days_roundtrip), cmocka_unit_test(test_iso_weeks),
	    cmocka_unit_test(test_add_months),     cmocka_unit_test(test_formats),
	    cmocka_unit_test(test_holidays_se),    cmocka_unit_test(test_filehash),
	    cmocka_unit_test(test_threads_wanted), cmocka_unit_test(test_fname),
	    cmocka_unit_test(test_radix_sort),     cmocka_unit_test(test_strbuf_and_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
