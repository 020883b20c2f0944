/* test-records.c — covers src/io/records.c and records-open.c: typed records of each kind of
 * file, bad rows with file:line:column and the exact message, required
 * columns, header search, column-wide number and date inference through a
 * whole file, --map and --date-format, attributes as JSON, and the real
 * public files checked against totals computed independently (Python's
 * decimal module, half away from zero). */
#include "testutil.h"

#include "core/dataset.h"
#include "io/records.h"
#include "util/days.h"

#include <jansson.h>
#include <xlsxwriter.h>

#define DATA "tests/data/"

static struct recreader *open_data(const char *data, size_t len, enum rec_kind kind,
                                   const struct rec_opts *opts, const char **path)
{
	*path = tu_tmpfile(".csv", data, len);
	struct recreader *rr = NULL;
	struct ferr err = {0};
	if (recreader_open(*path, kind, opts, &rr, &err) < 0)
		fail_msg("open: %s", err.msg);
	return rr;
}

#define OPEN(data, kind, opts, path) open_data(data, sizeof(data) - 1, kind, opts, path)

static int open_fails(const char *data, size_t len, enum rec_kind kind, const struct rec_opts *o,
                      struct ferr *err)
{
	const char *path = tu_tmpfile(".csv", data, len);
	struct recreader *rr = NULL;
	int rc = recreader_open(path, kind, o, &rr, err);
	assert_null(rr);
	assert_string_equal(err->file, path);
	unlink(path);
	return rc;
}

/* The next record must be a good one. */
static void next_ok(struct recreader *rr, struct rec *rec)
{
	struct ferr err = {0};
	int rc = recreader_next(rr, rec, &err);
	if (rc != 1)
		fail_msg("rc %d: %s", rc, err.msg);
}

/* The next record must be rejected with "FILE:LINE: msg" at column col. */
static void next_bad(struct recreader *rr, const char *path, long line, int col, const char *msg)
{
	struct rec rec;
	struct ferr err = {0};
	int rc = recreader_next(rr, &rec, &err);
	if (rc != 2)
		fail_msg("wanted a bad row (%s), got rc %d", msg, rc);
	char want[700], got[900];
	snprintf(want, sizeof(want), "%s:%ld: %s", path, line, msg);
	assert_string_equal(ferr_str(&err, got, sizeof(got)), want);
	assert_int_equal(err.col, col);
}

static void next_end(struct recreader *rr)
{
	struct rec rec;
	struct ferr err = {0};
	assert_int_equal(recreader_next(rr, &rec, &err), 0);
}

static void expect_describe(struct recreader *rr, const char *line)
{
	char *d = recreader_describe(rr);
	if (!strstr(d, line))
		fail_msg("describe lacks \"%s\":\n%s", line, d);
	free(d);
}

static void test_customers_swedish(void **state)
{
	(void)state;
	/* Windows-1252, ';', CRLF, decimal comma, revenue in tkr, a quoted
	 * newline, unmapped columns kept as attributes */
	const char data[] =
	    "Kundnummer;Kundnamn;Postnummer;Ort;Oms\xe4ttning (tkr);Lat;Long;Antal anst\xe4llda;"
	    "V\xe5r referens;\xd6ppnar;St\xe4nger;Anteckning;Kundtyp\r\n"
	    "1001;\xc5keri Nord AB;123 45;G\xf6teborg;1 250,5;57,70887;11,97456;10-49;S01;07:30;"
	    "16.00;Bra kund;\xc5keri\r\n"
	    "1002;\"Bygg; & Co\";;Malm\xf6;;;;500+;;;;\"tv\xe5\r\nrader\";\r\n"
	    " 1003 ;Caf\xe9 \xd6;;;850;;;1 200;;;;;\r\n"
	    "1005;y;;;;;;1e20;;;;;\r\n"
	    ";;;;;;;;;;;;\r\n"
	    "1004.0;x;;;;;;;;;;;\r\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_CUSTOMERS, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	assert_int_equal(r.kind, REC_CUSTOMERS);
	assert_int_equal(r.line, 2);
	assert_string_equal(r.u.c.customer_id, "1001");
	assert_string_equal(r.u.c.name, "Åkeri Nord AB");
	assert_string_equal(r.u.c.postal_code, "123 45");
	assert_string_equal(r.u.c.city, "Göteborg");
	assert_true(r.u.c.has_revenue);
	assert_int_equal(r.u.c.revenue, 125050000); /* 1 250,5 tkr = 1 250 500,00 kr */
	assert_true(r.u.c.has_lat_lon);
	assert_true(r.u.c.lat > 57.70886 && r.u.c.lat < 57.70888);
	assert_true(r.u.c.lon > 11.97455 && r.u.c.lon < 11.97457);
	assert_int_equal(r.u.c.employees, 29);
	assert_string_equal(r.u.c.seller_id, "S01");
	assert_int_equal(r.u.c.open_min, 450);
	assert_int_equal(r.u.c.close_min, 960);
	assert_string_equal(r.u.c.industry, "Åkeri");
	assert_string_equal(r.u.c.attrs_json, "{\"Anteckning\":\"Bra kund\"}");
	assert_false(r.u.c.has_potential);
	assert_null(r.u.c.email);
	next_ok(rr, &r);
	assert_int_equal(r.line, 3);
	assert_string_equal(r.u.c.name, "Bygg; & Co");
	assert_string_equal(r.u.c.city, "Malmö");
	assert_null(r.u.c.postal_code);
	assert_false(r.u.c.has_revenue);
	assert_false(r.u.c.has_lat_lon);
	assert_int_equal(r.u.c.employees, 500);
	assert_int_equal(r.u.c.open_min, -1);
	assert_string_equal(r.u.c.attrs_json, "{\"Anteckning\":\"två\\r\\nrader\"}");
	next_ok(rr, &r);
	assert_int_equal(r.line, 5);
	assert_string_equal(r.u.c.customer_id, "1003");
	assert_string_equal(r.u.c.name, "Café Ö");
	assert_int_equal(r.u.c.revenue, 85000000);
	assert_int_equal(r.u.c.employees, 1200);
	assert_null(r.u.c.attrs_json);
	next_bad(rr, path, 6, 8,
	         "column \"Antal anställda\": \"1e20\" is not a number of employees");
	next_ok(rr, &r); /* the blank ;;; row is skipped */
	assert_int_equal(r.line, 8);
	assert_string_equal(r.u.c.customer_id, "1004");
	next_end(rr);
	expect_describe(rr, "format: csv, ';', windows-1252, CRLF\n");
	expect_describe(rr, "customer_id <- \"Kundnummer\"\n");
	expect_describe(rr, "revenue <- \"Omsättning (tkr)\" (in thousands; decimal comma)\n");
	expect_describe(rr, "seller_id <- \"Vår referens\"\n");
	expect_describe(rr, "kept as attributes: \"Anteckning\"\n");
	assert_string_equal(recreader_column_field(rr, 0), "customer_id");
	assert_string_equal(recreader_column_field(rr, 9), "open");
	assert_null(recreader_column_field(rr, 11));
	assert_null(recreader_column_field(rr, 99));
	assert_string_equal(recreader_header(rr)->f[4].p, "Omsättning (tkr)");
	recreader_close(rr);
	unlink(path);
}

