/* newsletter.c — the newsletter send job (newsletter.h): recipients from
 * the plan (app/planned.h), grouped by address; each message built by
 * render/mail.c and sent by app/mailer.c; the send log and the activities
 * written through store/newsletter.c around each message. */
#include "app/newsletter.h"
#include "app/mailer.h"
#include "app/planned.h"
#include "app/settings.h"
#include "render/mail.h"
#include "store/dataset.h"
#include "store/newsletter.h"
#include "util/isotime.h"
#include "util/mailaddr.h"
#include "util/strbuf.h"
#include "util/urlenc.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TEMPLATE_MAX (1024 * 1024)

const char newsletter_fields[] = "{{name}}, {{contact}}, {{greeting}}, {{customer_id}}, "
                                 "{{seller}}, {{seller_email}}, {{unsubscribe_url}}";

/* --- tokens of unsubscribe links ------------------------------------------ */

void newsletter_unsub_token(const char secret[65], const char *email, char out[33])
{
	unsigned char key[32], mac[crypto_auth_hmacsha256_BYTES];
	size_t kl = 0;
	char *low = mailaddr_lower(email);
	if (sodium_hex2bin(key, sizeof(key), secret, 64, NULL, &kl, NULL) != 0 || kl != 32)
		memset(key, 0, sizeof(key));
	crypto_auth_hmacsha256(mac, (const unsigned char *)low, strlen(low), key);
	sodium_bin2hex(out, 33, mac, 16);
	sodium_memzero(key, sizeof(key));
	free(low);
}

int newsletter_unsub_check(const char secret[65], const char *email, const char *token)
{
	char want[33];
	if (!email || !token || strlen(token) != 32)
		return 0;
	newsletter_unsub_token(secret, email, want);
	return sodium_memcmp(want, token, 32) == 0;
}

/* --- the template ----------------------------------------------------------- */

static int utf8_valid(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t k = c < 0x80         ? 1
		           : (c >> 5) == 6  ? 2
		           : (c >> 4) == 14 ? 3
		           : (c >> 3) == 30 ? 4
		                            : 0;
		if (!k || i + k > n || (k == 2 && c < 0xC2))
			return 0;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

static char *read_template(const char *path, char **cause)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*cause = xasprintf("cannot read the template %s: %s", path, strerror(errno));
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len <= TEMPLATE_MAX)
		strbuf_append(&sb, buf, n);
	int err = ferror(f);
	fclose(f);
	if (err || sb.len > TEMPLATE_MAX || sb.len == 0) {
		*cause = err      ? xasprintf("reading the template %s failed", path)
		         : sb.len ? xasprintf("the template %s is larger than 1 MB", path)
		                  : xasprintf("the template %s is empty", path);
		strbuf_free(&sb);
		return NULL;
	}
	if (!utf8_valid((const unsigned char *)sb.buf, sb.len) || memchr(sb.buf, '\0', sb.len)) {
		*cause = xasprintf("the template %s is not UTF-8 text; save it as UTF-8", path);
		strbuf_free(&sb);
		return NULL;
	}
	char *t = strbuf_detach(&sb);
	if (!strncmp(t, "\xEF\xBB\xBF", 3))
		memmove(t, t + 3, strlen(t + 3) + 1);
	return t;
}

static int issue_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* --- recipients --------------------------------------------------------------- */

struct rcpt {
	char *email;   /* lower case */
	int32_t *cust; /* customers with this address, by customer id */
	int ncust;
	enum nl_state state; /* in the send log */
	int skip;            /* 1 unsubscribed, 2 bounced before */
};

struct pair {
	char *email;
	int32_t cust;
	const char *id;
};

static int by_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->email, y->email);
	return c ? c : strcmp(x->id, y->id);
}

