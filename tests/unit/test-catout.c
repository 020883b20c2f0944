/* test-catout.c — covers src/render/catout.c, src/render/html.c and
 * core/category.c's migration: the report summary in csv and json (numbers,
 * shares, codes), customer rows in csv/json (parsed back), the ordering and
 * filters of listings, the migration counts and their outputs, and the html
 * page (self-contained: no external reference; escaping; row cap). */
#include "testutil.h"

#include "core/category.h"
#include "render/catout.h"
#include "render/html.h"

#include <jansson.h>

static char *capture(void (*fn)(FILE *, const void *), const void *ctx)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fn(f, ctx);
	fclose(f);
	char *copy = strdup(buf);
	free(buf);
	return copy;
}

/* Four customers, one per category, plus one pinned. */
static struct cat_run run;
static struct cat_row rows[5];
static char *ids[5] = {(char *)"K1", (char *)"K2", (char *)"K3", (char *)"K4", (char *)"K5"};
static char *names[5] = {(char *)"Alfa, \"AB\"", NULL, (char *)"Ceta", (char *)"Delta",
                         (char *)"Eta <b>"};
static char *sellers[5] = {(char *)"S1", (char *)"S2", NULL, (char *)"S1", (char *)"S2"};
static struct catview view;

static int setup(void **state)
{
	(void)state;
	memset(&run, 0, sizeof(run));
	cat_params_default(&run.p);
	run.id = 7;
	run.p.as_of = 19723; /* 2024-01-01 */
	run.window_from = 19358;
	run.revenue_t = (struct cat_threshold){true, 10000000};
	run.potential_t = (struct cat_threshold){true, 5000000};
	memset(rows, 0, sizeof(rows));
	rows[0] = (struct cat_row){20000000, 6000000, 4,     REVSRC_ORDERS, POTSRC_GIVEN,
	                           true,     true,    CAT_1, CAT_1,         NULL};
	rows[1] = (struct cat_row){15000050, 0,     2,      REVSRC_ORDERS, POTSRC_UNKNOWN,
	                           true,     false, CAT_2R, CAT_2R,        NULL};
	rows[2] = (struct cat_row){100000, 9000000, 1,      REVSRC_ORDERS, POTSRC_ESTIMATED,
	                           false,  true,    CAT_2P, CAT_2P,        NULL};
	rows[3] = (struct cat_row){0,     100,   0,     REVSRC_NONE, POTSRC_WALLET,
	                           false, false, CAT_3, CAT_3,       NULL};
	rows[4] = (struct cat_row){-5000, 0,     1,     REVSRC_ORDERS, POTSRC_GIVEN,
	                           false, false, CAT_3, CAT_1,         "strategic"};
	view = (struct catview){&run, 5, rows, ids, names, sellers};
	return 0;
}

static void do_summary_csv(FILE *f, const void *ctx)
{
	(void)ctx;
	struct cat_summary s;
	category_summarize(rows, 5, &s);
	catout_summary_csv(f, &run, &s, LANG_EN);
}

static void do_summary_json(FILE *f, const void *ctx)
{
	(void)ctx;
	struct cat_summary s;
	category_summarize(rows, 5, &s);
	catout_summary_json(f, &run, &s, LANG_SV);
}

static void test_summary(void **state)
{
	(void)state;
	char *csv = capture(do_summary_csv, NULL);
	/* category 1: K1 and the pinned K5; revenue 200 000 − 50 = 199 950 of
	 * 350 950.50; potential 60 000 of 150 001; orders 5, order revenue
	 * 199 950 -> average 39 990 */
	assert_non_null(strstr(csv,
	                       "7,2024-01-01,12,amount,pareto,100000,50000,1,"
	                       "Category 1 (key account),2,0.4000,199950,0.5697,60000,0.4000,5,"
	                       "39990\n"));
	assert_non_null(strstr(csv, ",total,Total,5,1.0000,350950.50,1.0000,150001,1.0000,8,"));
	free(csv);
	char *js = capture(do_summary_json, NULL);
	json_error_t e;
	json_t *o = json_loads(js, 0, &e);
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "snapshot")), 7);
	assert_string_equal(json_string_value(json_object_get(o, "as_of")), "2024-01-01");
	json_t *w = json_object_get(o, "window");
	assert_string_equal(json_string_value(json_object_get(w, "from")), "2023-01-02");
	json_t *t = json_object_get(o, "thresholds");
	assert_true(json_number_value(json_object_get(t, "revenue")) == 100000);
	json_t *cats = json_object_get(o, "categories");
	assert_int_equal(json_array_size(cats), 4);
	json_t *c2r = json_array_get(cats, 1);
	assert_string_equal(json_string_value(json_object_get(c2r, "category")), "2R");
	assert_string_equal(json_string_value(json_object_get(c2r, "label")),
	                    "Kategori 2 omsättning");
	assert_true(json_number_value(json_object_get(c2r, "revenue")) == 150000.5);
	json_t *src = json_object_get(o, "potential_sources");
	assert_int_equal(json_integer_value(json_object_get(src, "unknown")), 1);
	assert_int_equal(json_integer_value(json_object_get(src, "given")), 2);
	assert_int_equal(json_integer_value(json_object_get(o, "overridden")), 1);
	json_decref(o);
	free(js);
}

