/* test-cmd.c — covers src/cmd.c: the option parsers every command uses
 * (whole numbers, seeds, numbers, money, shares, --snapshot, --format). */
#include "testutil.h"

#include "cmd.h"

#include <limits.h>

static int run_nothing(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	return 0;
}

static const struct command cmd_t = {"t", "t", "t", "t", 0, run_nothing};

static void test_long(void **state)
{
	(void)state;
	long v = 0;
	assert_int_equal(cmd_parse_long("3", 1, 10, &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(cmd_parse_long("-4", -5, 10, &v), 0);
	assert_int_equal(v, -4);
	const char *bad[] = {"3abc", "", " 3", "+3", "3 ", "3.0", "1e3", "0x10", "-", "abc", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(cmd_parse_long(bad[i], LONG_MIN, LONG_MAX, &v), -1);
	assert_int_equal(cmd_parse_long("11", 1, 10, &v), -1);
	assert_int_equal(cmd_parse_long("0", 1, 10, &v), -1);
	assert_int_equal(cmd_parse_long("99999999999999999999", 1, LONG_MAX, &v), -1);
	uint64_t u = 0;
	assert_int_equal(cmd_parse_u64("18446744073709551615", &u), 0);
	assert_true(u == UINT64_MAX);
	assert_int_equal(cmd_parse_u64("18446744073709551616", &u), -1);
	assert_int_equal(cmd_parse_u64("-1", &u), -1);
	assert_int_equal(cmd_parse_u64("7x", &u), -1);
}

static void test_number_and_money(void **state)
{
	(void)state;
	double d = 0;
	assert_int_equal(cmd_parse_number("1.5", 0, 10, &d), 0);
	assert_true(d == 1.5);
	assert_int_equal(cmd_parse_number("1,5", 0, 10, &d), 0);
	assert_true(d == 1.5);
	assert_int_equal(cmd_parse_number("1,500", 0, 1e6, &d), 0); /* thousands, as on import */
	assert_true(d == 1500);
	assert_int_equal(cmd_parse_number("1.5E+03", 0, 1e6, &d), 0); /* as spreadsheets write */
	assert_true(d == 1500);
	const char *bad[] = {"inf", "nan", "", "1.5x", "abc", "0x10", "1..5", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(cmd_parse_number(bad[i], -1e9, 1e9, &d), -1);
	assert_int_equal(cmd_parse_number("11", 0, 10, &d), -1);
	int64_t m = 0;
	assert_int_equal(cmd_parse_money("480 000", &m), 0);
	assert_true(m == 48000000);
	assert_int_equal(cmd_parse_money("1 234,50", &m), 0);
	assert_true(m == 123450);
	assert_int_equal(cmd_parse_money("1,234.50", &m), 0);
	assert_true(m == 123450);
	assert_int_equal(cmd_parse_money("480000 kr", &m), 0);
	assert_true(m == 48000000);
	assert_int_equal(cmd_parse_money("12abc", &m), -1);
	assert_int_equal(cmd_opt_money(&cmd_t, "--revenue-min", "1 200,50", &m), 0);
	assert_true(m == 120050);
	assert_int_equal(cmd_opt_money(&cmd_t, "--revenue-min", "12 kronor", &m), -1);
}

static void test_opts(void **state)
{
	(void)state;
	int64_t id = 0;
	assert_int_equal(cmd_opt_snapshot(&cmd_t, "12", &id), 0);
	assert_true(id == 12);
	assert_int_equal(cmd_opt_snapshot(&cmd_t, "3abc", &id), -1);
	assert_int_equal(cmd_opt_snapshot(&cmd_t, "0", &id), -1);
	assert_int_equal(cmd_opt_snapshot(&cmd_t, "-2", &id), -1);
	assert_true(id == 12);
	double s = 0;
	assert_int_equal(cmd_opt_share(&cmd_t, "--x", "25%", &s), 0);
	assert_true(s == 0.25);
	assert_int_equal(cmd_opt_share(&cmd_t, "--x", "25", &s), 0);
	assert_true(s == 0.25);
	assert_int_equal(cmd_opt_share(&cmd_t, "--x", "0,25", &s), 0);
	assert_true(s == 0.25);
	assert_int_equal(cmd_opt_share(&cmd_t, "--x", "250%", &s), -1);
	assert_int_equal(cmd_opt_share(&cmd_t, "--x", "%", &s), -1);
	int n = 0;
	assert_int_equal(cmd_opt_int(&cmd_t, "--n", "-1", 0, 5, &n), -1);
	assert_int_equal(cmd_opt_int(&cmd_t, "--n", "5", 0, 5, &n), 0);
	assert_int_equal(n, 5);
	static const char *const names[] = {"text", "csv", "json", NULL};
	assert_int_equal(cmd_format(&cmd_t, "json", names), 2);
	assert_int_equal(cmd_format(&cmd_t, "JSON", names), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_long),
	    cmocka_unit_test(test_number_and_money),
	    cmocka_unit_test(test_opts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
