/* mailaddr.c — checking and splitting e-mail addresses (mailaddr.h). */
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static int addr_char(unsigned char c)
{
	return c > ' ' && c < 0x7f && !strchr("\"<>(),;:[]\\", c);
}

int mailaddr_valid(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (n == 0 || n > 254 || !at || at == s || strchr(at + 1, '@') || !at[1])
		return 0;
	for (const char *p = s; *p; p++)
		if (p != at && !addr_char((unsigned char)*p))
			return 0;
	const char *d = at + 1;
	/* the domain: labels of letters, digits and '-', separated by single dots */
	if (*d == '.' || d[strlen(d) - 1] == '.' || strstr(d, ".."))
		return 0;
	for (; *d; d++)
		if (!((*d >= 'a' && *d <= 'z') || (*d >= 'A' && *d <= 'Z') ||
		      (*d >= '0' && *d <= '9') || *d == '-' || *d == '.'))
			return 0;
	return (at - s) <= 64;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

int mailaddr_parse(const char *s, char **name, char **addr)
{
	*name = *addr = NULL;
	if (!s)
		return -1;
	const char *lt = strchr(s, '<');
	char *a, *nm = NULL;
	if (lt) {
		const char *gt = strchr(lt, '>');
		if (!gt || gt[1 + strspn(gt + 1, " \t")] != '\0')
			return -1;
		a = trimmed(lt + 1, (size_t)(gt - lt - 1));
		nm = trimmed(s, (size_t)(lt - s));
		size_t l = strlen(nm);
		if (l >= 2 && nm[0] == '"' && nm[l - 1] == '"') {
			memmove(nm, nm + 1, l - 2);
			nm[l - 2] = '\0';
		}
		if (!*nm || strchr(nm, '"') || strchr(nm, '\r') || strchr(nm, '\n')) {
			if (*nm) {
				free(nm);
				free(a);
				return -1;
			}
			free(nm);
			nm = NULL;
		}
	} else {
		a = trimmed(s, strlen(s));
	}
	if (!mailaddr_valid(a)) {
		free(a);
		free(nm);
		return -1;
	}
	*name = nm;
	*addr = a;
	return 0;
}

char *mailaddr_lower(const char *s)
{
	char *r = xstrdup(s ? s : "");
	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}
