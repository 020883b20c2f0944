/* response.h — how a customer's yearly revenue answers to contact: the
 * ADBUDG curve Lodish's CALLPLAN used,
 *
 *     r(f) = r0 + (rmax − r0) · f^c / (d + f^c),
 *
 * f = visits a year, a call counting as `phone_weight` of a visit. Per
 * category (the curve's shape) it comes from one of three sources: a fit to
 * the workspace's own history (monthly order value against the contact of
 * the three months up to it, customer and month effects, a bootstrap over
 * customers for the uncertainty), the manager's judgement in CALLPLAN's four
 * points, or the method's defaults. Per customer the curve is anchored at
 * what the customer buys today at today's contact, and its saturation is at
 * most revenue + potential. Pure; formulas and a worked example in
 * docs/plan.md ("Response"). */
#ifndef FOKUS_RESPONSE_H
#define FOKUS_RESPONSE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"

/* A call counts as this share of a visit unless the manager says otherwise. */
#define RESPONSE_PHONE_WEIGHT 0.2
/* Bootstrap replicates of the fit; fewer (down to RESPONSE_BOOT_MIN) for a
 * category with more than 10 000 informative customers. */
#define RESPONSE_BOOT 40
#define RESPONSE_BOOT_MIN 20
/* Customers with a changing contact level needed before a fit is used. */
#define RESPONSE_MIN_INFORMATIVE 30

/* A curve's shape, in shares of saturation: m(f) = rho + (1 − rho) g(f),
 * g(f) = f^c / (d + f^c). rho = r(0) / rmax. */
struct response_curve {
	double rho; /* (0, 1]; 1: contact makes no difference */
	double c;   /* > 0; 1 is concave throughout, > 1 S-shaped */
	double d;   /* > 0; with c = 1 the frequency that wins half the way to saturation */
};

enum response_source { RS_DEFAULT = 0, RS_FIT, RS_JUDGEMENT };
/* "default" "fit" "judgement" */
const char *response_source_code(enum response_source s);

/* The method's defaults per category (used when the history is too thin). */
void response_default(enum category cat, struct response_curve *out);

double response_g(const struct response_curve *k, double f); /* 0..1 */
double response_m(const struct response_curve *k, double f); /* rho..1 */

/* CALLPLAN's four judgement points, as shares of today's revenue (1 = as
 * today): with no visits, with half today's visits, with 50 % more, and at
 * saturation. */
struct response_points {
	double none, half, more, saturation;
};

/* The curve through the points, today's contact being f_ref a year per
 * customer (> 0): rho = none / saturation; c and d by least squares on the
 * logits of g at f_ref/2, f_ref and 1.5 f_ref (a line in ln f). Returns 0,
 * or -1 with *cause (a sentence, caller frees) unless 0 <= none < half < 1
 * < more < saturation (or all four 1: no response). */
int response_from_points(const struct response_points *p, double f_ref, struct response_curve *out,
                         char **cause);
/* The four points a curve implies at f_ref. */
void response_to_points(const struct response_curve *k, double f_ref, struct response_points *out);

/* One customer's curve in money (same units as revenue). */
struct response_customer {
	double r0, rmax;
};

/* Anchors the shape at the customer: today it buys `revenue` at `f_today`.
 * revenue > 0: rmax = revenue / m(f_today), at most revenue + potential
 * (potential < 0: unknown, no bound); r0 = rho·rmax, or — when the bound
 * holds rmax down — the r0 that keeps r(f_today) = revenue (at least 0).
 * revenue <= 0: r0 = 0 and rmax = (1 − rho)·potential (0 when unknown). */
void response_customer(const struct response_curve *k, double revenue, double potential,
                       double f_today, struct response_customer *out);
/* r(f) of that customer. */
double response_value(const struct response_curve *k, const struct response_customer *c, double f);

/* --- the fit -------------------------------------------------------------- */

struct response_fit_input {
	const struct dataset *ds;
	const int8_t *cat;   /* per customer: enum category, CAT_NONE not fitted */
	int32_t to;          /* last day of the history (inclusive) */
	int months;          /* months of history, 12..24 (the months up to `to`) */
	bool margin;         /* order margins instead of amounts */
	double phone_weight; /* a call as a share of a visit */
	int boot;            /* bootstrap replicates (0: none) */
	uint64_t seed;       /* of the bootstrap's random numbers */
};

struct response_fit_cat {
	bool ok;                   /* enough informative customers: est is used */
	struct response_curve est; /* c = 1 */
	int customers;             /* in the panel (buying in at least 3 months) */
	int informative;           /* whose contact level changed from month to month */
	double lr;                 /* 2 × quasi-log-likelihood gain over "no response"
	                            * (divided by the dispersion: about chi-square, 2 df) */
	double f_ref;              /* today's contact per customer-year (last 12 months) */
	int nboot;
	struct response_curve *boot; /* the replicates (nboot), NULL when none */
	double rho_lo, rho_hi;       /* 10th and 90th percentiles over the replicates */
	double d_lo, d_hi;
};

struct response_fit {
	struct response_fit_cat cat[CAT_COUNT];
	int32_t from, to; /* the months used: first day of the first, last day */
	int months;       /* usable months (with three months of contact before) */
	double phone_weight;
};

/* Fits rho and d (c = 1) per category by Poisson pseudo-likelihood with
 * customer and month effects: E[y_it] = a_i · s_t · m(x_it), y = order value
 * of customer i in month t (negative months count 0), x = visits + weight ×
 * calls in months t−2..t, × 4 (a yearly rate). Only customers whose x
 * changes carry information about m; the rest fix the month effects.
 * Never fails: a category without enough data has ok = false. Free with
 * response_fit_free. */
void response_fit(const struct response_fit_input *in, struct response_fit *out);
void response_fit_free(struct response_fit *f);

/* Today's contact per customer over the 365 days up to `to`: fills f[i] =
 * visits + phone_weight × calls (a yearly rate). */
void response_contact_today(const struct dataset *ds, int32_t to, double phone_weight, double *f);

#endif
