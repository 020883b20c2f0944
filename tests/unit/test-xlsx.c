/* test-xlsx.c — covers src/io/xlsx.c: workbooks written here with
 * libxlsxwriter (shared strings, inline strings in constant-memory mode,
 * numbers, dates, several sheets), hand-made workbook parts zipped with
 * libzip for what libxlsxwriter cannot write (date1904, rich text, phonetic
 * runs, escapes, the phantom 1900-02-29, custom formats, damage), and the
 * real superstore_workbook.xlsx. */
#include "testutil.h"

#include <xlsxwriter.h>
#include <math.h>
#include <zip.h>

#include "io/xlsx.h"
#include "util/strbuf.h"

#define SUPERSTORE "tests/data/superstore_workbook.xlsx"

/* Reads every row of path/sheet as "LINE:f1|f2|...\n". Returns 0 and the
 * text (caller frees), or -1 with err. */
static int dump(const char *path, const char *sheet, char **out, struct ferr *err)
{
	struct xlsx *x;
	*out = NULL;
	if (xlsx_open(path, sheet, &x, err) < 0)
		return -1;
	struct strbuf sb = STRBUF_INIT;
	struct row row;
	int rc;
	while ((rc = xlsx_next(x, &row, err)) == 1) {
		strbuf_printf(&sb, "%ld:", row.line);
		for (int i = 0; i < row.nf; i++) {
			assert_int_equal(strlen(row.f[i].p), row.f[i].n);
			strbuf_printf(&sb, "%s%s", i ? "|" : "", row.f[i].p);
		}
		strbuf_putc(&sb, '\n');
	}
	xlsx_close(x);
	*out = strbuf_detach(&sb);
	if (!*out)
		*out = strdup("");
	return rc;
}

static void expect_dump(const char *path, const char *sheet, const char *want)
{
	struct ferr err = {0};
	char *got;
	int rc = dump(path, sheet, &got, &err);
	if (rc != 0)
		fail_msg("%s: %s", path, err.msg);
	assert_string_equal(got, want);
	free(got);
}

