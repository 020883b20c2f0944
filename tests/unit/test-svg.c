/* test-svg.c — covers src/render/svg.c: log-scale positions, the edge strip
 * for 0, negative and unknown values, threshold lines and quadrant labels,
 * the legend notes, and the thinning of large runs. */
#include "testutil.h"

#include "core/category.h"
#include "render/svg.h"

#include <math.h>

static char *render(const struct cat_run *run, const struct cat_row *rows, size_t n, enum lang lang,
                    size_t *drawn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	*drawn = svg_matrix(f, run, rows, n, NULL, 1, lang);
	fclose(f);
	char *copy = strdup(buf); /* a plain heap string (keeps gcc's dangling check quiet) */
	free(buf);
	return copy;
}

/* The cx/cy of the k-th point circle (class fk-c...). */
static int point(const char *svg, int k, double *cx, double *cy)
{
	const char *p = strstr(svg, "<g class=\"fk-points\">");
	for (int i = 0; p && i <= k; i++) {
		p = strstr(p + 1, "<circle cx=\"");
		if (!p)
			return -1;
	}
	return sscanf(p, "<circle cx=\"%lf\" cy=\"%lf\"", cx, cy) == 2 ? 0 : -1;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void base_run(struct cat_run *run)
{
	memset(run, 0, sizeof(*run));
	cat_params_default(&run->p);
	run->p.as_of = 19000;
}

static void test_log_positions(void **state)
{
	(void)state;
	struct cat_run run;
	base_run(&run);
	/* no thresholds: everyone is category 3; revenue 100, 1 000, 10 000 kr */
	struct cat_row rows[3];
	memset(rows, 0, sizeof(rows));
	for (int i = 0; i < 3; i++) {
		rows[i].revenue = (int64_t)(10000 * pow(10, i));
		rows[i].potential = 500000;
		rows[i].potential_source = POTSRC_GIVEN;
		rows[i].computed = rows[i].category = CAT_3;
	}
	size_t drawn;
	char *svg = render(&run, rows, 3, LANG_SV, &drawn);
	assert_int_equal(drawn, 3);
	double x[3], y[3];
	for (int k = 0; k < 3; k++)
		assert_int_equal(point(svg, k, &x[k], &y[k]), 0);
	/* equal decades, equal distances; same potential, same height */
	assert_true(x[0] < x[1] && x[1] < x[2]);
	assert_true(fabs((x[1] - x[0]) - (x[2] - x[1])) < 0.2);
	assert_true(fabs(y[0] - y[2]) < 0.01);
	assert_null(strstr(svg, "class=\"fk-thr\"/>\n<text")); /* no threshold lines */
	assert_non_null(strstr(svg, "Omsättning i perioden, kr (log-skala)"));
	assert_non_null(strstr(svg, ">1 000<"));
	assert_non_null(strstr(svg, ">10 000<"));
	free(svg);
}

static void test_edges_thresholds_legend(void **state)
{
	(void)state;
	struct cat_run run;
	base_run(&run);
	run.revenue_t.has = true;
	run.revenue_t.value = 48000000;
	run.potential_t.has = true;
	run.potential_t.value = 20000000;
	struct cat_row rows[4];
	memset(rows, 0, sizeof(rows));
	rows[0] = (struct cat_row){.revenue = 120000000,
	                           .potential = 5000000,
	                           .potential_source = POTSRC_GIVEN,
	                           .revenue_high = true,
	                           .computed = CAT_2R,
	                           .category = CAT_2R};
	rows[1] = (struct cat_row){.revenue = 0,
	                           .potential = 30000000,
	                           .potential_source = POTSRC_ESTIMATED,
	                           .potential_high = true,
	                           .computed = CAT_2P,
	                           .category = CAT_2P};
	rows[2] = (struct cat_row){.revenue = -500,
	                           .potential = 0,
	                           .potential_source = POTSRC_UNKNOWN,
	                           .computed = CAT_3,
	                           .category = CAT_1,
	                           .override_reason = "pinned"};
	rows[3] = (struct cat_row){.revenue = 90000000,
	                           .potential = 90000000,
	                           .potential_source = POTSRC_WALLET,
	                           .revenue_high = true,
	                           .potential_high = true,
	                           .computed = CAT_1,
	                           .category = CAT_1};
	size_t drawn;
	char *svg = render(&run, rows, 4, LANG_EN, &drawn);
	assert_int_equal(drawn, 4);
	/* two threshold lines in the plot and one in the legend, labelled */
	assert_int_equal(count(svg, "class=\"fk-thr\""), 3);
	assert_non_null(strstr(svg, "threshold 480,000"));
	assert_non_null(strstr(svg, "threshold 200,000"));
	/* quadrant labels with counts (by final category) */
	assert_non_null(strstr(svg, "Category 1 (key account)</text>"));
	assert_non_null(strstr(svg, ">2 customers</text>"));
	/* unknown potential and overrides are marked and explained */
	assert_int_equal(count(svg, " fk-unk"), 2); /* the point and the legend */
	assert_non_null(strstr(svg, " fk-ovr\"/>"));
	assert_non_null(strstr(svg, "category set by hand"));
	assert_non_null(strstr(svg, "drawn in the hatched strip"));
	/* the 0 and negative revenues sit in the left strip (x < 100 + 22),
	 * the unknown potential in the bottom strip (y > 610 − 22) */
	int left = 0, bottom = 0;
	for (int k = 0; k < 4; k++) {
		double x, y;
		assert_int_equal(point(svg, k, &x, &y), 0);
		assert_true(x >= 100 && x <= 740 && y >= 70 && y <= 610);
		if (x <= 122)
			left++;
		if (y >= 588)
			bottom++;
	}
	assert_int_equal(left, 2);
	assert_int_equal(bottom, 1);
	free(svg);
}

static void test_thinning(void **state)
{
	(void)state;
	enum { N = SVG_EXACT_POINTS + 5000 };
	struct cat_run run;
	base_run(&run);
	struct cat_row *rows = calloc(N, sizeof(*rows));
	for (size_t i = 0; i < N; i++) {
		/* 400 distinct revenues x 5 potentials: far fewer cells than customers */
		rows[i].revenue = 100000 + (int64_t)(i % 400) * 1000;
		rows[i].potential = 100000 * (int64_t)(1 + i % 5);
		rows[i].potential_source = POTSRC_GIVEN;
		rows[i].computed = rows[i].category = CAT_3;
	}
	size_t drawn;
	char *svg = render(&run, rows, N, LANG_SV, &drawn);
	assert_true(drawn < 2001);
	assert_true(drawn > 10);
	assert_int_equal(count(svg, "<circle cx="), drawn + 4 /* legend */);
	assert_non_null(strstr(svg, "punkter för"));
	assert_non_null(strstr(svg, "25 000"));
	free(svg);
	/* at the limit every customer is drawn */
	svg = render(&run, rows, SVG_EXACT_POINTS, LANG_SV, &drawn);
	assert_int_equal(drawn, SVG_EXACT_POINTS);
	assert_null(strstr(svg, "punkter för"));
	free(svg);
	free(rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_log_positions),
	    cmocka_unit_test(test_edges_thresholds_legend),
	    cmocka_unit_test(test_thinning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
