/* i18n.h — Swedish and English: the language choice, number/money/percent
 * formatting for people, and the category labels. Machine formats (csv,
 * json) never go through here: they use plain numbers with '.'. */
#ifndef FOKUS_I18N_H
#define FOKUS_I18N_H
#include <stddef.h>
#include <stdint.h>

enum lang { LANG_EN = 0, LANG_SV = 1 };

/* Picks the text for the language: TR(lang, "English", "Svenska"). */
#define TR(lang, en, sv) ((lang) == LANG_SV ? (sv) : (en))

/* Default language: Swedish when LANG (or LC_ALL/LC_MESSAGES) starts with "sv", else English. */
enum lang lang_default(void);
/* Parses "sv"/"en" (also "swedish", "svenska", "english"). Returns 0, or -1 when unknown. */
int lang_parse(const char *s, enum lang *out);

/* Formats whole currency units from minor units (öre/cents), rounded half away
 * from zero: sv "1 234 567 kr", en "1,234,567". Returns buf. */
const char *fmt_money(char *buf, size_t size, int64_t minor, enum lang lang);
/* Integer with thousands separators: sv "1 234", en "1,234". */
const char *fmt_int(char *buf, size_t size, int64_t v, enum lang lang);
/* Decimal number with `decimals` digits: sv "3,5", en "3.5" (with thousands separators). */
const char *fmt_num(char *buf, size_t size, double v, int decimals, enum lang lang);
/* Percent of a fraction (0.62 -> sv "62 %", en "62%"), `decimals` digits. */
const char *fmt_pct(char *buf, size_t size, double frac, int decimals, enum lang lang);
/* Plain machine number from minor units: 123456 -> "1234.56", -5 -> "-0.05". */
const char *fmt_minor_plain(char *buf, size_t size, int64_t minor);

#endif
