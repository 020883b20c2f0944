/* app/day.h — a seller's day for the "My day" page (docs/follow-up.md §2):
 * today's visits from the plan and the route (on a day without visits the
 * next working day's), the customers whose next contact is overdue, and
 * what was logged today; logging a visit or a call from the phone. */
#ifndef FOKUS_APP_DAY_H
#define FOKUS_APP_DAY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/planned.h"
#include "core/adherence.h"
#include "store/follow.h"

struct sqlite3;

#define APP_DAY_OVERDUE_MAX 15

struct app_day_visit {
	int32_t cust;
	int begin;          /* minutes after midnight, -1 when not routed */
	int minutes;        /* the visit's planned length */
	int drive;          /* minutes of driving to it, -1 when not routed */
	int32_t last_visit; /* DAYS_NONE never */
	bool done;          /* a visit to the customer is logged on the shown day */
};

struct app_day {
	struct app_planned plan;
	int32_t seller; /* index into plan.in.ds.sellers */
	int32_t today;  /* the phone's date */
	int32_t day;    /* the day whose visits are shown */
	bool routed;    /* false when the seller has no home: visits in priority order */
	struct app_day_visit *visits;
	size_t nvisits;
	struct adh_overdue *overdue; /* at most APP_DAY_OVERDUE_MAX, not among the visits */
	size_t noverdue;
	size_t overdue_total;
	struct follow_action *done; /* logged today, oldest first */
	size_t ndone;
};

enum { APP_DAY_NO_SNAPSHOT = 1, APP_DAY_NO_SELLER = 2 };

/* The day of seller_id as of `today`. Returns 0; APP_DAY_NO_SNAPSHOT or
 * APP_DAY_NO_SELLER with *cause; -1 on an error (*cause). Free with
 * app_day_free (also after a failure). */
int app_day_load(struct sqlite3 *db, const char *seller_id, int32_t today, struct app_day *d,
                 char **cause);
void app_day_free(struct app_day *d);

#endif
