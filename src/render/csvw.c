/* csvw.c — CSV output for every command's --format csv. */
#include "render/csvw.h"

#include <string.h>

void csvw_field(FILE *f, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL || (n && (s[0] == ' ' || s[n - 1] == ' '));
	if (!quote) {
		fputs(s, f);
		return;
	}
	/* runs up to and including each '"', which is then doubled */
	fputc('"', f);
	for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, f);
		fputc('"', f);
	}
	fputs(s, f);
	fputc('"', f);
}

void csvw_row(FILE *f, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		csvw_field(f, cells[i]);
	}
	fputc('\n', f);
}
