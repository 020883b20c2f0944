/* fuzz-orderpack.c — libFuzzer target for the packed order lines
 * (src/store/orderpack.c), the bytes of order_blocks.data. Input: any bytes,
 * read as a block (a copy exactly as long, so ASan sees any read past it).
 * Checks: both readers agree on where each line ends and on its numbers; a
 * line read is packed again and reads back the same; a damaged block stops
 * the reading without a crash. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/orderpack.h"

static void same(const struct orderline *a, const struct orderline *b)
{
	if (a->customer != b->customer || a->day != b->day || a->amount != b->amount ||
	    a->has_margin != b->has_margin || (a->has_margin && a->margin != b->margin) ||
	    a->has_quantity != b->has_quantity ||
	    (a->has_quantity && memcmp(&a->quantity, &b->quantity, sizeof(double)) != 0) ||
	    a->order_id_len != b->order_id_len ||
	    (a->order_id_len && memcmp(a->order_id, b->order_id, a->order_id_len) != 0) ||
	    a->seller_id_len != b->seller_id_len ||
	    (a->seller_id_len && memcmp(a->seller_id, b->seller_id, a->seller_id_len) != 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *blk = malloc(size ? size : 1);
	if (!blk)
		return 0;
	memcpy(blk, data, size);
	size_t pos = 0, pos2 = 0;
	for (;;) {
		struct orderline l, s;
		int r = orderpack_next(blk, size, &pos, &l);
		int r2 = orderpack_next_sums(blk, size, &pos2, &s);
		if (r != r2 || pos != pos2)
			abort();
		if (r != 1)
			break;
		if (s.customer != l.customer || s.day != l.day || s.amount != l.amount ||
		    s.has_margin != l.has_margin)
			abort();
		/* A numeric order ID read back is text to the writer: it must take
		 * the numeric form again (the same digits). */
		unsigned char *again = malloc(orderpack_bound(&l));
		if (!again)
			abort();
		size_t n = orderpack_put(again, &l), p = 0;
		struct orderline back;
		if (orderpack_next(again, n, &p, &back) != 1 || p != n)
			abort();
		same(&l, &back);
		free(again);
	}
	free(blk);
	return 0;
}
