/* fname.c — file-name-safe copies of ids (the rule: fname.h). */
#include "util/fname.h"
#include "util/xmalloc.h"

static int keep(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-';
}

char *fname_safe(const char *id)
{
	char *s = xstrdup(id && *id ? id : "_");
	for (char *p = s; *p; p++)
		if (!keep(*p))
			*p = '_';
	if (s[0] == '.')
		s[0] = '_';
	return s;
}
