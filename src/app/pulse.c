/* pulse.c (app) — putting the weekly pulse together (pulse.h): bookings
 * (core/pulse.c), the week's adherence and overdue key accounts
 * (core/adherence.c), the movements of the latest categorization up to the
 * week (store/snapshot.c + core/category.c), the findings of the diagnosis
 * of the 12 months up to the week (core/analysis.c); and the e-mail. */
#include "app/pulse.h"
#include "app/mailer.h"
#include "render/atom.h"
#include "render/mail.h"
#include "render/pulse.h"
#include "store/dataset.h"
#include "store/user.h"
#include "util/days.h"
#include "util/isotime.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FOKUS_VERSION
#define FOKUS_VERSION "0.0.0"
#endif

int app_pulse_open(struct sqlite3 *db, struct app_pulse *p, char **cause)
{
	memset(p, 0, sizeof(*p));
	p->db = db;
	int r = app_planned_load(db, LOAD_ALL, &p->plan, cause);
	if (r != 0)
		return r;
	return store_snapshot_list(db, &p->snaps, &p->nsnaps, cause) == 0 ? 0 : -1;
}

void app_pulse_close(struct app_pulse *p)
{
	if (!p)
		return;
	app_planned_free(&p->plan);
	free(p->snaps);
	if (p->loaded_from)
		store_snapshot_free(&p->s_from);
	if (p->loaded_to)
		store_snapshot_free(&p->s_to);
	memset(p, 0, sizeof(*p));
}

int32_t app_pulse_default_week(int32_t today)
{
	return today - days_weekday(today) - 7;
}

static int load_snap(struct app_pulse *p, int64_t id, struct snapshot *s, int64_t *loaded,
                     char **cause)
{
	if (*loaded == id)
		return 0;
	if (*loaded)
		store_snapshot_free(s);
	*loaded = 0;
	int r = store_snapshot_load(p->db, id, s, cause);
	if (r > 0)
		*cause = xasprintf("snapshot %lld disappeared; try again", (long long)id);
	if (r != 0)
		return -1;
	*loaded = id;
	return 0;
}

/* The rows of s whose owner is seller_id (all when NULL), as the arrays
 * category_migration takes. Caller frees *ids and *rows. */
static size_t scoped_rows(const struct snapshot *s, const char *seller_id, int64_t **ids,
                          struct cat_row **rows)
{
	size_t n = 0;
	*ids = xmalloc((s->n + 1) * sizeof(int64_t));
	*rows = xmalloc((s->n + 1) * sizeof(struct cat_row));
	for (size_t i = 0; i < s->n; i++) {
		if (seller_id && (!s->seller_id[i] || strcmp(s->seller_id[i], seller_id) != 0))
			continue;
		(*ids)[n] = s->store_id[i];
		(*rows)[n++] = s->rows[i];
	}
	return n;
}

/* The latest categorization made by the end of the week against the one
 * before it. */
static int moves(struct app_pulse *p, int32_t week, int32_t only, struct pulse_moves *m,
                 char **cause)
{
	memset(m, 0, sizeof(*m));
	size_t k = p->nsnaps;
	while (k > 0 && isotime_day(p->snaps[k - 1].run.created_at) > week + 6)
		k--;
	if (k < 2)
		return 0;
	const struct cat_run *a = &p->snaps[k - 2].run, *b = &p->snaps[k - 1].run;
	if (load_snap(p, a->id, &p->s_from, &p->loaded_from, cause) != 0 ||
	    load_snap(p, b->id, &p->s_to, &p->loaded_to, cause) != 0)
		return -1;
	const char *sid = only >= 0 ? p->plan.in.ds.sellers[only].id : NULL;
	int64_t *ia, *ib;
	struct cat_row *ra, *rb;
	size_t na = scoped_rows(&p->s_from, sid, &ia, &ra),
	       nb = scoped_rows(&p->s_to, sid, &ib, &rb);
	category_migration(ia, ra, na, ib, rb, nb, &m->m);
	free(ia);
	free(ra);
	free(ib);
	free(rb);
	m->have = true;
	m->from_id = a->id;
	m->to_id = b->id;
	memcpy(m->from_at, a->created_at, sizeof(m->from_at));
	memcpy(m->to_at, b->created_at, sizeof(m->to_at));
	pulse_moves_count(m);
	return 0;
}

