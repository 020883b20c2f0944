/* csv.c — streaming csv/tsv parsing. The file is read in blocks, converted
 * to UTF-8 (encoding.c) into a window buffer, and each row is cut out of
 * the window with memchr: unquoted fields by the delimiter within the line,
 * quoted fields by the next quote. Fields are copied, NUL-terminated, into
 * one row buffer that only ever grows to the longest row, so there is no
 * allocation per row or field and memory does not depend on the file size.
 * A row cut by the end of the window is parsed again after the window is
 * refilled (the window is read-only, so nothing is lost). Quotes only open
 * a quoted field at the start of a field (after spaces, which are then
 * dropped); elsewhere they are text. */
#include "io/csv.h"
#include "io/encoding.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_BLOCK (1u << 20)
#define MAX_ROW (64u << 20)
/* The sample that decides line ends and delimiter: the complete lines
 * (rows) of the decoded text that end within its first SNIFF_BYTES, at most
 * SNIFF_ROWS of them (docs/import.md). SNIFF_READ raw bytes are read for it:
 * room for the encoding's look-ahead (encoding.h) after a first non-ASCII
 * byte inside the sample, and for a first line longer than the sample. */
#define SNIFF_BYTES 65536
#define SNIFF_ROWS 100
#define SNIFF_READ (4 * SNIFF_BYTES)
#define SHORT_FIELD 24

enum { P_ERR = -1, P_MORE = 0, P_ROW = 1, P_END = 2 };

struct csv {
	int fd;
	char *path;
	struct encoder enc;
	size_t block;
	size_t bom; /* bytes of byte-order mark at the start of the file */
	/* raw bytes read but not yet converted: raw[rawpos..rawlen) */
	unsigned char *raw;
	size_t rawcap, rawpos, rawlen;
	int eof; /* read() said end of file */
	long long nread, size;
	long long end;   /* stop reading at this file offset; 0 = the end of the file */
	int multiline;   /* a quoted field held a line end (kept across rewinds) */
	int scanned_all; /* the whole file was parsed once (kept across rewinds) */
	/* csv_split_ahead: the encoding when the cut was made; c read to the cut */
	enum encoding ahead_enc;
	int scanned_ahead;
	/* UTF-8 window: buf[pos..len) not yet parsed */
	char *buf;
	size_t bufcap, pos, len;
	/* the current row */
	char *rb;
	size_t rbcap;
	struct field *f;
	int fcap;
	long line; /* physical line where the next row starts */
	int delim;
	char eol; /* '\n' (LF or CRLF, a CR before it is dropped) or '\r' (old Mac) */
	const char *eolname;
	char desc[160];
};

static void update_desc(struct csv *c)
{
	const char *d = c->delim == '\t'  ? "tab"
	                : c->delim == ';' ? "';'"
	                : c->delim == ',' ? "','"
	                                  : NULL;
	char dd[8];
	if (!d) {
		snprintf(dd, sizeof(dd), "'%c'", c->delim);
		d = dd;
	}
	char extra[96] = "";
	if (c->enc.fallback)
		snprintf(extra, sizeof(extra),
		         " (%lld bytes that were not UTF-8 read as windows-1252)", c->enc.fallback);
	snprintf(c->desc, sizeof(c->desc), "csv, %s, %s%s%s, %s", d, encoding_name(c->enc.enc),
	         c->bom ? " with BOM" : "", extra, c->eolname);
}

static long long read_some(struct csv *c, void *dst, size_t n)
{
	for (;;) {
		ssize_t k = read(c->fd, dst, n);
		if (k >= 0 || errno != EINTR)
			return k;
	}
}

static int read_error(struct csv *c, struct ferr *err)
{
	ferr_setpos(err, c->path, 0, 0, "cannot read the file: %s.", strerror(errno));
	return -1;
}

/* Reads and converts more of the file, appending to buf[len..). Returns 1
 * when bytes were added, 0 at the end of the file, -1 on a read error. */
