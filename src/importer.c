/* importer.c — one import job from file to workspace. The file is read
 * once (after the reader's own inference pass); each record goes into the
 * open transaction; a bad row stops the storing but not the reading, so the
 * user sees every rejected row's line at once, and nothing is stored unless
 * --skip-bad. A file whose content was imported before (same SHA-256, same
 * kind) is refused for orders and activities: they are appended, and twice
 * would double the revenue. Orders are read in a second thread while this
 * one stores them (store_piped). */
#include "importer.h"
#include "render/csvw.h"
#include "store/db.h"
#include "util/days.h"
#include "util/filehash.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void note_error(struct importer_result *res, const struct ferr *e)
{
	res->rows_rejected++;
	if (res->nerrors < IMPORTER_MAX_ERRORS)
		res->errors[res->nerrors++] = *e;
}

static FILE *open_rejected(const char *path, const struct row *header, char **out_path)
{
	char *p = xasprintf("%s.rejected.csv", path);
	FILE *f = fopen(p, "w");
	if (!f) {
		free(p);
		return NULL;
	}
	fputs("line,reason", f);
	for (int i = 0; i < header->nf; i++) {
		fputc(',', f);
		csvw_field(f, header->f[i].p);
	}
	fputc('\n', f);
	*out_path = p;
	return f;
}

static void write_rejected(FILE *f, const struct row *raw, const struct ferr *e)
{
	fprintf(f, "%ld,", e->line);
	csvw_field(f, e->msg);
	for (int i = 0; raw && i < raw->nf; i++) {
		fputc(',', f);
		csvw_field(f, raw->f[i].p);
	}
	fputc('\n', f);
}

static void note_dry(struct importer_result *res, const struct rec *r)
{
	int32_t day = DAYS_NONE;
	if (r->kind == REC_ORDERS) {
		res->dry_amount_total += r->u.o.amount;
		day = r->u.o.day;
	} else if (r->kind == REC_ACTIVITIES) {
		day = r->u.a.day;
	}
	if (day == DAYS_NONE)
		return;
	if (res->dry_date_min == DAYS_NONE || day < res->dry_date_min)
		res->dry_date_min = day;
	if (res->dry_date_max == DAYS_NONE || day > res->dry_date_max)
		res->dry_date_max = day;
}

static int check_file(const char *path, struct ferr *err)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		ferr_setpos(err, path, 0, 0, "cannot read the file: %s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		ferr_setpos(err, path, 0, 0, "is a folder, not a file");
		return -1;
	}
	return 0;
}

static int check_duplicate(struct sqlite3 *db, enum rec_kind kind, const char *path,
			   const char *sha, struct importer_result *res)
{
	int64_t bid;
	char *file = NULL, *when = NULL, *cause = NULL;
	int f = store_batch_find_sha(db, kind, sha, &bid, &file, &when, &cause);
	if (f < 0) {
		ferr_setpos(&res->fatal, path, 0, 0, "%s", cause);
		free(cause);
		return -1;
	}
	if (f == 1) {
		res->duplicate_of = bid;
		ferr_setpos(&res->fatal, path, 0, 0,
			    "this file was already imported as batch %lld (%s, %s); nothing was "
			    "stored — use --replace to replace all %s",
			    (long long)bid, file, when, rec_kind_name(kind));
		free(file);
		free(when);
		return -1;
	}
	return 0;
}

/* What the reading side needs, whichever thread reads. */
struct reading {
	const char *path;
	const struct importer_opts *opts;
	struct importer_result *res;
	struct recreader *rr;
	FILE *rej;
	int storing; /* records go to the workspace (not a dry run) */
};

/* Books one result of recreader_next: counts, progress, rejected rows.
 * Returns 1 when r is to be stored, 0 when not, -1 on a fatal error
 * (res->fatal set). e is cleared again after a rejected row. */
