/* mail.c — building e-mail messages (mail.h): headers with RFC 2047
 * encoded words, quoted-printable bodies, multipart/alternative, the
 * markdown of a newsletter through cmark, and {{field}} templates. */
#include "render/html.h"
#include "render/mail.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QP_LINE 76

void mail_qp(struct strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue; /* the LF that follows ends the line */
		if (c == '\n') {
			strbuf_puts(out, "\r\n");
			col = 0;
			continue;
		}
		int at_end = i + 1 == n || s[i + 1] == '\n' ||
		             (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n');
		int literal =
		    (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end);
		/* "From " at a line start is mangled by mbox; a lone "." by SMTP. */
		if (col == 0 &&
		    ((c == 'F' && n - i >= 5 && !memcmp(s + i, "From ", 5)) || (c == '.')))
			literal = 0;
		size_t w = literal ? 1 : 3;
		/* room for the soft break "=" at the end of the line */
		if (col + w > QP_LINE - 1 && !(at_end && col + w <= QP_LINE)) {
			strbuf_puts(out, "=\r\n");
			col = 0;
			if (c == '.' || (c == 'F' && n - i >= 5 && !memcmp(s + i, "From ", 5)))
				literal = 0, w = 3;
		}
		if (literal) {
			strbuf_putc(out, (char)c);
		} else {
			char e[3] = {'=', hex[c >> 4], hex[c & 15]};
			strbuf_append(out, e, 3);
		}
		col += w;
	}
}

static int plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < ' ')
			return 0;
	return 1;
}

/* A copy of s with CR, LF and tabs as spaces (no header injection). */
static char *one_line(const char *s)
{
	char *r = xstrdup(s ? s : "");
	for (char *p = r; *p; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	return r;
}

static void b64(struct strbuf *out, const unsigned char *s, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char q[4] = {tab[(v >> 18) & 63], tab[(v >> 12) & 63],
		             i + 1 < n ? tab[(v >> 6) & 63] : '=', i + 2 < n ? tab[v & 63] : '='};
		strbuf_append(out, q, 4);
	}
}

/* Encoded words of at most 39 bytes of text each (52 base64 characters, a
 * line of at most 76 with the header name), cut between UTF-8 characters. */
static void encoded_words(struct strbuf *out, const char *v)
{
	size_t n = strlen(v), i = 0;
	int first = 1;
	while (i < n) {
		size_t take = n - i < 39 ? n - i : 39;
		while (take > 0 && i + take < n && ((unsigned char)v[i + take] & 0xC0) == 0x80)
			take--;
		if (take == 0)
			take = 1;
		if (!first)
			strbuf_puts(out, "\r\n ");
		strbuf_puts(out, "=?UTF-8?B?");
		b64(out, (const unsigned char *)v + i, take);
		strbuf_puts(out, "?=");
		first = 0;
		i += take;
	}
}

void mail_header(struct strbuf *out, const char *name, const char *value)
{
	char *v = one_line(value);
	strbuf_printf(out, "%s: ", name);
	if (plain_ascii(v)) {
		/* fold at spaces to keep lines under 78 characters */
		size_t col = strlen(name) + 2;
		const char *p = v;
		while (*p) {
			const char *sp = strchr(p + 1, ' ');
			size_t w = sp ? (size_t)(sp - p) : strlen(p);
			if (col + w > 78 && col > strlen(name) + 2 && *p == ' ') {
				strbuf_puts(out, "\r\n");
				col = 0;
			}
			strbuf_append(out, p, w);
			col += w;
			p += w;
		}
	} else {
		encoded_words(out, v);
	}
	strbuf_puts(out, "\r\n");
	free(v);
}

/* From: with the display name quoted or encoded as needed. */
static void from_header(struct strbuf *out, const char *hname, const char *from)
{
	char *name = NULL, *addr = NULL;
	if (mailaddr_parse(from, &name, &addr) != 0) {
		mail_header(out, hname, from);
		return;
	}
	if (!name) {
		strbuf_printf(out, "%s: %s\r\n", hname, addr);
	} else if (plain_ascii(name)) {
		strbuf_printf(out, "%s: \"", hname);
		for (const char *p = name; *p; p++) {
			if (*p == '"' || *p == '\\')
				strbuf_putc(out, '\\');
			strbuf_putc(out, *p);
		}
		strbuf_printf(out, "\" <%s>\r\n", addr);
	} else {
		strbuf_printf(out, "%s: ", hname);
		encoded_words(out, name);
		strbuf_printf(out, " <%s>\r\n", addr);
	}
	free(name);
	free(addr);
}

