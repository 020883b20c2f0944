/* followapi.c — the follow-up's dashboard routes (docs/follow-up.md):
 *   GET /api/adherence?from=&to=&seller=  plan adherence as `fokus adherence
 *       --format json` prints it; a seller gets only their own rows;
 *   GET /feed/pulse.atom?token=  the weekly pulse as an Atom feed;
 *   GET and POST /unsubscribe?e=&t=  leaving the newsletter. */
#include "app/adherence.h"
#include "app/newsletter.h"
#include "app/pulse.h"
#include "app/settings.h"
#include "render/html.h"
#include "store/newsletter.h"
#include "store/user.h"
#include "util/days.h"
#include "util/mailaddr.h"
#include "util/urlenc.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void followapi_adherence(struct web_ctx *c)
{
	const char *f = web_arg(c, "from"), *t = web_arg(c, "to"), *seller = web_arg(c, "seller");
	int32_t from = DAYS_NONE, to = DAYS_NONE;
	if ((f && *f && days_parse_iso(f, &from) != 0) ||
	    (t && *t && days_parse_iso(t, &to) != 0)) {
		web_error(c, 400, "from and to are dates as YYYY-MM-DD");
		return;
	}
	if (web_seller(c, seller, &seller) != 0)
		return;
	struct app_adherence x;
	char *cause = NULL;
	int r = app_adherence_load(c->db, from, to, seller, &x, &cause);
	if (r == 0) {
		json_t *root = adherence_json(&x.view, 500);
		web_json_send(c, root);
		json_decref(root);
	} else if (r == APP_ADH_NO_SNAPSHOT) {
		web_error(c, 409, "no categorization yet: categorize first");
	} else if (r == APP_ADH_NO_SELLER) {
		web_error(c, 404, "no such seller");
	} else if (r == APP_ADH_BAD_PERIOD) {
		web_error(c, 400, cause);
	} else {
		web_fail(c, cause);
		cause = NULL;
	}
	free(cause);
	app_adherence_free(&x);
}

/* --- the pulse's Atom feed: GET /feed/pulse.atom?token=...&lang=sv|en ---------
 * No session: the per-user feed token (fokus user feed-token NAME) is the
 * key, and it opens nothing but this feed. Managers and admins get the
 * team's pulse, a seller their own; customer service has no pulse. */

void followapi_feed(struct web_ctx *c)
{
	const char *token = web_arg(c, "token");
	struct user u;
	char *cause = NULL, *site = NULL;
	int r = user_by_feed_token(c->db, token, &u, &cause);
	if (r < 0) {
		web_fail(c, cause);
		return;
	}
	if (r != 0) {
		web_error(c, 403, "no feed for this token (fokus user feed-token NAME makes one)");
		return;
	}
	struct app_pulse p;
	int32_t only = -1;
	if (u.role == USER_SERVICE) {
		web_error(c, 403, "customer service has no pulse");
		goto out;
	}
	int g = app_pulse_open(c->db, &p, &cause);
	if (g == 0 && u.role == USER_SELLER &&
	    (!u.seller_id || (only = dataset_seller_index(&p.plan.in.ds, u.seller_id)) < 0)) {
		web_error(c, 403, "this seller is not in the sellers list");
	} else if (g == 1) {
		web_error(c, 409, "no categorization yet");
	} else if (g != 0 || app_setting_value(c->db, "site.url", &site, &cause) != 0) {
		web_fail(c, cause);
		cause = NULL;
	} else {
		struct strbuf body = STRBUF_INIT;
		if (app_pulse_feed(&p, only, days_today(), site, token, c->lang, &body, &cause) !=
		    0) {
			web_fail(c, cause);
			cause = NULL;
		} else {
			strbuf_reset(&c->rs->body);
			strbuf_append(&c->rs->body, body.buf ? body.buf : "", body.len);
			c->rs->status = 200;
			c->rs->content_type = "application/atom+xml; charset=utf-8";
		}
		strbuf_free(&body);
	}
	app_pulse_close(&p);
out:
	free(site);
	free(cause);
	user_free(&u);
}

/* --- unsubscribing from the newsletter ------------------------------------------
 * GET /unsubscribe?e=EMAIL&t=TOKEN  a page that asks to confirm (a GET
 *     changes nothing: mail scanners open links);
 * POST /unsubscribe?e=EMAIL&t=TOKEN the one-click unsubscribe of RFC 8058
 *     (body "List-Unsubscribe=One-Click") and the page's button. */

static void page(struct web_ctx *c, int status, const char *title, const char *body_html)
{
	strbuf_reset(&c->rs->body);
	c->rs->status = status;
	c->rs->content_type = "text/html; charset=utf-8";
	strbuf_printf(
	    &c->rs->body,
	    "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<title>%s</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n"
	    "<body><main class=\"main\"><div class=\"card login\">\n%s</div></main></body>"
	    "</html>\n",
	    title, body_html);
}

/* The address of a valid link, or NULL after answering 400. */
static const char *unsub_email(struct web_ctx *c)
{
	const char *e = web_arg(c, "e"), *t = web_arg(c, "t");
	char secret[65], *cause = NULL;
	if (app_setting_secret(c->db, secret, &cause) != 0) {
		free(cause);
		page(c, 500, "fokus", "<p>Försök igen senare. / Please try again later.</p>");
		return NULL;
	}
	if (!e || !mailaddr_valid(e) || !newsletter_unsub_check(secret, e, t)) {
		page(c, 400, "fokus",
		     "<h1>Länken gäller inte</h1><p>Avregistreringslänken är ofullständig eller "
		     "felaktig.</p><h1>The link is not valid</h1><p>The unsubscribe link is "
		     "incomplete "
		     "or wrong.</p>");
		return NULL;
	}
	return e;
}

void followapi_unsubscribe_page(struct web_ctx *c)
{
	const char *e = unsub_email(c);
	if (!e)
		return;
	struct strbuf b = STRBUF_INIT;
	char *ue = url_escape(e);
	strbuf_puts(&b, "<h1>Nyhetsbrevet / The newsletter</h1>\n<p>");
	html_esc_sb(&b, e);
	strbuf_puts(&b, "</p>\n<form method=\"post\" action=\"/unsubscribe?e=");
	html_esc_sb(&b, ue);
	strbuf_puts(&b, "&amp;t=");
	html_esc_sb(&b, web_arg(c, "t"));
	strbuf_puts(&b, "\"><button type=\"submit\" class=\"primary\" id=\"unsubscribe\">"
	                "Avregistrera mig / Unsubscribe me</button></form>\n");
	page(c, 200, "fokus", strbuf_cstr(&b));
	free(ue);
	strbuf_free(&b);
}

void followapi_unsubscribe(struct web_ctx *c)
{
	const char *e = unsub_email(c);
	if (!e)
		return;
	char *cause = NULL;
	if (nl_suppress(c->db, e, "unsubscribed", "unsubscribe link", &cause) < 0) {
		free(cause);
		page(c, 500, "fokus", "<p>Försök igen senare. / Please try again later.</p>");
		return;
	}
	page(c, 200, "fokus",
	     "<h1>Klart</h1><p>Du får inga fler nyhetsbrev från oss.</p>"
	     "<h1>Done</h1><p>You will get no more newsletters from us.</p>");
}
