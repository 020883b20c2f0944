/* test-csv.c — covers src/io/csv.c, src/io/encoding.c and src/io/reader.c:
 * delimiters, encodings (BOM, Windows-1252, UTF-16), line ends, quoting,
 * line numbers, block boundaries, bad files, the real public files. */
#include "testutil.h"

#include "io/csv.h"
#include "io/encoding.h"
#include "io/reader.h"
#include "util/strbuf.h"

#define DATA "tests/data/"

/* All rows of a file as text: "line|f1|f2|...\n" per row (fields with \n
 * shown as \n), using block size `block`. Returns the number of rows or
 * -1 (err filled). */
static long dump(const char *path, size_t block, int delim, struct strbuf *sb, struct ferr *err)
{
	struct csv *c;
	struct csv_opts o = {.delimiter = delim, .block = block};
	if (csv_open(path, &o, &c, err) < 0)
		return -1;
	struct row row;
	long n = 0;
	int r;
	while ((r = csv_next(c, &row, err)) == 1) {
		strbuf_printf(sb, "%ld", row.line);
		for (int i = 0; i < row.nf; i++) {
			strbuf_putc(sb, '|');
			assert_int_equal(strlen(row.f[i].p), row.f[i].n);
			for (size_t k = 0; k < row.f[i].n; k++) {
				if (row.f[i].p[k] == '\n')
					strbuf_puts(sb, "\\n");
				else if (row.f[i].p[k] == '\r')
					strbuf_puts(sb, "\\r");
				else
					strbuf_putc(sb, row.f[i].p[k]);
			}
		}
		strbuf_putc(sb, '\n');
		n++;
	}
	csv_close(c);
	return r < 0 ? -1 : n;
}

static void expect_dump(const char *data, size_t len, const char *want, const char *want_desc)
{
	const char *path = tu_tmpfile(".csv", data, len);
	static const size_t blocks[] = {0, 1, 2, 3, 5, 7, 16, 64};
	for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
		struct strbuf sb = STRBUF_INIT;
		struct ferr err = {0};
		long n = dump(path, blocks[b], 0, &sb, &err);
		if (n < 0)
			fail_msg("block %zu: %s", blocks[b], err.msg);
		if (strcmp(strbuf_cstr(&sb), want))
			fail_msg("block %zu:\n%s\nwanted:\n%s", blocks[b], strbuf_cstr(&sb), want);
		strbuf_free(&sb);
	}
	if (want_desc) {
		struct csv *c;
		struct ferr err = {0};
		assert_int_equal(csv_open(path, NULL, &c, &err), 0);
		struct row row;
		while (csv_next(c, &row, &err) == 1)
			;
		assert_string_equal(csv_describe(c), want_desc);
		csv_close(c);
	}
	unlink(path);
}

#define EXPECT(data, want, desc) expect_dump(data, sizeof(data) - 1, want, desc)

static void test_delimiters(void **state)
{
	(void)state;
	EXPECT("a,b,c\n1,2,3\n4,5,6\n", "1|a|b|c\n2|1|2|3\n3|4|5|6\n", "csv, ',', utf-8, LF");
	EXPECT("Kund;Belopp\r\n1;3,50\r\n2;4,25\r\n", "1|Kund|Belopp\n2|1|3,50\n3|2|4,25\n",
	       "csv, ';', utf-8, CRLF");
	EXPECT("a\tb\n1\t2,5\n", "1|a|b\n2|1|2,5\n", "csv, tab, utf-8, LF");
	/* semicolons inside quoted text do not fool the comma detection */
	EXPECT("id,text\n1,\"a;b;c\"\n2,\"x;y\"\n", "1|id|text\n2|1|a;b;c\n3|2|x;y\n",
	       "csv, ',', utf-8, LF");
	/* a single column */
	EXPECT("id\n1\n2", "1|id\n2|1\n3|2\n", "csv, ',', utf-8, LF");
	/* header only, no line end */
	EXPECT("a;b;c", "1|a|b|c\n", "csv, ';', utf-8, LF");
}