/* Expects opening or reading to fail with a message containing `part`. */
static void expect_error(const char *path, const char *sheet, const char *part)
{
	struct ferr err = {0};
	char *got = NULL;
	int rc = dump(path, sheet, &got, &err);
	assert_int_equal(rc, -1);
	if (!strstr(err.msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, part);
	assert_null(strchr(err.msg, '\n'));
	free(got);
}

static char *tmp_name(const char *suffix)
{
	static int n;
	char *p = NULL;
	assert_true(asprintf(&p, "%s/fokus-xlsx-%ld-%d%s", tu_tmp(), (long)getpid(), ++n, suffix) >
	            0);
	return p;
}

/* ---- workbooks from libxlsxwriter ------------------------------------- */

static char *write_book(int constant_memory, const char *suffix)
{
	char *path = tmp_name(suffix);
	char tmpdir[512];
	snprintf(tmpdir, sizeof(tmpdir), "%s", tu_tmp());
	lxw_workbook_options opt = {.constant_memory = (uint8_t)constant_memory, .tmpdir = tmpdir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	lxw_format *stamp = workbook_add_format(wb);
	format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00 \"kr\"");

	lxw_worksheet *ws = workbook_add_worksheet(wb, "Orders");
	const char *head[] = {"Ordernr", "Kund", "Datum", "Belopp", "Tid", "Ok"};
	for (int c = 0; c < 6; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "A-1", NULL);
	worksheet_write_string(ws, 1, 1, "Åkeri AB", NULL);
	lxw_datetime d1 = {2026, 11, 26, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 2, &d1, date);
	worksheet_write_number(ws, 1, 3, 3500.5, money);
	lxw_datetime t1 = {2026, 11, 26, 14, 5, 0};
	worksheet_write_datetime(ws, 1, 4, &t1, stamp);
	worksheet_write_boolean(ws, 1, 5, 1, NULL);
	/* row 3: empty cells between filled ones, a formula with its value */
	worksheet_write_string(ws, 2, 0, "A-2", NULL);
	worksheet_write_number(ws, 2, 3, -12, NULL);
	worksheet_write_formula_num(ws, 2, 5, "=1+1", NULL, 2);
	/* row 5 (row 4 absent): a styled blank cell only -> no row */
	worksheet_write_blank(ws, 4, 1, date);
	worksheet_write_string(ws, 5, 1, "x\"y,z", NULL);
	worksheet_write_number(ws, 5, 2, 0.1 + 0.2, NULL);

	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Kunder");
	worksheet_write_string(ws2, 0, 0, "Kundnr", NULL);
	worksheet_write_number(ws2, 1, 0, 1001, NULL);
	worksheet_write_number(ws2, 2, 27, 7, NULL); /* AB3 */
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return path;
}

static const char orders_rows[] = "1:Ordernr|Kund|Datum|Belopp|Tid|Ok\n"
                                  "2:A-1|Åkeri AB|2026-11-26|3500.5|2026-11-26 14:05:00|TRUE\n"
                                  "3:A-2|||-12||2\n"
                                  "6:|x\"y,z|0.3\n";

static void test_xlsxwriter_book(void **state)
{
	(void)state;
	char *path = write_book(0, ".xlsx");
	expect_dump(path, NULL, orders_rows);
	expect_dump(path, "Orders", orders_rows);
	expect_dump(path, "Kunder", "1:Kundnr\n2:1001\n3:|||||||||||||||||||||||||||7\n");
	expect_dump(path, "kunder", "1:Kundnr\n2:1001\n3:|||||||||||||||||||||||||||7\n");
	expect_error(path, "Customers", "no sheet \"Customers\"");
	expect_error(path, "Customers", "\"Orders\", \"Kunder\"");
	unlink(path);
	free(path);
}

static void test_constant_memory_inline_strings(void **state)
{
	(void)state;
	char *path = write_book(1, ".xlsx");
	/* constant-memory mode writes inline strings: check they are there */
	int zerr;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	assert_non_null(z);
	zip_file_t *zf = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
	assert_non_null(zf);
	char buf[8192];
	zip_int64_t n = zip_fread(zf, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = 0;
	assert_non_null(strstr(buf, "inlineStr"));
	zip_fclose(zf);
	zip_discard(z);
	expect_dump(path, NULL, orders_rows);
	unlink(path);
	free(path);
}

static void test_xlsm_and_rewind(void **state)
{
	(void)state;
	char *path = write_book(0, ".xlsm");
	struct ferr err = {0};
	struct xlsx *x;
	assert_int_equal(xlsx_open(path, NULL, &x, &err), 0);
	assert_string_equal(xlsx_sheet_name(x), "Orders");
	struct row row;
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_string_equal(row.f[1].p, "Åkeri AB");
	long long done, total;
	xlsx_progress(x, &done, &total);
	assert_true(total > 0 && done > 0 && done <= total);
	assert_int_equal(xlsx_rewind(x, &err), 0);
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_int_equal(row.line, 1);
	assert_string_equal(row.f[0].p, "Ordernr");
	int rows = 1;
	while (xlsx_next(x, &row, &err) == 1)
		rows++;
	assert_int_equal(rows, 4);
	assert_int_equal(xlsx_next(x, &row, &err), 0);
	xlsx_progress(x, &done, &total);
	assert_true(done == total);
	xlsx_close(x);
	unlink(path);
	free(path);
}

/* ---- hand-made workbooks ------------------------------------------------ */

struct part {
	const char *name, *xml;
};

static const char ns[] = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                         "relationships\"";

static const char root_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

static const char wb_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"/xl/worksheets/../worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>";

/* cellXfs: 0 general, 1 builtin 14, 2 custom [$-41D]yyyy-mm-dd, 3 custom
 * '#,##0 "dagar"', 4 builtin 20 (h:mm), 5 custom [h]:mm, 6 custom
 * '"d"0.0' (d quoted -> number), 7 custom 'mm:ss', 8 builtin 22 */
static const char styles_xml[] =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"[$-41D]yyyy\\-mm\\-dd\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0 &quot;dagar&quot;\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"&quot;d&quot;0.0\"/>"
    "<numFmt numFmtId=\"168\" formatCode=\"mm:ss\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"9\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"20\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
    "<xf numFmtId=\"168\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>";

static const char sst_xml[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\">"
    "<si><t>plain</t></si>"
    "<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space=\"preserve\">text</t></r></si>"
    "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
    "<si><t>line_x000D_\nbreak _x005F_x0041_ &amp; &lt;ok&gt;</t></si></sst>";

static char *zip_parts(const struct part *parts, size_t n, const char *suffix)
{
	char *path = tmp_name(suffix);
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, parts[i].xml, strlen(parts[i].xml), 0);
		assert_non_null(src);
		zip_int64_t idx = zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 1); /* fast */
	}
	assert_int_equal(zip_close(z), 0);
	return path;
}

