/* records-open.c — opening an import file for records.c: the header row
 * found (title rows above it skipped, or the sheet of a workbook that has
 * it), columns mapped to fields (colmap.c) and the required ones checked,
 * the first pass over the whole file (in two threads on a large csv) that
 * decides each number column's decimal separator and each date column's
 * day/month order from all its cells, then the rewind; and the description
 * of what was detected. */
#include "io/records-priv.h"
#include "core/dataset.h"
#include "io/colmap.h"
#include "io/date.h"
#include "io/number.h"
#include "io/vocab.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- opening: header, mapping, inference ------------------------------- */

static void keep_header(struct recreader *rr, const struct row *row)
{
	size_t n = 0;
	for (int i = 0; i < row->nf; i++)
		n += row->f[i].n + 1;
	free(rr->hbuf);
	free(rr->hdr.f);
	rr->hbuf = xmalloc(n + 1);
	rr->hdr.f = xcalloc((size_t)row->nf + 1, sizeof(struct field));
	rr->hdr.nf = row->nf;
	rr->hdr.line = row->line;
	char *w = rr->hbuf;
	for (int i = 0; i < row->nf; i++) {
		size_t len;
		const char *s = row->f[i].p, *e = s + row->f[i].n;
		int k;
		while (s < e && (k = rec_is_space_at(s, e)) > 0)
			s += k;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		len = (size_t)(e - s);
		memcpy(w, s, len);
		w[len] = '\0';
		rr->hdr.f[i].p = w;
		rr->hdr.f[i].n = len;
		w += len + 1;
	}
}

static int has_col(const struct recreader *rr, const char *name)
{
	int i = colmap_field_index(rr->kind, name);
	return i >= 0 && rr->match[i].col >= 0;
}

static char *aliases_of(const struct recreader *rr, const char *name, int max)
{
	return colmap_alias_list(&rr->fields[colmap_field_index(rr->kind, name)], max);
}

static char *header_list(const struct row *h)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < h->nf; i++) {
		if (sb.len > 120) {
			strbuf_puts(&sb, ", …");
			break;
		}
		strbuf_printf(&sb, "%s\"%.40s\"", i ? ", " : "", h->f[i].p);
	}
	return strbuf_detach(&sb);
}

/* The first required field missing, as a sentence (caller frees), or NULL. */
static char *missing_required(const struct recreader *rr)
{
	const char *need1 = NULL, *need2 = NULL;
	switch (rr->kind) {
	case REC_CUSTOMERS:
		need1 = "customer_id";
		break;
	case REC_SELLERS:
		need1 = "seller_id";
		break;
	case REC_ORDERS:
		if (!has_col(rr, "customer_id"))
			need1 = "customer_id";
		else if (!has_col(rr, "date"))
			need1 = "date";
		else if (!has_col(rr, "amount") &&
		         !(has_col(rr, "quantity") && has_col(rr, "unit_price"))) {
			char *a = aliases_of(rr, "amount", 9), *q = aliases_of(rr, "quantity", 3),
			     *p = aliases_of(rr, "unit_price", 4);
			char *s =
			    xasprintf("no amount column: expected one of %s; or both a quantity "
			              "column (%s) and a unit-price column (%s)",
			              a, q, p);
			free(a);
			free(q);
			free(p);
			return s;
		}
		break;
	case REC_ACTIVITIES:
		if (!has_col(rr, "date"))
			need1 = "date";
		else if (!has_col(rr, "type"))
			need1 = "type";
		else if (!has_col(rr, "customer_id") && !has_col(rr, "seller_id")) {
			need1 = "customer_id";
			need2 = "seller_id";
		}
		break;
	default:
		break;
	}
	if (!need1 || (has_col(rr, need1) && !need2))
		return NULL;
	const struct colfield *f1 = &rr->fields[colmap_field_index(rr->kind, need1)];
	char *a1 = colmap_alias_list(f1, need2 ? 6 : 14);
	char *s;
	if (need2) {
		const struct colfield *f2 = &rr->fields[colmap_field_index(rr->kind, need2)];
		char *a2 = colmap_alias_list(f2, 6);
		s = xasprintf("no %s or %s column: expected one of %s; or one of %s", f1->what,
		              f2->what, a1, a2);
		free(a2);
	} else {
		s = xasprintf("no %s column: expected one of %s", f1->what, a1);
	}
	free(a1);
	return s;
}

