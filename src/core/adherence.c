/* adherence.c — planned against done per seller and ISO week, overdue
 * customers and drift (adherence.h; the formulas with an example are in
 * docs/follow-up.md §3). */
#include "core/adherence.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const measure_codes[ADH_N] = {
    "visits_1", "visits_2R", "visits_2P", "visits_3", "visits_none", "calls", "newsletters"};

const char *adherence_measure_code(int m)
{
	return m >= 0 && m < ADH_N ? measure_codes[m] : "";
}

double adh_planned_visits(const struct adh_cell *c)
{
	double v = 0;
	for (int k = ADH_VISITS; k <= ADH_VISITS_NONE; k++)
		v += c->planned[k];
	return v;
}

int64_t adh_done_visits(const struct adh_cell *c)
{
	int64_t v = 0;
	for (int k = ADH_VISITS; k <= ADH_VISITS_NONE; k++)
		v += c->done[k];
	return v;
}

static int32_t monday(int32_t d)
{
	return d - days_weekday(d);
}

int32_t adherence_week_day(const struct adherence *a, int i)
{
	return a->week0 + 7 * i;
}

const char *adherence_week_label(const struct adherence *a, int i, char buf[9])
{
	return days_iso_week_str(adherence_week_day(a, i), buf);
}

void adherence_default_period(const struct dataset *ds, int32_t applied, int32_t today,
                              int32_t *from, int32_t *to)
{
	if (*to == DAYS_NONE) {
		int32_t last = DAYS_NONE;
		for (size_t i = 0; i < ds->nactivities; i++)
			if (ds->activities[i].day > last)
				last = ds->activities[i].day;
		if (last == DAYS_NONE)
			last = today;
		if (applied != DAYS_NONE && applied > last)
			last = applied;
		*to = last;
	}
	if (*from == DAYS_NONE) {
		if (applied != DAYS_NONE && applied <= *to)
			*from = monday(applied);
		else
			*from = monday(*to) - 7 * 11;
	}
}

static void add_cells(struct adh_cell *to, const struct adh_cell *c)
{
	for (int k = 0; k < ADH_N; k++) {
		to->planned[k] += c->planned[k];
		to->done[k] += c->done[k];
	}
}

/* Per owner: what the plan asks for in each week (the days of the period
 * in that week / 365 of a year's contacts). */
static void planned_weeks(const struct dataset *ds, const struct planned_contact *pc,
                          struct adherence *a)
{
	double *wdays = xmalloc((size_t)a->nweeks * sizeof(double));
	for (int w = 0; w < a->nweeks; w++) {
		int32_t m = adherence_week_day(a, w);
		int32_t lo = m < a->from ? a->from : m, hi = m + 6 > a->to ? a->to : m + 6;
		wdays[w] = (double)(hi - lo + 1) / 365.0;
	}
	for (size_t i = 0; i < ds->ncustomers; i++) {
		const struct planned_contact *p = &pc[i];
		if (p->owner < 0 || (size_t)p->owner >= a->nsellers || p->cat < 0 ||
		    p->cat >= CAT_COUNT)
			continue;
		struct adh_seller *s = &a->sellers[p->owner];
		s->customers[p->cat]++;
		for (int w = 0; w < a->nweeks; w++) {
			struct adh_cell *c = &s->week[w];
			c->planned[ADH_VISITS + p->cat] += p->per_year[CH_VISIT] * wdays[w];
			c->planned[ADH_CALLS] += p->per_year[CH_PHONE] * wdays[w];
			c->planned[ADH_NEWSLETTERS] += p->per_year[CH_NEWSLETTER] * wdays[w];
		}
	}
	free(wdays);
}

static void done_weeks(const struct dataset *ds, const struct planned_contact *pc,
                       struct adherence *a)
{
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *x = &ds->activities[i];
		if (x->day < a->from || x->day > a->to || x->cust < 0 || x->seller < 0 ||
		    (size_t)x->seller >= a->nsellers)
			continue;
		a->activities_used++;
		int m;
		if (x->type == ACT_VISIT) {
			int cat = pc[x->cust].cat;
			m = cat >= 0 && cat < CAT_COUNT ? ADH_VISITS + cat : ADH_VISITS_NONE;
		} else if (x->type == ACT_PHONE) {
			m = ADH_CALLS;
		} else if (x->type == ACT_NEWSLETTER) {
			m = ADH_NEWSLETTERS;
		} else {
			continue;
		}
		int w = (x->day - a->week0) / 7;
		a->sellers[x->seller].week[w].done[m]++;
	}
}