/* The diagnosis' findings over the 12 months up to the week's Sunday. */
static int findings(struct app_pulse *p, int32_t week, int32_t only, struct pulse_report *r,
                    char **cause)
{
	const struct app_snapinput *in = &p->plan.in;
	struct analysis_params ap;
	struct analysis a;
	analysis_params_default(&ap);
	ap.to = week + 6;
	ap.from = days_add_months(ap.to, -12) + 1;
	struct analysis_input ai = {
	    .ds = &in->ds, .cat = in->cat, .revenue = in->revenue, .potential = in->potential};
	if (analysis_compute(&ai, &ap, &a, cause) != 0)
		return -1;
	for (int i = 0; i < a.nfindings; i++) {
		const struct an_finding *f = &a.findings[i];
		if (only >= 0 && f->seller != only)
			continue;
		struct pulse_finding *x = &r->findings[r->nfindings++];
		x->text[LANG_EN] = analysis_finding_text(&a, f, LANG_EN);
		x->text[LANG_SV] = analysis_finding_text(&a, f, LANG_SV);
		x->amount = f->amount;
		x->seller = f->seller;
	}
	analysis_free(&a);
	return 0;
}

int app_pulse_week(struct app_pulse *p, int32_t week, int32_t only, struct pulse_report *r,
                   char **cause)
{
	const struct dataset *ds = &p->plan.in.ds;
	memset(r, 0, sizeof(*r));
	r->week = week;
	r->only = only;
	r->ds = ds;
	r->pc = p->plan.pc;
	r->book = xcalloc(ds->nsellers + 1, sizeof(*r->book));
	r->history_weeks = pulse_bookings(ds, week, r->book, &r->team);
	if (adherence_compute(ds, p->plan.pc, week, week + 6, &r->adh, cause) != 0)
		goto fail;
	/* Key accounts: never contacted ones first (due long ago). */
	struct adh_overdue *all = NULL;
	size_t n = adherence_overdue(ds, p->plan.pc, week + 6, week - 3650, week + 7, only, &all);
	r->keyacc = xcalloc(n + 1, sizeof(*r->keyacc));
	for (size_t i = 0; i < n; i++)
		if (p->plan.pc[all[i].cust].cat == CAT_1)
			r->keyacc[r->nkeyacc++] = all[i];
	free(all);
	for (size_t i = 0; i < ds->ncustomers; i++)
		if (p->plan.pc[i].cat == CAT_1 && (only < 0 || p->plan.pc[i].owner == only))
			r->key_accounts++;
	if (moves(p, week, only, &r->moves, cause) != 0 || findings(p, week, only, r, cause) != 0)
		goto fail;
	return 0;
fail:
	pulse_report_free(r);
	return -1;
}

/* --- the Atom feed ------------------------------------------------------------ */

int app_pulse_feed(struct app_pulse *p, int32_t only, int32_t today, const char *site_url,
                   const char *token, enum lang lang, struct strbuf *out, char **cause)
{
	const struct dataset *ds = &p->plan.in.ds;
	const char *scope = only >= 0 ? ds->sellers[only].id : "team";
	int32_t last = app_pulse_default_week(today);
	char *id = xasprintf("tag:fokus,2026:pulse/%s", scope), *self = NULL, up[21];
	char *title = xasprintf("%s%s%s", TR(lang, "fokus — weekly pulse", "fokus — veckopuls"),
	                        only >= 0 ? " · " : "", only >= 0 ? scope : "");
	/* an entry is complete on the Monday after its week */
	atom_time((time_t)(last + 7) * 86400, up);
	self = xasprintf("%s/feed/pulse.atom?token=%s&lang=%s", site_url ? site_url : "",
	                 token ? token : "", lang == LANG_SV ? "sv" : "en");
	char *home = xasprintf("%s/", site_url ? site_url : "");
	struct atom_feed f = {.id = id,
	                      .title = title,
	                      .updated = up,
	                      .self = self,
	                      .alternate = home,
	                      .lang = lang == LANG_SV ? "sv" : "en",
	                      .author = "fokus",
	                      .generator = "fokus",
	                      .generator_version = FOKUS_VERSION};
	atom_begin(out, &f);
	int rc = 0;
	for (int k = 0; k < APP_PULSE_FEED_WEEKS && rc == 0; k++) {
		int32_t week = last - 7 * k;
		struct pulse_report r;
		if (app_pulse_week(p, week, only, &r, cause) != 0) {
			rc = -1;
			break;
		}
		char w[9], eu[21];
		struct strbuf html = STRBUF_INIT;
		pulse_html(&html, &r, lang);
		char *eid = xasprintf("%s/%s", id, days_iso_week_str(week, w));
		char *et = pulse_subject(&r, lang);
		char *link = xasprintf("%s/#/adherence", site_url ? site_url : "");
		atom_time((time_t)(week + 7) * 86400, eu);
		struct atom_entry e = {.id = eid,
		                       .title = et,
		                       .updated = eu,
		                       .link = link,
		                       .content_html = strbuf_cstr(&html)};
		atom_entry(out, &e);
		free(eid);
		free(et);
		free(link);
		strbuf_free(&html);
		pulse_report_free(&r);
	}
	atom_end(out);
	free(id);
	free(title);
	free(self);
	free(home);
	return rc;
}