/* A workbook with sheet1 (first, "Data") and sheet2 ("Two"), and a chart
 * sheet listed first when chart_first. */
static char *hand_book(const char *sheet1, const char *workbook_pr, int chart_first)
{
	char wb[2048];
	snprintf(wb, sizeof(wb),
	         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook %s>%s<sheets>%s"
	         "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
	         "<sheet name=\"Two\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
	         ns, workbook_pr,
	         chart_first ? "<sheet name=\"Chart\" sheetId=\"9\" r:id=\"rId5\"/>" : "");
	char s2[512];
	snprintf(s2, sizeof(s2),
	         "<worksheet %s><sheetData><row r=\"2\"><c r=\"B2\"><v>5</v></c></row>"
	         "</sheetData></worksheet>",
	         ns);
	struct part parts[] = {
	    {"_rels/.rels", root_rels},
	    {"xl/workbook.xml", wb},
	    {"xl/_rels/workbook.xml.rels", wb_rels},
	    {"xl/styles.xml", styles_xml},
	    {"xl/sharedStrings.xml", sst_xml},
	    {"xl/worksheets/sheet1.xml", sheet1},
	    {"xl/worksheets/sheet2.xml", s2},
	    {"xl/chartsheets/sheet1.xml", "<chartsheet/>"},
	};
	return zip_parts(parts, sizeof(parts) / sizeof(parts[0]), ".xlsx");
}

static char *sheet_xml(const char *rows)
{
	char *s = NULL;
	assert_true(asprintf(&s,
	                     "<?xml version=\"1.0\"?><worksheet %s><dimension ref=\"A1\"/>"
	                     "<sheetData>%s</sheetData></worksheet>",
	                     ns, rows) > 0);
	return s;
}

static void expect_hand(const char *rows, const char *workbook_pr, const char *want)
{
	char *s = sheet_xml(rows);
	char *path = hand_book(s, workbook_pr, 0);
	expect_dump(path, NULL, want);
	unlink(path);
	free(path);
	free(s);
}

static void test_strings(void **state)
{
	(void)state;
	expect_hand("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	            "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
	            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>in</t></is></c>"
	            "<c r=\"B2\" t=\"inlineStr\"><is><r><t>ri</t></r><r><t>ch</t></r>"
	            "<rPh><t>x</t></rPh></is></c>"
	            "<c r=\"C2\" t=\"str\"><f>A1&amp;\"\"</f><v>cached</v></c>"
	            "<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
	            "<c r=\"E2\" t=\"e\"><v>#N/A</v></c>"
	            "<c r=\"F2\" t=\"b\"><v>0</v></c><c r=\"G2\" t=\"b\"><v>1</v></c></row>"
	            "<rPh/><row r=\"3\"><t>stray</t><c r=\"A3\" "
	            "t=\"inlineStr\"><is><t>ok</t></is></c></row>",
	            "",
	            "1:plain|rich text|東京|line\r\nbreak _x0041_ & <ok>\n"
	            "2:in|rich|cached|#DIV/0!|#N/A|FALSE|TRUE\n3:ok\n");
}

