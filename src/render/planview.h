/* planview.h — the coverage plan for people and machines: a small table
 * model (text, number, money, date cells) written as csv, xlsx, html or an
 * aligned terminal table; the plan's four tables (assignments, workload,
 * headcount, what-if), its notes (warnings) and its JSON. The same tables
 * feed every format, so the numbers never disagree. The call lists of
 * `fokus export` use the same model (render/export.c). */
#ifndef FOKUS_PLANVIEW_H
#define FOKUS_PLANVIEW_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/plan.h"
#include "util/i18n.h"

enum planview_kind { PV_TEXT = 0, PV_NUM, PV_MONEY, PV_DATE, PV_EMPTY };

struct planview_cell {
	enum planview_kind kind;
	char *text;   /* PV_TEXT */
	double num;   /* PV_NUM; PV_MONEY in minor units */
	int decimals; /* PV_NUM */
	int32_t day;  /* PV_DATE */
};

struct planview_table {
	char *sheet; /* xlsx sheet name, also the csv --table name */
	char *title; /* for people */
	int ncols;
	char **head;
	struct planview_cell *cells; /* nrows x ncols */
	size_t nrows, cap;
	int fill; /* cells put in the last row so far */
};

/* A new empty table; head has ncols names. Free with planview_table_free. */
struct planview_table *planview_table_new(const char *sheet, const char *title, int ncols,
                                          const char *const *head);
void planview_table_free(struct planview_table *t);
/* Starts a row; then one planview_put_* per column, left to right. */
void planview_row(struct planview_table *t);
void planview_put_text(struct planview_table *t, const char *s); /* NULL: empty */
void planview_put_num(struct planview_table *t, double v, int decimals);
void planview_put_money(struct planview_table *t, double minor);
void planview_put_date(struct planview_table *t, int32_t day); /* DAYS_NONE: empty */

/* Writers. csv: RFC 4180 with plain numbers ('.', money in currency units,
 * ISO dates). text: aligned, numbers for people in `lang`. html: one
 * self-contained page with every table (escaped). xlsx: one sheet per table,
 * numbers as numbers and dates as dates; returns 0 or -1 with *cause
 * (caller frees). */
void planview_write_csv(FILE *f, const struct planview_table *t);
void planview_write_text(FILE *f, const struct planview_table *t, enum lang lang);
int planview_write_xlsx(const char *path, struct planview_table *const *t, int n, char **cause);

/* --- the plan ------------------------------------------------------------ */

enum { PV_ASSIGNMENTS = 0, PV_WORKLOAD, PV_HEADCOUNT, PV_WHATIF, PV_RESPONSE, PV_NTABLES };

/* The plan's tables in `lang`: customers (every one, its owner, channel,
 * frequency, value), load per person, headcount and capacity value, today
 * against the plan per category, the response curves. Headers are machine
 * names and codes (csv, json-like) when machine is true, else words for
 * people. out[PV_NTABLES]; free each. */
void planview_plan_tables(const struct plan_inputs *in, const struct plan_result *r, enum lang lang,
                          bool machine, struct planview_table **out);

/* The decision in a few sentences for people: hours used against capacity,
 * who changes owner and why, contact, value today against the plan with its
 * range, how much of the policy the team carries, what headcount is worth.
 * *lines (n of them) free with planview_lines_free. */
void planview_plan_summary(const struct plan_inputs *in, const struct plan_result *r,
                           enum lang lang, char ***lines, int *n);
void planview_lines_free(char **lines, int n);

/* The plan's notes (warnings) as sentences in `lang`, with a machine code
 * each: fills *texts and *codes (arrays of *n; free with planview_notes_free). */
void planview_plan_notes(const struct plan_inputs *in, const struct plan_result *r, enum lang lang,
                         char ***texts, const char ***codes, int *n);
void planview_notes_free(char **texts, const char **codes, int n);

/* The whole plan as one JSON document (fields in docs/plan.md); without the
 * assignments when with_assignments is false (the dashboard pages them).
 * The caller json_decref()s. */
struct json_t *planview_plan_json_object(const struct plan_inputs *in, const struct plan_result *r,
                                         bool with_assignments);
void planview_plan_json(FILE *f, const struct plan_inputs *in, const struct plan_result *r);
/* One customer's row as in the JSON's assignments. */
struct json_t *planview_assignment_json(const struct plan_inputs *in, const struct plan_result *r,
                                        int32_t customer);

/* The terminal report: the decision first, then load per person, today
 * against the plan, headcount, the response, and the first changes. */
void planview_plan_text(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                        enum lang lang);

/* The page for people: the decision (cards and sentences, notes), load
 * against capacity per person, the changes by reason, value today against
 * the plan, headcount, the response, then a searchable, paged table of every
 * customer (embedded as compact JSON, with a csv download) — about 100 bytes
 * a customer. standalone: a whole document (else a fragment for a report
 * that html_begin already opened). */
void planview_plan_html(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                        enum lang lang, bool standalone);

#endif
