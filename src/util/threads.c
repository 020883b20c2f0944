/* threads.c — see threads.h. */
#include "util/threads.h"

#include <stdlib.h>
#include <unistd.h>

int threads_wanted(void)
{
	const char *e = getenv("FOKUS_THREADS");
	if (e && *e)
		return atoi(e) >= 2 ? 2 : 1;
	return sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
}
