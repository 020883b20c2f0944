/* pulse.h — the manager's weekly pulse (docs/follow-up.md §4): for one ISO
 * week, the booking frequency (meetings booked per seller and for the team,
 * with "the best week in N weeks"), plan adherence of the week, the key
 * accounts (category 1) whose next contact is overdue, the category
 * movements of the latest categorization, and the top findings of the
 * activity diagnosis. The bookings are computed here (pure); the other
 * parts come from core/adherence.c, core/analysis.c and core/category.c
 * and are put together by app/pulse.c into a struct pulse_report. */
#ifndef FOKUS_PULSE_H
#define FOKUS_PULSE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/adherence.h"
#include "core/analysis.h"
#include "core/category.h"
#include "core/dataset.h"
#include "core/planned.h"

#define PULSE_HISTORY 52 /* weeks before the pulse's week that "best in N weeks" looks at */
#define PULSE_SPARK 13   /* weeks of bookings shown, the pulse's week last */

struct pulse_bookings {
	int32_t seller;             /* index into ds->sellers, -1 for the team */
	int64_t week;               /* meetings booked in the pulse's week */
	int64_t spark[PULSE_SPARK]; /* the PULSE_SPARK weeks ending with it, oldest first */
	double avg;                 /* mean of the 12 weeks before it (those with data) */
	int best_in;                /* N >= 3 when the week beats each of the N - 1 weeks before
	                             * it, else 0 (see docs) */
	bool best_of_history;       /* ... and those are all the weeks with data */
};

/* Monday of the ISO week "2026-W49" (also "2026W49", "2026-w9"). Returns 0
 * and *monday, or -1 when s is not a week that exists. */
int pulse_parse_week(const char *s, int32_t *monday);

/* Meetings booked (ACT_MEETING_BOOKED with a known seller) in the week that
 * starts on Monday `week` and before it: out[s] for every seller of ds and
 * *team. The history starts at the first week with any activity, at most
 * PULSE_HISTORY weeks back. Returns the weeks of the history, the pulse's
 * week included. */
int pulse_bookings(const struct dataset *ds, int32_t week, struct pulse_bookings *out,
                   struct pulse_bookings *team);

/* The category movements of a categorization against the one before. */
struct pulse_moves {
	bool have; /* two snapshots to compare */
	int64_t from_id, to_id;
	char from_at[24], to_at[24]; /* created_at of each */
	struct cat_migration m;
	int64_t up, down, lateral; /* towards category 1, towards 3, between 2R and 2P */
};

/* Counts up, down and lateral moves of m->m (rank 1 > 2R = 2P > 3). */
void pulse_moves_count(struct pulse_moves *m);

struct pulse_finding {
	char *text[2];  /* the sentence in English [LANG_EN] and Swedish [LANG_SV] */
	int64_t amount; /* money at stake, minor units */
	int32_t seller; /* the finding's seller, -1 the team or no owner */
};

struct pulse_report {
	int32_t week; /* Monday of the ISO week */
	int32_t only; /* -1: the whole team; else a seller's own pulse */
	const struct dataset *ds;
	const struct planned_contact *pc;
	struct pulse_bookings *book; /* one per seller */
	struct pulse_bookings team;
	int history_weeks;          /* weeks with data up to and including the week */
	struct adherence adh;       /* over the week */
	struct adh_overdue *keyacc; /* key accounts (category 1) overdue at the week's end */
	size_t nkeyacc;
	int64_t key_accounts; /* category-1 customers (in scope) */
	struct pulse_moves moves;
	struct pulse_finding findings[AN_MAX_FINDINGS];
	int nfindings;
};

/* Frees what a report owns (book, adh, keyacc, finding texts). NULL-safe. */
void pulse_report_free(struct pulse_report *r);

#endif
