/* lpmodel.c — writes core/alloc.h's problem in CPLEX LP format (see
 * lpmodel.h). Terms are written a few to a line: some readers limit the
 * length of a line. */
#include "render/lpmodel.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>

#define PER_LINE 6

struct out {
	FILE *f;
	int n; /* terms on the current line */
};

static void term(struct out *o, double coef, int i, int p, int l)
{
	if (o->n == PER_LINE) {
		fputs("\n   ", o->f);
		o->n = 0;
	}
	fprintf(o->f, " %c %.10g x%d_%d_%d", coef < 0 ? '-' : '+', fabs(coef), i, p, l);
	o->n++;
}

static double move_cost(const struct alloc_problem *p, int i, int q)
{
	int f = p->items[i].from;
	return f >= 0 && q != f ? p->move_cost : 0;
}

/* A person's capacity, or the hours pinned there when they are more (a pin
 * may put a person over capacity; the plan allows it, so must the model). */
static double capacity(const struct alloc_problem *p, int q)
{
	double pinned = 0;
	for (int i = 0; i < p->nitems; i++) {
		const struct alloc_item *it = &p->items[i];
		if (it->pin != q)
			continue;
		double least = INFINITY;
		for (int k = 0; k < it->ncand; k++)
			for (int l = 0; l < p->classes[it->cls].nlev; l++) {
				double h = alloc_hours(p, i, k, l);
				if (h >= 0 && h < least)
					least = h;
			}
		if (isfinite(least))
			pinned += least;
	}
	return pinned > p->persons[q].cap ? pinned : p->persons[q].cap;
}

int lpmodel_write(FILE *f, const struct alloc_problem *p, double unit, const char *title)
{
	int maxlev = 1;
	for (int c = 0; c < p->nclasses; c++)
		if (p->classes[c].nlev > maxlev)
			maxlev = p->classes[c].nlev;
	int *lev = xmalloc((size_t)maxlev * sizeof(int));
	struct out o = {f, 0};
	fprintf(f, "\\ %s\n", title ? title : "fokus allocation model");
	fputs("\\ x<item>_<person>_<level> = 1: the item goes to the person at the level.\n", f);
	fputs("Maximize\n obj:", f);
	for (int i = 0; i < p->nitems; i++) {
		const struct alloc_item *it = &p->items[i];
		for (int k = 0; k < it->ncand; k++) {
			int n = alloc_pair_levels(p, i, k, lev, maxlev);
			for (int j = 0; j < n; j++)
				term(&o,
				     (alloc_value(p, i, lev[j]) - move_cost(p, i, it->cand[k])) /
				         unit,
				     i, it->cand[k], lev[j]);
		}
	}
	fputs("\nSubject To\n", f);
	for (int i = 0; i < p->nitems; i++) {
		const struct alloc_item *it = &p->items[i];
		if (it->ncand <= 0)
			continue;
		fprintf(f, " one%d:", i);
		o.n = 0;
		for (int k = 0; k < it->ncand; k++) {
			int n = alloc_pair_levels(p, i, k, lev, maxlev);
			for (int j = 0; j < n; j++)
				term(&o, 1, i, it->cand[k], lev[j]);
		}
		fputs(" = 1\n", f);
	}
	for (int q = 0; q < p->npersons; q++) {
		int any = 0;
		o.n = 0;
		for (int i = 0; i < p->nitems; i++) {
			const struct alloc_item *it = &p->items[i];
			for (int k = 0; k < it->ncand; k++) {
				if (it->cand[k] != q)
					continue;
				int n = alloc_pair_levels(p, i, k, lev, maxlev);
				for (int j = 0; j < n; j++) {
					double h = alloc_hours(p, i, k, lev[j]);
					if (h == 0)
						continue;
					if (!any)
						fprintf(f, " cap%d:", q);
					any = 1;
					term(&o, h, i, q, lev[j]);
				}
			}
		}
		if (any)
			fprintf(f, " <= %.10g\n", capacity(p, q));
	}
	fputs("Binary\n", f);
	o.n = 0;
	for (int i = 0; i < p->nitems; i++) {
		const struct alloc_item *it = &p->items[i];
		for (int k = 0; k < it->ncand; k++) {
			int n = alloc_pair_levels(p, i, k, lev, maxlev);
			for (int j = 0; j < n; j++) {
				if (o.n == PER_LINE * 2) {
					fputc('\n', f);
					o.n = 0;
				}
				fprintf(f, " x%d_%d_%d", i, it->cand[k], lev[j]);
				o.n++;
			}
		}
	}
	fputs("\nEnd\n", f);
	free(lev);
	return ferror(f) ? -1 : 0;
}
