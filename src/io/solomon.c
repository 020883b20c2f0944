/* solomon.c — the Solomon VRPTW instance reader of solomon.h. Lines are
 * whitespace-separated; blank lines and the column-title lines are skipped;
 * every number is checked (finite, non-negative where it must be). */
#include "io/solomon.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* Splits line into up to max numbers; returns how many, or -1 when a
 * token is not a number. */
static int numbers(char *line, double *out, int max)
{
	int k = 0;
	char *save = NULL;
	for (char *tok = strtok_r(line, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		char *end;
		errno = 0;
		double v = strtod(tok, &end);
		if (*end || errno || !isfinite(v))
			return -1;
		if (k < max)
			out[k] = v;
		k++;
	}
	return k;
}

static int blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

int solomon_read(const char *path, struct solomon *out, struct ferr *err)
{
	memset(out, 0, sizeof(*out));
	FILE *f = fopen(path, "r");
	if (!f) {
		ferr_setpos(err, path, 0, 0, "cannot open the file: %s", strerror(errno));
		return -1;
	}
	char line[1024];
	long ln = 0;
	enum { NAME, FLEET, ROWS } state = NAME;
	int cap_rows = 0;
	double v[8];
	while (fgets(line, sizeof(line), f)) {
		ln++;
		if (blank(line))
			continue;
		if (state == NAME) {
			size_t n = strcspn(line, "\r\n");
			while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
				n--;
			size_t s0 = strspn(line, " \t");
			snprintf(out->name, sizeof(out->name), "%.*s", (int)(n - s0), line + s0);
			state = FLEET;
			continue;
		}
		int k = numbers(line, v, 8);
		if (k < 0)
			continue; /* a title line: VEHICLE, NUMBER CAPACITY, CUSTOMER, ... */
		if (state == FLEET) {
			if (k != 2 || v[0] < 1 || v[0] != floor(v[0]) || v[1] < 0) {
				ferr_setpos(err, path, ln, 0,
				            "expected the fleet size and capacity");
				goto fail;
			}
			out->vehicles = (int)v[0];
			out->capacity = v[1];
			state = ROWS;
			continue;
		}
		if (k != 7) {
			ferr_setpos(err, path, ln, 0, "expected 7 numbers per place, found %d", k);
			goto fail;
		}
		if (v[0] != floor(v[0]) || v[0] < 0 || v[3] < 0 || v[6] < 0 || v[5] < v[4]) {
			ferr_setpos(err, path, ln, 0,
			            "place %g has a negative demand or service time, or its window "
			            "ends before it opens",
			            v[0]);
			goto fail;
		}
		if (out->nrows == cap_rows) {
			cap_rows = cap_rows ? 2 * cap_rows : 128;
			out->row = xreallocarray(out->row, cap_rows, sizeof(*out->row));
		}
		struct solomon_row *r = &out->row[out->nrows++];
		r->id = (int)v[0];
		r->x = v[1];
		r->y = v[2];
		r->demand = v[3];
		r->ready = v[4];
		r->due = v[5];
		r->service = v[6];
	}
	if (ferror(f)) {
		ferr_setpos(err, path, ln, 0, "read error");
		goto fail;
	}
	if (state != ROWS || out->nrows < 1) {
		ferr_setpos(err, path, ln, 0, "not a Solomon instance: no fleet line or no places");
		goto fail;
	}
	for (int i = 0; i < out->nrows; i++)
		for (int j = 0; j < i; j++)
			if (out->row[i].id == out->row[j].id) {
				ferr_setpos(err, path, 0, 0, "place %d appears twice",
				            out->row[i].id);
				goto fail;
			}
	fclose(f);
	return 0;
fail:
	fclose(f);
	solomon_free(out);
	return -1;
}

void solomon_free(struct solomon *s)
{
	if (!s)
		return;
	free(s->row);
	s->row = NULL;
	s->nrows = 0;
}