struct job {
	struct sqlite3 *db;
	const struct newsletter_opts *o;
	struct newsletter_result *res;
	struct app_planned plan;
	char **contact;
	char *tpl, *subject_tpl;
	struct rcpt *r;
	size_t nr;
	struct mailer_config cfg;
	char secret[65];
	char *from_domain;
	char tpl_sha256[65];
	int64_t batch;
};

static void group_recipients(struct job *j)
{
	const struct dataset *ds = &j->plan.in.ds;
	struct pair *p = xmalloc((ds->ncustomers + 1) * sizeof(*p));
	size_t np = 0;
	for (size_t i = 0; i < ds->ncustomers; i++) {
		if (j->plan.pc[i].per_year[CH_NEWSLETTER] <= 0)
			continue;
		j->res->customers++;
		const char *e = ds->customers[i].email;
		while (e && (*e == ' ' || *e == '\t'))
			e++;
		if (!e || !*e) {
			j->res->no_email++;
			continue;
		}
		char *name = NULL, *addr = NULL;
		if (mailaddr_parse(e, &name, &addr) != 0) {
			j->res->bad_email++;
			continue;
		}
		free(name);
		p[np++] = (struct pair){mailaddr_lower(addr), (int32_t)i, ds->customers[i].id};
		free(addr);
	}
	qsort(p, np, sizeof(*p), by_pair);
	j->r = xcalloc(np + 1, sizeof(*j->r));
	for (size_t k = 0; k < np; k++) {
		struct rcpt *r =
		    j->nr && !strcmp(j->r[j->nr - 1].email, p[k].email) ? &j->r[j->nr - 1] : NULL;
		if (!r) {
			r = &j->r[j->nr++];
			r->email = p[k].email;
		} else {
			free(p[k].email);
			if (r->ncust == 1)
				j->res->shared++;
		}
		r->cust = xreallocarray(r->cust, (size_t)r->ncust + 1, sizeof(int32_t));
		r->cust[r->ncust++] = p[k].cust;
	}
	j->res->addresses = (long)j->nr;
	free(p);
}

static int by_email_row(const void *key, const void *elem)
{
	return strcmp(key, ((const struct nl_send_row *)elem)->email);
}

static int by_email_supp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct nl_suppressed *)elem)->email);
}

/* Marks each recipient with its state in the send log and the list of
 * suppressed addresses; counts what will be skipped. */
static int classify(struct job *j, char **cause)
{
	struct nl_send_row *rows = NULL;
	struct nl_suppressed *sup = NULL;
	size_t nrows = 0, nsup = 0;
	if (nl_sends_load(j->db, j->res->issue, &rows, &nrows, cause) != 0 ||
	    nl_suppressed_load(j->db, &sup, &nsup, cause) != 0) {
		nl_send_rows_free(rows, nrows);
		return -1;
	}
	for (size_t i = 0; i < j->nr; i++) {
		struct rcpt *r = &j->r[i];
		const struct nl_suppressed *s =
		    nsup ? bsearch(r->email, sup, nsup, sizeof(*sup), by_email_supp) : NULL;
		const struct nl_send_row *w =
		    nrows ? bsearch(r->email, rows, nrows, sizeof(*rows), by_email_row) : NULL;
		r->state = w ? w->state : NL_NONE;
		if (r->state == NL_SENT) {
			j->res->already_sent++;
		} else if (s) {
			r->skip = strcmp(s->reason, "bounced") ? 1 : 2;
			if (r->skip == 1)
				j->res->unsubscribed++;
			else
				j->res->bounced_before++;
		} else if (r->state == NL_SENDING && !j->o->resend_uncertain) {
			j->res->uncertain++;
		}
	}
	nl_send_rows_free(rows, nrows);
	nl_suppressed_free(sup, nsup);
	return 0;
}

static int wanted(const struct job *j, const struct rcpt *r)
{
	if (r->state == NL_SENT || r->skip)
		return 0;
	return r->state != NL_SENDING || j->o->resend_uncertain;
}

/* --- one message -------------------------------------------------------------- */

