/* test-mail.c — covers src/render/mail.c (quoted-printable, RFC 2047
 * encoded words, headers without injection, multipart/alternative, the
 * markdown of cmark, {{field}} templates), src/util/mailaddr.c (what an
 * address is) and src/render/atom.c (escaping, the feed's elements). The
 * messages are decoded here by hand, so a wrong encoding cannot pass. */
#include "testutil.h"

#include "render/atom.h"
#include "render/mail.h"
#include "util/mailaddr.h"
#include "util/strbuf.h"

/* Decodes quoted-printable (soft breaks, =XX, CRLF -> LF). */
static char *qp_decode(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') {
			s += 3;
		} else if (s[0] == '=') {
			unsigned v;
			assert_int_equal(sscanf(s + 1, "%2X", &v), 1);
			*o++ = (char)v;
			s += 3;
		} else if (s[0] == '\r' && s[1] == '\n') {
			*o++ = '\n';
			s += 2;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

static void check_qp_lines(const char *enc)
{
	const char *line = enc;
	for (;;) {
		const char *end = strstr(line, "\r\n");
		size_t n = end ? (size_t)(end - line) : strlen(line);
		assert_true(n <= 76);
		for (size_t i = 0; i < n; i++)
			assert_true((unsigned char)line[i] >= 32 && (unsigned char)line[i] < 127);
		if (n)
			assert_false(line[n - 1] == ' ' || line[n - 1] == '\t');
		assert_false(n >= 5 && !memcmp(line, "From ", 5));
		if (!end)
			break;
		line = end + 2;
	}
}

static void roundtrip(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	mail_qp(&sb, text, strlen(text));
	check_qp_lines(strbuf_cstr(&sb));
	char *back = qp_decode(strbuf_cstr(&sb));
	assert_string_equal(back, text);
	free(back);
	strbuf_free(&sb);
}

static void test_qp(void **state)
{
	(void)state;
	roundtrip("Hej Åsa!\nVi har fått in nya arbetskläder.\n");
	roundtrip("a = b, 100 % = 1\n");
	roundtrip("trailing spaces   \nand a tab\t\n");
	roundtrip("From here on\n.\nand a dot\n");
	char long_line[400];
	memset(long_line, 'x', sizeof(long_line) - 1);
	long_line[sizeof(long_line) - 1] = '\0';
	roundtrip(long_line);
	/* a long line of multi-byte letters: no =XX is cut by a soft break */
	char sv[601] = "";
	for (int i = 0; i < 100; i++)
		strcat(sv, "åäö");
	roundtrip(sv);
	roundtrip("exactly seventy-six characters on this line, then a break .............\n");
}

static int b64val(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = strchr(t, c);
	return p ? (int)(p - t) : -1;
}

/* Decodes the value of a header made of encoded words (or plain ASCII). */
static void decode_words(const char *v, struct strbuf *out)
{
	while (*v) {
		if (*v == '\r' || *v == '\n' || *v == ' ') {
			v++;
			continue;
		}
		assert_int_equal(strncmp(v, "=?UTF-8?B?", 10), 0);
		const char *end = strstr(v + 10, "?=");
		assert_non_null(end);
		assert_true(end + 2 - v <= 75); /* RFC 2047: a word is at most 75 characters */
		unsigned acc = 0;
		int bits = 0;
		char chunk[64];
		size_t cn = 0;
		for (const char *p = v + 10; p < end; p++) {
			if (*p == '=')
				break;
			acc = (acc << 6) | (unsigned)b64val(*p);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				chunk[cn++] = (char)((acc >> bits) & 0xFF);
			}
		}
		/* each word holds whole UTF-8 characters */
		assert_false(cn && ((unsigned char)chunk[0] & 0xC0) == 0x80);
		strbuf_append(out, chunk, cn);
		v = end + 2;
	}
}

static void test_header_words(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT, dec = STRBUF_INIT;
	const char *subj =
	    "Nyheter för Åkessons Järn & Färg – december, med många långa ord i ämnesraden";
	mail_header(&sb, "Subject", subj);
	const char *s = strbuf_cstr(&sb);
	assert_int_equal(strncmp(s, "Subject: ", 9), 0);
	assert_non_null(strstr(s, "\r\n "));
	const char *p = s;
	for (const char *e; (e = strstr(p, "\r\n")); p = e + 2)
		assert_true(e - p <= 78);
	decode_words(s + 9, &dec);
	assert_string_equal(strbuf_cstr(&dec), subj);
	/* CR/LF in a value never start a new header */
	strbuf_reset(&sb);
	mail_header(&sb, "Subject", "Hello\r\nBcc: victim@example.com");
	assert_string_equal(strbuf_cstr(&sb), "Subject: Hello  Bcc: victim@example.com\r\n");
	strbuf_free(&sb);
	strbuf_free(&dec);
}

