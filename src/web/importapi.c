/* importapi.c — the Import page's upload: POST /api/import?kind=K&name=FILE
 * with the file as the raw body (spooled to a temporary file by server.c,
 * capped at upload_max). With dry_run=1 it checks only and answers a
 * preview: what was detected, each header column with the fokus field it
 * maps to, the first rows, and the rejected rows with their line numbers;
 * without it the file is imported all-or-nothing by the same importer as
 * `fokus import` (importer.c). The page sends the same file twice: once to
 * check, once to confirm — no upload is kept between requests. */
#include "importer.h"
#include "io/records.h"
#include "store/audit.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PREVIEW_ROWS 10

static int flag(struct web_ctx *c, const char *k)
{
	const char *v = web_arg(c, k);
	return v && (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes"));
}

/* The file's name as recorded: its last path part, at most 200 bytes. */
static char *display_name(const char *name)
{
	if (!name || !*name)
		return xstrdup("upload");
	const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
	if (back && (!slash || back > slash))
		slash = back;
	if (slash && slash[1])
		name = slash + 1;
	return xstrndup(name, strlen(name) > 200 ? 200 : strlen(name));
}

/* Header columns with their fields and the first rows, raw. */
static void write_preview(struct jsonw *w, const char *path, enum rec_kind kind,
                          const struct rec_opts *ro)
{
	struct recreader *rr = NULL;
	struct ferr err;
	ferr_clear(&err);
	if (recreader_open(path, kind, ro, &rr, &err) != 0) {
		jsonw_key(w, "columns");
		jsonw_arr(w);
		jsonw_end_arr(w);
		jsonw_key(w, "preview");
		jsonw_arr(w);
		jsonw_end_arr(w);
		return;
	}
	const struct row *hd = recreader_header(rr);
	jsonw_key(w, "columns");
	jsonw_arr(w);
	for (int i = 0; hd && i < hd->nf; i++) {
		jsonw_obj(w);
		jsonw_kstr(w, "header", hd->f[i].p);
		jsonw_kstr(w, "field", recreader_column_field(rr, i));
		jsonw_end_obj(w);
	}
	jsonw_end_arr(w);
	jsonw_key(w, "preview");
	jsonw_arr(w);
	struct rec rec;
	for (int n = 0; n < PREVIEW_ROWS;) {
		int r = recreader_next(rr, &rec, &err);
		if (r <= 0)
			break;
		const struct row *raw = recreader_raw(rr);
		if (!raw)
			continue;
		jsonw_obj(w);
		jsonw_kint(w, "line", raw->line);
		jsonw_key(w, "rejected");
		jsonw_bool(w, r == 2);
		jsonw_key(w, "cells");
		jsonw_arr(w);
		for (int i = 0; i < raw->nf; i++)
			jsonw_str(w, raw->f[i].p);
		jsonw_end_arr(w);
		jsonw_end_obj(w);
		n++;
	}
	jsonw_end_arr(w);
	recreader_close(rr);
}

void importapi_upload(struct web_ctx *c)
{
	const char *kind_s = web_arg(c, "kind");
	enum rec_kind kind;
	if (!kind_s || rec_kind_parse(kind_s, &kind) != 0) {
		web_error(c, 400, "kind must be customers, orders, activities or sellers");
		return;
	}
	if (!c->rq->upload_file) {
		web_error(c, 400, "send the file as the request body");
		return;
	}
	char *name = display_name(web_arg(c, "name"));
	struct importer_opts o;
	memset(&o, 0, sizeof(o));
	o.rec.sheet = web_arg(c, "sheet");
	if (o.rec.sheet && !*o.rec.sheet)
		o.rec.sheet = NULL;
	o.rec.date_format = web_arg(c, "date_format");
	if (o.rec.date_format && !*o.rec.date_format)
		o.rec.date_format = NULL;
	o.skip_bad = flag(c, "skip_bad");
	o.replace = flag(c, "replace");
	o.dry_run = flag(c, "dry_run");
	o.display_name = name;
	struct importer_result res;
	int r = importer_run(c->db, kind, c->rq->upload_file, &o, &res);
	if (res.rejected_path)
		unlink(res.rejected_path); /* the web shows the rows instead */
	/* Messages name the file as the user knows it, not the spool file. */
	snprintf(res.fatal.file, sizeof(res.fatal.file), "%s", res.fatal.file[0] ? name : "");
	for (int i = 0; i < res.nerrors; i++)
		snprintf(res.errors[i].file, sizeof(res.errors[i].file), "%s", name);

	struct jsonw w;
	web_json_begin(c, &w);
	c->rs->status = r == 0 ? 200 : 422;
	jsonw_obj(&w);
	jsonw_key(&w, "ok");
	jsonw_bool(&w, r == 0);
	jsonw_key(&w, "dry_run");
	jsonw_bool(&w, o.dry_run);
	jsonw_kstr(&w, "kind", rec_kind_name(kind));
	jsonw_kstr(&w, "file", name);
	if (r < 0) {
		char buf[900];
		jsonw_kstr(&w, "error", ferr_str(&res.fatal, buf, sizeof(buf)));
	} else if (r == 1) {
		jsonw_kstr(&w, "error", "rows were rejected: nothing was stored");
	}
	jsonw_kstr(&w, "describe", res.describe);
	jsonw_kint(&w, "rows_read", res.rows_read);
	jsonw_kint(&w, "rows_rejected", res.rows_rejected);
	jsonw_kint(&w, "duplicate_of", res.duplicate_of);
	jsonw_key(&w, "errors");
	jsonw_arr(&w);
	for (int i = 0; i < res.nerrors; i++) {
		char buf[900];
		jsonw_obj(&w);
		jsonw_kint(&w, "line", res.errors[i].line);
		jsonw_kint(&w, "column", res.errors[i].col);
		jsonw_kstr(&w, "message", res.errors[i].msg);
		jsonw_kstr(&w, "text", ferr_str(&res.errors[i], buf, sizeof(buf)));
		jsonw_end_obj(&w);
	}
	jsonw_end_arr(&w);
	if (r == 0 && !o.dry_run) {
		web_audit(c, NULL, "import", AUDIT_IMPORT_FMT, rec_kind_name(kind), name,
		          res.counts.rows_stored, (long long)res.counts.batch_id);
		jsonw_key(&w, "summary");
		jsonw_obj(&w);
		jsonw_kint(&w, "batch_id", res.counts.batch_id);
		jsonw_kint(&w, "rows_stored", res.counts.rows_stored);
		jsonw_kint(&w, "customers_created", res.counts.customers_created);
		jsonw_kint(&w, "customers_updated", res.counts.customers_updated);
		jsonw_kint(&w, "customers_located", res.counts.customers_located);
		jsonw_kint(&w, "replaced_rows", res.counts.replaced_rows);
		jsonw_kmoney(&w, "amount_total", res.counts.amount_total);
		jsonw_end_obj(&w);
	}
	if (r >= 0)
		write_preview(&w, c->rq->upload_file, kind, &o.rec);
	jsonw_end_obj(&w);
	importer_result_free(&res);
	free(name);
}
