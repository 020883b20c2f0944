/* sample-text.h — the words of the sample company (internal to
 * src/core/sample*.c): industries (SNI 2007 sections), made-up Swedish
 * company names, streets, org numbers, e-mail addresses, phone numbers and
 * people's names. Data over code: tables in sample-text.c. */
#ifndef FOKUS_SAMPLE_TEXT_H
#define FOKUS_SAMPLE_TEXT_H

#include <stddef.h>

#include "core/rng.h"

/* Opening-hours profile of an industry. */
enum sample_hours { HOURS_TRADE = 0, HOURS_SHOP, HOURS_RESTAURANT, HOURS_OFFICE };

struct sample_industry {
	const char *label; /* "F Byggverksamhet": SNI section letter and Swedish name */
	double weight;     /* share of the customer base */
	double emp_median; /* median employees */
	double spend;      /* kr per employee per year in our range (the wallet) */
	enum sample_hours hours;
	int prefix;            /* names read "Restaurang Ankaret" rather than "Berglunds Bygg" */
	const char *words[10]; /* trade words for names, NULL-terminated */
};

extern const struct sample_industry sample_text_industries[];
extern const int sample_text_nindustries;

/* Writes a made-up company name for the industry into buf ("Berglunds Bygg
 * AB", "Restaurang Ankaret AB", "Vallentuna Rör HB"); attempt > 0 asks for a
 * different one after a clash (from attempt 6 on a number is added). *hb is
 * set when the firm is a trading partnership (HB). */
void sample_text_company(struct rng *r, int industry, const char *place, int attempt, char *buf,
                         size_t size, int *hb);

/* Org number "556123-4567" (AB: 556 or 559, beyond two million 55x) or
 * "969123-4567" (HB) with a valid Luhn check digit; distinct for distinct
 * n < 10 000 000 of each kind. */
void sample_text_orgnr(long n, int hb, char buf[12]);

/* A street address: "Industrivägen 12B". */
void sample_text_street(struct rng *r, char *buf, size_t size);

/* A phone number in the area code of the five-digit postal code: "019-12 34 56",
 * "08-123 45 67", or a mobile "070-123 45 67". */
void sample_text_phone(struct rng *r, const char *postcode, char *buf, size_t size);

/* An e-mail address at the company's made-up domain (always under the
 * reserved top-level domain .example): "info@berglundsbygg.example". */
void sample_text_email(struct rng *r, const char *company, char *buf, size_t size);

/* A person's name ("Anna Lindberg") and the matching address at the sample
 * company ("anna.lindberg@exempelgrossisten.example"). */
void sample_text_person(struct rng *r, char *name, size_t nsize);
void sample_text_person_email(const char *name, int n, char *buf, size_t size);

#endif
