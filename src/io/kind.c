/* kind.c — telling the kind of an import file from its header (kind.h).
 * The columns a kind cannot do without are a table, checked by name. */
#include "io/kind.h"
#include "io/colmap.h"
#include "util/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define HEADER_ROWS 10

/* What a kind needs: every field of all[], and one of any[] (when given),
 * and every field of both[] (when given) as an alternative to all[]'s last. */
static const struct need {
	const char *all[3];
	const char *any[2];  /* at least one of these */
	const char *pair[2]; /* or, instead of all[] entry `instead`, both of these */
	int instead;         /* index into all[] that pair[] may replace, -1 none */
} needs[REC_KIND_COUNT] = {
    [REC_CUSTOMERS] = {{"customer_id"}, {NULL}, {NULL}, -1},
    [REC_ORDERS] = {{"customer_id", "date", "amount"}, {NULL}, {"quantity", "unit_price"}, 2},
    [REC_ACTIVITIES] = {{"date", "type"}, {"customer_id", "seller_id"}, {NULL}, -1},
    [REC_SELLERS] = {{"seller_id"}, {NULL}, {NULL}, -1},
};

static int has(enum rec_kind k, const struct colmatch *m, const char *field)
{
	int i = colmap_field_index(k, field);
	return i >= 0 && m[i].col >= 0;
}

static int needs_met(enum rec_kind k, const struct colmatch *m)
{
	const struct need *n = &needs[k];
	for (int i = 0; i < 3 && n->all[i]; i++)
		if (!has(k, m, n->all[i]) &&
		    !(i == n->instead && has(k, m, n->pair[0]) && has(k, m, n->pair[1])))
			return 0;
	if (n->any[0] && !has(k, m, n->any[0]) && !(n->any[1] && has(k, m, n->any[1])))
		return 0;
	return 1;
}

void kind_score_header(const struct row *header, struct kind_guess *g)
{
	memset(g, 0, sizeof(*g));
	for (int k = 0; k < REC_KIND_COUNT; k++) {
		int n;
		colmap_fields((enum rec_kind)k, &n);
		struct colmatch *m = xcalloc((size_t)n, sizeof(*m));
		struct ferr err;
		ferr_clear(&err);
		int score = -1, used = 0;
		if (colmap_match((enum rec_kind)k, header, NULL, m, &err) == 0 &&
		    needs_met((enum rec_kind)k, m)) {
			score = 0;
			for (int i = 0; i < n; i++)
				if (m[i].col >= 0) {
					score += m[i].tier < 0 ? 3 : 3 - m[i].tier;
					used++;
				}
		}
		g->score[k] = score;
		g->unmapped[k] = header->nf - used;
		free(m);
	}
	for (int k = 0; k < REC_KIND_COUNT; k++) {
		if (g->score[k] < 0)
			continue;
		if (!g->found || g->score[k] > g->score[g->kind] ||
		    (g->score[k] == g->score[g->kind] && g->unmapped[k] < g->unmapped[g->kind])) {
			g->found = 1;
			g->kind = (enum rec_kind)k;
		}
	}
}

static int blank(const struct row *r)
{
	for (int i = 0; i < r->nf; i++)
		for (size_t j = 0; j < r->f[i].n; j++)
			if (r->f[i].p[j] != ' ' && r->f[i].p[j] != '\t')
				return 0;
	return 1;
}

int kind_detect(const char *path, const char *sheet, struct kind_guess *g, struct ferr *err)
{
	struct reader_opts ro = {.sheet = sheet};
	struct reader *r = NULL;
	memset(g, 0, sizeof(*g));
	if (reader_open(path, &ro, &r, err) != 0)
		return -1;
	struct row row;
	int rc, tried = 0;
	while (tried < HEADER_ROWS && (rc = reader_next(r, &row, err)) == 1) {
		if (blank(&row))
			continue;
		tried++;
		struct kind_guess h;
		kind_score_header(&row, &h);
		if (tried == 1 || (h.found && (!g->found || h.score[h.kind] > g->score[g->kind]))) {
			*g = h;
			g->header_line = row.line;
		}
	}
	reader_close(r);
	return rc < 0 && !tried ? -1 : 0;
}
