/* test-colmap.c — covers src/io/colmap.c: header folding (case, å ä ö à é,
 * spaces _ - .), the English and Swedish alias tables of each kind of
 * file, tiers (net before gross), money units (tkr), and --map. */
#include "testutil.h"

#include "io/colmap.h"

static const char *norm(const char *s)
{
	static char out[128];
	colmap_norm(s, strlen(s), out, sizeof(out));
	return out;
}

static void test_norm(void **state)
{
	(void)state;
	assert_string_equal(norm("Kundnummer"), "kundnummer");
	assert_string_equal(norm("KUNDNUMMER"), "kundnummer");
	assert_string_equal(norm("Kund_nr"), "kundnr");
	assert_string_equal(norm("Kund-nr"), "kundnr");
	assert_string_equal(norm(" Kund nr "), "kundnr");
	assert_string_equal(norm("Antal anställda"), "antalanstallda");
	assert_string_equal(norm("ANTAL ANSTÄLLDA"), "antalanstallda");
	assert_string_equal(norm("Antal Anstallda"), "antalanstallda");
	assert_string_equal(norm("À-pris"), "apris");
	assert_string_equal(norm("Á-pris"), "apris");
	assert_string_equal(norm("A-pris"), "apris");
	assert_string_equal(norm("à-PRIS"), "apris");
	assert_string_equal(norm("E-post"), "epost");
	assert_string_equal(norm("Vår referens"), "varreferens");
	assert_string_equal(norm("VÅR REFERENS"), "varreferens");
	assert_string_equal(norm("Org.nr"), "orgnr");
	assert_string_equal(norm("Order #"), "ordernr");
	assert_string_equal(norm("Customer_ID"), "customerid");
	assert_string_equal(norm("Ort\xc2\xa0"), "ort");
	assert_string_equal(norm("Företag"), "foretag");
	assert_string_equal(norm("ÖPPETTIDER"), "oppettider");
	assert_string_equal(norm("Café"), "cafe");
	assert_string_equal(norm("CAFÉ"), "cafe");
	assert_string_equal(norm("Straße"), "strasse");
	assert_string_equal(norm("Tid (min)"), "tidmin");
	assert_string_equal(norm("Belopp inkl. moms"), "beloppinklmoms");
}

/* Maps a header given as "A|B|C" for kind; returns the header column of
 * field `name` (or -1), with its match in *m. */
static int col_of(enum rec_kind kind, const char *header, const char *const *map, const char *name,
                  struct colmatch *m)
{
	static char buf[1024];
	static struct field f[64];
	struct row row = {f, 0, 1};
	snprintf(buf, sizeof(buf), "%s", header);
	for (char *p = buf;; p++) {
		char *bar = strchr(p, '|');
		f[row.nf].p = p;
		f[row.nf].n = bar ? (size_t)(bar - p) : strlen(p);
		row.nf++;
		if (!bar)
			break;
		*bar = '\0';
		p = bar;
	}
	int n;
	colmap_fields(kind, &n);
	struct colmatch out[64];
	struct ferr err = {0};
	if (colmap_match(kind, &row, map, out, &err) < 0)
		fail_msg("%s", err.msg);
	int i = colmap_field_index(kind, name);
	assert_true(i >= 0);
	if (m)
		*m = out[i];
	return out[i].col;
}