static void test_build(void **state)
{
	(void)state;
	struct mail_header extra[] = {{"List-Unsubscribe", "<mailto:a@b.se?subject=unsubscribe>"}};
	struct mail_msg m = {.from = "Exempelgrossisten Åbo <news@example.se>",
	                     .to = "kund@example.se",
	                     .reply_to = "Svar <svar@example.se>",
	                     .subject = "Hej",
	                     .text = "Text ÅÄÖ\n",
	                     .html = "<p>Text &Aring;</p>\n",
	                     .message_id = "nl-1.abc@example.se",
	                     .date = 1796601600, /* 2026-12-07 00:00 UTC */
	                     .extra = extra,
	                     .nextra = 1};
	struct strbuf sb = STRBUF_INIT;
	mail_build(&m, &sb);
	const char *s = strbuf_cstr(&sb);
	assert_non_null(strstr(s, "From: =?UTF-8?B?"));
	assert_non_null(strstr(s, " <news@example.se>\r\n"));
	assert_non_null(strstr(s, "To: kund@example.se\r\n"));
	assert_non_null(strstr(s, "Reply-To: \"Svar\" <svar@example.se>\r\n"));
	assert_non_null(strstr(s, "Date: Mon, 07 Dec 2026 00:00:00 +0000\r\n"));
	assert_non_null(strstr(s, "Message-ID: <nl-1.abc@example.se>\r\n"));
	assert_non_null(strstr(s, "List-Unsubscribe: <mailto:a@b.se?subject=unsubscribe>\r\n"));
	assert_non_null(strstr(s, "MIME-Version: 1.0\r\n"));
	const char *ct = strstr(s, "Content-Type: multipart/alternative; boundary=\"");
	assert_non_null(ct);
	char boundary[64];
	assert_int_equal(
	    sscanf(ct, "Content-Type: multipart/alternative; boundary=\"%63[^\"]\"", boundary), 1);
	assert_int_equal(strncmp(boundary, "=_", 2), 0);
	char delim[80];
	snprintf(delim, sizeof(delim), "\r\n--%s\r\n", boundary);
	const char *p1 = strstr(s, delim);
	assert_non_null(p1);
	const char *p2 = strstr(p1 + 1, delim);
	assert_non_null(p2);
	snprintf(delim, sizeof(delim), "\r\n--%s--\r\n", boundary);
	assert_non_null(strstr(p2, delim));
	assert_non_null(strstr(p1, "Content-Type: text/plain; "
	                           "charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable"));
	assert_non_null(strstr(p2, "Content-Type: text/html; "
	                           "charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable"));
	assert_non_null(strstr(p1, "Text =C3=85=C3=84=C3=96"));
	/* no bare LF anywhere */
	for (const char *q = s; *q; q++)
		if (*q == '\n')
			assert_true(q > s && q[-1] == '\r');
	/* without html: one text part */
	strbuf_reset(&sb);
	m.html = NULL;
	mail_build(&m, &sb);
	assert_null(strstr(strbuf_cstr(&sb), "multipart"));
	assert_non_null(strstr(strbuf_cstr(&sb), "Content-Type: text/plain; charset=UTF-8"));
	strbuf_free(&sb);
}

static void test_markdown(void **state)
{
	(void)state;
	char *h = mail_markdown_html("# Rubrik\n\nHej **där**, [länk](https://example.se).\n\n"
	                             "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n");
	assert_non_null(strstr(h, "<h1>Rubrik</h1>"));
	assert_non_null(strstr(h, "<strong>där</strong>"));
	assert_non_null(strstr(h, "<a href=\"https://example.se\">länk</a>"));
	assert_null(strstr(h, "<script>"));
	assert_null(strstr(h, "javascript:"));
	free(h);
	char *page = mail_html_page("A <title>", "<p>x</p>", "Footer & co", "https://u.se/?a=1&b=2",
	                            "Avregistrera", LANG_SV);
	assert_non_null(strstr(page, "<html lang=\"sv\">"));
	assert_non_null(strstr(page, "<title>A &lt;title&gt;</title>"));
	assert_non_null(strstr(page, "Footer &amp; co"));
	assert_non_null(strstr(page, "href=\"https://u.se/?a=1&amp;b=2\""));
	free(page);
}