static void test_customer_attrs_and_bad(void **state)
{
	(void)state;
	const char data[] = "Kundnr,X,X,,Potential,Lat,Lon,Öppettider\n"
	                    "A1,1,2,3,\"1,5\",91,10,08:00-17:00\n"
	                    "NA,,,,,,,\n"
	                    ",,,,x,,,\n"
	                    "A2,\"\"\"q\"\"\",,,abc,,,\n"
	                    "A3,,,,,,,stängt\n"
	                    "A4,,,,7,,,7-16\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_CUSTOMERS, NULL, &path);
	next_bad(rr, path, 2, 6, "column \"Lat\": \"91\" is not a latitude (-90..90)");
	next_bad(rr, path, 3, 1, "column \"Kundnr\": \"NA\" is not a customer ID");
	next_bad(rr, path, 4, 1, "column \"Kundnr\" is empty");
	next_bad(rr, path, 5, 5, "column \"Potential\": \"abc\" is not a number");
	assert_string_equal(recreader_raw(rr)->f[1].p, "\"q\"");
	next_bad(rr, path, 6, 8,
	         "column \"Öppettider\": \"stängt\" is not opening hours like 08:00-17:00");
	struct rec r;
	next_ok(rr, &r);
	assert_int_equal(r.u.c.potential, 700);
	assert_int_equal(r.u.c.open_min, 420);
	assert_int_equal(r.u.c.close_min, 960);
	next_end(rr);
	recreader_close(rr);
	unlink(path);
	/* duplicate and empty headers get their own keys */
	const char d2[] = "Kundnr;X;X;;Y\n1;a;b;c;\n";
	rr = OPEN(d2, REC_CUSTOMERS, NULL, &path);
	next_ok(rr, &r);
	json_error_t je;
	json_t *j = json_loads(r.u.c.attrs_json, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "X")), "a");
	assert_string_equal(json_string_value(json_object_get(j, "X (2)")), "b");
	assert_string_equal(json_string_value(json_object_get(j, "column 4")), "c");
	assert_null(json_object_get(j, "Y"));
	json_decref(j);
	recreader_close(rr);
	unlink(path);
}

static void test_orders_quantity_price(void **state)
{
	(void)state;
	const char data[] = "Fakturanr;Kundnr;Fakturadatum;Antal;À-pris;Vår referens\n"
	                    "F1;C1;2026-01-15;3;2,95;S1\n"
	                    "F2;C2;2026-01-16;-2;1 000,50;NA\n"
	                    "F3;NA;2026-01-17;1;5;S1\n"
	                    "F4;C3;2026-01-18;1,5;0,125;\n"
	                    "F5;C3;2026-01-19;;5;\n"
	                    "F6;C4;2026-01-20;2;12,3,4;\n"
	                    "F7;C4;;2;1;\n"
	                    "F8;12621.0  ;2026-01-21 14:05;1;1;\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_ORDERS, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	assert_string_equal(r.u.o.order_id, "F1");
	assert_string_equal(r.u.o.customer_id, "C1");
	assert_string_equal(r.u.o.seller_id, "S1");
	assert_int_equal(r.u.o.day, days_from_ymd(2026, 1, 15));
	assert_int_equal(r.u.o.minute, -1);
	assert_int_equal(r.u.o.amount, 885);
	assert_true(r.u.o.has_quantity);
	assert_true(r.u.o.quantity == 3.0);
	assert_false(r.u.o.has_margin);
	next_ok(rr, &r);
	assert_int_equal(r.u.o.amount, -200100); /* credits are kept */
	assert_null(r.u.o.seller_id);
	next_bad(rr, path, 4, 2, "column \"Kundnr\": \"NA\" is not a customer ID");
	next_ok(rr, &r);
	assert_int_equal(r.u.o.amount, 19); /* 1,5 x 0,125 = 0,1875 */
	next_bad(rr, path, 6, 4, "column \"Antal\" is empty");
	next_bad(rr, path, 7, 5, "column \"À-pris\": \"12,3,4\" is not a number");
	next_bad(rr, path, 8, 3, "column \"Fakturadatum\" is empty");
	next_ok(rr, &r);
	assert_string_equal(r.u.o.customer_id, "12621");
	assert_int_equal(r.u.o.minute, 14 * 60 + 5);
	next_end(rr);
	expect_describe(rr, "amount = \"Antal\" x \"À-pris\"\n");
	expect_describe(rr, "unit_price <- \"À-pris\" (decimal comma)\n");
	recreader_close(rr);
	unlink(path);
}

