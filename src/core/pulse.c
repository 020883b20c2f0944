/* pulse.c — booking frequency for the weekly pulse, ISO week names, and
 * counting category movements (pulse.h). */
#include "core/pulse.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pulse_parse_week(const char *s, int32_t *monday)
{
	int y, w, n = 0;
	if (!s)
		return -1;
	if (!(sscanf(s, "%4d-%*[wW]%2d%n", &y, &w, &n) == 2 && !s[n])) {
		n = 0;
		if (!(sscanf(s, "%4d%*[wW]%2d%n", &y, &w, &n) == 2 && !s[n]))
			return -1;
	}
	if (y < 1900 || y > 9999 || w < 1 || w > 53)
		return -1;
	int32_t jan4 = days_from_ymd(y, 1, 4);
	int32_t m = jan4 - days_weekday(jan4) + 7 * (w - 1);
	int iy;
	if (days_iso_week(m, &iy) != w || iy != y)
		return -1; /* week 53 of a year that has 52 */
	*monday = m;
	return 0;
}

/* Fills b from weekly counts c[0..nw) where c[nw - 1] is the pulse's week. */
static void summarize(struct pulse_bookings *b, const int64_t *c, int nw)
{
	b->week = c[nw - 1];
	for (int k = 0; k < PULSE_SPARK; k++) {
		int i = nw - PULSE_SPARK + k;
		b->spark[k] = i >= 0 ? c[i] : 0;
	}
	int n = 0;
	double sum = 0;
	for (int i = nw - 2; i >= 0 && n < 12; i--, n++)
		sum += (double)c[i];
	b->avg = n ? sum / n : 0;
	int k = nw - 2;
	while (k >= 0 && c[k] < b->week)
		k--;
	int run = nw - 1 - k; /* the week and the earlier weeks it beats */
	b->best_in = b->week > 0 && run >= 3 ? run : 0;
	b->best_of_history = b->best_in > 0 && k < 0;
}

int pulse_bookings(const struct dataset *ds, int32_t week, struct pulse_bookings *out,
                   struct pulse_bookings *team)
{
	int32_t first = DAYS_NONE;
	for (size_t i = 0; i < ds->nactivities; i++)
		if (first == DAYS_NONE || ds->activities[i].day < first)
			first = ds->activities[i].day;
	int32_t start = week - 7 * PULSE_HISTORY;
	if (first != DAYS_NONE && first - days_weekday(first) > start)
		start = first - days_weekday(first);
	if (start > week)
		start = week;
	int nw = (week - start) / 7 + 1;
	size_t ns = ds->nsellers;
	int64_t *c = xcalloc((ns + 1) * (size_t)nw, sizeof(int64_t)); /* row ns: the team */
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *a = &ds->activities[i];
		if (a->type != ACT_MEETING_BOOKED || a->seller < 0 || a->day < start ||
		    a->day > week + 6)
			continue;
		int w = (a->day - start) / 7;
		c[(size_t)a->seller * (size_t)nw + (size_t)w]++;
		c[ns * (size_t)nw + (size_t)w]++;
	}
	for (size_t s = 0; s < ns; s++) {
		memset(&out[s], 0, sizeof(out[s]));
		out[s].seller = (int32_t)s;
		summarize(&out[s], &c[s * (size_t)nw], nw);
	}
	memset(team, 0, sizeof(*team));
	team->seller = -1;
	summarize(team, &c[ns * (size_t)nw], nw);
	free(c);
	return nw;
}

static int rank(int c)
{
	return c == CAT_1 ? 3 : c == CAT_3 ? 1 : 2;
}

void pulse_moves_count(struct pulse_moves *m)
{
	m->up = m->down = m->lateral = 0;
	for (int a = 0; a < CAT_COUNT; a++)
		for (int b = 0; b < CAT_COUNT; b++) {
			if (a == b)
				continue;
			int64_t n = (int64_t)m->m.moves[a][b];
			if (rank(b) > rank(a))
				m->up += n;
			else if (rank(b) < rank(a))
				m->down += n;
			else
				m->lateral += n;
		}
}

void pulse_report_free(struct pulse_report *r)
{
	if (!r)
		return;
	free(r->book);
	adherence_free(&r->adh);
	free(r->keyacc);
	for (int i = 0; i < r->nfindings; i++) {
		free(r->findings[i].text[0]);
		free(r->findings[i].text[1]);
	}
	memset(r, 0, sizeof(*r));
}
