/* importer.c — one import job from file to workspace. The file is read
 * once (after the reader's own inference pass); each record goes into the
 * open transaction; a bad row stops the storing but not the reading, so the
 * user sees every rejected row's line at once, and nothing is stored unless
 * --skip-bad. A file whose content was imported before (same SHA-256, same
 * kind) is refused for orders and activities: they are appended, and twice
 * would double the revenue. */
#include "importer.h"
#include "render/csvw.h"
#include "store/db.h"
#include "util/days.h"
#include "util/filehash.h"
#include "util/xmalloc.h"

#include <errno.h>
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

int importer_run(struct sqlite3 *db, enum rec_kind kind, const char *path,
		 const struct importer_opts *opts, struct importer_result *res)
{
	struct recreader *rr = NULL;
	struct store_import *im = NULL;
	FILE *rej = NULL;
	char *cause = NULL;
	char sha[65] = "";
	int rc = -1;
	memset(res, 0, sizeof(*res));
	res->dry_run = opts->dry_run;
	res->dry_date_min = res->dry_date_max = DAYS_NONE;

	if (check_file(path, &res->fatal) != 0)
		return -1;
	if (filehash_sha256(path, sha) != 0) {
		ferr_setpos(&res->fatal, path, 0, 0, "cannot read the file: %s", strerror(errno));
		return -1;
	}
	if ((kind == REC_ORDERS || kind == REC_ACTIVITIES) && !opts->replace &&
	    !opts->allow_duplicate && db && check_duplicate(db, kind, path, sha, res) != 0)
		return -1;
	/* The reader's first pass (deciding number and date formats) reports
	 * progress too; it reads the whole file. */
	struct rec_opts ro = opts->rec;
	if (opts->progress && !ro.progress) {
		ro.progress = opts->progress;
		ro.progress_ctx = opts->progress_arg;
	}
	if (recreader_open(path, kind, &ro, &rr, &res->fatal) != 0)
		return -1;
	res->describe = recreader_describe(rr);
	if (!opts->dry_run &&
	    store_import_begin(db, kind, opts->display_name ? opts->display_name : path, sha,
			       opts->replace, &im, &cause) != 0) {
		ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
		goto out;
	}
	struct rec r;
	struct ferr e;
	long long tick = 0;
	for (;;) {
		ferr_clear(&e);
		int n = recreader_next(rr, &r, &e);
		if (n == 0)
			break;
		if (n < 0) {
			res->fatal = e;
			goto out;
		}
		res->rows_read++;
		if (opts->progress && (++tick & 0x3fff) == 0) {
			long long done, total;
			recreader_progress(rr, &done, &total);
			opts->progress(opts->progress_arg, done, total);
		}
		if (n == 2) {
			note_error(res, &e);
			if (opts->skip_bad && !opts->dry_run) {
				if (!rej && !(rej = open_rejected(path, recreader_header(rr), &res->rejected_path))) {
					ferr_setpos(&res->fatal, path, 0, 0,
						    "cannot write %s.rejected.csv: %s", path, strerror(errno));
					goto out;
				}
				write_rejected(rej, recreader_raw(rr), &e);
			}
			continue;
		}
		note_dry(res, &r);
		if (res->rows_rejected && !opts->skip_bad)
			continue; /* nothing will be stored: only keep checking */
		if (im && store_import_add(im, &r, &cause) != 0) {
			ferr_setpos(&res->fatal, NULL, 0, 0, "%s", cause);
			goto out;
		}
	}
	if (opts->progress) {
		long long done, total;
		recreader_progress(rr, &done, &total);
		opts->progress(opts->progress_arg, total, total);
	}
	if (res->rows_rejected && !opts->skip_bad) {
		rc = 1;
		goto out;
	}
	if (rej && fclose(rej) != 0) {
		rej = NULL;
		ferr_setpos(&res->fatal, path, 0, 0, "writing the rejected rows failed");
		goto out;
	}
	rej = NULL;
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
	if (rej)
		fclose(rej);
	store_import_abort(im);
	recreader_close(rr);
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
