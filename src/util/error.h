/* error.h — the error out-parameter every fallible library function takes.
 * Library layers (io, store, core) fill it and never print; commands and
 * web handlers print it. Message text is a sentence without the position. */
#ifndef FOKUS_ERROR_H
#define FOKUS_ERROR_H

struct ferr {
	char file[256]; /* "" when not about a file */
	long line;      /* 1-based physical line in the file, 0 when unknown */
	int col;        /* 1-based column (field) number, 0 when unknown */
	char msg[512];
};

/* Sets msg (printf style); keeps file/line/col as they are. NULL err is allowed. */
void ferr_set(struct ferr *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets position and message at once. file may be NULL. */
void ferr_setpos(struct ferr *err, const char *file, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Formats "FILE:LINE: msg" (or just msg) into buf. Returns buf. */
const char *ferr_str(const struct ferr *err, char *buf, unsigned long size);
void ferr_clear(struct ferr *err);

#endif
