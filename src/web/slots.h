/* web/slots.h — a counter of work running at once (password verifications,
 * heavy requests) that refuses rather than waits: a request that finds all
 * slots taken is answered 503 with Retry-After at once, so a burst cannot
 * pile up threads, memory or CPU behind a lock. */
#ifndef FOKUS_WEB_SLOTS_H
#define FOKUS_WEB_SLOTS_H

struct web_slots;

/* A counter of max slots (max >= 1). Free with web_slots_free (NULL-safe). */
struct web_slots *web_slots_new(int max);
void web_slots_free(struct web_slots *s);

/* Takes a slot: 1 when taken (give it back with web_slots_release), 0 when
 * all are in use. Thread-safe. */
int web_slots_try(struct web_slots *s);
void web_slots_release(struct web_slots *s);

#endif