static void test_quotes_and_lines(void **state)
{
	(void)state;
	/* delimiters, doubled quotes and newlines inside quotes; the row after
	 * a quoted newline starts on the right physical line */
	EXPECT("id,note,n\n"
	       "1,\"a, b\",2\n"
	       "2,\"say \"\"hi\"\"\",3\n"
	       "3,\"two\nlines\n and three\",4\n"
	       "4,\"\",\n"
	       "5,x\"y,6\n",
	       "1|id|note|n\n2|1|a, b|2\n3|2|say \"hi\"|3\n4|3|two\\nlines\\n and three|4\n"
	       "7|4||\n8|5|x\"y|6\n",
	       NULL);
	/* CRLF with a quoted CRLF inside; blank lines skipped but counted */
	EXPECT("a;b\r\n\r\n1;\"x\r\ny\"\r\n\r\n2;z\r\n", "1|a|b\n3|1|x\\r\\ny\n6|2|z\n",
	       "csv, ';', utf-8, CRLF");
	/* old Mac line ends */
	EXPECT("a,b\r1,2\r3,\"4\r5\"\r6,7", "1|a|b\n2|1|2\n3|3|4\\r5\n5|6|7\n",
	       "csv, ',', utf-8, CR");
	/* a quote at the very end without a line end; text after a closing quote */
	EXPECT("a,b\n\"1\"x,\"2\"", "1|a|b\n2|1x|2\n", NULL);
	/* spaces before an opening quote; spaces elsewhere are kept */
	EXPECT("a, b, c\n1, \"x, y\",  z \n", "1|a| b| c\n2|1|x, y|  z \n", "csv, ',', utf-8, LF");
	/* a last line with a CR but no LF */
	EXPECT("a,b\r\n1,2\r", "1|a|b\n2|1|2\n", NULL);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	const char data[] = "a,b\n1,2\n3,\"never\nends\n4,5\n";
	const char *path = tu_tmpfile(".csv", data, sizeof(data) - 1);
	struct csv *c;
	struct ferr err = {0};
	assert_int_equal(csv_open(path, NULL, &c, &err), 0);
	struct row row;
	assert_int_equal(csv_next(c, &row, &err), 1);
	assert_int_equal(csv_next(c, &row, &err), 1);
	assert_int_equal(csv_next(c, &row, &err), -1);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 2);
	assert_non_null(strstr(err.msg, "never ends"));
	csv_close(c);
	unlink(path);
}

static void test_windows1252(void **state)
{
	(void)state;
	/* Göteborg, Åre, Malmö, €, en dash in Windows-1252 */
	EXPECT("Kund;Ort;Belopp\r\n1;G\xf6teborg;\x80 5\r\n2;\xc5re;3\x96"
	       "4\r\n3;Malm\xf6;1\r\n",
	       "1|Kund|Ort|Belopp\n2|1|Göteborg|€ 5\n3|2|Åre|3–4\n4|3|Malmö|1\n",
	       "csv, ';', windows-1252, CRLF");
	/* UTF-8 with BOM stays UTF-8, and the BOM is not part of the first header */
	EXPECT("\xef\xbb\xbfKund;Ort\n1;G\xc3\xb6teborg\n", "1|Kund|Ort\n2|1|Göteborg\n",
	       "csv, ';', utf-8 with BOM, LF");
	/* UTF-8 without BOM */
	EXPECT("Kund;Ort\n1;\xc3\x85re\n", "1|Kund|Ort\n2|1|Åre\n", "csv, ';', utf-8, LF");
}

/* The first non-ASCII byte comes after a large ASCII prefix (past the
 * first block): the decision is made there, for the whole file. */
