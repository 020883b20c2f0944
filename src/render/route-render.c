/* route-render.c — the outputs of `fokus route` (route-render.h): text,
 * csv, json (jansson), iCalendar (render/ics.h) and html with inline SVG
 * maps. The map is offline: place dots of the Swedish postal-code table
 * (util/geo.h) in the area, thinned to a grid, under the routes. */
#include "render/route-render.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/csvw.h"
#include "render/html.h"
#include "render/ics.h"
#include "render/table.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

/* ---- small words ---------------------------------------------------------- */

const char *route_render_clock(double minutes, char buf[8])
{
	long m = lround(minutes);
	if (m < 0)
		m = 0;
	snprintf(buf, 8, "%02ld:%02ld", (m / 60) % 100, m % 60);
	return buf;
}

/* "2 h 05 min" or "35 min". */
static const char *duration(double minutes, char *buf, size_t size)
{
	long m = lround(minutes);
	if (m >= 60)
		snprintf(buf, size, "%ld h %02ld min", m / 60, m % 60);
	else
		snprintf(buf, size, "%ld min", m);
	return buf;
}

static const char *weekday_name(int32_t day, enum lang lang)
{
	static const char *en[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
	                           "Friday", "Saturday", "Sunday"};
	static const char *sv[] = {"Måndag", "Tisdag", "Onsdag", "Torsdag",
	                           "Fredag", "Lördag", "Söndag"};
	int w = days_weekday(day);
	return lang == LANG_SV ? sv[w] : en[w];
}

static const struct customer *cust_of(const struct route_doc *d, int visit)
{
	return &d->ds->customers[d->visits[visit].cust];
}

static const char *cust_name(const struct customer *c)
{
	return c->name && *c->name ? c->name : c->id;
}

static const char *seller_name(const struct seller *s)
{
	return s->name && *s->name ? s->name : s->id;
}

static void per_cat_text(const struct route_day *day, char *buf, size_t size)
{
	snprintf(buf, size, "1: %d, 2R: %d, 2P: %d, 3: %d", day->per_cat[CAT_1],
	         day->per_cat[CAT_2R], day->per_cat[CAT_2P], day->per_cat[CAT_3]);
}

static int day_visits(const struct route_day *day)
{
	int n = 0;
	for (int c = 0; c < CAT_COUNT; c++)
		n += day->per_cat[c];
	return n;
}

/* ---- text ------------------------------------------------------------------- */

static void text_header(FILE *f, const struct route_doc *d)
{
	enum lang L = d->lang;
	const struct route_plan *p = d->plan;
	const struct route_params *prm = d->params;
	char a[16], b[32], c[32];
	fprintf(f,
	        TR(L, "Route plan for %s (%s): %d days from %s, start %s\n",
	           "Ruttplan för %s (%s): %d dagar från %s, start %s\n"),
	        seller_name(d->seller), d->seller->id, p->ndays, days_iso(p->days[0].day, a),
	        d->start_label);
	fprintf(f, TR(L, "Travel: %s. Working day from %s, %s", "Resor: %s. Arbetsdag från %s, %s"),
	        d->travel_note, route_render_clock(prm->day_start, (char[8]){0}),
	        duration(prm->day_length, b, sizeof(b)));
	if (prm->lunch > 0)
		fprintf(f,
		        TR(L, " plus %d min lunch starting %s–%s",
		           " plus %d min lunch med start %s–%s"),
		        prm->lunch, route_render_clock(prm->lunch_from, (char[8]){0}),
		        route_render_clock(prm->lunch_to, (char[8]){0}));
	(void)c;
	fprintf(f, ".\n");
}

