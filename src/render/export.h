/* export.h — the files each person works from, written into one folder:
 *   calls-SELLER.csv / calls-SELLER.xlsx  per person with customers: customer,
 *       category, address, phone, e-mail, last contact, next contact due, the
 *       planned channel and visits and calls a year;
 *   newsletter.csv   the customers the plan sends newsletters, with the
 *       contact person and the year's send dates;
 *   visits-SELLER.ics per person with planned visits: the due visits spread
 *       over the coming weeks (RFC 5545, render/ics.h).
 * Seller ids become file names with every character outside A-Z a-z 0-9 . _ -
 * replaced by '_'. Rules and dates: docs/plan.md ("Export"). */
#ifndef FOKUS_EXPORT_H
#define FOKUS_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/plan.h"
#include "render/ics.h"
#include "util/i18n.h"
#include "util/progress.h"

struct export_opts {
	const char *dir;    /* created when missing (one level) */
	const char *seller; /* only this person's files (and newsletter rows); NULL: all */
	const char *file;   /* only what this file name needs (a person's call list or
	                     * calendar: that person's files; newsletter.csv: the
	                     * newsletter alone); NULL: all. For one download. */
	int32_t today;      /* lists and calendars start the day after */
	int weeks;          /* calendar horizon in weeks (default 4) */
	double day_hours;   /* field hours per working day (default 8 x field share) */
	enum ics_tz tz;     /* ICS_TZ_STOCKHOLM (default) or floating times */
	enum lang lang;     /* headings and event texts */
	time_t dtstamp;     /* DTSTAMP of every event */
	/* Hears (0, 0) while the plan is computed, then (persons written, of
	 * persons) as the files are written; may be NULL (util/progress.h). */
	progress_fn progress;
	void *progress_arg;
};

struct export_summary {
	int call_lists;       /* persons with a call list */
	int calendars;        /* .ics files written */
	int newsletter_rows;  /* customers in newsletter.csv */
	int newsletter_dates; /* send dates per customer */
	size_t visits;        /* events in the calendars */
	size_t not_fitted;    /* due visits that found no room in the horizon */
	char **files;         /* file names written (without the folder) */
	int nfiles;
};

/* Fills *o with the defaults for plan params p (today = DAYS_NONE: the
 * caller sets it; dtstamp 0: the caller sets it). */
void export_opts_default(struct export_opts *o, const struct plan_params *p);

/* Writes the files. Returns 0, or -1 with *cause (one sentence, caller
 * frees): the folder cannot be made, a file cannot be written, --seller is
 * not a known seller. *sum is filled either way; free it with
 * export_summary_free. */
int export_write(const struct plan_inputs *in, const struct plan_result *r,
                 const struct export_opts *o, struct export_summary *sum, char **cause);
void export_summary_free(struct export_summary *sum);

#endif