static void test_late_non_ascii(void **state)
{
	(void)state;
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
	strbuf_puts(&in, "id;name\n");
	strbuf_puts(&want, "1|id|name\n");
	for (int i = 0; i < 50000; i++) {
		strbuf_printf(&in, "%d;plain\n", i);
		strbuf_printf(&want, "%d|%d|plain\n", i + 2, i);
	}
	strbuf_puts(&in, "x;V\xe4ster\xe5s\n");
	strbuf_puts(&want, "50002|x|Västerås\n");
	const char *path = tu_tmpfile(".csv", in.buf, in.len);
	struct strbuf out = STRBUF_INIT;
	struct ferr err = {0};
	assert_int_equal(dump(path, 0, 0, &out, &err), 50002);
	assert_string_equal(strbuf_cstr(&out), strbuf_cstr(&want));
	strbuf_reset(&out);
	assert_int_equal(dump(path, 4096, 0, &out, &err), 50002);
	assert_string_equal(strbuf_cstr(&out), strbuf_cstr(&want));
	strbuf_reset(&out);
	assert_int_equal(dump(path, 7, 0, &out, &err), 50002); /* the look-ahead spans blocks */
	assert_string_equal(strbuf_cstr(&out), strbuf_cstr(&want));
	unlink(path);

	/* the same in UTF-8 with one stray Windows-1252 byte later on */
	strbuf_reset(&in);
	strbuf_reset(&want);
	strbuf_puts(&in, "id;name\n1;V\xc3\xa4ster\xc3\xa5s\n");
	strbuf_puts(&want, "1|id|name\n2|1|Västerås\n");
	for (int i = 0; i < 20000; i++) {
		strbuf_printf(&in, "%d;plain\n", i);
		strbuf_printf(&want, "%d|%d|plain\n", i + 3, i);
	}
	strbuf_puts(&in, "x;G\xf6teborg\n");
	strbuf_puts(&want, "20003|x|Göteborg\n");
	path = tu_tmpfile(".csv", in.buf, in.len);
	strbuf_reset(&out);
	assert_int_equal(dump(path, 0, 0, &out, &err), 20003);
	assert_string_equal(strbuf_cstr(&out), strbuf_cstr(&want));
	struct csv *c;
	assert_int_equal(csv_open(path, NULL, &c, &err), 0);
	struct row row;
	while (csv_next(c, &row, &err) == 1)
		;
	assert_string_equal(
	    csv_describe(c),
	    "csv, ';', utf-8 (1 bytes that were not UTF-8 read as windows-1252), LF");
	csv_close(c);
	unlink(path);
	strbuf_free(&in);
	strbuf_free(&want);
	strbuf_free(&out);
}

/* Issue 14: a ';' file with "Benämning" in its header, larger than the
 * 64 KiB sample, in UTF-8 and Windows-1252, LF and CRLF: the same
 * delimiter, encoding and header at every size and every block size (the
 * sample used to be a raw 64 KiB window, converted only up to the first
 * non-ASCII byte when fewer than 64 KiB followed it: the header's "ä" cut
 * the sample to "Kundnr;Datum;Belopp;Ben" — no complete line — and ','
 * won by default). */
static void test_sample_any_size(void **state)
{
	(void)state;
	static const size_t blocks[] = {0, 7, 4096, 65536};
	static const int sizes[] = {1, 700, 2000, 5000, 20000};
	for (int cp = 0; cp < 2; cp++) {
		for (int crlf = 0; crlf < 2; crlf++) {
			const char *eol = crlf ? "\r\n" : "\n";
			const char *ae = cp ? "\xe4" : "\xc3\xa4";
			for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
				struct strbuf in = STRBUF_INIT;
				strbuf_printf(&in, "Kundnr;Datum;Belopp;Ben%smning%s", ae, eol);
				for (int i = 0; i < sizes[z]; i++)
					strbuf_printf(&in, "K%d;2026-01-%02d;%d,%02d;Vara %d%s",
					              i % 300, 1 + i % 28, i * 37 % 99999, i % 100,
					              i, eol);
				const char *path = tu_tmpfile(".csv", in.buf, in.len);
				for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
					struct csv *c;
					struct ferr err = {0};
					struct csv_opts o = {.block = blocks[b]};
					assert_int_equal(csv_open(path, &o, &c, &err), 0);
					struct row row;
					assert_int_equal(csv_next(c, &row, &err), 1);
					assert_int_equal(row.nf, 4);
					assert_string_equal(row.f[3].p, "Benämning");
					char want[80];
					snprintf(want, sizeof(want), "csv, ';', %s, %s",
					         cp ? "windows-1252" : "utf-8",
					         crlf ? "CRLF" : "LF");
					assert_string_equal(csv_describe(c), want);
					long rows = 1;
					while (csv_next(c, &row, &err) == 1) {
						assert_int_equal(row.nf, 4);
						rows++;
					}
					assert_int_equal(rows, sizes[z] + 1);
					csv_close(c);
				}
				unlink(path);
				strbuf_free(&in);
			}
		}
	}
}

/* The detection reads complete lines only: any file that starts with the
 * same sample (complete lines within 64 KiB) gets the same decision,
 * however long it is and wherever a line is cut — here a file whose 3rd
 * row alone would tip the vote, and cuts of it at every few KB. */
