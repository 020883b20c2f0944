/* store/orderblocks.h — writing order lines into order_blocks: a buffer per
 * part (customers.id % ORDERPACK_PARTS), written as one block row when it
 * fills and at the end. Used by the import and by the schema migration. */
#ifndef FOKUS_STORE_ORDERBLOCKS_H
#define FOKUS_STORE_ORDERBLOCKS_H
#include <stdint.h>

#include "store/orderpack.h"

struct sqlite3;
struct orderblocks;

/* A writer of blocks of batch batch_id into db (inside the caller's
 * transaction). Returns 0, or -1 with *cause (caller frees). */
int orderblocks_open(struct sqlite3 *db, int64_t batch_id, struct orderblocks **out, char **cause);
/* Appends one line (l->customer must be set); may write a block. 0, or -1
 * with *cause (a workspace error, e.g. disk full). */
int orderblocks_add(struct orderblocks *w, const struct orderline *l, char **cause);
/* Writes every part's pending lines, then takes the lines that follow as
 * batch batch_id. 0 or -1 with *cause. */
int orderblocks_set_batch(struct orderblocks *w, int64_t batch_id, char **cause);
/* Writes every part's pending lines. 0 or -1 with *cause. */
int orderblocks_flush(struct orderblocks *w, char **cause);
/* Frees (pending lines are dropped). NULL-safe. */
void orderblocks_free(struct orderblocks *w);

/* Calls fn for every stored order line (of one customer when customer_id is
 * not NULL), block by block in storage order: fn gets the line's batch, its
 * customer's external ID and the line (strings valid during the call).
 * A non-zero return from fn stops the walk and is returned. Returns 0, -1
 * with *cause on a workspace error or a damaged block. */
int orderblocks_each(struct sqlite3 *db, const char *customer_id,
                     int (*fn)(void *arg, int64_t batch_id, const char *customer_id,
                               const struct orderline *l),
                     void *arg, char **cause);

#endif
