/* slots.c — see slots.h. A mutex around a counter: held for a few
 * instructions, never while the work runs. */
#include "web/slots.h"
#include "util/xmalloc.h"

#include <pthread.h>
#include <stdlib.h>

struct web_slots {
	pthread_mutex_t lock;
	int used, max;
};

struct web_slots *web_slots_new(int max)
{
	struct web_slots *s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->max = max >= 1 ? max : 1;
	return s;
}

void web_slots_free(struct web_slots *s)
{
	if (!s)
		return;
	pthread_mutex_destroy(&s->lock);
	free(s);
}

int web_slots_try(struct web_slots *s)
{
	pthread_mutex_lock(&s->lock);
	int ok = s->used < s->max;
	if (ok)
		s->used++;
	pthread_mutex_unlock(&s->lock);
	return ok;
}

void web_slots_release(struct web_slots *s)
{
	pthread_mutex_lock(&s->lock);
	if (s->used > 0)
		s->used--;
	pthread_mutex_unlock(&s->lock);
}
