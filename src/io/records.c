/* records.c — typed records from an import file. recreader_open
 * (records-open.c) finds the header row, maps the columns, checks the
 * required ones and makes the first pass that decides the number and date
 * formats; then it rewinds. Here: recreader_next turns each row into a struct rec straight from the
 * reader's byte spans: no allocation per row except the attribute JSON of
 * customer files. Strings point into the reader's row, or into one scratch
 * buffer (sized once per row, before any pointer is handed out) when a
 * value had to be trimmed. */
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

static const char *const kind_names[REC_KIND_COUNT] = {"customers", "orders", "activities",
                                                       "sellers"};
static const char *const kind_names_sv[REC_KIND_COUNT] = {"kunder", "ordrar", "aktiviteter",
                                                          "säljare"};

const char *rec_kind_name(enum rec_kind k)
{
	return k < REC_KIND_COUNT ? kind_names[k] : "";
}

int rec_kind_parse(const char *s, enum rec_kind *out)
{
	for (int i = 0; i < REC_KIND_COUNT; i++) {
		if (!strcasecmp(s, kind_names[i]) || !strcasecmp(s, kind_names_sv[i])) {
			*out = (enum rec_kind)i;
			return 0;
		}
	}
	return -1;
}

/* ---- small helpers ------------------------------------------------------- */

int rec_is_space_at(const char *p, const char *e)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		return 1;
	if (e - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
		return 2;
	return 0;
}

int rec_row_blank(const struct row *row)
{
	for (int i = 0; i < row->nf; i++) {
		const char *p = row->f[i].p, *e = p + row->f[i].n;
		int k;
		while (p < e && (k = rec_is_space_at(p, e)) > 0)
			p += k;
		if (p < e)
			return 0;
	}
	return 1;
}

/* A cell's text trimmed of spaces: where it starts, and *len its length
 * (0 when empty); not NUL-terminated. */
const char *rec_trim_span(const struct field *cell, size_t *len)
{
	const char *p = cell->p, *e = p + cell->n;
	int k;
	while (p < e && (k = rec_is_space_at(p, e)) > 0)
		p += k;
	while (e > p) {
		if (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n')
			e--;
		else if (e - p >= 2 && (unsigned char)e[-2] == 0xC2 && (unsigned char)e[-1] == 0xA0)
			e -= 2;
		else
			break;
	}
	*len = (size_t)(e - p);
	return p;
}

/* A cell's text trimmed of spaces, NUL-terminated: a pointer into the row
 * when nothing was cut at the end, else a copy in the scratch buffer.
 * NULL when empty. *len gets the length. */
static const char *trimmed(struct recreader *rr, const struct field *cell, size_t *len)
{
	const char *p = rec_trim_span(cell, len);
	if (*len == 0)
		return NULL;
	if (p + *len == cell->p + cell->n)
		return p;
	char *s = rr->scratch + rr->sused;
	memcpy(s, p, *len);
	s[*len] = '\0';
	rr->sused += *len + 1;
	return s;
}

/* Values that mean "no value" in ID columns (R, pandas, Excel, SQL); s has
 * n bytes. */
int rec_missing_marker(const char *s, size_t n)
{
	static const char *const m[] = {"NA",  "N/A", "#N/A", "NULL", "None",
	                                "nan", "NaN", "nil",  "-",    "?"};
	if (n == 0 || n > 4)
		return 0;
	switch (s[0]) {
	case 'n':
	case 'N':
	case '#':
	case '-':
	case '?':
		break;
	default:
		return 0;
	}
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strlen(m[i]) == n && !strncasecmp(s, m[i], n))
			return 1;
	return 0;
}

/* The length of an ID once "12621.0" (a number column saved by pandas or
 * Excel) is read as "12621": n, or where the dot is. */
size_t rec_id_clean_len(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);
	if (!dot || dot == s || dot + 1 == s + n)
		return n;
	for (const char *p = s; p < dot; p++)
		if (*p < '0' || *p > '9')
			return n;
	for (const char *p = dot + 1; p < s + n; p++)
		if (*p != '0')
			return n;
	return (size_t)(dot - s);
}

