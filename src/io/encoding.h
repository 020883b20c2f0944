/* encoding.h — turning the bytes of a text file into UTF-8: UTF-8 (with or
 * without BOM), Windows-1252/ISO-8859-1, UTF-16 with a BOM. Streaming: the
 * converter is fed blocks and keeps no state but the decided encoding. */
#ifndef FOKUS_ENCODING_H
#define FOKUS_ENCODING_H
#include <stddef.h>

enum encoding {
	ENC_AUTO = 0, /* only ASCII seen so far: decided at the first non-ASCII byte */
	ENC_UTF8,
	ENC_CP1252,
	ENC_UTF16LE,
	ENC_UTF16BE,
};

/* ENC_AUTO decides at the first non-ASCII byte from the bytes that follow
 * it: this many, cut back to the last line end among them (LF or CR), or
 * fewer when the file ends first. The window depends on the file's content
 * only, never on how it is read in blocks. */
#define ENCODING_DECIDE_BYTES 65536

struct encoder {
	enum encoding enc;
	long long fallback; /* ENC_UTF8: invalid bytes read as Windows-1252 */
	long long nul;      /* NUL bytes (or NUL code units) dropped */
};

/* Starts a converter in `enc`. */
void encoding_init(struct encoder *e, enum encoding enc);

/* Converts src[0..n) into dst as UTF-8. dst must hold 3 * n + 4 bytes.
 * Stops before a sequence that is cut at the end of src unless eof (then it
 * is converted as well as it can be); in ENC_AUTO it also stops before the
 * first non-ASCII byte when fewer than ENCODING_DECIDE_BYTES follow and
 * !eof, so that the decision sees its whole window (see above). *used gets the bytes of src
 * consumed. Returns the bytes written to dst. NUL bytes are dropped
 * (counted in e->nul). In ENC_UTF8 a byte that is not valid UTF-8 is read
 * as Windows-1252 (counted in e->fallback). */
size_t encoding_convert(struct encoder *e, const unsigned char *src, size_t n, int eof, char *dst,
                        size_t *used);

/* "utf-8", "windows-1252", "utf-16le", "utf-16be" ("utf-8" for ENC_AUTO:
 * ASCII is UTF-8). Static string. */
const char *encoding_name(enum encoding enc);

/* Returns 1 when s[0..n) is entirely valid UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF), else 0. */
int encoding_utf8_valid(const unsigned char *s, size_t n);

#endif
