/* jsonw.c — the streaming JSON writer of jsonw.h. */
#include "web/jsonw.h"
#include "util/i18n.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void jsonw_init(struct jsonw *w, struct strbuf *sb)
{
	w->sb = sb;
	w->depth = 0;
	w->first[0] = 1;
	w->after_key = 0;
}

/* Writes the comma before a value, unless it follows a key or opens a container. */
static void sep(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (!w->first[w->depth])
		strbuf_putc(w->sb, ',');
	w->first[w->depth] = 0;
}

static void open(struct jsonw *w, char c)
{
	sep(w);
	strbuf_putc(w->sb, c);
	assert(w->depth + 1 < JSONW_DEPTH);
	w->first[++w->depth] = 1;
}

static void close_(struct jsonw *w, char c)
{
	assert(w->depth > 0);
	w->depth--;
	strbuf_putc(w->sb, c);
}

void jsonw_obj(struct jsonw *w)
{
	open(w, '{');
}
void jsonw_end_obj(struct jsonw *w)
{
	close_(w, '}');
}
void jsonw_arr(struct jsonw *w)
{
	open(w, '[');
}
void jsonw_end_arr(struct jsonw *w)
{
	close_(w, ']');
}

void jsonw_escape(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	strbuf_putc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		switch (c) {
		case '"':
			strbuf_puts(sb, "\\\"");
			break;
		case '\\':
			strbuf_puts(sb, "\\\\");
			break;
		case '\n':
			strbuf_puts(sb, "\\n");
			break;
		case '\r':
			strbuf_puts(sb, "\\r");
			break;
		case '\t':
			strbuf_puts(sb, "\\t");
			break;
		default:
			if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7f) {
				char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
				strbuf_puts(sb, u);
			} else {
				strbuf_putc(sb, (char)c);
			}
		}
	}
	strbuf_putc(sb, '"');
}

void jsonw_key(struct jsonw *w, const char *k)
{
	sep(w);
	jsonw_escape(w->sb, k);
	strbuf_putc(w->sb, ':');
	w->after_key = 1;
}

void jsonw_str(struct jsonw *w, const char *s)
{
	sep(w);
	if (s)
		jsonw_escape(w->sb, s);
	else
		strbuf_puts(w->sb, "null");
}

void jsonw_int(struct jsonw *w, int64_t v)
{
	sep(w);
	strbuf_printf(w->sb, "%lld", (long long)v);
}

void jsonw_num(struct jsonw *w, double v, int decimals)
{
	sep(w);
	if (!isfinite(v)) {
		strbuf_puts(w->sb, "null");
		return;
	}
	char buf[64];
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	/* Trim trailing zeros of the fraction so 2.50 reads 2.5 and 3.00 reads 3. */
	char *dot = NULL;
	for (char *p = buf; *p; p++)
		if (*p == '.')
			dot = p;
	if (dot) {
		char *e = dot + strlen(dot) - 1;
		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*e = '\0';
	}
	if (!strcmp(buf, "-0"))
		strbuf_putc(w->sb, '0');
	else
		strbuf_puts(w->sb, buf);
}

void jsonw_money(struct jsonw *w, int64_t minor)
{
	char buf[32];
	sep(w);
	strbuf_puts(w->sb, fmt_minor_plain(buf, sizeof(buf), minor));
}

void jsonw_bool(struct jsonw *w, int v)
{
	sep(w);
	strbuf_puts(w->sb, v ? "true" : "false");
}

void jsonw_null(struct jsonw *w)
{
	sep(w);
	strbuf_puts(w->sb, "null");
}

void jsonw_kstr(struct jsonw *w, const char *k, const char *s)
{
	jsonw_key(w, k);
	jsonw_str(w, s);
}

void jsonw_kint(struct jsonw *w, const char *k, int64_t v)
{
	jsonw_key(w, k);
	jsonw_int(w, v);
}

void jsonw_kmoney(struct jsonw *w, const char *k, int64_t minor)
{
	jsonw_key(w, k);
	jsonw_money(w, minor);
}

void jsonw_kmoney_or_null(struct jsonw *w, const char *k, int has, int64_t minor)
{
	jsonw_key(w, k);
	if (has)
		jsonw_money(w, minor);
	else
		jsonw_null(w);
}
