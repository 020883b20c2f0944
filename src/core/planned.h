/* planned.h — what the plan asks for each customer: the responsible person
 * and the contacts a year per channel (visits, calls, newsletters). Every
 * follow-up figure (the newsletter's recipients, plan adherence, overdue
 * customers, the seller's day) reads it from here, so "what was planned"
 * has one definition. Today it is derived from the contact policy of the
 * customer's category and the current owner (the owner `fokus plan
 * --apply` set); a plan that stores channel and frequencies per customer
 * fills the same struct (see app/planned.c). Pure. */
#ifndef FOKUS_PLANNED_H
#define FOKUS_PLANNED_H
#include <stdint.h>

#include "core/dataset.h"
#include "core/policy.h"

struct planned_contact {
	int8_t cat;                /* enum category, CAT_NONE when not categorized */
	int32_t owner;             /* seller index of the responsible person, -1 none */
	int8_t channel;            /* enum channel of the main contact (visit, else phone,
	                            * else newsletter), -1 when nothing is planned */
	double per_year[CH_COUNT]; /* contacts a year per channel */
	double minutes[CH_COUNT];  /* minutes per contact */
};

/* Fills out[i] for every customer of ds from its category cat[i] (CAT_NONE:
 * nothing planned) and the policy; the owner is the customer's seller. */
void planned_from_policy(const struct dataset *ds, const int8_t *cat, const struct policy *pol,
                         struct planned_contact *out);

/* Contacts a year that count towards "next contact due" (visits + calls). */
double planned_contacts_per_year(const struct planned_contact *p);

#endif