/* --- e-mail ----------------------------------------------------------------- */

static char **manager_addresses(struct sqlite3 *db, size_t *n, char **cause)
{
	char **v = NULL;
	if (user_emails_of_role(db, USER_MANAGER, &v, n, cause) != 0)
		return NULL;
	if (*n == 0) {
		free(v);
		*cause =
		    xstrdup("no manager has an e-mail address: add one with 'fokus user email NAME "
		            "ADDRESS', or give --to ADDRESS");
		return NULL;
	}
	return v;
}

int app_pulse_send(struct sqlite3 *db, const struct pulse_report *r, const struct app_pulse_send *o,
                   size_t *sent, char **cause)
{
	struct mailer_config cfg;
	char **own = NULL;
	size_t nown = 0, nto = o->nto;
	const char *const *to = o->to;
	*sent = 0;
	if (!to) {
		if (!(own = manager_addresses(db, &nown, cause)))
			return -1;
		to = (const char *const *)own;
		nto = nown;
	}
	if (mailer_config_load(db, o->password_file, &cfg, cause) != 0) {
		for (size_t i = 0; i < nown; i++)
			free(own[i]);
		free(own);
		return -1;
	}
	struct strbuf html = STRBUF_INIT, text = STRBUF_INIT, failed = STRBUF_INIT;
	char *subject = pulse_subject(r, o->lang);
	pulse_html(&html, r, o->lang);
	pulse_text(&text, r, o->lang);
	char *page = mail_html_page(subject, strbuf_cstr(&html), NULL, NULL, NULL, o->lang);
	const char *at = strchr(cfg.from_addr, '@');
	char wk[9];
	days_iso_week_str(r->week, wk);
	struct mailer *m = mailer_open(&cfg);
	int stop = 0;
	for (size_t i = 0; i < nto && !stop; i++) {
		unsigned char rnd[8];
		char hx[17];
		randombytes_buf(rnd, sizeof(rnd));
		sodium_bin2hex(hx, sizeof(hx), rnd, sizeof(rnd));
		char *mid = xasprintf("pulse.%s.%s@%s", wk, hx, at ? at + 1 : "fokus.invalid");
		struct mail_header extra[] = {{"Auto-Submitted", "auto-generated"}};
		struct mail_msg msg = {.from = cfg.from,
		                       .to = to[i],
		                       .subject = subject,
		                       .text = strbuf_cstr(&text),
		                       .html = page,
		                       .message_id = mid,
		                       .date = o->now,
		                       .extra = extra,
		                       .nextra = 1};
		struct strbuf raw = STRBUF_INIT;
		mail_build(&msg, &raw);
		int code;
		char *detail = NULL;
		enum mailer_result mr = mailer_send(m, to[i], raw.buf, raw.len, &code, &detail);
		if (mr == MAILER_SENT)
			(*sent)++;
		else
			strbuf_printf(&failed, "%s%s: %s", failed.len ? "; " : "", to[i],
			              detail ? detail : "not sent");
		stop = mr == MAILER_STOP || mr == MAILER_UNCERTAIN;
		free(detail);
		free(mid);
		strbuf_free(&raw);
	}
	mailer_close(m);
	int rc = failed.len || *sent < nto ? -1 : 0;
	if (rc != 0)
		*cause =
		    xasprintf("not sent to %s", failed.len ? strbuf_cstr(&failed) : "everyone");
	free(page);
	free(subject);
	strbuf_free(&html);
	strbuf_free(&text);
	strbuf_free(&failed);
	mailer_config_free(&cfg);
	for (size_t i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	return rc;
}