/* The mailto: address for unsubscribing by reply. */
static const char *reply_addr(const struct job *j, char **tmp)
{
	char *name = NULL, *addr = NULL;
	*tmp = NULL;
	if (j->cfg.reply_to && mailaddr_parse(j->cfg.reply_to, &name, &addr) == 0) {
		free(name);
		*tmp = addr;
		return addr;
	}
	return j->cfg.from_addr ? j->cfg.from_addr : "";
}

struct parts {
	char *https; /* the one-click link, or NULL */
	char *mailto;
};

static void unsub_links(const struct job *j, const char *email, struct parts *u)
{
	char tok[33], *tmp = NULL;
	const char *ra = reply_addr(j, &tmp);
	u->https = NULL;
	if (j->cfg.site_url) {
		char *e = url_escape(email);
		newsletter_unsub_token(j->secret, email, tok);
		u->https = xasprintf("%s/unsubscribe?e=%s&t=%s", j->cfg.site_url, e, tok);
		free(e);
	}
	u->mailto = xasprintf("mailto:%s?subject=unsubscribe", ra);
	free(tmp);
}

static void fields_for(const struct job *j, const struct rcpt *r, const struct parts *u,
                       struct mail_field f[7], char **owned)
{
	const struct dataset *ds = &j->plan.in.ds;
	int32_t c = r->cust[0];
	const struct customer *cu = &ds->customers[c];
	int32_t s = j->plan.pc[c].owner;
	const struct seller *se = s >= 0 ? &ds->sellers[s] : NULL;
	const char *name = cu->name && *cu->name ? cu->name : cu->id;
	const char *contact = j->contact ? j->contact[c] : NULL;
	enum lang l = j->o->lang;
	owned[0] =
	    contact ? xstrdup(contact) : xasprintf("%s %s", TR(l, "everyone at", "alla på"), name);
	owned[1] = contact ? xasprintf("%s %s,", TR(l, "Hello", "Hej"), contact)
	                   : xstrdup(TR(l, "Hello,", "Hej,"));
	f[0] = (struct mail_field){"name", name};
	f[1] = (struct mail_field){"contact", owned[0]};
	f[2] = (struct mail_field){"greeting", owned[1]};
	f[3] = (struct mail_field){"customer_id", cu->id};
	f[4] = (struct mail_field){"seller", se ? (se->name ? se->name : se->id) : NULL};
	f[5] = (struct mail_field){"seller_email", se ? se->email : NULL};
	f[6] = (struct mail_field){"unsubscribe_url", u->https ? u->https : u->mailto};
}

static char *sender_name(const struct job *j)
{
	char *name = NULL, *addr = NULL;
	if (mailaddr_parse(j->cfg.from, &name, &addr) != 0)
		return xstrdup("");
	free(addr);
	return name ? name : xstrdup(j->cfg.from_addr);
}

