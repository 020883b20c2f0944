/* route-render.h — a seller's planned days (core/route-plan.h) as a text
 * report, csv, json, an iCalendar file, or a self-contained html page with
 * an offline map of each day's route. All five read the same structs, so
 * the numbers agree. */
#ifndef FOKUS_ROUTE_RENDER_H
#define FOKUS_ROUTE_RENDER_H
#include <stdio.h>
#include <time.h>

#include "core/route-plan.h"
#include "util/i18n.h"

struct route_doc {
	const struct dataset *ds;
	const struct seller *seller;
	const struct route_visit *visits;
	int nvisits;
	const struct route_plan *plan;
	const struct route_params *params;
	double start_lat, start_lon; /* place 0 */
	const char *start_label;     /* "home", a postal code, or "lat,lon" */
	const char *travel_note;     /* how travel was estimated, one line */
	enum lang lang;
	time_t now; /* for the calendar's DTSTAMP */
	/* Country outlines for the html map: a GeoJSON FeatureCollection of
	 * (Multi)Polygons with properties.name (Natural Earth via world-atlas,
	 * public domain, embedded from web/vendor); NULL: postal-code places only. */
	const char *outline;
	size_t outline_len;
};

/* Each writes the whole document to f; errors show in ferror(f). */
void route_render_text(FILE *f, const struct route_doc *d);
void route_render_csv(FILE *f, const struct route_doc *d);
void route_render_json(FILE *f, const struct route_doc *d);
void route_render_ics(FILE *f, const struct route_doc *d);
void route_render_html(FILE *f, const struct route_doc *d);

/* "HH:MM" of minutes after midnight, rounded to the minute, into buf[8]. */
const char *route_render_clock(double minutes, char buf[8]);

#endif