static void test_customers(void **state)
{
	(void)state;
	const char *fortnox = "Kundnummer|Kundnamn|Organisationsnummer|Utdelningsadress|Postnummer|"
	                      "Ort|E-post|Telefon|Vår referens|Kundtyp|Anteckning";
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "customer_id", NULL), 0);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "name", NULL), 1);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "org_number", NULL), 2);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "address", NULL), 3);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "postal_code", NULL), 4);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "city", NULL), 5);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "email", NULL), 6);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "phone", NULL), 7);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "seller_id", NULL), 8);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "industry", NULL), 9);
	assert_int_equal(col_of(REC_CUSTOMERS, fortnox, NULL, "revenue", NULL), -1);
	/* the header of issue 2, in other cases and spellings */
	const char *mixed = "KUNDNR|FÖRETAG|orgnr|ADRESS|postnr|POSTORT|latitude|LONGITUDE|SNI|"
	                    "antal anställda|Ansvarig|OMSÄTTNING|Potential|köpkraft|E-POST|telefon";
	static const char *const want[] = {"customer_id", "name",      "org_number", "address",
	                                   "postal_code", "city",      "lat",        "lon",
	                                   "industry",    "employees", "seller_id",  "revenue",
	                                   "potential",   "wallet",    "email",      "phone"};
	for (int i = 0; i < 16; i++)
		assert_int_equal(col_of(REC_CUSTOMERS, mixed, NULL, want[i], NULL), i);
	/* English CRM export */
	const char *crm = "Account ID|Account Name|Account Owner|Annual Revenue|Employees|Zip Code";
	assert_int_equal(col_of(REC_CUSTOMERS, crm, NULL, "customer_id", NULL), 0);
	assert_int_equal(col_of(REC_CUSTOMERS, crm, NULL, "name", NULL), 1);
	assert_int_equal(col_of(REC_CUSTOMERS, crm, NULL, "seller_id", NULL), 2);
	assert_int_equal(col_of(REC_CUSTOMERS, crm, NULL, "revenue", NULL), 3);
	assert_int_equal(col_of(REC_CUSTOMERS, crm, NULL, "employees", NULL), 4);
	assert_int_equal(col_of(REC_CUSTOMERS, crm, NULL, "postal_code", NULL), 5);
	/* "ID" only when nothing better names the customer */
	assert_int_equal(col_of(REC_CUSTOMERS, "ID|Namn", NULL, "customer_id", NULL), 0);
	assert_int_equal(col_of(REC_CUSTOMERS, "ID|Kundnr|Namn", NULL, "customer_id", NULL), 1);
	/* money in thousands */
	struct colmatch m;
	assert_int_equal(col_of(REC_CUSTOMERS, "Kundnr|Omsättning (tkr)", NULL, "revenue", &m), 1);
	assert_int_equal(m.pow10, 3);
	assert_int_equal(col_of(REC_CUSTOMERS, "Kundnr|Omsättning MSEK", NULL, "revenue", &m), 1);
	assert_int_equal(m.pow10, 6);
	assert_int_equal(col_of(REC_CUSTOMERS, "Kundnr|Köpkraft kr", NULL, "wallet", &m), 1);
	assert_int_equal(m.pow10, 0);
	/* opening hours */
	assert_int_equal(col_of(REC_CUSTOMERS, "Kundnr|Öppnar|Stänger", NULL, "open", NULL), 1);
	assert_int_equal(col_of(REC_CUSTOMERS, "Kundnr|Öppnar|Stänger", NULL, "close", NULL), 2);
	assert_int_equal(col_of(REC_CUSTOMERS, "Kundnr|Öppettider", NULL, "opening_hours", NULL),
	                 1);
}

