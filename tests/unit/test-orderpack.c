/* test-orderpack.c — covers src/store/orderpack.c: the packed order line
 * (round trip of every field, edge values, numeric and text order IDs, and
 * that truncated or damaged bytes are reported without reading past the
 * end). */
#include "testutil.h"

#include "store/orderpack.h"

#include <math.h>

static struct orderline line(int64_t cust, int32_t day, int64_t amount)
{
	struct orderline l;
	memset(&l, 0, sizeof(l));
	l.customer = cust;
	l.day = day;
	l.amount = amount;
	return l;
}

static void set_oid(struct orderline *l, const char *s)
{
	l->order_id = s;
	l->order_id_len = s ? strlen(s) : 0;
}

static void set_seller(struct orderline *l, const char *s)
{
	l->seller_id = s;
	l->seller_id_len = s ? strlen(s) : 0;
}

static void assert_same(const struct orderline *a, const struct orderline *b)
{
	assert_int_equal(a->customer, b->customer);
	assert_int_equal(a->day, b->day);
	assert_true(a->amount == b->amount);
	assert_int_equal(a->has_margin, b->has_margin);
	if (a->has_margin)
		assert_true(a->margin == b->margin);
	assert_int_equal(a->has_quantity, b->has_quantity);
	if (a->has_quantity) {
		assert_memory_equal(&a->quantity, &b->quantity, sizeof(double));
	}
	assert_int_equal(a->order_id_len, b->order_id_len);
	if (a->order_id_len)
		assert_memory_equal(a->order_id, b->order_id, a->order_id_len);
	else
		assert_null(b->order_id);
	assert_int_equal(a->seller_id_len, b->seller_id_len);
	if (a->seller_id_len)
		assert_memory_equal(a->seller_id, b->seller_id, a->seller_id_len);
	else
		assert_null(b->seller_id);
}

/* Packs the lines one after the other, reads them back with both readers,
 * and checks every truncation of the block is refused or ends early. */
static void round_trip(const struct orderline *ls, size_t n)
{
	size_t cap = 0;
	for (size_t i = 0; i < n; i++)
		cap += orderpack_bound(&ls[i]);
	unsigned char *buf = calloc(1, cap ? cap : 1);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = orderpack_put(buf + len, &ls[i]);
		assert_true(k <= orderpack_bound(&ls[i]));
		len += k;
	}
	struct orderline got;
	size_t pos = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(orderpack_next(buf, len, &pos, &got), 1);
		assert_same(&ls[i], &got);
	}
	assert_int_equal(orderpack_next(buf, len, &pos, &got), 0);
	pos = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(orderpack_next_sums(buf, len, &pos, &got), 1);
		assert_int_equal(got.customer, ls[i].customer);
		assert_int_equal(got.day, ls[i].day);
		assert_true(got.amount == ls[i].amount);
		assert_int_equal(got.has_margin, ls[i].has_margin);
	}
	assert_int_equal(orderpack_next_sums(buf, len, &pos, &got), 0);
	/* Every cut inside the last line is seen as damage, by both readers,
	 * reading from a copy exactly as long as the cut (ASan guards the end).
	 * The block is packed again to find where the last line starts. */
	size_t last = 0;
	len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == n - 1)
			last = len;
		len += orderpack_put(buf + len, &ls[i]);
	}
	for (size_t cut = last + 1; cut < len; cut++) {
		unsigned char *c = malloc(cut);
		memcpy(c, buf, cut);
		pos = last;
		assert_int_equal(orderpack_next(c, cut, &pos, &got), -1);
		pos = last;
		assert_int_equal(orderpack_next_sums(c, cut, &pos, &got), -1);
		assert_int_equal(pos, last);
		free(c);
	}
	free(buf);
}

static void test_plain(void **state)
{
	(void)state;
	struct orderline l[3] = {line(1, 20000, 113902), line(900000, 19000, -5000), line(0, 0, 0)};
	set_oid(&l[0], "1");
	set_oid(&l[1], "10000000");
	round_trip(l, 3);
}

static void test_extremes(void **state)
{
	(void)state;
	struct orderline l[6] = {line(INT64_MAX, INT32_MAX, INT64_MAX),
	                         line(1, INT32_MIN, INT64_MIN),
	                         line(7, -1, -1),
	                         line(8, 1, 1),
	                         line(9, 20000, INT64_MIN + 1),
	                         line(10, 20000, 0)};
	l[0].has_margin = true;
	l[0].margin = INT64_MIN;
	l[1].has_margin = true;
	l[1].margin = INT64_MAX;
	l[2].has_margin = true;
	l[2].margin = 0; /* present and zero is not missing */
	round_trip(l, 6);
}