static void text_day(FILE *f, const struct route_doc *d, const struct route_day *day)
{
	enum lang L = d->lang;
	char iso[11], pc[64], km[32], dr[32], t1[8], t2[8], t3[8];
	per_cat_text(day, pc, sizeof(pc));
	int nvis = day_visits(day);
	fprintf(f,
	        TR(L, "\n%s %s: %d %s (%s), %s km, %s driving\n",
	           "\n%s %s: %d %s (%s), %s km, %s bilkörning\n"),
	        weekday_name(day->day, L), days_iso(day->day, iso), nvis,
	        TR(L, nvis == 1 ? "visit" : "visits", "besök"), pc,
	        fmt_num(km, sizeof(km), day->km, 0, L), duration(day->drive, dr, sizeof(dr)));
	if (day->nstops == 0) {
		fprintf(f, TR(L, "  no visits\n", "  inga besök\n"));
		return;
	}
	struct table *t = table_new(7, "lllllrr");
	const char *head[7] = {TR(L, "arrive", "ankomst"),    TR(L, "start", "start"),
	                       TR(L, "end", "slut"),          TR(L, "customer", "kund"),
	                       TR(L, "category", "kategori"), "km",
	                       TR(L, "drive", "körtid")};
	table_row(t, head);
	const char *leave[7] = {NULL,
	                        NULL,
	                        route_render_clock(day->leave, t3),
	                        TR(L, "leave the start", "avresa"),
	                        NULL,
	                        NULL,
	                        NULL};
	table_row(t, leave);
	for (int i = 0; i < day->nstops; i++) {
		const struct route_stop *s = &day->stops[i];
		char who[256], kmb[32], drb[32];
		const char *catc = NULL;
		if (s->visit < 0) {
			snprintf(who, sizeof(who), "%s", TR(L, "lunch", "lunch"));
			kmb[0] = drb[0] = '\0';
		} else {
			const struct customer *c = cust_of(d, s->visit);
			snprintf(who, sizeof(who), "%s %s", c->id, cust_name(c));
			catc = category_code(d->visits[s->visit].cat);
			fmt_num(kmb, sizeof(kmb), s->km, 0, L);
			duration(s->drive, drb, sizeof(drb));
		}
		const char *row[7] = {route_render_clock(s->arrive, t1),
		                      route_render_clock(s->begin, t2),
		                      route_render_clock(s->end, t3),
		                      who,
		                      catc,
		                      kmb,
		                      drb};
		table_row(t, row);
	}
	char kmb[32], drb[32];
	const char *back[7] = {route_render_clock(day->back, t1),
	                       NULL,
	                       NULL,
	                       TR(L, "back at the start", "tillbaka"),
	                       NULL,
	                       fmt_num(kmb, sizeof(kmb), day->km_home, 0, L),
	                       duration(day->drive_home, drb, sizeof(drb))};
	table_row(t, back);
	table_print(t, f, 1);
	table_free(t);
}

static void text_unserved(FILE *f, const struct route_doc *d)
{
	enum lang L = d->lang;
	const struct route_plan *p = d->plan;
	if (p->nunserved == 0) {
		fprintf(f, TR(L, "\nEvery due visit is planned.\n",
		              "\nAlla förfallna besök är planerade.\n"));
		return;
	}
	fprintf(f,
	        TR(L, "\nNot planned: %d due visits\n", "\nInte planerade: %d förfallna besök\n"),
	        p->nunserved);
	struct table *t = table_new(4, "llll");
	const char *head[4] = {TR(L, "customer", "kund"), TR(L, "category", "kategori"),
	                       TR(L, "due", "förfaller"), TR(L, "reason", "orsak")};
	table_row(t, head);
	for (int i = 0; i < p->nunserved; i++) {
		const struct route_visit *v = &d->visits[p->unserved[i].visit];
		const struct customer *c = &d->ds->customers[v->cust];
		char who[256], due[11];
		snprintf(who, sizeof(who), "%s %s", c->id, cust_name(c));
		const char *row[4] = {who, category_code(v->cat), days_iso(v->due, due),
		                      route_reason_label(p->unserved[i].reason, L)};
		table_row(t, row);
	}
	table_print(t, f, 1);
	table_free(t);
}

void route_render_text(FILE *f, const struct route_doc *d)
{
	enum lang L = d->lang;
	const struct route_plan *p = d->plan;
	text_header(f, d);
	for (int i = 0; i < p->ndays; i++)
		text_day(f, d, &p->days[i]);
	text_unserved(f, d);
	char km[32], dr[32], pct[32];
	fprintf(
	    f,
	    TR(L, "\nTotal: %d of %d due visits planned (priority served %s), %s km, %s driving.\n",
	       "\nTotalt: %d av %d förfallna besök planerade (prioritet %s), %s km, %s "
	       "bilkörning.\n"),
	    p->served, d->nvisits,
	    fmt_pct(pct, sizeof(pct), p->weight_due > 0 ? p->weight_served / p->weight_due : 1, 0,
	            L),
	    fmt_num(km, sizeof(km), p->km, 0, L), duration(p->drive, dr, sizeof(dr)));
}

/* ---- csv --------------------------------------------------------------------------- */

