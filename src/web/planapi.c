/* planapi.c — the coverage plan for the Plan page and the map, managers and
 * admins only (the plan may give a seller customers they do not own yet):
 *   GET /api/plan                 the plan as `fokus plan --format json`
 *                                 prints it, without the per-customer rows,
 *                                 with the decision and the notes in
 *                                 sentences of ?lang= (?assignments=all:
 *                                 the rows too, the command's document)
 *   GET /api/plan/customers       the customer rows, searched and paged:
 *                                 ?q= (id, name, person) &changes=1 (only
 *                                 those changing owner) &page= &per= (≤ 200)
 *   GET /api/plan/owners          each located customer's planned person,
 *                                 for colouring the map per person
 *   GET /api/plan/download.csv    every customer (words in ?lang=) as csv
 *   GET /api/plan/download.xlsx   every table of the plan as a workbook
 *   GET /api/export/NAME          the lists of `fokus export` (calls-SELLER.csv
 *                                 |xlsx, visits-SELLER.ics, newsletter.csv),
 *                                 written into a temporary folder that is
 *                                 removed after the answer is read.
 * Each computes the plan with the defaults through app/plan.h. */
#include "app/plan.h"
#include "core/plan.h"
#include "render/export.h"
#include "render/planview.h"
#include "store/snapshot.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* 0 when the workspace has a categorization to plan from; else -1 after
 * answering 409 (or 500 for a workspace error, its cause only in the log). */
static int need_snapshot(struct web_ctx *c)
{
	int64_t snap = 0;
	char *cause = NULL;
	int r = store_snapshot_latest(c->db, &snap, &cause);
	if (r < 0)
		web_fail(c, cause);
	else if (r == 1)
		web_error(c, 409, "no categorization yet: categorize first");
	return r == 0 ? 0 : -1;
}

/* The plan with the defaults, or -1 after answering 409 (no categorization
 * yet: the message says what to do) or 500 (the cause goes to the log). */
static int compute(struct web_ctx *c, struct plan_inputs *in, struct plan_result **r)
{
	char *cause = NULL;
	if (need_snapshot(c) != 0)
		return -1;
	if (app_plan_compute(c->db, 0, NULL, in, r, &cause) != 0) {
		web_fail(c, cause);
		return -1;
	}
	return 0;
}

static void answer_json(struct web_ctx *c, json_t *root)
{
	char *s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	strbuf_reset(&c->rs->body);
	if (s)
		strbuf_puts(&c->rs->body, s);
	free(s);
	c->rs->status = 200;
	c->rs->content_type = "application/json";
}

void planapi_plan(struct web_ctx *c)
{
	struct plan_inputs in;
	struct plan_result *r;
	if (compute(c, &in, &r) != 0)
		return;
	const char *all = web_arg(c, "assignments");
	if (all && !strcmp(all, "all")) { /* the command's document, streamed */
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		if (f) {
			planview_plan_json(f, &in, r);
			fclose(f);
			strbuf_reset(&c->rs->body);
			strbuf_append(&c->rs->body, buf, len);
			c->rs->status = 200;
			c->rs->content_type = "application/json";
		} else {
			web_error(c, 500, "out of memory");
		}
		free(buf);
		plan_result_free(r);
		plan_inputs_free(&in);
		return;
	}
	json_t *root = planview_plan_json_object(&in, r, false);
	/* The decision in sentences, in the page's language. */
	char **lines;
	int n;
	planview_plan_summary(&in, r, c->lang, &lines, &n);
	json_t *sum = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(sum, json_string(lines[i]));
	planview_lines_free(lines, n);
	{
		char **texts;
		const char **codes;
		json_t *notes = json_array();
		planview_plan_notes(&in, r, c->lang, &texts, &codes, &n);
		for (int i = 0; i < n; i++)
			json_array_append_new(notes, json_string(texts[i]));
		planview_notes_free(texts, codes, n);
		json_object_set_new(root, "decision", sum);
		json_object_set_new(root, "notes", notes);
	}
	answer_json(c, root);
	json_decref(root);
	plan_result_free(r);
	plan_inputs_free(&in);
}

static long arg_long(const struct web_ctx *c, const char *key, long def, long lo, long hi)
{
	const char *s = web_arg(c, key);
	char *end;
	if (!s || !*s)
		return def;
	long v = strtol(s, &end, 10);
	if (*end || v < lo)
		return def;
	return v > hi ? hi : v;
}

