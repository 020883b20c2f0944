/* cellguard.c — see cellguard.h. */
#include "render/cellguard.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* [+-]?[0-9]+([.,][0-9]+)?%? and nothing else. */
static int plain_number(const char *s)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	const char *d = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == d)
		return 0;
	if (*p == '.' || *p == ',') {
		d = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == d)
			return 0;
	}
	if (*p == '%')
		p++;
	return *p == '\0';
}

int cellguard_risky(const char *s)
{
	if (!s || !strchr("=+-@\t\r", *s) || !*s)
		return 0;
	return !plain_number(s);
}

const char *cellguard_text(const char *s, char **owned)
{
	*owned = NULL;
	if (!cellguard_risky(s))
		return s;
	size_t n = strlen(s);
	*owned = xmalloc(n + 2);
	(*owned)[0] = '\'';
	memcpy(*owned + 1, s, n + 1);
	return *owned;
}

lxw_error cellguard_xlsx_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                                lxw_format *fmt)
{
	char *owned;
	lxw_error e = worksheet_write_string(ws, row, col, cellguard_text(s, &owned), fmt);
	free(owned);
	return e;
}
