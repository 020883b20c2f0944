/* categorize-run.c — one categorization run against the workspace, and the
 * html report of a stored run (see categorize-run.h). The glue between
 * store (load, save), core (compute) and render (html); the commands and
 * the demo call it so they cannot disagree. */
#include "categorize-run.h"
#include "render/html.h"
#include "store/dataset.h"
#include "store/override.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int categorize_run(struct sqlite3 *db, const struct cat_params *p_in, struct cat_run *run,
		   struct cat_summary *summary, size_t *no_margin, char **cause)
{
	struct cat_params p = *p_in;
	struct dataset ds = {0};
	int8_t *prh = NULL, *pph = NULL;
	struct cat_override *ov = NULL;
	struct cat_row *rows = NULL;
	int ret = -1;
	if (p.today == DAYS_NONE)
		p.today = days_today();
	if (p.as_of == DAYS_NONE) {
		if (store_snapshot_default_as_of(db, &p.as_of, cause) != 0)
			return -1;
		if (p.as_of == DAYS_NONE)
			p.as_of = p.today;
	}
	int32_t from = category_window_from(p.as_of, p.window_months);
	if (store_load_dataset(db, LOAD_CUSTOMERS | LOAD_ORDERS, from + 1, p.as_of, &ds, cause) != 0)
		return -1;
	size_t n = ds.ncustomers;
	int64_t prev = 0;
	int r = store_snapshot_latest(db, &prev, cause);
	if (r < 0)
		goto out;
	if (r == 0) {
		prh = xreallocarray(NULL, n ? n : 1, 1);
		pph = xreallocarray(NULL, n ? n : 1, 1);
		if (store_snapshot_sides(db, prev, &ds, prh, pph, cause) != 0)
			goto out;
	}
	ov = xreallocarray(NULL, n ? n : 1, sizeof(*ov));
	if (store_override_load(db, &ds, ov, cause) != 0)
		goto out;
	rows = xreallocarray(NULL, n ? n : 1, sizeof(*rows));
	struct cat_input in = {.ds = &ds, .prev_revenue_high = prh, .prev_potential_high = pph,
			       .overrides = ov};
	if (category_compute(&in, &p, run, rows, cause) != 0)
		goto out;
	if (no_margin) {
		*no_margin = 0;
		if (p.axis == AXIS_MARGIN)
			for (size_t k = 0; k < ds.norders; k++)
				if (!ds.orders[k].has_margin && ds.orders[k].day > run->window_from &&
				    ds.orders[k].day <= run->p.as_of)
					(*no_margin)++;
	}
	if (store_snapshot_save(db, run, &ds, rows, cause) != 0)
		goto out;
	if (summary)
		category_summarize(rows, n, summary);
	ret = 0;
out:
	if (ov)
		store_override_release(ov, n);
	free(ov);
	free(prh);
	free(pph);
	free(rows);
	dataset_free(&ds);
	return ret;
}

int categorize_run_view(struct sqlite3 *db, int64_t id, struct snapshot *s, struct catview *v,
			char **cause)
{
	if (id == 0) {
		int r = store_snapshot_latest(db, &id, cause);
		if (r != 0)
			return r;
	}
	int r = store_snapshot_load(db, id, s, cause);
	if (r != 0)
		return r;
	v->run = &s->run;
	v->n = s->n;
	v->rows = s->rows;
	v->customer_id = s->customer_id;
	v->name = s->name;
	v->seller_id = s->seller_id;
	return 0;
}

int categorize_run_html_section(FILE *f, struct sqlite3 *db, int64_t id, enum lang lang,
				char **cause)
{
	struct snapshot s;
	struct catview v;
	int r = categorize_run_view(db, id, &s, &v, cause);
	if (r != 0)
		return r;
	catout_html_section(f, &v, CATEGORIZE_HTML_MAX_ROWS, lang);
	store_snapshot_free(&s);
	return 0;
}

int categorize_run_demo(struct sqlite3 *db, const char *html_path, enum lang lang,
			int64_t *snapshot, char **cause)
{
	struct cat_params p;
	struct cat_run run;
	cat_params_default(&p);
	if (categorize_run(db, &p, &run, NULL, NULL, cause) != 0)
		return -1;
	if (snapshot)
		*snapshot = run.id;
	FILE *f = fopen(html_path, "wb");
	if (!f) {
		*cause = xasprintf("cannot write %s: %s", html_path, strerror(errno));
		return -1;
	}
	html_begin(f, TR(lang, "Customer categorization", "Kundkategorisering"), lang);
	int r = categorize_run_html_section(f, db, run.id, lang, cause);
	html_end(f, lang);
	if (fclose(f) != 0 && r == 0) {
		*cause = xasprintf("writing %s failed", html_path);
		return -1;
	}
	if (r == 1)
		*cause = xstrdup("the new snapshot could not be read back");
	return r == 0 ? 0 : -1;
}