void route_render_csv(FILE *f, const struct route_doc *d)
{
	static const char *const head[] = {
	    "date",   "stop",  "customer_id", "customer", "category",  "due",    "overdue_days",
	    "arrive", "start", "end",         "km",       "drive_min", "status", "reason"};
	enum { NC = 14 };
	csvw_row(f, head, NC);
	const struct route_plan *p = d->plan;
	for (int i = 0; i < p->ndays; i++) {
		const struct route_day *day = &p->days[i];
		char date[11], t1[8], t2[8], t3[8], km[32], dr[32], stop[16], due[11], od[16];
		days_iso(day->day, date);
		const char *leave[NC] = {
		    date, "0",  NULL,    NULL, NULL,
		    NULL, NULL, NULL,    NULL, route_render_clock(day->leave, t1),
		    NULL, NULL, "leave", NULL};
		csvw_row(f, leave, NC);
		for (int k = 0; k < day->nstops; k++) {
			const struct route_stop *s = &day->stops[k];
			snprintf(stop, sizeof(stop), "%d", k + 1);
			snprintf(km, sizeof(km), "%.1f", s->km);
			snprintf(dr, sizeof(dr), "%.0f", s->drive);
			if (s->visit < 0) {
				const char *row[NC] = {date,
				                       stop,
				                       NULL,
				                       NULL,
				                       NULL,
				                       NULL,
				                       NULL,
				                       route_render_clock(s->arrive, t1),
				                       route_render_clock(s->begin, t2),
				                       route_render_clock(s->end, t3),
				                       NULL,
				                       NULL,
				                       "lunch",
				                       NULL};
				csvw_row(f, row, NC);
				continue;
			}
			const struct route_visit *v = &d->visits[s->visit];
			const struct customer *c = cust_of(d, s->visit);
			snprintf(od, sizeof(od), "%d", v->overdue);
			const char *row[NC] = {date,
			                       stop,
			                       c->id,
			                       cust_name(c),
			                       category_code(v->cat),
			                       days_iso(v->due, due),
			                       od,
			                       route_render_clock(s->arrive, t1),
			                       route_render_clock(s->begin, t2),
			                       route_render_clock(s->end, t3),
			                       km,
			                       dr,
			                       "planned",
			                       NULL};
			csvw_row(f, row, NC);
		}
		snprintf(stop, sizeof(stop), "%d", day->nstops + 1);
		snprintf(km, sizeof(km), "%.1f", day->km_home);
		snprintf(dr, sizeof(dr), "%.0f", day->drive_home);
		const char *back[NC] = {
		    date, stop, NULL, NULL, NULL,   NULL, NULL, route_render_clock(day->back, t1),
		    NULL, NULL, km,   dr,   "back", NULL};
		csvw_row(f, back, NC);
	}
	for (int i = 0; i < p->nunserved; i++) {
		const struct route_visit *v = &d->visits[p->unserved[i].visit];
		const struct customer *c = &d->ds->customers[v->cust];
		char due[11], od[16];
		snprintf(od, sizeof(od), "%d", v->overdue);
		const char *row[NC] = {NULL,
		                       NULL,
		                       c->id,
		                       cust_name(c),
		                       category_code(v->cat),
		                       days_iso(v->due, due),
		                       od,
		                       NULL,
		                       NULL,
		                       NULL,
		                       NULL,
		                       NULL,
		                       "unserved",
		                       route_reason_code(p->unserved[i].reason)};
		csvw_row(f, row, NC);
	}
}

/* ---- json ---------------------------------------------------------------------------- */

static json_t *jnum1(double v)
{
	return json_real(round(v * 10) / 10);
}

static json_t *jclock(double minutes)
{
	char b[8];
	return json_string(route_render_clock(minutes, b));
}

static json_t *json_visit(const struct route_doc *d, int visit)
{
	const struct route_visit *v = &d->visits[visit];
	const struct customer *c = &d->ds->customers[v->cust];
	char due[11], last[11];
	json_t *o = json_object();
	json_object_set_new(o, "customer_id", json_string(c->id));
	json_object_set_new(o, "name", c->name ? json_string(c->name) : json_null());
	json_object_set_new(o, "category", json_string(category_code(v->cat)));
	json_object_set_new(o, "due", json_string(days_iso(v->due, due)));
	json_object_set_new(
	    o, "last_visit",
	    v->last_visit == DAYS_NONE ? json_null() : json_string(days_iso(v->last_visit, last)));
	json_object_set_new(o, "overdue_days", json_integer(v->overdue));
	json_object_set_new(o, "priority", json_real(round(v->weight * 100) / 100));
	return o;
}

