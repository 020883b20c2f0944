/* fuzz-records.c — libFuzzer target for the import layer on csv files:
 * src/io/records.c and records-open.c over reader.c/csv.c, with colmap.c (header names),
 * number.c and date.c (column-wide inference). Input: one option byte,
 * then the file. Option bits 0-1 pick the kind (customers, orders,
 * activities, sellers); bit 2 adds --date-format %m/%d/%Y; bit 3 adds a
 * --map override. Every record and rejected row is read; the describe
 * text, header and field mapping are fetched. Checks: no crash, leak or
 * UB; rejected rows carry a message. */
#include <string.h>

#include "fuzzutil.h"
#include "io/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const map[] = {"amount=Summa", "customer_id=Kund", NULL};
	struct rec_opts opts = {0};
	opts.date_format = (data[0] & 4) ? "%m/%d/%Y" : NULL;
	opts.map = (data[0] & 8) ? map : NULL;
	char path[64];
	int fd = fz_memfile(data + 1, size - 1, path);
	struct ferr err;
	struct recreader *rr;
	if (recreader_open(path, (enum rec_kind)(data[0] & 3), &opts, &rr, &err) == 0) {
		free(recreader_describe(rr));
		const struct row *h = recreader_header(rr);
		for (int i = 0; h && i < h->nf; i++)
			(void)recreader_column_field(rr, i);
		struct rec rec;
		int rc;
		long n = 0;
		while ((rc = recreader_next(rr, &rec, &err)) > 0 && n++ < 100000) {
			if (rc == 2 && !err.msg[0])
				abort(); /* a rejected row must say why */
			(void)recreader_raw(rr);
		}
		long long done, total;
		recreader_progress(rr, &done, &total);
		recreader_close(rr);
	}
	close(fd);
	return 0;
}
