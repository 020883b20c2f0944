/* store/orderblocks.c — fills order_blocks (see orderpack.c for a line's
 * bytes). Each part has a buffer of BLOCK_BYTES, so the memory is
 * ORDERPACK_PARTS x BLOCK_BYTES (8 MB) whatever the file size; a block row
 * also records its line count, day range and amount sum, so the status and
 * the default as-of need not decode anything and the dataset loader can skip
 * blocks outside a window. */
#include "store/orderblocks.h"
#include "store/db.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdlib.h>

#define BLOCK_BYTES (8 * 1024)

struct part {
	unsigned char *buf;
	size_t len, cap;
	int64_t lines, amount;
	int32_t day_min, day_max;
};

struct orderblocks {
	sqlite3 *db;
	sqlite3_stmt *insert;
	int64_t batch_id;
	struct part parts[ORDERPACK_PARTS];
};

int orderblocks_open(sqlite3 *db, int64_t batch_id, struct orderblocks **out, char **cause)
{
	struct orderblocks *w = xcalloc(1, sizeof(*w));
	w->db = db;
	w->batch_id = batch_id;
	if (sqlite3_prepare_v3(
	        db,
	        "INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, "
	        "data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	        -1, SQLITE_PREPARE_PERSISTENT, &w->insert, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "workspace");
		orderblocks_free(w);
		return -1;
	}
	*out = w;
	return 0;
}

static int write_part(struct orderblocks *w, int k, char **cause)
{
	struct part *p = &w->parts[k];
	if (!p->lines)
		return 0;
	sqlite3_stmt *st = w->insert;
	sqlite3_bind_int64(st, 1, w->batch_id);
	sqlite3_bind_int(st, 2, k);
	sqlite3_bind_int64(st, 3, p->lines);
	sqlite3_bind_int(st, 4, p->day_min);
	sqlite3_bind_int(st, 5, p->day_max);
	sqlite3_bind_int64(st, 6, p->amount);
	sqlite3_bind_blob(st, 7, p->buf, (int)p->len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	p->len = 0;
	p->lines = p->amount = 0;
	if (rc != SQLITE_DONE) {
		*cause = db_cause(w->db, "storing the import");
		return -1;
	}
	return 0;
}

int orderblocks_add(struct orderblocks *w, const struct orderline *l, char **cause)
{
	int k = (int)(l->customer % ORDERPACK_PARTS);
	struct part *p = &w->parts[k];
	size_t need = orderpack_bound(l);
	if (p->len + need > p->cap) {
		if (p->len && write_part(w, k, cause) != 0)
			return -1;
		if (need > p->cap) { /* the first line, or one longer than a block */
			p->cap = need > BLOCK_BYTES ? need : BLOCK_BYTES;
			p->buf = xrealloc(p->buf, p->cap);
		}
	}
	if (!p->lines) {
		p->day_min = p->day_max = l->day;
	} else {
		if (l->day < p->day_min)
			p->day_min = l->day;
		if (l->day > p->day_max)
			p->day_max = l->day;
	}
	p->len += orderpack_put(p->buf + p->len, l);
	p->lines++;
	p->amount = (int64_t)((uint64_t)p->amount + (uint64_t)l->amount); /* no UB at extremes */
	return 0;
}

int orderblocks_flush(struct orderblocks *w, char **cause)
{
	for (int k = 0; k < ORDERPACK_PARTS; k++)
		if (write_part(w, k, cause) != 0)
			return -1;
	return 0;
}

int orderblocks_set_batch(struct orderblocks *w, int64_t batch_id, char **cause)
{
	if (batch_id == w->batch_id)
		return 0;
	if (orderblocks_flush(w, cause) != 0)
		return -1;
	w->batch_id = batch_id;
	return 0;
}

void orderblocks_free(struct orderblocks *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->insert);
	for (int k = 0; k < ORDERPACK_PARTS; k++)
		free(w->parts[k].buf);
	free(w);
}

/* External customer IDs by customers.id, for the lines to name them. */
struct names {
	char **ids;
	int64_t n;
};

static int load_names(sqlite3 *db, const char *only, struct names *nm, int64_t *only_id)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db,
	                       only ? "SELECT id, customer_id FROM customers WHERE customer_id = ?1"
	                            : "SELECT id, customer_id FROM customers ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (only)
		sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id < 0 || id > INT32_MAX)
			continue;
		if (id >= nm->n) {
			int64_t n = nm->n ? nm->n : 1024;
			while (n <= id)
				n *= 2;
			nm->ids = xreallocarray(nm->ids, (size_t)n, sizeof(char *));
			for (int64_t i = nm->n; i < n; i++)
				nm->ids[i] = NULL;
			nm->n = n;
		}
		nm->ids[id] = xstrdup((const char *)sqlite3_column_text(st, 1));
		if (only_id)
			*only_id = id;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int walk_blocks(sqlite3 *db, const struct names *nm, int64_t only_id,
                       int (*fn)(void *, int64_t, const char *, const struct orderline *),
                       void *arg, int *stop)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db,
	                       only_id >= 0
	                           ? "SELECT batch_id, lines, data FROM order_blocks "
	                             "WHERE part = ?1 ORDER BY id"
	                           : "SELECT batch_id, lines, data FROM order_blocks ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (only_id >= 0)
		sqlite3_bind_int64(st, 1, only_id % ORDERPACK_PARTS);
	int rc = SQLITE_DONE, bad = 0;
	while (!bad && !*stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t batch = sqlite3_column_int64(st, 0), lines = sqlite3_column_int64(st, 1);
		const unsigned char *data = sqlite3_column_blob(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2), pos = 0;
		struct orderline l;
		int r = 0;
		while (!*stop && (r = orderpack_next(data, len, &pos, &l)) == 1) {
			lines--;
			if (only_id >= 0 && l.customer != only_id)
				continue;
			const char *name = l.customer < nm->n ? nm->ids[l.customer] : NULL;
			*stop = fn(arg, batch, name ? name : "", &l);
		}
		bad = !*stop && (r != 0 || lines != 0);
	}
	sqlite3_finalize(st);
	if (bad)
		return -2;
	return *stop || rc == SQLITE_DONE ? 0 : -1;
}

int orderblocks_each(sqlite3 *db, const char *customer_id,
                     int (*fn)(void *arg, int64_t batch_id, const char *customer_id,
                               const struct orderline *l),
                     void *arg, char **cause)
{
	struct names nm = {0};
	int64_t only_id = -1;
	int stop = 0, rc;
	if (db_exec(db, "BEGIN", cause) != 0)
		return -1;
	rc = load_names(db, customer_id, &nm, customer_id ? &only_id : NULL);
	if (rc == 0 && (!customer_id || only_id >= 0))
		rc = walk_blocks(db, &nm, only_id, fn, arg, &stop);
	if (rc == -2)
		*cause = xstrdup("reading orders: a block of the workspace is damaged");
	else if (rc != 0)
		*cause = db_cause(db, "reading orders");
	db_exec(db, "COMMIT", NULL);
	for (int64_t i = 0; i < nm.n; i++)
		free(nm.ids[i]);
	free(nm.ids);
	return rc == 0 ? stop : -1;
}