void route_render_json(FILE *f, const struct route_doc *d)
{
	const struct route_plan *p = d->plan;
	const struct route_params *prm = d->params;
	char iso[11];
	json_t *o = json_object();
	json_object_set_new(o, "seller_id", json_string(d->seller->id));
	json_object_set_new(o, "from", json_string(days_iso(p->days[0].day, iso)));
	json_t *start = json_object();
	json_object_set_new(start, "label", json_string(d->start_label));
	json_object_set_new(start, "lat", json_real(d->start_lat));
	json_object_set_new(start, "lon", json_real(d->start_lon));
	json_object_set_new(o, "start", start);
	json_object_set_new(o, "travel", json_string(d->travel_note));
	json_object_set_new(o, "day_start", jclock(prm->day_start));
	json_object_set_new(o, "day_length_min", json_integer(prm->day_length));
	json_object_set_new(o, "lunch_min", json_integer(prm->lunch));
	json_t *days = json_array();
	for (int i = 0; i < p->ndays; i++) {
		const struct route_day *day = &p->days[i];
		json_t *jd = json_object();
		json_object_set_new(jd, "date", json_string(days_iso(day->day, iso)));
		json_object_set_new(jd, "leave", jclock(day->leave));
		json_object_set_new(jd, "back", jclock(day->back));
		json_object_set_new(jd, "km", jnum1(day->km));
		json_object_set_new(jd, "drive_min", jnum1(day->drive));
		json_object_set_new(jd, "visit_min", jnum1(day->visit_minutes));
		json_object_set_new(jd, "wait_min", jnum1(day->wait_minutes));
		json_t *pc = json_object();
		for (int c = 0; c < CAT_COUNT; c++)
			json_object_set_new(pc, category_code((enum category)c),
			                    json_integer(day->per_cat[c]));
		json_object_set_new(jd, "visits_per_category", pc);
		json_t *stops = json_array();
		for (int k = 0; k < day->nstops; k++) {
			const struct route_stop *s = &day->stops[k];
			json_t *js = s->visit >= 0 ? json_visit(d, s->visit) : json_object();
			json_object_set_new(js, "type",
			                    json_string(s->visit >= 0 ? "visit" : "lunch"));
			json_object_set_new(js, "arrive", jclock(s->arrive));
			json_object_set_new(js, "start", jclock(s->begin));
			json_object_set_new(js, "end", jclock(s->end));
			json_object_set_new(js, "km", jnum1(s->km));
			json_object_set_new(js, "drive_min", jnum1(s->drive));
			json_array_append_new(stops, js);
		}
		json_object_set_new(jd, "stops", stops);
		json_object_set_new(jd, "km_home", jnum1(day->km_home));
		json_object_set_new(jd, "drive_home_min", jnum1(day->drive_home));
		json_array_append_new(days, jd);
	}
	json_object_set_new(o, "days", days);
	json_t *un = json_array();
	for (int i = 0; i < p->nunserved; i++) {
		json_t *ju = json_visit(d, p->unserved[i].visit);
		json_object_set_new(ju, "reason",
		                    json_string(route_reason_code(p->unserved[i].reason)));
		json_object_set_new(
		    ju, "reason_text",
		    json_string(route_reason_label(p->unserved[i].reason, d->lang)));
		json_array_append_new(un, ju);
	}
	json_object_set_new(o, "unserved", un);
	json_t *tot = json_object();
	json_object_set_new(tot, "due", json_integer(d->nvisits));
	json_object_set_new(tot, "planned", json_integer(p->served));
	json_object_set_new(tot, "km", jnum1(p->km));
	json_object_set_new(tot, "drive_min", jnum1(p->drive));
	json_object_set_new(tot, "priority_served", json_real(round(p->weight_served * 100) / 100));
	json_object_set_new(tot, "priority_due", json_real(round(p->weight_due * 100) / 100));
	json_object_set_new(o, "totals", tot);
	json_dumpf(o, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(o);
}

/* ---- iCalendar ------------------------------------------------------------------------- */

void route_render_ics(FILE *f, const struct route_doc *d)
{
	enum lang L = d->lang;
	const struct route_plan *p = d->plan;
	struct strbuf sb = STRBUF_INIT;
	char *calname = xasprintf(TR(L, "Visits %s", "Besök %s"), seller_name(d->seller));
	struct ics_calendar cal = {.name = calname, .tz = ICS_TZ_STOCKHOLM, .dtstamp = d->now};
	ics_begin(&sb, &cal);
	for (int i = 0; i < p->ndays; i++) {
		const struct route_day *day = &p->days[i];
		for (int k = 0; k < day->nstops; k++) {
			const struct route_stop *s = &day->stops[k];
			if (s->visit < 0)
				continue;
			const struct route_visit *v = &d->visits[s->visit];
			const struct customer *c = cust_of(d, s->visit);
			char iso[11], due[11], dr[32];
			days_iso(day->day, iso);
			char *uid = xasprintf("visit-%s-%s-%s@fokus", d->seller->id, c->id, iso);
			char *summary = xasprintf(TR(L, "Visit: %s (%s)", "Besök: %s (%s)"),
			                          cust_name(c), category_label(v->cat, L));
			char *desc =
			    xasprintf(TR(L,
			                 "Customer %s, category %s. Due %s (%d days overdue). "
			                 "Drive %s, %.0f km from the previous stop.",
			                 "Kund %s, kategori %s. Förfaller %s (%d dagar sent). "
			                 "Körtid %s, %.0f km från föregående stopp."),
			              c->id, category_code(v->cat), days_iso(v->due, due),
			              v->overdue, duration(s->drive, dr, sizeof(dr)), s->km);
			struct strbuf loc = STRBUF_INIT;
			if (c->address && *c->address)
				strbuf_puts(&loc, c->address);
			if ((c->postal_code && *c->postal_code) || (c->city && *c->city)) {
				if (loc.len)
					strbuf_puts(&loc, ", ");
				if (c->postal_code)
					strbuf_printf(&loc, "%s ", c->postal_code);
				if (c->city)
					strbuf_puts(&loc, c->city);
			}
			struct ics_event ev = {.uid = uid,
			                       .day = day->day,
			                       .start_min = (int)lround(s->begin),
			                       .duration_min = (int)lround(s->end - s->begin),
			                       .summary = summary,
			                       .description = desc,
			                       .location = loc.len ? strbuf_cstr(&loc) : NULL,
			                       .categories = category_label(v->cat, L),
			                       .has_geo = c->has_loc,
			                       .lat = c->lat,
			                       .lon = c->lon};
			ics_event(&sb, &cal, &ev);
			strbuf_free(&loc);
			free(uid);
			free(summary);
			free(desc);
		}
	}
	ics_end(&sb);
	fwrite(sb.buf, 1, sb.len, f);
	strbuf_free(&sb);
	free(calname);
}

/* ---- html -------------------------------------------------------------------------------- */

static const char *const day_colors[] = {"#1b6ca8", "#d1495b", "#2e933c", "#edae49",
                                         "#7b4b94", "#00798c", "#9c6644"};
#define NCOLORS 7

/* The map's frame: an equirectangular projection of a lat/lon box. */
struct frame {
	double lat0, lat1, lon0, lon1, kx; /* kx = cos(mid latitude) */
	double w, h;
};

static void frame_fit(struct frame *fr, const struct route_doc *d)
{
	double la0 = d->start_lat, la1 = d->start_lat, lo0 = d->start_lon, lo1 = d->start_lon;
	for (int i = 0; i < d->nvisits; i++) {
		const struct customer *c = &d->ds->customers[d->visits[i].cust];
		if (!c->has_loc)
			continue;
		la0 = fmin(la0, c->lat);
		la1 = fmax(la1, c->lat);
		lo0 = fmin(lo0, c->lon);
		lo1 = fmax(lo1, c->lon);
	}
	fr->kx = cos((la0 + la1) / 2 * M_PI / 180);
	double ext = fmax(la1 - la0, (lo1 - lo0) * fr->kx);
	double pad = fmax(ext * 0.08, 0.05);
	la0 -= pad;
	la1 += pad;
	lo0 -= pad / fr->kx;
	lo1 += pad / fr->kx;
	fr->lat0 = la0;
	fr->lat1 = la1;
	fr->lon0 = lo0;
	fr->lon1 = lo1;
	fr->w = 640;
	fr->h = fr->w * (la1 - la0) / ((lo1 - lo0) * fr->kx);
	if (fr->h > 900)
		fr->h = 900, fr->w = 900 * ((lo1 - lo0) * fr->kx) / (la1 - la0);
}

static double fx(const struct frame *fr, double lon)
{
	return (lon - fr->lon0) / (fr->lon1 - fr->lon0) * fr->w;
}

static double fy(const struct frame *fr, double lat)
{
	return (fr->lat1 - lat) / (fr->lat1 - fr->lat0) * fr->h;
}

struct place_count {
	const char *name;
	double lat, lon; /* sums, then means */
	int n;
};

static int by_place_name(const void *a, const void *b)
{
	return strcmp(((const struct place_count *)a)->name, ((const struct place_count *)b)->name);
}

static int by_place_count(const void *a, const void *b)
{
	const struct place_count *x = a, *y = b;
	return x->n != y->n ? y->n - x->n : strcmp(x->name, y->name);
}

/* Writes one polygon ring as a path, or nothing when it lies outside the frame. */
static void ring_path(FILE *f, const struct frame *fr, json_t *ring, struct strbuf *sb)
{
	size_t n = json_array_size(ring);
	double la0 = 90, la1 = -90, lo0 = 180, lo1 = -180;
	strbuf_reset(sb);
	for (size_t i = 0; i < n; i++) {
		json_t *pt = json_array_get(ring, i);
		double lon = json_number_value(json_array_get(pt, 0));
		double lat = json_number_value(json_array_get(pt, 1));
		la0 = fmin(la0, lat);
		la1 = fmax(la1, lat);
		lo0 = fmin(lo0, lon);
		lo1 = fmax(lo1, lon);
		strbuf_printf(sb, "%c%.1f,%.1f", i ? 'L' : 'M', fx(fr, lon), fy(fr, lat));
	}
	if (n < 3 || la1 < fr->lat0 || la0 > fr->lat1 || lo1 < fr->lon0 || lo0 > fr->lon1)
		return;
	fputs(strbuf_cstr(sb), f);
	fputc('Z', f);
}

/* Land: the countries of the outline collection that reach into the frame. */
static void html_outline(FILE *f, const struct frame *fr, const char *geojson, size_t len)
{
	json_t *root = json_loadb(geojson, len, 0, NULL);
	json_t *features = json_object_get(root, "features");
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < json_array_size(features); i++) {
		json_t *ft = json_array_get(features, i);
		json_t *geom = json_object_get(ft, "geometry");
		const char *type = json_string_value(json_object_get(geom, "type"));
		const char *name =
		    json_string_value(json_object_get(json_object_get(ft, "properties"), "name"));
		json_t *coords = json_object_get(geom, "coordinates");
		if (!type || !coords)
			continue;
		int sweden = name && !strcmp(name, "Sweden");
		fprintf(f, "<path fill=\"%s\" stroke=\"#9aa5b1\" stroke-width=\"0.8\" d=\"",
		        sweden ? "#ffffff" : "#eceef0");
		if (!strcmp(type, "Polygon")) {
			for (size_t r = 0; r < json_array_size(coords); r++)
				ring_path(f, fr, json_array_get(coords, r), &sb);
		} else if (!strcmp(type, "MultiPolygon")) {
			for (size_t k = 0; k < json_array_size(coords); k++) {
				json_t *poly = json_array_get(coords, k);
				for (size_t r = 0; r < json_array_size(poly); r++)
					ring_path(f, fr, json_array_get(poly, r), &sb);
			}
		}
		fputs("\" fill-rule=\"evenodd\"/>\n", f);
	}
	strbuf_free(&sb);
	json_decref(root);
}