static void do_customers_csv(FILE *f, const void *ctx)
{
	const struct catfilter *flt = ctx;
	size_t *idx;
	size_t n = catout_select(&view, flt, &idx);
	catout_customers_csv(f, &view, idx, n, LANG_EN);
	free(idx);
}

static void do_customers_json(FILE *f, const void *ctx)
{
	const struct catfilter *flt = ctx;
	size_t *idx;
	size_t n = catout_select(&view, flt, &idx);
	catout_customers_json(f, &view, idx, n, LANG_SV);
	free(idx);
}

static void test_customers(void **state)
{
	(void)state;
	struct catfilter all = {CAT_NONE, NULL};
	char *csv = capture(do_customers_csv, &all);
	assert_ptr_equal(strstr(csv,
	                        "customer_id,name,seller_id,revenue,potential,potential_source,"
	                        "computed_category,category,reason,"),
	                 csv);
	/* ordered by final category, then revenue descending: K1, K5 (both 1) */
	char *k1 = strstr(csv, "\nK1,"), *k5 = strstr(csv, "\nK5,"), *k2 = strstr(csv, "\nK2,");
	assert_true(k1 && k5 && k2 && k1 < k5 && k5 < k2);
	assert_non_null(strstr(csv, "\nK1,\"Alfa, \"\"AB\"\"\",S1,200000,60000,given,1,1,"));
	assert_non_null(strstr(csv, "\nK2,,S2,150000.50,,unknown,2R,2R,"));
	assert_non_null(
	    strstr(csv, "\nK5,Eta <b>,S2,-50,0,given,3,1,\"revenue -50 < threshold "
	                "100,000; potential 0 < threshold 50,000 → Category 3; set by "
	                "hand to Category 1 (key account): strategic\",orders,1,strategic\n"));
	free(csv);
	struct catfilter s1 = {CAT_NONE, "S1"};
	csv = capture(do_customers_csv, &s1);
	assert_non_null(strstr(csv, "\nK1,"));
	assert_non_null(strstr(csv, "\nK4,"));
	assert_null(strstr(csv, "\nK2,"));
	free(csv);
	struct catfilter c2p = {CAT_2P, NULL};
	char *js = capture(do_customers_json, &c2p);
	json_error_t e;
	json_t *a = json_loads(js, 0, &e);
	assert_non_null(a);
	assert_int_equal(json_array_size(a), 1);
	json_t *r = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(r, "customer_id")), "K3");
	assert_string_equal(json_string_value(json_object_get(r, "potential_source")), "estimated");
	assert_true(json_number_value(json_object_get(r, "revenue")) == 1000);
	assert_true(json_is_null(json_object_get(r, "seller_id")));
	assert_true(json_is_true(json_object_get(r, "potential_high")));
	assert_non_null(
	    strstr(json_string_value(json_object_get(r, "reason")),
	           "omsättning 1 000 kr < gräns 100 000 kr; potential 90 000 kr ≥ gräns "
	           "50 000 kr (uppskattad från liknande kunder) → Kategori 2 potential"));
	json_decref(a);
	free(js);
}

/* The order catout_select promises, checked pair by pair. */
static int in_order(const struct catview *v, size_t i, size_t j)
{
	const struct cat_row *x = &v->rows[i], *y = &v->rows[j];
	if (x->category != y->category)
		return x->category < y->category;
	if (x->revenue != y->revenue)
		return x->revenue > y->revenue;
	int c = strcmp(v->customer_id[i], v->customer_id[j]);
	return c ? c < 0 : i < j;
}