/* Builds the message for r into out. 0, or -1 with *cause (a field). */
static int build(const struct job *j, const struct rcpt *r, struct strbuf *out, char **cause)
{
	struct parts u;
	struct mail_field f[7];
	char *owned[2], *subject = NULL, *md = NULL, *text = NULL, *frag = NULL, *html = NULL;
	char *who = sender_name(j), *mid = NULL, *lu = NULL;
	enum lang l = j->o->lang;
	int rc = -1;
	unsub_links(j, r->email, &u);
	fields_for(j, r, &u, f, owned);
	if (mail_fill(j->subject_tpl, f, 7, 0, &subject, cause) != 0 ||
	    mail_fill(j->tpl, f, 7, 1, &md, cause) != 0 ||
	    mail_fill(j->tpl, f, 7, 0, &text, cause) != 0)
		goto out;
	frag = mail_markdown_html(md);
	char *footer = xasprintf(TR(l, "You receive this newsletter as a customer of %s.",
	                            "Du får det här nyhetsbrevet som kund hos %s."),
	                         who);
	html = mail_html_page(subject, frag, footer, u.https ? u.https : u.mailto,
	                      TR(l, "Unsubscribe", "Avregistrera dig"), l);
	struct strbuf tx = STRBUF_INIT;
	strbuf_puts(&tx, text);
	if (tx.len && tx.buf[tx.len - 1] != '\n')
		strbuf_putc(&tx, '\n');
	strbuf_printf(&tx, "\n-- \n%s\n%s: %s\n", footer, TR(l, "Unsubscribe", "Avregistrera dig"),
	              u.https ? u.https : u.mailto);
	free(footer);
	unsigned char h[crypto_generichash_BYTES_MIN];
	char hx[2 * sizeof(h) + 1];
	crypto_generichash(h, sizeof(h), (const unsigned char *)r->email, strlen(r->email), NULL,
	                   0);
	sodium_bin2hex(hx, sizeof(hx), h, sizeof(h));
	mid = xasprintf("%s.%s@%s", j->res->issue, hx, j->from_domain);
	lu = u.https ? xasprintf("<%s>, <%s>", u.https, u.mailto) : xasprintf("<%s>", u.mailto);
	char *list_id = xasprintf("<newsletter.%s>", j->from_domain);
	struct mail_header extra[4] = {{"List-Unsubscribe", lu},
	                               {"List-Id", list_id},
	                               {"X-Fokus-Issue", j->res->issue},
	                               {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
	struct mail_msg m = {.from = j->cfg.from,
	                     .to = r->email,
	                     .reply_to = j->cfg.reply_to,
	                     .subject = subject,
	                     .text = strbuf_cstr(&tx),
	                     .html = html,
	                     .message_id = mid,
	                     .date = j->o->now,
	                     .extra = extra,
	                     .nextra = u.https ? 4 : 3};
	mail_build(&m, out);
	strbuf_free(&tx);
	free(list_id);
	rc = 0;
out:
	free(owned[0]);
	free(owned[1]);
	free(u.https);
	free(u.mailto);
	free(subject);
	free(md);
	free(text);
	free(frag);
	free(html);
	free(who);
	free(mid);
	free(lu);
	return rc;
}

/* --- the run ------------------------------------------------------------------ */

static void job_free(struct job *j)
{
	for (size_t i = 0; i < j->nr; i++) {
		free(j->r[i].email);
		free(j->r[i].cust);
	}
	free(j->r);
	if (j->contact)
		for (size_t i = 0; i < j->plan.in.ds.ncustomers; i++)
			free(j->contact[i]);
	free(j->contact);
	app_planned_free(&j->plan);
	free(j->tpl);
	free(j->subject_tpl);
	free(j->from_domain);
	mailer_config_free(&j->cfg);
	sodium_memzero(j->secret, sizeof(j->secret));
}

static int send_one(struct job *j, struct mailer *m, struct rcpt *r, char **cause)
{
	struct strbuf msg = STRBUF_INIT;
	int code = 0, rc = -1;
	char *detail = NULL;
	if (build(j, r, &msg, cause) != 0)
		goto out;
	int claim =
	    nl_send_begin(j->db, j->res->issue, r->email, r->ncust, j->o->resend_uncertain, cause);
	if (claim != 0) {
		if (claim == 1) { /* another run of the issue has it */
			j->res->already_sent++;
			r->state = NL_SENT;
			rc = 0;
		}
		goto out;
	}
	enum mailer_result mr = mailer_send(m, r->email, msg.buf, msg.len, &code, &detail);
	int32_t day;
	int minute;
	isotime_local_now(&day, &minute);
	const struct dataset *ds = &j->plan.in.ds;
	struct nl_reached *reached = xcalloc((size_t)r->ncust, sizeof(*reached));
	for (int k = 0; k < r->ncust; k++) {
		int32_t s = j->plan.pc[r->cust[k]].owner;
		reached[k].customer = ds->customers[r->cust[k]].store_id;
		reached[k].seller_id = s >= 0 ? ds->sellers[s].id : NULL;
	}
	switch (mr) {
	case MAILER_SENT:
		rc = nl_send_end(j->db, j->res->issue, r->email, NL_SENT, code, NULL, j->batch,
		                 reached, (size_t)r->ncust, day, minute, cause);
		j->res->sent++;
		j->res->customers_reached += r->ncust;
		r->state = NL_SENT;
		break;
	case MAILER_BOUNCED:
	case MAILER_DEFERRED:
		rc = nl_send_end(j->db, j->res->issue, r->email,
		                 mr == MAILER_BOUNCED ? NL_BOUNCED : NL_FAILED, code, detail,
		                 j->batch, NULL, 0, day, minute, cause);
		if (mr == MAILER_BOUNCED) {
			j->res->bounced++;
			r->skip = 2;
		} else {
			j->res->deferred++;
			r->state = NL_FAILED;
		}
		break;
	case MAILER_STOP:
		rc = nl_send_forget(j->db, j->res->issue, r->email, cause);
		j->res->stopped = xasprintf("the server did not take the message to %s: %s",
		                            r->email, detail ? detail : "no answer");
		break;
	case MAILER_UNCERTAIN:
		rc = 0;
		r->state = NL_SENDING;
		j->res->stopped =
		    xasprintf("no answer after the message to %s went out (%s); it may "
		              "have arrived, so it is not sent again unless you give "
		              "--resend-uncertain",
		              r->email, detail ? detail : "no answer");
		break;
	}
	free(reached);
out:
	free(detail);
	strbuf_free(&msg);
	return rc;
}

static int run_sends(struct job *j, char **cause)
{
	struct mailer *m = mailer_open(&j->cfg);
	long done = 0;
	int rc = 0;
	for (size_t i = 0; i < j->nr && rc == 0 && !j->res->stopped; i++) {
		if (!wanted(j, &j->r[i]))
			continue;
		if (j->o->limit > 0 && done >= j->o->limit)
			break;
		if (j->o->stop && *j->o->stop) {
			j->res->stopped = xstrdup("interrupted");
			break;
		}
		rc = send_one(j, m, &j->r[i], cause);
		done++;
		if (j->o->progress && done % 100 == 0)
			fprintf(j->o->progress, "  %ld / %ld\n", done, j->res->to_send);
	}
	mailer_close(m);
	return rc;
}

static int prepare(struct job *j, char **cause)
{
	struct newsletter_opts const *o = j->o;
	if (!o->subject || !*o->subject) {
		*cause = xstrdup("a --subject is needed");
		return -1;
	}
	if (!(j->tpl = read_template(o->template_path, cause)))
		return -1;
	j->subject_tpl = xstrdup(o->subject);
	if (o->issue) {
		if (!issue_ok(o->issue)) {
			*cause =
			    xasprintf("--issue wants 1 to 64 letters, digits, '-', '_' or '.', not "
			              "'%s'",
			              o->issue);
			return -1;
		}
		snprintf(j->res->issue, sizeof(j->res->issue), "%s", o->issue);
	}
	/* Check the fields once, before anything is loaded. */
	struct mail_field f[7] = {{"name", ""},           {"contact", ""}, {"greeting", ""},
	                          {"customer_id", ""},    {"seller", ""},  {"seller_email", ""},
	                          {"unsubscribe_url", ""}};
	char *x = NULL;
	if (mail_fill(j->tpl, f, 7, 0, &x, cause) != 0) {
		char *c = xasprintf("%s: %s", o->template_path, *cause);
		free(*cause);
		*cause = c;
		return -1;
	}
	free(x);
	if (mail_fill(j->subject_tpl, f, 7, 0, &x, cause) != 0) {
		char *c = xasprintf("--subject: %s", *cause);
		free(*cause);
		*cause = c;
		return -1;
	}
	free(x);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)j->tpl, strlen(j->tpl));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)o->subject, strlen(o->subject));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(j->tpl_sha256, sizeof(j->tpl_sha256), h, sizeof(h));
	if (!o->issue)
		snprintf(j->res->issue, sizeof(j->res->issue), "nl-%.12s", j->tpl_sha256);
	if (nl_issue_check(j->db, j->res->issue, o->subject, cause) != 0)
		return -1;
	int r = app_planned_load(j->db, LOAD_CUSTOMERS | LOAD_SELLERS, &j->plan, cause);
	if (r != 0)
		return -1;
	j->contact = xcalloc(j->plan.in.ds.ncustomers + 1, sizeof(char *));
	if (nl_contacts_load(j->db, &j->plan.in.ds, j->contact, cause) != 0)
		return -1;
	group_recipients(j);
	if (classify(j, cause) != 0)
		return -1;
	long want = 0;
	for (size_t i = 0; i < j->nr; i++)
		want += wanted(j, &j->r[i]);
	j->res->to_send = o->limit > 0 && want > o->limit ? o->limit : want;
	j->res->left = want;
	/* The sender and the secret are needed to build a message, also a preview. */
	if (o->dry_run) {
		if (mailer_config_load(j->db, NULL, &j->cfg, cause) != 0) {
			/* a dry run previews without a server: use what is there */
			free(*cause);
			*cause = NULL;
			mailer_config_free(&j->cfg);
			memset(&j->cfg, 0, sizeof(j->cfg));
			char *from = NULL, *n = NULL;
			if (app_setting_value(j->db, "smtp.from", &from, cause) != 0)
				return -1;
			j->cfg.from = from ? from : xstrdup("newsletter@example.invalid");
			if (mailaddr_parse(j->cfg.from, &n, &j->cfg.from_addr) != 0)
				j->cfg.from_addr = xstrdup("newsletter@example.invalid");
			free(n);
			if (app_setting_value(j->db, "site.url", &j->cfg.site_url, cause) != 0 ||
			    app_setting_value(j->db, "newsletter.reply_to", &j->cfg.reply_to,
			                      cause) != 0)
				return -1;
		}
	} else if (mailer_config_load(j->db, o->password_file, &j->cfg, cause) != 0) {
		return -1;
	}
	if (app_setting_secret(j->db, j->secret, cause) != 0)
		return -1;
	const char *at = strchr(j->cfg.from_addr, '@');
	j->from_domain = xstrdup(at ? at + 1 : "fokus.invalid");
	return 0;
}