/* The background: land (when an outline is given), one dot per grid cell
 * holding a postal code, the names of the places with the most postal codes
 * in the frame, and a scale bar. */
static void html_background(FILE *f, const struct frame *fr, const struct route_doc *d)
{
	int gw = 160, gh = (int)(160 * fr->h / fr->w) + 1;
	unsigned char *cell = xcalloc((size_t)gw * gh, 1);
	int n = geo_postcode_count(), np = 0;
	struct place_count *pl = xmalloc(((size_t)n + 1) * sizeof(*pl));
	fputs("<defs><g id=\"bg\">", f);
	if (d->outline)
		html_outline(f, fr, d->outline, d->outline_len);
	fputs("<g fill=\"#b8c1cc\">", f);
	for (int i = 0; i < n; i++) {
		char code[6];
		double lat, lon;
		const char *place;
		if (geo_postcode_at(i, code, &lat, &lon, &place) != 0)
			continue;
		if (lat < fr->lat0 || lat > fr->lat1 || lon < fr->lon0 || lon > fr->lon1)
			continue;
		if (place && *place)
			pl[np++] = (struct place_count){place, lat, lon, 1};
		int cx = (int)(fx(fr, lon) / fr->w * (gw - 1)),
		    cy = (int)(fy(fr, lat) / fr->h * (gh - 1));
		if (cx < 0 || cy < 0 || cx >= gw || cy >= gh || cell[(size_t)cy * gw + cx])
			continue;
		cell[(size_t)cy * gw + cx] = 1;
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\"/>", fx(fr, lon), fy(fr, lat));
	}
	fputs("</g>\n", f);
	/* merge the codes of each place, label the biggest ones */
	qsort(pl, np, sizeof(*pl), by_place_name);
	int m = 0;
	for (int i = 0; i < np; i++) {
		if (m > 0 && !strcmp(pl[m - 1].name, pl[i].name)) {
			pl[m - 1].lat += pl[i].lat;
			pl[m - 1].lon += pl[i].lon;
			pl[m - 1].n++;
		} else {
			pl[m++] = pl[i];
		}
	}
	qsort(pl, m, sizeof(*pl), by_place_count);
	fputs("<g fill=\"#6b7683\" font-size=\"11\" font-family=\"sans-serif\" "
	      "text-anchor=\"middle\">",
	      f);
	double lx[8], ly[8];
	int nl = 0;
	for (int i = 0; i < m && nl < 8; i++) {
		double x = fx(fr, pl[i].lon / pl[i].n), y = fy(fr, pl[i].lat / pl[i].n) - 6;
		x = fmin(fmax(x, 40), fr->w - 40); /* keep the name inside the map */
		y = fmax(y, 14);
		int clash = 0;
		for (int k = 0; k < nl; k++)
			if (fabs(lx[k] - x) < 70 && fabs(ly[k] - y) < 14)
				clash = 1;
		if (clash)
			continue;
		lx[nl] = x;
		ly[nl++] = y;
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x, y);
		html_esc(f, pl[i].name);
		fputs("</text>", f);
	}
	fputs("</g>\n", f);
	/* a scale bar of a round number of km, about a fifth of the width */
	double km_w = (fr->lon1 - fr->lon0) * fr->kx * 111.2;
	double want = km_w / 5, bar = 1;
	while (bar * 10 <= want)
		bar *= 10;
	if (bar * 5 <= want)
		bar *= 5;
	else if (bar * 2 <= want)
		bar *= 2;
	double px = bar / km_w * fr->w;
	fprintf(f,
	        "<g stroke=\"#444\" stroke-width=\"2\"><line x1=\"12\" y1=\"%.1f\" x2=\"%.1f\" "
	        "y2=\"%.1f\"/></g>"
	        "<text x=\"12\" y=\"%.1f\" font-size=\"11\" font-family=\"sans-serif\" "
	        "fill=\"#444\">%.0f km</text>\n",
	        fr->h - 12, 12 + px, fr->h - 12, fr->h - 18, bar);
	fputs("</g></defs>\n", f);
	free(pl);
	free(cell);
}

