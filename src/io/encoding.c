/* encoding.c — byte-to-UTF-8 conversion for the csv reader. ASCII runs are
 * copied eight bytes at a time; everything else goes byte by byte. The
 * undecided (ASCII so far) state decides at the first non-ASCII byte by
 * validating the look-ahead window of encoding.h as UTF-8: Windows-1252
 * text almost never forms valid UTF-8 (a high byte followed by ASCII is
 * already invalid). */
#include "io/encoding.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#define HIGH_BITS 0x8080808080808080ull
#define LOW_BITS 0x0101010101010101ull

/* Windows-1252 0x80..0x9F; the five unassigned bytes keep their Latin-1
 * (C1) code point, as ISO-8859-1 would read them. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void encoding_init(struct encoder *e, enum encoding enc)
{
	memset(e, 0, sizeof(*e));
	e->enc = enc;
}

const char *encoding_name(enum encoding enc)
{
	switch (enc) {
	case ENC_CP1252:
		return "windows-1252";
	case ENC_UTF16LE:
		return "utf-16le";
	case ENC_UTF16BE:
		return "utf-16be";
	default:
		return "utf-8";
	}
}

/* Length of the run of printable-or-control ASCII bytes (no high bit, no
 * NUL) at the start of s. */
static size_t ascii_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i + 8 <= n) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		/* high bit set, or a zero byte (the classic has-zero trick) */
		if ((v & HIGH_BITS) || ((v - LOW_BITS) & ~v & HIGH_BITS))
			break;
		i += 8;
	}
	while (i < n && s[i] && s[i] < 0x80)
		i++;
	return i;
}

/* A UTF-8 sequence at s: its length (1..4) when valid, 0 when it is valid
 * so far but cut by the end of s, -1 when invalid. s[0] >= 0x80. */
static int utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	int len;
	unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0; /* no overlongs */
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* <= U+10FFFF */
	} else {
		return -1;
	}
	for (int k = 1; k < len; k++) {
		if ((size_t)k >= n)
			return 0;
		unsigned b = s[k];
		if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
			return -1;
	}
	return len;
}

int encoding_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		i += ascii_run(s + i, n - i);
		if (i >= n)
			break;
		if (!s[i]) {
			i++;
			continue;
		}
		int k = utf8_seq(s + i, n - i);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

static size_t put_utf8(char *d, unsigned cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static unsigned cp1252_cp(unsigned char b)
{
	return b >= 0x80 && b < 0xA0 ? cp1252_high[b - 0x80] : b;
}

/* The decision of ENC_AUTO at a non-ASCII byte: Windows-1252 when the
 * look-ahead holds more bytes that are not UTF-8 than valid multi-byte
 * sequences (a cut one at the end does not count), else UTF-8. So a
 * UTF-8 file with a stray byte stays UTF-8 (the byte is read as
 * Windows-1252), and Windows-1252 text, which almost never forms valid
 * sequences, is read as what it is. */
static enum encoding decide(const unsigned char *s, size_t n)
{
	size_t i = 0, good = 0, bad = 0;
	assert(n > 0);
	while (i < n) {
		i += ascii_run(s + i, n - i);
		if (i >= n)
			break;
		if (!s[i]) {
			i++;
			continue;
		}
		int k = utf8_seq(s + i, n - i);
		if (k == 0)
			break;
		if (k < 0) {
			bad++;
			i++;
			continue;
		}
		good++;
		i += (size_t)k;
	}
	return bad > good ? ENC_CP1252 : ENC_UTF8;
}

/* The bytes of s[0..n) the decision looks at (s starts at the first
 * non-ASCII byte): all of them when the file ends within
 * ENCODING_DECIDE_BYTES, else that many cut back after
 * the last line end among them, so that a line is judged whole or not at
 * all; a window without a line end (one line of over 64 KiB) is taken as
 * it is. */
static size_t decide_window(const unsigned char *s, size_t n, int eof)
{
	if (eof && n <= ENCODING_DECIDE_BYTES)
		return n;
	assert(n >= ENCODING_DECIDE_BYTES);
	for (size_t w = ENCODING_DECIDE_BYTES; w > 1; w--)
		if (s[w - 1] == '\n' || s[w - 1] == '\r')
			return w;
	return ENCODING_DECIDE_BYTES;
}

static size_t convert_utf16(struct encoder *e, const unsigned char *s, size_t n, int eof, char *d,
                            size_t *used)
{
	int be = e->enc == ENC_UTF16BE;
	size_t i = 0, o = 0;
	while (i + 2 <= n) {
		unsigned u =
		    be ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 4 > n && !eof)
				break;
			unsigned u2 = 0;
			if (i + 4 <= n)
				u2 = be ? (unsigned)(s[i + 2] << 8 | s[i + 3])
				        : (unsigned)(s[i + 3] << 8 | s[i + 2]);
			if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
				o +=
				    put_utf8(d + o, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
				i += 4;
				continue;
			}
			u = 0xFFFD;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			u = 0xFFFD;
		}
		i += 2;
		if (!u) {
			e->nul++;
			continue;
		}
		o += put_utf8(d + o, u);
	}
	if (eof && i < n) {
		o += put_utf8(d + o, 0xFFFD); /* an odd last byte */
		i = n;
	}
	*used = i;
	return o;
}

size_t encoding_convert(struct encoder *e, const unsigned char *s, size_t n, int eof, char *d,
                        size_t *used)
{
	if (e->enc == ENC_UTF16LE || e->enc == ENC_UTF16BE)
		return convert_utf16(e, s, n, eof, d, used);
	size_t i = 0, o = 0;
	while (i < n) {
		size_t k = ascii_run(s + i, n - i);
		memcpy(d + o, s + i, k);
		i += k;
		o += k;
		if (i >= n)
			break;
		if (!s[i]) {
			e->nul++;
			i++;
			continue;
		}
		if (e->enc == ENC_AUTO) {
			if (n - i < ENCODING_DECIDE_BYTES && !eof)
				break;
			e->enc = decide(s + i, decide_window(s + i, n - i, eof));
		}
		if (e->enc == ENC_CP1252) {
			o += put_utf8(d + o, cp1252_cp(s[i]));
			i++;
			continue;
		}
		int len = utf8_seq(s + i, n - i);
		if (len == 0 && !eof)
			break;
		if (len <= 0) {
			e->fallback++;
			o += put_utf8(d + o, cp1252_cp(s[i]));
			i++;
			continue;
		}
		memcpy(d + o, s + i, (size_t)len);
		i += (size_t)len;
		o += (size_t)len;
	}
	*used = i;
	return o;
}