static int fill(struct csv *c, struct ferr *err)
{
	if (c->pos > 0) {
		memmove(c->buf, c->buf + c->pos, c->len - c->pos);
		c->len -= c->pos;
		c->pos = 0;
	}
	for (;;) {
		if (c->rawpos > 0) {
			memmove(c->raw, c->raw + c->rawpos, c->rawlen - c->rawpos);
			c->rawlen -= c->rawpos;
			c->rawpos = 0;
		}
		if (!c->eof && c->rawlen < c->rawcap) {
			size_t want = c->rawcap - c->rawlen;
			if (want > c->block)
				want = c->block;
			if (c->end > 0 && (long long)want > c->end - c->nread)
				want = (size_t)(c->end - c->nread);
			long long k = want ? read_some(c, c->raw + c->rawlen, want) : 0;
			if (k < 0)
				return read_error(c, err);
			if (k == 0)
				c->eof = 1;
			c->rawlen += (size_t)k;
			c->nread += k;
		}
		size_t avail = c->rawlen;
		if (avail == 0 && c->eof)
			return 0;
		size_t need = c->len + 3 * avail + 8;
		if (need > c->bufcap) {
			c->bufcap = need > 2 * c->bufcap ? need : 2 * c->bufcap;
			c->buf = xrealloc(c->buf, c->bufcap);
		}
		size_t used, out;
		out = encoding_convert(&c->enc, c->raw, avail, c->eof, c->buf + c->len, &used);
		c->rawpos = used;
		c->len += out;
		if (out > 0) {
			update_desc(c);
			return 1;
		}
		if (c->eof && c->rawpos == c->rawlen)
			return 0;
		if (used == 0 && c->rawlen == c->rawcap) {
			c->rawcap *= 2; /* the encoding's look-ahead is longer than a block */
			c->raw = xrealloc(c->raw, c->rawcap);
		}
	}
}

static int at_end(const struct csv *c)
{
	return c->eof && c->rawpos == c->rawlen;
}