/* One map: day `only` (or every day when -1). */
static void html_map(FILE *f, const struct route_doc *d, const struct frame *fr, int only,
                     int with_bg_defs)
{
	const struct route_plan *p = d->plan;
	fprintf(f,
	        "<svg class=\"map\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	        "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n",
	        fr->w, fr->h, fr->w, fr->h);
	fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"%s\"/>\n", fr->w, fr->h,
	        d->outline ? "#dbe7f1" : "#f4f6f8");
	if (with_bg_defs)
		html_background(f, fr, d);
	fputs("<use href=\"#bg\"/>\n", f);
	if (only < 0) {
		/* the due visits left out, as hollow grey rings */
		for (int i = 0; i < p->nunserved; i++) {
			const struct customer *c = cust_of(d, p->unserved[i].visit);
			if (c->has_loc)
				fprintf(f,
				        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"none\" "
				        "stroke=\"#888\" stroke-width=\"1.5\"><title>",
				        fx(fr, c->lon), fy(fr, c->lat));
			if (c->has_loc) {
				html_esc(f, cust_name(c));
				fputs("</title></circle>\n", f);
			}
		}
	}
	for (int i = 0; i < p->ndays; i++) {
		if (only >= 0 && i != only)
			continue;
		const struct route_day *day = &p->days[i];
		const char *col = day_colors[i % NCOLORS];
		fprintf(f,
		        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" "
		        "stroke-linejoin=\"round\" opacity=\"0.85\" points=\"%.1f,%.1f",
		        col, fx(fr, d->start_lon), fy(fr, d->start_lat));
		for (int k = 0; k < day->nstops; k++) {
			if (day->stops[k].visit < 0)
				continue;
			const struct customer *c = cust_of(d, day->stops[k].visit);
			fprintf(f, " %.1f,%.1f", fx(fr, c->lon), fy(fr, c->lat));
		}
		fprintf(f, " %.1f,%.1f\"/>\n", fx(fr, d->start_lon), fy(fr, d->start_lat));
		int num = 0;
		for (int k = 0; k < day->nstops; k++) {
			if (day->stops[k].visit < 0)
				continue;
			num++;
			const struct customer *c = cust_of(d, day->stops[k].visit);
			double x = fx(fr, c->lon), y = fy(fr, c->lat);
			char t[8];
			fprintf(f, "<g><title>%d. ", num);
			html_esc(f, cust_name(c));
			fprintf(f, " (%s) %s</title>",
			        category_code(d->visits[day->stops[k].visit].cat),
			        route_render_clock(day->stops[k].begin, t));
			fprintf(
			    f,
			    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\" stroke=\"#fff\"/>",
			    x, y, col);
			fprintf(
			    f,
			    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\" text-anchor=\"middle\" "
			    "fill=\"#fff\" font-family=\"sans-serif\">%d</text></g>\n",
			    x, y + 3, num);
		}
	}
	fprintf(f,
	        "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"#222\">"
	        "<title>start</title></rect>\n",
	        fx(fr, d->start_lon) - 5, fy(fr, d->start_lat) - 5);
	fputs("</svg>\n", f);
}

