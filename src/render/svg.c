/* svg.c — the customer matrix as SVG (see svg.h). Revenue on x, potential
 * on y, both log10 of currency units over whole decades. Values that a log
 * scale cannot show (0, negative, unknown potential) are drawn in a shaded
 * strip at the edge of their axis, and the legend says so. Quadrants are
 * shaded by category and labelled with their counts; the threshold lines
 * carry their values. Large runs are thinned to one point per 3×3 px cell
 * and category (SVG_EXACT_POINTS). */
#include "render/svg.h"
#include "render/html.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const strong[CAT_COUNT] = {"#1a7f5a", "#2c6fbb", "#d9822b", "#7a7f87"};
static const char *const shade[CAT_COUNT] = {"#e3f4ec", "#e4eef9", "#fcefdf", "#f0f1f3"};

const char *svg_category_color(int c)
{
	return c >= 0 && c < CAT_COUNT ? strong[c] : "#888888";
}

const char *svg_category_shade(int c)
{
	return c >= 0 && c < CAT_COUNT ? shade[c] : "#f4f4f4";
}

/* Geometry of the drawing. */
enum {
	W = 1100,
	H = 700,
	PX0 = 100,  /* plot left (the edge strip starts here) */
	PX1 = 740,  /* plot right */
	PY0 = 70,   /* plot top */
	PY1 = 610,  /* plot bottom (the edge strip ends here) */
	STRIP = 22, /* width of the edge strips for values <= 0 */
	LEGEND_X = 768,
};

struct scale {
	double lmin, lmax; /* decades (log10 of currency units) */
	double a0, a1;     /* pixel range for lmin..lmax */
};

/* Decade range over the positive values (minor units) and threshold. */
static void scale_fit(struct scale *s, const struct cat_row *rows, size_t n, int pot,
                      struct cat_threshold t)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		if (pot && rows[i].potential_source == POTSRC_UNKNOWN)
			continue;
		int64_t v = pot ? rows[i].potential : rows[i].revenue;
		if (v <= 0)
			continue;
		double l = log10((double)v / 100.0);
		if (l < lo)
			lo = l;
		if (l > hi)
			hi = l;
	}
	if (t.has && t.value > 0) {
		double l = log10((double)t.value / 100.0);
		lo = l < lo ? l : lo;
		hi = l > hi ? l : hi;
	}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 3;
	}
	s->lmin = floor(lo);
	s->lmax = ceil(hi);
	if (s->lmax <= s->lmin)
		s->lmax = s->lmin + 1;
}

/* Pixel of a positive value (minor units). */
static double scale_px(const struct scale *s, int64_t v)
{
	double l = log10((double)v / 100.0);
	return s->a0 + (l - s->lmin) / (s->lmax - s->lmin) * (s->a1 - s->a0);
}

/* A deterministic spread inside the edge strip, so piles stay visible. */
static double jitter(size_t i)
{
	uint32_t h = (uint32_t)i * 2654435761u;
	return ((double)(h >> 16 & 0xff) / 255.0 - 0.5) * (STRIP - 10);
}

/* Tick label for 10^d currency units. */
static void tick_label(char *buf, size_t size, int d, enum lang lang)
{
	if (d < 0) {
		snprintf(buf, size, lang == LANG_SV ? "0,%0*d" : "0.%0*d", -d, 1);
	} else if (d < 6) {
		char n[32];
		fmt_int(n, sizeof(n), (int64_t)llround(pow(10, d)), lang);
		snprintf(buf, size, "%s", n);
	} else if (d < 9) {
		snprintf(buf, size, "%d %s", (int)llround(pow(10, d - 6)), TR(lang, "M", "mn"));
	} else {
		snprintf(buf, size, "%d %s", (int)llround(pow(10, d - 9)), TR(lang, "B", "md"));
	}
}

static void money_label(char *buf, size_t size, int64_t v, enum lang lang)
{
	char m[64];
	fmt_money(m, sizeof(m), v, lang);
	snprintf(buf, size, "%s", m);
}

/* The grid lines and tick labels of one axis: a line at each 1..9 × 10^d,
 * labelled at each decade; vertical lines for the x axis (vert), else
 * horizontal ones. */
