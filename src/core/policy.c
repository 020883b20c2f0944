/* policy.c — the contact policy of the method: its defaults per category and
 * the names of the contact channels. The table lives in the workspace
 * (store/policy.c); this file only knows the defaults and the words. */
#include "core/policy.h"

#include <string.h>
#include <strings.h>

/* The defaults from the method (data over code): role, then per channel
 * contacts per year, minutes per contact and the most a year (visit, phone,
 * newsletter). */
static const struct policy_row defaults[CAT_COUNT] = {
    [CAT_1] = {ROLE_FARMER, {10, 12, 0}, {60, 15, 0}, {12, 12, 0}},
    [CAT_2R] = {ROLE_FARMER, {4, 4, 0}, {60, 15, 0}, {6, 6, 0}},
    [CAT_2P] = {ROLE_HUNTER, {6, 6, 0}, {60, 15, 0}, {8, 6, 0}},
    [CAT_3] = {ROLE_SERVICE, {0, 1, 4}, {0, 10, 0}, {2, 4, 4}},
};

void policy_default(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	for (int c = 0; c < CAT_COUNT; c++)
		p->cat[c] = defaults[c];
}

static const struct {
	const char *code;
	const char *aliases[5];
} channels[CH_COUNT] = {
    [CH_VISIT] = {"visit", {"besök", "besok", "field", NULL}},
    [CH_PHONE] = {"phone", {"telefon", "call", "samtal", NULL}},
    [CH_NEWSLETTER] = {"newsletter", {"nyhetsbrev", "utskick", NULL}},
};

const char *channel_code(enum channel c)
{
	return c >= 0 && c < CH_COUNT ? channels[c].code : "";
}

int channel_parse(const char *s, enum channel *out)
{
	if (!s)
		return -1;
	for (int i = 0; i < CH_COUNT; i++) {
		if (!strcasecmp(s, channels[i].code)) {
			*out = (enum channel)i;
			return 0;
		}
		for (int k = 0; channels[i].aliases[k]; k++) {
			if (!strcasecmp(s, channels[i].aliases[k])) {
				*out = (enum channel)i;
				return 0;
			}
		}
	}
	return -1;
}