static int take(struct reading *g, int n, const struct rec *r, struct ferr *e, long long *tick)
{
	struct importer_result *res = g->res;
	const struct importer_opts *opts = g->opts;
	if (n < 0) {
		res->fatal = *e;
		return -1;
	}
	res->rows_read++;
	if (opts->progress && (++*tick & 0x3fff) == 0) {
		long long done, total;
		recreader_progress(g->rr, &done, &total);
		opts->progress(opts->progress_arg, done, total);
	}
	if (n == 2) {
		note_error(res, e);
		if (opts->skip_bad && !opts->dry_run) {
			if (!g->rej && !(g->rej = open_rejected(g->path, recreader_header(g->rr),
								&res->rejected_path))) {
				ferr_setpos(&res->fatal, g->path, 0, 0, "cannot write %s.rejected.csv: %s",
					    g->path, strerror(errno));
				return -1;
			}
			write_rejected(g->rej, recreader_raw(g->rr), e);
		}
		ferr_clear(e);
		return 0;
	}
	note_dry(res, r);
	if (res->rows_rejected && !opts->skip_bad)
		return 0; /* nothing will be stored: only keep checking */
	return g->storing;
}

/* ---- orders in two threads: one reads and checks the file, the other (the
 * caller's) stores, with a few batches of records between them. The reading
 * is about as much work as the storing, so the two overlap. ---- */

#define PIPE_RECS 4096 /* records per batch */
#define PIPE_BATCHES 4 /* batches in flight */

struct pbatch {
	struct rec *recs;
	int n;
	char *text; /* the records' strings */
	size_t len, cap;
};

struct pipe {
	struct reading *g;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct pbatch b[PIPE_BATCHES];
	int head, count; /* full batches: b[head], ... count of them */
	int done;        /* the reader has finished (see failed) */
	int failed;      /* the reader stopped on a fatal error (res->fatal) */
	int stop;        /* the storer failed: the reader should stop */
};

static size_t text_put(struct pbatch *b, const char *s)
{
	if (!s)
		return SIZE_MAX;
	size_t n = strlen(s) + 1;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->text = xrealloc(b->text, b->cap);
	}
	memcpy(b->text + b->len, s, n);
	b->len += n;
	return b->len - n;
}

/* Copies an order record into b, its strings as offsets into b->text
 * until pbatch_seal makes them pointers. */
static void pbatch_add(struct pbatch *b, const struct rec *r)
{
	struct rec *c = &b->recs[b->n++];
	*c = *r;
	c->u.o.order_id = (const char *)(uintptr_t)text_put(b, r->u.o.order_id);
	c->u.o.customer_id = (const char *)(uintptr_t)text_put(b, r->u.o.customer_id);
	c->u.o.seller_id = (const char *)(uintptr_t)text_put(b, r->u.o.seller_id);
}

static const char *sealed(const struct pbatch *b, const char *off)
{
	return (uintptr_t)off == SIZE_MAX ? NULL : b->text + (uintptr_t)off;
}

static void pbatch_seal(struct pbatch *b)
{
	for (int i = 0; i < b->n; i++) {
		struct rec_order *o = &b->recs[i].u.o;
		o->order_id = sealed(b, o->order_id);
		o->customer_id = sealed(b, o->customer_id);
		o->seller_id = sealed(b, o->seller_id);
	}
}

/* Hands the filling batch over (or waits for room); returns the next
 * batch to fill, or NULL when the storer asked to stop. */
