/* strbuf.h — a growable byte string, always NUL-terminated. A zeroed
 * struct strbuf (STRBUF_INIT) is a valid empty buffer. */
#ifndef FOKUS_STRBUF_H
#define FOKUS_STRBUF_H
#include <stddef.h>

struct strbuf {
	char *buf; /* NULL until the first append; use strbuf_cstr() to read */
	size_t len;
	size_t cap;
};
#define STRBUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void strbuf_append(struct strbuf *sb, const void *data, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the contents ("" when empty); valid until the next append. */
const char *strbuf_cstr(const struct strbuf *sb);
/* Empties the buffer, keeping its memory. */
void strbuf_reset(struct strbuf *sb);
/* Hands the string to the caller (who frees it) and empties the buffer. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

#endif
