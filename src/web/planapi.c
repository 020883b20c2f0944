/* planapi.c — the coverage plan for the Plan page (GET /api/plan: the
 * assignments and moves, workload, headcount, what-if and the notes, as
 * `fokus plan --format json` prints them) and the plan's exports as
 * downloads (GET /api/export/NAME: calls-SELLER.csv|xlsx,
 * visits-SELLER.ics, newsletter.csv, written by render/export.c into a
 * temporary folder that is removed after the answer is read). Managers and
 * admins only: the plan may give a seller customers they do not own yet. */
#include "core/plan.h"
#include "render/export.h"
#include "render/planview.h"
#include "store/plan.h"
#include "store/snapshot.h"
#include "util/days.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* 0 when the workspace has a categorization to plan from; else -1 after
 * answering 409 (or 500 for a workspace error). */
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

void planapi_plan(struct web_ctx *c)
{
	struct plan_inputs in;
	struct plan_params pp;
	char *cause = NULL, *buf = NULL;
	size_t len = 0;
	plan_params_default(&pp);
	if (need_snapshot(c) != 0)
		return;
	if (store_plan_inputs(c->db, 0, &in, &cause) != 0) {
		web_fail(c, cause);
		return;
	}
	struct plan_result *r = plan_compute(&in, &pp);
	FILE *f = open_memstream(&buf, &len);
	if (f) {
		planview_plan_json(f, &in, r);
		fclose(f);
	}
	plan_result_free(r);
	plan_inputs_free(&in);
	if (!f) {
		web_error(c, 500, "out of memory");
		return;
	}
	strbuf_reset(&c->rs->body);
	strbuf_append(&c->rs->body, buf, len);
	free(buf);
	c->rs->status = 200;
	c->rs->content_type = "application/json";
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
	int rc = export_workspace(c->db, 0, &pp, &o, &sum, &cause);
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
