/* export.c — writes the call lists (csv + xlsx), newsletter.csv and the visit
 * calendars (.ics) of a computed plan into a folder. The dates come from
 * core/plan.c (next due, newsletter dates, visit schedule); this file only
 * lays them out. */
#include "render/export.h"
#include "render/planview.h"
#include "util/days.h"
#include "util/fname.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void export_opts_default(struct export_opts *o, const struct plan_params *p)
{
	memset(o, 0, sizeof(*o));
	o->today = DAYS_NONE;
	o->weeks = 4;
	o->day_hours = 8.0 * p->field_share;
	o->tz = ICS_TZ_STOCKHOLM;
	o->lang = LANG_EN;
}

void export_summary_free(struct export_summary *sum)
{
	for (int i = 0; i < sum->nfiles; i++)
		free(sum->files[i]);
	free(sum->files);
	memset(sum, 0, sizeof(*sum));
}

static void add_file(struct export_summary *sum, const char *name)
{
	sum->files = xreallocarray(sum->files, (size_t)sum->nfiles + 1, sizeof(char *));
	sum->files[sum->nfiles++] = xstrdup(name);
}

static int make_dir(const char *dir, char **cause)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
		struct stat st;
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		*cause = xasprintf("%s exists and is not a folder", dir);
		return -1;
	}
	*cause = xasprintf("cannot make the folder %s: %s", dir, strerror(errno));
	return -1;
}

static FILE *open_in(const char *dir, const char *name, char **path, char **cause)
{
	*path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(*path, "wb");
	if (!f)
		*cause = xasprintf("cannot write %s: %s", *path, strerror(errno));
	return f;
}

static int close_file(FILE *f, const char *path, char **cause)
{
	int bad = ferror(f);
	if (fclose(f) != 0)
		bad = 1;
	if (bad) {
		*cause = xasprintf("writing %s failed (is the disk full?)", path);
		return -1;
	}
	return 0;
}

/* --- call lists ---------------------------------------------------------- */

struct ctx {
	const struct plan_inputs *in;
	const struct plan_result *r;
	const struct export_opts *o;
	int32_t *last_contact, *last_visit;
	int32_t start; /* the day after today */
};

struct due_row {
	int32_t cust;
	int32_t due;
	int pos;
};