static void test_orders(void **state)
{
	(void)state;
	struct colmatch m;
	/* Fortnox invoices: net before gross, and say which was not used */
	const char *inv = "Fakturanummer|Kundnummer|Kundnamn|Fakturadatum|Förfallodatum|Netto|Moms|"
	                  "Total inkl. moms|TB|TG|Vår referens|Er referens";
	assert_int_equal(col_of(REC_ORDERS, inv, NULL, "order_id", NULL), 0);
	assert_int_equal(col_of(REC_ORDERS, inv, NULL, "customer_id", NULL), 1);
	assert_int_equal(col_of(REC_ORDERS, inv, NULL, "date", NULL), 3);
	assert_int_equal(col_of(REC_ORDERS, inv, NULL, "amount", &m), 5);
	assert_int_equal(m.tier, 0);
	assert_int_equal(m.alt_col, 7);
	assert_int_equal(col_of(REC_ORDERS, inv, NULL, "margin", NULL), 8);
	assert_int_equal(col_of(REC_ORDERS, inv, NULL, "seller_id", NULL), 10);
	/* the gross amount alone is taken, as the last resort */
	assert_int_equal(col_of(REC_ORDERS, "Kundnr|Datum|Belopp inkl. moms", NULL, "amount", &m),
	                 2);
	assert_int_equal(m.tier, 2);
	/* Belopp over Summa; all three spellings of à-pris */
	assert_int_equal(col_of(REC_ORDERS, "Kundnr|Datum|Summa|Belopp", NULL, "amount", NULL), 3);
	const char *lines[] = {"Kundnr|Datum|Antal|À-pris", "Kundnr|Datum|Antal|Á-pris",
	                       "Kundnr|Datum|Antal|A-pris", "Kundnr|Datum|ANTAL|à-pris"};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(col_of(REC_ORDERS, lines[i], NULL, "quantity", NULL), 2);
		assert_int_equal(col_of(REC_ORDERS, lines[i], NULL, "unit_price", NULL), 3);
		assert_int_equal(col_of(REC_ORDERS, lines[i], NULL, "amount", NULL), -1);
	}
	/* superstore and online retail headers */
	const char *ss = "Row ID|Order ID|Order Date|Ship Date|Ship Mode|Customer ID|Customer Name|"
	                 "Segment|Country|City|State|Postal Code|Region|Product ID|Category|"
	                 "Sub-Category|Product Name|Sales|Quantity|Discount|Profit";
	assert_int_equal(col_of(REC_ORDERS, ss, NULL, "order_id", NULL), 1);
	assert_int_equal(col_of(REC_ORDERS, ss, NULL, "date", NULL), 2);
	assert_int_equal(col_of(REC_ORDERS, ss, NULL, "customer_id", NULL), 5);
	assert_int_equal(col_of(REC_ORDERS, ss, NULL, "amount", NULL), 17);
	assert_int_equal(col_of(REC_ORDERS, ss, NULL, "quantity", NULL), 18);
	assert_int_equal(col_of(REC_ORDERS, ss, NULL, "margin", NULL), 20);
	const char *ol =
	    "InvoiceNo|StockCode|Description|Quantity|InvoiceDate|UnitPrice|CustomerID|"
	    "Country";
	assert_int_equal(col_of(REC_ORDERS, ol, NULL, "order_id", NULL), 0);
	assert_int_equal(col_of(REC_ORDERS, ol, NULL, "quantity", NULL), 3);
	assert_int_equal(col_of(REC_ORDERS, ol, NULL, "date", NULL), 4);
	assert_int_equal(col_of(REC_ORDERS, ol, NULL, "unit_price", NULL), 5);
	assert_int_equal(col_of(REC_ORDERS, ol, NULL, "customer_id", NULL), 6);
	assert_int_equal(col_of(REC_ORDERS, ol, NULL, "amount", NULL), -1);
	/* English invoice export */
	const char *en = "Invoice No|Customer Name|Customer ID|Invoice Date|Net Amount|Amount";
	assert_int_equal(col_of(REC_ORDERS, en, NULL, "amount", &m), 4);
	assert_int_equal(m.alt_col, 5);
	assert_int_equal(col_of(REC_ORDERS, en, NULL, "order_id", NULL), 0);
}

static void test_activities_sellers(void **state)
{
	(void)state;
	const char *act = "Datum|Klockslag|Säljare|Kund|Typ|Minuter|Restid|Km";
	static const char *const want[] = {"date", "time",         "seller_id",  "customer_id",
	                                   "type", "duration_min", "travel_min", "km"};
	for (int i = 0; i < 8; i++)
		assert_int_equal(col_of(REC_ACTIVITIES, act, NULL, want[i], NULL), i);
	const char *sel = "Säljar-ID|Namn|Roll|Arbetstid|Postnummer|E-post";
	assert_int_equal(col_of(REC_SELLERS, sel, NULL, "seller_id", NULL), 0);
	assert_int_equal(col_of(REC_SELLERS, sel, NULL, "name", NULL), 1);
	assert_int_equal(col_of(REC_SELLERS, sel, NULL, "role", NULL), 2);
	assert_int_equal(col_of(REC_SELLERS, sel, NULL, "hours_per_year", NULL), 3);
	assert_int_equal(col_of(REC_SELLERS, sel, NULL, "home_postal_code", NULL), 4);
	assert_int_equal(col_of(REC_SELLERS, sel, NULL, "email", NULL), 5);
	const char *sel2 = "seller_id|name|role|hours_per_year|home_lat|home_lon";
	assert_int_equal(col_of(REC_SELLERS, sel2, NULL, "home_lat", NULL), 4);
	assert_int_equal(col_of(REC_SELLERS, sel2, NULL, "home_lon", NULL), 5);
	/* "Säljare" is the seller's ID in a sellers file when nothing better is there */
	assert_int_equal(col_of(REC_SELLERS, "Säljare|Namn", NULL, "seller_id", NULL), 0);
}