static void test_sample_prefix(void **state)
{
	(void)state;
	struct strbuf in = STRBUF_INIT;
	strbuf_puts(&in, "Rapport \xc3\xb6ver f\xc3\xb6rs\xc3\xa4ljning, 2026\n");
	strbuf_puts(&in, "Kund;Ort;Belopp\n");
	for (int i = 0; i < 6000; i++)
		strbuf_printf(&in, "%d;\"G\xc3\xb6teborg, Hisingen\";%d,%02d\n", i, i, i % 100);
	char first[160] = "";
	for (size_t cut = 70000; cut <= in.len + 4096; cut += 9001) {
		size_t n = cut < in.len ? cut : in.len;
		while (n < in.len && in.buf[n - 1] != '\n')
			n++;
		const char *path = tu_tmpfile(".csv", in.buf, n);
		struct csv *c;
		struct ferr err = {0};
		struct csv_opts o = {.block = cut % 3 ? 4096 : 0};
		assert_int_equal(csv_open(path, &o, &c, &err), 0);
		if (!first[0])
			snprintf(first, sizeof(first), "%s", csv_describe(c));
		assert_string_equal(csv_describe(c), first);
		csv_close(c);
		unlink(path);
	}
	assert_string_equal(first, "csv, ';', utf-8, LF");
	strbuf_free(&in);
}

static void test_utf16(void **state)
{
	(void)state;
	/* "a\tö\r\n1\t😀\r\n" in UTF-16LE with BOM (as Excel's "Unicode text") */
	const unsigned char le[] = {0xFF, 0xFE, 'a',  0, '\t', 0,    0xF6, 0,    '\r', 0, '\n', 0,
	                            '1',  0,    '\t', 0, 0x3D, 0xD8, 0x00, 0xDE, '\r', 0, '\n', 0};
	expect_dump((const char *)le, sizeof(le), "1|a|ö\n2|1|😀\n",
	            "csv, tab, utf-16le with BOM, CRLF");
	const unsigned char be[] = {0xFE, 0xFF, 0, 'a', 0, ';', 0, 'b',
	                            0,    '\n', 0, '1', 0, ';', 0, '2'};
	expect_dump((const char *)be, sizeof(be), "1|a|b\n2|1|2\n",
	            "csv, ';', utf-16be with BOM, LF");
	/* without a BOM: every other byte NUL */
	const unsigned char nb[] = {'a', 0, ',', 0, 'b', 0, '\n', 0,
	                            '1', 0, ',', 0, '2', 0, '\n', 0};
	expect_dump((const char *)nb, sizeof(nb), "1|a|b\n2|1|2\n", "csv, ',', utf-16le, LF");
}

