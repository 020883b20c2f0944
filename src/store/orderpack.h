/* store/orderpack.h — the packed form of order lines, as stored in
 * order_blocks.data (schema version 2, see docs/workspace.md). Pure byte
 * work: no SQL, no allocation. */
#ifndef FOKUS_STORE_ORDERPACK_H
#define FOKUS_STORE_ORDERPACK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Order lines are spread over this many parts by customers.id % PARTS: all
 * lines of one customer are in blocks of one part, so a customer's page
 * reads 1/PARTS of the blocks (with 256 a typical page read 0.8 MB of a
 * 10-million-line workspace, and 64 requests at once waited 70 ms at the
 * 99th percentile; with 1024 it reads 0.2 MB). Fixed by the schema. */
#define ORDERPACK_PARTS 1024

/* One order line. Strings are byte spans, not NUL-terminated, NULL when
 * absent (an empty cell is stored as absent). */
struct orderline {
	int64_t customer; /* customers.id, >= 0 */
	int32_t day;      /* days since 1970-01-01 */
	int64_t amount;   /* minor units */
	bool has_margin;
	int64_t margin;
	bool has_quantity;
	double quantity;
	const char *order_id;
	size_t order_id_len;
	const char *seller_id;
	size_t seller_id_len;
	char idbuf[24]; /* orderpack_next: where a numeric order_id is spelled out */
};

/* The most bytes orderpack_put can write for l. */
size_t orderpack_bound(const struct orderline *l);
/* Writes l at dst (room for orderpack_bound(l) bytes); returns the bytes
 * written. */
size_t orderpack_put(unsigned char *dst, const struct orderline *l);
/* Reads the line at data[*pos] (of len bytes) into *l and moves *pos past
 * it. Returns 1; 0 when *pos == len (the end); -1 when the bytes are not a
 * whole valid line (truncated or corrupt): nothing is read past data[len).
 * l's strings point into data (or l->idbuf) and live as long as they do. */
int orderpack_next(const unsigned char *data, size_t len, size_t *pos, struct orderline *l);
/* As orderpack_next, but fills only customer, day, amount, has_margin and
 * margin (the strings are skipped, still checked for bounds). */
int orderpack_next_sums(const unsigned char *data, size_t len, size_t *pos, struct orderline *l);

#endif
