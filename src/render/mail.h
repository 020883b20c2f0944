/* mail.h — e-mail messages as bytes (RFC 5322 with MIME, RFC 2045-2047):
 * UTF-8 text and HTML parts as multipart/alternative in quoted-printable,
 * non-ASCII headers as RFC 2047 encoded words, CRLF line ends; markdown to
 * HTML with cmark (CommonMark); {{field}} templates. Pure: no sockets, no
 * clock (the caller gives the date), no workspace. The sending is
 * app/mailer.c's. */
#ifndef FOKUS_MAIL_H
#define FOKUS_MAIL_H
#include <stddef.h>
#include <time.h>

#include "util/i18n.h"
#include "util/strbuf.h"

struct mail_header {
	const char *name, *value; /* value: printable ASCII (e.g. List-Unsubscribe) */
};

struct mail_msg {
	const char *from;       /* header From: "Name <addr>" or "addr" (checked by the caller) */
	const char *to;         /* a bare address */
	const char *reply_to;   /* or NULL */
	const char *subject;    /* UTF-8; CR and LF become spaces */
	const char *text;       /* the text/plain body, UTF-8, LF or CRLF line ends */
	const char *html;       /* the text/html body, or NULL for a text-only message */
	const char *message_id; /* "left@right" (without < >) */
	time_t date;            /* the Date header (UTC) */
	const struct mail_header *extra; /* more headers, or NULL */
	int nextra;
};

/* Appends the whole message to out. The multipart boundary is derived from
 * message_id (it starts with "=_", which quoted-printable text never
 * holds). */
void mail_build(const struct mail_msg *m, struct strbuf *out);

/* Appends s (n bytes) as quoted-printable: lines of at most 76 characters
 * with soft breaks, CRLF for every line end, "=" and non-ASCII bytes
 * encoded, spaces before a line end encoded, "From " at a line start
 * encoded. */
void mail_qp(struct strbuf *out, const char *s, size_t n);

/* Appends "Name: value" folded over lines, with value as RFC 2047 encoded
 * words (UTF-8, base64, whole characters in each) when it is not plain
 * ASCII, and CRLF. CR and LF in value become spaces. */
void mail_header(struct strbuf *out, const char *name, const char *value);

/* The RFC 5322 date of t (UTC), e.g. "Mon, 07 Dec 2026 19:08:17 +0000". */
void mail_date(time_t t, char buf[40]);

/* CommonMark markdown to an HTML fragment with cmark; raw HTML in the
 * markdown is left out and unsafe links (javascript: ...) are dropped.
 * Returns a fresh string the caller frees. */
char *mail_markdown_html(const char *md);

/* A whole HTML document around a fragment: the title (escaped), a readable
 * width, and a footer paragraph (escaped text; a link when footer_url is
 * not NULL). Caller frees. */
char *mail_html_page(const char *title, const char *fragment, const char *footer,
                     const char *footer_url, const char *footer_link_text, enum lang lang);

struct mail_field {
	const char *name;  /* "name" for {{name}} */
	const char *value; /* may be NULL: empty */
};

/* Replaces every {{ field }} in tpl (spaces inside the braces allowed) by
 * its value from fields; with md_escape the values are escaped for
 * markdown (a backslash before ASCII punctuation), so a customer named
 * "*Bygg* & Co" stays text. Returns 0 and *out (caller frees), or -1 with
 * *cause (caller frees) naming the first unknown field and line. */
int mail_fill(const char *tpl, const struct mail_field *fields, int nfields, int md_escape,
              char **out, char **cause);

#endif
