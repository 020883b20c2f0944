/* adherence.h (render) — plan adherence as text, csv, JSON and an html
 * report section: the same struct (core/adherence.h) feeds `fokus
 * adherence`, the dashboard's Adherence page and the report. Fields and
 * formulas: docs/follow-up.md §3. */
#ifndef FOKUS_RENDER_ADHERENCE_H
#define FOKUS_RENDER_ADHERENCE_H
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/adherence.h"
#include "util/i18n.h"

struct adherence_view {
	const struct adherence *a;
	const struct dataset *ds;
	const struct planned_contact *pc; /* per customer (its category) */
	int32_t applied;                  /* the day the plan was applied, DAYS_NONE never */
	int32_t only;                     /* -1 every seller and the team; else that seller only */
};

/* Tables for the terminal: per seller, the team per week (the seller per
 * week with `only`), drift, the most overdue customers (at most 10). */
void adherence_text(FILE *f, const struct adherence_view *v, enum lang lang);

/* One figure a row: seller_id,week,measure,planned,done (week empty: the
 * whole period; seller_id "*": the team). Measures: visits_1 ... calls,
 * newsletters; and per category overdue_C (planned = customers, done =
 * overdue). */
void adherence_csv(FILE *f, const struct adherence_view *v);

/* The JSON of docs/follow-up.md, with at most max_overdue overdue
 * customers. New reference. */
json_t *adherence_json(const struct adherence_view *v, size_t max_overdue);

/* A <section> for an html report (between html_begin and html_end). */
void adherence_html_section(FILE *f, const struct adherence_view *v, enum lang lang);

#endif