static void draw_axis(FILE *f, const struct scale *s, int vert, enum lang lang)
{
	char b[32];
	for (int d = (int)s->lmin; d <= (int)s->lmax; d++) {
		for (int k = 1; k < 10; k++) {
			double l = d + log10(k);
			if (l > s->lmax + 1e-9)
				break;
			double p = s->a0 + (l - s->lmin) / (s->lmax - s->lmin) * (s->a1 - s->a0);
			const char *cls = k == 1 ? "fk-major" : "fk-minor";
			if (vert)
				fprintf(f,
				        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
				        "class=\"%s\"/>\n",
				        p, PY0, p, PY1, cls);
			else
				fprintf(f,
				        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
				        "class=\"%s\"/>\n",
				        PX0, p, PX1, p, cls);
			if (k != 1)
				continue;
			tick_label(b, sizeof(b), d, lang);
			if (vert)
				fprintf(f,
				        "<text x=\"%.1f\" y=\"%d\" class=\"fk-tick\" "
				        "text-anchor=\"middle\">%s</text>\n",
				        p, PY1 + 18, b);
			else
				fprintf(f,
				        "<text x=\"%d\" y=\"%.1f\" class=\"fk-tick\" "
				        "text-anchor=\"end\">%s</text>\n",
				        PX0 - 8, p + 4, b);
		}
	}
}

/* Grid lines and tick labels of both axes. */
static void draw_axes(FILE *f, const struct scale *sx, const struct scale *sy, enum lang lang)
{
	fputs("<g class=\"fk-grid\">\n", f);
	draw_axis(f, sx, 1, lang);
	draw_axis(f, sy, 0, lang);
	fputs("</g>\n", f);
	/* the edge strips */
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#fk-hatch)\"/>\n",
	        PX0, PY0, STRIP, PY1 - PY0);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#fk-hatch)\"/>\n",
	        PX0, PY1 - STRIP, PX1 - PX0, STRIP);
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"fk-tick\" text-anchor=\"middle\">≤ 0</text>\n",
	        PX0 + STRIP / 2, PY1 + 18);
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"fk-tick\" text-anchor=\"end\">≤ 0 / ?</text>\n",
	        PX0 - 8, PY1 - STRIP / 2 + 4);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"fk-frame\"/>\n", PX0,
	        PY0, PX1 - PX0, PY1 - PY0);
}

struct pt {
	float x, y;
	int8_t cat;
	uint8_t flags; /* 1 unknown potential, 2 overridden */
};

static int pt_cmp(const void *a, const void *b)
{
	const struct pt *p = a, *q = b;
	/* draw 3 first and 1 last, so the few important points stay on top */
	if (p->cat != q->cat)
		return p->cat > q->cat ? -1 : 1;
	if ((int)(p->x / 3) != (int)(q->x / 3))
		return (int)(p->x / 3) < (int)(q->x / 3) ? -1 : 1;
	if ((int)(p->y / 3) != (int)(q->y / 3))
		return (int)(p->y / 3) < (int)(q->y / 3) ? -1 : 1;
	return (int)p->flags - (int)q->flags;
}

static int same_cell(const struct pt *p, const struct pt *q)
{
	return p->cat == q->cat && (int)(p->x / 3) == (int)(q->x / 3) &&
	       (int)(p->y / 3) == (int)(q->y / 3) && p->flags == q->flags;
}

static const char *const cls[CAT_COUNT] = {"fk-c1", "fk-c2r", "fk-c2p", "fk-c3"};

