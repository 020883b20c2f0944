/* test-split.c — covers csv_split/csv_line (src/io/csv.c), reader_split
 * (src/io/reader.c) and recreader_split/recreader_line (src/io/records.c):
 * the two parts of a split file give exactly the rows and line numbers of
 * the whole file, the cut is near the middle at a line start, and files
 * that cannot be split safely (a quoted line end, UTF-16, not read to the
 * end, small) are not split. Also csv_split_ahead/csv_join_ahead and the
 * inference pass in two threads (rec_opts.split_first_pass): the same
 * decisions and records as one pass, or one pass when the halves cannot
 * tell. */
#include "testutil.h"

#include "io/csv.h"
#include "io/reader.h"
#include "io/records.h"
#include "util/strbuf.h"

/* A header and n order rows; row k (1-based after the header) on file line
 * k + 1; with `blank`, an empty line after row n*3/4 (shifting later rows
 * by one line). */
static void make_orders(struct strbuf *sb, int n, const char *eol, int blank)
{
	strbuf_printf(sb, "order_id,customer_id,date,amount%s", eol);
	for (int k = 1; k <= n; k++) {
		strbuf_printf(sb, "%d,C%d,2026-%02d-%02d,%d.%02d%s", k, k % 97, 1 + k % 12,
		              1 + k % 28, k * 7 % 1000, k % 100, eol);
		if (blank && k == n * 3 / 4)
			strbuf_puts(sb, eol);
	}
}

/* Appends "line|f1|f2...\n" for each row of c, lines shifted by base;
 * returns the rows. */
static long dump(struct csv *c, long base, struct strbuf *sb)
{
	struct ferr err = {0};
	struct row row;
	long n = 0;
	int r;
	while ((r = csv_next(c, &row, &err)) == 1) {
		strbuf_printf(sb, "%ld", row.line + base);
		for (int i = 0; i < row.nf; i++)
			strbuf_printf(sb, "|%s", row.f[i].p);
		strbuf_putc(sb, '\n');
		n++;
	}
	assert_int_equal(r, 0);
	return n;
}

/* Checks that path splits and that the parts give the whole file's rows. */
static void expect_split(const char *path, size_t block)
{
	struct ferr err = {0};
	struct csv_opts o = {.block = block};
	struct csv *c, *d = NULL;
	assert_int_equal(csv_open(path, &o, &c, &err), 0);
	struct strbuf whole = STRBUF_INIT, parts = STRBUF_INIT;
	long n = dump(c, 0, &whole);
	assert_int_equal(csv_rewind(c, &err), 0);
	struct row row;
	assert_int_equal(csv_next(c, &row, &err), 1); /* the header, as recreader does */
	strbuf_printf(&parts, "%ld", row.line);
	for (int i = 0; i < row.nf; i++)
		strbuf_printf(&parts, "|%s", row.f[i].p);
	strbuf_putc(&parts, '\n');
	assert_int_equal(csv_split(c, &d, &err), 1);
	assert_non_null(d);
	long n1 = 1 + dump(c, 0, &parts);
	long n2 = dump(d, csv_line(c) - 1, &parts);
	assert_int_equal(n1 + n2, n);
	assert_true(n1 > n * 2 / 5 && n1 < n * 3 / 5); /* near the middle */
	assert_string_equal(parts.buf, whole.buf);
	/* a rewind reads the whole file again */
	assert_int_equal(csv_rewind(c, &err), 0);
	struct strbuf again = STRBUF_INIT;
	assert_int_equal(dump(c, 0, &again), n);
	assert_string_equal(again.buf, whole.buf);
	strbuf_free(&again);
	strbuf_free(&whole);
	strbuf_free(&parts);
	csv_close(d);
	csv_close(c);
}

static void test_split_lf_crlf(void **state)
{
	(void)state;
	const char *eols[] = {"\n", "\r\n", "\r"};
	for (int e = 0; e < 3; e++) {
		struct strbuf sb = STRBUF_INIT;
		make_orders(&sb, 5000, eols[e], 1);
		const char *path = tu_tmpfile(".csv", sb.buf, sb.len);
		expect_split(path, 4096);
		expect_split(path, 100);
		strbuf_free(&sb);
	}
}

static void test_split_quoted_and_cp1252(void **state)
{
	(void)state;
	/* quoted fields without line ends, and Windows-1252 bytes (é = 0xE9) */
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "id;name;amount\n");
	for (int k = 1; k <= 4000; k++)
		strbuf_printf(&sb, "%d;\"Caf\xe9 %d; AB\";%d,50\n", k, k, k);
	const char *path = tu_tmpfile(".csv", sb.buf, sb.len);
	expect_split(path, 4096);
	strbuf_free(&sb);
}