static void html_day_table(FILE *f, const struct route_doc *d, const struct route_day *day)
{
	enum lang L = d->lang;
	char t1[8], t2[8], t3[8];
	fprintf(f,
	        "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>#</th><th>%s</th><th>%s</th>"
	        "<th>km</th><th>%s</th></tr>\n",
	        TR(L, "arrive", "ankomst"), TR(L, "start", "start"), TR(L, "end", "slut"),
	        TR(L, "customer", "kund"), TR(L, "category", "kategori"), TR(L, "drive", "körtid"));
	fprintf(f,
	        "<tr><td></td><td></td><td>%s</td><td></td><td>%s</td><td></td><td></td><td></td></"
	        "tr>\n",
	        route_render_clock(day->leave, t1), TR(L, "leave the start", "avresa"));
	int num = 0;
	for (int k = 0; k < day->nstops; k++) {
		const struct route_stop *s = &day->stops[k];
		char dr[32];
		fprintf(f, "<tr><td>%s</td><td>%s</td><td>%s</td>",
		        route_render_clock(s->arrive, t1), route_render_clock(s->begin, t2),
		        route_render_clock(s->end, t3));
		if (s->visit < 0) {
			fprintf(f, "<td></td><td>%s</td><td></td><td></td><td></td></tr>\n",
			        TR(L, "lunch", "lunch"));
			continue;
		}
		const struct customer *c = cust_of(d, s->visit);
		fprintf(f, "<td>%d</td><td>", ++num);
		html_esc(f, c->id);
		fputs(" ", f);
		html_esc(f, cust_name(c));
		fprintf(f,
		        "</td><td>%s</td><td class=\"n\">%.0f</td><td class=\"n\">%s</td></tr>\n",
		        category_code(d->visits[s->visit].cat), s->km,
		        duration(s->drive, dr, sizeof(dr)));
	}
	char dr[32];
	fprintf(f,
	        "<tr><td>%s</td><td></td><td></td><td></td><td>%s</td><td></td><td "
	        "class=\"n\">%.0f</td>"
	        "<td class=\"n\">%s</td></tr>\n</table>\n",
	        route_render_clock(day->back, t1), TR(L, "back at the start", "tillbaka"),
	        day->km_home, duration(day->drive_home, dr, sizeof(dr)));
}