static int by_due_row(const void *x, const void *y)
{
	const struct due_row *a = x, *b = y;
	if (a->due != b->due) {
		if (a->due == DAYS_NONE)
			return 1;
		if (b->due == DAYS_NONE)
			return -1;
		return a->due < b->due ? -1 : 1;
	}
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static struct planview_table *call_list(const struct ctx *x, int32_t seller)
{
	enum lang l = x->o->lang;
	const char *head[] = {
	    "customer_id", "customer",        "category",      "address",      "postal_code",
	    "city",        "phone",           "email",         "last_contact", "next_contact_due",
	    "channel",     "visits_per_year", "calls_per_year"};
	struct planview_table *t = planview_table_new(TR(l, "Call list", "Ringlista"),
	                                              TR(l, "Call list", "Ringlista"), 13, head);
	size_t n = x->r->nassign, nr = 0;
	struct due_row *rows = xmalloc((n ? n : 1) * sizeof(*rows));
	for (size_t k = 0; k < n; k++) {
		int32_t c = x->r->order[k];
		const struct plan_assign *a = &x->r->assign[c];
		if (a->to != seller)
			continue;
		rows[nr++] = (struct due_row){
		    c, plan_next_due(a->visits + a->calls, x->last_contact[c], x->start), (int)k};
	}
	qsort(rows, nr, sizeof(*rows), by_due_row);
	for (size_t i = 0; i < nr; i++) {
		int32_t c = rows[i].cust;
		const struct customer *cu = &x->in->ds.customers[c];
		const struct plan_assign *a = &x->r->assign[c];
		planview_row(t);
		planview_put_text(t, cu->id);
		planview_put_text(t, cu->name);
		planview_put_text(t, category_code((enum category)x->r->assign[c].cat));
		planview_put_text(t, cu->address);
		planview_put_text(t, cu->postal_code);
		planview_put_text(t, cu->city);
		planview_put_text(t, cu->phone);
		planview_put_text(t, cu->email);
		planview_put_date(t, x->last_contact[c]);
		planview_put_date(t, rows[i].due);
		planview_put_text(t, plan_channel_text((enum plan_channel)a->channel, l));
		planview_put_num(t, a->visits, a->visits == (int)a->visits ? 0 : 1);
		planview_put_num(t, a->calls, a->calls == (int)a->calls ? 0 : 1);
	}
	free(rows);
	return t;
}

static int write_call_list(const struct ctx *x, int32_t seller, struct export_summary *sum,
                           char **cause)
{
	struct planview_table *t = call_list(x, seller);
	char *safe = fname_safe(x->in->ds.sellers[seller].id), *path = NULL;
	char *csv = xasprintf("calls-%s.csv", safe), *xlsx = xasprintf("calls-%s.xlsx", safe);
	int rc = -1;
	FILE *f = open_in(x->o->dir, csv, &path, cause);
	if (!f)
		goto out;
	planview_write_csv(f, t);
	if (close_file(f, path, cause) != 0)
		goto out;
	add_file(sum, csv);
	free(path);
	path = xasprintf("%s/%s", x->o->dir, xlsx);
	if (planview_write_xlsx(path, &t, 1, cause) != 0)
		goto out;
	add_file(sum, xlsx);
	sum->call_lists++;
	rc = 0;
out:
	free(path);
	free(csv);
	free(xlsx);
	free(safe);
	planview_table_free(t);
	return rc;
}

/* --- newsletter ---------------------------------------------------------- */

static int write_newsletter(const struct ctx *x, int32_t only, struct export_summary *sum,
                            char **cause)
{
	int32_t dates[12];
	double most = 0;
	for (size_t c = 0; c < x->r->nassign; c++)
		if (x->r->assign[c].to >= 0 && x->r->assign[c].newsletters > most)
			most = x->r->assign[c].newsletters;
	int nd = plan_newsletter_dates(most, x->o->today, dates, 12);
	const char *fixed[] = {"customer_id",       "name",        "email", "phone",
	                       "contact_seller_id", "contact_name"};
	const char *head[6 + 12];
	char names[12][24];
	for (int i = 0; i < 6; i++)
		head[i] = fixed[i];
	for (int i = 0; i < nd; i++) {
		snprintf(names[i], sizeof(names[i]), "send_%d", i + 1);
		head[6 + i] = names[i];
	}
	struct planview_table *t = planview_table_new("newsletter", "newsletter", 6 + nd, head);
	for (size_t k = 0; k < x->r->nassign; k++) {
		int32_t c = x->r->order[k];
		const struct plan_assign *a = &x->r->assign[c];
		if (a->to < 0 || a->newsletters <= 0 || (only >= 0 && a->to != only))
			continue;
		int32_t own[12];
		int nown = plan_newsletter_dates(a->newsletters, x->o->today, own, 12);
		const struct customer *cu = &x->in->ds.customers[c];
		const struct seller *s = a->to >= 0 ? &x->in->ds.sellers[a->to] : NULL;
		planview_row(t);
		planview_put_text(t, cu->id);
		planview_put_text(t, cu->name);
		planview_put_text(t, cu->email);
		planview_put_text(t, cu->phone);
		planview_put_text(t, s ? s->id : NULL);
		planview_put_text(t, s ? (s->name ? s->name : s->id) : NULL);
		for (int i = 0; i < nd; i++)
			planview_put_date(t, i < nown ? own[i] : DAYS_NONE);
	}
	int rc = 0;
	sum->newsletter_dates = nd;
	sum->newsletter_rows = (int)t->nrows;
	if (only < 0 || t->nrows) {
		char *path = NULL;
		FILE *f = open_in(x->o->dir, "newsletter.csv", &path, cause);
		if (!f) {
			rc = -1;
		} else {
			planview_write_csv(f, t);
			rc = close_file(f, path, cause);
			if (rc == 0)
				add_file(sum, "newsletter.csv");
		}
		free(path);
	}
	planview_table_free(t);
	return rc;
}

/* --- visit calendars ----------------------------------------------------- */

static void event_text(const struct ctx *x, const struct plan_visit *v, struct strbuf *summary,
                       struct strbuf *desc, struct strbuf *loc)
{
	enum lang l = x->o->lang;
	const struct customer *cu = &x->in->ds.customers[v->cust];
	int cat = x->r->assign[v->cust].cat;
	char d[11];
	strbuf_printf(summary, "%s: %s (%s)", TR(l, "Visit", "Besök"), cu->name ? cu->name : cu->id,
	              category_code((enum category)cat));
	strbuf_printf(desc, "%s %s\n%s\n", TR(l, "Customer", "Kund"), cu->id,
	              category_label((enum category)cat, l));
	if (cu->phone)
		strbuf_printf(desc, "%s: %s\n", TR(l, "Phone", "Telefon"), cu->phone);
	if (cu->email)
		strbuf_printf(desc, "%s: %s\n", TR(l, "E-mail", "E-post"), cu->email);
	strbuf_printf(desc, "%s: %s\n", TR(l, "Last visit", "Senaste besök"),
	              x->last_visit[v->cust] == DAYS_NONE ? TR(l, "none", "inget")
	                                                  : days_iso(x->last_visit[v->cust], d));
	strbuf_printf(desc, "%s: %s\n", TR(l, "Due", "Förfaller"), days_iso(v->due, d));
	strbuf_printf(desc, "%s: %d min",
	              TR(l, "Travel one way (modelled)", "Restid enkel väg (beräknad)"),
	              v->travel_min);
	const char *parts[] = {cu->address, cu->postal_code, cu->city};
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (loc->len)
			strbuf_puts(loc, i == 2 && cu->postal_code ? " " : ", ");
		strbuf_puts(loc, parts[i]);
	}
}