/* Opens path, reads it to the end, rewinds, reads the header; returns what
 * csv_split says. */
static int try_split(const char *data, size_t len, size_t block, int read_all)
{
	struct ferr err = {0};
	struct csv_opts o = {.block = block};
	struct csv *c, *d = NULL;
	const char *path = tu_tmpfile(".csv", data, len);
	assert_int_equal(csv_open(path, &o, &c, &err), 0);
	struct row row;
	if (read_all) {
		while (csv_next(c, &row, &err) == 1)
			;
		assert_int_equal(csv_rewind(c, &err), 0);
	}
	assert_int_equal(csv_next(c, &row, &err), 1);
	int r = csv_split(c, &d, &err);
	assert_true(r == 1 || d == NULL);
	csv_close(d);
	csv_close(c);
	return r;
}

static void test_no_split(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	make_orders(&sb, 4000, "\n", 0);
	assert_int_equal(try_split(sb.buf, sb.len, 4096, 1), 1);
	/* not read to the end once: quoted line ends are not ruled out */
	assert_int_equal(try_split(sb.buf, sb.len, 4096, 0), 0);
	/* all of it in the first block: nothing left to cut */
	assert_int_equal(try_split(sb.buf, sb.len, 0, 1), 0);
	/* one quoted field holding a line end, far from the middle */
	struct strbuf q = STRBUF_INIT;
	strbuf_puts(&q, "order_id,customer_id,date,amount\n1,\"C\n1\",2026-01-01,5\n");
	strbuf_append(&q, sb.buf + 33, sb.len - 33);
	assert_int_equal(try_split(q.buf, q.len, 4096, 1), 0);
	/* UTF-16 */
	struct strbuf u = STRBUF_INIT;
	strbuf_append(&u, "\xff\xfe", 2);
	for (size_t i = 0; i < sb.len; i++) {
		strbuf_putc(&u, sb.buf[i]);
		strbuf_putc(&u, '\0');
	}
	assert_int_equal(try_split(u.buf, u.len, 4096, 1), 0);
	strbuf_free(&u);
	strbuf_free(&q);
	strbuf_free(&sb);
}

/* Records: the two parts give every record once, with the whole file's
 * line numbers once shifted, rejected rows included; the second part
 * shares the first's column decisions (a decimal comma). */
static void test_recreader_split(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "Ordernr;Kundnr;Datum;Belopp\n");
	long bad_line = 0;
	for (int k = 1; k <= 200000; k++) {
		if (k == 150000) {
			strbuf_printf(&sb, "%d;K%d;2026-02-03;tolv\n", k, k % 50);
			bad_line = k + 1;
		} else {
			strbuf_printf(&sb, "%d;K%d;2026-02-03;%d,25\n", k, k % 50, k);
		}
	}
	const char *path = tu_tmpfile(".csv", sb.buf, sb.len);
	struct ferr err = {0};
	struct recreader *rr, *r2 = NULL;
	assert_int_equal(recreader_open(path, REC_ORDERS, NULL, &rr, &err), 0);
	assert_int_equal(recreader_split(rr, &r2, &err), 1);
	struct recreader *r3 = NULL;
	assert_int_equal(recreader_split(r2, &r3, &err), 0); /* a part is not split again */
	assert_null(r3);
	recreader_close(r2);
	recreader_close(rr);
	assert_int_equal(recreader_open(path, REC_ORDERS, NULL, &rr, &err), 0);
	assert_int_equal(recreader_split(rr, &r2, &err), 1);
	struct rec rec;
	int r;
	long next = 1, seen_bad = 0;
	int64_t sum = 0;
	struct recreader *parts[2] = {rr, r2};
	long base = 0;
	for (int p = 0; p < 2; p++) {
		while ((r = recreader_next(parts[p], &rec, &err)) != 0) {
			assert_true(r > 0);
			if (r == 2) {
				assert_int_equal(err.line + base, bad_line);
				assert_int_equal(p, 1);
				seen_bad++;
				next++;
				continue;
			}
			assert_int_equal(rec.line + base, next + 1);
			assert_int_equal(rec.u.o.amount, (int64_t)next * 100 + 25);
			sum += rec.u.o.amount;
			next++;
		}
		if (p == 0)
			base = recreader_line(rr) - 1;
	}
	assert_int_equal(next, 200001);
	assert_int_equal(seen_bad, 1);
	assert_true(sum > 0);
	recreader_close(r2);
	recreader_close(rr);
	strbuf_free(&sb);
}

/* csv_split_ahead on a fresh reader (past its header), both parts read,
 * csv_join_ahead: returns what the join says. Whatever it says, a rewind
 * reads the whole file; when it says yes, csv_split works after that. */
