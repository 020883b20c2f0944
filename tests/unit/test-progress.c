/* test-progress.c — covers src/util/progress.c: the line's text (counts and
 * bytes, English and Swedish, rate and time left only after half a second),
 * redrawing in place at most ten times a second with a fake clock, a new
 * pass when done goes back, clearing at the end, and nothing at all when
 * off. */
#include "testutil.h"

#include "util/progress.h"

static double fake_now;
static double fake_clock(void)
{
	return fake_now;
}

static void test_format_counts(void **state)
{
	(void)state;
	struct progress p;
	char b[256];
	progress_start_on(&p, NULL, "planning routes", PROGRESS_COUNT, "sellers", LANG_EN);
	assert_string_equal(progress_format(b, sizeof(b), &p, 0, 0, 0), "planning routes…");
	assert_string_equal(progress_format(b, sizeof(b), &p, 0, 150, 0.1),
	                    "planning routes · 0% · 0 of 150 sellers");
	/* 30 of 150 in 10 s: 3/s, 120 left -> 40 s */
	assert_string_equal(progress_format(b, sizeof(b), &p, 30, 150, 10),
	                    "planning routes · 20% · 30 of 150 sellers · 3.0/s · 40 s left");
	/* 1 of 150 in 100 s: 149 left at 0.01/s -> 14 900 s = 4 h 08 min 20 s */
	assert_string_equal(progress_format(b, sizeof(b), &p, 1, 150, 100),
	                    "planning routes · 1% · 1 of 150 sellers · 0.0/s · 4 h 08 min left");
	/* done: no time left */
	assert_string_equal(progress_format(b, sizeof(b), &p, 150, 150, 75),
	                    "planning routes · 100% · 150 of 150 sellers · 2.0/s");
	/* an unknown total: the count and the rate */
	assert_string_equal(progress_format(b, sizeof(b), &p, 1200, 0, 2),
	                    "planning routes · 1,200 sellers · 600/s");
}

static void test_format_bytes_sv(void **state)
{
	(void)state;
	struct progress p;
	char b[256];
	progress_start_on(&p, NULL, "importerar orders.csv", PROGRESS_BYTES, NULL, LANG_SV);
	/* 12.3 of 27.4 MB after 1.5 s: 8.2 MB/s, 15.1 MB left -> 2 s */
	assert_string_equal(progress_format(b, sizeof(b), &p, 12300000, 27400000, 1.5),
	                    "importerar orders.csv · 45 % · 12,3 av 27,4 MB · 8,2 MB/s · 2 s kvar");
	/* before half a second: no rate yet */
	assert_string_equal(progress_format(b, sizeof(b), &p, 500000, 27400000, 0.2),
	                    "importerar orders.csv · 2 % · 0,5 av 27,4 MB");
	/* small files in kB, big ones in GB; minutes */
	assert_string_equal(progress_format(b, sizeof(b), &p, 300, 900, 0.1),
	                    "importerar orders.csv · 33 % · 0,3 av 0,9 kB");
	assert_string_equal(
	    progress_format(b, sizeof(b), &p, 1000000000LL, 4000000000LL, 100),
	    "importerar orders.csv · 25 % · 1,0 av 4,0 GB · 0,0 GB/s · 5 min 00 s kvar");
	p.pass = 2;
	assert_string_equal(progress_format(b, sizeof(b), &p, 300, 900, 0.1),
	                    "importerar orders.csv (varv 2) · 33 % · 0,3 av 0,9 kB");
}

/* Reads back what was drawn into f. */
static char *drawn(FILE *f)
{
	fflush(f);
	long n = ftell(f);
	char *s = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fseek(f, 0, SEEK_END);
	return s;
}

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *q = s; (q = strstr(q, needle)); q += strlen(needle))
		n++;
	return n;
}

static void test_redraw_in_place(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	struct progress p;
	progress_start_on(&p, f, "exporting", PROGRESS_COUNT, "persons", LANG_EN);
	p.clock = fake_clock;
	fake_now = 100;
	p.t0 = fake_now;
	progress_update(&p, 1, 10); /* first: drawn */
	progress_update(&p, 2, 10); /* same instant: skipped */
	fake_now += 0.05;
	progress_update(&p, 3, 10); /* 0.05 s later: skipped */
	fake_now += 0.06;
	progress_update(&p, 4, 10); /* 0.11 s after the first: drawn */
	fake_now += 0.01;
	progress_update(&p, 10, 10); /* the end is always drawn */
	char *s = drawn(f);
	assert_int_equal(count(s, "\r"), 3);
	assert_int_equal(count(s, "\033[K"), 3);
	assert_non_null(strstr(s, "\rexporting · 10% · 1 of 10 persons\033[K"));
	assert_null(strstr(s, "2 of 10"));
	assert_null(strstr(s, "3 of 10"));
	assert_non_null(strstr(s, "4 of 10"));
	assert_non_null(strstr(s, "\rexporting · 100% · 10 of 10 persons"));
	assert_null(strchr(s, '\n')); /* never a new line: one line, redrawn */
	free(s);
	/* done going back: a new pass, its rate from its own start */
	fake_now += 5;
	progress_update(&p, 1, 10);
	s = drawn(f);
	assert_non_null(strstr(s, "exporting (pass 2) · 10% · 1 of 10 persons\033[K"));
	free(s);
	progress_end(&p);
	s = drawn(f);
	size_t n = strlen(s);
	assert_true(n >= 4);
	assert_string_equal(s + n - 4, "\r\033[K"); /* cleared */
	free(s);
	progress_update(&p, 5, 10); /* after the end: nothing */
	s = drawn(f);
	assert_int_equal(strlen(s), n);
	free(s);
	fclose(f);
}

static void test_cut_to_width(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	struct progress p;
	progress_start_on(&p, f, "importing a-file-with-a-very-long-name-that-goes-on.csv",
	                  PROGRESS_BYTES, NULL, LANG_EN);
	p.cols = 30;
	progress_update(&p, 10, 100);
	char *s = drawn(f);
	/* "\r" + 29 characters + "\033[K" */
	assert_int_equal(strlen(s), 1 + 29 + 3);
	free(s);
	fclose(f);
}

static void test_off(void **state)
{
	(void)state;
	struct progress p;
	/* stderr is not a terminal under the test runner, and quiet turns it off anyway */
	progress_start(&p, "x", PROGRESS_COUNT, NULL, 1, LANG_EN);
	assert_null(p.out);
	progress_update(&p, 1, 2);
	progress_cb(&p, 2, 2);
	progress_relabel(&p, "y");
	progress_end(&p);
	if (!isatty(2)) {
		progress_start(&p, "x", PROGRESS_COUNT, NULL, 0, LANG_EN);
		assert_null(p.out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_counts),
	    cmocka_unit_test(test_format_bytes_sv),
	    cmocka_unit_test(test_redraw_in_place),
	    cmocka_unit_test(test_cut_to_width),
	    cmocka_unit_test(test_off),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
