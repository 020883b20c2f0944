/* test-number.c — covers src/io/number.c: number cells as spreadsheets
 * export them, exact minor units with half-away-from-zero rounding, and
 * the column-wide decision between decimal comma and decimal point. */
#include "testutil.h"

#include "io/number.h"

static int64_t minor(const char *s, enum numfmt f)
{
	struct numval v;
	int rc = number_parse(s, strlen(s), f, &v);
	if (rc != 0)
		fail_msg("\"%s\" did not parse (%d)", s, rc);
	int64_t m;
	assert_int_equal(number_minor(&v, &m), 0);
	return m;
}

static int rc_of(const char *s, enum numfmt f)
{
	struct numval v;
	return number_parse(s, strlen(s), f, &v);
}

static void test_formats(void **state)
{
	(void)state;
	const enum numfmt P = NUMFMT_POINT, C = NUMFMT_COMMA;
	assert_int_equal(minor("3500", P), 350000);
	assert_int_equal(minor("3500", C), 350000);
	assert_int_equal(minor("3 500,50", C), 350050);
	assert_int_equal(minor("3\xc2\xa0"
	                       "500,50",
	                       C),
	                 350050); /* no-break space */
	assert_int_equal(minor("3\xe2\x80\xaf"
	                       "500,50",
	                       C),
	                 350050); /* narrow no-break space */
	assert_int_equal(minor("1\xe2\x80\x89"
	                       "234\xe2\x80\x89"
	                       "567",
	                       P),
	                 123456700); /* thin */
	assert_int_equal(minor("3.500,50", C), 350050);
	assert_int_equal(minor("3,500.50", P), 350050);
	assert_int_equal(minor("1'234.50", P), 123450);
	assert_int_equal(minor("-1 200", P), -120000);
	assert_int_equal(minor("1 200 kr", C), 120000);
	assert_int_equal(minor("1200 SEK", P), 120000);
	assert_int_equal(minor("SEK 1 200", P), 120000);
	assert_int_equal(minor("$1,234.56", P), 123456);
	assert_int_equal(minor("-$12", P), -1200);
	assert_int_equal(minor("€ 5,00", C), 500);
	assert_int_equal(minor("12,50 €", C), 1250);
	assert_int_equal(minor("£3", P), 300);
	assert_int_equal(minor("250:-", C), 25000);
	assert_int_equal(minor("250,-", C), 25000);
	assert_int_equal(minor("(1 200)", P), -120000); /* accounting negative */
	assert_int_equal(minor("(1 200,50 kr)", C), -120050);
	assert_int_equal(minor("1.200,00-", C), -120000); /* trailing minus (SAP) */
	assert_int_equal(minor("\xe2\x88\x92"
	                       "5",
	                       P),
	                 -500); /* U+2212 minus */
	assert_int_equal(minor("\xe2\x80\x93"
	                       "5,5",
	                       C),
	                 -550); /* en dash as minus */
	assert_int_equal(minor("+7", P), 700);
	assert_int_equal(minor("  42  ", P), 4200);
	assert_int_equal(minor(".5", P), 50);
	assert_int_equal(minor(",5", C), 50);
	assert_int_equal(minor("0,125", C), 13);
	assert_int_equal(minor("1.5E+03", P), 150000);
	assert_int_equal(minor("1,5E3", C), 150000);
	assert_int_equal(minor("2.5e-2", P), 3);
	assert_int_equal(minor("12 st", P), 1200);
	assert_int_equal(minor("12,000,000", P), 1200000000);
	assert_int_equal(minor("12.000.000", C), 1200000000);
	/* empty cells */
	assert_int_equal(rc_of("", P), 1);
	assert_int_equal(rc_of("   ", P), 1);
	assert_int_equal(rc_of("-", P), 1);
	/* not numbers */
	assert_int_equal(rc_of("12,3,4", P), -1);
	assert_int_equal(rc_of("12,3,4", C), -1);
	assert_int_equal(rc_of("1.2.3", P), -1);
	assert_int_equal(rc_of("abc", P), -1);
	assert_int_equal(rc_of("kr", P), -1);
	assert_int_equal(rc_of("12 34", P), -1); /* a group of two */
	assert_int_equal(rc_of("1 234.5 6", P), -1);
	assert_int_equal(rc_of("1.234 567", C), -1); /* mixed thousands separators */
	assert_int_equal(rc_of("12.", P), -1);
	assert_int_equal(rc_of("1,5", P), -1); /* ',' thousands needs 3 digits */
	assert_int_equal(rc_of("1.5", C), -1);
	assert_int_equal(rc_of("0,500", P), -1); /* no thousands group "0" */
	assert_int_equal(rc_of("NA", P), -1);
	assert_int_equal(rc_of("1,234.56.7", P), -1);
	assert_int_equal(rc_of("1234567890123456789", P), -2);
	assert_int_equal(rc_of("1E+25", P), -2);
	assert_int_equal(minor("1e-30", P), 0);
	struct numval big;
	int64_t m;
	assert_int_equal(number_parse("999999999999999999", 18, P, &big), 0);
	assert_int_equal(number_minor(&big, &m), -1); /* x100 does not fit */
	assert_int_equal(number_parse("9999999999999999.99", 19, P, &big), 0);
	assert_int_equal(number_minor(&big, &m), 0);
	assert_int_equal(m, 999999999999999999LL);
}

