/* dayapi.c — the "My day" page's API (docs/follow-up.md §2):
 *   GET  /api/day?date=YYYY-MM-DD[&seller=ID]  today's visits (routed), the
 *        overdue customers, what was logged today (app/day.c);
 *   POST /api/day/actions  a visit (checked in and out) or a call logged from
 *        the phone, with the id the browser gave it: the same id twice is
 *        stored once (200 with "duplicate": true), so a retry after a lost
 *        answer never logs twice.
 * A seller gets and logs their own day; managers and admins give ?seller=
 * (in the body: "seller_id"). The date is the phone's: the server takes it
 * within a week of its own clock. */
#include "app/day.h"
#include "core/route-plan.h"
#include "store/follow.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTE_MAX 2000
#define DATE_SLACK 7 /* days the phone's date may differ from the server's */

static void hhmm(struct jsonw *w, const char *key, int min)
{
	char b[8];
	jsonw_key(w, key);
	if (min < 0) {
		jsonw_null(w);
		return;
	}
	snprintf(b, sizeof(b), "%02d:%02d", (min / 60) % 24, min % 60);
	jsonw_str(w, b);
}

static void date(struct jsonw *w, const char *key, int32_t d)
{
	char b[11];
	jsonw_kstr(w, key, d == DAYS_NONE ? NULL : days_iso(d, b));
}

static void customer_fields(struct jsonw *w, const struct app_day *d, int32_t cust)
{
	const struct customer *cu = &d->plan.in.ds.customers[cust];
	int cat = d->plan.pc[cust].cat;
	jsonw_kstr(w, "customer_id", cu->id);
	jsonw_kstr(w, "name", cu->name);
	jsonw_kstr(w, "category",
	           cat >= 0 && cat < CAT_COUNT ? category_code((enum category)cat) : NULL);
	jsonw_kstr(w, "address", cu->address);
	jsonw_kstr(w, "postal_code", cu->postal_code);
	jsonw_kstr(w, "city", cu->city);
	jsonw_kstr(w, "phone", cu->phone);
}

/* The seller the request is about: a seller's own, else ?seller= / body
 * (required). NULL after answering 400 or 404. */
static const char *which_seller(struct web_ctx *c, const char *given)
{
	const char *s;
	if (web_seller(c, given, &s) != 0)
		return NULL;
	if (!s)
		web_error(c, 400, "give the seller: ?seller=ID");
	return s;
}

/* The phone's date (?date= or "date"), near the server's. */
static int phone_date(struct web_ctx *c, const char *s, int32_t *out)
{
	int32_t server = days_today();
	if (!s || !*s) {
		*out = server;
		return 0;
	}
	if (days_parse_iso(s, out) != 0 || *out < server - DATE_SLACK ||
	    *out > server + DATE_SLACK) {
		web_error(c, 400,
		          "date is the phone's date as YYYY-MM-DD (within a week of today)");
		return -1;
	}
	return 0;
}

static void write_day(struct web_ctx *c, const struct app_day *d)
{
	struct jsonw w;
	const struct seller *s = &d->plan.in.ds.sellers[d->seller];
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_kstr(&w, "seller_id", s->id);
	jsonw_kstr(&w, "name", s->name);
	date(&w, "today", d->today);
	date(&w, "day", d->day);
	jsonw_key(&w, "next_day");
	jsonw_bool(&w, d->day != d->today);
	jsonw_key(&w, "routed");
	jsonw_bool(&w, d->routed);
	jsonw_key(&w, "visits");
	jsonw_arr(&w);
	for (size_t i = 0; i < d->nvisits; i++) {
		const struct app_day_visit *v = &d->visits[i];
		jsonw_obj(&w);
		customer_fields(&w, d, v->cust);
		hhmm(&w, "begin", v->begin);
		jsonw_kint(&w, "minutes", v->minutes);
		jsonw_key(&w, "drive_min");
		if (v->drive < 0)
			jsonw_null(&w);
		else
			jsonw_int(&w, v->drive);
		date(&w, "last_visit", v->last_visit);
		jsonw_key(&w, "done");
		jsonw_bool(&w, v->done);
		jsonw_end_obj(&w);
	}
	jsonw_end_arr(&w);
	jsonw_key(&w, "overdue");
	jsonw_arr(&w);
	for (size_t i = 0; i < d->noverdue; i++) {
		jsonw_obj(&w);
		customer_fields(&w, d, d->overdue[i].cust);
		date(&w, "last_contact", d->overdue[i].last);
		date(&w, "due", d->overdue[i].due);
		jsonw_end_obj(&w);
	}
	jsonw_end_arr(&w);
	jsonw_kint(&w, "overdue_total", (int64_t)d->overdue_total);
	jsonw_key(&w, "done");
	jsonw_arr(&w);
	for (size_t i = 0; i < d->ndone; i++) {
		const struct follow_action *a = &d->done[i];
		jsonw_obj(&w);
		jsonw_kstr(&w, "id", a->action_id);
		jsonw_kstr(&w, "kind", a->kind);
		jsonw_kstr(&w, "customer_id", a->customer_id);
		jsonw_kstr(&w, "name", a->customer_name);
		hhmm(&w, "start", a->minute);
		jsonw_key(&w, "minutes");
		if (a->duration_min < 0)
			jsonw_null(&w);
		else
			jsonw_num(&w, a->duration_min, 0);
		jsonw_kstr(&w, "outcome", a->outcome);
		jsonw_kstr(&w, "note", a->note);
		jsonw_kstr(&w, "user", a->user_name);
		jsonw_end_obj(&w);
	}
	jsonw_end_arr(&w);
	jsonw_end_obj(&w);
}