static int ahead(const char *data, size_t len)
{
	struct ferr err = {0};
	struct csv_opts o = {.block = 4096};
	struct csv *c, *d = NULL;
	const char *path = tu_tmpfile(".csv", data, len);
	assert_int_equal(csv_open(path, &o, &c, &err), 0);
	struct row row;
	assert_int_equal(csv_next(c, &row, &err), 1);
	assert_int_equal(csv_split_ahead(c, &d, &err), 1);
	struct csv *d2 = NULL;
	assert_int_equal(csv_split_ahead(c, &d2, &err), 0); /* not twice */
	assert_int_equal(csv_split(c, &d2, &err), 0);
	int r;
	while ((r = csv_next(c, &row, &err)) == 1)
		;
	int r1 = r;
	while ((r = csv_next(d, &row, &err)) == 1)
		;
	int ok = csv_join_ahead(c, d);
	if (ok)
		assert_true(r1 == 0 && r == 0);
	csv_close(d);
	d = NULL;
	/* whatever the join said, the reader reads the whole file again */
	assert_int_equal(csv_rewind(c, &err), 0);
	while ((r = csv_next(c, &row, &err)) == 1)
		;
	assert_int_equal(csv_rewind(c, &err), 0);
	assert_int_equal(csv_next(c, &row, &err), 1);
	if (ok) {
		assert_int_equal(csv_split(c, &d, &err), 1);
		csv_close(d);
	}
	csv_close(c);
	return ok;
}

static void test_split_ahead(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	make_orders(&sb, 5000, "\n", 1);
	assert_int_equal(ahead(sb.buf, sb.len), 1);
	/* a quoted field holding many line ends across the middle: the cut
	 * falls inside it */
	size_t mid = sb.len / 2;
	while (sb.buf[mid - 1] != '\n')
		mid++;
	struct strbuf q = STRBUF_INIT;
	strbuf_append(&q, sb.buf, mid - 40 * 300);
	while (q.buf[q.len - 1] != '\n')
		q.len--;
	strbuf_puts(&q, "1,\"C");
	for (int k = 0; k < 600; k++)
		strbuf_puts(&q, "\n,still quoted,2026-01-01,5");
	strbuf_puts(&q, "\",2026-01-01,5\n");
	strbuf_append(&q, sb.buf + mid, sb.len - mid);
	assert_int_equal(ahead(q.buf, q.len), 0);
	/* a quoted line end after the cut */
	strbuf_reset(&q);
	strbuf_append(&q, sb.buf, sb.len);
	strbuf_puts(&q, "9,\"C\n9\",2026-01-01,5\n");
	assert_int_equal(ahead(q.buf, q.len), 0);
	/* one quoted line end before the cut */
	strbuf_reset(&q);
	strbuf_puts(&q, "order_id,customer_id,date,amount\n1,\"C\n1\",2026-01-01,5\n");
	strbuf_append(&q, sb.buf + 33, sb.len - 33);
	assert_int_equal(ahead(q.buf, q.len), 0);
	/* a quote that never ends, after the cut */
	strbuf_reset(&q);
	strbuf_append(&q, sb.buf, sb.len);
	strbuf_puts(&q, "9,\"C9,2026-01-01,5\n");
	assert_int_equal(ahead(q.buf, q.len), 0);
	/* quoted fields without line ends do no harm */
	strbuf_reset(&q);
	strbuf_append(&q, sb.buf, sb.len);
	strbuf_puts(&q, "9,\"C,9\",2026-01-01,5\n");
	assert_int_equal(ahead(q.buf, q.len), 1);
	/* a non-ASCII byte only after the cut, in a file longer than what
	 * csv_open reads to decide (256 KiB): undecided at the cut, so the
	 * second part's own decision cannot be trusted */
	struct strbuf big = STRBUF_INIT;
	make_orders(&big, 12000, "\n", 0);
	assert_true(big.len > 256 * 1024);
	strbuf_reset(&q);
	strbuf_append(&q, big.buf, big.len);
	strbuf_puts(&q, "9,Caf\xc3\xa9,2026-01-01,5\n");
	assert_int_equal(ahead(q.buf, q.len), 0);
	strbuf_free(&big);
	/* in a shorter file it was decided when the file was opened */
	strbuf_reset(&q);
	strbuf_append(&q, sb.buf, sb.len);
	strbuf_puts(&q, "9,Caf\xc3\xa9,2026-01-01,5\n");
	assert_int_equal(ahead(q.buf, q.len), 1);
	/* ... but decided in the first block: the same on both sides */
	strbuf_reset(&q);
	strbuf_puts(&q, "order_id,customer_id,date,amount\n1,Caf\xc3\xa9,2026-01-01,5\n");
	strbuf_append(&q, sb.buf + 33, sb.len - 33);
	strbuf_puts(&q, "9,Caf\xc3\xa9,2026-01-01,5\n");
	assert_int_equal(ahead(q.buf, q.len), 1);
	strbuf_free(&q);
	strbuf_free(&sb);
}

