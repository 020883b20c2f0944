/* progress.c — the one progress line of long jobs (see progress.h): text
 * built by progress_format, drawn with "\r" and "erase to end of line" so
 * the next draw replaces it, cut to the terminal's width so it never wraps
 * (a wrapped line cannot be redrawn in place). */
#include "util/progress.h"

#include <math.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_S 0.1 /* at most ten draws a second */
#define RATE_AFTER_S 0.5

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(const struct progress *p)
{
	return p->clock ? p->clock() : mono();
}

static void set_text(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s ? s : "");
}

void progress_start_on(struct progress *p, FILE *out, const char *label, enum progress_unit unit,
                       const char *what, enum lang lang)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->unit = unit;
	p->lang = lang;
	p->pass = 1;
	p->cols = 80;
	set_text(p->label, sizeof(p->label), label);
	set_text(p->what, sizeof(p->what), what);
	p->t0 = now(p);
	p->drawn_at = -1;
	struct winsize ws;
	if (out && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		p->cols = ws.ws_col;
}

void progress_start(struct progress *p, const char *label, enum progress_unit unit,
                    const char *what, int quiet, enum lang lang)
{
	FILE *out = !quiet && isatty(fileno(stderr)) ? stderr : NULL;
	progress_start_on(p, out, label, unit, what, lang);
}

/* A byte count in the unit that suits `scale` (kB, MB, GB; 1000-based). */
static const char *bytes_unit(long long scale, double *div)
{
	if (scale >= 1000000000LL) {
		*div = 1e9;
		return "GB";
	}
	if (scale >= 1000000LL) {
		*div = 1e6;
		return "MB";
	}
	*div = 1e3;
	return "kB";
}

static void add(char *buf, size_t cap, size_t *len, const char *fmt, const char *a, const char *b,
                const char *c)
{
	if (*len >= cap)
		return;
	int n = snprintf(buf + *len, cap - *len, fmt, a, b, c);
	if (n > 0)
		*len = *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

/* "45 s", "3 min 05 s", "2 h 04 min". */
static const char *duration(char *b, size_t cap, double s)
{
	long t = (long)ceil(s);
	if (t < 60)
		snprintf(b, cap, "%ld s", t);
	else if (t < 3600)
		snprintf(b, cap, "%ld min %02ld s", t / 60, t % 60);
	else
		snprintf(b, cap, "%ld h %02ld min", t / 3600, (t % 3600) / 60);
	return b;
}

const char *progress_format(char *buf, size_t cap, const struct progress *p, long long done,
                            long long total, double elapsed)
{
	enum lang l = p->lang;
	char x[48], y[48], z[48];
	size_t len = 0;
	buf[0] = '\0';
	add(buf, cap, &len, "%s", p->label, NULL, NULL);
	if (total <= 0 && done <= 0) { /* nothing to count yet */
		add(buf, cap, &len, "…", NULL, NULL, NULL);
		return buf;
	}
	if (p->pass > 1) {
		snprintf(x, sizeof(x), "%d", p->pass);
		add(buf, cap, &len, TR(l, " (pass %s)", " (varv %s)"), x, NULL, NULL);
	}
	if (total > 0) {
		double frac = done < 0 ? 0 : done > total ? 1 : (double)done / (double)total;
		add(buf, cap, &len, " · %s", fmt_pct(x, sizeof(x), frac, 0, l), NULL, NULL);
	}
	double div = 1;
	const char *u = NULL;
	if (p->unit == PROGRESS_BYTES) {
		u = bytes_unit(total > 0 ? total : done, &div);
		fmt_num(x, sizeof(x), (double)done / div, 1, l);
		if (total > 0)
			add(buf, cap, &len, TR(l, " · %s of %s %s", " · %s av %s %s"), x,
			    fmt_num(y, sizeof(y), (double)total / div, 1, l), u);
		else
			add(buf, cap, &len, " · %s %s", x, u, NULL);
	} else {
		fmt_int(x, sizeof(x), done, l);
		if (total > 0)
			add(buf, cap, &len, TR(l, " · %s of %s", " · %s av %s"), x,
			    fmt_int(y, sizeof(y), total, l), NULL);
		else
			add(buf, cap, &len, " · %s", x, NULL, NULL);
		if (p->what[0])
			add(buf, cap, &len, " %s", p->what, NULL, NULL);
	}
	if (elapsed >= RATE_AFTER_S && done > 0) {
		double rate = (double)done / elapsed;
		if (p->unit == PROGRESS_BYTES)
			add(buf, cap, &len, " · %s %s/s", fmt_num(z, sizeof(z), rate / div, 1, l),
			    u, NULL);
		else
			add(buf, cap, &len, " · %s/s",
			    fmt_num(z, sizeof(z), rate, rate < 10 ? 1 : 0, l), NULL, NULL);
		if (total > 0 && done < total)
			add(buf, cap, &len, TR(l, " · %s left", " · %s kvar"),
			    duration(z, sizeof(z), (double)(total - done) / rate), NULL, NULL);
	}
	return buf;
}

/* Cuts s to at most cols - 1 characters (UTF-8 aware), so it never wraps. */
static void fit(char *s, int cols)
{
	int chars = 0;
	for (char *q = s; *q; q++) {
		if (((unsigned char)*q & 0xC0) == 0x80)
			continue;
		if (++chars >= cols) {
			*q = '\0';
			return;
		}
	}
}

static void draw(struct progress *p, long long done, long long total, double t)
{
	char line[256];
	progress_format(line, sizeof(line), p, done, total, t - p->t0);
	fit(line, p->cols);
	fprintf(p->out, "\r%s\033[K", line);
	fflush(p->out);
	p->shown = 1;
	p->drawn_at = t;
}

void progress_update(struct progress *p, long long done, long long total)
{
	if (!p || !p->out)
		return;
	double t = now(p);
	if (done < p->last_done) { /* a new pass over the same work */
		p->pass++;
		p->t0 = t;
	}
	p->last_done = done;
	if (p->drawn_at >= 0 && t - p->drawn_at < REDRAW_S && !(total > 0 && done >= total))
		return;
	draw(p, done, total, t);
}

void progress_cb(void *arg, long long done, long long total)
{
	progress_update(arg, done, total);
}

void progress_relabel(struct progress *p, const char *label)
{
	if (!p || !p->out)
		return;
	set_text(p->label, sizeof(p->label), label);
	p->pass = 1;
	p->last_done = 0;
	p->t0 = now(p);
	p->drawn_at = -1;
}

void progress_end(struct progress *p)
{
	if (!p || !p->out)
		return;
	if (p->shown)
		fputs("\r\033[K", p->out);
	fflush(p->out);
	p->shown = 0;
	p->out = NULL;
}