/* The first row holds data rather than names: most of its cells are
 * numbers or dates. */
static int looks_like_data(const struct row *row)
{
	int data = 0, filled = 0;
	for (int i = 0; i < row->nf; i++) {
		struct numval v;
		int32_t d;
		int16_t m;
		if (!row->f[i].n)
			continue;
		filled++;
		if (number_parse(row->f[i].p, row->f[i].n, NUMFMT_POINT, &v) == 0 ||
		    number_parse(row->f[i].p, row->f[i].n, NUMFMT_COMMA, &v) == 0 ||
		    date_parse(row->f[i].p, row->f[i].n, DATE_DMY, &d, &m) == 0)
			data++;
	}
	return filled && data * 2 >= filled;
}

/* Reads rows until one maps the required fields (title rows above the
 * header are skipped, up to HEADER_SEARCH_ROWS). 0, or -1 with err. */
static int find_header(struct recreader *rr, const struct rec_opts *opts, struct ferr *err)
{
	struct row row;
	char *first_msg = NULL;
	int first_data = 0, tried = 0, rc;
	rr->skip = 0;
	while (tried < HEADER_SEARCH_ROWS && (rc = reader_next(rr->r, &row, err)) == 1) {
		rr->skip++;
		if (rec_row_blank(&row))
			continue;
		tried++;
		keep_header(rr, &row);
		if (colmap_match(rr->kind, &rr->hdr, opts->map, rr->match, err) < 0) {
			char msg[sizeof(err->msg)];
			snprintf(msg, sizeof(msg), "%s", err->msg);
			ferr_setpos(err, rr->path, 0, 0, "%s", msg);
			free(first_msg);
			return -1;
		}
		char *msg = missing_required(rr);
		if (!msg) {
			free(first_msg);
			return 0;
		}
		if (!first_msg) {
			int mapped = 0;
			for (int i = 0; i < rr->nfields; i++)
				mapped += rr->match[i].col >= 0;
			first_data = !mapped && looks_like_data(&rr->hdr);
			char *cols = header_list(&rr->hdr);
			first_msg = xasprintf("%s (the file's columns are %s; or name one with "
			                      "--map FIELD=HEADER).",
			                      msg, cols);
			free(cols);
		}
		free(msg);
		if (opts->map)
			break; /* the user named the header's columns: it is the header */
	}
	if (rc < 0 && !first_msg)
		return -1;
	if (!first_msg) {
		ferr_setpos(err, rr->path, 0, 0, "the file has no rows.");
	} else if (first_data) {
		ferr_setpos(err, rr->path, 0, 0,
		            "the first row holds data, not column names; fokus needs a header row "
		            "naming the columns (e.g. %s).",
		            rr->fields[0].name);
	} else {
		ferr_setpos(err, rr->path, 0, 0, "%s", first_msg);
	}
	free(first_msg);
	return -1;
}

/* A workbook whose first sheet holds no table of the kind (a cover sheet,
 * "Se fliken Fakturor"): the other worksheets are tried in order, and the
 * first whose header maps the required fields is read. Returns 0 (rr reads
 * that sheet; sheet_note says why), or -1 with err: the first sheet's
 * complaint, naming the sheets tried. */