static void test_numbers(void **state)
{
	(void)state;
	expect_hand(
	    "<row r=\"1\"><c r=\"A1\"><v>261.95999999999998</v></c>"
	    "<c r=\"B1\"><v>41.913600000000002</v></c><c r=\"C1\"><v>-0</v></c>"
	    "<c r=\"D1\"><v>1E-3</v></c><c r=\"E1\"><v>1e21</v></c>"
	    "<c r=\"F1\"><v>123456789012345678</v></c><c r=\"G1\"><v>1.5e-9</v></c>"
	    "<c r=\"H1\"><v>100</v></c><c r=\"I1\"><v>1e20</v></c>"
	    "<c r=\"J1\" s=\"3\"><v>7</v></c><c r=\"K1\" s=\"6\"><v>2.25</v></c>"
	    "<c r=\"L1\"><v>n/a</v></c><c r=\"M1\"><v>0.1</v></c>"
	    "<c r=\"N1\"><v>731.93999999999994</v></c><c r=\"O1\"><v>0.30000000000000004</v></c>"
	    "<c r=\"P1\"><v>3.1415926535897931</v></c><c r=\"Q1\"><v>-1234567.125</v></c></row>",
	    "",
	    "1:261.96|41.9136|0|0.001|1e+21|123456789012346000|1.5e-9|100|"
	    "100000000000000000000|7|2.25|n/a|0.1|731.94|0.3|3.14159265358979|-1234567.125\n");
}

static void test_dates(void **state)
{
	(void)state;
	/* 1900 system: 59 = 1900-02-28, 60 = the phantom 1900-02-29, 61 =
	 * 1900-03-01; 42682 = 2016-11-08 (superstore's first order). */
	expect_hand(
	    "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1</v></c><c r=\"B1\" s=\"1\"><v>59</v></c>"
	    "<c r=\"C1\" s=\"1\"><v>60</v></c><c r=\"D1\" s=\"1\"><v>61</v></c>"
	    "<c r=\"E1\" s=\"2\"><v>42682</v></c><c r=\"F1\" s=\"8\"><v>46352.586805555555</v></c>"
	    "<c r=\"G1\" s=\"4\"><v>0.5</v></c><c r=\"H1\" s=\"5\"><v>1.25</v></c>"
	    "<c r=\"I1\" s=\"7\"><v>0.000694444444444444</v></c>"
	    "<c r=\"J1\" s=\"1\"><v>-1</v></c><c r=\"K1\" s=\"1\"><v>2958465</v></c>"
	    "<c r=\"L1\" s=\"1\"><v>2958466</v></c><c r=\"M1\" s=\"1\"><v>45000.99999999</v></c>"
	    "<c r=\"N1\" t=\"d\"><v>2026-11-26T00:00:00Z</v></c>"
	    "<c r=\"O1\" t=\"d\"><v>2026-11-26T14:05:00.000</v></c>"
	    "<c r=\"P1\" s=\"99\"><v>3</v></c></row>",
	    "",
	    "1:1900-01-01|1900-02-28|1900-02-29|1900-03-01|2016-11-08|2026-11-26 14:05:00|"
	    "12:00:00|1900-01-01 06:00:00|00:01:00|-1|9999-12-31|2958466|2023-03-16|"
	    "2026-11-26|2026-11-26 14:05:00|3\n");
	/* 1904 system: serial 0 = 1904-01-01, 42682 - 1462 = 2016-11-08 */
	expect_hand("<row><c s=\"1\"><v>0</v></c><c s=\"1\"><v>41220</v></c>"
	            "<c s=\"4\"><v>0.75</v></c></row>",
	            "<workbookPr date1904=\"1\"/>", "1:1904-01-01|2016-11-08|18:00:00\n");
}