static int is_contact(uint8_t t)
{
	return t == ACT_VISIT || t == ACT_PHONE || t == ACT_EMAIL || t == ACT_MEETING;
}

static int by_overdue(const void *x, const void *y)
{
	const struct adh_overdue *a = x, *b = y;
	if (a->days != b->days)
		return a->days > b->days ? -1 : 1;
	return a->cust < b->cust ? -1 : a->cust > b->cust;
}

/* Per customer the last contact (visit, call, e-mail, meeting) and the
 * last visit on or before last_day (DAYS_NONE: none); arrays the caller
 * frees. */
static void last_contacts(const struct dataset *ds, int32_t last_day, int32_t **last,
                          int32_t **lastv)
{
	size_t n = ds->ncustomers;
	*last = xmalloc((n + 1) * sizeof(int32_t));
	*lastv = xmalloc((n + 1) * sizeof(int32_t));
	for (size_t i = 0; i < n; i++)
		(*last)[i] = (*lastv)[i] = DAYS_NONE;
	for (size_t i = 0; i < ds->nactivities; i++) {
		const struct activity *x = &ds->activities[i];
		if (x->cust < 0 || x->day > last_day || !is_contact(x->type))
			continue;
		if (x->day > (*last)[x->cust])
			(*last)[x->cust] = x->day;
		if (x->type == ACT_VISIT && x->day > (*lastv)[x->cust])
			(*lastv)[x->cust] = x->day;
	}
}

static int32_t due_day(const struct planned_contact *p, int32_t last, int32_t never_due)
{
	double per = planned_contacts_per_year(p);
	return last == DAYS_NONE ? never_due : last + (int32_t)lround(365.0 / per);
}

static int plans_contact(const struct planned_contact *p)
{
	return planned_contacts_per_year(p) > 0 && p->cat >= 0 && p->cat < CAT_COUNT;
}

size_t adherence_overdue(const struct dataset *ds, const struct planned_contact *pc,
                         int32_t last_day, int32_t never_due, int32_t before, int32_t owner,
                         struct adh_overdue **out)
{
	int32_t *last, *lastv;
	size_t n = 0;
	last_contacts(ds, last_day, &last, &lastv);
	*out = xmalloc((ds->ncustomers + 1) * sizeof(**out));
	for (size_t i = 0; i < ds->ncustomers; i++) {
		const struct planned_contact *p = &pc[i];
		if (!plans_contact(p) || (owner >= 0 && p->owner != owner))
			continue;
		int32_t due = due_day(p, last[i], never_due);
		if (due < before)
			(*out)[n++] =
			    (struct adh_overdue){(int32_t)i, p->owner, last[i], due, before - due};
	}
	qsort(*out, n, sizeof(**out), by_overdue);
	free(last);
	free(lastv);
	return n;
}

/* Due dates and overdue customers at the period's end, counted per seller. */
static void overdue(const struct dataset *ds, const struct planned_contact *pc, struct adherence *a)
{
	size_t n = ds->ncustomers;
	int32_t *last, *lastv;
	last_contacts(ds, a->to, &last, &lastv);
	a->overdue = xmalloc((n + 1) * sizeof(*a->overdue));
	for (size_t i = 0; i < n; i++) {
		const struct planned_contact *p = &pc[i];
		if (!plans_contact(p))
			continue;
		struct adh_seller *s =
		    p->owner >= 0 && (size_t)p->owner < a->nsellers ? &a->sellers[p->owner] : NULL;
		int32_t due = due_day(p, last[i], a->from);
		if (last[i] == DAYS_NONE) {
			a->team.never_contacted++;
			if (s)
				s->never_contacted++;
		}
		if (due < a->to) {
			a->overdue[a->noverdue++] =
			    (struct adh_overdue){(int32_t)i, p->owner, last[i], due, a->to - due};
			a->team.overdue[p->cat]++;
			if (s)
				s->overdue[p->cat]++;
		}
		double pv = p->per_year[CH_VISIT];
		if (pv > 0) {
			int32_t dv = lastv[i] == DAYS_NONE ? a->from
			                                   : lastv[i] + (int32_t)lround(365.0 / pv);
			if (dv < a->to) {
				a->team.overdue_visits[p->cat]++;
				if (s)
					s->overdue_visits[p->cat]++;
			}
		}
	}
	qsort(a->overdue, a->noverdue, sizeof(*a->overdue), by_overdue);
	free(last);
	free(lastv);
}

