/* importer.h — the whole import job, shared by `fokus import`, the web
 * Import page and `fokus demo`: read a file of a kind (io/records), check
 * it, store it all-or-nothing (store/import), and report what happened. */
#ifndef FOKUS_IMPORTER_H
#define FOKUS_IMPORTER_H
#include <stdint.h>

#include "io/records.h"
#include "store/import.h"
#include "util/error.h"

struct sqlite3;

#define IMPORTER_MAX_ERRORS 20 /* rejected rows kept with their reason */

struct importer_opts {
	struct rec_opts rec;
	int skip_bad;           /* store good rows; write rejected ones to rejected_path */
	/* skip_bad: the file for the rejected rows (--rejected); NULL: FILE.rejected.csv
	 * beside the input, or in the current directory when that folder cannot be
	 * written */
	const char *rejected;
	int replace;            /* orders/activities: replace every earlier row of the kind */
	int allow_duplicate;    /* do not refuse a file whose content was imported before */
	int dry_run;            /* check only: read and validate, store nothing */
	const char *display_name; /* name recorded in the batch (default: path) */
	/* Called now and then with bytes done/total (may be NULL). */
	void (*progress)(void *arg, long long done, long long total);
	void *progress_arg;
};

struct importer_result {
	int ok;                   /* 1 when stored (or, dry_run, when it would be) */
	int dry_run;              /* the run stored nothing on purpose */
	struct ferr fatal;        /* when !ok and not because of bad rows: the one sentence */
	long long rows_read;      /* data rows (not the header) */
	long long rows_rejected;
	struct ferr errors[IMPORTER_MAX_ERRORS]; /* the first rejected rows */
	int nerrors;
	struct import_counts counts; /* valid when ok && !dry_run */
	int64_t dry_amount_total;    /* orders: amount of the good rows (also in dry runs) */
	int32_t dry_date_min, dry_date_max;
	char *describe;           /* what was detected (caller frees via importer_result_free) */
	char *rejected_path;      /* skip_bad with rejected rows: where they went */
	int rejected_moved;       /* ... in the current folder: the input's could not be written */
	int64_t duplicate_of;     /* refused as a duplicate of this batch (0 if not) */
};

/* Runs the import. Returns 0 when the file was stored (or dry_run passed), 1
 * when rows were rejected and nothing was stored, -1 on a fatal error
 * (res->fatal). res is filled in every case; free with importer_result_free. */
int importer_run(struct sqlite3 *db, enum rec_kind kind, const char *path,
		 const struct importer_opts *opts, struct importer_result *res);
void importer_result_free(struct importer_result *res);

/* The summary as a JSON object text (caller frees): rows_read, rows_stored,
 * rows_rejected, customers_created, amount_total, date_min, date_max, ... */
char *importer_result_json(const struct importer_result *res, enum rec_kind kind, const char *path);

#endif