void mail_date(time_t t, char buf[40])
{
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(buf, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000", wd[tm.tm_wday], tm.tm_mday,
	         mo[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The boundary: "=_fokus_" and a hash of the message id (FNV-1a). */
static void boundary(const char *id, char out[40])
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = id ? id : ""; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ull;
	}
	snprintf(out, 40, "=_fokus_%016llx", (unsigned long long)h);
}

static void part(struct strbuf *out, const char *type, const char *body)
{
	strbuf_printf(out,
	              "Content-Type: %s; charset=UTF-8\r\n"
	              "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
	              type);
	mail_qp(out, body ? body : "", body ? strlen(body) : 0);
	strbuf_puts(out, "\r\n");
}

void mail_build(const struct mail_msg *m, struct strbuf *out)
{
	char date[40], b[40];
	mail_date(m->date, date);
	from_header(out, "From", m->from);
	strbuf_printf(out, "To: %s\r\n", m->to);
	if (m->reply_to)
		from_header(out, "Reply-To", m->reply_to);
	mail_header(out, "Subject", m->subject);
	strbuf_printf(out, "Date: %s\r\nMessage-ID: <%s>\r\n", date, m->message_id);
	for (int i = 0; i < m->nextra; i++)
		mail_header(out, m->extra[i].name, m->extra[i].value);
	strbuf_puts(out, "MIME-Version: 1.0\r\n");
	if (!m->html) {
		part(out, "text/plain", m->text);
		return;
	}
	boundary(m->message_id, b);
	strbuf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", b);
	strbuf_puts(out, "This is a message in two forms, text and HTML.\r\n");
	strbuf_printf(out, "\r\n--%s\r\n", b);
	part(out, "text/plain", m->text);
	strbuf_printf(out, "\r\n--%s\r\n", b);
	part(out, "text/html", m->html);
	strbuf_printf(out, "\r\n--%s--\r\n", b);
}

char *mail_markdown_html(const char *md)
{
	const char *s = md ? md : "";
	char *h = cmark_markdown_to_html(s, strlen(s), CMARK_OPT_DEFAULT);
	char *r = xstrdup(h ? h : "");
	free(h);
	return r;
}

char *mail_html_page(const char *title, const char *fragment, const char *footer,
                     const char *footer_url, const char *footer_link_text, enum lang lang)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb,
	              "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<title>",
	              lang == LANG_SV ? "sv" : "en");
	html_esc_sb(&sb, title);
	strbuf_puts(&sb,
	            "</title>\n</head>\n<body style=\"margin:0;padding:16px;background:#f5f7f9;"
	            "color:#1d2733;font-family:Arial,Helvetica,sans-serif;line-height:1.5\">\n"
	            "<div style=\"max-width:640px;margin:0 auto;background:#ffffff;"
	            "padding:20px 24px;border-radius:8px\">\n");
	strbuf_puts(&sb, fragment ? fragment : "");
	if (footer || footer_url) {
		strbuf_puts(&sb, "<hr style=\"border:0;border-top:1px solid #dde2e8;margin:24px 0 "
		                 "12px\">\n<p style=\"font-size:12px;color:#677380\">");
		html_esc_sb(&sb, footer);
		if (footer_url) {
			strbuf_puts(&sb, footer ? " <a href=\"" : "<a href=\"");
			html_esc_sb(&sb, footer_url);
			strbuf_puts(&sb, "\" style=\"color:#677380\">");
			html_esc_sb(&sb, footer_link_text ? footer_link_text : footer_url);
			strbuf_puts(&sb, "</a>");
		}
		strbuf_puts(&sb, "</p>\n");
	}
	strbuf_puts(&sb, "</div>\n</body>\n</html>\n");
	return strbuf_detach(&sb);
}

static void md_escaped(struct strbuf *sb, const char *v)
{
	for (; v && *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (c < 0x80 && strchr("\\`*_{}[]()#+-.!<>&|~\"'=:;,/?@$%^", c) && c)
			strbuf_putc(sb, '\\');
		if (c == '\n' || c == '\r')
			c = ' ';
		strbuf_putc(sb, (char)c);
	}
}

int mail_fill(const char *tpl, const struct mail_field *fields, int nfields, int md_escape,
              char **out, char **cause)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = tpl ? tpl : "";
	int line = 1;
	*out = NULL;
	for (;;) {
		const char *open = strstr(p, "{{");
		const char *stop = open ? open : p + strlen(p);
		for (const char *q = p; q < stop; q++)
			line += *q == '\n';
		strbuf_append(&sb, p, (size_t)(stop - p));
		if (!open)
			break;
		const char *close = strstr(open + 2, "}}");
		const char *nl = strchr(open + 2, '\n');
		if (!close || (nl && nl < close)) {
			strbuf_free(&sb);
			*cause = xasprintf("line %d: '{{' without '}}'", line);
			return -1;
		}
		const char *a = open + 2, *b = close;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		int found = -1;
		for (int i = 0; i < nfields; i++)
			if (strlen(fields[i].name) == (size_t)(b - a) &&
			    !memcmp(fields[i].name, a, (size_t)(b - a)))
				found = i;
		if (found < 0) {
			struct strbuf known = STRBUF_INIT;
			for (int i = 0; i < nfields; i++)
				strbuf_printf(&known, "%s{{%s}}", i ? ", " : "", fields[i].name);
			*cause = xasprintf("line %d: unknown field {{%.*s}}; the fields are %s",
			                   line, (int)(b - a), a, strbuf_cstr(&known));
			strbuf_free(&known);
			strbuf_free(&sb);
			return -1;
		}
		if (md_escape)
			md_escaped(&sb, fields[found].value);
		else
			strbuf_puts(&sb, fields[found].value ? fields[found].value : "");
		p = close + 2;
	}
	*out = strbuf_detach(&sb);
	if (!*out)
		*out = xstrdup("");
	return 0;
}