static void test_encoder(void **state)
{
	(void)state;
	assert_int_equal(encoding_utf8_valid((const unsigned char *)"G\xc3\xb6teborg", 9), 1);
	assert_int_equal(encoding_utf8_valid((const unsigned char *)"G\xf6teborg", 8), 0);
	assert_int_equal(encoding_utf8_valid((const unsigned char *)"\xc0\xaf", 2),
	                 0); /* overlong */
	assert_int_equal(encoding_utf8_valid((const unsigned char *)"\xed\xa0\x80", 3),
	                 0); /* surrogate */
	assert_int_equal(encoding_utf8_valid((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(encoding_utf8_valid((const unsigned char *)"\xf0\x9f\x98\x80", 4), 1);
	/* a sequence cut at the end of a block waits for the rest */
	struct encoder e;
	encoding_init(&e, ENC_UTF8);
	char out[64];
	size_t used;
	size_t n = encoding_convert(&e, (const unsigned char *)"ab\xc3", 3, 0, out, &used);
	assert_int_equal(n, 2);
	assert_int_equal(used, 2);
	n = encoding_convert(&e, (const unsigned char *)"ab\xc3", 3, 1, out, &used);
	assert_int_equal(used, 3);
	assert_int_equal(e.fallback, 1);
	assert_memory_equal(out, "ab\xc3\x83", 4); /* Ã */
	/* NUL bytes are dropped */
	encoding_init(&e, ENC_AUTO);
	n = encoding_convert(&e, (const unsigned char *)"a\0b", 3, 1, out, &used);
	assert_int_equal(n, 2);
	assert_memory_equal(out, "ab", 2);
	assert_int_equal(e.nul, 1);
	assert_string_equal(encoding_name(ENC_CP1252), "windows-1252");
}

/* Deterministic pseudo-random csv with quotes, delimiters and newlines in
 * fields, CRLF and Windows-1252 bytes; every block size gives the rows the
 * one-block read gives. */
static void test_block_boundaries(void **state)
{
	(void)state;
	static const char *const pieces[] = {"plain",      "\"q;uoted\"", "\"two\r\nlines\"",
	                                     "\"\"\"\"",   "G\xf6ta",     "",
	                                     "\"a\"\"b\"", "12,50",       "\"x\ny\nz\""};
	struct strbuf in = STRBUF_INIT;
	unsigned seed = 7;
	strbuf_puts(&in, "h1;h2;h3;h4\r\n");
	for (int r = 0; r < 300; r++) {
		for (int f = 0; f < 4; f++) {
			seed = seed * 1103515245u + 12345u;
			if (f)
				strbuf_putc(&in, ';');
			strbuf_puts(&in,
			            pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))]);
		}
		strbuf_puts(&in, (seed >> 8) % 7 == 0 ? "\r\n\r\n" : "\r\n");
	}
	const char *path = tu_tmpfile(".csv", in.buf, in.len);
	struct strbuf ref = STRBUF_INIT;
	struct ferr err = {0};
	long nref = dump(path, 0, 0, &ref, &err);
	assert_int_equal(nref, 301);
	assert_non_null(strstr(strbuf_cstr(&ref), "Göta"));
	for (size_t b = 1; b < 40; b++) {
		struct strbuf sb = STRBUF_INIT;
		assert_int_equal(dump(path, b, 0, &sb, &err), nref);
		assert_string_equal(strbuf_cstr(&sb), strbuf_cstr(&ref));
		strbuf_free(&sb);
	}
	unlink(path);
	strbuf_free(&in);
	strbuf_free(&ref);
}

static void test_rewind(void **state)
{
	(void)state;
	const char data[] = "\xef\xbb\xbf"
	                    "a;b\n1;\"x\ny\"\n2;3\n";
	const char *path = tu_tmpfile(".csv", data, sizeof(data) - 1);
	struct reader *r;
	struct ferr err = {0};
	assert_int_equal(reader_open(path, NULL, &r, &err), 0);
	assert_int_equal(reader_is_xlsx(r), 0);
	for (int pass = 0; pass < 2; pass++) {
		struct row row;
		assert_int_equal(reader_next(r, &row, &err), 1);
		assert_string_equal(row.f[0].p, "a");
		assert_int_equal(reader_next(r, &row, &err), 1);
		assert_string_equal(row.f[1].p, "x\ny");
		assert_int_equal(reader_next(r, &row, &err), 1);
		assert_int_equal(row.line, 4);
		assert_int_equal(reader_next(r, &row, &err), 0);
		long long done, total;
		reader_progress(r, &done, &total);
		assert_int_equal(total, sizeof(data) - 1);
		assert_int_equal(done, total);
		assert_int_equal(reader_rewind(r, &err), 0);
	}
	assert_string_equal(reader_describe(r), "csv, ';', utf-8 with BOM, LF");
	reader_close(r);
	unlink(path);
}

static void expect_open_error(const char *data, size_t len, const char *suffix, const char *msg)
{
	const char *path = tu_tmpfile(suffix, data, len);
	struct reader *r = NULL;
	struct ferr err = {0};
	assert_int_equal(reader_open(path, NULL, &r, &err), -1);
	assert_null(r);
	assert_string_equal(err.file, path);
	if (!strstr(err.msg, msg))
		fail_msg("got \"%s\", wanted \"%s\"", err.msg, msg);
	unlink(path);
}

static void test_bad_files(void **state)
{
	(void)state;
	expect_open_error("", 0, ".csv", "the file is empty.");
	expect_open_error("\n\r\n  \n", 6, ".csv", "the file is empty (only blank lines).");
	expect_open_error("\x7f"
	                  "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
	                  16, ".csv", "it contains binary data.");
	expect_open_error("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0", 12, ".xls", "(.xls)");
	struct reader *r = NULL;
	struct ferr err = {0};
	assert_int_equal(reader_open("/nonexistent/x.csv", NULL, &r, &err), -1);
	assert_non_null(strstr(err.msg, "cannot open the file"));
	assert_int_equal(reader_open("/tmp", NULL, &r, &err), -1);
	assert_string_equal(err.msg, "this is a folder, not a file.");
	char buf[600];
	assert_string_equal(ferr_str(&err, buf, sizeof(buf)),
	                    "/tmp: this is a folder, not a file.");
}