static void test_layout(void **state)
{
	(void)state;
	/* no r attributes: cells and rows follow each other; a lone cell at AB;
	 * cells out of order; a row of only empty cells skipped */
	expect_hand(
	    "<row><c><v>1</v></c><c><v>2</v></c><c r=\"E1\"><v>5</v></c><c><v>6</v></c></row>"
	    "<row><c r=\"AB2\"><v>28</v></c></row>"
	    "<row r=\"4\"><c r=\"C4\"><v>3</v></c><c r=\"A4\"><v>1</v></c></row>"
	    "<row r=\"5\"><c r=\"A5\" s=\"1\"/><c r=\"B5\" t=\"s\"><v></v></c></row>"
	    "<row><c><v>7</v></c></row>",
	    "", "1:1|2|||5|6\n2:|||||||||||||||||||||||||||28\n4:1||3\n6:7\n");

	/* the last cell of a sheet, XFD1048576 */
	char *s = sheet_xml("<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\">"
	                    "<is><t>z</t></is></c></row>");
	char *path = hand_book(s, "", 0);
	struct ferr err = {0};
	struct xlsx *x;
	struct row row;
	assert_int_equal(xlsx_open(path, NULL, &x, &err), 0);
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_int_equal(row.line, 1048576);
	assert_int_equal(row.nf, 16384);
	assert_string_equal(row.f[16383].p, "z");
	assert_int_equal(row.f[100].n, 0);
	assert_int_equal(xlsx_next(x, &row, &err), 0);
	xlsx_close(x);
	unlink(path);
	free(path);
	free(s);
}

static void test_sheets(void **state)
{
	(void)state;
	char *s = sheet_xml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
	char *path = hand_book(s, "", 1);
	/* the chart sheet is first in order; the first worksheet is read */
	expect_dump(path, NULL, "1:1\n");
	expect_dump(path, "Two", "2:|5\n");
	expect_error(path, "Chart", "is a chart");
	expect_error(path, "Nope", "its sheets are \"Chart\", \"Data\", \"Two\"");
	unlink(path);
	free(path);
	free(s);
}

