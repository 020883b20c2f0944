/* reader.c — one interface over the csv reader (csv.c) and the xlsx reader
 * (xlsx.c). The format is decided from the first bytes (zip magic
 * PK\3\4) or the .xlsx/.xlsm extension; old binary .xls workbooks get a
 * sentence saying what to do instead. */
#include "io/reader.h"
#include "io/csv.h"
#include "io/xlsx.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct reader {
	struct csv *csv;
	struct xlsx *xlsx;
	char desc[192];
};

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), k = strlen(ext);
	return n > k && !strcasecmp(path + n - k, ext);
}

/* The first bytes of the file (up to 8); returns how many, or -1 with err. */
static int magic(const char *path, unsigned char m[8], struct ferr *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ferr_setpos(err, path, 0, 0, "cannot open the file: %s.", strerror(errno));
		return -1;
	}
	ssize_t k = read(fd, m, 8);
	close(fd);
	return k < 0 ? 0 : (int)k;
}

int reader_open(const char *path, const struct reader_opts *opts, struct reader **out,
                struct ferr *err)
{
	static const unsigned char zip[4] = {'P', 'K', 3, 4};
	static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	*out = NULL;
	unsigned char m[8] = {0};
	int k = magic(path, m, err);
	if (k < 0)
		return -1;
	struct reader *r = xcalloc(1, sizeof(*r));
	if (k == 8 && !memcmp(m, ole, 8)) {
		ferr_setpos(
		    err, path, 0, 0,
		    "this is an old binary Excel workbook (.xls); open it in Excel and save it "
		    "as .xlsx or csv, then import that.");
		goto fail;
	}
	if ((k >= 4 && !memcmp(m, zip, 4)) ||
	    (k > 0 && (has_ext(path, ".xlsx") || has_ext(path, ".xlsm")))) {
		if (xlsx_open(path, opts ? opts->sheet : NULL, &r->xlsx, err) < 0)
			goto fail;
		snprintf(r->desc, sizeof(r->desc), "xlsx, sheet %s", xlsx_sheet_name(r->xlsx));
	} else {
		struct csv_opts co = {.delimiter = opts ? opts->delimiter : 0, .block = 0};
		if (csv_open(path, &co, &r->csv, err) < 0)
			goto fail;
	}
	*out = r;
	return 0;
fail:
	reader_close(r);
	return -1;
}

int reader_next(struct reader *r, struct row *row, struct ferr *err)
{
	return r->xlsx ? xlsx_next(r->xlsx, row, err) : csv_next(r->csv, row, err);
}

int reader_rewind(struct reader *r, struct ferr *err)
{
	return r->xlsx ? xlsx_rewind(r->xlsx, err) : csv_rewind(r->csv, err);
}

/* reader_split and reader_split_ahead: the csv cut by split, wrapped. */
static int split_by(struct reader *r, struct reader **second, struct ferr *err,
                    int (*split)(struct csv *, struct csv **, struct ferr *))
{
	*second = NULL;
	if (r->xlsx)
		return 0;
	struct csv *c2;
	int rc = split(r->csv, &c2, err);
	if (rc != 1)
		return rc;
	*second = xcalloc(1, sizeof(**second));
	(*second)->csv = c2;
	return 1;
}

int reader_split(struct reader *r, struct reader **second, struct ferr *err)
{
	return split_by(r, second, err, csv_split);
}

int reader_split_ahead(struct reader *r, struct reader **second, struct ferr *err)
{
	return split_by(r, second, err, csv_split_ahead);
}

int reader_join_ahead(struct reader *r, struct reader *second)
{
	return r->xlsx ? 0 : csv_join_ahead(r->csv, second->csv);
}

long reader_line(const struct reader *r)
{
	return r->xlsx ? 0 : csv_line(r->csv);
}

const char *reader_describe(const struct reader *r)
{
	return r->xlsx ? r->desc : csv_describe(r->csv);
}

void reader_progress(const struct reader *r, long long *done, long long *total)
{
	if (r->xlsx)
		xlsx_progress(r->xlsx, done, total);
	else
		csv_progress(r->csv, done, total);
}

const char *reader_sheet_at(const struct reader *r, size_t i)
{
	return r->xlsx ? xlsx_sheet_at(r->xlsx, i) : NULL;
}

int reader_is_xlsx(const struct reader *r)
{
	return r->xlsx != NULL;
}

void reader_close(struct reader *r)
{
	if (!r)
		return;
	if (r->xlsx)
		xlsx_close(r->xlsx);
	csv_close(r->csv);
	free(r);
}
