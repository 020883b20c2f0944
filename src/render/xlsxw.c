/* xlsxw.c — see xlsxw.h. The one lock is held only while a workbook is
 * written out (milliseconds for the exports fokus writes). */
#include "render/xlsxw.h"

#include <pthread.h>

static pthread_mutex_t close_lock = PTHREAD_MUTEX_INITIALIZER; /* guards gmtime in libxlsxwriter */

lxw_error xlsxw_close(lxw_workbook *wb)
{
	pthread_mutex_lock(&close_lock);
	lxw_error e = workbook_close(wb);
	pthread_mutex_unlock(&close_lock);
	return e;
}