static void test_errors(void **state)
{
	(void)state;
	struct ferr err = {0};
	struct xlsx *x = NULL;
	const char *p = tu_tmpfile(".xlsx", "Name,Amount\nA,1\n", 16);
	assert_int_equal(xlsx_open(p, NULL, &x, &err), -1);
	assert_null(x);
	assert_non_null(strstr(err.msg, "not an Excel workbook"));
	assert_string_equal(err.file, p);

	p = tu_tmpfile(".xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more bytes here", 28);
	assert_int_equal(xlsx_open(p, NULL, &x, &err), -1);
	assert_non_null(strstr(err.msg, ".xls"));

	assert_int_equal(xlsx_open("/nonexistent/book.xlsx", NULL, &x, &err), -1);
	assert_non_null(strstr(err.msg, "cannot open"));

	struct part other[] = {{"readme.txt", "hello"}};
	char *zp = zip_parts(other, 1, ".xlsx");
	expect_error(zp, NULL, "not an Excel workbook");
	unlink(zp);
	free(zp);

	/* damage inside the sheet shows up when reading, after the good rows */
	char *s = sheet_xml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\">");
	char *path = hand_book(s, "", 0);
	assert_int_equal(xlsx_open(path, NULL, &x, &err), 0);
	struct row row;
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_int_equal(xlsx_next(x, &row, &err), -1);
	assert_non_null(strstr(err.msg, "damaged workbook: xl/worksheets/sheet1.xml"));
	assert_int_equal(xlsx_next(x, &row, &err), -1);
	xlsx_close(x);
	unlink(path);
	free(path);
	free(s);

	const char *bad[][2] = {
	    {"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row>", "shared string"},
	    {"<row r=\"1\"><c r=\"AAAA1\"><v>1</v></c></row>", "cell reference"},
	    {"<row r=\"0\"><c><v>1</v></c></row>", "row number"},
	    {"<row r=\"1\"><c r=\"A1\"><v>&bomb;</v></c></row>", "damaged workbook"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = sheet_xml(bad[i][0]);
		path = hand_book(s, "", 0);
		expect_error(path, NULL, bad[i][1]);
		unlink(path);
		free(path);
		free(s);
	}

	/* a DTD (entity expansion) is refused */
	static const char dtd[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaa\">]>"
	    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&a;</t></is></c>"
	    "</row></sheetData></worksheet>";
	path = hand_book(dtd, "", 0);
	expect_error(path, NULL, "DTD");
	unlink(path);
	free(path);
}

/* Texts no Excel can write (a cell over 16 MB, a row over 64 MB) are
 * refused with a sentence instead of filling memory. */
static void test_limits(void **state)
{
	(void)state;
	size_t big = (16u << 20) + 10;
	char *text = malloc(big + 1);
	memset(text, 'a', big);
	text[big] = '\0';
	char *rows = NULL;
	assert_true(asprintf(&rows, "<row r=\"7\"><c t=\"inlineStr\"><is><t>%s</t></is></c></row>",
	                     text) > 0);
	char *s = sheet_xml(rows);
	char *path = hand_book(s, "", 0);
	expect_error(path, NULL, "a cell in row 7 holds more than 16 MB of text");
	unlink(path);
	free(path);
	free(s);
	free(rows);

	/* five cells of 15 MB: each is fine, the row is not */
	text[15u << 20] = '\0';
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "<row r=\"3\">");
	for (int i = 0; i < 5; i++)
		strbuf_printf(&sb, "<c t=\"inlineStr\"><is><t>%s</t></is></c>", text);
	strbuf_puts(&sb, "</row>");
	s = sheet_xml(sb.buf);
	path = hand_book(s, "", 0);
	expect_error(path, NULL, "row 3 holds more than 64 MB of text");
	unlink(path);
	free(path);
	free(s);
	strbuf_free(&sb);
	free(text);
}

/* ---- the real workbook ------------------------------------------------ */

static void test_superstore(void **state)
{
	(void)state;
	struct ferr err = {0};
	struct xlsx *x;
	if (xlsx_open(SUPERSTORE, "Orders", &x, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(xlsx_sheet_name(x), "Orders");
	struct row row;
	long rows = 0;
	double sales = 0;
	int rc;
	while ((rc = xlsx_next(x, &row, &err)) == 1) {
		rows++;
		assert_int_equal(row.nf, 21);
		if (row.line == 1) {
			assert_string_equal(row.f[0].p, "Row ID");
			assert_string_equal(row.f[2].p, "Order Date");
			assert_string_equal(row.f[20].p, "Profit");
			continue;
		}
		assert_int_equal(row.line, rows);
		assert_int_equal(row.f[2].n, 10); /* every date is ISO */
		assert_true(row.f[2].p[4] == '-' && row.f[2].p[7] == '-');
		sales += strtod(row.f[17].p, NULL);
		if (row.line == 2) {
			assert_string_equal(row.f[0].p, "1");
			assert_string_equal(row.f[1].p, "CA-2016-152156");
			assert_string_equal(row.f[2].p, "2016-11-08");
			assert_string_equal(row.f[3].p, "2016-11-11");
			assert_string_equal(row.f[6].p, "Claire Gute");
			assert_string_equal(row.f[11].p, "42420");
			assert_string_equal(row.f[17].p, "261.96");
			assert_string_equal(row.f[20].p, "41.9136");
		} else if (row.line == 3) {
			assert_string_equal(
			    row.f[16].p,
			    "Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back");
			assert_string_equal(row.f[17].p, "731.94");
			assert_string_equal(row.f[20].p, "219.582");
		} else if (row.line == 9995) {
			assert_string_equal(row.f[0].p, "9994");
			assert_string_equal(row.f[2].p, "2017-05-04");
			assert_string_equal(row.f[3].p, "2017-05-09");
			assert_string_equal(row.f[6].p, "Chris Cortes");
			assert_string_equal(row.f[17].p, "243.16");
			assert_string_equal(row.f[20].p, "72.948");
		}
	}
	assert_int_equal(rc, 0);
	assert_int_equal(rows, 9995);
	/* the Sales total of superstore_iso_dates.csv */
	assert_true(sales > 2297200.8 && sales < 2297200.9);
	xlsx_close(x);
	expect_error(SUPERSTORE, "Kunder", "its sheets are \"Orders\", \"Returns\", \"People\"");
}

/* Splits one line of superstore_iso_dates.csv (quoted fields, no newlines
 * inside) into fields, in place. Returns the count. */
static int split_csv(char *s, char **f, int max)
{
	int n = 0;
	while (*s && n < max) {
		char *o = s;
		f[n++] = o;
		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					*o++ = *s++;
				else if (*s == '"')
					break;
				else
					*o++ = *s;
			}
			if (*s)
				s++;
		} else {
			while (*s && *s != ',' && *s != '\n' && *s != '\r')
				*o++ = *s++;
		}
		int more = *s == ',';
		*o = '\0';
		if (!more)
			break;
		s++;
	}
	return n;
}

