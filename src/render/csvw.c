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
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
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
