/* importer.c — one import job from file to workspace. The file is read
 * once (after the reader's own inference pass); each record goes into the
 * open transaction; a bad row stops the storing but not the reading, so the
 * user sees every rejected row's line at once, and nothing is stored unless
 * --skip-bad. A file whose content was imported before (same SHA-256, same
 * kind) is refused for orders and activities: they are appended, and twice
 * would double the revenue. Orders are read in other threads (two for a csv
 * file that can be cut in two) while this one stores them (store_piped). */
#include "app/importer.h"
#include "render/csvw.h"
#include "store/db.h"
#include "store/valuemap.h"
#include "util/idmap.h"
#include "util/days.h"
#include "util/filehash.h"
#include "util/strbuf.h"
#include "util/threads.h"
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

/* Counts `rows` rows with an unknown value (rows_rejected is counted by
 * the caller); the first line is kept where it is the earliest. */
static void note_unknown(struct importer_result *res, enum vocab_field f, const char *v, size_t n,
                         const char *header, long line, long long rows)
{
	for (int i = 0; i < res->nunknown; i++) {
		struct importer_unknown *u = &res->unknown[i];
		if (u->field == f && strlen(u->value) == n && !memcmp(u->value, v, n)) {
			u->rows += rows;
			if (line && (!u->first_line || line < u->first_line))
				u->first_line = line;
			return;
		}
	}
	if (res->nunknown == IMPORTER_MAX_UNKNOWN) {
		res->unknown_more += rows;
		return;
	}
	struct importer_unknown *u = &res->unknown[res->nunknown++];
	u->field = f;
	u->value = xstrndup(v, n);
	u->header = xstrdup(header);
	u->rows = rows;
	u->first_line = line;
}

int importer_valmap_parse(char *arg, struct importer_valmap *out, char **cause)
{
	char *eq = strchr(arg, '='), *last = strrchr(arg, '=');
	if (!eq || eq == last) {
		*cause = xasprintf("--map-value takes field=\"Value\"=code, e.g. "
		                   "--map-value type=\"Fysiskt möte\"=visit (not '%s')",
		                   arg);
		return -1;
	}
	*eq = *last = '\0';
	char *v = eq + 1, *target = last + 1;
	size_t n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		v++;
	}
	if (vocab_field_parse(arg, &out->field) != 0) {
		*cause = xasprintf("--map-value: '%s' has no value map; the fields are type "
		                   "(activities) and role (sellers)",
		                   arg);
		return -1;
	}
	if (!*v) {
		*cause = xstrdup("--map-value: the value to map is empty");
		return -1;
	}
	out->value = v;
	out->code = *target ? vocab_target(out->field, target) : -1;
	if (*target && out->code < 0) {
		*cause = xasprintf("--map-value %s: '%s' is not one of %s", arg, target,
		                   vocab_codes(out->field));
		return -1;
	}
	return 0;
}

char *importer_unknown_str(const struct importer_unknown *u)
{
	const char *code = vocab_suggest(u->field, u->value, strlen(u->value));
	return xasprintf("column \"%s\": \"%s\" is not %s (%s): %lld row%s, the first on line "
	                 "%ld; map it once with --map-value %s=\"%s\"=%s",
	                 u->header, u->value,
	                 u->field == VOCAB_TYPE ? "an activity type" : "a role",
	                 vocab_codes(u->field), u->rows, u->rows == 1 ? "" : "s", u->first_line,
	                 vocab_field_name(u->field), u->value, code);
}

/* Where the rejected rows go: `chosen` (--rejected) when given; else
 * FILE.rejected.csv beside the input, or, when that folder cannot be
 * written (read-only, not ours), NAME.rejected.csv in the current
 * directory. Opens it with its header line. Returns the stream and
 * *out_path (caller frees), or NULL with *why (caller frees) naming the
 * path(s) tried and the reason. */
