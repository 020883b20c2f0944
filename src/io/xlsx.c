/* xlsx.c — rows of an .xlsx/.xlsm workbook as UTF-8 text fields.
 *
 * The workbook is a zip (libzip) of XML parts (expat). Opening reads the
 * small parts whole-stream: _rels/.rels (where the workbook part is),
 * workbook.xml (sheet names and order, date1904), its .rels (sheet part
 * names, shared strings, styles), styles.xml (which cell styles are dates)
 * and sharedStrings.xml (kept in memory: cells refer to it by index).
 * The sheet itself is never held whole: it is read from the zip entry in
 * chunks and fed to expat, which is suspended (XML_StopParser, resumable) at
 * each </row> so that xlsx_next hands out one row at a time; memory is one
 * chunk plus one row however large the sheet.
 *
 * Numbers come out with at most 15 significant digits, as Excel shows them
 * (see put_number). Rows with no non-empty cell are skipped; a row's field count is its last
 * non-empty cell's column + 1. Date-styled numbers with no day part (a pure
 * time such as 0.5 under "h:mm") come out as "HH:MM:SS". Workbook parts with
 * a DTD are refused (OOXML never has one; it shuts out entity expansion). */
#include "io/xlsx.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define CHUNK (64 * 1024)
#define MAX_COLS 16384 /* column XFD */
#define MAX_ROW 1048576L
/* Excel holds at most 32 767 characters in a cell; far larger texts mean a
 * damaged or hostile file, refused before they exhaust memory. */
#define MAX_TEXT (16u << 20)     /* one cell or shared string */
#define MAX_ROW_TEXT (64u << 20) /* one row, as the csv reader */
#define MAX_SST_TEXT (1u << 30)  /* all shared strings */

enum { XF_GENERAL = 0, XF_DATE = 1, XF_TIME = 2 }; /* XF_DATE|XF_TIME = date and time */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_ISODATE };

struct sheet_ent {
	char *name, *rid, *part;
	bool chart; /* a chartsheet or dialogsheet: no cells */
};

struct rel {
	char *id, *type, *target;
};

struct numfmt {
	long id;
	int kind;
};

struct cellref {
	int col;
	size_t off, len;
};

/* Which part is being parsed: selects what the shared handlers do. */
enum part { P_RELS, P_WORKBOOK, P_STYLES, P_SST, P_SHEET };

struct xlsx {
	char *path;
	zip_t *zip;
	enum part part;
	struct strbuf herr; /* error raised inside a handler; non-empty = failed */

	/* workbook */
	bool date1904;
	struct sheet_ent *sheets;
	size_t nsheets;
	struct rel *rels;
	size_t nrels;
	const struct sheet_ent *sheet;
	zip_int64_t sheet_index;
	long long sheet_size;

	/* styles: kind per cellXfs entry */
	struct numfmt *fmts;
	size_t nfmts;
	long *xf_fmt; /* numFmtId per xf while parsing */
	unsigned char *xf_kind;
	size_t nxf;
	int styles_depth, cellxfs_depth;

	/* shared strings: NUL-separated texts and their offsets */
	struct strbuf sst;
	size_t *sst_off;
	size_t nsst, capsst;

	/* text collection shared by sst and sheet parsing */
	bool in_si, in_t, in_v, in_is, in_cell, in_sheetdata, in_row;
	int in_rph;
	struct strbuf text;

	/* sheet streaming */
	zip_file_t *zf;
	XML_Parser p;
	bool suspended, final_fed, eof, row_ready;
	long long done;
	long row_num;
	int next_col, cell_col, cell_style;
	enum cell_type cell_type;
	struct strbuf rowtext;
	struct cellref *cells;
	size_t ncells, capcells;
	struct field *fields;
};

/* ---- small helpers ------------------------------------------------------ */

static const char *lname(const char *n)
{
	const char *s = strrchr(n, '|');
	return s ? s + 1 : n;
}

