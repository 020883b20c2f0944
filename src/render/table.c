/* table.c — terminal tables: collect rows, measure display widths, print
 * aligned. Used by every command that prints a table. */
#include "render/table.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

struct table {
	int ncols;
	char *align;
	char **cells; /* nrows * ncols */
	int nrows, cap;
};

struct table *table_new(int ncols, const char *align)
{
	struct table *t = xcalloc(1, sizeof(*t));
	t->ncols = ncols;
	t->align = xcalloc((size_t)ncols + 1, 1);
	for (int i = 0; i < ncols; i++)
		t->align[i] = align && (int)strlen(align) > i ? align[i] : 'l';
	return t;
}

void table_row(struct table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells =
		    xreallocarray(t->cells, (size_t)t->cap * (size_t)t->ncols, sizeof(char *));
	}
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

int table_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

void table_print(const struct table *t, FILE *f, int header_rule)
{
	int *w = xcalloc((size_t)t->ncols, sizeof(int));
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			int cw = table_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			int pad = w[c] - table_width(s);
			int last = c == t->ncols - 1;
			if (t->align[c] == 'r')
				fprintf(f, "%*s%s", pad, "", s);
			else
				fprintf(f, "%s%*s", s, last ? 0 : pad, "");
			if (!last)
				fputs("  ", f);
		}
		fputc('\n', f);
		if (r == 0 && header_rule) {
			for (int c = 0; c < t->ncols; c++) {
				for (int k = 0; k < w[c]; k++)
					fputs("─", f);
				if (c < t->ncols - 1)
					fputs("  ", f);
			}
			fputc('\n', f);
		}
	}
	free(w);
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->align);
	free(t);
}
