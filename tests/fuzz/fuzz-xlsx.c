/* fuzz-xlsx.c — libFuzzer target for src/io/xlsx.c on raw file bytes: the
 * zip layer, damaged or truncated workbooks, not-a-workbook files. Seeds:
 * small real workbooks (tests/fuzz/corpus/xlsx). */
#include "fuzzutil.h"
#include "xlsx-drive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fz_memfile(data, size, path);
	fz_drive_xlsx(path, NULL);
	fz_drive_xlsx(path, "Two");
	close(fd);
	return 0;
}
