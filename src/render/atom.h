/* atom.h — Atom feeds (RFC 4287): a feed element with its entries, XML
 * escaped (characters XML 1.0 cannot carry are dropped), times as RFC 3339
 * UTC. Pure: the caller gives every id, title, time and link. */
#ifndef FOKUS_ATOM_H
#define FOKUS_ATOM_H
#include <time.h>

#include "util/strbuf.h"

struct atom_feed {
	const char *id; /* an IRI that never changes, e.g. "tag:fokus,2026:pulse/team" */
	const char *title;
	const char *updated;   /* RFC 3339 (atom_time) */
	const char *self;      /* the feed's own address, or NULL */
	const char *alternate; /* a page for people, or NULL */
	const char *base;      /* xml:base for relative links, or NULL */
	const char *lang;      /* xml:lang, e.g. "sv" */
	const char *author;    /* name */
	const char *generator; /* name of the program; version in generator_version */
	const char *generator_version;
};

struct atom_entry {
	const char *id, *title, *updated;
	const char *link;         /* alternate link, or NULL */
	const char *summary;      /* text, or NULL */
	const char *content_html; /* HTML, escaped into <content type="html">, or NULL */
};

/* "2026-12-07T00:00:00Z" */
void atom_time(time_t t, char buf[21]);
void atom_begin(struct strbuf *out, const struct atom_feed *f);
void atom_entry(struct strbuf *out, const struct atom_entry *e);
void atom_end(struct strbuf *out);

#endif