struct real {
	const char *file;
	long rows; /* with the header */
	int nf;
	const char *desc;
	const char *last_first_field;
};

static void test_real_files(void **state)
{
	(void)state;
	static const struct real files[] = {
	    {"online_retail_sample20k.csv", 20001, 8, "csv, ',', utf-8, CRLF", NULL},
	    {"superstore_iso_dates.csv", 9995, 21, "csv, ',', utf-8, LF", "9994"},
	    {"superstore_us_dates.csv", 9995, 21, "csv, ',', utf-8, LF", "9994"},
	    {"wholesale_semicolon_crlf.csv", 441, 8, "csv, ';', utf-8, CRLF", NULL},
	    {"wholesale_customers.csv", 441, 8, "csv, ',', utf-8, LF", NULL},
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[256];
		snprintf(path, sizeof(path), DATA "%s", files[i].file);
		struct reader *r;
		struct ferr err = {0};
		if (reader_open(path, NULL, &r, &err) < 0)
			fail_msg("%s: %s", path, err.msg);
		struct row row;
		long n = 0, last_line = 0;
		char last[64] = "";
		int rc;
		while ((rc = reader_next(r, &row, &err)) == 1) {
			if (row.nf != files[i].nf)
				fail_msg("%s:%ld: %d fields", path, row.line, row.nf);
			n++;
			last_line = row.line;
			snprintf(last, sizeof(last), "%s", row.f[0].p);
		}
		assert_int_equal(rc, 0);
		assert_int_equal(n, files[i].rows);
		assert_int_equal(last_line, files[i].rows);
		assert_string_equal(reader_describe(r), files[i].desc);
		if (files[i].last_first_field)
			assert_string_equal(last, files[i].last_first_field);
		reader_close(r);
	}
}

/* Workbooks go to the xlsx reader: by the zip magic, whatever the name. */
static void test_xlsx_dispatch(void **state)
{
	(void)state;
	struct reader *r;
	struct ferr err = {0};
	struct reader_opts o = {.sheet = "Orders", .delimiter = 0};
	assert_int_equal(reader_open(DATA "superstore_workbook.xlsx", &o, &r, &err), 0);
	assert_int_equal(reader_is_xlsx(r), 1);
	assert_string_equal(reader_describe(r), "xlsx, sheet Orders");
	struct row row;
	assert_int_equal(reader_next(r, &row, &err), 1);
	assert_string_equal(row.f[1].p, "Order ID");
	reader_close(r);
	/* the same bytes named .csv are still a workbook */
	FILE *in = fopen(DATA "superstore_workbook.xlsx", "rb");
	assert_non_null(in);
	static char buf[2 << 20];
	size_t n = fread(buf, 1, sizeof(buf), in);
	fclose(in);
	const char *path = tu_tmpfile(".csv", buf, n);
	assert_int_equal(reader_open(path, NULL, &r, &err), 0);
	assert_int_equal(reader_is_xlsx(r), 1);
	reader_close(r);
	unlink(path);
	/* a zip that is no workbook */
	const char zip[] = "PK\3\4 not really a zip";
	path = tu_tmpfile(".xlsx", zip, sizeof(zip) - 1);
	assert_int_equal(reader_open(path, NULL, &r, &err), -1);
	assert_string_equal(err.file, path);
	assert_true(strlen(err.msg) > 10);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_delimiters),
	    cmocka_unit_test(test_quotes_and_lines),
	    cmocka_unit_test(test_unterminated_quote),
	    cmocka_unit_test(test_windows1252),
	    cmocka_unit_test(test_late_non_ascii),
	    cmocka_unit_test(test_sample_any_size),
	    cmocka_unit_test(test_sample_prefix),
	    cmocka_unit_test(test_utf16),
	    cmocka_unit_test(test_encoder),
	    cmocka_unit_test(test_block_boundaries),
	    cmocka_unit_test(test_rewind),
	    cmocka_unit_test(test_bad_files),
	    cmocka_unit_test(test_real_files),
	    cmocka_unit_test(test_xlsx_dispatch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
