/* atom.c — writing an Atom feed (atom.h). */
#include "render/atom.h"
#include "util/isotime.h"

#include <stdio.h>
#include <string.h>

void atom_time(time_t t, char buf[21])
{
	isotime_utc(t, buf);
}

/* Text or attribute value: & < > " escaped; C0 controls other than tab,
 * LF and CR (which XML 1.0 forbids) dropped. */
static void esc(struct strbuf *o, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '&':
			strbuf_puts(o, "&amp;");
			break;
		case '<':
			strbuf_puts(o, "&lt;");
			break;
		case '>':
			strbuf_puts(o, "&gt;");
			break;
		case '"':
			strbuf_puts(o, "&quot;");
			break;
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
				strbuf_putc(o, (char)*p);
		}
	}
}

static void elem(struct strbuf *o, const char *indent, const char *name, const char *text)
{
	if (!text)
		return;
	strbuf_printf(o, "%s<%s>", indent, name);
	esc(o, text);
	strbuf_printf(o, "</%s>\n", name);
}

static void link_el(struct strbuf *o, const char *indent, const char *rel, const char *type,
                    const char *href)
{
	if (!href)
		return;
	strbuf_printf(o, "%s<link rel=\"%s\" type=\"%s\" href=\"", indent, rel, type);
	esc(o, href);
	strbuf_puts(o, "\"/>\n");
}

void atom_begin(struct strbuf *o, const struct atom_feed *f)
{
	strbuf_puts(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
	               "xmlns=\"http://www.w3.org/2005/Atom\"");
	if (f->lang) {
		strbuf_puts(o, " xml:lang=\"");
		esc(o, f->lang);
		strbuf_puts(o, "\"");
	}
	if (f->base) {
		strbuf_puts(o, " xml:base=\"");
		esc(o, f->base);
		strbuf_puts(o, "\"");
	}
	strbuf_puts(o, ">\n");
	elem(o, "  ", "id", f->id);
	elem(o, "  ", "title", f->title);
	elem(o, "  ", "updated", f->updated);
	link_el(o, "  ", "self", "application/atom+xml", f->self);
	link_el(o, "  ", "alternate", "text/html", f->alternate);
	strbuf_puts(o, "  <author>\n");
	elem(o, "    ", "name", f->author ? f->author : "fokus");
	strbuf_puts(o, "  </author>\n");
	if (f->generator) {
		strbuf_puts(o, "  <generator");
		if (f->generator_version) {
			strbuf_puts(o, " version=\"");
			esc(o, f->generator_version);
			strbuf_puts(o, "\"");
		}
		strbuf_puts(o, ">");
		esc(o, f->generator);
		strbuf_puts(o, "</generator>\n");
	}
}

void atom_entry(struct strbuf *o, const struct atom_entry *e)
{
	strbuf_puts(o, "  <entry>\n");
	elem(o, "    ", "id", e->id);
	elem(o, "    ", "title", e->title);
	elem(o, "    ", "updated", e->updated);
	link_el(o, "    ", "alternate", "text/html", e->link);
	elem(o, "    ", "summary", e->summary);
	if (e->content_html) {
		strbuf_puts(o, "    <content type=\"html\">");
		esc(o, e->content_html);
		strbuf_puts(o, "</content>\n");
	}
	strbuf_puts(o, "  </entry>\n");
}

void atom_end(struct strbuf *o)
{
	strbuf_puts(o, "</feed>\n");
}
