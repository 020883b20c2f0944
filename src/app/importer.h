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

#define IMPORTER_MAX_ERRORS 20  /* rejected rows kept with their reason */
#define IMPORTER_MAX_UNKNOWN 50 /* distinct unknown values counted */

/* A --map-value entry: what `value` (as written) of `field` means; code -1
 * removes the workspace's entry. */
struct importer_valmap {
	enum vocab_field field;
	const char *value;
	int code;
};

/* Values of an activity type or role column that are not known, one entry
 * per value with the rows that had it (reported once, not once per row). */
struct importer_unknown {
	enum vocab_field field;
	char *value, *header;
	long long rows;
	long first_line;
};

struct importer_opts {
	struct rec_opts rec;
	int skip_bad; /* store good rows; write rejected ones to rejected_path */
	/* skip_bad: the file for the rejected rows (--rejected); NULL: FILE.rejected.csv
	 * beside the input, or in the current directory when that folder cannot be
	 * written */
	const char *rejected;
	int replace;              /* orders/activities: replace every earlier row of the kind */
	int allow_duplicate;      /* do not refuse a file whose content was imported before */
	int dry_run;              /* check only: read and validate, store nothing */
	const char *display_name; /* name recorded in the batch (default: path) */
	/* --map-value: kept in the workspace (unless dry_run) and used with what
	 * it kept before */
	const struct importer_valmap *map_values;
	int nmap_values;
	/* Called now and then with bytes done/total (may be NULL). */
	void (*progress)(void *arg, long long done, long long total);
	void *progress_arg;
};

struct importer_result {
	int ok;              /* 1 when stored (or, dry_run, when it would be) */
	int dry_run;         /* the run stored nothing on purpose */
	struct ferr fatal;   /* when !ok and not because of bad rows: the one sentence */
	long long rows_read; /* data rows (not the header) */
	long long rows_rejected;
	/* the first rejected rows; then one entry per unknown value (below), the
	 * last nerrors_unknown of them */
	struct ferr errors[IMPORTER_MAX_ERRORS];
	int nerrors, nerrors_unknown;
	/* rows rejected for an unknown activity type or role, by value (not in
	 * errors[]); unknown_more: rows with further values past the table */
	struct importer_unknown unknown[IMPORTER_MAX_UNKNOWN];
	int nunknown;
	long long unknown_more;
	/* totals rows ("Summa", or the sum of the rows above) left out, not read
	 * as data (io/records.h): how many, and the first ones */
	long long rows_totals;
	struct rec_total totals[REC_TOTALS_KEPT];
	int ntotals;
	struct import_counts counts; /* valid when ok && !dry_run */
	int64_t dry_amount_total;    /* orders: amount of the good rows (also in dry runs) */
	int32_t dry_date_min, dry_date_max;
	char *describe;       /* what was detected (caller frees via importer_result_free) */
	char *rejected_path;  /* skip_bad with rejected rows: where they went */
	int rejected_moved;   /* ... in the current folder: the input's could not be written */
	int64_t duplicate_of; /* refused as a duplicate of this batch (0 if not) */
};

/* Runs the import. Returns 0 when the file was stored (or dry_run passed), 1
 * when rows were rejected and nothing was stored, -1 on a fatal error
 * (res->fatal). res is filled in every case; free with importer_result_free. */
int importer_run(struct sqlite3 *db, enum rec_kind kind, const char *path,
                 const struct importer_opts *opts, struct importer_result *res);
void importer_result_free(struct importer_result *res);

/* Parses a --map-value argument, field="Value"=target (e.g.
 * type="Fysiskt möte"=visit; quotes optional, the last '=' ends the value;
 * an empty target removes the entry). Returns 0 with *out (out->value points
 * into arg, which it may modify), or -1 with *cause (caller frees). */
int importer_valmap_parse(char *arg, struct importer_valmap *out, char **cause);
/* One line telling an unknown value and the map that would read it, e.g.
 * `column "Typ": "Fysiskt möte" is not an activity type (visit, ...): 3 rows,
 * the first on line 2; map it once with --map-value type="Fysiskt möte"=visit`.
 * Caller frees. */
char *importer_unknown_str(const struct importer_unknown *u);

/* The summary as a JSON object text (caller frees): rows_read, rows_stored,
 * rows_rejected, customers_created, amount_total, date_min, date_max, ... */
char *importer_result_json(const struct importer_result *res, enum rec_kind kind, const char *path);

#endif
