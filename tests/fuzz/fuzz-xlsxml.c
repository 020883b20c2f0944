/* fuzz-xlsxml.c — libFuzzer target for the XML side of src/io/xlsx.c. The
 * input is a list of workbook parts, each starting on a line "%%NAME"
 * (e.g. "%%xl/worksheets/sheet1.xml") followed by its content; the target
 * zips them (stored, valid CRCs) and reads the workbook, so the fuzzer
 * mutates XML rather than deflate streams. Seeds: tests/fuzz/corpus/xlsxml,
 * dictionary xlsxml.dict. */
#include <string.h>
#include <zip.h>

#include "fuzzutil.h"
#include "xlsx-drive.h"

/* Adds part name[0..nlen) with content to z. */
static void add_part(zip_t *z, const uint8_t *name, size_t nlen, const uint8_t *content,
                     size_t clen)
{
	char n[256];
	if (nlen == 0 || nlen >= sizeof(n) || memchr(name, 0, nlen))
		return;
	memcpy(n, name, nlen);
	n[nlen] = '\0';
	zip_source_t *src = zip_source_buffer(z, content, clen, 0);
	if (!src)
		return;
	zip_int64_t idx = zip_file_add(z, n, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return;
	}
	zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* Builds the zip in memory. Returns its bytes (caller frees) or NULL. */
static uint8_t *build_zip(const uint8_t *data, size_t size, size_t *outlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!buf)
		return NULL;
	zip_source_keep(buf);
	zip_t *z = zip_open_from_source(buf, ZIP_TRUNCATE, &ze);
	if (!z) {
		zip_source_free(buf);
		zip_source_free(buf);
		return NULL;
	}
	const uint8_t *end = data + size, *p = data;
	while (p + 2 <= end) {
		if (p[0] != '%' || p[1] != '%') { /* skip to the next "\n%%" */
			const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			continue;
		}
		const uint8_t *name = p + 2;
		const uint8_t *nl = memchr(name, '\n', (size_t)(end - name));
		if (!nl)
			break;
		const uint8_t *c = nl + 1, *q = c;
		while (q < end && !(q + 2 < end && q[0] == '\n' && q[1] == '%' && q[2] == '%'))
			q++;
		add_part(z, name, (size_t)(nl - name), c, (size_t)(q - c));
		p = q < end ? q + 1 : end;
	}
	uint8_t *out = NULL;
	if (zip_close(z) < 0) {
		zip_discard(z);
	} else if (zip_source_open(buf) == 0) {
		zip_stat_t st;
		if (zip_source_stat(buf, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
			out = malloc(st.size ? st.size : 1);
			zip_int64_t n = zip_source_read(buf, out, st.size);
			*outlen = n > 0 ? (size_t)n : 0;
		}
		zip_source_close(buf);
	}
	zip_source_free(buf);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t zlen = 0;
	uint8_t *zbytes = build_zip(data, size, &zlen);
	if (!zbytes)
		return 0;
	char path[64];
	int fd = fz_memfile(zbytes, zlen, path);
	free(zbytes);
	fz_drive_xlsx(path, NULL);
	fz_drive_xlsx(path, "Two");
	close(fd);
	return 0;
}