static int write_calendar(const struct ctx *x, int32_t seller, struct export_summary *sum,
                          char **cause)
{
	const struct seller *s = &x->in->ds.sellers[seller];
	struct plan_schedule_opts so = {.start = x->start,
	                                .weeks = x->o->weeks,
	                                .day_start_min = 8 * 60,
	                                .day_minutes = x->o->day_hours * 60.0};
	size_t n, nf;
	struct plan_visit *v =
	    plan_schedule_visits(x->in, x->r, seller, x->last_visit, &so, &n, &nf);
	sum->not_fitted += nf;
	char *calname =
	    xasprintf("%s — %s", TR(x->o->lang, "Visits", "Besök"), s->name ? s->name : s->id);
	struct ics_calendar cal = {.name = calname, .tz = x->o->tz, .dtstamp = x->o->dtstamp};
	struct strbuf sb = STRBUF_INIT, summary = STRBUF_INIT, desc = STRBUF_INIT,
	              loc = STRBUF_INIT;
	ics_begin(&sb, &cal);
	for (size_t i = 0; i < n; i++) {
		const struct customer *cu = &x->in->ds.customers[v[i].cust];
		char d[11];
		strbuf_reset(&summary);
		strbuf_reset(&desc);
		strbuf_reset(&loc);
		event_text(x, &v[i], &summary, &desc, &loc);
		char *uid = xasprintf("visit-%s-%s-%s@fokus", cu->id, days_iso(v[i].day, d), s->id);
		struct ics_event ev = {
		    .uid = uid,
		    .day = v[i].day,
		    .start_min = v[i].start_min,
		    .duration_min = v[i].duration_min > 0 ? v[i].duration_min : 60,
		    .summary = strbuf_cstr(&summary),
		    .description = strbuf_cstr(&desc),
		    .location = loc.len ? strbuf_cstr(&loc) : NULL,
		    .categories =
		        category_label((enum category)x->r->assign[v[i].cust].cat, x->o->lang),
		    .has_geo = cu->has_loc,
		    .lat = cu->lat,
		    .lon = cu->lon};
		ics_event(&sb, &cal, &ev);
		free(uid);
	}
	ics_end(&sb);
	sum->visits += n;
	char *safe = fname_safe(s->id), *name = xasprintf("visits-%s.ics", safe), *path = NULL;
	int rc = -1;
	FILE *f = open_in(x->o->dir, name, &path, cause);
	if (f) {
		fwrite(sb.buf ? sb.buf : "", 1, sb.len, f);
		rc = close_file(f, path, cause);
		if (rc == 0) {
			add_file(sum, name);
			sum->calendars++;
		}
	}
	free(path);
	free(name);
	free(safe);
	free(calname);
	free(v);
	strbuf_free(&sb);
	strbuf_free(&summary);
	strbuf_free(&desc);
	strbuf_free(&loc);
	return rc;
}

/* --- the persons' files, on as many threads as there are cores (up to 4) ---
 * Each person's call list and calendar are written apart from the others'
 * into a summary of their own; the summaries are added up in the persons'
 * order afterwards, so the summary (and every file) is the same as one
 * thread writes. After a failure no further person is begun. */

struct person_out {
	struct export_summary sum;
	char *cause;
	int rc;
};

struct pool {
	const struct ctx *x;
	struct person_out *out;
	int32_t only;
	size_t next;
	long long written, persons;
	bool failed;
	pthread_mutex_t mu;
};

