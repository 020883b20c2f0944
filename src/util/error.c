/* error.c — filling and formatting struct ferr. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ferr_clear(struct ferr *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

void ferr_set(struct ferr *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

void ferr_setpos(struct ferr *err, const char *file, long line, int col, const char *fmt, ...)
{
	if (!err)
		return;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

const char *ferr_str(const struct ferr *err, char *buf, unsigned long size)
{
	if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
	return buf;
}
