/* csvw.c — CSV output for every command's --format csv. Every field goes
 * through render/cellguard.h first, so no cell runs as a formula. */
#include "render/csvw.h"
#include "render/cellguard.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

static void field_sb(struct strbuf *sb, const char *s);

void csvw_field_sb(struct strbuf *sb, const char *s)
{
	char *owned;
	field_sb(sb, cellguard_text(s, &owned));
	free(owned);
}

static void field_sb(struct strbuf *sb, const char *s)
{
	if (!s)
		return;
	/* one pass: the length, and whether a character forces quotes */
	size_t n = 0;
	int quote = 0, quotes = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
		if (*p <= '"' || *p == ',') {
			quote |= *p == ',' || *p == '"' || *p == '\r' || *p == '\n';
			quotes |= *p == '"';
		}
	quote |= n && (s[0] == ' ' || s[n - 1] == ' ');
	if (!quote) {
		strbuf_append(sb, s, n);
		return;
	}
	strbuf_putc(sb, '"');
	if (quotes) {
		for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
			strbuf_append(sb, s, (size_t)(q - s) + 1);
			strbuf_putc(sb, '"');
		}
		n = strlen(s);
	}
	strbuf_append(sb, s, n);
	strbuf_putc(sb, '"');
}

void csvw_row_sb(struct strbuf *sb, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			strbuf_putc(sb, ',');
		csvw_field_sb(sb, cells[i]);
	}
	strbuf_putc(sb, '\n');
}

/* The FILE writers go through the strbuf ones: one quoting rule. */
void csvw_field(FILE *f, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	csvw_field_sb(&sb, s);
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, f);
	strbuf_free(&sb);
}

void csvw_row(FILE *f, const char *const *cells, int n)
{
	struct strbuf sb = STRBUF_INIT;
	csvw_row_sb(&sb, cells, n);
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, f);
	strbuf_free(&sb);
}
