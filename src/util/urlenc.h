/* urlenc.h — percent-encoding for a value in a URL's query. */
#ifndef FOKUS_URLENC_H
#define FOKUS_URLENC_H

/* s with every byte but A-Z a-z 0-9 - . _ ~ as %XX, in a fresh string the
 * caller frees. */
char *url_escape(const char *s);

#endif