static double share3(const struct adh_seller *s, int w0, int w1, int planned)
{
	double v3 = 0, all = 0;
	for (int w = w0; w < w1; w++) {
		const struct adh_cell *c = &s->week[w];
		v3 +=
		    planned ? c->planned[ADH_VISITS + CAT_3] : (double)c->done[ADH_VISITS + CAT_3];
		all += planned ? adh_planned_visits(c) : (double)adh_done_visits(c);
	}
	return all > 0 ? v3 / all : 0;
}

static void drift(struct adherence *a, struct adh_seller *s)
{
	int k = a->drift_weeks;
	s->cat3_planned = share3(s, 0, a->nweeks, 1);
	if (k == 0)
		return;
	s->cat3_first = share3(s, 0, k, 0);
	s->cat3_last = share3(s, a->nweeks - k, a->nweeks, 0);
	s->drift = s->cat3_last > s->cat3_planned + ADH_DRIFT_MARGIN &&
	           s->cat3_last > s->cat3_first + ADH_DRIFT_MARGIN;
}

static void totals(struct adherence *a, struct adh_seller *s)
{
	memset(&s->total, 0, sizeof(s->total));
	for (int w = 0; w < a->nweeks; w++)
		add_cells(&s->total, &s->week[w]);
	int64_t own = 0;
	for (int c = 0; c < CAT_COUNT; c++)
		own += s->customers[c];
	s->active = own > 0 || adh_done_visits(&s->total) > 0 || s->total.done[ADH_CALLS] > 0 ||
	            s->total.done[ADH_NEWSLETTERS] > 0;
}

int adherence_compute(const struct dataset *ds, const struct planned_contact *pc, int32_t from,
                      int32_t to, struct adherence *a, char **cause)
{
	memset(a, 0, sizeof(*a));
	if (from == DAYS_NONE || to == DAYS_NONE || from > to) {
		*cause = xstrdup("the period's first day is after its last");
		return -1;
	}
	if (to - from > 3 * 366) {
		*cause = xstrdup("the period is longer than three years");
		return -1;
	}
	a->from = from;
	a->to = to;
	a->week0 = monday(from);
	a->nweeks = (monday(to) - a->week0) / 7 + 1;
	a->drift_weeks = a->nweeks >= 2 * ADH_DRIFT_WEEKS ? ADH_DRIFT_WEEKS : a->nweeks / 2;
	a->nsellers = ds->nsellers;
	a->sellers = xcalloc(a->nsellers + 1, sizeof(*a->sellers));
	for (size_t s = 0; s < a->nsellers; s++) {
		a->sellers[s].seller = (int32_t)s;
		a->sellers[s].week = xcalloc((size_t)a->nweeks, sizeof(struct adh_cell));
	}
	a->team.seller = -1;
	a->team.week = xcalloc((size_t)a->nweeks, sizeof(struct adh_cell));
	planned_weeks(ds, pc, a);
	done_weeks(ds, pc, a);
	overdue(ds, pc, a);
	for (size_t s = 0; s < a->nsellers; s++) {
		struct adh_seller *x = &a->sellers[s];
		for (int w = 0; w < a->nweeks; w++)
			add_cells(&a->team.week[w], &x->week[w]);
		for (int c = 0; c < CAT_COUNT; c++)
			a->team.customers[c] += x->customers[c];
		totals(a, x);
		drift(a, x);
	}
	totals(a, &a->team);
	drift(a, &a->team);
	return 0;
}

void adherence_free(struct adherence *a)
{
	if (!a)
		return;
	for (size_t s = 0; s < a->nsellers; s++)
		free(a->sellers[s].week);
	free(a->sellers);
	free(a->team.week);
	free(a->overdue);
	memset(a, 0, sizeof(*a));
}