static void test_map(void **state)
{
	(void)state;
	static const char *const map1[] = {"customer_id=Kod", NULL};
	assert_int_equal(col_of(REC_CUSTOMERS, "Kod|Namn", map1, "customer_id", NULL), 0);
	/* folded comparison for the header named in --map */
	static const char *const map2[] = {"amount=belopp (sek)", "date=Levdatum", NULL};
	struct colmatch m;
	assert_int_equal(
	    col_of(REC_ORDERS, "Kundnr|Levdatum|Datum|Belopp (SEK)|Netto", map2, "amount", &m), 3);
	assert_int_equal(m.tier, -1);
	assert_int_equal(
	    col_of(REC_ORDERS, "Kundnr|Levdatum|Datum|Belopp (SEK)|Netto", map2, "date", NULL), 1);
	/* an empty header keeps a field out */
	static const char *const map3[] = {"seller_id=", NULL};
	assert_int_equal(col_of(REC_ORDERS, "Kundnr|Datum|Belopp|Säljare", map3, "seller_id", NULL),
	                 -1);
	/* a column taken by --map is not matched again */
	static const char *const map4[] = {"name=Kundnr", NULL};
	assert_int_equal(col_of(REC_CUSTOMERS, "Kundnr|ID", map4, "customer_id", NULL), 1);

	struct field f[2] = {{"Kundnr", 6}, {"Namn", 4}};
	struct row row = {f, 2, 1};
	struct colmatch out[32];
	struct ferr err = {0};
	static const char *const bad1[] = {"kundid=Kundnr", NULL};
	assert_int_equal(colmap_match(REC_CUSTOMERS, &row, bad1, out, &err), -1);
	assert_non_null(strstr(err.msg, "\"kundid\" is not a field of a customers file (fields: "
	                                "customer_id, name,"));
	static const char *const bad2[] = {"name=Företag", NULL};
	assert_int_equal(colmap_match(REC_CUSTOMERS, &row, bad2, out, &err), -1);
	assert_string_equal(err.msg, "--map name=Företag: the file has no column \"Företag\" (its "
	                             "columns: \"Kundnr\", \"Namn\").");
	static const char *const bad3[] = {"name", NULL};
	assert_int_equal(colmap_match(REC_CUSTOMERS, &row, bad3, out, &err), -1);
	assert_non_null(strstr(err.msg, "--map wants field=Header"));
}

static void test_alias_list(void **state)
{
	(void)state;
	int n;
	const struct colfield *f = colmap_fields(REC_CUSTOMERS, &n);
	char *s = colmap_alias_list(&f[0], 0);
	assert_non_null(strstr(s, "customer_id, Customer ID, CustomerID"));
	assert_non_null(strstr(s, "Kundnummer"));
	assert_non_null(strstr(s, ", ID"));
	assert_null(strstr(s, "…"));
	free(s);
	/* at most 4: a share of each tier */
	s = colmap_alias_list(&f[0], 4);
	assert_string_equal(s, "customer_id, Customer ID, CustomerID, Customer No, ID, …");
	free(s);
	f = colmap_fields(REC_ORDERS, &n);
	s = colmap_alias_list(&f[colmap_field_index(REC_ORDERS, "amount")], 6);
	assert_string_equal(s, "amount, Netto, Net, Belopp, Sales, Belopp inkl. moms, Summa inkl. "
	                       "moms, …");
	free(s);
	s = colmap_alias_list(&f[colmap_field_index(REC_ORDERS, "unit_price")], 0);
	assert_non_null(strstr(s, "À-pris"));
	free(s);
	assert_int_equal(colmap_field_index(REC_SELLERS, "nope"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_norm),   cmocka_unit_test(test_customers),
	    cmocka_unit_test(test_orders), cmocka_unit_test(test_activities_sellers),
	    cmocka_unit_test(test_map),    cmocka_unit_test(test_alias_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
