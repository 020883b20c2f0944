/* fuzz-csv.c — libFuzzer target for the csv reader (src/io/csv.c with
 * src/io/encoding.c). Input: one option byte, then the file. The option
 * byte picks the read block size (1, 2, 3, 7, 64, 4096 bytes or the
 * default, so that rows, quotes, CRLFs and multi-byte characters get cut
 * at every place) and the delimiter (detected, ',', ';' or tab). Checks:
 * every field is NUL-terminated at its length and valid UTF-8 whatever the
 * input's encoding; a second pass after csv_rewind gives the same rows. */
#include "fuzzutil.h"

#include "io/csv.h"
#include "io/encoding.h"

static const size_t blocks[8] = {1, 2, 3, 7, 64, 4096, 0, 5};
static const int delims[4] = {0, ',', ';', '\t'};

/* Reads every row; returns how many, and a checksum of their lengths. */
static long read_rows(struct csv *c, unsigned long *sum, int *rc)
{
	struct ferr err;
	struct row row;
	long rows = 0;
	*sum = 0;
	while ((*rc = csv_next(c, &row, &err)) == 1) {
		if (row.nf < 0 || row.line < 1)
			abort();
		for (int i = 0; i < row.nf; i++) {
			const struct field *f = &row.f[i];
			if (f->p[f->n] != '\0' ||
			    !encoding_utf8_valid((const unsigned char *)f->p, f->n))
				abort();
			*sum = *sum * 31 + f->n + (unsigned long)row.line;
		}
		rows++;
	}
	return rows;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct csv_opts opts = {.delimiter = delims[(data[0] >> 3) & 3],
	                        .block = blocks[data[0] & 7]};
	char path[64];
	int fd = fz_memfile(data + 1, size - 1, path);
	struct ferr err;
	struct csv *c;
	if (csv_open(path, &opts, &c, &err) == 0) {
		(void)csv_describe(c);
		(void)csv_delimiter(c);
		unsigned long sum1, sum2;
		int rc1, rc2;
		long n1 = read_rows(c, &sum1, &rc1);
		long long done, total;
		csv_progress(c, &done, &total);
		if (csv_rewind(c, &err) == 0) {
			long n2 = read_rows(c, &sum2, &rc2);
			if (n1 != n2 || sum1 != sum2 || rc1 != rc2)
				abort(); /* the second pass must see the same rows */
		}
		csv_close(c);
	}
	close(fd);
	return 0;
}