static const char *id_clean(struct recreader *rr, const char *s, size_t n)
{
	size_t k = rec_id_clean_len(s, n);
	if (k == n)
		return s;
	char *c = rr->scratch + rr->sused;
	memcpy(c, s, k);
	c[k] = '\0';
	rr->sused += k + 1;
	return c;
}

static void store(struct rec *rec, long off, const void *v, size_t n)
{
	if (off >= 0)
		memcpy((char *)rec + off, v, n);
}

static void set_flag(struct rec *rec, long off)
{
	bool t = true;
	store(rec, off, &t, sizeof(t));
}

/* A cell for a message: at most 60 bytes, not cut inside a character. */
static void cell_text(const struct field *cell, char *buf, size_t cap)
{
	size_t n = cell->n > 60 ? 60 : cell->n;
	while (n < cell->n && n > 0 && ((unsigned char)cell->p[n] & 0xC0) == 0x80)
		n--;
	snprintf(buf, cap, "%.*s%s", (int)n, cell->p, n < cell->n ? "…" : "");
}

static int bad(struct recreader *rr, struct ferr *err, const struct row *row, const struct col *c,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int bad(struct recreader *rr, struct ferr *err, const struct row *row, const struct col *c,
               const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ferr_setpos(err, rr->path, row->line, c ? c->col + 1 : 0, "%s", msg);
	return 2;
}

static int bad_value(struct recreader *rr, struct ferr *err, const struct row *row,
                     const struct col *c, const struct field *cell, const char *what)
{
	char v[80];
	cell_text(cell, v, sizeof(v));
	return bad(rr, err, row, c, "column \"%s\": \"%s\" %s", c->header, v, what);
}

static int bad_empty(struct recreader *rr, struct ferr *err, const struct row *row,
                     const struct col *c)
{
	return bad(rr, err, row, c, "column \"%s\" is empty", c->header);
}

/* ---- numbers -------------------------------------------------------------- */

/* Parses a number cell in the column's format. 0, 1 empty, or 2 with err. */
static int cell_number(struct recreader *rr, const struct row *row, const struct col *c,
                       const struct field *cell, struct numval *v, struct ferr *err)
{
	int rc = number_parse(cell->p, cell->n, c->fmt, v);
	if (rc == 1)
		return 1;
	if (rc == -2)
		return bad_value(rr, err, row, c, cell, "has too many digits");
	if (rc < 0 || (c->pow10 && number_mul_pow10(v, c->pow10) < 0))
		return bad_value(rr, err, row, c, cell,
		                 rc < 0 ? "is not a number" : "is too large");
	return 0;
}

/* Employees: a number, or a size band "10-49" (its middle, 29) or "500+". */
static int cell_count(struct recreader *rr, const struct row *row, const struct col *c,
                      const struct field *cell, int64_t *out, struct ferr *err)
{
	struct numval v, w;
	int rc = number_parse(cell->p, cell->n, c->fmt, &v);
	if (rc == 1)
		return 1;
	if (rc == 0 && (v.mant < 0 || number_double(&v) > 1e12))
		return bad_value(rr, err, row, c, cell, "is not a number of employees");
	if (rc == 0) {
		*out = (int64_t)(number_double(&v) + 0.5);
		return 0;
	}
	const char *p = cell->p, *e = p + cell->n;
	while (e > p && e[-1] == ' ')
		e--;
	if (e > p && e[-1] == '+' && number_parse(p, (size_t)(e - 1 - p), c->fmt, &v) == 0 &&
	    v.mant >= 0 && number_double(&v) <= 1e12) {
		*out = (int64_t)(number_double(&v) + 0.5);
		return 0;
	}
	const char *dash = memchr(p, '-', (size_t)(e - p));
	size_t dl = 1;
	const char *en = strstr(p, "\xe2\x80\x93");
	if (!dash && en && en < e) {
		dash = en;
		dl = 3;
	}
	if (dash && dash > p && number_parse(p, (size_t)(dash - p), c->fmt, &v) == 0 &&
	    number_parse(dash + dl, (size_t)(e - dash - dl), c->fmt, &w) == 0 && v.mant >= 0 &&
	    w.mant >= 0 && number_double(&v) <= 1e12 && number_double(&w) <= 1e12) {
		*out = (int64_t)((number_double(&v) + number_double(&w)) / 2);
		return 0;
	}
	return bad_value(rr, err, row, c, cell, "is not a number of employees");
}

/* amount = quantity x unit price, exactly, in minor units. */
static int product_minor(const struct numval *q, const struct numval *p, int64_t *out)
{
	__int128 m = (__int128)q->mant * p->mant;
	int scale = q->scale + p->scale;
	if (scale <= 2) {
		for (int i = scale; i < 2; i++)
			m *= 10;
	} else {
		__int128 div = 1;
		for (int i = 2; i < scale; i++)
			div *= 10;
		__int128 r = m % div, qq = m / div;
		if (r < 0)
			r = -r;
		if (r * 2 >= div)
			qq += m < 0 ? -1 : 1;
		m = qq;
	}
	if (m > INT64_MAX || m < -INT64_MAX)
		return -1;
	*out = (int64_t)m;
	return 0;
}

/* ---- one record -------------------------------------------------------- */

void rec_defaults(struct recreader *rr, struct rec *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->kind = rr->kind;
	switch (rr->kind) {
	case REC_CUSTOMERS:
		rec->u.c.employees = -1;
		rec->u.c.open_min = rec->u.c.close_min = -1;
		break;
	case REC_ORDERS:
		rec->u.o.minute = -1;
		break;
	case REC_ACTIVITIES:
		rec->u.a.minute = -1;
		rec->u.a.type = ACT_OTHER;
		break;
	default:
		break;
	}
}

static int cell_date(struct recreader *rr, const struct row *row, const struct col *c,
                     const struct field *cell, struct rec *rec, struct ferr *err)
{
	int32_t day;
	int16_t minute;
	int rc = rr->date_format
	             ? date_parse_format(cell->p, cell->n, rr->date_format, &day, &minute)
	             : date_parse(cell->p, cell->n, c->order, &day, &minute);
	if (rc < 0 && rr->is_xlsx) {
		struct numval v;
		if (number_parse(cell->p, cell->n, NUMFMT_POINT, &v) == 0 &&
		    date_from_serial(number_double(&v), &day, &minute) == 0)
			rc = 0;
	}
	if (rc == 1)
		return bad_empty(rr, err, row, c);
	if (rc < 0) {
		if (rr->date_format) {
			char what[160];
			snprintf(what, sizeof(what), "is not a date in the format %s",
			         rr->date_format);
			return bad_value(rr, err, row, c, cell, what);
		}
		return bad_value(rr, err, row, c, cell,
		                 !c->order_shown ? "is not a date"
		                 : c->order == DATE_DMY
		                     ? "is not a date (the column is day/month/year)"
		                     : "is not a date (the column is month/day/year)");
	}
	store(rec, c->f->off, &day, sizeof(day));
	store(rec, c->f->aux, &minute, sizeof(minute));
	return 0;
}

static int cell_id(struct recreader *rr, const struct row *row, const struct col *c,
                   const struct field *cell, struct rec *rec, struct ferr *err)
{
	size_t n;
	const char *s = trimmed(rr, cell, &n);
	if (s && rec_missing_marker(s, n)) {
		if (c->f->id == F_CUSTOMER_ID && rr->kind != REC_ACTIVITIES)
			return bad_value(rr, err, row, c, cell, "is not a customer ID");
		if (c->f->id == F_SELLER_ID && rr->kind == REC_SELLERS)
			return bad_value(rr, err, row, c, cell, "is not a seller ID");
		s = NULL;
	}
	if (s)
		s = id_clean(rr, s, n);
	if (!s && ((c->f->id == F_CUSTOMER_ID && rr->kind != REC_ACTIVITIES) ||
	           (c->f->id == F_SELLER_ID && rr->kind == REC_SELLERS)))
		return bad_empty(rr, err, row, c);
	store(rec, c->f->off, &s, sizeof(s));
	return 0;
}

static int cell_coord(struct recreader *rr, const struct row *row, const struct col *c,
                      const struct field *cell, struct rec *rec, int *got, struct ferr *err)
{
	struct numval v;
	int rc = cell_number(rr, row, c, cell, &v, err);
	if (rc)
		return rc == 1 ? 0 : rc;
	double x = number_double(&v);
	double lim = c->f->type == COL_LAT ? 90 : 180;
	if (x < -lim || x > lim)
		return bad_value(rr, err, row, c, cell,
		                 c->f->type == COL_LAT ? "is not a latitude (-90..90)"
		                                       : "is not a longitude (-180..180)");
	store(rec, c->f->off, &x, sizeof(x));
	(*got)++;
	return 0;
}

/* vocab_lookup through a small cache of the values met last. */
static int enum_cached(struct recreader *rr, enum vocab_field vf, const char *p, size_t n)
{
	int slots = (int)(sizeof(rr->vcache[0]) / sizeof(rr->vcache[0][0]));
	for (int i = 0; i < slots; i++) {
		if (rr->vcache[vf][i].n == n && n && !memcmp(rr->vcache[vf][i].v, p, n))
			return rr->vcache[vf][i].code;
	}
	int code = vocab_lookup(vf, p, n, rr->vmap, rr->nvmap);
	if (code >= 0 && n < sizeof(rr->vcache[0][0].v)) {
		memmove(&rr->vcache[vf][1], &rr->vcache[vf][0],
		        (size_t)(slots - 1) * sizeof(rr->vcache[0][0]));
		memcpy(rr->vcache[vf][0].v, p, n);
		rr->vcache[vf][0].n = (unsigned char)n;
		rr->vcache[vf][0].code = code;
	}
	return code;
}

static int cell_enum(struct recreader *rr, const struct row *row, const struct col *c,
                     const struct field *cell, struct rec *rec, struct ferr *err)
{
	size_t n;
	const char *p = rec_trim_span(cell, &n);
	if (!n) {
		if (c->f->type == COL_ACTTYPE)
			return bad_empty(rr, err, row, c);
		return 0;
	}
	enum vocab_field vf = c->f->type == COL_ACTTYPE ? VOCAB_TYPE : VOCAB_ROLE;
	int v = enum_cached(rr, vf, p, n);
	if (v < 0) {
		rr->unknown_col = c;
		rr->unknown_p = p;
		rr->unknown_n = n;
		char what[160];
		snprintf(what, sizeof(what), "is not %s (%s)",
		         vf == VOCAB_TYPE ? "an activity type" : "a role", vocab_codes(vf));
		return bad_value(rr, err, row, c, cell, what);
	}
	store(rec, c->f->off, &v, sizeof(v));
	return 0;
}

/* A time-of-day cell; in a workbook also a plain fraction of a day (a
 * time cell without a time style: 0.5 is 12:00). As date_parse_time. */
static int cell_time(const struct recreader *rr, const struct field *cell, int *m)
{
	int rc = date_parse_time(cell->p, cell->n, m);
	struct numval v;
	if (rc < 0 && rr->is_xlsx && number_parse(cell->p, cell->n, NUMFMT_POINT, &v) == 0) {
		double x = number_double(&v);
		if (x >= 0 && x <= 1) {
			*m = (int)(x * 1440 + 0.5);
			return 0;
		}
	}
	return rc;
}

/* Fills one column's value. 0, or 2 with err. */
static int fill_col(struct recreader *rr, const struct row *row, const struct col *c,
                    struct rec *rec, struct numval *q, struct numval *p, int *coords,
                    struct ferr *err)
{
	static const struct field empty = {"", 0};
	const struct field *cell = c->col < row->nf ? &row->f[c->col] : &empty;
	struct numval v;
	int rc, m;
	size_t n;
	switch (c->f->type) {
	case COL_TEXT: {
		const char *s = trimmed(rr, cell, &n);
		store(rec, c->f->off, &s, sizeof(s));
		return 0;
	}
	case COL_ID:
		return cell_id(rr, row, c, cell, rec, err);
	case COL_MONEY:
		rc = cell_number(rr, row, c, cell, &v, err);
		if (rc == 1)
			return c->f->id == F_AMOUNT ? bad_empty(rr, err, row, c) : 0;
		if (rc)
			return rc;
		if (c->f->id == F_UNIT_PRICE) {
			*p = v;
			return 0;
		}
		int64_t minor;
		if (number_minor(&v, &minor) < 0)
			return bad_value(rr, err, row, c, cell, "is too large");
		store(rec, c->f->off, &minor, sizeof(minor));
		set_flag(rec, c->f->aux);
		return 0;
	case COL_NUM:
		rc = cell_number(rr, row, c, cell, &v, err);
		if (rc)
			return rc == 1 ? 0 : rc;
		if (c->f->id == F_QUANTITY)
			*q = v;
		double d = number_double(&v);
		store(rec, c->f->off, &d, sizeof(d));
		set_flag(rec, c->f->aux);
		return 0;
	case COL_INT: {
		int64_t k = -1;
		rc = cell_count(rr, row, c, cell, &k, err);
		if (rc == 0)
			store(rec, c->f->off, &k, sizeof(k));
		return rc == 1 ? 0 : rc;
	}
	case COL_DATE:
		return cell_date(rr, row, c, cell, rec, err);
	case COL_CLOCK:
		rc = cell_time(rr, cell, &m);
		if (rc < 0)
			return bad_value(rr, err, row, c, cell, "is not a time of day");
		if (rc == 0 && *(int16_t *)((char *)rec + c->f->off) < 0) {
			int16_t mm = (int16_t)(m >= 1440 ? 1439 : m);
			store(rec, c->f->off, &mm, sizeof(mm));
		}
		return 0;
	case COL_TIME:
		rc = cell_time(rr, cell, &m);
		if (rc < 0)
			return bad_value(rr, err, row, c, cell, "is not a time of day");
		if (rc == 0) {
			int32_t mm = m;
			store(rec, c->f->off, &mm, sizeof(mm));
		}
		return 0;
	case COL_HOURS: {
		int o, cl;
		rc = date_parse_hours(cell->p, cell->n, &o, &cl);
		if (rc < 0)
			return bad_value(rr, err, row, c, cell,
			                 "is not opening hours like 08:00-17:00");
		if (rc == 0) {
			int32_t a = o, b = cl;
			store(rec, c->f->off, &a, sizeof(a));
			store(rec, c->f->aux, &b, sizeof(b));
		}
		return 0;
	}
	case COL_LAT:
		return cell_coord(rr, row, c, cell, rec, &coords[0], err);
	case COL_LON:
		return cell_coord(rr, row, c, cell, rec, &coords[1], err);
	case COL_ACTTYPE:
	case COL_ROLE:
		return cell_enum(rr, row, c, cell, rec, err);
	}
	return 0;
}

/* Checks across columns once all are read. 0, or 2 with err. */
static int finish_row(struct recreader *rr, const struct row *row, struct rec *rec,
                      const struct numval *q, const struct numval *p, struct ferr *err)
{
	if (rr->kind == REC_ORDERS && rr->amount_computed) {
		const struct col *cq = &rr->cols[rr->c_quantity], *cp = &rr->cols[rr->c_price];
		if (q->scale < 0)
			return bad_empty(rr, err, row, cq);
		if (p->scale < 0)
			return bad_empty(rr, err, row, cp);
		if (product_minor(q, p, &rec->u.o.amount) < 0)
			return bad(rr, err, row, cq,
			           "columns \"%s\" x \"%s\": the amount is too large", cq->header,
			           cp->header);
	}
	if (rr->kind == REC_ACTIVITIES && !rec->u.a.customer_id && !rec->u.a.seller_id) {
		if (rr->c_customer >= 0 && rr->c_seller >= 0)
			return bad(rr, err, row, &rr->cols[rr->c_customer],
			           "columns \"%s\" and \"%s\" are both empty",
			           rr->cols[rr->c_customer].header, rr->cols[rr->c_seller].header);
		return bad_empty(rr, err, row,
		                 &rr->cols[rr->c_customer >= 0 ? rr->c_customer : rr->c_seller]);
	}
	return 0;
}

/* Whether a cell reads as the label of a totals row: its first word is
 * one of the words below (any case), alone or followed by something that
 * is not a letter ("Summa:", "Totalt 2025", "Total sales" is not). */
static int ascii_letter(char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static int totals_word(const struct field *cell)
{
	static const char *const words[] = {"summa",    "totalt",     "total",     "sum",
	                                    "delsumma", "totalsumma", "slutsumma", "subtotal",
	                                    "totals",   "summering",  "grand",     NULL};
	size_t n;
	const char *p = rec_trim_span(cell, &n);
	char w[16];
	size_t k = 0;
	for (; k < n && k + 1 < sizeof(w) && ascii_letter(p[k]); k++)
		w[k] = (char)(p[k] | 32);
	w[k] = '\0';
	/* the word must end there: not in a longer word, nor before å ä ö */
	if (!k || (k < n && (ascii_letter(p[k]) || (unsigned char)p[k] >= 0x80)))
		return 0;
	for (int i = 0; words[i]; i++) {
		if (strcmp(w, words[i]))
			continue;
		if (strcmp(w, "grand"))
			return 1;
		return n > k + 1 && !strncasecmp(p + k + 1, "total", 5); /* "Grand total" */
	}
	return 0;
}

/* The columns holding a row's ID for totals rows: the customer ID (the
 * seller ID in seller files; both in activity files). */
static int id_cols(const struct recreader *rr, int out[2])
{
	int n = 0;
	if (rr->kind != REC_SELLERS && rr->c_customer >= 0)
		out[n++] = rr->cols[rr->c_customer].col;
	if ((rr->kind == REC_SELLERS || rr->kind == REC_ACTIVITIES) && rr->c_seller >= 0)
		out[n++] = rr->cols[rr->c_seller].col;
	return n;
}

/* Whether row is a totals row (recreader_totals); when it is, it is noted
 * and the sum since the last one starts again. */
static int totals_row(struct recreader *rr, const struct row *row)
{
	static const struct field empty = {"", 0};
	int ids[2], nid = id_cols(rr, ids);
	if (!nid)
		return 0;
	for (int k = 0; k < nid; k++) {
		const struct field *c = ids[k] < row->nf ? &row->f[ids[k]] : &empty;
		size_t n;
		rec_trim_span(c, &n);
		if (n && !totals_word(c))
			return 0;
	}
	const struct field *label = NULL;
	for (int i = 0; i < row->nf && !label; i++)
		if (totals_word(&row->f[i]))
			label = &row->f[i];
	const struct field *amount = NULL;
	if (rr->c_total >= 0 && rr->cols[rr->c_total].col < row->nf)
		amount = &row->f[rr->cols[rr->c_total].col];
	if (!label) {
		struct numval v;
		int64_t minor;
		const struct col *c = rr->c_total >= 0 ? &rr->cols[rr->c_total] : NULL;
		if (!amount || !rr->nsum_all ||
		    number_parse(amount->p, amount->n, c->fmt, &v) != 0 ||
		    (c->pow10 && number_mul_pow10(&v, c->pow10) < 0) ||
		    number_minor(&v, &minor) < 0 ||
		    (minor != rr->sum_all && minor != rr->sum_since))
			return 0;
	}
	if (rr->ntotals < REC_TOTALS_KEPT) {
		struct rec_total *t = &rr->totals[rr->ntotals];
		char a[64] = "", b[64] = "";
		if (label)
			cell_text(label, a, sizeof(a));
		if (amount && amount->n)
			cell_text(amount, b, sizeof(b));
		t->line = row->line;
		snprintf(t->text, sizeof(t->text), "%s%s%s%s%s", a[0] ? "\"" : "", a,
		         a[0] ? "\"" : "", a[0] && b[0] ? ", " : "", b);
	}
	rr->ntotals++;
	rr->sum_since = 0;
	rr->nsum_since = 0;
	return 1;
}

/* A good row's part in the sums that totals rows are compared with. */
static void add_to_sums(struct recreader *rr, const struct rec *rec)
{
	int64_t v;
	if (rr->c_total < 0)
		return;
	if (rr->kind == REC_ORDERS)
		v = rec->u.o.amount;
	else if (rec->u.c.has_revenue)
		v = rec->u.c.revenue;
	else
		return;
	rr->sum_all += v;
	rr->sum_since += v;
	rr->nsum_all++;
	rr->nsum_since++;
}

long recreader_totals(const struct recreader *rr, const struct rec_total **first)
{
	*first = rr->totals;
	return rr->ntotals;
}

/* Whether a field must have a cell in every row: the kind's required
 * fields (missing_required); for activities the customer or the seller ID,
 * whichever the row has no cell for, when it has none for the other. */
static int field_needed(const struct recreader *rr, const struct col *c, int nf)
{
	int cust_out = rr->c_customer < 0 || rr->cols[rr->c_customer].col >= nf;
	int sell_out = rr->c_seller < 0 || rr->cols[rr->c_seller].col >= nf;
	switch (c->f->id) {
	case F_CUSTOMER_ID:
		return rr->kind != REC_ACTIVITIES || sell_out;
	case F_SELLER_ID:
		return rr->kind == REC_SELLERS || (rr->kind == REC_ACTIVITIES && cust_out);
	case F_DATE:
		return rr->kind == REC_ORDERS || rr->kind == REC_ACTIVITIES;
	case F_AMOUNT:
		return rr->kind == REC_ORDERS;
	case F_QUANTITY:
	case F_UNIT_PRICE:
		return rr->amount_computed;
	default:
		return c->f->type == COL_ACTTYPE;
	}
}

/* A csv row with another number of fields than the header (docs/import.md,
 * "Field counts"): more is a bad row unless every extra field is empty (as
 * Excel's trailing ;;;), fewer is a bad row when a needed column has no
 * cell. A workbook's cells sit in their columns, so its rows are not
 * checked. Returns 0, or 2 with err. */
static int check_width(struct recreader *rr, const struct row *row, struct ferr *err)
{
	int nf = row->nf, want = rr->hdr.nf;
	if (rr->is_xlsx || nf == want)
		return 0;
	if (nf > want) {
		for (int i = want; i < nf; i++) {
			size_t n;
			rec_trim_span(&row->f[i], &n);
			if (n)
				return bad(rr, err, row, NULL, "%d fields, the header has %d", nf,
				           want);
		}
		return 0;
	}
	for (int k = nf; k < want; k++) /* the first one missing, in the header's order */
		for (int i = 0; i < rr->ncols; i++) {
			const struct col *c = &rr->cols[i];
			if (c->col == k && field_needed(rr, c, nf))
				return bad(
				    rr, err, row, NULL,
				    "%d field%s, the header has %d: no cell for column \"%s\"", nf,
				    nf == 1 ? "" : "s", want, c->header);
		}
	return 0;
}

static void make_attrs(struct recreader *rr, const struct row *row)
{
	free(rr->attrs);
	rr->attrs = NULL;
	if (!rr->nattr)
		return;
	json_t *o = json_object();
	for (int i = 0; i < rr->nattr; i++) {
		int c = rr->attr_cols[i];
		if (c >= row->nf)
			continue;
		size_t n;
		const char *s = trimmed(rr, &row->f[c], &n);
		if (s)
			json_object_set_new(o, rr->attr_keys[i], json_stringn(s, n));
	}
	if (json_object_size(o))
		rr->attrs = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
}

static int fill(struct recreader *rr, const struct row *row, struct rec *rec, struct ferr *err)
{
	/* every cell may be copied once trimmed, an ID once more ("12.0 ") */
	size_t need = 64;
	for (int i = 0; i < row->nf; i++)
		need += 2 * (row->f[i].n + 1);
	if (need > rr->scap) {
		rr->scap = need * 2;
		free(rr->scratch);
		rr->scratch = xmalloc(rr->scap);
	}
	rr->sused = 0;
	rr->unknown_col = NULL;
	*rec = rr->blank;
	rec->line = row->line;
	int wrc = check_width(rr, row, err);
	if (wrc)
		return wrc;
	struct numval q = {0, -1}, p = {0, -1};
	int coords[2] = {0, 0};
	for (int i = 0; i < rr->ncols; i++) {
		int rc = fill_col(rr, row, &rr->cols[i], rec, &q, &p, coords, err);
		if (rc)
			return rc;
	}
	if (coords[0] && coords[1])
		for (int i = 0; i < rr->ncols; i++)
			if (rr->cols[i].f->type == COL_LAT)
				set_flag(rec, rr->cols[i].f->aux);
	int rc = finish_row(rr, row, rec, &q, &p, err);
	if (rc)
		return rc;
	if (rr->kind == REC_CUSTOMERS) {
		make_attrs(rr, row);
		rec->u.c.attrs_json = rr->attrs;
	}
	add_to_sums(rr, rec);
	return 1;
}

int recreader_next(struct recreader *rr, struct rec *rec, struct ferr *err)
{
	struct row row;
	for (;;) {
		int rc = reader_next(rr->r, &row, err);
		if (rc <= 0)
			return rc;
		if (!rec_row_blank(&row) && !totals_row(rr, &row))
			break;
	}
	rr->raw = row;
	return fill(rr, &row, rec, err);
}

int recreader_unknown(const struct recreader *rr, enum vocab_field *f, const char **value,
                      size_t *n, const char **header)
{
	const struct col *c = rr->unknown_col;
	if (!c)
		return 0;
	*f = c->f->type == COL_ACTTYPE ? VOCAB_TYPE : VOCAB_ROLE;
	*value = rr->unknown_p;
	*n = rr->unknown_n;
	*header = c->header;
	return 1;
}

const struct row *recreader_raw(const struct recreader *rr)
{
	return &rr->raw;
}

const struct row *recreader_header(const struct recreader *rr)
{
	return &rr->hdr;
}

const char *recreader_column_field(const struct recreader *rr, int i)
{
	return i >= 0 && i < rr->hdr.nf ? rr->col_field[i] : NULL;
}

void recreader_progress(const struct recreader *rr, long long *done, long long *total)
{
	reader_progress(rr->r, done, total);
}

int recreader_split(struct recreader *rr, struct recreader **second, struct ferr *err)
{
	*second = NULL;
	/* a row without a customer ID may be a totals row, told by the sum of
	 * the rows above it: one reader must have seen them all */
	if (rr->borrowed || rr->is_xlsx || (rr->c_total >= 0 && rr->empty_ids))
		return 0;
	struct reader *r2;
	int rc = reader_split(rr->r, &r2, err);
	if (rc != 1)
		return rc;
	struct recreader *s = xmalloc(sizeof(*s));
	*s = *rr;
	s->borrowed = 1;
	s->r = r2;
	s->scratch = NULL;
	s->scap = s->sused = 0;
	s->attrs = NULL;
	memset(&s->raw, 0, sizeof(s->raw));
	memset(s->vcache, 0, sizeof(s->vcache));
	s->sum_all = s->sum_since = 0;
	s->nsum_all = s->nsum_since = 0;
	s->ntotals = 0;
	*second = s;
	return 1;
}

long recreader_rows_seen(const struct recreader *rr)
{
	return rr->rows_seen;
}

long recreader_line(const struct recreader *rr)
{
	return reader_line(rr->r);
}

void recreader_close(struct recreader *rr)
{
	if (!rr)
		return;
	reader_close(rr->r);
	if (rr->borrowed) {
		free(rr->scratch);
		free(rr->attrs);
		free(rr);
		return;
	}
	free(rr->path);
	free(rr->sheet_note);
	free(rr->date_format);
	free(rr->match);
	free(rr->cols);
	free(rr->col_field);
	free(rr->hbuf);
	free(rr->hdr.f);
	free(rr->scratch);
	free(rr->attrs);
	for (int i = 0; i < rr->nattr; i++)
		free(rr->attr_keys[i]);
	free(rr->attr_keys);
	free(rr->attr_cols);
	free(rr);
}