static FILE *open_rejected(const char *input, const char *chosen, const struct row *header,
                           char **out_path, int *moved, char **why)
{
	char *p = chosen ? xstrdup(chosen) : xasprintf("%s.rejected.csv", input);
	FILE *f = fopen(p, "w");
	if (!f && !chosen) {
		const char *slash = strrchr(input, '/');
		char *here = xasprintf("%s.rejected.csv", slash ? slash + 1 : input);
		int e = errno;
		if (strcmp(here, p) != 0 && (f = fopen(here, "w")) != NULL) {
			free(p);
			p = here;
			*moved = 1;
		} else {
			*why = xasprintf(
			    "cannot write the rejected rows to %s (%s)%s%s%s", p, strerror(e),
			    strcmp(here, p) ? " nor to " : "", strcmp(here, p) ? here : "",
			    strcmp(here, p) ? "; name a file with --rejected PATH" : "");
			free(here);
			free(p);
			return NULL;
		}
	}
	if (!f) {
		*why = xasprintf("cannot write the rejected rows to %s: %s", p, strerror(errno));
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

/* What the reading side needs, whichever thread reads. A second reader
 * (the second half of a split csv file) books into its own result and
 * keeps its rejected rows aside, its line numbers counting from its cut;
 * merge_second adds them to the first's once the first half's length is
 * known. */
struct reading {
	const char *path;
	const struct importer_opts *opts;
	struct importer_result *res;
	struct recreader *rr;
	FILE *rej;
	int storing; /* records go to the workspace (not a dry run) */
	int second;
	int halves; /* 2: the other half of the file is read at the same time */
	/* second: rejected rows as text in rej (a temporary file) after their
	 * line numbers, which are in lines[] */
	long *lines;
	long *offs;
	size_t nlines, caplines;
};

/* A rejected row of the second reader, without its line number. */
static int reject_aside(struct reading *g, const struct row *raw, const struct ferr *e)
{
	if (!g->rej && !(g->rej = tmpfile()))
		return -1;
	if (g->nlines == g->caplines) {
		g->caplines = g->caplines ? g->caplines * 2 : 64;
		g->lines = xreallocarray(g->lines, g->caplines, sizeof(long));
		g->offs = xreallocarray(g->offs, g->caplines + 1, sizeof(long));
	}
	g->lines[g->nlines] = e->line;
	g->offs[g->nlines++] = ftell(g->rej);
	csvw_field(g->rej, e->msg);
	for (int i = 0; raw && i < raw->nf; i++) {
		fputc(',', g->rej);
		csvw_field(g->rej, raw->f[i].p);
	}
	fputc('\n', g->rej);
	return ferror(g->rej) ? -1 : 0;
}

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
	if (opts->progress && !g->second && (++*tick & 0x3fff) == 0) {
		long long done, total;
		recreader_progress(g->rr, &done, &total);
		done *= g->halves > 1 ? g->halves : 1; /* about both halves' bytes */
		opts->progress(opts->progress_arg, done < total ? done : total, total);
	}
	if (n == 2) {
		enum vocab_field vf;
		const char *uv, *uh;
		size_t un;
		if (recreader_unknown(g->rr, &vf, &uv, &un, &uh)) {
			res->rows_rejected++;
			note_unknown(res, vf, uv, un, uh, e->line, 1);
		} else {
			note_error(res, e);
		}
		if (opts->skip_bad && !opts->dry_run) {
			int bad;
			char *why = NULL;
			if (g->second) {
				bad = reject_aside(g, recreader_raw(g->rr), e);
			} else {
				bad = !g->rej &&
				      !(g->rej = open_rejected(
				            g->path, opts->rejected, recreader_header(g->rr),
				            &res->rejected_path, &res->rejected_moved, &why));
				if (!bad)
					write_rejected(g->rej, recreader_raw(g->rr), e);
			}
			if (bad) {
				if (why)
					ferr_setpos(&res->fatal, NULL, 0, 0, "%s.", why);
				else
					ferr_setpos(&res->fatal, NULL, 0, 0,
					            "cannot keep the rejected rows aside: %s.",
					            strerror(errno));
				free(why);
				return -1;
			}
		}
		ferr_clear(e);
		return 0;
	}
	note_dry(res, r);
	if (res->rows_rejected && !opts->skip_bad)
		return 0; /* nothing will be stored: only keep checking */
	return g->storing;
}

static void shift_line(struct ferr *e, long base)
{
	if (e->line)
		e->line += base;
}

/* Adds the second reader's counts, errors and rejected rows to the first's;
 * base: the physical lines before the cut. 0, or -1 (res->fatal set). */
static int merge_second(struct reading *a, struct reading *b, long base)
{
	struct importer_result *res = a->res, *rb = b->res;
	res->rows_read += rb->rows_read;
	res->rows_rejected += rb->rows_rejected;
	for (int i = 0; i < rb->nerrors; i++) {
		shift_line(&rb->errors[i], base);
		if (res->nerrors < IMPORTER_MAX_ERRORS)
			res->errors[res->nerrors++] = rb->errors[i];
	}
	for (int i = 0; i < rb->nunknown; i++) {
		struct importer_unknown *u = &rb->unknown[i];
		note_unknown(res, u->field, u->value, strlen(u->value), u->header,
		             u->first_line + base, u->rows);
	}
	res->unknown_more += rb->unknown_more;
	res->dry_amount_total += rb->dry_amount_total;
	if (rb->dry_date_min != DAYS_NONE &&
	    (res->dry_date_min == DAYS_NONE || rb->dry_date_min < res->dry_date_min))
		res->dry_date_min = rb->dry_date_min;
	if (rb->dry_date_max != DAYS_NONE &&
	    (res->dry_date_max == DAYS_NONE || rb->dry_date_max > res->dry_date_max))
		res->dry_date_max = rb->dry_date_max;
	if (!b->nlines)
		return 0;
	char *why = NULL;
	if (!a->rej && !(a->rej = open_rejected(a->path, a->opts->rejected, recreader_header(a->rr),
	                                        &res->rejected_path, &res->rejected_moved, &why))) {
		ferr_setpos(&res->fatal, NULL, 0, 0, "%s.", why);
		free(why);
		return -1;
	}
	b->offs[b->nlines] = ftell(b->rej);
	for (size_t i = 0; i < b->nlines; i++) {
		fprintf(a->rej, "%ld,", b->lines[i] + base);
		if (fseek(b->rej, b->offs[i], SEEK_SET) != 0)
			goto fail;
		for (long k = b->offs[i]; k < b->offs[i + 1]; k++) {
			int c = getc(b->rej);
			if (c == EOF)
				goto fail;
			putc(c, a->rej);
		}
	}
	return 0;
fail:
	ferr_setpos(&res->fatal, NULL, 0, 0, "cannot write the rejected rows to %s: %s",
	            res->rejected_path, strerror(errno));
	return -1;
}

/* ---- orders in threads: one (or, for a csv file cut in two, two) reads
 * and checks the file, the caller's stores, with a few batches of records
 * between them. The storing takes the batches of the two readers in turn,
 * so the customers get the same ids from one run to the next. ---- */

#define PIPE_RECS 2048 /* records per batch */
#define PIPE_BATCHES 3 /* batches in flight per reader */

struct pbatch {
	struct rec *recs;
	int n;
	char *text; /* the records' strings */
	size_t len, cap;
};

struct piping; /* what the pipes share */

struct pipe {
	struct reading *g;
	struct piping *s;
	struct pbatch b[PIPE_BATCHES];
	int head, count; /* full batches: b[head], ... count of them */
	int done;        /* the reader has finished (see failed) */
	int failed;      /* the reader stopped on a fatal error (its res->fatal) */
};

struct piping {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop; /* the storer or a reader failed: the readers should stop */
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

/* Copies a record (orders or activities) into b, its strings as offsets
 * into b->text until pbatch_seal makes them pointers. */
static void pbatch_add(struct pbatch *b, const struct rec *r)
{
	struct rec *c = &b->recs[b->n++];
	*c = *r;
	if (r->kind == REC_ORDERS) {
		c->u.o.order_id = (const char *)(uintptr_t)text_put(b, r->u.o.order_id);
		c->u.o.customer_id = (const char *)(uintptr_t)text_put(b, r->u.o.customer_id);
		c->u.o.seller_id = (const char *)(uintptr_t)text_put(b, r->u.o.seller_id);
	} else {
		c->u.a.customer_id = (const char *)(uintptr_t)text_put(b, r->u.a.customer_id);
		c->u.a.seller_id = (const char *)(uintptr_t)text_put(b, r->u.a.seller_id);
	}
}

static const char *sealed(const struct pbatch *b, const char *off)
{
	return (uintptr_t)off == SIZE_MAX ? NULL : b->text + (uintptr_t)off;
}

static void pbatch_seal(struct pbatch *b)
{
	for (int i = 0; i < b->n; i++) {
		struct rec *r = &b->recs[i];
		if (r->kind == REC_ORDERS) {
			r->u.o.order_id = sealed(b, r->u.o.order_id);
			r->u.o.customer_id = sealed(b, r->u.o.customer_id);
			r->u.o.seller_id = sealed(b, r->u.o.seller_id);
		} else {
			r->u.a.customer_id = sealed(b, r->u.a.customer_id);
			r->u.a.seller_id = sealed(b, r->u.a.seller_id);
		}
	}
}

/* Hands the filling batch over (or waits for room); returns the next
 * batch to fill, or NULL when the readers are to stop. */
static struct pbatch *pipe_push(struct pipe *p, struct pbatch *b)
{
	pbatch_seal(b);
	pthread_mutex_lock(&p->s->mu);
	p->count++;
	pthread_cond_broadcast(&p->s->cv);
	while (p->count == PIPE_BATCHES && !p->s->stop)
		pthread_cond_wait(&p->s->cv, &p->s->mu);
	struct pbatch *next = p->s->stop ? NULL : &p->b[(p->head + p->count) % PIPE_BATCHES];
	pthread_mutex_unlock(&p->s->mu);
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
	if (b && b->n && !failed)
		pbatch_seal(b);
	pthread_mutex_lock(&p->s->mu);
	if (b && b->n && !failed && !p->s->stop)
		p->count++;
	p->done = 1;
	p->failed = failed;
	if (failed)
		p->s->stop = 1;
	pthread_cond_broadcast(&p->s->cv);
	pthread_mutex_unlock(&p->s->mu);
	return NULL;
}

/* Stores what the reader threads (one per element of g[0..n)) read.
 * Returns 0; -1 with *cause (the store failed); -2 when a reader failed
 * (its res->fatal). */
static int store_piped(struct reading *g, int n, struct store_import *im, char **cause)
{
	struct piping sh;
	struct pipe p[2];
	pthread_t t[2];
	int started = 0, rc = 0;
	memset(p, 0, sizeof(p));
	pthread_mutex_init(&sh.mu, NULL);
	pthread_cond_init(&sh.cv, NULL);
	sh.stop = 0;
	for (int k = 0; k < n; k++) {
		p[k].g = &g[k];
		p[k].s = &sh;
		for (int i = 0; i < PIPE_BATCHES; i++)
			p[k].b[i].recs = xreallocarray(NULL, PIPE_RECS, sizeof(struct rec));
	}
	for (; started < n; started++)
		if (pthread_create(&t[started], NULL, reader_main, &p[started]) != 0)
			break;
	if (started < n) {
		*cause = xstrdup("cannot start a thread");
		rc = -1;
		pthread_mutex_lock(&sh.mu);
		sh.stop = 1;
		pthread_cond_broadcast(&sh.cv);
		pthread_mutex_unlock(&sh.mu);
	}
	/* In turn: a batch of the first reader, one of the second, ... */
	int drained[2] = {0, 0}, left = started, turn = 0;
	while (left > 0) {
		if (drained[turn]) {
			turn ^= 1;
			continue;
		}
		struct pipe *q = &p[turn];
		pthread_mutex_lock(&sh.mu);
		while (!q->count && !q->done)
			pthread_cond_wait(&sh.cv, &sh.mu);
		if (!q->count) { /* this reader is done and drained */
			pthread_mutex_unlock(&sh.mu);
			drained[turn] = 1;
			left--;
			if (started > 1)
				turn ^= 1;
			continue;
		}
		struct pbatch *b = &q->b[q->head];
		pthread_mutex_unlock(&sh.mu);
		if (rc == 0 && store_import_add_many(im, b->recs, b->n, cause) != 0)
			rc = -1;
		pthread_mutex_lock(&sh.mu);
		q->head = (q->head + 1) % PIPE_BATCHES;
		q->count--;
		if (rc != 0)
			sh.stop = 1;
		pthread_cond_broadcast(&sh.cv);
		pthread_mutex_unlock(&sh.mu);
		if (started > 1)
			turn ^= 1;
	}
	for (int k = 0; k < started; k++)
		pthread_join(t[k], NULL);
	for (int k = 0; k < n; k++)
		if (p[k].failed && rc == 0)
			rc = -2;
	pthread_mutex_destroy(&sh.mu);
	pthread_cond_destroy(&sh.cv);
	for (int k = 0; k < n; k++)
		for (int i = 0; i < PIPE_BATCHES; i++) {
			free(p[k].b[i].recs);
			free(p[k].b[i].text);
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

/* The customer IDs of an orders file, gathered by the first pass
 * (rec_opts.saw_customer): one map per half of a file read in two threads,
 * merged once both are read. A map that reaches the limit of idmap.h is
 * given up: the import then finds and creates customers line by line. */
#define SEEN_AHEAD 16 /* IDs whose slots are fetched while the others are put */
#define SEEN_KEY 48   /* longer IDs are put at once */
struct seen_half {
	struct idmap m;
	int n;
	uint64_t h[SEEN_AHEAD];
	size_t len[SEEN_AHEAD];
	char key[SEEN_AHEAD][SEEN_KEY];
	struct strbuf long_key; /* a longer ID, NUL-terminated */
};
struct seen_ids {
	struct seen_half half[2];
};

/* Puts the IDs waiting in h. Lookups are random over up to a million IDs:
 * each costs a trip to memory, so the slots of SEEN_AHEAD IDs are asked
 * for at once (prefetched as they come) and then visited. */
static void seen_flush(struct seen_half *h)
{
	for (int i = 0; i < h->n && !h->m.full; i++)
		idmap_put_h(&h->m, h->key[i], h->h[i], h->len[i], STORE_ID_SEEN);
	h->n = 0;
}

static void saw_customer(void *ctx, int half, const char *id, size_t len)
{
	struct seen_ids *s = ctx;
	if (!id) {
		for (int k = 0; k < 2; k++) {
			idmap_free(&s->half[k].m);
			memset(&s->half[k].m, 0, sizeof(s->half[k].m));
			s->half[k].n = 0;
		}
		return;
	}
	struct seen_half *h = &s->half[half];
	if (h->m.full)
		return;
	if (len >= SEEN_KEY) {
		strbuf_reset(&h->long_key);
		strbuf_append(&h->long_key, id, len);
		idmap_put(&h->m, strbuf_cstr(&h->long_key), STORE_ID_SEEN);
		return;
	}
	char *k = h->key[h->n];
	memcpy(k, id, len);
	k[len] = '\0';
	h->h[h->n] = idmap_hash(k, &h->len[h->n]);
	idmap_prefetch(&h->m, h->h[h->n]);
	if (++h->n == SEEN_AHEAD)
		seen_flush(h);
}

/* Both halves' IDs in one map, or NULL when given up. */
static struct idmap *seen_merged(struct seen_ids *s)
{
	seen_flush(&s->half[0]);
	seen_flush(&s->half[1]);
	struct idmap *a = &s->half[0].m, *b = &s->half[1].m;
	size_t pos = 0;
	char k[IDMAP_INL + 1];
	const char *key;
	int64_t v;
	while (!a->full && !b->full && idmap_next(b, &pos, k, &key, &v))
		idmap_put(a, key, STORE_ID_SEEN);
	int ok = !a->full && !b->full;
	idmap_free(b);
	memset(b, 0, sizeof(*b));
	if (ok)
		return a;
	idmap_free(a);
	memset(a, 0, sizeof(*a));
	return NULL;
}

static void seen_free(struct seen_ids *s)
{
	for (int k = 0; k < 2; k++) {
		idmap_free(&s->half[k].m);
		strbuf_free(&s->half[k].long_key);
	}
}

/* The unknown values, one entry each, appended to errors[] too (where
 * there is room): whoever shows errors[] (the dashboard) shows them. */
static void unknown_to_errors(struct importer_result *res, const char *path)
{
	for (int i = 0; i < res->nunknown && res->nerrors < IMPORTER_MAX_ERRORS; i++) {
		char *m = importer_unknown_str(&res->unknown[i]);
		ferr_setpos(&res->errors[res->nerrors++], path, res->unknown[i].first_line, 0, "%s",
		            m);
		res->nerrors_unknown++;
		free(m);
	}
}

/* Adds a reader's totals rows (their lines shifted by base) to res. */
static void note_totals(struct importer_result *res, const struct recreader *rr, long base)
{
	const struct rec_total *t;
	long n = recreader_totals(rr, &t);
	for (long i = 0; i < n && i < REC_TOTALS_KEPT && res->ntotals < REC_TOTALS_KEPT; i++) {
		res->totals[res->ntotals] = t[i];
		res->totals[res->ntotals++].line += base;
	}
	res->rows_totals += n;
}

/* The value map of this import: --map-value's entries (kept in the
 * workspace first, unless a dry run), then what the workspace kept. *out
 * is freed with store_valuemap_free. 0, or -1 with err. */
static int value_map(struct sqlite3 *db, const struct importer_opts *opts, struct vocab_map **out,
                     size_t *n, struct ferr *err)
{
	char *cause = NULL;
	struct vocab_map *kept = NULL;
	size_t nkept = 0;
	*out = NULL;
	*n = 0;
	for (int i = 0; db && !opts->dry_run && i < opts->nmap_values; i++) {
		const struct importer_valmap *m = &opts->map_values[i];
		if (store_valuemap_put(db, m->field, m->value, m->code, &cause) != 0)
			goto fail;
	}
	if (db && store_valuemap_load(db, &kept, &nkept, &cause) != 0)
		goto fail;
	*out = xreallocarray(NULL, (size_t)opts->nmap_values + nkept + 1, sizeof(**out));
	for (int i = 0; i < opts->nmap_values; i++) {
		const struct importer_valmap *m = &opts->map_values[i];
		if (m->code < 0)
			continue;
		char f[128];
		vocab_fold(m->value, strlen(m->value), f, sizeof(f));
		(*out)[(*n)++] = (struct vocab_map){m->field, xstrdup(f), m->code};
	}
	if (nkept)
		memcpy(*out + *n, kept, nkept * sizeof(*kept));
	*n += nkept;
	free(kept); /* its strings are *out's now */
	return 0;
fail:
	ferr_setpos(err, NULL, 0, 0, "%s", cause);
	free(cause);
	return -1;
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

/* The record reader's options for this import: the caller's, with the
 * value map, the first pass in two threads when there are two, the
 * customer IDs of an orders or activities file noted into *seen when they
 * will be stored, and the caller's progress callback. */
static struct rec_opts reading_opts(struct sqlite3 *db, enum rec_kind kind,
                                    const struct importer_opts *opts, const struct vocab_map *vmap,
                                    size_t nvmap, int threads, struct seen_ids *seen)
{
	struct rec_opts ro = opts->rec;
	ro.value_map = vmap;
	ro.nvalue_map = nvmap;
	ro.split_first_pass = threads > 1;
	if ((kind == REC_ORDERS || kind == REC_ACTIVITIES) && db && !opts->dry_run) {
		ro.saw_customer = saw_customer;
		ro.saw_customer_ctx = seen;
	}
	if (opts->progress && !ro.progress) {
		ro.progress = opts->progress;
		ro.progress_ctx = opts->progress_arg;
	}
	return ro;
}

/* Opens path into *rr (the reader's first pass) while a second thread
 * takes the file's content hash into sha. Returns 0; -1 with res->fatal
 * when the file cannot be read, is a duplicate of an earlier import
 * (refused before any other complaint about the file, as when the hash
 * came first) or cannot be opened as a file of kind. *rr, when set, is the
 * caller's to close either way. */
static int open_hashed(struct sqlite3 *db, enum rec_kind kind, const char *path,
                       const struct importer_opts *opts, const struct rec_opts *ro, char sha[65],
                       struct recreader **rr, struct importer_result *res)
{
	struct hashjob hj = {.path = path, .hex = sha};
	pthread_t ht;
	int threaded = pthread_create(&ht, NULL, hash_main, &hj) == 0;
	if (!threaded)
		hash_main(&hj);
	struct ferr open_err;
	ferr_clear(&open_err);
	int opened = recreader_open(path, kind, ro, rr, &open_err) == 0;
	if (threaded)
		pthread_join(ht, NULL);
	if (hj.rc != 0) {
		ferr_setpos(&res->fatal, path, 0, 0, "cannot read the file: %s", strerror(hj.err));
		return -1;
	}
	if ((kind == REC_ORDERS || kind == REC_ACTIVITIES) && !opts->replace &&
	    !opts->allow_duplicate && db && check_duplicate(db, kind, path, sha, res) != 0)
		return -1;
	if (!opened) {
		res->fatal = open_err;
		return -1;
	}
	return 0;
}

/* Reads and stores the file's records: an orders or activities file going
 * into the workspace by reader threads (a csv file that can be cut at a
 * line start by two, the second from the cut: g2 and res2 then hold its
 * reading), every other import in this thread. 0; -1 with *cause (the
 * store failed); -2 when reading failed (g->res->fatal). */
static int store_rows(enum rec_kind kind, struct reading *g, struct reading *g2,
                      struct importer_result *res2, int threads, struct store_import *im,
                      char **cause)
{
	struct importer_result *res = g->res;
	if (!im || (kind != REC_ORDERS && kind != REC_ACTIVITIES))
		return store_inline(g, im, cause);
	struct ferr split_err;
	ferr_clear(&split_err);
	int split = threads > 1 ? recreader_split(g->rr, &g2->rr, &split_err) : 0;
	if (split < 0) {
		res->fatal = split_err;
		return -2;
	}
	if (split == 1) {
		memset(res2, 0, sizeof(*res2));
		res2->dry_date_min = res2->dry_date_max = DAYS_NONE;
		g2->path = g->path;
		g2->opts = g->opts;
		g2->res = res2;
		g2->storing = 1;
		g2->second = 1;
	}
	g->halves = split == 1 ? 2 : 1;
	struct reading both[2] = {*g, *g2};
	int s = store_piped(both, split == 1 ? 2 : 1, im, cause);
	g->rej = both[0].rej; /* the readers opened these */
	*g2 = both[1];
	long base = recreader_line(g->rr) - 1;
	if (split == 1 && s == -2 && !res->fatal.msg[0]) {
		shift_line(&res2->fatal, base);
		res->fatal = res2->fatal;
	}
	if (split == 1 && s == 0 && merge_second(g, g2, base) != 0)
		s = -2;
	return s;
}

int importer_run(struct sqlite3 *db, enum rec_kind kind, const char *path,
                 const struct importer_opts *opts, struct importer_result *res)
{
	struct store_import *im = NULL;
	struct reading g = {.path = path, .opts = opts, .res = res};
	struct reading g2 = {0}; /* the second half, when the file is read in two */
	struct importer_result res2;
	char *cause = NULL;
	char sha[65] = "";
	int rc = -1;
	memset(res, 0, sizeof(*res));
	res->dry_run = opts->dry_run;
	res->dry_date_min = res->dry_date_max = DAYS_NONE;

	if (check_file(path, &res->fatal) != 0)
		return -1;
	struct vocab_map *vmap = NULL;
	size_t nvmap = 0;
	if (value_map(db, opts, &vmap, &nvmap, &res->fatal) != 0)
		return -1;
	int threads = threads_wanted();
	/* the ID maps' limit in slots (docs/import.md: for tests of files with
	 * more customers than the maps hold) */
	const char *slots = getenv("FOKUS_IDMAP_SLOTS");
	if (slots && *slots)
		idmap_set_limit((size_t)strtoull(slots, NULL, 10));
	struct seen_ids seen = {0};
	struct rec_opts ro = reading_opts(db, kind, opts, vmap, nvmap, threads, &seen);
	if (open_hashed(db, kind, path, opts, &ro, sha, &g.rr, res) != 0)
		goto out;
	res->describe = recreader_describe(g.rr);
	if (!opts->dry_run &&
	    store_import_begin(db, kind, opts->display_name ? opts->display_name : path, sha,
	                       opts->replace, ro.saw_customer ? seen_merged(&seen) : NULL, &im,
	                       &cause) != 0) {
		ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
		goto out;
	}
	if (im && store_import_expect(im, recreader_rows_seen(g.rr), &cause) != 0) {
		ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
		goto out;
	}
	g.storing = im != NULL;
	int s = store_rows(kind, &g, &g2, &res2, threads, im, &cause);
	if (s == -1) {
		ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
		goto out;
	}
	if (s != 0)
		goto out;
	note_totals(res, g.rr, 0);
	if (g2.rr)
		note_totals(res, g2.rr, recreader_line(g.rr) - 1);
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
	unknown_to_errors(res, path);
	if (g.rej)
		fclose(g.rej);
	if (g2.rej)
		fclose(g2.rej);
	free(g2.lines);
	free(g2.offs);
	seen_free(&seen);
	store_import_abort(im);
	recreader_close(g2.rr);
	recreader_close(g.rr);
	store_valuemap_free(vmap, nvmap);
	if (g2.res)
		for (int i = 0; i < res2.nunknown; i++) {
			free(res2.unknown[i].value);
			free(res2.unknown[i].header);
		}
	free(cause);
	return rc;
}

void importer_result_free(struct importer_result *res)
{
	for (int i = 0; i < res->nunknown; i++) {
		free(res->unknown[i].value);
		free(res->unknown[i].header);
	}
	res->nunknown = 0;
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
	json_object_set_new(o, "totals_rows", json_integer(res->rows_totals));
	if (res->ntotals) {
		json_t *t = json_array();
		for (int i = 0; i < res->ntotals; i++)
			json_array_append_new(t, json_pack("{s:I, s:s}", "line",
			                                   (json_int_t)res->totals[i].line, "text",
			                                   res->totals[i].text));
		json_object_set_new(o, "totals_rows_left_out", t);
	}
	json_object_set_new(o, "customers_created", json_integer(res->counts.customers_created));
	json_object_set_new(o, "updated", json_integer(res->counts.updated));
	json_object_set_new(o, "located", json_integer(res->counts.located));
	json_object_set_new(o, "replaced_rows", json_integer(res->counts.replaced_rows));
	json_object_set_new(o, "amount_total", json_real((double)amount / 100.0));
	json_object_set_new(o, "date_min", iso_or_null(dmin));
	json_object_set_new(o, "date_max", iso_or_null(dmax));
	if (res->counts.batch_id)
		json_object_set_new(o, "batch_id", json_integer(res->counts.batch_id));
	if (res->rejected_path) {
		json_object_set_new(o, "rejected_file", json_string(res->rejected_path));
		json_object_set_new(o, "rejected_file_moved", json_boolean(res->rejected_moved));
	}
	json_t *errs = json_array();
	for (int i = 0; i < res->nerrors; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "line", json_integer(res->errors[i].line));
		json_object_set_new(e, "column", json_integer(res->errors[i].col));
		json_object_set_new(e, "message", json_string(res->errors[i].msg));
		json_array_append_new(errs, e);
	}
	json_object_set_new(o, "errors", errs);
	json_t *unk = json_array();
	for (int i = 0; i < res->nunknown; i++) {
		const struct importer_unknown *u = &res->unknown[i];
		json_t *e = json_object();
		json_object_set_new(e, "field", json_string(vocab_field_name(u->field)));
		json_object_set_new(e, "column", json_string(u->header));
		json_object_set_new(e, "value", json_string(u->value));
		json_object_set_new(e, "rows", json_integer(u->rows));
		json_object_set_new(e, "first_line", json_integer(u->first_line));
		json_object_set_new(
		    e, "suggested_map",
		    json_sprintf("%s=\"%s\"=%s", vocab_field_name(u->field), u->value,
		                 vocab_suggest(u->field, u->value, strlen(u->value))));
		json_array_append_new(unk, e);
	}
	json_object_set_new(o, "unknown_values", unk);
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(o);
	return s;
}