static void test_quantity(void **state)
{
	(void)state;
	struct orderline l[7];
	double q[7] = {3, -2, 2.5, 0.1, -0.0, 1e300, 9007199254740993.0};
	for (int i = 0; i < 7; i++) {
		l[i] = line(i + 1, 20000, 100);
		l[i].has_quantity = true;
		l[i].quantity = q[i];
	}
	round_trip(l, 7);
	/* a whole number takes a one-byte varint here, 2.5 its 8 bytes */
	unsigned char b[128];
	assert_int_equal(orderpack_put(b, &l[0]) + 7, orderpack_put(b, &l[2]));
}

static void test_order_ids(void **state)
{
	(void)state;
	static char longid[5000];
	memset(longid, 'x', sizeof(longid) - 1);
	const char *ids[] = {"0",
	                     "007",
	                     "12a",
	                     "-5",
	                     "999999999999999999",
	                     "1000000000000000000",
	                     "18446744073709551616",
	                     "CG-12520",
	                     "Order nr 5 ö",
	                     longid,
	                     " 1"};
	size_t n = sizeof(ids) / sizeof(ids[0]);
	struct orderline l[16];
	for (size_t i = 0; i < n; i++) {
		l[i] = line((int64_t)i + 1, 20000, 100);
		set_oid(&l[i], ids[i]);
		set_seller(&l[i], i % 2 ? "S1" : NULL);
	}
	round_trip(l, n);
}

static void test_missing_fields(void **state)
{
	(void)state;
	struct orderline l = line(5, 20000, 100);
	set_oid(&l, ""); /* an empty cell is stored as absent */
	set_seller(&l, "");
	unsigned char buf[64];
	size_t len = orderpack_put(buf, &l), pos = 0;
	struct orderline got;
	assert_int_equal(orderpack_next(buf, len, &pos, &got), 1);
	assert_null(got.order_id);
	assert_null(got.seller_id);
	assert_false(got.has_margin);
	assert_false(got.has_quantity);
}

static void test_damage(void **state)
{
	(void)state;
	struct orderline got;
	size_t pos = 0;
	/* unknown flag bit */
	unsigned char a[] = {0x80, 1, 2, 2};
	assert_int_equal(orderpack_next(a, sizeof(a), &pos, &got), -1);
	/* both quantity forms */
	unsigned char b[] = {0x06, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	pos = 0;
	assert_int_equal(orderpack_next(b, sizeof(b), &pos, &got), -1);
	/* a varint longer than 64 bits */
	unsigned char c[] = {0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	                     0xff, 0xff, 0xff, 0x7f, 2,    2};
	pos = 0;
	assert_int_equal(orderpack_next(c, sizeof(c), &pos, &got), -1);
	/* a day outside int32 */
	unsigned char d[] = {0x00, 1, 0x80, 0x80, 0x80, 0x80, 0x20, 2};
	pos = 0;
	assert_int_equal(orderpack_next(d, sizeof(d), &pos, &got), -1);
	/* a text longer than what is left */
	unsigned char e[] = {0x08, 1, 2, 2, 10, 'a', 'b'};
	pos = 0;
	assert_int_equal(orderpack_next(e, sizeof(e), &pos, &got), -1);
	pos = 0;
	assert_int_equal(orderpack_next_sums(e, sizeof(e), &pos, &got), -1);
	/* a zero-length text is not what the writer makes */
	unsigned char f[] = {0x20, 1, 2, 2, 0};
	pos = 0;
	assert_int_equal(orderpack_next(f, sizeof(f), &pos, &got), -1);
	/* a numeric order ID over 18 digits */
	unsigned char g[] = {0x10, 1,    2,    2,    0x80, 0x80, 0x80,
	                     0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
	pos = 0;
	assert_int_equal(orderpack_next(g, sizeof(g), &pos, &got), -1);
	pos = 0; /* both readers agree (found by fuzz-orderpack) */
	assert_int_equal(orderpack_next_sums(g, sizeof(g), &pos, &got), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),          cmocka_unit_test(test_extremes),
	    cmocka_unit_test(test_quantity),       cmocka_unit_test(test_order_ids),
	    cmocka_unit_test(test_missing_fields), cmocka_unit_test(test_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