/* Both are numbers within 1e-9 relative: Excel's csv export writes what
 * the cell shows (85.3092), the workbook holds 85.309199999999805, of which
 * fokus keeps Excel's 15 digits (85.3091999999998). */
static int same_number(const char *a, const char *b)
{
	char *ea, *eb;
	double x = strtod(a, &ea), y = strtod(b, &eb);
	if (ea == a || *ea || eb == b || *eb)
		return 0;
	return fabs(x - y) <= 1e-9 * (fabs(y) > 1 ? fabs(y) : 1);
}

/* The whole Orders sheet, cell by cell, equals superstore_iso_dates.csv
 * (the same data exported by Excel with ISO dates; numbers as shown). */
static void test_superstore_equals_csv(void **state)
{
	(void)state;
	FILE *csv = fopen("tests/data/superstore_iso_dates.csv", "r");
	assert_non_null(csv);
	struct ferr err = {0};
	struct xlsx *x;
	assert_int_equal(xlsx_open(SUPERSTORE, NULL, &x, &err), 0);
	char line[4096];
	char *f[32];
	struct row row;
	long rows = 0;
	while (fgets(line, sizeof(line), csv)) {
		int n = split_csv(line, f, 32);
		assert_int_equal(xlsx_next(x, &row, &err), 1);
		assert_int_equal(row.nf, n);
		for (int i = 0; i < n; i++)
			if (strcmp(row.f[i].p, f[i]) != 0 && !same_number(row.f[i].p, f[i]))
				fail_msg("row %ld col %d: xlsx \"%s\" csv \"%s\"", row.line, i + 1,
				         row.f[i].p, f[i]);
		rows++;
	}
	assert_int_equal(rows, 9995);
	assert_int_equal(xlsx_next(x, &row, &err), 0);
	xlsx_close(x);
	fclose(csv);
}

/* No --sheet: the first sheet in workbook order; other sheets by name. */
static void test_superstore_first_sheet_default(void **state)
{
	(void)state;
	struct ferr err = {0};
	struct xlsx *x;
	assert_int_equal(xlsx_open(SUPERSTORE, NULL, &x, &err), 0);
	assert_string_equal(xlsx_sheet_name(x), "Orders");
	xlsx_close(x);
	assert_int_equal(xlsx_open(SUPERSTORE, "People", &x, &err), 0);
	struct row row;
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_int_equal(row.line, 1);
	xlsx_close(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xlsxwriter_book),
	    cmocka_unit_test(test_constant_memory_inline_strings),
	    cmocka_unit_test(test_xlsm_and_rewind),
	    cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_layout),
	    cmocka_unit_test(test_sheets),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_superstore),
	    cmocka_unit_test(test_superstore_equals_csv),
	    cmocka_unit_test(test_superstore_first_sheet_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