static void style(FILE *f)
{
	fputs("<style>\n"
	      ".fk-svg text{font-family:'Segoe UI',Helvetica,Arial,sans-serif;fill:#222}\n"
	      ".fk-major{stroke:#c9cdd2;stroke-width:1}\n"
	      ".fk-minor{stroke:#e6e8eb;stroke-width:0.6}\n"
	      ".fk-tick{font-size:12px;fill:#555!important}\n"
	      ".fk-frame{fill:none;stroke:#8a9099;stroke-width:1}\n"
	      ".fk-thr{stroke:#222;stroke-width:1.6;stroke-dasharray:7 4}\n"
	      ".fk-thrlabel{font-size:12px;font-weight:600}\n"
	      ".fk-qlabel{font-size:17px;font-weight:700}\n"
	      ".fk-qcount{font-size:12px}\n"
	      ".fk-halo{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}\n"
	      ".fk-title{font-size:20px;font-weight:700}\n"
	      ".fk-axis{font-size:14px;font-weight:600}\n"
	      ".fk-legend{font-size:13px}\n"
	      ".fk-note{font-size:11.5px;fill:#555!important}\n",
	      f);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(f, ".%s{fill:%s;fill-opacity:.78;stroke:#fff;stroke-width:.5}\n", cls[c],
		        strong[c]);
	fputs(".fk-unk{fill:#fff!important;fill-opacity:1!important;stroke-width:1.3!important}\n"
	      ".fk-ovr{stroke:#111!important;stroke-width:1.4!important}\n",
	      f);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(f, ".%s.fk-unk{stroke:%s!important}\n", cls[c], strong[c]);
	fputs("</style>\n", f);
}

/* Pixel x of the revenue threshold, y of the potential threshold. */
static double thr_x(const struct scale *sx, struct cat_threshold t)
{
	if (!t.has)
		return PX1;
	if (t.value <= 0)
		return PX0;
	return scale_px(sx, t.value);
}

static double thr_y(const struct scale *sy, struct cat_threshold t)
{
	if (!t.has)
		return PY0;
	if (t.value <= 0)
		return PY1;
	return scale_px(sy, t.value);
}

static void quadrants(FILE *f, double tx, double ty, const size_t *count, enum lang lang)
{
	struct {
		int cat;
		double x0, y0, x1, y1;
		int right, top;
	} q[4] = {
	    {CAT_1, tx, PY0, PX1, ty, 1, 1},
	    {CAT_2R, tx, ty, PX1, PY1, 1, 0},
	    {CAT_2P, PX0, PY0, tx, ty, 0, 1},
	    {CAT_3, PX0, ty, tx, PY1, 0, 0},
	};
	for (int i = 0; i < 4; i++)
		if (q[i].x1 - q[i].x0 > 0.5 && q[i].y1 - q[i].y0 > 0.5)
			fprintf(f,
			        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			        "fill=\"%s\"/>\n",
			        q[i].x0, q[i].y0, q[i].x1 - q[i].x0, q[i].y1 - q[i].y0,
			        shade[q[i].cat]);
	fputs("<g class=\"fk-quadlabels\">\n", f);
	for (int i = 0; i < 4; i++) {
		if (q[i].x1 - q[i].x0 < 90 || q[i].y1 - q[i].y0 < 44)
			continue;
		double x = q[i].right ? q[i].x1 - 10 : q[i].x0 + STRIP + 10;
		double y = q[i].top ? q[i].y0 + 24 : q[i].y1 - STRIP - 26;
		const char *anchor = q[i].right ? "end" : "start";
		char n[32];
		fmt_int(n, sizeof(n), (int64_t)count[q[i].cat], lang);
		fprintf(
		    f,
		    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"fk-qlabel fk-halo\" "
		    "style=\"fill:%s\">",
		    x, y, anchor, strong[q[i].cat]);
		html_esc(f, category_label((enum category)q[i].cat, lang));
		fprintf(f,
		        "</text>\n<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		        "class=\"fk-qcount fk-halo\" style=\"fill:%s\">%s %s</text>\n",
		        x, y + 17, anchor, strong[q[i].cat], n, TR(lang, "customers", "kunder"));
	}
	fputs("</g>\n", f);
}

static void threshold_lines(FILE *f, const struct cat_run *run, double tx, double ty,
                            enum lang lang)
{
	char m[64], lab[128];
	if (run->revenue_t.has) {
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"fk-thr\"/>\n",
		        tx, PY0, tx, PY1);
		money_label(m, sizeof(m), run->revenue_t.value, lang);
		snprintf(lab, sizeof(lab), "%s %s", TR(lang, "threshold", "gräns"), m);
		fprintf(f,
		        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" class=\"fk-thrlabel "
		        "fk-halo\">%s</text>\n",
		        tx + (tx > PX1 - 120 ? -6 : 6), PY0 - 8, tx > PX1 - 120 ? "end" : "start",
		        lab);
	}
	if (run->potential_t.has) {
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"fk-thr\"/>\n",
		        PX0, ty, PX1, ty);
		money_label(m, sizeof(m), run->potential_t.value, lang);
		snprintf(lab, sizeof(lab), "%s %s", TR(lang, "threshold", "gräns"), m);
		fprintf(f,
		        "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"fk-thrlabel "
		        "fk-halo\">%s</text>\n",
		        PX1 - 6, ty - 6, lab);
	}
}

