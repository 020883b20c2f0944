/* store/orderpack.c — encodes and decodes order lines packed one after the
 * other in a block (order_blocks.data). One line:
 *
 *   flags      1 byte: 1 margin, 2 quantity (8-byte double), 4 quantity
 *              (whole number, zigzag varint), 8 order_id (text), 16 order_id
 *              (a canonical decimal number, varint), 32 seller_id (text)
 *   customer   varint (customers.id)
 *   day        zigzag varint
 *   amount     zigzag varint
 *   margin     zigzag varint, when flag 1
 *   quantity   8 bytes little-endian IEEE double (flag 2) or zigzag varint (4)
 *   order_id   varint (flag 16) or varint length + bytes (flag 8)
 *   seller_id  varint length + bytes, when flag 32
 *
 * Varints are LEB128 (7 bits a byte, low first, at most 10 bytes); zigzag
 * maps 0, -1, 1, -2 ... to 0, 1, 2, 3 ... so small negative amounts stay
 * short. Every read is checked against the end of the block: a truncated or
 * damaged block is reported, never read past. */
#include "store/orderpack.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum {
	F_MARGIN = 1,
	F_QTY_DBL = 2,
	F_QTY_INT = 4,
	F_OID_TEXT = 8,
	F_OID_NUM = 16,
	F_SELLER = 32,
	F_ALL = 63
};

static size_t put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

static uint64_t zigzag(int64_t v)
{
	return v < 0 ? ~((uint64_t)v << 1) : (uint64_t)v << 1;
}

static int64_t unzigzag(uint64_t u)
{
	return (u & 1) ? (int64_t) ~(u >> 1) : (int64_t)(u >> 1);
}

#define MAX_NUMERIC_ID 999999999999999999ULL /* 18 digits */

/* A decimal number without sign or leading zeros that fits in 18 digits:
 * stored as a number, spelled out again exactly. */
static int numeric_id(const char *s, size_t n, uint64_t *v)
{
	if (n == 0 || n > 18 || (s[0] == '0' && n > 1))
		return 0;
	uint64_t x = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	*v = x;
	return 1;
}

static int whole_quantity(double q, int64_t *v)
{
	if (!(q > -9007199254740992.0 && q < 9007199254740992.0) || q != floor(q) ||
	    (q == 0 && signbit(q)))
		return 0;
	*v = (int64_t)q;
	return 1;
}

size_t orderpack_bound(const struct orderline *l)
{
	return 1 + 6 * 10 + 8 + 2 * 10 + (l->order_id ? l->order_id_len : 0) +
	       (l->seller_id ? l->seller_id_len : 0);
}

size_t orderpack_put(unsigned char *dst, const struct orderline *l)
{
	unsigned flags = 0;
	uint64_t oid = 0;
	int64_t qi = 0;
	if (l->has_margin)
		flags |= F_MARGIN;
	if (l->has_quantity)
		flags |= whole_quantity(l->quantity, &qi) ? F_QTY_INT : F_QTY_DBL;
	if (l->order_id && l->order_id_len)
		flags |= numeric_id(l->order_id, l->order_id_len, &oid) ? F_OID_NUM : F_OID_TEXT;
	if (l->seller_id && l->seller_id_len)
		flags |= F_SELLER;
	size_t n = 0;
	dst[n++] = (unsigned char)flags;
	n += put_varint(dst + n, (uint64_t)l->customer);
	n += put_varint(dst + n, zigzag(l->day));
	n += put_varint(dst + n, zigzag(l->amount));
	if (flags & F_MARGIN)
		n += put_varint(dst + n, zigzag(l->margin));
	if (flags & F_QTY_INT) {
		n += put_varint(dst + n, zigzag(qi));
	} else if (flags & F_QTY_DBL) {
		uint64_t bits;
		memcpy(&bits, &l->quantity, 8);
		for (int i = 0; i < 8; i++)
			dst[n++] = (unsigned char)(bits >> (8 * i));
	}
	if (flags & F_OID_NUM) {
		n += put_varint(dst + n, oid);
	} else if (flags & F_OID_TEXT) {
		n += put_varint(dst + n, l->order_id_len);
		memcpy(dst + n, l->order_id, l->order_id_len);
		n += l->order_id_len;
	}
	if (flags & F_SELLER) {
		n += put_varint(dst + n, l->seller_id_len);
		memcpy(dst + n, l->seller_id, l->seller_id_len);
		n += l->seller_id_len;
	}
	return n;
}

/* Reads a varint at d[*pos] (d has len bytes): 0, or -1 when it runs past
 * the end or is longer than 64 bits. */
