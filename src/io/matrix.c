/* matrix.c — the travel matrix reader of matrix.h. A small csv splitter is
 * enough here: four fields, ids possibly in double quotes (with "" for a
 * quote), the delimiter taken from the first line, CRLF or LF. */
#include "io/matrix.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* Splits line at delim into at most max fields (quotes honoured, in place);
 * returns the count. */
static int split(char *line, int delim, char **f, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ')
			p++;
		char *w = p, *start = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else if (!*p) {
					break;
				} else {
					*w++ = *p++;
				}
			}
			while (*p && *p != delim)
				p++;
		} else {
			while (*p && *p != delim)
				*w++ = *p++;
			while (w > start && w[-1] == ' ')
				w--;
		}
		int end = !*p;
		*w = '\0';
		if (n < max)
			f[n] = start;
		n++;
		if (end)
			break;
		p++;
	}
	return n;
}

static int number(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < 0)
		return -1;
	*out = v;
	return 0;
}

int matrix_read(const char *path, struct matrix_row **rows, size_t *n, struct ferr *err)
{
	*rows = NULL;
	*n = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		ferr_setpos(err, path, 0, 0, "cannot open the file: %s", strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0, rcap = 0;
	ssize_t len;
	long ln = 0;
	int delim = 0, seen = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		ln++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (ln == 1 && (unsigned char)line[0] == 0xEF && (unsigned char)line[1] == 0xBB)
			memmove(line, line + 3, (size_t)len - 2);
		if (!line[strspn(line, " \t")])
			continue;
		if (!delim)
			delim = strchr(line, '\t') ? '\t' : strchr(line, ';') ? ';' : ',';
		char *fl[4];
		int nf = split(line, delim, fl, 4);
		if (nf < 4) {
			ferr_setpos(err, path, ln, nf + 1, "expected from, to, seconds, metres");
			goto fail;
		}
		double sec, m;
		if (number(fl[2], &sec) != 0 || number(fl[3], &m) != 0) {
			char *end;
			strtod(fl[2], &end);
			if (!seen++ && end == fl[2])
				continue; /* a header line: words where the numbers go */
			ferr_setpos(err, path, ln, number(fl[2], &sec) ? 3 : 4,
			            "seconds and metres must be numbers >= 0");
			goto fail;
		}
		if (*n == rcap) {
			rcap = rcap ? 2 * rcap : 256;
			*rows = xreallocarray(*rows, rcap, sizeof(**rows));
		}
		seen++;
		(*rows)[(*n)++] = (struct matrix_row){xstrdup(fl[0]), xstrdup(fl[1]), sec, m};
	}
	if (ferror(f)) {
		ferr_setpos(err, path, ln, 0, "read error");
		goto fail;
	}
	free(line);
	fclose(f);
	return 0;
fail:
	free(line);
	fclose(f);
	matrix_free(*rows, *n);
	*rows = NULL;
	*n = 0;
	return -1;
}

void matrix_free(struct matrix_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].from);
		free(rows[i].to);
	}
	free(rows);
}