static void test_rounding(void **state)
{
	(void)state;
	const enum numfmt P = NUMFMT_POINT;
	assert_int_equal(minor("0.005", P), 1);
	assert_int_equal(minor("-0.005", P), -1);
	assert_int_equal(minor("0.0049", P), 0);
	assert_int_equal(minor("2.675", P), 268); /* exact decimal, no binary surprise */
	assert_int_equal(minor("-2.675", P), -268);
	assert_int_equal(minor("1.4999", P), 150);
	assert_int_equal(minor("911.424", P), 91142);
	assert_int_equal(minor("41.9136", P), 4191);
	assert_int_equal(minor("-12.345", P), -1235);
	struct numval v = {INT64_MAX / 10, 0};
	int64_t m;
	assert_int_equal(number_minor(&v, &m), -1);
	struct numval w;
	assert_int_equal(number_parse("3,5", 3, NUMFMT_COMMA, &w), 0);
	assert_true(number_double(&w) == 3.5);
	assert_int_equal(number_mul_pow10(&w, 3), 0); /* "tkr" */
	assert_int_equal(number_minor(&w, &m), 0);
	assert_int_equal(m, 350000);
}

static enum numfmt decide(const char *const *cells, int *own)
{
	struct numstat st = {0};
	for (int i = 0; cells[i]; i++)
		number_observe(&st, cells[i], strlen(cells[i]));
	enum numfmt f;
	*own = number_decide(&st, &f);
	return f;
}

static void test_column_inference(void **state)
{
	(void)state;
	int own;
	/* decimal comma: 1,5 and 2,25 */
	const char *const a[] = {"1,5", "2,25", "3", NULL};
	assert_int_equal(decide(a, &own), NUMFMT_COMMA);
	assert_int_equal(own, 1);
	/* thousands comma: 1,500 and 12,000,000 */
	const char *const b[] = {"1,500", "12,000,000", "7", NULL};
	assert_int_equal(decide(b, &own), NUMFMT_POINT);
	assert_int_equal(own, 1);
	/* a column with 1,500 alone: thousands (money has 0 or 2 decimals) */
	const char *const c[] = {"1,500", "2,750", "300", NULL};
	assert_int_equal(decide(c, &own), NUMFMT_POINT);
	assert_int_equal(own, 0);
	/* the same with dots: 1.500 is 1500 */
	const char *const d[] = {"1.500", "2.750", NULL};
	assert_int_equal(decide(d, &own), NUMFMT_COMMA);
	assert_int_equal(own, 0);
	/* 1,500 next to 3,25 in the same column: the column says comma */
	const char *const e[] = {"1,500", "3,25", NULL};
	assert_int_equal(decide(e, &own), NUMFMT_COMMA);
	assert_int_equal(own, 1);
	/* Swedish: 3 500,50 and 1.234,00 */
	const char *const f[] = {"3 500,50", "1.234,00", "12", NULL};
	assert_int_equal(decide(f, &own), NUMFMT_COMMA);
	/* US: 3,500.50 */
	const char *const g[] = {"3,500.50", "12.5", NULL};
	assert_int_equal(decide(g, &own), NUMFMT_POINT);
	/* the majority wins over a stray cell */
	const char *const h[] = {"1,5", "2,5", "3,5", "4.5", NULL};
	assert_int_equal(decide(h, &own), NUMFMT_COMMA);
	/* nothing to tell */
	const char *const i[] = {"3500", "1 200", "-7", "", NULL};
	assert_int_equal(decide(i, &own), NUMFMT_POINT);
	assert_int_equal(own, 0);
	struct numstat st = {0};
	number_observe(&st, "12,3,4", 6);
	number_observe(&st, "", 0);
	number_observe(&st, "1,500", 5);
	number_observe(&st, "1.500", 5);
	assert_int_equal(st.bad, 1);
	assert_int_equal(st.empty, 1);
	assert_int_equal(st.comma3, 1);
	assert_int_equal(st.point3, 1);
}

/* Evidence of a column observed in two parts and merged equals the
 * evidence of one pass over all its cells, at every place of the cut. */
static void test_merge(void **state)
{
	(void)state;
	const char *const cells[] = {"1,5",      "",  "12,3,4", "1,500", "1.500",    "3 500,50",
	                             "3,500.50", "7", "-",      "x",     "1.234,00", NULL};
	int n = 0;
	while (cells[n])
		n++;
	struct numstat all = {0};
	for (int i = 0; i < n; i++)
		number_observe(&all, cells[i], strlen(cells[i]));
	for (int cut = 0; cut <= n; cut++) {
		struct numstat a = {0}, b = {0};
		for (int i = 0; i < n; i++)
			number_observe(i < cut ? &a : &b, cells[i], strlen(cells[i]));
		number_merge(&a, &b);
		assert_memory_equal(&a, &all, sizeof(all));
	}
	assert_true(all.bad > 0 && all.empty > 0 && all.comma3 > 0 && all.point3 > 0);
	assert_true(all.comma_only > 0 && all.point_only > 0 && all.neutral > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_formats),
	    cmocka_unit_test(test_rounding),
	    cmocka_unit_test(test_column_inference),
	    cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