static void legend(FILE *f, const size_t *count, size_t unknown, size_t overridden, size_t drawn,
                   size_t n, enum lang lang)
{
	int y = PY0 + 6;
	fprintf(
	    f,
	    "<g class=\"fk-legend\"><text x=\"%d\" y=\"%d\" style=\"font-weight:700\">%s</text>\n",
	    LEGEND_X, y, TR(lang, "Category", "Kategori"));
	for (int c = 0; c < CAT_COUNT; c++) {
		y += 24;
		char num[32];
		fmt_int(num, sizeof(num), (int64_t)count[c], lang);
		fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"6\" class=\"%s\"/>", LEGEND_X + 6,
		        y - 4, cls[c]);
		fprintf(f, "<text x=\"%d\" y=\"%d\">", LEGEND_X + 18, y);
		html_esc(f, category_label((enum category)c, lang));
		fprintf(f, " (%s)</text>\n", num);
	}
	y += 28;
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"fk-thr\"/>", LEGEND_X,
	        y - 4, LEGEND_X + 14, y - 4);
	fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEGEND_X + 18, y,
	        TR(lang, "threshold (≥ is high)", "gräns (≥ är hög)"));
	if (unknown) {
		y += 24;
		fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" class=\"fk-c3 fk-unk\"/>",
		        LEGEND_X + 6, y - 4);
		fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEGEND_X + 18, y,
		        TR(lang, "potential unknown", "potential okänd"));
	}
	if (overridden) {
		y += 24;
		fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" class=\"fk-c1 fk-ovr\"/>",
		        LEGEND_X + 6, y - 4);
		fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEGEND_X + 18, y,
		        TR(lang, "category set by hand", "kategori satt manuellt"));
	}
	y += 30;
	fprintf(f,
	        "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"url(#fk-hatch)\" "
	        "stroke=\"#aaa\"/>",
	        LEGEND_X, y - 12);
	static const char *const en[] = {"0, negative or unknown:", "drawn in the hatched strip",
	                                 "at the edge of the axis", NULL};
	static const char *const sv[] = {"0, negativt eller okänt:", "ritas i det streckade",
	                                 "fältet vid axelns kant", NULL};
	const char *const *lines = lang == LANG_SV ? sv : en;
	for (int k = 0; lines[k]; k++) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"fk-note\">%s</text>\n",
		        LEGEND_X + (k == 0 ? 20 : 0), y + k * 16, lines[k]);
	}
	y += 3 * 16 + 10;
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"fk-note\">%s</text>\n", LEGEND_X, y,
	        TR(lang, "Both axes: log scale.", "Båda axlarna: log-skala."));
	if (drawn < n) {
		char a[32], b[32];
		fmt_int(a, sizeof(a), (int64_t)drawn, lang);
		fmt_int(b, sizeof(b), (int64_t)n, lang);
		y += 22;
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"fk-note\">%s %s %s</text>\n", LEGEND_X,
		        y, a, TR(lang, "points for", "punkter för"), b);
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"fk-note\">%s</text>\n", LEGEND_X,
		        y + 16, TR(lang, "customers: one point per", "kunder: en punkt per"));
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"fk-note\">%s</text>\n", LEGEND_X,
		        y + 32, TR(lang, "3×3 px cell and category", "3×3 px-ruta och kategori"));
	}
	fputs("</g>\n", f);
}