static int64_t first_amount(const char *data, size_t len, const char *describe)
{
	const char *path;
	struct recreader *rr = open_data(data, len, REC_ORDERS, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	if (describe)
		expect_describe(rr, describe);
	recreader_close(rr);
	unlink(path);
	return r.u.o.amount;
}

#define FIRST_AMOUNT(d, desc) first_amount(d, sizeof(d) - 1, desc)

static void test_decimal_inference(void **state)
{
	(void)state;
	/* the column's other cells say "thousands" */
	const char a[] = "kund,datum,amount\nA,2026-01-01,\"1,500\"\nA,2026-01-01,\"12,000,000\"\n";
	assert_int_equal(FIRST_AMOUNT(a, "amount <- \"amount\" (decimal point)\n"), 150000);
	/* ... or "decimal comma", and the very last row decides */
	const char b[] =
	    "kund;datum;amount\nA;2026-01-01;1,500\nA;2026-01-01;7\nA;2026-01-01;2,25\n";
	assert_int_equal(FIRST_AMOUNT(b, "amount <- \"amount\" (decimal comma)\n"), 150);
	/* the column alone cannot tell: a lone separator before three digits
	 * is a thousands separator */
	const char c[] = "kund;datum;amount\nA;2026-01-01;1,500\nA;2026-01-01;2,750\n";
	assert_int_equal(
	    FIRST_AMOUNT(c, "amount <- \"amount\" (decimal point: a lone separator before "
	                    "three digits is a thousands separator)\n"),
	    150000);
	const char d[] = "kund;datum;amount\nA;2026-01-01;1.500\nA;2026-01-01;300\n";
	assert_int_equal(FIRST_AMOUNT(d, NULL), 150000);
	/* ... unless the file's other numbers tell */
	const char e[] = "kund;datum;amount;tb\nA;2026-01-01;1,500;2,50\nA;2026-01-01;2,750;1\n";
	assert_int_equal(FIRST_AMOUNT(e,
	                              "amount <- \"amount\" (decimal comma, like the file's other "
	                              "numbers)\n"),
	                 150);
	/* Swedish and US thousands */
	const char f[] = "kund;datum;belopp\nA;2026-01-01;3 500,50\nA;2026-01-01;3.500,50\n";
	assert_int_equal(FIRST_AMOUNT(f, NULL), 350050);
	const char g[] = "kund,datum,amount\nA,2026-01-01,\"3,500.50\"\nA,2026-01-01,1\n";
	assert_int_equal(FIRST_AMOUNT(g, NULL), 350050);
	/* money words and signs */
	const char h[] = "kund;datum;belopp\nA;2026-01-01;(1 200 kr)\n";
	assert_int_equal(FIRST_AMOUNT(h, NULL), -120000);
	const char i[] = "kund;datum;belopp\nA;2026-01-01;\xe2\x88\x92"
	                 "1 200,50 SEK\n";
	assert_int_equal(FIRST_AMOUNT(i, NULL), -120050);
}

static void test_net_and_gross(void **state)
{
	(void)state;
	const char a[] = "Kundnr;Fakturadatum;Netto;Total inkl. moms\nK1;2026-02-01;100;125\n";
	assert_int_equal(FIRST_AMOUNT(a,
	                              "amount <- \"Netto\" (net of VAT; \"Total inkl. moms\" not "
	                              "used)\n"),
	                 10000);
	const char b[] = "Kundnr;Fakturadatum;Belopp inkl. moms\nK1;2026-02-01;125\n";
	assert_int_equal(FIRST_AMOUNT(b, "amount <- \"Belopp inkl. moms\" (includes VAT: the file "
	                                 "has no net amount)\n"),
	                 12500);
}

static void test_dates(void **state)
{
	(void)state;
	const char us[] = "Customer ID,Order Date,Sales\nA,11/8/2016,1\nA,6/30/2016,1\n";
	const char *path;
	struct recreader *rr = OPEN(us, REC_ORDERS, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	assert_int_equal(r.u.o.day, days_from_ymd(2016, 11, 8));
	expect_describe(rr, "date <- \"Order Date\" (month/day/year)\n");
	recreader_close(rr);
	unlink(path);

	const char eu[] = "Kundnr;Datum;Belopp\nA;08/11/2016;1\nA;30/06/2016;1\nA;31/02/2016;1\n";
	rr = OPEN(eu, REC_ORDERS, NULL, &path);
	next_ok(rr, &r);
	assert_int_equal(r.u.o.day, days_from_ymd(2016, 11, 8));
	next_ok(rr, &r);
	next_bad(rr, path, 4, 2,
	         "column \"Datum\": \"31/02/2016\" is not a date (the column is day/month/year)");
	recreader_close(rr);
	unlink(path);

	/* every value <= 12 on both sides: ask */
	const char amb[] = "Kundnr;Datum;Belopp\nA;3/4/2021;1\nA;5/6/2021;1\nA;2/2/2021;1\n";
	struct ferr err = {0};
	assert_int_equal(open_fails(amb, sizeof(amb) - 1, REC_ORDERS, NULL, &err), -1);
	assert_string_equal(err.msg,
	                    "column \"Datum\": dates like \"3/4/2021\" could be day/month or "
	                    "month/day and no date in the column tells which; say which with "
	                    "--date-format %d/%m/%Y or --date-format %m/%d/%Y.");
	const char amb2[] = "Kundnr;Datum;Belopp\nA;03.04.21;1\n";
	assert_int_equal(open_fails(amb2, sizeof(amb2) - 1, REC_ORDERS, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "--date-format %d.%m.%y or --date-format %m.%d.%y."));
	/* ... and --date-format answers */
	struct rec_opts o = {.date_format = "%m/%d/%Y"};
	const char *p2 = tu_tmpfile(".csv", amb, sizeof(amb) - 1);
	char p2copy[256];
	snprintf(p2copy, sizeof(p2copy), "%s", p2);
	assert_int_equal(recreader_open(p2copy, REC_ORDERS, &o, &rr, &err), 0);
	next_ok(rr, &r);
	assert_int_equal(r.u.o.day, days_from_ymd(2021, 3, 4));
	expect_describe(rr, "date <- \"Datum\" (--date-format %m/%d/%Y)\n");
	recreader_close(rr);
	unlink(p2copy);
	struct rec_opts bad = {.date_format = "%m/%Y"};
	assert_int_equal(
	    recreader_open(DATA "superstore_us_dates.csv", REC_ORDERS, &bad, &rr, &err), -1);
	assert_null(rr);
	assert_string_equal(err.file, ""); /* about the option, not the file */
	assert_non_null(strstr(err.msg, "--date-format needs one year"));
}

static void test_required(void **state)
{
	(void)state;
	struct recreader *rr = NULL;
	struct ferr err = {0};
	const char *path = DATA "wholesale_semicolon_crlf.csv";
	assert_int_equal(recreader_open(path, REC_CUSTOMERS, NULL, &rr, &err), -1);
	char buf[1200];
	ferr_str(&err, buf, sizeof(buf));
	const char *want =
	    DATA "wholesale_semicolon_crlf.csv: no customer-ID column: expected one of "
	         "customer_id, Customer ID, CustomerID, ";
	if (strncmp(buf, want, strlen(want)))
		fail_msg("%s", buf);
	assert_non_null(strstr(buf, "Kundnummer"));
	assert_non_null(strstr(buf, "(the file's columns are \"Channel\", \"Region\", \"Fresh\""));
	assert_null(strchr(buf, '\n'));

	const char noamount[] = "Kundnr;Datum;Antal\nA;2026-01-01;3\n";
	assert_int_equal(open_fails(noamount, sizeof(noamount) - 1, REC_ORDERS, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no amount column: expected one of amount, Netto,"));
	if (!strstr(err.msg, "; or both a quantity column (quantity, Antal, Qty"))
		fail_msg("%s", err.msg);
	const char nodate[] = "Kundnr;Belopp\nA;3\n";
	assert_int_equal(open_fails(nodate, sizeof(nodate) - 1, REC_ORDERS, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no date column: expected one of date, Datum,"));
	const char noids[] = "Datum;Typ\n2026-01-01;besök\n";
	assert_int_equal(open_fails(noids, sizeof(noids) - 1, REC_ACTIVITIES, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no customer-ID or seller-ID column"));
	const char notype[] = "Datum;Kund\n2026-01-01;A\n";
	assert_int_equal(open_fails(notype, sizeof(notype) - 1, REC_ACTIVITIES, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no activity-type column"));
	const char nosel[] = "Namn;Roll\nA;jägare\n";
	assert_int_equal(open_fails(nosel, sizeof(nosel) - 1, REC_SELLERS, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no seller-ID column"));
	/* no header at all */
	const char data[] = "1;2;3\n4;5;6\n";
	assert_int_equal(open_fails(data, sizeof(data) - 1, REC_CUSTOMERS, NULL, &err), -1);
	assert_string_equal(err.msg, "the first row holds data, not column names; fokus needs a "
	                             "header row naming the columns (e.g. customer_id).");
	/* empty and binary files say so */
	assert_int_equal(open_fails("", 0, REC_ORDERS, NULL, &err), -1);
	assert_string_equal(err.msg, "the file is empty.");
	assert_int_equal(open_fails("\0\1\2\3", 4, REC_ORDERS, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "binary data"));
}

static void test_title_rows_and_lines(void **state)
{
	(void)state;
	/* a title and a date above the header; a quoted newline before a bad row */
	const char data[] =
	    "Kundreskontra\r\nUtskriven 2026-01-01\r\n\r\nKundnr;Datum;Belopp;Kommentar\r\n"
	    "1;2026-01-01;10;\"rad1\r\nrad2\"\r\n"
	    "2;2026-01-02;12,3,4;x\r\n"
	    "3;2026-01-03;5;\r\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_ORDERS, NULL, &path);
	assert_int_equal(recreader_header(rr)->line, 4);
	expect_describe(rr, "header: line 4\n");
	expect_describe(rr, "not used: \"Kommentar\"\n");
	struct rec r;
	next_ok(rr, &r);
	assert_int_equal(r.line, 5);
	next_bad(rr, path, 7, 3, "column \"Belopp\": \"12,3,4\" is not a number");
	next_ok(rr, &r);
	assert_int_equal(r.line, 8);
	assert_int_equal(r.u.o.amount, 500);
	next_end(rr);
	recreader_close(rr);
	unlink(path);
}

static void test_activities(void **state)
{
	(void)state;
	const char data[] = "Datum;Klockslag;Säljare;Kund;Typ;Minuter;Restid;Km\n"
	                    "2026-03-02;09:30;S1;C1;BESÖK;45;30;22,5\n"
	                    "2026-03-02 14:00;;S1;;Telefon;5;;\n"
	                    "2026-03-03;;;C2;Nyhetsbrev;;;\n"
	                    "2026-03-03;;S2;C2;bokat  möte;;;\n"
	                    "2026-03-04;;S2;C3;Meeting_Booked;;;\n"
	                    "2026-03-04;;S2;C3;fika;;;\n"
	                    "2026-03-05;;;;Besök;;;\n"
	                    "2026-03-05;;S1;C1;;;;\n"
	                    "2026-03-05;25:00;S1;C1;e-post;;;\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_ACTIVITIES, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	assert_int_equal(r.u.a.day, days_from_ymd(2026, 3, 2));
	assert_int_equal(r.u.a.minute, 570);
	assert_int_equal(r.u.a.type, ACT_VISIT);
	assert_string_equal(r.u.a.seller_id, "S1");
	assert_string_equal(r.u.a.customer_id, "C1");
	assert_true(r.u.a.has_duration && r.u.a.duration_min == 45);
	assert_true(r.u.a.has_travel && r.u.a.travel_min == 30);
	assert_true(r.u.a.has_km && r.u.a.km == 22.5);
	next_ok(rr, &r);
	assert_int_equal(r.u.a.minute, 840);
	assert_int_equal(r.u.a.type, ACT_PHONE);
	assert_null(r.u.a.customer_id);
	assert_false(r.u.a.has_travel);
	next_ok(rr, &r);
	assert_int_equal(r.u.a.type, ACT_NEWSLETTER);
	assert_null(r.u.a.seller_id);
	next_ok(rr, &r);
	assert_int_equal(r.u.a.type, ACT_MEETING_BOOKED);
	next_ok(rr, &r);
	assert_int_equal(r.u.a.type, ACT_MEETING_BOOKED);
	next_bad(rr, path, 7, 5,
	         "column \"Typ\": \"fika\" is not an activity type (visit, phone, email, meeting, "
	         "meeting_booked, newsletter, other)");
	next_bad(rr, path, 8, 4, "columns \"Kund\" and \"Säljare\" are both empty");
	next_bad(rr, path, 9, 5, "column \"Typ\" is empty");
	next_bad(rr, path, 10, 2, "column \"Klockslag\": \"25:00\" is not a time of day");
	next_end(rr);
	recreader_close(rr);
	unlink(path);
}

/* Issue 14 §2: a csv row with more fields than the header is a bad row
 * (the unquoted decimal comma "12,3" in a comma file used to be stored as
 * 12, the rest dropped), unless the extra fields are empty; a row with
 * fewer is bad only when a needed column has no cell. */
static void test_field_counts(void **state)
{
	(void)state;
	const char data[] = "customer_id,date,amount,note\n"
	                    "A,2026-01-02,5,x\n"
	                    "D,2026-01-04,12,3,4\n"
	                    "E,2026-01-04,7,,,\n"
	                    "F,2026-01-04,8, , \n"
	                    "G,2026-01-05,9\n"
	                    "H,2026-01-05\n"
	                    "I\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_ORDERS, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	assert_int_equal(r.u.o.amount, 500);
	next_bad(rr, path, 3, 0, "5 fields, the header has 4");
	next_ok(rr, &r); /* E: trailing empty fields, as Excel writes */
	assert_int_equal(r.u.o.amount, 700);
	next_ok(rr, &r); /* F: spaces only */
	next_ok(rr, &r); /* G: the note column is optional */
	assert_int_equal(r.u.o.amount, 900);
	next_bad(rr, path, 7, 0, "2 fields, the header has 4: no cell for column \"amount\"");
	next_bad(rr, path, 8, 0, "1 field, the header has 4: no cell for column \"date\"");
	next_end(rr);
	recreader_close(rr);
	unlink(path);

	/* activities: a short row is fine while it has the customer or the seller */
	const char acts[] = "Datum;Typ;Kund;S\xc3\xa4ljare;Minuter\n"
	                    "2026-03-02;Bes\xc3\xb6k;C1\n"
	                    "2026-03-02;Bes\xc3\xb6k\n"
	                    "2026-03-02\n";
	rr = OPEN(acts, REC_ACTIVITIES, NULL, &path);
	next_ok(rr, &r);
	assert_string_equal(r.u.a.customer_id, "C1");
	next_bad(rr, path, 3, 0, "2 fields, the header has 5: no cell for column \"Kund\"");
	next_bad(rr, path, 4, 0, "1 field, the header has 5: no cell for column \"Typ\"");
	next_end(rr);
	recreader_close(rr);
	unlink(path);

	/* customers: only the ID is needed */
	const char cust[] = "Kundnr;Namn;Ort\n1;A\n2\n3;C;X;Y\n";
	rr = OPEN(cust, REC_CUSTOMERS, NULL, &path);
	next_ok(rr, &r);
	next_ok(rr, &r);
	next_bad(rr, path, 4, 0, "4 fields, the header has 3");
	next_end(rr);
	recreader_close(rr);
	unlink(path);
}

static void test_sellers(void **state)
{
	(void)state;
	const char data[] = "Säljar-ID;Namn;Roll;Arbetstid;Hempostnummer;Lat;Lon;E-post\n"
	                    "S1;Anna;Förvaltare;1 720;411 01;57,7;11,97;anna@x.se\n"
	                    "S2;Bo;JÄGARE;1600;;;;\n"
	                    "S3;Cia;kundtjänst;;;;;\n"
	                    "S4;Dan;boss;;;;;\n"
	                    ";Eva;;;;;;\n"
	                    "S6;Fia;;;;;;\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_SELLERS, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	assert_string_equal(r.u.s.seller_id, "S1");
	assert_string_equal(r.u.s.name, "Anna");
	assert_int_equal(r.u.s.role, ROLE_FARMER);
	assert_true(r.u.s.has_hours && r.u.s.hours_per_year == 1720);
	assert_string_equal(r.u.s.home_postal_code, "411 01");
	assert_true(r.u.s.has_home && r.u.s.home_lat == 57.7 && r.u.s.home_lon == 11.97);
	assert_string_equal(r.u.s.email, "anna@x.se");
	next_ok(rr, &r);
	assert_int_equal(r.u.s.role, ROLE_HUNTER);
	assert_false(r.u.s.has_home);
	next_ok(rr, &r);
	assert_int_equal(r.u.s.role, ROLE_SERVICE);
	assert_false(r.u.s.has_hours);
	next_bad(rr, path, 5, 3,
	         "column \"Roll\": \"boss\" is not a role (farmer, hunter, service)");
	next_bad(rr, path, 6, 1, "column \"Säljar-ID\" is empty");
	next_ok(rr, &r);
	assert_int_equal(r.u.s.role, ROLE_NONE);
	next_end(rr);
	recreader_close(rr);
	unlink(path);
}

static void test_map(void **state)
{
	(void)state;
	static const char *const map[] = {"customer_id=Kod", "seller_id=", NULL};
	struct rec_opts o = {.map = map};
	const char data[] = "Kod;Namn;Säljare\nX1;Ett;S1\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_CUSTOMERS, &o, &path);
	struct rec r;
	next_ok(rr, &r);
	assert_string_equal(r.u.c.customer_id, "X1");
	assert_null(r.u.c.seller_id);
	assert_string_equal(r.u.c.attrs_json, "{\"Säljare\":\"S1\"}");
	assert_string_equal(recreader_column_field(rr, 0), "customer_id");
	expect_describe(rr, "customer_id <- \"Kod\" (--map)\n");
	recreader_close(rr);
	unlink(path);
	static const char *const bad[] = {"customer_id=Nope", NULL};
	struct rec_opts ob = {.map = bad};
	struct ferr err = {0};
	assert_int_equal(open_fails(data, sizeof(data) - 1, REC_CUSTOMERS, &ob, &err), -1);
	assert_string_equal(err.msg, "--map customer_id=Nope: the file has no column \"Nope\" (its "
	                             "columns: \"Kod\", \"Namn\", \"Säljare\").");
}

static void count_progress(void *ctx, long long done, long long total)
{
	assert_true(done > 0 && done <= total);
	(*(int *)ctx)++;
}

static void test_progress(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-progress-%ld.csv", tu_tmp(), (long)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("customer_id,date,amount\n", f);
	for (int i = 0; i < 140000; i++)
		fprintf(f, "C%d,2026-01-%02d,%d.50\n", i % 100, i % 28 + 1, i % 1000);
	fclose(f);
	int calls = 0;
	struct rec_opts o = {.progress = count_progress, .progress_ctx = &calls};
	struct recreader *rr;
	struct ferr err = {0};
	assert_int_equal(recreader_open(path, REC_ORDERS, &o, &rr, &err), 0);
	assert_int_equal(calls, 2);
	struct rec r;
	long n = 0;
	int64_t sum = 0;
	while (recreader_next(rr, &r, &err) == 1) {
		n++;
		sum += r.u.o.amount;
	}
	assert_int_equal(n, 140000);
	/* sum over i of (i % 1000) * 100 + 50 */
	assert_int_equal(sum, 140LL * 499500 * 100 + 140000LL * 50);
	long long done, total;
	recreader_progress(rr, &done, &total);
	assert_int_equal(done, total);
	recreader_close(rr);
	unlink(path);
}

static void test_online_retail(void **state)
{
	(void)state;
	struct recreader *rr;
	struct ferr err = {0};
	const char *path = DATA "online_retail_sample20k.csv";
	assert_int_equal(recreader_open(path, REC_ORDERS, NULL, &rr, &err), 0);
	struct rec r;
	long ok = 0, bad = 0, neg = 0, first_bad = 0;
	int64_t total = 0;
	int32_t dmin = INT32_MAX, dmax = INT32_MIN;
	int rc;
	while ((rc = recreader_next(rr, &r, &err)) > 0) {
		if (rc == 2) {
			if (!bad++) {
				first_bad = err.line;
				assert_string_equal(err.msg,
				                    "column \"CustomerID\": \"NA\" is not a "
				                    "customer ID");
				assert_int_equal(err.col, 7);
			}
			continue;
		}
		ok++;
		total += r.u.o.amount;
		neg += r.u.o.amount < 0;
		assert_true(r.u.o.minute >= 0);
		if (r.u.o.day < dmin)
			dmin = r.u.o.day;
		if (r.u.o.day > dmax)
			dmax = r.u.o.day;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(ok, 14922);
	assert_int_equal(bad, 5078);
	assert_int_equal(first_bad, 2);
	assert_int_equal(total, 30630606); /* 306306.06 */
	assert_int_equal(neg, 342);
	assert_int_equal(dmin, days_from_ymd(2010, 12, 1));
	assert_int_equal(dmax, days_from_ymd(2011, 12, 9));
	expect_describe(rr, "amount = \"Quantity\" x \"UnitPrice\"\n");
	expect_describe(rr, "not used: \"StockCode\", \"Description\", \"Country\"\n");
	recreader_close(rr);
}

static void test_superstore(void **state)
{
	(void)state;
	struct recreader *us, *iso;
	struct ferr err = {0};
	assert_int_equal(
	    recreader_open(DATA "superstore_us_dates.csv", REC_ORDERS, NULL, &us, &err), 0);
	assert_int_equal(
	    recreader_open(DATA "superstore_iso_dates.csv", REC_ORDERS, NULL, &iso, &err), 0);
	struct rec a, b;
	long n = 0;
	int64_t sales = 0, profit = 0;
	int ra, rb;
	while ((ra = recreader_next(us, &a, &err)) == 1) {
		rb = recreader_next(iso, &b, &err);
		assert_int_equal(rb, 1);
		assert_int_equal(a.u.o.day, b.u.o.day);
		assert_int_equal(a.u.o.amount, b.u.o.amount);
		assert_string_equal(a.u.o.customer_id, b.u.o.customer_id);
		assert_true(a.u.o.has_margin);
		sales += a.u.o.amount;
		profit += a.u.o.margin;
		n++;
	}
	assert_int_equal(ra, 0);
	assert_int_equal(recreader_next(iso, &b, &err), 0);
	assert_int_equal(n, 9994);
	assert_int_equal(sales, 229720107);
	assert_int_equal(profit, 28639779);
	expect_describe(us, "date <- \"Order Date\" (month/day/year)\n");
	expect_describe(us, "amount <- \"Sales\"");
	expect_describe(us, "margin <- \"Profit\"");
	recreader_close(us);
	recreader_close(iso);
}

/* The workbook's Orders sheet holds the csv's rows; Profit is stored with
 * 15 digits there ("55.7449999999999" for the csv's 55.745), so 17 of the
 * 9 994 margins round one öre lower: 28 639 762 instead of 28 639 779. */
static void test_superstore_workbook(void **state)
{
	(void)state;
	struct recreader *x, *c;
	struct ferr err = {0};
	struct rec_opts o = {.sheet = "Orders"};
	assert_int_equal(recreader_open(DATA "superstore_workbook.xlsx", REC_ORDERS, &o, &x, &err),
	                 0);
	assert_int_equal(
	    recreader_open(DATA "superstore_iso_dates.csv", REC_ORDERS, NULL, &c, &err), 0);
	struct rec a, b;
	long n = 0;
	int64_t sales = 0, profit = 0;
	while (recreader_next(x, &a, &err) == 1) {
		assert_int_equal(recreader_next(c, &b, &err), 1);
		assert_int_equal(a.u.o.day, b.u.o.day);
		assert_int_equal(a.u.o.amount, b.u.o.amount);
		assert_string_equal(a.u.o.order_id, b.u.o.order_id);
		sales += a.u.o.amount;
		profit += a.u.o.margin;
		n++;
	}
	assert_int_equal(n, 9994);
	assert_int_equal(sales, 229720107);
	assert_int_equal(profit, 28639762);
	expect_describe(x, "format: xlsx, sheet Orders\n");
	recreader_close(x);
	recreader_close(c);
	/* a sheet that is not there */
	struct rec_opts nope = {.sheet = "Ordrar"};
	assert_int_equal(
	    recreader_open(DATA "superstore_workbook.xlsx", REC_ORDERS, &nope, &x, &err), -1);
	assert_non_null(strstr(err.msg, "Orders"));
}

/* A workbook written here: a date column holding plain numbers (serial
 * days without a date style) and text dates, and amounts with three
 * decimals, which in a workbook are never thousands. */
static void test_workbook_cells(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-rec-%ld.xlsx", tu_tmp(), (long)getpid());
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Fakturor");
	worksheet_write_string(ws, 0, 0, "Kundnr", NULL);
	worksheet_write_string(ws, 0, 1, "Fakturadatum", NULL);
	worksheet_write_string(ws, 0, 2, "Belopp", NULL);
	worksheet_write_string(ws, 0, 3, "Öppnar", NULL);
	worksheet_write_number(ws, 1, 3, 0.3125, NULL); /* 07:30 without a time style */
	worksheet_write_number(ws, 1, 0, 1001, NULL);
	worksheet_write_number(ws, 1, 1, 46352.5, NULL);
	worksheet_write_number(ws, 1, 2, 1.567, NULL);
	worksheet_write_string(ws, 2, 0, "K2", NULL);
	worksheet_write_string(ws, 2, 1, "2026-11-27", NULL);
	worksheet_write_number(ws, 2, 2, -5, NULL);
	worksheet_write_string(ws, 2, 3, "08:15", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	/* as customers: the opening time */
	struct recreader *cr;
	struct ferr cerr = {0};
	assert_int_equal(recreader_open(path, REC_CUSTOMERS, NULL, &cr, &cerr), 0);
	struct rec c;
	next_ok(cr, &c);
	assert_int_equal(c.u.c.open_min, 450);
	next_ok(cr, &c);
	assert_int_equal(c.u.c.open_min, 495);
	recreader_close(cr);
	struct recreader *rr;
	struct ferr err = {0};
	assert_int_equal(recreader_open(path, REC_ORDERS, NULL, &rr, &err), 0);
	struct rec r;
	next_ok(rr, &r);
	assert_string_equal(r.u.o.customer_id, "1001");
	assert_int_equal(r.u.o.day, days_from_ymd(2026, 11, 26));
	assert_int_equal(r.u.o.minute, 720);
	assert_int_equal(r.u.o.amount, 157);
	next_ok(rr, &r);
	assert_int_equal(r.u.o.day, days_from_ymd(2026, 11, 27));
	assert_int_equal(r.u.o.amount, -500);
	next_end(rr);
	expect_describe(rr, "amount <- \"Belopp\" (decimal point, as in Excel)\n");
	recreader_close(rr);
	unlink(path);
}

/* Issue 14 §3: totals rows are left out and counted, not errors: a row
 * without an ID that says "Summa" (or Totalt, Total, Sum, Delsumma...) in
 * a cell, or whose amount is the sum of the rows above (all of them, or
 * since the last totals row); an ID cell holding the word itself. */
static void test_totals_rows(void **state)
{
	(void)state;
	const char data[] = "Kundnr;Datum;Belopp;Text\n"
	                    "1;2026-01-02;100,00;a\n"
	                    "2;2026-01-03;50,50;b\n"
	                    ";;150,50;\n" /* sum since the start */
	                    "3;2026-01-04;10,00;c\n"
	                    ";;10,00;\n"           /* sum since the last totals row */
	                    ";2026-01-05;7,00;x\n" /* no ID, no word, not a sum: a bad row */
	                    "Summa;;160,50;\n"
	                    ";;;Totalt: 160,50\n"
	                    "4;2026-01-06;1,00;Total Bygg AB\n";
	const char *path;
	struct recreader *rr = OPEN(data, REC_ORDERS, NULL, &path);
	struct rec r;
	next_ok(rr, &r);
	next_ok(rr, &r);
	next_ok(rr, &r);
	assert_int_equal(r.u.o.amount, 1000);
	next_bad(rr, path, 7, 1, "column \"Kundnr\" is empty");
	next_ok(rr, &r);
	assert_string_equal(r.u.o.customer_id, "4");
	next_end(rr);
	const struct rec_total *t;
	assert_int_equal(recreader_totals(rr, &t), 4);
	assert_int_equal(t[0].line, 4);
	assert_string_equal(t[0].text, "150,50");
	assert_int_equal(t[1].line, 6);
	assert_int_equal(t[2].line, 8);
	assert_string_equal(t[2].text, "\"Summa\", 160,50");
	assert_int_equal(t[3].line, 9);
	assert_string_equal(t[3].text, "\"Totalt: 160,50\"");
	recreader_close(rr);
	unlink(path);

	/* customers: the revenue column */
	const char cust[] = "Kundnr;Namn;Oms\xc3\xa4ttning\n1;A;100\n2;B;200\n;Totalt;300\n";
	rr = OPEN(cust, REC_CUSTOMERS, NULL, &path);
	next_ok(rr, &r);
	next_ok(rr, &r);
	next_end(rr);
	assert_int_equal(recreader_totals(rr, &t), 1);
	recreader_close(rr);
	unlink(path);
}

/* A ledger workbook: a cover sheet first ("Se fliken Fakturor"), the table
 * on the second sheet with a title row and a "Summa" row at the end. */
static void test_workbook_search(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-ledger-%ld.xlsx", tu_tmp(), (long)getpid());
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *cover = workbook_add_worksheet(wb, "Försättsblad");
	worksheet_write_string(cover, 0, 0, "Kundreskontra 2026", NULL);
	worksheet_write_string(cover, 2, 0, "Se fliken Fakturor", NULL);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Fakturor");
	worksheet_write_string(ws, 0, 0, "Fakturajournal", NULL);
	worksheet_write_string(ws, 2, 0, "Kundnr", NULL);
	worksheet_write_string(ws, 2, 1, "Fakturadatum", NULL);
	worksheet_write_string(ws, 2, 2, "Belopp", NULL);
	for (int i = 0; i < 3; i++) {
		worksheet_write_number(ws, 3 + i, 0, 1001 + i, NULL);
		worksheet_write_string(ws, 3 + i, 1, "2026-02-01", NULL);
		worksheet_write_number(ws, 3 + i, 2, 100.5 * (i + 1), NULL);
	}
	worksheet_write_string(ws, 6, 0, "Summa", NULL);
	worksheet_write_number(ws, 6, 2, 603, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	struct recreader *rr;
	struct ferr err = {0};
	assert_int_equal(recreader_open(path, REC_ORDERS, NULL, &rr, &err), 0);
	struct rec r;
	next_ok(rr, &r);
	next_ok(rr, &r);
	next_ok(rr, &r);
	assert_int_equal(r.u.o.amount, 30150);
	next_end(rr);
	const struct rec_total *t;
	assert_int_equal(recreader_totals(rr, &t), 1);
	assert_int_equal(t[0].line, 7);
	expect_describe(rr,
	                "format: xlsx, sheet Fakturor (the first sheet, \"Försättsblad\", holds "
	                "no table of orders; \"Fakturor\" has one)\n");
	recreader_close(rr);
	/* --sheet still decides */
	struct rec_opts o = {.sheet = "Försättsblad"};
	assert_int_equal(recreader_open(path, REC_ORDERS, &o, &rr, &err), -1);
	assert_null(strstr(err.msg, "no other sheet"));
	/* no sheet with a table of customers' activities */
	assert_int_equal(recreader_open(path, REC_SELLERS, NULL, &rr, &err), -1);
	assert_non_null(strstr(err.msg, "no other sheet has such a table either (the sheets are "
	                                "\"Försättsblad\", \"Fakturor\"; name one with --sheet)."));
	unlink(path);
}

static void test_kinds(void **state)
{
	(void)state;
	enum rec_kind k;
	assert_int_equal(rec_kind_parse("orders", &k), 0);
	assert_int_equal(k, REC_ORDERS);
	assert_int_equal(rec_kind_parse("Kunder", &k), 0);
	assert_int_equal(k, REC_CUSTOMERS);
	assert_int_equal(rec_kind_parse("säljare", &k), 0);
	assert_int_equal(k, REC_SELLERS);
	assert_int_equal(rec_kind_parse("widgets", &k), -1);
	assert_string_equal(rec_kind_name(REC_ACTIVITIES), "activities");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_customers_swedish),
	    cmocka_unit_test(test_customer_attrs_and_bad),
	    cmocka_unit_test(test_orders_quantity_price),
	    cmocka_unit_test(test_decimal_inference),
	    cmocka_unit_test(test_net_and_gross),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_required),
	    cmocka_unit_test(test_title_rows_and_lines),
	    cmocka_unit_test(test_activities),
	    cmocka_unit_test(test_field_counts),
	    cmocka_unit_test(test_sellers),
	    cmocka_unit_test(test_map),
	    cmocka_unit_test(test_progress),
	    cmocka_unit_test(test_online_retail),
	    cmocka_unit_test(test_superstore),
	    cmocka_unit_test(test_superstore_workbook),
	    cmocka_unit_test(test_workbook_cells),
	    cmocka_unit_test(test_totals_rows),
	    cmocka_unit_test(test_workbook_search),
	    cmocka_unit_test(test_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