static long count_char(const char *p, const char *e, char ch)
{
	long n = 0;
	while ((p = memchr(p, ch, (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Cuts one row out of buf[pos..len). Returns P_ROW, P_MORE (the row is cut
 * by the end of the window and more data exists), P_END or P_ERR. */
static int parse_row(struct csv *c, struct row *row, int end, struct ferr *err)
{
	const char eol = c->eol, d = (char)c->delim;
	if (!c->buf) /* before the first fill: NULL + 0 is undefined in C */
		return end ? P_END : P_MORE;
	const char *s = c->buf + c->pos, *e = c->buf + c->len;
	/* blank lines: consumed for good */
	while (s < e) {
		if (*s == eol) {
			s++;
		} else if (eol == '\n' && *s == '\r' && (s + 1 == e || s[1] == '\n')) {
			if (s + 1 == e && !end)
				break;
			s += s + 1 == e ? 1 : 2;
		} else {
			break;
		}
		c->line++;
		c->pos = (size_t)(s - c->buf);
	}
	if (s >= e)
		return end ? P_END : P_MORE;
	if ((size_t)(e - s) + 1 > c->rbcap) {
		c->rbcap = (size_t)(e - s) + 1;
		c->rb = xrealloc(c->rb, c->rbcap);
	}
	char *w = c->rb;
	int nf = 0;
	long nl = 0;
	const char *p = s, *le = NULL;
	for (;;) {
		if (nf == c->fcap) {
			c->fcap = c->fcap ? 2 * c->fcap : 64;
			c->f = xreallocarray(c->f, (size_t)c->fcap, sizeof(*c->f));
		}
		char *fs = w;
		if (p < e && *p == ' ' && d != ' ') {
			/* `a, "b, c"`: spaces before an opening quote are not text */
			const char *q = p;
			while (q < e && *q == ' ')
				q++;
			if (q < e && *q == '"')
				p = q;
		}
		if (p < e && *p == '"') {
			const char *q = p + 1;
			for (;;) {
				const char *r = memchr(q, '"', (size_t)(e - q));
				if (!r) {
					if (!end)
						return P_MORE;
					ferr_setpos(
					    err, c->path, c->line, nf + 1,
					    "a quoted field starting on this line never ends "
					    "(its closing quote is missing).");
					return P_ERR;
				}
				nl += count_char(q, r, eol);
				if (nl)
					c->multiline = 1;
				memcpy(w, q, (size_t)(r - q));
				w += r - q;
				if (r + 1 >= e && !end)
					return P_MORE;
				if (r + 1 < e && r[1] == '"') {
					*w++ = '"';
					q = r + 2;
					continue;
				}
				p = r + 1;
				break;
			}
			/* text after the closing quote is kept, up to the delimiter */
			while (p < e && *p != d && *p != eol && *p != '\r')
				*w++ = *p++;
			*w = '\0';
			c->f[nf].p = fs;
			c->f[nf].n = (size_t)(w - fs);
			w++;
			nf++;
			if (p >= e) {
				if (!end)
					return P_MORE;
				break;
			}
			if (*p == d) {
				p++;
				continue;
			}
			if (*p == eol) {
				p++;
				break;
			}
			/* a CR in an LF file */
			if (p + 1 >= e && !end)
				return P_MORE;
			p += (p + 1 < e && p[1] == '\n') ? 2 : 1;
			break;
		}
		if (!le || le < p) {
			le = memchr(p, eol, (size_t)(e - p));
			if (!le) {
				if (!end)
					return P_MORE;
				le = e;
			}
		}
		/* the first bytes one by one, copied as they are scanned: most
		 * fields are short, and two library calls cost more than that */
		const char *q = p, *stop = le - p > SHORT_FIELD ? p + SHORT_FIELD : le, *r;
		while (q < stop && *q != d)
			*w++ = *q++;
		if (q < stop) {
			r = q;
		} else if (stop == le) {
			r = NULL;
		} else {
			r = memchr(q, d, (size_t)(le - q));
			const char *e2 = r ? r : le;
			memcpy(w, q, (size_t)(e2 - q));
			w += e2 - q;
		}
		if (!r && eol == '\n' && le > p && le[-1] == '\r')
			w--; /* the CR of a CRLF line end */
		*w = '\0';
		c->f[nf].p = fs;
		c->f[nf].n = (size_t)(w - fs);
		w++;
		nf++;
		if (r) {
			p = r + 1;
			continue;
		}
		p = le < e ? le + 1 : e;
		break;
	}
	row->f = c->f;
	row->nf = nf;
	row->line = c->line;
	c->line += 1 + nl;
	c->pos = (size_t)(p - c->buf);
	return P_ROW;
}

int csv_next(struct csv *c, struct row *row, struct ferr *err)
{
	for (;;) {
		int r = parse_row(c, row, at_end(c), err);
		if (r == P_ROW)
			return 1;
		if (r == P_END) {
			if (c->end == 0)
				c->scanned_all = 1;
			else
				c->scanned_ahead = 1;
			return 0;
		}
		if (r == P_ERR)
			return -1;
		if (c->len - c->pos > MAX_ROW) {
			ferr_setpos(err, c->path, c->line, 0,
			            "a row starting on this line is longer than 64 MB "
			            "(a closing quote is probably missing).");
			return -1;
		}
		if (fill(c, err) < 0)
			return -1;
	}
}

/* Number of fields of each of the first rows of buf[0..n) split by d,
 * honouring quotes; a last row without a line end counts only when
 * `complete` (the sample is the whole file). Returns the number of rows
 * counted (blank lines skipped). */
static int sample_counts(const char *buf, size_t n, char d, char eol, int complete, int *counts,
                         int max)
{
	int rows = 0, nf = 1, inq = 0, atstart = 1, empty = 1;
	for (size_t i = 0; i < n && rows < max; i++) {
		char ch = buf[i];
		if (inq) {
			if (ch == '"') {
				if (i + 1 < n && buf[i + 1] == '"')
					i++;
				else
					inq = 0;
			}
			continue;
		}
		if (ch == eol) {
			if (!empty)
				counts[rows++] = nf;
			nf = 1;
			atstart = empty = 1;
			continue;
		}
		if (ch == '\r')
			continue;
		empty = 0;
		if (ch == '"' && atstart) {
			inq = 1;
			atstart = 0;
		} else if (ch == ' ' && atstart) {
			/* spaces before an opening quote */
		} else if (ch == d) {
			nf++;
			atstart = 1;
		} else {
			atstart = 0;
		}
	}
	if (complete && !empty && rows < max)
		counts[rows++] = nf;
	return rows;
}

/* Picks the delimiter that splits the most sample rows into the same
 * number (> 1) of fields — the most common count, so title rows above the
 * header do not count against it; ties go to more fields, then to the
 * order , ; TAB. A single-column file gets ','. */
static int detect_delimiter(const char *buf, size_t n, char eol, int complete)
{
	static const char cand[] = {',', ';', '\t'};
	int counts[SNIFF_ROWS];
	int best = ',', best_same = 0, best_m = 0;
	for (size_t k = 0; k < sizeof(cand); k++) {
		int rows = sample_counts(buf, n, cand[k], eol, complete, counts, SNIFF_ROWS);
		int mode = 0, mode_n = 0;
		for (int i = 0; i < rows; i++) {
			if (counts[i] < 2)
				continue;
			int same = 0;
			for (int j = 0; j < rows; j++)
				same += counts[j] == counts[i];
			if (same > mode_n || (same == mode_n && counts[i] > mode)) {
				mode = counts[i];
				mode_n = same;
			}
		}
		if (mode < 2)
			continue;
		if (mode_n > best_same || (mode_n == best_same && mode > best_m)) {
			best = cand[k];
			best_same = mode_n;
			best_m = mode;
		}
	}
	return best;
}

/* LF when the sample has a line feed (CRLF when the first one follows a
 * CR), else CR when it has a carriage return (old Mac files). */
static void detect_eol(struct csv *c, const char *s, size_t n)
{
	const char *nlp = memchr(s, '\n', n);
	c->eol = '\n';
	c->eolname = "LF";
	if (nlp) {
		if (nlp > s && nlp[-1] == '\r')
			c->eolname = "CRLF";
	} else if (memchr(s, '\r', n)) {
		c->eol = '\r';
		c->eolname = "CR";
	}
}

static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Byte-order marks, UTF-16 without a mark (every other byte NUL), binary
 * data, in the first n bytes s of the file. Returns 0, or -1 with err. */
static int sniff_bytes(struct csv *c, const unsigned char *s, size_t n, struct ferr *err)
{
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		c->bom = 3;
		encoding_init(&c->enc, ENC_UTF8);
	} else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE && !(n >= 4 && !s[2] && !s[3])) {
		c->bom = 2;
		encoding_init(&c->enc, ENC_UTF16LE);
	} else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		c->bom = 2;
		encoding_init(&c->enc, ENC_UTF16BE);
	}
	if (c->bom && c->enc.enc != ENC_UTF8)
		return 0;
	size_t m = n - c->bom;
	const unsigned char *t = s + c->bom;
	size_t nul[2] = {0, 0}, ctl = 0;
	for (size_t i = 0; i < m; i++) {
		if (!t[i])
			nul[i & 1]++;
		else if (t[i] < 0x20 && t[i] != '\t' && t[i] != '\n' && t[i] != '\r' &&
		         t[i] != '\f' && t[i] != '\v' && t[i] != 0x1A)
			ctl++;
	}
	if (!c->bom && m >= 4 && nul[0] + nul[1] > 0) {
		if (nul[1] * 10 >= m * 4 && nul[0] * 100 <= m) {
			encoding_init(&c->enc, ENC_UTF16LE);
			return 0;
		}
		if (nul[0] * 10 >= m * 4 && nul[1] * 100 <= m) {
			encoding_init(&c->enc, ENC_UTF16BE);
			return 0;
		}
	}
	if (nul[0] + nul[1] > 0 || ctl * 100 > m) {
		ferr_setpos(
		    err, c->path, 0, 0,
		    "this is not a text (csv) file or an Excel workbook: it contains binary data.");
		return -1;
	}
	return 0;
}

/* The length of the sample at the start of the decoded text u[0..len):
 * the lines that end (LF or CR) within its first SNIFF_BYTES; when no line
 * ends there, the first line, however long. `whole`: u is the whole file,
 * so a last line without a line end is complete too. *to_end gets 1 when
 * the sample is the whole file. The result depends on the text only: a
 * longer file that starts with the same sample gets the same one. */
static size_t sample_len(const char *u, size_t len, int whole, int *to_end)
{
	*to_end = 0;
	if (whole && len <= SNIFF_BYTES) {
		*to_end = 1;
		return len;
	}
	for (size_t k = len < SNIFF_BYTES ? len : SNIFF_BYTES; k > 0; k--)
		if (u[k - 1] == '\n' || u[k - 1] == '\r')
			return k;
	for (size_t k = SNIFF_BYTES; k < len; k++)
		if (u[k] == '\n' || u[k] == '\r')
			return k + 1;
	*to_end = whole;
	return len;
}

/* Reads the start of the file (SNIFF_READ bytes, whatever the block size)
 * and decides what can be decided there: BOM, binary data, the encoding
 * when a non-ASCII byte occurs early enough (else it is decided the same
 * way where one first occurs), then — on the decoded sample of complete
 * lines (sample_len) — line ends and the delimiter. Leaves the file at its
 * start. Returns 0, or -1 with err. */
static int sniff(struct csv *c, int delimiter, struct ferr *err)
{
	unsigned char *s = xmalloc(SNIFF_READ);
	char *u = NULL;
	size_t n = 0;
	int rc = -1;
	while (n < SNIFF_READ) {
		long long k = read_some(c, s + n, SNIFF_READ - n);
		if (k < 0) {
			read_error(c, err);
			goto out;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	int whole = n < SNIFF_READ;
	if (n == 0) {
		ferr_setpos(err, c->path, 0, 0, "the file is empty.");
		goto out;
	}
	if (sniff_bytes(c, s, n < SNIFF_BYTES ? n : SNIFF_BYTES, err) < 0)
		goto out;
	u = xmalloc(3 * n + 8);
	size_t used, len = encoding_convert(&c->enc, s + c->bom, n - c->bom, whole, u, &used);
	c->enc.fallback = c->enc.nul = 0;
	if (whole && only_space(u, len)) {
		ferr_setpos(err, c->path, 0, 0, "the file is empty (only blank lines).");
		goto out;
	}
	/* the conversion stops before a late first non-ASCII byte whose
	 * look-ahead was not read: whole is then no longer true of u */
	int to_end;
	size_t m = sample_len(u, len, whole && used == n - c->bom, &to_end);
	detect_eol(c, u, m);
	c->delim = delimiter ? delimiter : detect_delimiter(u, m, c->eol, to_end);
	if (lseek(c->fd, 0, SEEK_SET) < 0) {
		ferr_setpos(err, c->path, 0, 0,
		            "cannot read the file twice (%s); save it to a regular file first.",
		            strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(s);
	free(u);
	return rc;
}

/* Reads the first block (and converts it), as open and rewind do. */
static int start(struct csv *c, struct ferr *err)
{
	c->rawpos = c->rawlen = 0;
	c->pos = c->len = 0;
	c->eof = 0;
	c->nread = 0;
	c->line = 1;
	size_t first = c->block < 4 ? 4 : c->block; /* at least the BOM */
	while (!c->eof && c->rawlen < first) {
		long long k = read_some(c, c->raw + c->rawlen, first - c->rawlen);
		if (k < 0)
			return read_error(c, err);
		if (k == 0)
			c->eof = 1;
		c->rawlen += (size_t)k;
		c->nread += k;
	}
	c->rawpos = c->bom < c->rawlen ? c->bom : c->rawlen;
	return 0;
}

int csv_open(const char *path, const struct csv_opts *opts, struct csv **out, struct ferr *err)
{
	*out = NULL;
	struct csv *c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	c->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (c->fd < 0) {
		ferr_setpos(err, path, 0, 0, "cannot open the file: %s.", strerror(errno));
		goto fail;
	}
	struct stat st;
	if (fstat(c->fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			ferr_setpos(err, path, 0, 0, "this is a folder, not a file.");
			goto fail;
		}
		if (S_ISREG(st.st_mode))
			c->size = st.st_size;
	}
	c->block = opts && opts->block ? opts->block : DEFAULT_BLOCK;
	c->rawcap = 2 * (c->block < 8 ? 8 : c->block);
	c->raw = xmalloc(c->rawcap);
	encoding_init(&c->enc, ENC_AUTO);
	if (sniff(c, opts ? opts->delimiter : 0, err) < 0)
		goto fail;
	if (start(c, err) < 0)
		goto fail;
	update_desc(c);
	*out = c;
	return 0;
fail:
	csv_close(c);
	return -1;
}

int csv_rewind(struct csv *c, struct ferr *err)
{
	c->end = 0;
	if (lseek(c->fd, 0, SEEK_SET) < 0) {
		ferr_setpos(
		    err, c->path, 0, 0,
		    "cannot read the file a second time (%s); save it to a regular file first.",
		    strerror(errno));
		return -1;
	}
	c->enc.fallback = 0;
	c->enc.nul = 0;
	return start(c, err);
}

/* The offset just after the first line end at or after `at`, or -1. */
static long long next_line_start(int fd, long long at, char eol)
{
	char b[65536];
	for (;;) {
		ssize_t k = pread(fd, b, sizeof(b), (off_t)at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		const char *p = memchr(b, eol, (size_t)k);
		if (p)
			return at + (p - b) + 1;
		at += k;
	}
}

/* Cuts c at the first line start after the middle of the file: c stops
 * there and *second reads on from it (see csv_split). */
static int cut(struct csv *c, struct csv **second, struct ferr *err)
{
	long long at = next_line_start(c->fd, c->size / 2, c->eol);
	/* the first part must not have read past the cut already */
	if (at < 0 || at >= c->size || at <= c->nread)
		return 0;
	struct csv *d = xcalloc(1, sizeof(*d));
	d->path = xstrdup(c->path);
	d->fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (d->fd < 0 || lseek(d->fd, (off_t)at, SEEK_SET) < 0) {
		ferr_setpos(err, c->path, 0, 0, "cannot open the file: %s.", strerror(errno));
		csv_close(d);
		return -1;
	}
	d->size = c->size;
	d->block = c->block;
	d->rawcap = c->rawcap;
	d->raw = xmalloc(d->rawcap);
	encoding_init(&d->enc, c->enc.enc);
	d->delim = c->delim;
	d->eol = c->eol;
	d->eolname = c->eolname;
	d->nread = at;
	d->line = 1;
	d->multiline = 0;
	d->scanned_all = 1;
	update_desc(d);
	c->end = at;
	*second = d;
	return 1;
}

/* Whether c may be cut at all: not cut already, a regular file, and an
 * encoding in which a line end is one byte that nothing else contains. */
static int cuttable(const struct csv *c)
{
	return c->end == 0 && c->size > 0 &&
	       (c->enc.enc == ENC_AUTO || c->enc.enc == ENC_UTF8 || c->enc.enc == ENC_CP1252);
}

int csv_split(struct csv *c, struct csv **second, struct ferr *err)
{
	*second = NULL;
	if (!c->scanned_all || c->multiline || !cuttable(c))
		return 0;
	return cut(c, second, err);
}

int csv_split_ahead(struct csv *c, struct csv **second, struct ferr *err)
{
	*second = NULL;
	if (c->scanned_all || !cuttable(c))
		return 0;
	int rc = cut(c, second, err);
	if (rc == 1) {
		(*second)->scanned_all = 0;
		(*second)->ahead_enc = c->enc.enc;
		c->ahead_enc = c->enc.enc;
	}
	return rc;
}

int csv_join_ahead(struct csv *c, struct csv *second)
{
	/* c stopped at the cut on a line end outside quotes (else its last
	 * quoted field would have had no end); neither part saw a quoted line
	 * end; and both converted bytes as one reader would: the encoding was
	 * decided before the cut was made, or neither part met a non-ASCII byte
	 * (ENC_AUTO decides from a look-ahead that the cut would shorten). */
	int ok =
	    c->end != 0 && c->scanned_ahead && second->scanned_all && !c->multiline &&
	    !second->multiline &&
	    (c->ahead_enc != ENC_AUTO || (c->enc.enc == ENC_AUTO && second->enc.enc == ENC_AUTO));
	c->end = 0;
	c->scanned_ahead = 0;
	if (ok)
		c->scanned_all = 1;
	return ok;
}

long csv_line(const struct csv *c)
{
	return c->line;
}

const char *csv_describe(const struct csv *c)
{
	return c->desc;
}

int csv_delimiter(const struct csv *c)
{
	return c->delim;
}

void csv_progress(const struct csv *c, long long *done, long long *total)
{
	if (done)
		*done = c->nread - (long long)(c->rawlen - c->rawpos);
	if (total)
		*total = c->size;
}

void csv_close(struct csv *c)
{
	if (!c)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c->path);
	free(c->raw);
	free(c->buf);
	free(c->rb);
	free(c->f);
	free(c);
}