/* Many rows with ties in category and revenue, negative and huge revenues:
 * the selection comes out in order, every row once; with a revenue beyond
 * what the sort keys hold (2^61) as well. */
static void test_select_order(void **state)
{
	(void)state;
	enum { N = 5000 };
	static struct cat_row r[N];
	static char *id[N];
	static char buf[N][24];
	unsigned seed = 12345;
	for (int big = 0; big < 2; big++) {
		for (int i = 0; i < N; i++) {
			seed = seed * 1103515245u + 12345u;
			memset(&r[i], 0, sizeof(r[i]));
			r[i].category = (int8_t)(seed >> 8 & 3);
			r[i].revenue = (int64_t)(seed >> 12 & 63) * 1000 - 20000;
			if (i % 97 == 0)
				r[i].revenue = ((int64_t)1 << 58) - i;
			if (i % 89 == 0)
				r[i].revenue = -((int64_t)1 << 58) + i;
			/* a few ids repeat: then the index decides; a third share
			 * their first 8 bytes or more; many rows tie at 0 */
			int x = (int)(seed >> 16) % (N / 2);
			if (i % 3 == 0)
				snprintf(buf[i], sizeof(buf[i]), "CUSTOMER%d", x % 300);
			else if (i % 3 == 1)
				snprintf(buf[i], sizeof(buf[i]), "C%d", x);
			else
				snprintf(buf[i], sizeof(buf[i]), "CUSTOMER");
			id[i] = buf[i];
			if (i % 4 == 0) {
				r[i].category = CAT_3;
				r[i].revenue = 0;
			}
		}
		if (big)
			r[N / 2].revenue = INT64_MAX - 5;
		struct catview v = {&run, N, r, id, NULL, NULL};
		size_t *idx;
		size_t n = catout_select(&v, NULL, &idx);
		assert_int_equal(n, N);
		char seen[N] = {0};
		for (size_t k = 0; k < n; k++) {
			assert_true(idx[k] < N && !seen[idx[k]]);
			seen[idx[k]] = 1;
			if (k)
				assert_true(in_order(&v, idx[k - 1], idx[k]));
		}
		free(idx);
		struct catfilter f = {CAT_2P, NULL};
		n = catout_select(&v, &f, &idx);
		assert_true(n > N / 8 && n < N / 2);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(r[idx[k]].category, CAT_2P);
			if (k)
				assert_true(in_order(&v, idx[k - 1], idx[k]));
		}
		free(idx);
	}
}

static char *csv_with_threads(const struct catview *v, const size_t *idx, size_t n, int threads)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	catout_customers_csv_threads(f, v, idx, n, LANG_SV, threads);
	fclose(f);
	return buf;
}

/* Written by two threads in chunks, the csv is byte for byte the one
 * thread's, for row counts around the chunk edges; and the one-thread csv
 * holds each row as catout_customers_csv writes it. */
static void test_customers_csv_two_threads(void **state)
{
	(void)state;
	enum { N = 100003 };
	struct cat_row *r = calloc(N, sizeof(*r));
	char **id = calloc(N, sizeof(*id)), **name = calloc(N, sizeof(*name));
	size_t *idx = calloc(N, sizeof(*idx));
	assert_true(r && id && name && idx);
	for (size_t i = 0; i < N; i++) {
		r[i] = rows[i % 5];
		r[i].revenue += (int64_t)i * 37;
		r[i].orders = (int32_t)i;
		id[i] = malloc(16);
		snprintf(id[i], 16, "K%zu", i);
		name[i] = names[i % 5];
		idx[i] = N - 1 - i;
	}
	struct catview v = {&run, N, r, id, name, NULL};
	const size_t counts[] = {0, 1, 32767, 32768, 32769, 65536, 70000, N};
	for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
		char *one = csv_with_threads(&v, idx, counts[c], 1);
		char *two = csv_with_threads(&v, idx, counts[c], 2);
		assert_string_equal(one, two);
		size_t lines = 0;
		for (const char *p = one; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, counts[c] + 1);
		free(one);
		free(two);
	}
	/* the first rows as catout_customers_csv writes them */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	catout_customers_csv(f, &v, idx, 3, LANG_SV);
	fclose(f);
	char *two = csv_with_threads(&v, idx, N, 2);
	assert_memory_equal(two, buf, len);
	assert_non_null(strstr(two, "\nK100002,"));
	free(buf);
	free(two);
	for (size_t i = 0; i < N; i++)
		free(id[i]);
	free(r);
	free(id);
	free(name);
	free(idx);
}