static inline int get_varint(const unsigned char *d, size_t len, size_t *pos, uint64_t *v)
{
	size_t p = *pos;
	if (p < len && d[p] < 0x80) { /* the common case: one byte */
		*v = d[p];
		*pos = p + 1;
		return 0;
	}
	uint64_t x = 0;
	for (int shift = 0; shift < 70; shift += 7) {
		if (p >= len)
			return -1;
		unsigned char b = d[p++];
		if (shift == 63 && b > 1)
			return -1;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			*pos = p;
			return 0;
		}
	}
	return -1;
}

static inline int get_text(const unsigned char *d, size_t len, size_t *pos, const char **s,
                           size_t *n)
{
	uint64_t k;
	if (get_varint(d, len, pos, &k) != 0 || k == 0 || k > len - *pos)
		return -1;
	*s = (const char *)d + *pos;
	*n = (size_t)k;
	*pos += (size_t)k;
	return 0;
}

/* The fixed head: flags, customer, day, amount, margin; then the quantity
 * (kept when want_rest). */
static inline int get_head(const unsigned char *d, size_t len, size_t *pos, struct orderline *l,
                           unsigned *flags)
{
	uint64_t c, day, amt;
	if (*pos >= len)
		return -1;
	*flags = d[(*pos)++];
	if ((*flags & ~(unsigned)F_ALL) || (*flags & F_QTY_INT && *flags & F_QTY_DBL) ||
	    (*flags & F_OID_NUM && *flags & F_OID_TEXT))
		return -1;
	if (get_varint(d, len, pos, &c) != 0 || c > INT64_MAX ||
	    get_varint(d, len, pos, &day) != 0 || get_varint(d, len, pos, &amt) != 0)
		return -1;
	int64_t dd = unzigzag(day);
	if (dd < INT32_MIN || dd > INT32_MAX)
		return -1;
	l->customer = (int64_t)c;
	l->day = (int32_t)dd;
	l->amount = unzigzag(amt);
	l->has_margin = *flags & F_MARGIN;
	l->margin = 0;
	if (l->has_margin) {
		uint64_t m;
		if (get_varint(d, len, pos, &m) != 0)
			return -1;
		l->margin = unzigzag(m);
	}
	return 0;
}

int orderpack_next(const unsigned char *data, size_t len, size_t *pos, struct orderline *l)
{
	unsigned flags;
	if (*pos == len)
		return 0;
	size_t p = *pos;
	if (get_head(data, len, &p, l, &flags) != 0)
		return -1;
	l->has_quantity = flags & (F_QTY_INT | F_QTY_DBL);
	l->quantity = 0;
	if (flags & F_QTY_INT) {
		uint64_t q;
		if (get_varint(data, len, &p, &q) != 0)
			return -1;
		l->quantity = (double)unzigzag(q);
	} else if (flags & F_QTY_DBL) {
		if (len - p < 8)
			return -1;
		uint64_t bits = 0;
		for (int i = 0; i < 8; i++)
			bits |= (uint64_t)data[p + (size_t)i] << (8 * i);
		memcpy(&l->quantity, &bits, 8);
		p += 8;
	}
	l->order_id = NULL;
	l->order_id_len = 0;
	if (flags & F_OID_NUM) {
		uint64_t v;
		if (get_varint(data, len, &p, &v) != 0 || v > MAX_NUMERIC_ID)
			return -1;
		int k = snprintf(l->idbuf, sizeof(l->idbuf), "%llu", (unsigned long long)v);
		l->order_id = l->idbuf;
		l->order_id_len = (size_t)k;
	} else if ((flags & F_OID_TEXT) &&
	           get_text(data, len, &p, &l->order_id, &l->order_id_len) != 0) {
		return -1;
	}
	l->seller_id = NULL;
	l->seller_id_len = 0;
	if ((flags & F_SELLER) && get_text(data, len, &p, &l->seller_id, &l->seller_id_len) != 0)
		return -1;
	*pos = p;
	return 1;
}

int orderpack_next_sums(const unsigned char *data, size_t len, size_t *pos, struct orderline *l)
{
	unsigned flags;
	uint64_t v;
	const char *s;
	size_t n;
	if (*pos == len)
		return 0;
	size_t p = *pos;
	if (get_head(data, len, &p, l, &flags) != 0)
		return -1;
	if (flags & F_QTY_INT) {
		if (get_varint(data, len, &p, &v) != 0)
			return -1;
	} else if (flags & F_QTY_DBL) {
		if (len - p < 8)
			return -1;
		p += 8;
	}
	if (((flags & F_OID_NUM) && (get_varint(data, len, &p, &v) != 0 || v > MAX_NUMERIC_ID)) ||
	    ((flags & F_OID_TEXT) && get_text(data, len, &p, &s, &n) != 0) ||
	    ((flags & F_SELLER) && get_text(data, len, &p, &s, &n) != 0))
		return -1;
	*pos = p;
	return 1;
}