static struct pbatch *pipe_push(struct pipe *p, struct pbatch *b)
{
	pbatch_seal(b);
	pthread_mutex_lock(&p->mu);
	p->count++;
	pthread_cond_broadcast(&p->cv);
	while (p->count == PIPE_BATCHES && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	struct pbatch *next = p->stop ? NULL : &p->b[(p->head + p->count) % PIPE_BATCHES];
	pthread_mutex_unlock(&p->mu);
	if (next) {
		next->n = 0;
		next->len = 0;
	}
	return next;
}

static void *reader_main(void *arg)
{
	struct pipe *p = arg;
	struct reading *g = p->g;
	struct rec r;
	struct ferr e;
	long long tick = 0;
	int failed = 0;
	struct pbatch *b = &p->b[0];
	ferr_clear(&e);
	for (;;) {
		int n = recreader_next(g->rr, &r, &e);
		if (n == 0)
			break;
		int k = take(g, n, &r, &e, &tick);
		if (k < 0) {
			failed = 1;
			break;
		}
		if (k == 1) {
			pbatch_add(b, &r);
			if (b->n == PIPE_RECS && !(b = pipe_push(p, b)))
				break;
		}
	}
	pthread_mutex_lock(&p->mu);
	if (b && b->n && !failed && !p->stop) {
		pthread_mutex_unlock(&p->mu);
		pbatch_seal(b);
		pthread_mutex_lock(&p->mu);
		p->count++;
	}
	p->done = 1;
	p->failed = failed;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Stores what the reader thread reads. Returns 0, or -1 with res->fatal
 * (the reader's error, or the store's as one sentence in *cause). */
static int store_piped(struct reading *g, struct store_import *im, char **cause)
{
	struct pipe p;
	memset(&p, 0, sizeof(p));
	p.g = g;
	for (int i = 0; i < PIPE_BATCHES; i++)
		p.b[i].recs = xreallocarray(NULL, PIPE_RECS, sizeof(struct rec));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	pthread_t t;
	int rc = 0;
	if (pthread_create(&t, NULL, reader_main, &p) != 0) {
		*cause = xstrdup("cannot start a thread");
		rc = -1;
		goto out;
	}
	for (;;) {
		pthread_mutex_lock(&p.mu);
		while (!p.count && !p.done)
			pthread_cond_wait(&p.cv, &p.mu);
		if (!p.count) { /* done, and nothing left */
			pthread_mutex_unlock(&p.mu);
			break;
		}
		struct pbatch *b = &p.b[p.head];
		pthread_mutex_unlock(&p.mu);
		if (rc == 0 && store_import_add_many(im, b->recs, b->n, cause) != 0)
			rc = -1;
		pthread_mutex_lock(&p.mu);
		p.head = (p.head + 1) % PIPE_BATCHES;
		p.count--;
		if (rc != 0)
			p.stop = 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	pthread_join(t, NULL);
	if (p.failed)
		rc = -2;
out:
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	for (int i = 0; i < PIPE_BATCHES; i++) {
		free(p.b[i].recs);
		free(p.b[i].text);
	}
	return rc;
}

/* Reads every record in this thread, storing as it goes. 0, -1 with
 * *cause (store), -2 (res->fatal set by take). */
static int store_inline(struct reading *g, struct store_import *im, char **cause)
{
	struct rec r;
	struct ferr e;
	long long tick = 0;
	ferr_clear(&e);
	for (;;) {
		int n = recreader_next(g->rr, &r, &e);
		if (n == 0)
			return 0;
		int k = take(g, n, &r, &e, &tick);
		if (k < 0)
			return -2;
		if (k == 1 && store_import_add(im, &r, cause) != 0)
			return -1;
	}
}

struct hashjob {
	const char *path;
	char *hex; /* 65 bytes */
	int rc, err;
};

static void *hash_main(void *arg)
{
	struct hashjob *j = arg;
	j->rc = filehash_sha256(j->path, j->hex);
	j->err = errno;
	return NULL;
}

int importer_run(struct sqlite3 *db, enum rec_kind kind, const char *path,
		 const struct importer_opts *opts, struct importer_result *res)
{
	struct store_import *im = NULL;
	struct reading g = {.path = path, .opts = opts, .res = res};
	char *cause = NULL;
	char sha[65] = "";
	int rc = -1;
	memset(res, 0, sizeof(*res));
	res->dry_run = opts->dry_run;
	res->dry_date_min = res->dry_date_max = DAYS_NONE;

	if (check_file(path, &res->fatal) != 0)
		return -1;
	/* The content hash is taken in a second thread while the reader makes
	 * its first pass (deciding number and date formats; it reads the whole
	 * file and reports progress too). A duplicate is refused before any
	 * other complaint about the file, as when the hash came first. */
	struct hashjob hj = {.path = path, .hex = sha};
	pthread_t ht;
	int threaded = pthread_create(&ht, NULL, hash_main, &hj) == 0;
	if (!threaded)
		hash_main(&hj);
	struct rec_opts ro = opts->rec;
	if (opts->progress && !ro.progress) {
		ro.progress = opts->progress;
		ro.progress_ctx = opts->progress_arg;
	}
	struct ferr open_err;
	ferr_clear(&open_err);
	int opened = recreader_open(path, kind, &ro, &g.rr, &open_err) == 0;
	if (threaded)
		pthread_join(ht, NULL);
	if (hj.rc != 0) {
		ferr_setpos(&res->fatal, path, 0, 0, "cannot read the file: %s", strerror(hj.err));
		goto out;
	}
	if ((kind == REC_ORDERS || kind == REC_ACTIVITIES) && !opts->replace &&
	    !opts->allow_duplicate && db && check_duplicate(db, kind, path, sha, res) != 0)
		goto out;
	if (!opened) {
		res->fatal = open_err;
		goto out;
	}
	res->describe = recreader_describe(g.rr);
	if (!opts->dry_run &&
	    store_import_begin(db, kind, opts->display_name ? opts->display_name : path, sha,
			       opts->replace, &im, &cause) != 0) {
		ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
		goto out;
	}
	g.storing = im != NULL;
	int s = kind == REC_ORDERS && im ? store_piped(&g, im, &cause) : store_inline(&g, im, &cause);
	if (s == -1) {
		ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
		goto out;
	}
	if (s != 0)
		goto out;
	if (opts->progress) {
		long long done, total;
		recreader_progress(g.rr, &done, &total);
		opts->progress(opts->progress_arg, total, total);
	}
	if (res->rows_rejected && !opts->skip_bad) {
		rc = 1;
		goto out;
	}
	if (g.rej && fclose(g.rej) != 0) {
		g.rej = NULL;
		ferr_setpos(&res->fatal, path, 0, 0, "writing the rejected rows failed");
		goto out;
	}
	g.rej = NULL;
	if (im) {
		char *info = importer_result_json(res, kind, path);
		int c = store_import_commit(im, info, &res->counts, &cause);
		im = NULL;
		free(info);
		if (c != 0) {
			ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
			goto out;
		}
	}
	res->ok = 1;
	rc = 0;
out:
	if (g.rej)
		fclose(g.rej);
	store_import_abort(im);
	recreader_close(g.rr);
	free(cause);
	return rc;
}

void importer_result_free(struct importer_result *res)
{
	free(res->describe);
	free(res->rejected_path);
	res->describe = res->rejected_path = NULL;
}

static json_t *iso_or_null(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

char *importer_result_json(const struct importer_result *res, enum rec_kind kind, const char *path)
{
	int stored = res->ok && res->counts.batch_id;
	int64_t amount = stored ? res->counts.amount_total : res->dry_amount_total;
	int32_t dmin = stored ? res->counts.date_min : res->dry_date_min;
	int32_t dmax = stored ? res->counts.date_max : res->dry_date_max;
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(rec_kind_name(kind)));
	json_object_set_new(o, "file", json_string(path));
	json_object_set_new(o, "stored", json_boolean(res->ok && !res->dry_run));
	if (res->describe)
		json_object_set_new(o, "format", json_string(res->describe));
	json_object_set_new(o, "rows_read", json_integer(res->rows_read));
	json_object_set_new(o, "rows_stored", json_integer(res->ok ? res->counts.rows_stored : 0));
	json_object_set_new(o, "rows_rejected", json_integer(res->rows_rejected));
	json_object_set_new(o, "customers_created", json_integer(res->counts.customers_created));
	json_object_set_new(o, "updated", json_integer(res->counts.customers_updated));
	json_object_set_new(o, "located", json_integer(res->counts.customers_located));
	json_object_set_new(o, "replaced_rows", json_integer(res->counts.replaced_rows));
	json_object_set_new(o, "amount_total", json_real((double)amount / 100.0));
	json_object_set_new(o, "date_min", iso_or_null(dmin));
	json_object_set_new(o, "date_max", iso_or_null(dmax));
	if (res->counts.batch_id)
		json_object_set_new(o, "batch_id", json_integer(res->counts.batch_id));
	if (res->rejected_path)
		json_object_set_new(o, "rejected_file", json_string(res->rejected_path));
	json_t *errs = json_array();
	for (int i = 0; i < res->nerrors; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "line", json_integer(res->errors[i].line));
		json_object_set_new(e, "column", json_integer(res->errors[i].col));
		json_object_set_new(e, "message", json_string(res->errors[i].msg));
		json_array_append_new(errs, e);
	}
	json_object_set_new(o, "errors", errs);
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(o);
	return s;
}