/* Every record (or rejection) of path, and the reader's description,
 * opened with or without the two-thread inference pass. */
static char *records_of(const char *path, bool two, char **describe)
{
	struct ferr err = {0};
	struct recreader *rr;
	struct rec_opts o = {.split_first_pass = two};
	struct strbuf sb = STRBUF_INIT;
	char b[1024];
	if (recreader_open(path, REC_ORDERS, &o, &rr, &err) != 0) {
		*describe = NULL;
		strbuf_printf(&sb, "open: %s", ferr_str(&err, b, sizeof(b)));
		return strbuf_detach(&sb);
	}
	*describe = recreader_describe(rr);
	struct rec rec;
	int r;
	while ((r = recreader_next(rr, &rec, &err)) != 0) {
		if (r != 1) {
			strbuf_printf(&sb, "%d %s\n", r, ferr_str(&err, b, sizeof(b)));
			if (r < 0)
				break;
			continue;
		}
		strbuf_printf(&sb, "%ld %s %d %lld\n", rec.line, rec.u.o.customer_id, rec.u.o.day,
		              (long long)rec.u.o.amount);
	}
	recreader_close(rr);
	return strbuf_detach(&sb);
}

static void expect_same_records(const char *data, size_t len)
{
	const char *path = tu_tmpfile(".csv", data, len);
	char *d1, *d2;
	char *one = records_of(path, false, &d1);
	char *two = records_of(path, true, &d2);
	assert_string_equal(one, two);
	if (d1 || d2)
		assert_string_equal(d1, d2);
	free(one);
	free(two);
	free(d1);
	free(d2);
}

/* The inference pass in two threads decides exactly as one pass: evidence
 * only in the second half (a decimal comma, day/month dates) counts, the
 * "which order?" message names the first ambiguous date, and files the
 * halves cannot read alone fall back to one pass. */
static void test_first_pass_in_two(void **state)
{
	(void)state;
	enum { N = 250000 }; /* big enough to cut: the reader starts with 2 MiB */
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "Ordernr;Kundnr;Datum;Belopp\n");
	for (int k = 1; k <= N; k++)
		strbuf_printf(&sb, "%d;K%d;%d/%d/2026;%s\n", k, k % 50, 1 + k % 12, 1 + k % 12,
		              k == N - 5   ? "1,25"
		              : k == N - 7 ? "tolv"
		                           : "1,500");
	strbuf_puts(&sb, "1;K1;13/2/2026;3\n");
	expect_same_records(sb.buf, sb.len);
	/* the one telling date and the decimal comma are in the second half */
	const char *path = tu_tmpfile(".csv", sb.buf, sb.len);
	char *d;
	char *recs = records_of(path, true, &d);
	assert_non_null(strstr(d, "decimal comma"));
	assert_non_null(strstr(d, "day/month/year"));
	assert_memory_equal(recs, "2 K1 20486 150\n", 15); /* 2/2/2026; 1,500 -> 1.5 */
	free(recs);
	free(d);
	/* no date tells the order: the first ambiguous one is named */
	sb.len -= strlen("1;K1;13/2/2026;3\n");
	sb.buf[sb.len] = '\0';
	strbuf_puts(&sb, "1;K1;3/4/2026;3\n");
	expect_same_records(sb.buf, sb.len);
	path = tu_tmpfile(".csv", sb.buf, sb.len);
	recs = records_of(path, true, &d);
	assert_non_null(strstr(recs, "open: "));
	assert_non_null(strstr(recs, "dates like \"3/4/2026\""));
	free(recs);
	/* a quoted line end in the second half: one pass, same records */
	strbuf_reset(&sb);
	strbuf_puts(&sb, "order_id,customer_id,date,amount\n");
	for (int k = 1; k <= N; k++)
		strbuf_printf(&sb, "%d,C%d,2026-01-%02d,%d.50\n", k, k % 7, 1 + k % 28, k);
	strbuf_puts(&sb, "9,\"C\n9\",2026-01-01,5\n9,C1,2026-01-01,\"1,500\"\n");
	expect_same_records(sb.buf, sb.len);
	/* a quote that never ends */
	strbuf_puts(&sb, "9,\"C9,2026-01-01,5\n");
	expect_same_records(sb.buf, sb.len);
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_split_lf_crlf), cmocka_unit_test(test_split_quoted_and_cp1252),
	    cmocka_unit_test(test_no_split),      cmocka_unit_test(test_recreader_split),
	    cmocka_unit_test(test_split_ahead),   cmocka_unit_test(test_first_pass_in_two),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
