/* web/jsonw.h — a small streaming JSON writer into a strbuf, for API
 * responses that may hold a million rows: no tree is built. Strings are
 * escaped (also < > & as \u escapes, so JSON never reads as markup); money
 * is written exactly from minor units. The caller writes a valid sequence:
 * jsonw_key only inside objects; commas are inserted by the writer. */
#ifndef FOKUS_JSONW_H
#define FOKUS_JSONW_H
#include <stdint.h>

#include "util/strbuf.h"

#define JSONW_DEPTH 32

struct jsonw {
	struct strbuf *sb;
	int depth;
	unsigned char first[JSONW_DEPTH]; /* 1 while the container at that depth is empty */
	int after_key;
};

void jsonw_init(struct jsonw *w, struct strbuf *sb);
void jsonw_obj(struct jsonw *w); /* { */
void jsonw_end_obj(struct jsonw *w);
void jsonw_arr(struct jsonw *w); /* [ */
void jsonw_end_arr(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *k);
void jsonw_str(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_int(struct jsonw *w, int64_t v);
void jsonw_num(struct jsonw *w, double v, int decimals); /* non-finite writes null */
void jsonw_money(struct jsonw *w, int64_t minor);        /* 123456 -> 1234.56 */
void jsonw_bool(struct jsonw *w, int v);
void jsonw_null(struct jsonw *w);
/* Appends an escaped JSON string literal (with quotes) of s to sb. */
void jsonw_escape(struct strbuf *sb, const char *s);

/* key + value shorthands */
void jsonw_kstr(struct jsonw *w, const char *k, const char *s);
void jsonw_kint(struct jsonw *w, const char *k, int64_t v);
void jsonw_kmoney(struct jsonw *w, const char *k, int64_t minor);
/* The amount, or null where there is none (has == 0). */
void jsonw_kmoney_or_null(struct jsonw *w, const char *k, int has, int64_t minor);

#endif
