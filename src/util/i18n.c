/* i18n.c — language choice and human number formats. Swedish groups digits
 * with a space and uses a decimal comma; English groups with ',' and uses '.'. */
#include "util/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum lang lang_default(void)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "sv", 2) == 0 ? LANG_SV : LANG_EN;
	}
	return LANG_EN;
}

int lang_parse(const char *s, enum lang *out)
{
	if (!strcasecmp(s, "sv") || !strcasecmp(s, "swedish") || !strcasecmp(s, "svenska")) {
		*out = LANG_SV;
		return 0;
	}
	if (!strcasecmp(s, "en") || !strcasecmp(s, "english")) {
		*out = LANG_EN;
		return 0;
	}
	return -1;
}

/* Groups the digits of an unsigned magnitude string with sep. */
static void group(char *out, size_t size, const char *digits, const char *sep)
{
	size_t n = strlen(digits), o = 0, sl = strlen(sep);
	for (size_t i = 0; i < n && o + 1 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			for (size_t k = 0; k < sl && o + 1 < size; k++)
				out[o++] = sep[k];
		}
		if (o + 1 < size)
			out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* Copies the n bytes at p into buf as a string, cut to fit size. */
static const char *put(char *buf, size_t size, const char *p, size_t n)
{
	if (size == 0)
		return buf;
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

/* Writes v's digits grouped by three with sep (0: none), and a leading '-'
 * when negative, backwards so that they end at e; returns where they start.
 * Without printf: the csv and the reasons format two numbers per customer. */
static char *digits_back(char *e, int64_t v, char sep)
{
	unsigned long long mag = v < 0 ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
	char *p = e;
	int nd = 0;
	do {
		if (sep && nd > 0 && nd % 3 == 0)
			*--p = sep;
		*--p = (char)('0' + mag % 10);
		mag /= 10;
		nd++;
	} while (mag);
	if (v < 0)
		*--p = '-';
	return p;
}

const char *fmt_int(char *buf, size_t size, int64_t v, enum lang lang)
{
	char t[40], *e = t + sizeof(t);
	char *p = digits_back(e, v, lang == LANG_SV ? ' ' : ',');
	return put(buf, size, p, (size_t)(e - p));
}

const char *fmt_money(char *buf, size_t size, int64_t minor, enum lang lang)
{
	int64_t units = minor >= 0 ? (minor + 50) / 100 : -((-minor + 50) / 100);
	char t[48], *e = t + sizeof(t) - 3;
	char *p = digits_back(e, units, lang == LANG_SV ? ' ' : ',');
	if (lang == LANG_SV) {
		memcpy(e, " kr", 3);
		e += 3;
	}
	return put(buf, size, p, (size_t)(e - p));
}

const char *fmt_num(char *buf, size_t size, double v, int decimals, enum lang lang)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "–");
		return buf;
	}
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, fabs(v));
	int neg = v < 0 && strpbrk(tmp, "123456789") != NULL;
	char *dot = strchr(tmp, '.');
	if (dot)
		*dot = '\0';
	char grouped[96];
	group(grouped, sizeof(grouped), tmp, lang == LANG_SV ? " " : ",");
	snprintf(buf, size, "%s%s%s%s", neg ? "-" : "", grouped,
	         dot ? (lang == LANG_SV ? "," : ".") : "", dot ? dot + 1 : "");
	return buf;
}

const char *fmt_pct(char *buf, size_t size, double frac, int decimals, enum lang lang)
{
	char n[64];
	fmt_num(n, sizeof(n), frac * 100.0, decimals, lang);
	snprintf(buf, size, "%s%s", n, lang == LANG_SV ? " %" : "%");
	return buf;
}

const char *fmt_minor_plain(char *buf, size_t size, int64_t minor)
{
	unsigned long long mag =
	    minor < 0 ? (unsigned long long)(-(minor + 1)) + 1 : (unsigned long long)minor;
	char t[32], *e = t + sizeof(t), *p = e;
	if (mag % 100) {
		*--p = (char)('0' + mag % 10);
		*--p = (char)('0' + mag / 10 % 10);
		*--p = '.';
	}
	/* the units, with the sign: -0.50 is "-0.50" */
	p = digits_back(p, (int64_t)(mag / 100), 0);
	if (minor < 0)
		*--p = '-';
	return put(buf, size, p, (size_t)(e - p));
}