size_t svg_matrix(FILE *f, const struct cat_run *run, const struct cat_row *rows, size_t n,
                  const char *title, int standalone, enum lang lang)
{
	struct scale sx, sy;
	scale_fit(&sx, rows, n, 0, run->revenue_t);
	scale_fit(&sy, rows, n, 1, run->potential_t);
	sx.a0 = PX0 + STRIP + 26;
	sx.a1 = PX1 - 8;
	sy.a0 = PY1 - STRIP - 20;
	sy.a1 = PY0 + 8;
	double tx = thr_x(&sx, run->revenue_t), ty = thr_y(&sy, run->potential_t);

	size_t count[CAT_COUNT] = {0}, unknown = 0, overridden = 0;
	struct pt *pts = xreallocarray(NULL, n ? n : 1, sizeof(*pts));
	for (size_t i = 0; i < n; i++) {
		const struct cat_row *r = &rows[i];
		struct pt *p = &pts[i];
		int cat = r->category >= 0 && r->category < CAT_COUNT ? r->category : CAT_3;
		count[cat]++;
		p->cat = (int8_t)cat;
		p->flags = 0;
		p->x = (float)(r->revenue > 0 ? scale_px(&sx, r->revenue)
		                              : PX0 + STRIP / 2.0 + jitter(i));
		int unk = r->potential_source == POTSRC_UNKNOWN;
		p->y = (float)(!unk && r->potential > 0 ? scale_px(&sy, r->potential)
		                                        : PY1 - STRIP / 2.0 + jitter(i * 7 + 3));
		if (unk) {
			p->flags |= 1;
			unknown++;
		}
		if (r->override_reason) {
			p->flags |= 2;
			overridden++;
		}
	}
	qsort(pts, n, sizeof(*pts), pt_cmp);
	size_t drawn = 0;
	if (n > SVG_EXACT_POINTS) {
		for (size_t i = 0; i < n; i++)
			if (drawn == 0 || !same_cell(&pts[drawn - 1], &pts[i]))
				pts[drawn++] = pts[i];
	} else {
		drawn = n;
	}

	if (standalone)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fk-svg\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" "
	        "style=\"max-width:100%%;height:auto;background:#fff\">\n",
	        W, H, W, H);
	char d[11];
	struct strbuf tb = STRBUF_INIT;
	if (title)
		strbuf_puts(&tb, title);
	else
		strbuf_printf(&tb, "%s %s", TR(lang, "Customer matrix", "Kundmatris"),
		              days_iso(run->p.as_of, d));
	fputs("<title>", f);
	html_esc(f, strbuf_cstr(&tb));
	fputs("</title>\n", f);
	style(f);
	fputs("<defs><pattern id=\"fk-hatch\" width=\"6\" height=\"6\" "
	      "patternUnits=\"userSpaceOnUse\" "
	      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f7f7f7\"/>"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#dadada\" stroke-width=\"2\"/>"
	      "</pattern></defs>\n",
	      f);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", W, H);
	fprintf(f, "<text x=\"%d\" y=\"34\" class=\"fk-title\">", PX0);
	html_esc(f, strbuf_cstr(&tb));
	fputs("</text>\n", f);
	strbuf_free(&tb);

	quadrants(f, tx, ty, count, lang);
	draw_axes(f, &sx, &sy, lang);
	threshold_lines(f, run, tx, ty, lang);

	fputs("<g class=\"fk-points\">\n", f);
	for (size_t i = 0; i < drawn; i++) {
		const struct pt *p = &pts[i];
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" class=\"%s%s%s\"/>\n", p->x,
		        p->y, cls[p->cat], p->flags & 1 ? " fk-unk" : "",
		        p->flags & 2 ? " fk-ovr" : "");
	}
	fputs("</g>\n", f);

	const char *xl = run->p.axis == AXIS_MARGIN
	                     ? TR(lang, "Margin in the window (log scale)",
	                          "Täckningsbidrag i perioden, kr (log-skala)")
	                     : TR(lang, "Revenue in the window (log scale)",
	                          "Omsättning i perioden, kr (log-skala)");
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"fk-axis\">%s</text>\n",
	        (PX0 + PX1) / 2, PY1 + 46, xl);
	fprintf(f,
	        "<text transform=\"translate(%d %d) rotate(-90)\" text-anchor=\"middle\" "
	        "class=\"fk-axis\">%s</text>\n",
	        28, (PY0 + PY1) / 2,
	        TR(lang, "Potential per year (log scale)", "Potential per år, kr (log-skala)"));
	legend(f, count, unknown, overridden, drawn, n, lang);
	fputs("</svg>\n", f);
	free(pts);
	return drawn;
}