static bool contains(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

static void customers(struct web_ctx *c, const struct plan_inputs *in, const struct plan_result *r)
{
	const char *q = web_arg(c, "q"), *ch = web_arg(c, "changes");
	bool changes = ch && !strcmp(ch, "1");
	long per = arg_long(c, "per", 50, 1, 200), page = arg_long(c, "page", 0, 0, 1L << 30);
	json_t *rows = json_array();
	long total = 0;
	for (size_t k = 0; k < r->nassign; k++) {
		int32_t i = r->order[k];
		const struct plan_assign *a = &r->assign[i];
		const struct customer *cu = &in->ds.customers[i];
		if (changes && (a->to < 0 || a->to == a->from))
			continue;
		if (q && *q) {
			const char *to = a->to >= 0 ? in->ds.sellers[a->to].id : NULL;
			const char *toname = a->to >= 0 ? in->ds.sellers[a->to].name : NULL;
			if (!contains(cu->id, q) && !contains(cu->name, q) &&
			    !contains(cu->seller_id, q) && !contains(to, q) &&
			    !contains(toname, q) && !contains(cu->city, q))
				continue;
		}
		if (total >= page * per && total < (page + 1) * per)
			json_array_append_new(rows, planview_assignment_json(in, r, i));
		total++;
	}
	json_t *root = json_object();
	json_object_set_new(root, "total", json_integer(total));
	json_object_set_new(root, "page", json_integer(page));
	json_object_set_new(root, "per", json_integer(per));
	json_object_set_new(root, "rows", rows);
	answer_json(c, root);
	json_decref(root);
}

static void owners(struct web_ctx *c, const struct plan_inputs *in, const struct plan_result *r)
{
	json_t *root = json_object(), *sellers = json_array(), *pts = json_array();
	for (size_t s = 0; s < in->ds.nsellers; s++) {
		json_t *o = json_object();
		json_object_set_new(o, "seller_id", json_string(in->ds.sellers[s].id));
		json_object_set_new(o, "name",
		                    in->ds.sellers[s].name ? json_string(in->ds.sellers[s].name)
		                                           : json_null());
		json_object_set_new(o, "role", json_string(role_code(in->ds.sellers[s].role)));
		json_object_set_new(o, "customers", json_integer(r->person[s].customers));
		json_array_append_new(sellers, o);
	}
	for (size_t i = 0; i < r->nassign; i++) {
		const struct plan_assign *a = &r->assign[i];
		const struct customer *cu = &in->ds.customers[i];
		if (a->to < 0 || !cu->has_loc)
			continue;
		json_t *p = json_array();
		json_array_append_new(p, json_real(round(cu->lon * 1e4) / 1e4));
		json_array_append_new(p, json_real(round(cu->lat * 1e4) / 1e4));
		json_array_append_new(p, json_integer(a->to));
		json_array_append_new(p, json_string(cu->id));
		json_array_append_new(pts, p);
	}
	json_object_set_new(root, "sellers", sellers);
	json_object_set_new(root, "fields",
	                    json_pack("[ssss]", "lon", "lat", "seller", "customer_id"));
	json_object_set_new(root, "points", pts);
	answer_json(c, root);
	json_decref(root);
}

static void download(struct web_ctx *c, const struct plan_inputs *in, const struct plan_result *r,
                     bool xlsx)
{
	struct planview_table *t[PV_NTABLES];
	planview_plan_tables(in, r, c->lang, false, t);
	char *buf = NULL, *cause = NULL;
	size_t len = 0;
	int ok = 0;
	if (xlsx) {
		char path[512];
		snprintf(path, sizeof(path), "%s/fokus-plan-XXXXXX",
		         c->app->tmp_dir ? c->app->tmp_dir : "/tmp");
		int fd = mkstemp(path);
		if (fd >= 0) {
			close(fd);
			if (planview_write_xlsx(path, t, PV_NTABLES, &cause) == 0) {
				FILE *f = fopen(path, "rb");
				char chunk[65536];
				size_t n;
				strbuf_reset(&c->rs->body);
				while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
					strbuf_append(&c->rs->body, chunk, n);
				ok = f && !ferror(f);
				if (f)
					fclose(f);
			}
			unlink(path);
		}
	} else {
		FILE *f = open_memstream(&buf, &len);
		if (f) {
			fputs("\xef\xbb\xbf", f); /* so that spreadsheets read UTF-8 */
			planview_write_csv(f, t[PV_ASSIGNMENTS]);
			fclose(f);
			strbuf_reset(&c->rs->body);
			strbuf_append(&c->rs->body, buf, len);
			ok = 1;
		}
		free(buf);
	}
	for (int k = 0; k < PV_NTABLES; k++)
		planview_table_free(t[k]);
	if (!ok) {
		web_fail(c, cause ? cause : xstrdup("cannot write the download"));
		return;
	}
	c->rs->status = 200;
	c->rs->content_type =
	    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	         : "text/csv; charset=utf-8";
	c->rs->disposition =
	    xasprintf("attachment; filename=\"%s\"", xlsx ? "plan.xlsx" : "plan.csv");
}

void planapi_sub(struct web_ctx *c)
{
	const char *what = c->tail;
	static const char *const known[] = {"customers", "owners", "download.csv", "download.xlsx"};
	size_t k = 0;
	while (k < sizeof(known) / sizeof(known[0]) && strcmp(what, known[k]))
		k++;
	if (k == sizeof(known) / sizeof(known[0])) {
		web_error(c, 404, "no such part of the plan");
		return;
	}
	struct plan_inputs in;
	struct plan_result *r;
	if (compute(c, &in, &r) != 0)
		return;
	if (k == 0)
		customers(c, &in, r);
	else if (k == 1)
		owners(c, &in, r);
	else
		download(c, &in, r, k == 3);
	plan_result_free(r);
	plan_inputs_free(&in);
}

/* Whether name is one of the export's file names; *type gets its content type. */
static int export_name(const char *name, const char **type)
{
	static const struct {
		const char *prefix, *suffix, *type;
	} kinds[] = {
	    {"calls-", ".csv", "text/csv; charset=utf-8"},
	    {"calls-", ".xlsx",
	     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	    {"visits-", ".ics", "text/calendar; charset=utf-8"},
	    {"newsletter", ".csv", "text/csv; charset=utf-8"},
	};
	size_t n = strlen(name);
	if (n == 0 || n > 120)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	if (name[0] == '.')
		return 0;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t a = strlen(kinds[i].prefix), b = strlen(kinds[i].suffix);
		if (n >= a + b && !strncmp(name, kinds[i].prefix, a) &&
		    !strcmp(name + n - b, kinds[i].suffix) &&
		    (strcmp(kinds[i].prefix, "newsletter") != 0 || n == a + b)) {
			*type = kinds[i].type;
			return 1;
		}
	}
	return 0;
}

static int read_file(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_append(out, buf, n);
	int bad = ferror(f);
	fclose(f);
	return bad ? -1 : 0;
}

/* Removes the temporary folder and every file in it. */
static void remove_dir(const char *d)
{
	DIR *dh = opendir(d);
	struct dirent *e;
	while (dh && (e = readdir(dh)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = xasprintf("%s/%s", d, e->d_name);
		unlink(p);
		free(p);
	}
	if (dh)
		closedir(dh);
	rmdir(d);
}

void planapi_export(struct web_ctx *c)
{
	const char *name = c->tail, *type = NULL;
	if (!export_name(name, &type)) {
		web_error(c, 404, "no such export");
		return;
	}
	if (need_snapshot(c) != 0)
		return;
	char tmpl[512];
	snprintf(tmpl, sizeof(tmpl), "%s/fokus-export-XXXXXX",
	         c->app->tmp_dir ? c->app->tmp_dir : "/tmp");
	char *d = mkdtemp(tmpl);
	if (!d) {
		web_fail(c, xasprintf("cannot make a temporary folder in %s", tmpl));
		return;
	}
	struct plan_params pp;
	struct export_opts o;
	struct export_summary sum;
	char *cause = NULL;
	plan_params_default(&pp);
	export_opts_default(&o, &pp);
	o.dir = d;
	o.today = days_today();
	o.dtstamp = time(NULL);
	o.lang = c->lang;
	o.file = name; /* the files of that person (or the newsletter) only */
	int rc = app_export_workspace(c->db, 0, &pp, &o, &sum, &cause);
	int found = 0;
	if (rc == 0) {
		for (int i = 0; i < sum.nfiles && !found; i++) {
			if (!strcmp(sum.files[i], name)) {
				char *p = xasprintf("%s/%s", d, sum.files[i]);
				strbuf_reset(&c->rs->body);
				found = read_file(p, &c->rs->body) == 0;
				free(p);
			}
		}
		export_summary_free(&sum);
	}
	remove_dir(d);
	if (rc != 0) {
		web_fail(c, cause);
		return;
	}
	if (!found) {
		web_error(c, 404, "no such export (the plan gives nobody that file)");
		return;
	}
	c->rs->status = 200;
	c->rs->content_type = type;
	c->rs->disposition = xasprintf("attachment; filename=\"%s\"", name);
}
