/* fuzz-number.c — libFuzzer target for the number parser (src/io/number.c).
 * The input is one cell (not NUL-terminated, so reading past it is caught).
 * It is parsed in both decimal formats and observed for the column
 * decision. Checks: results are in range; a parsed value written back
 * canonically ("-1234.5" or "-1234,5") parses to the same value; minor
 * units and powers of ten never overflow silently (UBSan). */
#include <string.h>

#include "fuzzutil.h"
#include "io/number.h"

/* v without trailing zeros in its fraction, so equal values compare equal. */
static struct numval norm(struct numval v)
{
	while (v.scale > 0 && v.mant % 10 == 0) {
		v.mant /= 10;
		v.scale--;
	}
	return v;
}

/* Writes v canonically with `sep` as decimal separator into buf; returns
 * the number of digits written. */
static int canonical(const struct numval *v, char sep, char *buf, size_t cap)
{
	uint64_t m = v->mant < 0 ? (uint64_t)0 - (uint64_t)v->mant : (uint64_t)v->mant;
	char digits[32];
	int nd = snprintf(digits, sizeof(digits), "%0*llu", v->scale + 1, (unsigned long long)m);
	size_t o = 0;
	if (v->mant < 0)
		buf[o++] = '-';
	for (int i = 0; i < nd && o + 2 < cap; i++) {
		if (i == nd - v->scale)
			buf[o++] = sep;
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return nd;
}

static void check_roundtrip(const struct numval *v, enum numfmt f)
{
	char text[48];
	int nd = canonical(v, f == NUMFMT_COMMA ? ',' : '.', text, sizeof(text));
	struct numval back;
	int rc = number_parse(text, strlen(text), f, &back);
	if (rc == -2 && nd > 18)
		return; /* a canonical text with more digits than the parser takes */
	struct numval a = norm(*v), b = norm(back);
	if (rc != 0 || a.mant != b.mant || a.scale != b.scale) {
		fprintf(stderr, "round trip: \"%s\" gave rc %d, %lld/10^%d (was %lld/10^%d)\n",
		        text, rc, (long long)back.mant, back.scale, (long long)v->mant, v->scale);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 512)
		return 0;
	char *s = malloc(size ? size : 1);
	memcpy(s, data, size);
	struct numstat st = {0};
	number_observe(&st, s, size);
	enum numfmt decided;
	if (number_decide(&st, &decided) < 0 ||
	    (decided != NUMFMT_POINT && decided != NUMFMT_COMMA))
		abort();
	for (int f = NUMFMT_POINT; f <= NUMFMT_COMMA; f++) {
		struct numval v = {0, 0};
		int rc = number_parse(s, size, (enum numfmt)f, &v);
		if (rc < -2 || rc > 1)
			abort();
		if (rc != 0)
			continue;
		if (v.scale < 0 || v.scale > 18)
			abort();
		int64_t minor;
		(void)number_minor(&v, &minor);
		(void)number_double(&v);
		struct numval w = v;
		(void)number_mul_pow10(&w, 3);
		check_roundtrip(&v, (enum numfmt)f);
	}
	free(s);
	return 0;
}
