/* policy.h — the contact policy: per category, the responsible role and
 * contacts per year per channel with minutes each — the target the plan
 * aims at — and the most visits and calls a year the plan may give.
 * Defaults from the method:
 *   1:  farmer  — visit 10/yr x 60 min, phone 12/yr x 15 min; at most 12, 12
 *   2R: farmer  — visit 4/yr x 60 min, phone 4/yr x 15 min;   at most 6, 6
 *   2P: hunter  — visit 6/yr x 60 min, phone 6/yr x 15 min;   at most 8, 6
 *   3:  service — newsletter 4/yr, phone 1/yr x 10 min;       at most 2, 4 */
#ifndef FOKUS_POLICY_H
#define FOKUS_POLICY_H

#include "core/dataset.h"

enum channel { CH_VISIT = 0, CH_PHONE, CH_NEWSLETTER, CH_COUNT };

struct policy_row {
	enum role role;
	double per_year[CH_COUNT]; /* contacts per year */
	double minutes[CH_COUNT];  /* minutes per contact */
	double max[CH_COUNT];      /* most contacts per year the plan may give (newsletters:
	                            * unused, always per_year); never below per_year */
};

struct policy {
	struct policy_row cat[CAT_COUNT]; /* indexed by enum category */
};

/* Fills *p with the defaults above. */
void policy_default(struct policy *p);
/* "visit" "phone" "newsletter"; channel_parse returns 0 or -1 (also besök, telefon, nyhetsbrev). */
const char *channel_code(enum channel c);
int channel_parse(const char *s, enum channel *out);

#endif