static void test_migration(void **state)
{
	(void)state;
	int64_t fid[4] = {1, 2, 3, 5};
	int64_t tid[4] = {2, 3, 4, 5};
	struct cat_row f[4], t[4];
	memset(f, 0, sizeof(f));
	memset(t, 0, sizeof(t));
	f[0].category = CAT_1;  /* id 1: gone */
	f[1].category = CAT_2R; /* id 2: 2R -> 1 */
	f[2].category = CAT_3;  /* id 3: 3 -> 3 */
	f[3].category = CAT_2P; /* id 5: 2P -> 3 */
	t[0].category = CAT_1;
	t[1].category = CAT_3;
	t[2].category = CAT_2P; /* id 4: new */
	t[3].category = CAT_3;
	struct cat_migration m;
	category_migration(fid, f, 4, tid, t, 4, &m);
	assert_int_equal(m.gone[CAT_1], 1);
	assert_int_equal(m.moves[CAT_2R][CAT_1], 1);
	assert_int_equal(m.moves[CAT_3][CAT_3], 1);
	assert_int_equal(m.moves[CAT_2P][CAT_3], 1);
	assert_int_equal(m.added[CAT_2P], 1);
	size_t total = 0;
	for (int a = 0; a < CAT_COUNT; a++)
		for (int b = 0; b < CAT_COUNT; b++)
			total += m.moves[a][b];
	assert_int_equal(total, 3);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	catout_migration_csv(out, &m, 3, 4);
	catout_migration_json(out, &m, 3, 4);
	catout_migration_text(out, &m, 3, 4, LANG_SV);
	fclose(out);
	char *s = strdup(buf);
	free(buf);
	assert_non_null(strstr(s, "3,4,2R,1,1\n"));
	assert_non_null(strstr(s, "3,4,new,2P,1\n"));
	assert_non_null(strstr(s, "3,4,1,gone,1\n"));
	assert_non_null(
	    strstr(s, "\"moves\":{\"1\":{\"1\":0,\"2R\":0,\"2P\":0,\"3\":0},\"2R\":{\"1\":1"));
	assert_non_null(strstr(s, "Oförändrade 1, flyttade 2, nya 1, borta 1"));
	free(s);
}

static void do_html(FILE *f, const void *ctx)
{
	const size_t *max = ctx;
	catout_html_page(f, &view, *max, LANG_SV);
}

static void test_html(void **state)
{
	(void)state;
	size_t max = 0;
	char *h = capture(do_html, &max);
	assert_true(!strncmp(h, "<!DOCTYPE html>", 15));
	assert_non_null(strstr(h, "<html lang=\"sv\">"));
	assert_non_null(strstr(h, "</html>\n"));
	/* offline: nothing fetched from elsewhere */
	assert_null(strstr(h, "src=\"http"));
	assert_null(strstr(h, "href=\"http"));
	assert_null(strstr(h, "@import"));
	assert_non_null(strstr(h, "<svg xmlns"));
	assert_non_null(strstr(h, "Eta &lt;b&gt;"));
	assert_null(strstr(h, "Eta <b>"));
	assert_non_null(strstr(h, "Kategori 2 omsättning"));
	assert_non_null(strstr(h, "(beräknad 3)")); /* the pinned customer */
	assert_non_null(strstr(h, "id=\"fk-customers\""));
	assert_null(strstr(h, "Visar "));
	free(h);
	max = 2;
	h = capture(do_html, &max);
	assert_non_null(strstr(h, "Visar 2 av 5 kunder"));
	size_t rows_in_table = 0;
	const char *p = strstr(h, "id=\"fk-customers\"");
	for (p = strstr(p, "<tr><td>K"); p; p = strstr(p + 1, "<tr><td>K"))
		rows_in_table++;
	assert_int_equal(rows_in_table, 2);
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_summary, setup),
	    cmocka_unit_test_setup(test_customers, setup),
	    cmocka_unit_test(test_migration),
	    cmocka_unit_test_setup(test_select_order, setup),
	    cmocka_unit_test_setup(test_customers_csv_two_threads, setup),
	    cmocka_unit_test_setup(test_html, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
