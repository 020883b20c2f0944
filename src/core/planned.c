/* planned.c — a customer's planned contacts from the contact policy of its
 * category (planned.h). */
#include "core/planned.h"

#include <string.h>

void planned_from_policy(const struct dataset *ds, const int8_t *cat, const struct policy *pol,
                         struct planned_contact *out)
{
	for (size_t i = 0; i < ds->ncustomers; i++) {
		struct planned_contact *p = &out[i];
		memset(p, 0, sizeof(*p));
		p->cat = cat ? cat[i] : CAT_NONE;
		p->owner = ds->customers[i].seller;
		p->channel = -1;
		if (p->cat < 0 || p->cat >= CAT_COUNT)
			continue;
		const struct policy_row *r = &pol->cat[p->cat];
		for (int ch = 0; ch < CH_COUNT; ch++) {
			p->per_year[ch] = r->per_year[ch];
			p->minutes[ch] = r->minutes[ch];
		}
		for (int ch = 0; ch < CH_COUNT && p->channel < 0; ch++)
			if (r->per_year[ch] > 0)
				p->channel = (int8_t)ch;
	}
}

double planned_contacts_per_year(const struct planned_contact *p)
{
	return p->per_year[CH_VISIT] + p->per_year[CH_PHONE];
}