static const char *attr(const char **atts, const char *local)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(lname(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

/* The value of a namespaced attribute with this local name (r:id). */
static const char *attr_ns(const char **atts, const char *local)
{
	for (int i = 0; atts[i]; i += 2)
		if (strchr(atts[i], '|') && strcmp(lname(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

static void fail(struct xlsx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct xlsx *x, const char *fmt, ...)
{
	if (x->herr.len)
		return;
	char buf[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	strbuf_puts(&x->herr, buf);
	if (x->p)
		XML_StopParser(x->p, XML_FALSE);
}

static bool parse_long(const char *s, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static bool truthy(const char *s)
{
	return s && (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0 || strcasecmp(s, "on") == 0);
}

/* Appends code point cp as UTF-8. */
static void put_utf8(struct strbuf *sb, unsigned cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	strbuf_append(sb, b, n);
}

/* Appends s[0..n) decoding the OOXML escapes _xHHHH_ (Excel writes a CR in
 * a cell as _x000D_ and a literal "_x" as _x005F_x). */
static void put_xstring(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const char *u = memchr(s + i, '_', n - i);
		size_t run = u ? (size_t)(u - (s + i)) : n - i;
		strbuf_append(sb, s + i, run); /* the text up to the next '_' */
		i += run;
		if (i == n)
			break;
		if (i + 7 <= n && s[i + 1] == 'x' && s[i + 6] == '_' &&
		    isxdigit((unsigned char)s[i + 2]) && isxdigit((unsigned char)s[i + 3]) &&
		    isxdigit((unsigned char)s[i + 4]) && isxdigit((unsigned char)s[i + 5])) {
			unsigned cp = (unsigned)strtoul(
			    (char[]){s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0}, NULL, 16);
			if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
				put_utf8(sb, cp);
				i += 7;
				continue;
			}
		}
		strbuf_putc(sb, s[i++]);
	}
}

/* ---- numbers and dates -------------------------------------------------- */

/* Writes v as Excel shows it: the shortest decimal text of at most 15
 * significant digits (Excel's precision) that reads back as v, else v rounded
 * to 15 digits — so 731.93999999999994, as Excel stores 731.94, gives
 * "731.94". Plain notation ("3500.5", "-12", "0.001") unless the exponent is
 * outside -7..20 ("1.5e+25"). */
static void put_number(struct strbuf *sb, double v)
{
	char tmp[48];
	if (v == 0) {
		strbuf_putc(sb, '0');
		return;
	}
	for (int prec = 1; prec <= 15; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	/* tmp is [-]d[.ddd]e[+-]XX */
	const char *s = tmp;
	bool neg = *s == '-';
	if (neg)
		s++;
	char digits[24];
	int nd = 0;
	for (; *s && *s != 'e'; s++)
		if (isdigit((unsigned char)*s))
			digits[nd++] = *s;
	int exp = atoi(s + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	if (neg)
		strbuf_putc(sb, '-');
	if (exp < -7 || exp > 20) {
		strbuf_putc(sb, digits[0]);
		if (nd > 1) {
			strbuf_putc(sb, '.');
			strbuf_append(sb, digits + 1, (size_t)nd - 1);
		}
		strbuf_printf(sb, "e%c%d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
	} else if (exp < 0) {
		strbuf_puts(sb, "0.");
		for (int i = -1; i > exp; i--)
			strbuf_putc(sb, '0');
		strbuf_append(sb, digits, (size_t)nd);
	} else if (exp + 1 >= nd) {
		strbuf_append(sb, digits, (size_t)nd);
		for (int i = nd; i <= exp; i++)
			strbuf_putc(sb, '0');
	} else {
		strbuf_append(sb, digits, (size_t)exp + 1);
		strbuf_putc(sb, '.');
		strbuf_append(sb, digits + exp + 1, (size_t)(nd - exp - 1));
	}
}

/* Writes serial v of a cell whose style is `kind` as ISO text. Returns false
 * (writing nothing) when v is no date Excel can show (negative or after
 * 9999-12-31). */
static bool put_serial_date(struct strbuf *sb, double v, int kind, bool date1904)
{
	if (!(v >= 0 && v < 2958466.0))
		return false;
	double whole = floor(v);
	long day = (long)whole;
	long secs = lround((v - whole) * 86400.0);
	if (secs >= 86400) {
		day++;
		secs -= 86400;
	}
	bool time_only = (day == 0 && (!date1904 || kind == XF_TIME));
	if (!time_only) {
		int32_t d;
		if (date1904) {
			d = days_from_ymd(1904, 1, 1) + (int32_t)day;
		} else if (day == 60) {
			/* Excel's phantom 1900-02-29 (kept from Lotus 1-2-3). */
			strbuf_puts(sb, "1900-02-29");
			d = DAYS_NONE;
		} else {
			/* serial 1 = 1900-01-01; from 61 on, the phantom day is counted. */
			d = days_from_ymd(1899, 12, day < 60 ? 31 : 30) + (int32_t)day;
		}
		if (d != DAYS_NONE) {
			char b[11];
			strbuf_puts(sb, days_iso(d, b));
		}
		if (secs == 0)
			return true;
		strbuf_putc(sb, ' ');
	}
	strbuf_printf(sb, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	return true;
}

/* The kind of a built-in number format id (ECMA-376 18.8.30; 27-36 and
 * 50-58 are the East Asian date formats). */
static int builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return XF_DATE;
	if (id == 22)
		return XF_DATE | XF_TIME;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return XF_TIME;
	return XF_GENERAL;
}

/* The kind of a custom format code: date letters (d, m, y, h, s) outside
 * quotes, brackets and escapes. m is a minute after h or before s. Bracketed
 * elapsed times ([h], [mm], [ss]) count as time. */
static int code_kind(const char *c)
{
	int kind = XF_GENERAL;
	char prev = 0; /* last date/time letter seen */
	for (const char *s = c; *s; s++) {
		char ch = (char)tolower((unsigned char)*s);
		if (*s == '"') {
			s = strchr(s + 1, '"');
			if (!s)
				break;
		} else if (*s == '\\' || *s == '_' || *s == '*') {
			if (!*++s)
				break;
		} else if (*s == '[') {
			const char *e = strchr(s, ']');
			if (!e)
				break;
			size_t n = (size_t)(e - s - 1);
			if (n > 0 && strspn(s + 1, "hHmMsS") == n) {
				kind |= XF_TIME;
				prev = (char)tolower((unsigned char)s[1]);
			}
			s = e;
		} else if (strncasecmp(s, "am/pm", 5) == 0) {
			kind |= XF_TIME;
			s += 4;
		} else if (strncasecmp(s, "a/p", 3) == 0) {
			kind |= XF_TIME;
			s += 2;
		} else if (ch == 'd' || ch == 'y') {
			kind |= XF_DATE;
			prev = ch;
		} else if (ch == 'h' || ch == 's') {
			kind |= XF_TIME;
			prev = ch;
		} else if (ch == 'm') {
			bool minute = prev == 'h';
			for (const char *t = s; !minute && *t; t++) {
				char tc = (char)tolower((unsigned char)*t);
				if (tc == 's')
					minute = true;
				else if (tc == 'd' || tc == 'y' || tc == 'h' || tc == '"' ||
				         tc == ';')
					break;
			}
			kind |= minute ? XF_TIME : XF_DATE;
			prev = 'm';
			while (tolower((unsigned char)s[1]) == 'm')
				s++;
		}
	}
	return kind;
}

static int fmt_kind(const struct xlsx *x, long id)
{
	for (size_t i = 0; i < x->nfmts; i++)
		if (x->fmts[i].id == id)
			return x->fmts[i].kind;
	return builtin_kind(id);
}

/* ---- reading parts ------------------------------------------------------ */

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	fail(ud, "it declares a DTD, which a workbook never has");
}

static XML_Parser new_parser(struct xlsx *x, XML_StartElementHandler start,
                             XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	XML_Parser p = XML_ParserCreateNS(NULL, '|');
	if (!p) {
		fprintf(stderr, "fokus: out of memory\n");
		exit(1);
	}
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	return p;
}

static zip_int64_t locate(const struct xlsx *x, const char *name)
{
	return zip_name_locate(x->zip, name, ZIP_FL_NOCASE | ZIP_FL_ENC_GUESS);
}

static void set_xml_error(struct xlsx *x, const char *name, struct ferr *err)
{
	if (x->herr.len)
		ferr_setpos(err, x->path, 0, 0, "damaged workbook: %s: %s.", name,
		            strbuf_cstr(&x->herr));
	else
		ferr_setpos(err, x->path, 0, 0, "damaged workbook: %s: %s at line %lu.", name,
		            XML_ErrorString(XML_GetErrorCode(x->p)),
		            (unsigned long)XML_GetCurrentLineNumber(x->p));
}

/* Opens zip entry idx for streaming. Returns it, or NULL with err set. */
static zip_file_t *open_entry(struct xlsx *x, zip_int64_t idx, const char *name, struct ferr *err)
{
	zip_file_t *zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!zf)
		ferr_setpos(err, x->path, 0, 0, "damaged workbook: cannot read %s: %s.", name,
		            zip_strerror(x->zip));
	return zf;
}

/* Streams the whole entry `name` through a parser with these handlers.
 * Returns 0, or -1 with err. */
static int parse_part(struct xlsx *x, const char *name, enum part part,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text, struct ferr *err)
{
	zip_int64_t idx = locate(x, name);
	if (idx < 0) {
		ferr_setpos(err, x->path, 0, 0, "damaged workbook: %s is missing.", name);
		return -1;
	}
	zip_file_t *zf = open_entry(x, idx, name, err);
	if (!zf)
		return -1;
	x->part = part;
	x->p = new_parser(x, start, end, text);
	int rc = -1;
	for (;;) {
		void *buf = XML_GetBuffer(x->p, CHUNK);
		if (!buf) {
			set_xml_error(x, name, err);
			goto out;
		}
		zip_int64_t n = zip_fread(zf, buf, CHUNK);
		if (n < 0) {
			ferr_setpos(err, x->path, 0, 0, "damaged workbook: cannot read %s: %s.",
			            name, zip_file_strerror(zf));
			goto out;
		}
		if (XML_ParseBuffer(x->p, (int)n, n == 0) != XML_STATUS_OK) {
			set_xml_error(x, name, err);
			goto out;
		}
		if (n == 0)
			break;
	}
	rc = 0;
out:
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	return rc;
}

/* "xl/workbook.xml" + "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml";
 * an absolute target ("/xl/...") is taken from the root; ".." and "." are
 * resolved. Caller frees. */
static char *resolve(const char *base_part, const char *target)
{
	struct strbuf sb = STRBUF_INIT;
	if (target[0] != '/') {
		const char *slash = strrchr(base_part, '/');
		if (slash)
			strbuf_append(&sb, base_part, (size_t)(slash - base_part + 1));
	}
	strbuf_puts(&sb, target);
	char *in = strbuf_detach(&sb);
	char *out = xmalloc(strlen(in) + 1);
	size_t o = 0;
	for (char *seg = in, *next; seg; seg = next) {
		next = strchr(seg, '/');
		if (next)
			*next++ = '\0';
		if (!*seg || strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			while (o > 0 && out[o - 1] != '/')
				o--;
			continue;
		}
		size_t n = strlen(seg);
		memcpy(out + o, seg, n);
		o += n;
		if (next)
			out[o++] = '/';
	}
	out[o] = '\0';
	free(in);
	return out;
}

/* ---- relationships ------------------------------------------------------ */

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	if (x->herr.len || strcmp(lname(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
	           *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	x->rels = xreallocarray(x->rels, x->nrels + 1, sizeof(*x->rels));
	x->rels[x->nrels++] = (struct rel){xstrdup(id), xstrdup(type), xstrdup(target)};
}

static void free_rels(struct xlsx *x)
{
	for (size_t i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

/* The target of the first relationship whose type ends in "/suffix". */
static const char *rel_by_type(const struct xlsx *x, const char *suffix)
{
	size_t n = strlen(suffix);
	for (size_t i = 0; i < x->nrels; i++) {
		size_t tn = strlen(x->rels[i].type);
		if (tn > n && x->rels[i].type[tn - n - 1] == '/' &&
		    strcmp(x->rels[i].type + tn - n, suffix) == 0)
			return x->rels[i].target;
	}
	return NULL;
}

static const struct rel *rel_by_id(const struct xlsx *x, const char *id)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, id) == 0)
			return &x->rels[i];
	return NULL;
}

/* Reads the rels part of `part` (dir/_rels/base.rels) into x->rels, if it
 * exists. Returns 0 or -1. */
static int read_rels(struct xlsx *x, const char *part, struct ferr *err)
{
	free_rels(x);
	const char *slash = strrchr(part, '/');
	char *name = slash ? xasprintf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1)
	                   : xasprintf("_rels/%s.rels", part);
	int rc = 0;
	if (locate(x, name) >= 0)
		rc = parse_part(x, name, P_RELS, rels_start, NULL, NULL, err);
	free(name);
	return rc;
}

/* ---- workbook.xml ------------------------------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *ln = lname(name);
	if (x->herr.len)
		return;
	if (strcmp(ln, "workbookPr") == 0) {
		x->date1904 = truthy(attr(atts, "date1904"));
	} else if (strcmp(ln, "sheet") == 0) {
		const char *sname = attr(atts, "name"), *rid = attr_ns(atts, "id");
		if (!sname || !rid) {
			fail(x, "a sheet has no name or no relationship id");
			return;
		}
		x->sheets = xreallocarray(x->sheets, x->nsheets + 1, sizeof(*x->sheets));
		x->sheets[x->nsheets++] =
		    (struct sheet_ent){xstrdup(sname), xstrdup(rid), NULL, false};
	}
}

/* "Orders", "Returns", "People" — for messages. Caller frees. */
static char *sheet_list(const struct xlsx *x)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < x->nsheets; i++)
		strbuf_printf(&sb, "%s\"%s\"", i ? ", " : "", x->sheets[i].name);
	return strbuf_detach(&sb);
}

/* Picks the sheet to read. Returns 0 or -1 with err. */
static int choose_sheet(struct xlsx *x, const char *want, struct ferr *err)
{
	const struct sheet_ent *s = NULL;
	for (size_t i = 0; want && !s && i < x->nsheets; i++)
		if (strcmp(x->sheets[i].name, want) == 0)
			s = &x->sheets[i];
	for (size_t i = 0; want && !s && i < x->nsheets; i++)
		if (strcasecmp(x->sheets[i].name, want) == 0)
			s = &x->sheets[i];
	for (size_t i = 0; !want && !s && i < x->nsheets; i++)
		if (!x->sheets[i].chart && x->sheets[i].part)
			s = &x->sheets[i];
	if (!s) {
		char *list = sheet_list(x);
		if (want)
			ferr_setpos(err, x->path, 0, 0,
			            "no sheet \"%s\" in this workbook; its sheets are %s.", want,
			            list);
		else
			ferr_setpos(err, x->path, 0, 0, "the workbook has no worksheet.");
		free(list);
		return -1;
	}
	if (s->chart) {
		ferr_setpos(err, x->path, 0, 0,
		            "sheet \"%s\" is a chart, not a worksheet with cells.", s->name);
		return -1;
	}
	if (!s->part || (x->sheet_index = locate(x, s->part)) < 0) {
		ferr_setpos(err, x->path, 0, 0,
		            "damaged workbook: the part of sheet \"%s\" is missing.", s->name);
		return -1;
	}
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(x->zip, (zip_uint64_t)x->sheet_index, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE))
		x->sheet_size = (long long)st.size;
	x->sheet = s;
	return 0;
}

/* ---- styles.xml --------------------------------------------------------- */

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *ln = lname(name);
	x->styles_depth++;
	if (x->herr.len)
		return;
	long id;
	if (strcmp(ln, "numFmt") == 0) {
		const char *code = attr(atts, "formatCode");
		if (!parse_long(attr(atts, "numFmtId"), &id) || !code)
			return;
		x->fmts = xreallocarray(x->fmts, x->nfmts + 1, sizeof(*x->fmts));
		x->fmts[x->nfmts++] = (struct numfmt){id, code_kind(code)};
	} else if (strcmp(ln, "cellXfs") == 0) {
		x->cellxfs_depth = x->styles_depth;
	} else if (strcmp(ln, "xf") == 0 && x->cellxfs_depth &&
	           x->styles_depth == x->cellxfs_depth + 1) {
		if (!parse_long(attr(atts, "numFmtId"), &id))
			id = 0;
		x->xf_fmt = xreallocarray(x->xf_fmt, x->nxf + 1, sizeof(*x->xf_fmt));
		x->xf_fmt[x->nxf++] = id;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	if (strcmp(lname(name), "cellXfs") == 0)
		x->cellxfs_depth = 0;
	x->styles_depth--;
}

static int read_styles(struct xlsx *x, const char *part, struct ferr *err)
{
	if (parse_part(x, part, P_STYLES, styles_start, styles_end, NULL, err) < 0)
		return -1;
	x->xf_kind = xmalloc(x->nxf ? x->nxf : 1);
	for (size_t i = 0; i < x->nxf; i++)
		x->xf_kind[i] = (unsigned char)fmt_kind(x, x->xf_fmt[i]);
	return 0;
}

/* ---- sharedStrings.xml -------------------------------------------------- */

/* Text runs: <t> directly in the item or in rich-text runs <r>; phonetic
 * guides <rPh> are not part of the value. */
static void XMLCALL text_chars(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	if (x->herr.len || len <= 0)
		return;
	if (!(((x->in_si || x->in_is) && x->in_t && !x->in_rph) || x->in_v))
		return;
	if (x->text.len + (size_t)len > MAX_TEXT) {
		if (x->in_si)
			fail(x, "a shared string holds more than 16 MB of text");
		else
			fail(x, "a cell in row %ld holds more than 16 MB of text", x->row_num);
		return;
	}
	strbuf_append(&x->text, s, (size_t)len);
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *ln = lname(name);
	(void)atts;
	if (strcmp(ln, "si") == 0) {
		x->in_si = true;
		strbuf_reset(&x->text);
	} else if (strcmp(ln, "t") == 0) {
		x->in_t = true;
	} else if (strcmp(ln, "rPh") == 0) {
		x->in_rph++;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *ln = lname(name);
	if (strcmp(ln, "t") == 0) {
		x->in_t = false;
	} else if (strcmp(ln, "rPh") == 0) {
		x->in_rph--;
	} else if (strcmp(ln, "si") == 0 && x->in_si) {
		x->in_si = false;
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? 2 * x->capsst : 1024;
			x->sst_off = xreallocarray(x->sst_off, x->capsst, sizeof(*x->sst_off));
		}
		x->sst_off[x->nsst++] = x->sst.len;
		put_xstring(&x->sst, x->text.buf ? x->text.buf : "", x->text.len);
		strbuf_putc(&x->sst, '\0');
		if (x->sst.len > MAX_SST_TEXT)
			fail(x, "its shared strings hold more than 1 GB of text");
	}
}

/* ---- the sheet ---------------------------------------------------------- */

/* "AB12" -> column 27 (0-based). Returns -1 when it is no cell reference. */
static int ref_col(const char *r)
{
	int col = 0, n = 0;
	for (; isalpha((unsigned char)*r); r++, n++) {
		if (n == 3)
			return -1;
		col = col * 26 + (toupper((unsigned char)*r) - 'A' + 1);
	}
	if (n == 0 || col > MAX_COLS)
		return -1;
	return col - 1;
}

static enum cell_type cell_type_of(const char *t)
{
	static const struct {
		const char *name;
		enum cell_type type;
	} types[] = {{"s", CT_SHARED}, {"inlineStr", CT_INLINE}, {"str", CT_STR}, {"b", CT_BOOL},
	             {"e", CT_ERROR},  {"d", CT_ISODATE},        {"n", CT_NUMBER}};
	for (size_t i = 0; t && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].type;
	return CT_NUMBER;
}

static void row_start(struct xlsx *x, const char **atts)
{
	long r;
	const char *ra = attr(atts, "r");
	if (ra) {
		if (!parse_long(ra, &r) || r < 1 || r > MAX_ROW) {
			fail(x, "row number \"%.40s\" is not valid", ra);
			return;
		}
	} else {
		r = x->row_num + 1;
	}
	x->row_num = r;
	x->in_row = true;
	x->next_col = 0;
	x->ncells = 0;
	strbuf_reset(&x->rowtext);
}

static void cell_start(struct xlsx *x, const char **atts)
{
	const char *r = attr(atts, "r");
	int col = r ? ref_col(r) : x->next_col;
	if (col < 0 || col >= MAX_COLS) {
		fail(x, "cell reference \"%.40s\" in row %ld is not valid", r ? r : "", x->row_num);
		return;
	}
	long s = 0;
	if (!parse_long(attr(atts, "s"), &s) || s < 0)
		s = 0;
	x->cell_col = col;
	x->next_col = col + 1;
	x->cell_style = (size_t)s < x->nxf ? x->xf_kind[s] : XF_GENERAL;
	x->cell_type = cell_type_of(attr(atts, "t"));
	x->in_cell = true;
	x->in_v = x->in_is = x->in_t = false;
	x->in_rph = 0;
	strbuf_reset(&x->text);
}

/* Converts the "d" type's ISO 8601 text: "2026-11-26T00:00:00Z" ->
 * "2026-11-26", "2026-11-26T14:05:00.000" -> "2026-11-26 14:05:00". */
static void put_isodate(struct strbuf *sb, const char *s, size_t n)
{
	size_t end = n;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '.' || s[i] == 'Z') {
			end = i;
			break;
		}
	if (end == 19 && s[10] == 'T' && strncmp(s + 11, "00:00:00", 8) == 0)
		end = 10;
	for (size_t i = 0; i < end; i++)
		strbuf_putc(sb, s[i] == 'T' ? ' ' : s[i]);
}

static void put_numeric_cell(struct xlsx *x, const char *v, size_t n)
{
	char *end;
	double d = strtod(v, &end);
	if (n == 0 || end != v + n || !isfinite(d)) {
		strbuf_append(&x->rowtext, v, n); /* not a number: the text as it is */
		return;
	}
	if (x->cell_style != XF_GENERAL &&
	    put_serial_date(&x->rowtext, d, x->cell_style, x->date1904))
		return;
	put_number(&x->rowtext, d);
}

/* Appends the finished cell's value to rowtext. */
static void cell_end(struct xlsx *x)
{
	x->in_cell = false;
	const char *v = strbuf_cstr(&x->text);
	size_t n = x->text.len;
	size_t off = x->rowtext.len;
	long idx;
	switch (x->cell_type) {
	case CT_NUMBER:
		put_numeric_cell(x, v, n);
		break;
	case CT_SHARED:
		if (n == 0)
			break;
		if (!parse_long(v, &idx) || idx < 0 || (size_t)idx >= x->nsst) {
			fail(x,
			     "cell in row %ld refers to shared string \"%.20s\", which does not "
			     "exist",
			     x->row_num, v);
			return;
		}
		strbuf_puts(&x->rowtext, x->sst.buf + x->sst_off[idx]);
		break;
	case CT_INLINE:
	case CT_STR:
		put_xstring(&x->rowtext, v, n);
		break;
	case CT_BOOL:
		strbuf_puts(&x->rowtext, strcmp(v, "1") == 0   ? "TRUE"
		                         : strcmp(v, "0") == 0 ? "FALSE"
		                                               : v);
		break;
	case CT_ERROR:
		strbuf_append(&x->rowtext, v, n);
		break;
	case CT_ISODATE:
		put_isodate(&x->rowtext, v, n);
		break;
	}
	size_t len = x->rowtext.len - off;
	strbuf_putc(&x->rowtext, '\0');
	if (x->rowtext.len > MAX_ROW_TEXT) {
		fail(x, "row %ld holds more than 64 MB of text", x->row_num);
		return;
	}
	if (len == 0)
		return;
	if (x->ncells == x->capcells) {
		x->capcells = x->capcells ? 2 * x->capcells : 64;
		x->cells = xreallocarray(x->cells, x->capcells, sizeof(*x->cells));
	}
	x->cells[x->ncells++] = (struct cellref){x->cell_col, off, len};
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *ln = lname(name);
	if (x->herr.len)
		return;
	if (strcmp(ln, "sheetData") == 0)
		x->in_sheetdata = true;
	else if (!x->in_sheetdata)
		return;
	else if (strcmp(ln, "row") == 0)
		row_start(x, atts);
	else if (strcmp(ln, "c") == 0 && x->in_row)
		cell_start(x, atts);
	else if (!x->in_cell)
		return;
	else if (strcmp(ln, "v") == 0)
		x->in_v = true;
	else if (strcmp(ln, "is") == 0)
		x->in_is = true;
	else if (strcmp(ln, "t") == 0)
		x->in_t = true;
	else if (strcmp(ln, "rPh") == 0)
		x->in_rph++;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *ln = lname(name);
	if (x->herr.len || !x->in_sheetdata)
		return;
	if (strcmp(ln, "sheetData") == 0) {
		x->in_sheetdata = false;
	} else if (strcmp(ln, "row") == 0 && x->in_row) {
		x->in_row = false;
		if (x->ncells > 0) {
			x->row_ready = true;
			XML_StopParser(x->p, XML_TRUE);
		}
	} else if (!x->in_cell) {
		return;
	} else if (strcmp(ln, "c") == 0) {
		cell_end(x);
	} else if (strcmp(ln, "v") == 0) {
		x->in_v = false;
	} else if (strcmp(ln, "is") == 0) {
		x->in_is = false;
	} else if (strcmp(ln, "t") == 0) {
		x->in_t = false;
	} else if (strcmp(ln, "rPh") == 0 && x->in_rph > 0) {
		x->in_rph--;
	}
}

static void stop_stream(struct xlsx *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
	if (x->zf)
		zip_fclose(x->zf);
	x->zf = NULL;
}

static int start_stream(struct xlsx *x, struct ferr *err)
{
	stop_stream(x);
	x->zf = open_entry(x, x->sheet_index, x->sheet->part, err);
	if (!x->zf)
		return -1;
	x->part = P_SHEET;
	x->p = new_parser(x, sheet_start, sheet_end, text_chars);
	x->suspended = x->final_fed = x->eof = x->row_ready = false;
	x->in_sheetdata = x->in_row = x->in_cell = x->in_v = x->in_is = x->in_t = false;
	x->in_rph = 0;
	x->done = 0;
	x->row_num = 0;
	x->ncells = 0;
	strbuf_reset(&x->herr);
	return 0;
}

/* Fills row from the completed cells. */
static void make_row(struct xlsx *x, struct row *row)
{
	int nf = 0;
	for (size_t i = 0; i < x->ncells; i++)
		if (x->cells[i].col + 1 > nf)
			nf = x->cells[i].col + 1;
	if (!x->fields)
		x->fields = xcalloc(MAX_COLS, sizeof(*x->fields));
	for (int i = 0; i < nf; i++)
		x->fields[i] = (struct field){"", 0};
	for (size_t i = 0; i < x->ncells; i++)
		x->fields[x->cells[i].col] =
		    (struct field){x->rowtext.buf + x->cells[i].off, x->cells[i].len};
	row->f = x->fields;
	row->nf = nf;
	row->line = x->row_num;
}

/* One step of parsing: resumes or feeds the next chunk. Returns the expat
 * status, or -1 after a read error (err set). */
static int feed(struct xlsx *x, struct ferr *err)
{
	if (x->suspended) {
		x->suspended = false;
		return XML_ResumeParser(x->p);
	}
	void *buf = XML_GetBuffer(x->p, CHUNK);
	if (!buf)
		return XML_STATUS_ERROR;
	zip_int64_t n = zip_fread(x->zf, buf, CHUNK);
	if (n < 0) {
		ferr_setpos(err, x->path, 0, 0, "damaged workbook: cannot read %s: %s.",
		            x->sheet->part, zip_file_strerror(x->zf));
		return -1;
	}
	x->done += n;
	x->final_fed = n == 0;
	return XML_ParseBuffer(x->p, (int)n, n == 0);
}

int xlsx_next(struct xlsx *x, struct row *row, struct ferr *err)
{
	if (x->eof)
		return 0;
	if (!x->p) {
		ferr_setpos(err, x->path, 0, 0,
		            "the workbook cannot be read further after an error.");
		return -1;
	}
	x->row_ready = false;
	for (;;) {
		int st = feed(x, err);
		if (st == -1 || st == XML_STATUS_ERROR) {
			if (st != -1)
				set_xml_error(x, x->sheet->part, err);
			stop_stream(x);
			return -1;
		}
		if (st == XML_STATUS_SUSPENDED)
			x->suspended = true;
		if (x->row_ready) {
			make_row(x, row);
			return 1;
		}
		if (x->final_fed && !x->suspended) {
			x->eof = true;
			stop_stream(x);
			return 0;
		}
	}
}

int xlsx_rewind(struct xlsx *x, struct ferr *err)
{
	return start_stream(x, err);
}

const char *xlsx_sheet_at(const struct xlsx *x, size_t i)
{
	for (size_t k = 0; k < x->nsheets; k++)
		if (!x->sheets[k].chart && x->sheets[k].part && i-- == 0)
			return x->sheets[k].name;
	return NULL;
}

const char *xlsx_sheet_name(const struct xlsx *x)
{
	return x->sheet->name;
}

void xlsx_progress(const struct xlsx *x, long long *done, long long *total)
{
	if (done)
		*done = x->eof ? x->sheet_size : x->done;
	if (total)
		*total = x->sheet_size;
}

/* ---- opening ------------------------------------------------------------ */

/* One sentence for a file libzip refused. */
static void explain_not_zip(const char *path, int zerr, struct ferr *err)
{
	unsigned char magic[8] = {0};
	FILE *f = fopen(path, "rb");
	if (!f) {
		ferr_setpos(err, path, 0, 0, "cannot open the file: %s.", strerror(errno));
		return;
	}
	size_t n = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	if (n == 8 && memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		ferr_setpos(err, path, 0, 0,
		            "this is an old-format (.xls) or password-protected workbook; "
		            "save it as .xlsx or csv without a password.");
	} else if (zerr == ZIP_ER_NOZIP) {
		ferr_setpos(err, path, 0, 0, "this is not an Excel workbook (not a zip file).");
	} else {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		ferr_setpos(err, path, 0, 0, "damaged workbook: %s.", zip_error_strerror(&ze));
		zip_error_fini(&ze);
	}
}

/* Where the workbook part is: from _rels/.rels, else xl/workbook.xml.
 * Returns a string the caller frees, or NULL with err. */
static char *find_workbook(struct xlsx *x, struct ferr *err)
{
	if (read_rels(x, "", err) < 0)
		return NULL;
	const char *t = rel_by_type(x, "officeDocument");
	char *part = t ? resolve("", t) : xstrdup("xl/workbook.xml");
	if (locate(x, part) >= 0)
		return part;
	free(part);
	if (locate(x, "xl/workbook.bin") >= 0)
		ferr_setpos(err, x->path, 0, 0,
		            "this is a binary (.xlsb) workbook; save it as .xlsx or csv.");
	else if (locate(x, "content.xml") >= 0)
		ferr_setpos(err, x->path, 0, 0,
		            "this is an OpenDocument spreadsheet; save it as .xlsx or csv.");
	else
		ferr_setpos(
		    err, x->path, 0, 0,
		    "this is a zip file but not an Excel workbook (it has no workbook part).");
	return NULL;
}

/* Reads workbook.xml and its rels: sheets with their parts, shared strings
 * and styles. Returns 0 or -1. */
static int read_workbook(struct xlsx *x, const char *wb, struct ferr *err)
{
	if (parse_part(x, wb, P_WORKBOOK, wb_start, NULL, NULL, err) < 0 ||
	    read_rels(x, wb, err) < 0)
		return -1;
	for (size_t i = 0; i < x->nsheets; i++) {
		const struct rel *r = rel_by_id(x, x->sheets[i].rid);
		if (!r)
			continue;
		x->sheets[i].part = resolve(wb, r->target);
		size_t tn = strlen(r->type);
		x->sheets[i].chart = tn < 9 || strcmp(r->type + tn - 9, "worksheet") != 0;
	}
	const char *sst = rel_by_type(x, "sharedStrings");
	const char *styles = rel_by_type(x, "styles");
	char *sst_part = sst ? resolve(wb, sst) : NULL;
	char *styles_part = styles ? resolve(wb, styles) : NULL;
	int rc = 0;
	if (styles_part && locate(x, styles_part) >= 0)
		rc = read_styles(x, styles_part, err);
	if (rc == 0 && sst_part && locate(x, sst_part) >= 0)
		rc = parse_part(x, sst_part, P_SST, sst_start, sst_end, text_chars, err);
	free(sst_part);
	free(styles_part);
	x->in_si = x->in_t = false;
	x->in_rph = 0;
	return rc;
}

int xlsx_open(const char *path, const char *sheet, struct xlsx **out, struct ferr *err)
{
	*out = NULL;
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		explain_not_zip(path, zerr, err);
		return -1;
	}
	struct xlsx *x = xcalloc(1, sizeof(*x));
	x->path = xstrdup(path);
	x->zip = z;
	char *wb = find_workbook(x, err);
	if (!wb || read_workbook(x, wb, err) < 0 || choose_sheet(x, sheet, err) < 0 ||
	    start_stream(x, err) < 0) {
		free(wb);
		xlsx_close(x);
		return -1;
	}
	free(wb);
	free_rels(x);
	*out = x;
	return 0;
}

void xlsx_close(struct xlsx *x)
{
	if (!x)
		return;
	stop_stream(x);
	if (x->zip)
		zip_discard(x->zip);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	free_rels(x);
	free(x->fmts);
	free(x->xf_fmt);
	free(x->xf_kind);
	strbuf_free(&x->sst);
	free(x->sst_off);
	strbuf_free(&x->text);
	strbuf_free(&x->rowtext);
	strbuf_free(&x->herr);
	free(x->cells);
	free(x->fields);
	free(x->path);
	free(x);
}