void route_render_html(FILE *f, const struct route_doc *d)
{
	enum lang L = d->lang;
	const struct route_plan *p = d->plan;
	struct frame fr;
	frame_fit(&fr, d);
	char iso[11], km[32], dr[32], pc[64], pct[32];
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n<title>",
	        L == LANG_SV ? "sv" : "en");
	fprintf(f, TR(L, "Route plan", "Ruttplan"));
	fputs(" ", f);
	html_esc(f, seller_name(d->seller));
	fputs("</title>\n<style>\n"
	      "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1000px}\n"
	      "table{border-collapse:collapse;margin:.5em 0 1.5em}\n"
	      "td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}\n"
	      "td.n{text-align:right}.map{max-width:100%;height:auto;border:1px solid #ccc}\n"
	      ".sw{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:"
	      "middle}\n"
	      "</style></head><body>\n<h1>",
	      f);
	fprintf(f, TR(L, "Route plan for ", "Ruttplan för "));
	html_esc(f, seller_name(d->seller));
	fputs("</h1>\n<p>", f);
	fprintf(f, TR(L, "%d working days from %s. Start: ", "%d arbetsdagar från %s. Start: "),
	        p->ndays, days_iso(p->days[0].day, iso));
	html_esc(f, d->start_label);
	fputs(". ", f);
	html_esc(f, d->travel_note);
	fprintf(f,
	        TR(L,
	           ".</p>\n<p>%d of %d due visits planned (priority served %s), %s km, %s "
	           "driving.</p>\n",
	           ".</p>\n<p>%d av %d förfallna besök planerade (prioritet %s), %s km, %s "
	           "bilkörning.</p>\n"),
	        p->served, d->nvisits,
	        fmt_pct(pct, sizeof(pct), p->weight_due > 0 ? p->weight_served / p->weight_due : 1,
	                0, L),
	        fmt_num(km, sizeof(km), p->km, 0, L), duration(p->drive, dr, sizeof(dr)));
	fprintf(f, "<h2>%s</h2>\n", TR(L, "The week", "Veckan"));
	html_map(f, d, &fr, -1, 1);
	fputs("<p>", f);
	for (int i = 0; i < p->ndays; i++)
		fprintf(f, "<span class=\"sw\" style=\"background:%s\"></span>%s %s &nbsp; ",
		        day_colors[i % NCOLORS], weekday_name(p->days[i].day, L),
		        days_iso(p->days[i].day, iso));
	fprintf(f, "%s</p>\n",
	        TR(L, "(grey rings: due visits not planned)",
	           "(grå ringar: förfallna besök som inte planerats)"));
	for (int i = 0; i < p->ndays; i++) {
		const struct route_day *day = &p->days[i];
		per_cat_text(day, pc, sizeof(pc));
		fprintf(f,
		        TR(L, "<h2>%s %s</h2>\n<p>%d visits (%s), %s km, %s driving.</p>\n",
		           "<h2>%s %s</h2>\n<p>%d besök (%s), %s km, %s bilkörning.</p>\n"),
		        weekday_name(day->day, L), days_iso(day->day, iso), day_visits(day), pc,
		        fmt_num(km, sizeof(km), day->km, 0, L),
		        duration(day->drive, dr, sizeof(dr)));
		if (day->nstops > 0) {
			html_map(f, d, &fr, i, 0);
			html_day_table(f, d, day);
		}
	}
	fprintf(f, "<h2>%s</h2>\n", TR(L, "Not planned", "Inte planerade"));
	if (p->nunserved == 0) {
		fprintf(f, "<p>%s</p>\n",
		        TR(L, "Every due visit is planned.", "Alla förfallna besök är planerade."));
	} else {
		fprintf(f, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		        TR(L, "customer", "kund"), TR(L, "category", "kategori"),
		        TR(L, "due", "förfaller"), TR(L, "reason", "orsak"));
		for (int i = 0; i < p->nunserved; i++) {
			const struct route_visit *v = &d->visits[p->unserved[i].visit];
			const struct customer *c = &d->ds->customers[v->cust];
			fputs("<tr><td>", f);
			html_esc(f, c->id);
			fputs(" ", f);
			html_esc(f, cust_name(c));
			fprintf(f, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			        category_code(v->cat), days_iso(v->due, iso),
			        route_reason_label(p->unserved[i].reason, L));
		}
		fputs("</table>\n", f);
	}
	fprintf(
	    f, "<p><small>%s</small></p>\n</body></html>\n",
	    d->outline
	        ? TR(L,
	             "Map: country outlines from Natural Earth (public domain); places from "
	             "GeoNames (geonames.org), CC BY 4.0.",
	             "Karta: landkonturer från Natural Earth (public domain); orter från GeoNames "
	             "(geonames.org), CC BY 4.0.")
	        : TR(L,
	             "Map background: Swedish postal-code places, GeoNames (geonames.org), CC BY "
	             "4.0.",
	             "Kartbakgrund: svenska postnummerorter, GeoNames (geonames.org), CC BY 4.0."));
}
