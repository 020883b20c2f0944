/* render/xlsxw.h — closing an xlsx workbook safely from any thread. */
#ifndef FOKUS_XLSXW_H
#define FOKUS_XLSXW_H

#include <xlsxwriter.h>

/* workbook_close(wb) under a process-wide lock: libxlsxwriter stamps the
 * workbook's creation time with gmtime(), which shares one static buffer
 * between threads, so two request threads writing xlsx exports at once
 * raced on it (found by the ThreadSanitizer test, issue 15). Returns what
 * workbook_close returns; wb is freed either way. */
lxw_error xlsxw_close(lxw_workbook *wb);

#endif
