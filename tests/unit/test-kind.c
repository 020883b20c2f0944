/* test-kind.c — covers src/io/kind.c: the kind of an import file told from
 * its header — the sample company's four files, public exports (Superstore
 * orders, Online Retail invoice lines), Swedish headers, a title row above
 * the header, xlsx-free csv with ';', and files no kind fits. */
#include "testutil.h"

#include "io/kind.h"

static int detect(const char *text, enum rec_kind *kind)
{
	struct kind_guess g;
	struct ferr err;
	ferr_clear(&err);
	const char *path = tu_tmpfile(".csv", text, strlen(text));
	assert_int_equal(kind_detect(path, NULL, &g, &err), 0);
	unlink(path);
	if (g.found)
		*kind = g.kind;
	return g.found;
}

static void test_sample_files(void **state)
{
	(void)state;
	enum rec_kind k;
	assert_true(detect(
	    "customer_id,name,org_number,address,postal_code,city,lat,lon,industry,"
	    "employees,seller_id,potential,wallet,email,phone,open,close\n1,A,,,,,,,,,,,,,,,\n",
	    &k));
	assert_int_equal(k, REC_CUSTOMERS);
	assert_true(detect(
	    "order_id,customer_id,date,amount,margin,seller_id\n1,2,2025-01-01,3,1,S\n", &k));
	assert_int_equal(k, REC_ORDERS);
	assert_true(detect("date,seller_id,customer_id,type,duration_min,travel_min,km\n", &k));
	assert_int_equal(k, REC_ACTIVITIES);
	assert_true(detect(
	    "seller_id,name,role,hours_per_year,home_postal_code,home_lat,home_lon,email\n", &k));
	assert_int_equal(k, REC_SELLERS);
}

static void test_public_exports(void **state)
{
	(void)state;
	enum rec_kind k;
	/* Superstore: orders with the customer's name and city on each line */
	assert_true(detect(
	    "\"Row ID\",\"Order ID\",\"Order Date\",\"Ship Date\",\"Ship Mode\",\"Customer ID\","
	    "\"Customer Name\",\"Segment\",\"Country\",\"City\",\"State\",\"Postal Code\","
	    "\"Region\",\"Product ID\",\"Category\",\"Sub-Category\",\"Product Name\","
	    "\"Sales\",\"Quantity\",\"Discount\",\"Profit\"\n",
	    &k));
	assert_int_equal(k, REC_ORDERS);
	/* Online Retail: quantity and unit price instead of an amount */
	assert_true(
	    detect("\"InvoiceNo\",\"StockCode\",\"Description\",\"Quantity\",\"InvoiceDate\","
	           "\"UnitPrice\",\"CustomerID\",\"Country\"\n",
	           &k));
	assert_int_equal(k, REC_ORDERS);
}

static void test_swedish_and_title_rows(void **state)
{
	(void)state;
	enum rec_kind k;
	assert_true(detect(
	    "Kundregister 2025;;;\n;;;\nKundnr;Namn;Postnummer;Ort;Säljare\n1;A;211 11;Malmö;S1\n",
	    &k));
	assert_int_equal(k, REC_CUSTOMERS);
	assert_true(detect("Fakturanr;Kundnr;Fakturadatum;Belopp\n", &k));
	assert_int_equal(k, REC_ORDERS);
	assert_true(detect("Datum;Säljare;Kundnr;Aktivitet;Minuter\n", &k));
	assert_int_equal(k, REC_ACTIVITIES);
	struct kind_guess g;
	struct row r;
	struct field f[4] = {{"Datum", 5}, {"Typ", 3}, {"Kundnr", 6}, {"Minuter", 7}};
	r.f = f;
	r.nf = 4;
	r.line = 1;
	kind_score_header(&r, &g);
	assert_true(g.found);
	assert_int_equal(g.kind, REC_ACTIVITIES);
	assert_int_equal(g.score[REC_ORDERS], -1);  /* no amount */
	assert_int_equal(g.score[REC_SELLERS], -1); /* no seller ID */
	assert_true(g.score[REC_CUSTOMERS] >= 0);   /* it has a customer ID ... */
	assert_true(g.score[REC_ACTIVITIES] > g.score[REC_CUSTOMERS]); /* ... but less fits */
}

static void test_nothing_fits(void **state)
{
	(void)state;
	enum rec_kind k;
	/* the UCI wholesale file: spending per product group, no IDs */
	assert_false(detect("Channel,Region,Fresh,Milk,Grocery,Frozen,Detergents_Paper,"
	                    "Delicassen\n2,3,1,2,3,4,5,6\n",
	                    &k));
	assert_false(detect("a,b,c\n1,2,3\n", &k));
	struct kind_guess g;
	struct ferr err;
	ferr_clear(&err);
	assert_int_equal(kind_detect("/nonexistent/file.csv", NULL, &g, &err), -1);
	assert_true(err.msg[0] != '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sample_files),
	    cmocka_unit_test(test_public_exports),
	    cmocka_unit_test(test_swedish_and_title_rows),
	    cmocka_unit_test(test_nothing_fits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
