/* urlenc.c — percent-encoding (urlenc.h). */
#include "util/urlenc.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <string.h>

char *url_escape(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (*p && strchr("-._~", *p)))
			strbuf_putc(&sb, (char)*p);
		else
			strbuf_printf(&sb, "%%%02X", *p);
	}
	char *r = strbuf_detach(&sb);
	return r ? r : xstrdup("");
}