void dayapi_day(struct web_ctx *c)
{
	const char *seller = which_seller(c, web_arg(c, "seller"));
	int32_t today;
	if (!seller || phone_date(c, web_arg(c, "date"), &today) != 0)
		return;
	struct app_day d;
	char *cause = NULL;
	int r = app_day_load(c->db, seller, today, &d, &cause);
	if (r == APP_DAY_NO_SNAPSHOT)
		web_error(c, 409, "no categorization yet: categorize first");
	else if (r == APP_DAY_NO_SELLER)
		web_error(c, 404, "no such seller");
	else if (r != 0)
		web_fail(c, cause), cause = NULL;
	else
		write_day(c, &d);
	free(cause);
	app_day_free(&d);
}

static int id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 8 || n > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* "HH:MM" -> minutes, or -1. */
static int parse_hhmm(const char *s)
{
	int h, m, n = 0;
	if (!s || sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] || h < 0 || h > 23 || m < 0 ||
	    m > 59)
		return -1;
	return h * 60 + m;
}

static void customer_seen(void *arg, const struct webq_customer *r)
{
	(void)r;
	*(int *)arg = 1;
}

/* Fills a from the JSON body; 0, or -1 after a 400/404. */
static int read_action(struct web_ctx *c, json_t *j, struct follow_action *a, int32_t *today)
{
	const char *id = json_string_value(json_object_get(j, "id"));
	const char *kind = json_string_value(json_object_get(j, "kind"));
	const char *cust = json_string_value(json_object_get(j, "customer_id"));
	const char *outcome = json_string_value(json_object_get(j, "outcome"));
	const char *note = json_string_value(json_object_get(j, "note"));
	const char *start = json_string_value(json_object_get(j, "start"));
	json_t *mins = json_object_get(j, "minutes");
	if (!id_ok(id)) {
		web_error(c, 400, "id: 8 to 64 letters, digits, '-' or '_' (one per action)");
		return -1;
	}
	if (!kind || (strcmp(kind, "visit") && strcmp(kind, "call"))) {
		web_error(c, 400, "kind is visit or call");
		return -1;
	}
	if (!outcome || (strcmp(outcome, "order") && strcmp(outcome, "meeting_booked") &&
	                 strcmp(outcome, "nothing"))) {
		web_error(c, 400, "outcome is order, meeting_booked or nothing");
		return -1;
	}
	if (!cust || !*cust) {
		web_error(c, 400, "customer_id is needed");
		return -1;
	}
	if (note && strlen(note) > NOTE_MAX) {
		web_error(c, 400, "the note is longer than 2000 bytes");
		return -1;
	}
	double m = json_is_number(mins) ? json_number_value(mins) : -1;
	if (mins && !json_is_null(mins) && (!json_is_number(mins) || m < 0 || m > 720)) {
		web_error(c, 400, "minutes: 0 to 720");
		return -1;
	}
	int minute = start ? parse_hhmm(start) : -1;
	if (start && minute < 0) {
		web_error(c, 400, "start is the phone's time as HH:MM");
		return -1;
	}
	if (phone_date(c, json_string_value(json_object_get(j, "date")), today) != 0)
		return -1;
	int seen = 0;
	char *cause = NULL;
	int r = webq_customer_one(c->db, &c->scope, 0, cust, customer_seen, &seen, &cause);
	if (r < 0) {
		web_fail(c, cause);
		return -1;
	}
	if (r == 1 || !seen) {
		web_error(c, 404, "no such customer");
		return -1;
	}
	a->action_id = (char *)id;
	a->kind = (char *)kind;
	a->customer_id = (char *)cust;
	a->outcome = (char *)outcome;
	a->note = (char *)note;
	a->day = *today;
	a->minute = minute;
	a->duration_min = m;
	return 0;
}

void dayapi_action(struct web_ctx *c)
{
	json_t *j = web_json_body(c);
	if (!j)
		return;
	struct follow_action a = {0};
	int32_t today;
	const char *seller = which_seller(c, json_string_value(json_object_get(j, "seller_id")));
	if (!seller || read_action(c, j, &a, &today) != 0) {
		json_decref(j);
		return;
	}
	a.seller_id = (char *)seller;
	a.user_name = c->ses->user.name;
	char *cause = NULL;
	int r = c->scope.seller_id ? 1 : follow_seller_exists(c->db, seller, &cause);
	if (r <= 0) {
		if (r < 0)
			web_fail(c, cause);
		else
			web_error(c, 404, "no such seller");
		json_decref(j);
		return;
	}
	r = follow_log_action(c->db, &a, &cause);
	if (r < 0) {
		web_fail(c, cause);
	} else if (r == FOLLOW_NO_CUSTOMER) {
		web_error(c, 404, "no such customer");
	} else {
		struct jsonw w;
		web_json_begin(c, &w);
		c->rs->status = r == FOLLOW_LOGGED ? 201 : 200;
		jsonw_obj(&w);
		jsonw_key(&w, "ok");
		jsonw_bool(&w, 1);
		jsonw_kstr(&w, "id", a.action_id);
		jsonw_key(&w, "duplicate");
		jsonw_bool(&w, r == FOLLOW_DUPLICATE);
		jsonw_end_obj(&w);
	}
	json_decref(j);
}
