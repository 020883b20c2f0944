/* importapi.c — the Import page's upload: POST /api/import?kind=K&name=FILE
 * with the file as the raw body (spooled to a temporary file by server.c,
 * capped at upload_max). With dry_run=1 it checks only and answers a
 * preview: what was detected, each header column with the fokus field it
 * maps to, the first rows, and the rejected rows with their line numbers;
 * without it the file is imported all-or-nothing by the same importer as
 * `fokus import` (importer.c). The page sends the same file twice: once to
 * check, once to confirm — no upload is kept between requests.
 *
 * Without kind (or kind=auto) the kind is told from the file's columns
 * (io/kind.h) and named in the answer. With progress=TOKEN (a string the
 * page makes up), GET /api/import/progress?token=TOKEN answers how far the
 * import has come while it runs, to the same user. */
#include "app/importer.h"
#include "io/kind.h"
#include "io/records.h"
#include "store/audit.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* --- progress of the imports running now --------------------------------
 * The one table this file shares between request threads (the upload's
 * thread writes, the polling threads read), guarded by prog_lock. */
#define PROG_SLOTS 64
#define PROG_TOKEN 48

struct prog_slot {
	int used;
	char user[64], token[PROG_TOKEN];
	long long done, total; /* bytes of the current pass */
	int pass;              /* 1: checking the columns' formats, 2: reading the rows */
	long long lines;       /* lines in the file (csv), -1 when unknown (xlsx) */
	int64_t started;       /* unix seconds */
};

static pthread_mutex_t prog_lock = PTHREAD_MUTEX_INITIALIZER;
static struct prog_slot prog[PROG_SLOTS];

struct prog_ref {
	int slot; /* -1: not tracked */
};

/* Lines in a csv file (about its rows), -1 for xlsx or when unreadable. */
static long long count_lines(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char buf[1 << 16];
	size_t n;
	long long lines = 0;
	int first = 1, last = '\n';
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (first && n >= 2 && buf[0] == 'P' && buf[1] == 'K') { /* a zip: xlsx */
			fclose(f);
			return -1;
		}
		first = 0;
		for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))); p++)
			lines++;
		last = buf[n - 1];
	}
	fclose(f);
	return lines + (last != '\n');
}

static int token_ok(const char *t)
{
	size_t n = t ? strlen(t) : 0;
	if (n < 8 || n >= PROG_TOKEN)
		return 0;
	for (; *t; t++)
		if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'z') ||
		      (*t >= 'A' && *t <= 'Z') || *t == '-' || *t == '_'))
			return 0;
	return 1;
}

/* Takes a slot for (user, token); the oldest is reused when all are taken. */
static void prog_begin(struct prog_ref *ref, const char *user, const char *token, long long lines,
                       int64_t now)
{
	ref->slot = -1;
	if (!token_ok(token))
		return;
	pthread_mutex_lock(&prog_lock);
	int k = 0;
	for (int i = 0; i < PROG_SLOTS; i++) {
		if (!prog[i].used) {
			k = i;
			break;
		}
		if (prog[i].started < prog[k].started)
			k = i;
	}
	memset(&prog[k], 0, sizeof(prog[k]));
	prog[k].used = 1;
	snprintf(prog[k].user, sizeof(prog[k].user), "%s", user);
	snprintf(prog[k].token, sizeof(prog[k].token), "%s", token);
	prog[k].pass = 1;
	prog[k].lines = lines;
	prog[k].started = now;
	ref->slot = k;
	pthread_mutex_unlock(&prog_lock);
}

/* The importer's progress callback: bytes done of total; done going back
 * starts the next pass. */
static void prog_update(void *arg, long long done, long long total)
{
	struct prog_ref *ref = arg;
	pthread_mutex_lock(&prog_lock);
	struct prog_slot *p = &prog[ref->slot];
	if (done < p->done)
		p->pass++;
	p->done = done;
	p->total = total;
	pthread_mutex_unlock(&prog_lock);
}

static void prog_end(struct prog_ref *ref)
{
	if (ref->slot < 0)
		return;
	pthread_mutex_lock(&prog_lock);
	prog[ref->slot].used = 0;
	pthread_mutex_unlock(&prog_lock);
}

/* GET /api/import/progress?token=T: {"running": true, "pass", "done",
 * "total" (bytes of this pass), "rows_estimate" (about how many rows the
 * file has, null for xlsx), "rows_done_estimate"} while the user's import
 * with that token runs; {"running": false} before and after. */