static void preview(struct job *j)
{
	char *cause = NULL;
	for (size_t i = 0; i < j->nr; i++) {
		if (!wanted(j, &j->r[i]))
			continue;
		struct strbuf msg = STRBUF_INIT;
		if (build(j, &j->r[i], &msg, &cause) == 0)
			fwrite(msg.buf, 1, msg.len, j->o->preview);
		free(cause);
		strbuf_free(&msg);
		return;
	}
}

int newsletter_send(struct sqlite3 *db, const struct newsletter_opts *o,
                    struct newsletter_result *res, char **cause)
{
	struct job j;
	memset(&j, 0, sizeof(j));
	memset(res, 0, sizeof(*res));
	j.db = db;
	j.o = o;
	j.res = res;
	int rc = -1;
	if (prepare(&j, cause) != 0)
		goto out;
	if (o->preview)
		preview(&j);
	if (o->dry_run) {
		rc = 0;
		goto out;
	}
	int created;
	if (nl_issue_ensure(db, res->issue, o->subject, j.tpl_sha256, &j.batch, &created, cause) !=
	    0)
		goto out;
	rc = run_sends(&j, cause);
	/* what a next run would send to: not yet sent, deferred, or not reached */
	res->left = 0;
	for (size_t i = 0; i < j.nr; i++)
		res->left += wanted(&j, &j.r[i]);
out:
	job_free(&j);
	return rc;
}