static void *pool_work(void *arg)
{
	struct pool *pl = arg;
	const struct ctx *x = pl->x;
	for (;;) {
		pthread_mutex_lock(&pl->mu);
		size_t s = pl->next++;
		bool stop = pl->failed;
		pthread_mutex_unlock(&pl->mu);
		if (stop || s >= x->in->ds.nsellers)
			break;
		if (pl->only >= 0 && (int32_t)s != pl->only)
			continue;
		struct person_out *po = &pl->out[s];
		if (x->r->person[s].customers > 0)
			po->rc = write_call_list(x, (int32_t)s, &po->sum, &po->cause);
		if (po->rc == 0 && x->r->person[s].visits > 0)
			po->rc = write_calendar(x, (int32_t)s, &po->sum, &po->cause);
		pthread_mutex_lock(&pl->mu);
		if (po->rc != 0)
			pl->failed = true;
		pl->written++;
		if (x->o->progress)
			x->o->progress(x->o->progress_arg, pl->written, pl->persons);
		pthread_mutex_unlock(&pl->mu);
	}
	return NULL;
}

static int write_persons(const struct ctx *x, int32_t only, struct export_summary *sum,
                         char **cause)
{
	size_t ns = x->in->ds.nsellers;
	struct pool pl = {.x = x,
	                  .out = xcalloc(ns ? ns : 1, sizeof(struct person_out)),
	                  .only = only,
	                  .persons = only >= 0 ? 1 : (long long)ns};
	pthread_mutex_init(&pl.mu, NULL);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int nth = cores < 1 ? 1 : cores > 4 ? 4 : (int)cores;
	if (only >= 0 || ns < 2)
		nth = 1;
	pthread_t th[3];
	int started = 0;
	for (int t = 1; t < nth; t++)
		if (pthread_create(&th[started], NULL, pool_work, &pl) == 0)
			started++;
	pool_work(&pl);
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	pthread_mutex_destroy(&pl.mu);
	int rc = 0;
	for (size_t s = 0; s < ns; s++) {
		struct person_out *po = &pl.out[s];
		if (rc == 0) {
			for (int i = 0; i < po->sum.nfiles; i++)
				add_file(sum, po->sum.files[i]);
			sum->call_lists += po->sum.call_lists;
			sum->calendars += po->sum.calendars;
			sum->visits += po->sum.visits;
			sum->not_fitted += po->sum.not_fitted;
			if (po->rc != 0) {
				rc = -1;
				*cause = po->cause;
				po->cause = NULL;
			}
		}
		free(po->cause);
		export_summary_free(&po->sum);
	}
	free(pl.out);
	return rc;
}

/* The person whose call list or calendar is named file (calls-ID.csv,
 * calls-ID.xlsx, visits-ID.ics with ID as fname_safe writes it), or -1. */
static int32_t person_of_file(const struct dataset *ds, const char *file)
{
	static const char *const forms[] = {"calls-%s.csv", "calls-%s.xlsx", "visits-%s.ics"};
	for (size_t s = 0; s < ds->nsellers; s++) {
		char *safe = fname_safe(ds->sellers[s].id);
		int hit = 0;
		for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]) && !hit; k++) {
			char *name = xasprintf(forms[k], safe);
			hit = !strcmp(name, file);
			free(name);
		}
		free(safe);
		if (hit)
			return (int32_t)s;
	}
	return -1;
}

int export_write(const struct plan_inputs *in, const struct plan_result *r,
                 const struct export_opts *o, struct export_summary *sum, char **cause)
{
	memset(sum, 0, sizeof(*sum));
	int32_t only = -1;
	if (o->seller) {
		only = dataset_seller_index(&in->ds, o->seller);
		if (only < 0) {
			*cause = xasprintf("there is no seller '%s'", o->seller);
			return -1;
		}
	}
	int persons = 1, newsletter = 1;
	if (o->file) {
		newsletter = !strcmp(o->file, "newsletter.csv");
		persons = !newsletter;
		if (persons && only < 0)
			only = person_of_file(&in->ds, o->file);
		if (persons && only < 0)
			return make_dir(o->dir, cause); /* nobody has that file: none written */
	}
	if (make_dir(o->dir, cause) != 0)
		return -1;
	size_t n = in->ds.ncustomers ? in->ds.ncustomers : 1;
	struct ctx x = {.in = in, .r = r, .o = o, .start = o->today + 1};
	x.last_contact = xmalloc(n * sizeof(int32_t));
	x.last_visit = xmalloc(n * sizeof(int32_t));
	plan_last_contacts(&in->ds, x.last_contact, x.last_visit);
	int rc = persons ? write_persons(&x, only, sum, cause) : 0;
	if (rc == 0 && newsletter)
		rc = write_newsletter(&x, only, sum, cause);
	free(x.last_contact);
	free(x.last_visit);
	return rc;
}