static int find_sheet(struct recreader *rr, const struct rec_opts *opts, struct ferr *err)
{
	struct ferr first = *err;
	char *firstname = xstrdup(reader_sheet_at(rr->r, 0) ? reader_sheet_at(rr->r, 0) : "");
	struct strbuf names = STRBUF_INIT;
	char **sheets = NULL;
	size_t n = 0;
	for (const char *sh; (sh = reader_sheet_at(rr->r, n)) != NULL; n++) {
		sheets = xreallocarray(sheets, n + 1, sizeof(*sheets));
		sheets[n] = xstrdup(sh);
		strbuf_printf(&names, "%s\"%s\"", n ? ", " : "", sh);
	}
	int rc = -1;
	for (size_t i = 1; i < n && rc < 0; i++) {
		struct reader_opts ro = {.sheet = sheets[i], .delimiter = 0};
		struct reader *r2;
		struct ferr e = {0};
		if (reader_open(rr->path, &ro, &r2, &e) < 0)
			continue;
		reader_close(rr->r);
		rr->r = r2;
		if (find_header(rr, opts, &e) == 0) {
			rr->sheet_note = xasprintf("the first sheet, \"%s\", holds no table of %s; "
			                           "\"%s\" has one",
			                           firstname, rec_kind_name(rr->kind), sheets[i]);
			rc = 0;
		}
	}
	if (rc < 0) {
		*err = first;
		if (n > 1) {
			size_t len = strlen(err->msg);
			if (len && err->msg[len - 1] == '.')
				err->msg[len - 1] = '\0';
			char *msg =
			    xasprintf("%s; no other sheet has such a table either (the sheets "
			              "are %s; name one with --sheet).",
			              err->msg, strbuf_cstr(&names));
			snprintf(err->msg, sizeof(err->msg), "%s", msg);
			free(msg);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(sheets[i]);
	free(sheets);
	free(firstname);
	strbuf_free(&names);
	return rc;
}

static void build_cols(struct recreader *rr)
{
	rr->cols = xcalloc((size_t)rr->nfields, sizeof(*rr->cols));
	rr->col_field = xcalloc((size_t)rr->hdr.nf + 1, sizeof(*rr->col_field));
	rr->c_customer = rr->c_seller = rr->c_amount = rr->c_quantity = rr->c_price = -1;
	rr->ncols = 0;
	for (int i = 0; i < rr->nfields; i++) {
		const struct colmatch *m = &rr->match[i];
		if (m->col < 0)
			continue;
		const struct colfield *f = &rr->fields[i];
		struct col *c = &rr->cols[rr->ncols];
		c->f = f;
		c->fi = i;
		c->col = m->col;
		c->header = rr->hdr.f[m->col].p;
		c->tier = m->tier;
		c->pow10 = m->pow10;
		c->alt_col = m->alt_col;
		c->numeric = f->type == COL_MONEY || f->type == COL_NUM || f->type == COL_INT ||
		             f->type == COL_LAT || f->type == COL_LON;
		c->dated = f->type == COL_DATE && !rr->date_format;
		rr->col_field[m->col] = f->name;
		if (f->id == F_CUSTOMER_ID)
			rr->c_customer = rr->ncols;
		else if (f->id == F_SELLER_ID)
			rr->c_seller = rr->ncols;
		else if (f->id == F_AMOUNT)
			rr->c_amount = rr->ncols;
		else if (f->id == F_QUANTITY)
			rr->c_quantity = rr->ncols;
		else if (f->id == F_UNIT_PRICE)
			rr->c_price = rr->ncols;
		rr->ncols++;
	}
	rr->amount_computed = rr->kind == REC_ORDERS && rr->c_amount < 0;
	rr->c_total = -1;
	if (rr->kind == REC_ORDERS)
		rr->c_total = rr->c_amount;
	for (int i = 0; rr->kind == REC_CUSTOMERS && i < rr->ncols; i++)
		if (!strcmp(rr->cols[i].f->name, "revenue"))
			rr->c_total = i;
}

/* Customer files keep the other columns as attributes, keyed by header
 * ("column N" when it has none; "Name (2)" for a repeated one). */
static void build_attrs(struct recreader *rr)
{
	if (rr->kind != REC_CUSTOMERS)
		return;
	rr->attr_cols = xcalloc((size_t)rr->hdr.nf + 1, sizeof(int));
	rr->attr_keys = xcalloc((size_t)rr->hdr.nf + 1, sizeof(char *));
	for (int c = 0; c < rr->hdr.nf; c++) {
		if (rr->col_field[c])
			continue;
		const char *h = rr->hdr.f[c].p;
		char *key = h[0] ? xstrdup(h) : xasprintf("column %d", c + 1);
		for (int k = 2;; k++) {
			int dup = 0;
			for (int j = 0; j < rr->nattr; j++)
				dup |= !strcmp(rr->attr_keys[j], key);
			if (!dup)
				break;
			free(key);
			key = h[0] ? xasprintf("%s (%d)", h, k)
			           : xasprintf("column %d (%d)", c + 1, k);
		}
		rr->attr_cols[rr->nattr] = c;
		rr->attr_keys[rr->nattr++] = key;
	}
}

/* "%d/%m/%Y" and "%m/%d/%Y" written with the example's separator and year. */
static void suggest_formats(const char *ex, char *dmy, char *mdy, size_t cap)
{
	char sep = '/';
	const char *p = ex;
	while (*p && *p >= '0' && *p <= '9')
		p++;
	if (*p == '.' || *p == '-' || *p == '/')
		sep = *p;
	const char *q = strchr(p + (*p != 0), sep);
	int ydigits = 0;
	if (q)
		for (q++; *q >= '0' && *q <= '9'; q++)
			ydigits++;
	const char *y = ydigits == 2 ? "%y" : "%Y";
	snprintf(dmy, cap, "%%d%c%%m%c%s", sep, sep, y);
	snprintf(mdy, cap, "%%m%c%%d%c%s", sep, sep, y);
}

/* Where observe() hands each row's customer ID (rec_opts.saw_customer). */
struct idsink {
	int col;                                                     /* the row's column, or -1 */
	void (*fn)(void *ctx, int half, const char *id, size_t len); /* may be NULL */
	void *ctx;
	int half;
	long empty; /* rows whose ID cell is empty (a totals row may be among them) */
	long rows;  /* rows seen */
};

static void saw_id(struct idsink *ids, const struct row *row)
{
	if (ids->col < 0)
		return;
	size_t n = 0;
	const char *p = ids->col < row->nf ? rec_trim_span(&row->f[ids->col], &n) : NULL;
	if (!n && !rec_row_blank(row))
		ids->empty++;
	if (n && ids->fn && !rec_missing_marker(p, n))
		ids->fn(ids->ctx, ids->half, p, rec_id_clean_len(p, n));
}

/* Evidence from every row r has left, into cols[idx[k]] (number and date
 * columns), and each row's customer ID to ids, reporting progress through
 * opts (may be NULL) with the bytes read times scale (2 for the first half
 * of a file read in two, which ends near the middle). Returns 0 at the end
 * of the file, -1 with err on a read error. */
static int observe(struct reader *r, struct col *cols, const int *idx, int nidx, struct idsink *ids,
                   const struct rec_opts *opts, int scale, struct ferr *err)
{
	struct row row;
	long rows = 0;
	int rc;
	while ((rc = reader_next(r, &row, err)) == 1) {
		ids->rows++;
		for (int k = 0; k < nidx; k++) {
			struct col *c = &cols[idx[k]];
			if (c->col >= row.nf)
				continue;
			const struct field *f = &row.f[c->col];
			if (c->numeric)
				number_observe(&c->ns, f->p, f->n);
			else
				date_observe(&c->ds, f->p, f->n);
		}
		saw_id(ids, &row);
		if (opts && opts->progress && ++rows % PROGRESS_ROWS == 0) {
			long long done, total;
			reader_progress(r, &done, &total);
			done *= scale;
			opts->progress(opts->progress_ctx, done < total ? done : total, total);
		}
	}
	return rc < 0 ? -1 : 0;
}

/* Back to the first row after the header. 0, or -1 with err. */
static int restart(struct recreader *rr, struct ferr *err)
{
	struct row row;
	if (reader_rewind(rr->r, err) < 0)
		return -1;
	for (long k = 0; k < rr->skip; k++)
		if (reader_next(rr->r, &row, err) != 1)
			return -1;
	return 0;
}

/* The second half of observe_in_two, in its own thread. */
struct half {
	struct reader *r;
	struct col *cols;
	const int *idx;
	int nidx, rc;
	struct idsink ids;
	struct ferr err;
};

static void *observe_half(void *arg)
{
	struct half *h = arg;
	h->rc = observe(h->r, h->cols, h->idx, h->nidx, &h->ids, NULL, 1, &h->err);
	return NULL;
}

static void clear_evidence(struct col *cols, int n)
{
	for (int i = 0; i < n; i++) {
		memset(&cols[i].ns, 0, sizeof(cols[i].ns));
		memset(&cols[i].ds, 0, sizeof(cols[i].ds));
	}
}

/* observe() in two threads, each on one half of a csv file cut at a line
 * start near the middle, the second half's evidence then added to the
 * first's. Whether the cut fell between rows is only known once both are
 * read (reader_join_ahead): when it did not, or anything else went wrong
 * (an unreadable or unusual row, an encoding decided differently), the
 * evidence is dropped and the reader is back after the header for one
 * thread to read it all again, with the errors it reports. Returns 1 when
 * done, 0 when the caller must observe in one thread, -1 with err. */
static int observe_in_two(struct recreader *rr, const int *idx, int nidx, struct idsink *ids,
                          const struct rec_opts *opts, struct ferr *err)
{
	struct reader *r2 = NULL;
	struct ferr e = {0};
	if (reader_split_ahead(rr->r, &r2, &e) != 1)
		return 0;
	struct half h = {.r = r2, .idx = idx, .nidx = nidx, .ids = *ids};
	h.ids.half = 1;
	h.ids.empty = h.ids.rows = 0;
	h.cols = xreallocarray(NULL, (size_t)rr->ncols, sizeof(*h.cols));
	memcpy(h.cols, rr->cols, (size_t)rr->ncols * sizeof(*h.cols));
	clear_evidence(h.cols, rr->ncols);
	pthread_t th;
	int started = pthread_create(&th, NULL, observe_half, &h) == 0;
	int rc = -1;
	if (started) {
		rc = observe(rr->r, rr->cols, idx, nidx, ids, opts, 2, &e);
		pthread_join(th, NULL);
	}
	int ok = reader_join_ahead(rr->r, r2) && started && rc == 0 && h.rc == 0;
	reader_close(r2);
	if (ok)
		for (int k = 0; k < nidx; k++) {
			struct col *c = &rr->cols[idx[k]];
			number_merge(&c->ns, &h.cols[idx[k]].ns);
			date_merge(&c->ds, &h.cols[idx[k]].ds);
		}
	free(h.cols);
	if (ok) {
		ids->empty += h.ids.empty;
		ids->rows += h.ids.rows;
		return 1;
	}
	clear_evidence(rr->cols, rr->ncols);
	ids->empty = ids->rows = 0;
	if (ids->col >= 0 && ids->fn)
		ids->fn(ids->ctx, 0, NULL, 0); /* the IDs seen too */
	return restart(rr, err) < 0 ? -1 : 0;
}

/* The first pass: evidence from every cell of the number and date columns,
 * then the decisions. 0, or -1 with err (ambiguous dates, read errors). */
static int infer(struct recreader *rr, const struct rec_opts *opts, struct ferr *err)
{
	int *idx = xcalloc((size_t)rr->ncols + 1, sizeof(int));
	int nidx = 0;
	for (int i = 0; i < rr->ncols; i++)
		if (rr->cols[i].numeric || rr->cols[i].dated)
			idx[nidx++] = i;
	struct idsink ids = {.col = -1, .fn = opts->saw_customer, .ctx = opts->saw_customer_ctx};
	if ((rr->kind == REC_ORDERS || rr->kind == REC_ACTIVITIES) && rr->c_customer >= 0)
		ids.col = rr->cols[rr->c_customer].col;
	else
		ids.fn = NULL;
	if (nidx == 0 && ids.col < 0) {
		free(idx);
		return 0;
	}
	int rc = 0;
	if (!opts->split_first_pass || rr->is_xlsx ||
	    (rc = observe_in_two(rr, idx, nidx, &ids, opts, err)) == 0)
		rc = observe(rr->r, rr->cols, idx, nidx, &ids, opts, 1, err);
	free(idx);
	if (rc < 0)
		return -1;
	rr->empty_ids = ids.empty;
	rr->rows_seen = ids.rows;
	/* numbers: each column by its own cells, else by the file's other columns */
	int votes[2] = {0, 0};
	for (int i = 0; i < rr->ncols; i++) {
		struct col *c = &rr->cols[i];
		if (!c->numeric)
			continue;
		if (number_decide(&c->ns, &c->fmt)) {
			c->fmt_how = HOW_OWN;
			votes[c->fmt]++;
		}
	}
	for (int i = 0; i < rr->ncols; i++) {
		struct col *c = &rr->cols[i];
		if (!c->numeric || c->fmt_how == HOW_OWN)
			continue;
		int telling = c->ns.comma3 + c->ns.point3 > 0;
		if (votes[0] != votes[1]) {
			c->fmt =
			    votes[NUMFMT_COMMA] > votes[NUMFMT_POINT] ? NUMFMT_COMMA : NUMFMT_POINT;
			c->fmt_how = telling ? HOW_FILE : HOW_NONE;
		} else if (rr->is_xlsx) {
			c->fmt = NUMFMT_POINT;
			c->fmt_how = telling ? HOW_XLSX : HOW_NONE;
		} else {
			c->fmt_how = telling ? HOW_RULE : HOW_NONE; /* number_decide's fallback */
		}
	}
	/* dates */
	for (int i = 0; i < rr->ncols; i++) {
		struct col *c = &rr->cols[i];
		if (!c->dated)
			continue;
		c->order_shown =
		    c->ds.day_first + c->ds.month_first + c->ds.either + c->ds.same > 0;
		if (date_decide(&c->ds, &c->order) < 0) {
			char dmy[16], mdy[16];
			suggest_formats(c->ds.example, dmy, mdy, sizeof(dmy));
			if (!c->ds.either) {
				ferr_setpos(
				    err, rr->path, 0, c->col + 1,
				    "column \"%s\": as many dates read only as day/month as "
				    "only as month/day; say which with --date-format %s or "
				    "--date-format %s.",
				    c->header, dmy, mdy);
				return -1;
			}
			ferr_setpos(
			    err, rr->path, 0, c->col + 1,
			    "column \"%s\": dates like \"%s\" could be day/month or month/day "
			    "and no date in the column tells which; say which with "
			    "--date-format %s or --date-format %s.",
			    c->header, c->ds.example, dmy, mdy);
			return -1;
		}
	}
	return restart(rr, err);
}

int recreader_open(const char *path, enum rec_kind kind, const struct rec_opts *opts,
                   struct recreader **out, struct ferr *err)
{
	static const struct rec_opts none = {0};
	*out = NULL;
	if (!opts)
		opts = &none;
	const char *why;
	if (opts->date_format && date_format_check(opts->date_format, &why) < 0) {
		ferr_setpos(err, NULL, 0, 0, "%s", why);
		return -1;
	}
	struct recreader *rr = xcalloc(1, sizeof(*rr));
	rr->path = xstrdup(path);
	rr->kind = kind;
	rr->date_format = opts->date_format ? xstrdup(opts->date_format) : NULL;
	rr->rows_seen = -1;
	rr->vmap = opts->value_map;
	rr->nvmap = opts->value_map ? opts->nvalue_map : 0;
	rr->fields = colmap_fields(kind, &rr->nfields);
	rr->match = xcalloc((size_t)rr->nfields, sizeof(*rr->match));
	rec_defaults(rr, &rr->blank);
	struct reader_opts ro = {.sheet = opts->sheet, .delimiter = 0};
	if (reader_open(path, &ro, &rr->r, err) < 0)
		goto fail;
	rr->is_xlsx = reader_is_xlsx(rr->r);
	if (find_header(rr, opts, err) < 0 &&
	    (!rr->is_xlsx || opts->sheet || find_sheet(rr, opts, err) < 0))
		goto fail;
	build_cols(rr);
	build_attrs(rr);
	if (infer(rr, opts, err) < 0)
		goto fail;
	*out = rr;
	return 0;
fail:
	if (err && !err->file[0])
		snprintf(err->file, sizeof(err->file), "%s", path);
	recreader_close(rr);
	return -1;
}

/* ---- describing ------------------------------------------------------- */

static void describe_col(const struct recreader *rr, const struct col *c, struct strbuf *sb)
{
	strbuf_printf(sb, "%s <- \"%s\"", c->f->name, c->header);
	const char *sep = " (";
	if (c->tier < 0) {
		strbuf_printf(sb, "%s--map", sep);
		sep = "; ";
	}
	if (c->f->id == F_AMOUNT && c->tier == 0) {
		strbuf_printf(sb, "%snet of VAT", sep);
		sep = "; ";
	} else if (c->f->id == F_AMOUNT && c->tier == 2) {
		strbuf_printf(sb, "%sincludes VAT: the file has no net amount", sep);
		sep = "; ";
	}
	if (c->alt_col >= 0) {
		strbuf_printf(sb, "%s\"%s\" not used", sep, rr->hdr.f[c->alt_col].p);
		sep = "; ";
	}
	if (c->pow10 == 3 || c->pow10 == 6) {
		strbuf_printf(sb, "%sin %s", sep, c->pow10 == 3 ? "thousands" : "millions");
		sep = "; ";
	}
	if (c->numeric && c->fmt_how != HOW_NONE) {
		static const char *const how[] = {
		    "", "", ", like the file's other numbers",
		    ": a lone separator before three digits is a thousands separator",
		    ", as in Excel"};
		strbuf_printf(sb, "%sdecimal %s%s", sep, c->fmt == NUMFMT_COMMA ? "comma" : "point",
		              how[c->fmt_how]);
		sep = "; ";
	}
	if (c->f->type == COL_DATE) {
		if (rr->date_format) {
			strbuf_printf(sb, "%s--date-format %s", sep, rr->date_format);
			sep = "; ";
		} else if (c->order_shown) {
			strbuf_printf(sb, "%s%s", sep,
			              c->order == DATE_DMY ? "day/month/year" : "month/day/year");
			sep = "; ";
		}
	}
	strbuf_puts(sb, sep[0] == ';' ? ")\n" : "\n");
}

char *recreader_describe(const struct recreader *rr)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "format: %s%s%s%s\n", reader_describe(rr->r), rr->sheet_note ? " (" : "",
	              rr->sheet_note ? rr->sheet_note : "", rr->sheet_note ? ")" : "");
	strbuf_printf(&sb, "header: line %ld\n", rr->hdr.line);
	for (int i = 0; i < rr->ncols; i++)
		describe_col(rr, &rr->cols[i], &sb);
	if (rr->amount_computed)
		strbuf_printf(&sb, "amount = \"%s\" x \"%s\"\n", rr->cols[rr->c_quantity].header,
		              rr->cols[rr->c_price].header);
	int any = 0;
	for (int c = 0; c < rr->hdr.nf; c++) {
		if (rr->col_field[c])
			continue;
		strbuf_printf(
		    &sb, "%s\"%s\"",
		    any ? ", "
		        : (rr->kind == REC_CUSTOMERS ? "kept as attributes: " : "not used: "),
		    rr->hdr.f[c].p);
		any = 1;
	}
	if (any)
		strbuf_putc(&sb, '\n');
	return strbuf_detach(&sb);
}