void importapi_progress(struct web_ctx *c)
{
	const char *token = web_arg(c, "token");
	if (!token_ok(token)) {
		web_error(c, 400, "give token (8 to 47 letters, digits, - or _)");
		return;
	}
	struct prog_slot copy = {0};
	pthread_mutex_lock(&prog_lock);
	for (int i = 0; i < PROG_SLOTS; i++)
		if (prog[i].used && !strcmp(prog[i].token, token) &&
		    !strcmp(prog[i].user, c->ses->user.name))
			copy = prog[i];
	pthread_mutex_unlock(&prog_lock);
	struct jsonw w;
	web_json_begin(c, &w);
	jsonw_obj(&w);
	jsonw_key(&w, "running");
	jsonw_bool(&w, copy.used);
	if (copy.used) {
		jsonw_kint(&w, "pass", copy.pass);
		jsonw_kint(&w, "done", copy.done);
		jsonw_kint(&w, "total", copy.total);
		jsonw_key(&w, "rows_estimate");
		long long rows = copy.lines > 0 ? copy.lines - 1 : -1; /* less the header */
		if (rows >= 0)
			jsonw_int(&w, rows);
		else
			jsonw_null(&w);
		jsonw_key(&w, "rows_done_estimate");
		if (rows >= 0 && copy.total > 0)
			jsonw_int(
			    &w, (long long)((double)rows * (double)copy.done / (double)copy.total));
		else
			jsonw_null(&w);
	}
	jsonw_end_obj(&w);
}

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

/* The kinds' scores as {"customers": 12, ...} (-1: a needed column is missing). */
static void write_scores(struct jsonw *w, const struct kind_guess *g)
{
	jsonw_key(w, "kind_scores");
	jsonw_obj(w);
	for (int k = 0; k < REC_KIND_COUNT; k++)
		jsonw_kint(w, rec_kind_name((enum rec_kind)k), g->score[k]);
	jsonw_end_obj(w);
}

/* 422: no kind fits the columns; the page then asks which it is. */
static void undetected(struct web_ctx *c, const char *name, const struct kind_guess *g,
                       const struct ferr *err)
{
	struct jsonw w;
	char buf[900];
	web_json_begin(c, &w);
	c->rs->status = 422;
	jsonw_obj(&w);
	jsonw_key(&w, "ok");
	jsonw_bool(&w, 0);
	jsonw_key(&w, "kind");
	jsonw_null(&w);
	jsonw_key(&w, "kind_detected");
	jsonw_bool(&w, 0);
	jsonw_kstr(&w, "file", name);
	jsonw_kstr(&w, "error",
	           err ? ferr_str(err, buf, sizeof(buf))
	               : "the columns do not tell what the file holds: choose the kind");
	if (!err)
		write_scores(&w, g);
	jsonw_end_obj(&w);
}

void importapi_upload(struct web_ctx *c)
{
	const char *kind_s = web_arg(c, "kind");
	enum rec_kind kind;
	int detect = !kind_s || !*kind_s || !strcmp(kind_s, "auto");
	if (!detect && rec_kind_parse(kind_s, &kind) != 0) {
		web_error(c, 400, "kind must be auto, customers, orders, activities or sellers");
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
	struct kind_guess guess;
	memset(&guess, 0, sizeof(guess));
	if (detect) {
		struct ferr kerr;
		ferr_clear(&kerr);
		int kr = kind_detect(c->rq->upload_file, o.rec.sheet, &guess, &kerr);
		if (kr != 0 || !guess.found) {
			snprintf(kerr.file, sizeof(kerr.file), "%s", kerr.file[0] ? name : "");
			undetected(c, name, &guess, kr != 0 ? &kerr : NULL);
			free(name);
			return;
		}
		kind = guess.kind;
	}
	struct prog_ref pref = {-1};
	prog_begin(&pref, c->ses->user.name, web_arg(c, "progress"),
	           web_arg(c, "progress") ? count_lines(c->rq->upload_file) : -1, c->rq->now);
	if (pref.slot >= 0) {
		o.progress = prog_update;
		o.progress_arg = &pref;
	}
	o.rec.date_format = web_arg(c, "date_format");
	if (o.rec.date_format && !*o.rec.date_format)
		o.rec.date_format = NULL;
	o.skip_bad = flag(c, "skip_bad");
	o.replace = flag(c, "replace");
	o.dry_run = flag(c, "dry_run");
	o.display_name = name;
	struct importer_result res;
	int r = importer_run(c->db, kind, c->rq->upload_file, &o, &res);
	prog_end(&pref);
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
	jsonw_key(&w, "kind_detected");
	jsonw_bool(&w, detect);
	if (detect)
		write_scores(&w, &guess);
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
		jsonw_kint(&w, "customers_updated", res.counts.updated);
		jsonw_kint(&w, "customers_located", res.counts.located);
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
