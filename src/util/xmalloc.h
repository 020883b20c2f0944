/* xmalloc.h — allocation that never returns NULL: on out-of-memory the
 * program prints one line and exits with status 1. Callers never check. */
#ifndef FOKUS_XMALLOC_H
#define FOKUS_XMALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of nmemb elements of size bytes each, checking overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