static void test_fill(void **state)
{
	(void)state;
	struct mail_field f[] = {{"name", "*Bygg* & <Co>"}, {"contact", NULL}};
	char *out = NULL, *cause = NULL;
	assert_int_equal(mail_fill("Hej {{ name }}!{{contact}}", f, 2, 0, &out, &cause), 0);
	assert_string_equal(out, "Hej *Bygg* & <Co>!");
	free(out);
	assert_int_equal(mail_fill("Hej {{name}}", f, 2, 1, &out, &cause), 0);
	char *h = mail_markdown_html(out);
	assert_non_null(strstr(h, "*Bygg* &amp; &lt;Co&gt;"));
	assert_null(strstr(h, "<em>"));
	free(h);
	free(out);
	assert_int_equal(mail_fill("a\nb {{kund}}", f, 2, 0, &out, &cause), -1);
	assert_non_null(strstr(cause, "line 2"));
	assert_non_null(strstr(cause, "{{kund}}"));
	assert_non_null(strstr(cause, "{{name}}"));
	free(cause);
	assert_int_equal(mail_fill("{{name", f, 2, 0, &out, &cause), -1);
	free(cause);
	assert_int_equal(mail_fill("no fields", f, 2, 0, &out, &cause), 0);
	assert_string_equal(out, "no fields");
	free(out);
}

static void test_addresses(void **state)
{
	(void)state;
	assert_true(mailaddr_valid("anna@example.se"));
	assert_true(mailaddr_valid("a.b+news@sub-domain.example.se"));
	assert_true(mailaddr_valid("x@localhost"));
	assert_false(mailaddr_valid("inte en adress"));
	assert_false(mailaddr_valid("a@b@c"));
	assert_false(mailaddr_valid("@example.se"));
	assert_false(mailaddr_valid("a@"));
	assert_false(mailaddr_valid("a@-b..se"));
	assert_false(mailaddr_valid("a<b>@c.se"));
	assert_false(mailaddr_valid("a\r\n@c.se"));
	assert_false(mailaddr_valid(NULL));
	char *n, *a;
	assert_int_equal(mailaddr_parse(" Exempel AB <news@example.se> ", &n, &a), 0);
	assert_string_equal(n, "Exempel AB");
	assert_string_equal(a, "news@example.se");
	free(n);
	free(a);
	assert_int_equal(mailaddr_parse("\"Åbo, AB\" <x@y.se>", &n, &a), 0);
	assert_string_equal(n, "Åbo, AB");
	free(n);
	free(a);
	assert_int_equal(mailaddr_parse("x@y.se", &n, &a), 0);
	assert_null(n);
	free(a);
	assert_int_equal(mailaddr_parse("Name <x@y.se> trailing", &n, &a), -1);
	assert_int_equal(mailaddr_parse("Name <not an address>", &n, &a), -1);
	char *l = mailaddr_lower("Delad@Example.TEST");
	assert_string_equal(l, "delad@example.test");
	free(l);
}

static void test_atom(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char t[21];
	atom_time(1796601600, t);
	assert_string_equal(t, "2026-12-07T00:00:00Z");
	struct atom_feed f = {.id = "tag:fokus,2026:pulse/team",
	                      .title = "Puls & <co>",
	                      .updated = t,
	                      .self = "/feed/pulse.atom?token=a&lang=sv",
	                      .lang = "sv",
	                      .generator = "fokus",
	                      .generator_version = "1"};
	atom_begin(&sb, &f);
	struct atom_entry e = {.id = "tag:fokus,2026:pulse/team/2026-W49",
	                       .title = "Ti\x01tle",
	                       .updated = t,
	                       .content_html = "<p>a & b</p>"};
	atom_entry(&sb, &e);
	atom_end(&sb);
	const char *s = strbuf_cstr(&sb);
	assert_non_null(strstr(s, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">"));
	assert_non_null(strstr(s, "<title>Puls &amp; &lt;co&gt;</title>"));
	assert_non_null(strstr(s, "href=\"/feed/pulse.atom?token=a&amp;lang=sv\""));
	assert_non_null(strstr(s, "<title>Title</title>"));
	assert_non_null(strstr(s, "<content type=\"html\">&lt;p&gt;a &amp; b&lt;/p&gt;</content>"));
	assert_non_null(strstr(s, "<author>"));
	assert_non_null(strstr(s, "</feed>\n"));
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_qp),    cmocka_unit_test(test_header_words),
	    cmocka_unit_test(test_build), cmocka_unit_test(test_markdown),
	    cmocka_unit_test(test_fill),  cmocka_unit_test(test_addresses),
	    cmocka_unit_test(test_atom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
