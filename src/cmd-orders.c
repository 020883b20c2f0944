/* cmd-orders.c — `fokus orders`: the stored order lines as csv. The
 * workspace keeps them packed in blocks (docs/workspace.md), which SQL
 * cannot read line by line; this is the way to see exactly what an import
 * stored. */
#include "cmd.h"
#include "render/csvw.h"
#include "store/orderblocks.h"
#include "util/days.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_orders;

/* A span as a csv field (copied: the spans are not NUL-terminated). */
static void span_field(FILE *f, const char *s, size_t n)
{
	if (!s)
		return;
	char small[256];
	char *buf = n < sizeof(small) ? small : malloc(n + 1);
	if (!buf)
		return;
	memcpy(buf, s, n);
	buf[n] = '\0';
	csvw_field(f, buf);
	if (buf != small)
		free(buf);
}

/* Minor units as currency units with '.', exactly (no floating point). */
static void money(FILE *f, int64_t v)
{
	uint64_t a = v < 0 ? -(uint64_t)v : (uint64_t)v;
	fprintf(f, "%s%" PRIu64 ".%02u", v < 0 ? "-" : "", a / 100, (unsigned)(a % 100));
}

static int print_line(void *arg, int64_t batch_id, const char *customer_id,
                      const struct orderline *l)
{
	FILE *f = arg;
	char day[11];
	fprintf(f, "%" PRId64 ",", batch_id);
	csvw_field(f, customer_id);
	fputc(',', f);
	span_field(f, l->order_id, l->order_id_len);
	fprintf(f, ",%s,", days_iso(l->day, day));
	money(f, l->amount);
	fputc(',', f);
	if (l->has_margin)
		money(f, l->margin);
	fputc(',', f);
	if (l->has_quantity)
		fprintf(f, "%.17g", l->quantity);
	fputc(',', f);
	span_field(f, l->seller_id, l->seller_id_len);
	fputc('\n', f);
	return ferror(f) ? 1 : 0;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"customer", required_argument, NULL, 'c'},
	                                     {"out", required_argument, NULL, 'o'},
	                                     {NULL, 0, NULL, 0}};
	const char *customer = NULL, *out = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c')
			customer = optarg;
		else if (c == 'o')
			out = optarg;
		else
			return cmd_usage(&cmd_orders);
	}
	if (optind != argc)
		return cmd_usage(&cmd_orders);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	FILE *f = cmd_open_out(&cmd_orders, out);
	if (!f)
		return EXIT_DATA;
	fputs("batch,customer_id,order_id,date,amount,margin,quantity,seller_id\n", f);
	char *cause = NULL;
	int rc = orderblocks_each(db, customer, print_line, f, &cause);
	if (rc < 0) {
		cmd_error(&cmd_orders, "%s", cause);
		free(cause);
	}
	if (cmd_close_out(&cmd_orders, f, out) != 0 || rc != 0)
		return EXIT_DATA;
	return EXIT_OK;
}

const struct command cmd_orders = {
    .name = "orders",
    .usage = "orders [--customer ID] [--out FILE]",
    .summary = "the stored order lines as csv",
    .help = "Writes every order line the workspace holds (or one customer's) as csv, in\n"
            "storage order: batch, customer_id, order_id, date, amount, margin, quantity,\n"
            "seller_id. Amounts are currency units with '.'; an empty cell was empty in\n"
            "the imported file. The workspace keeps order lines packed in blocks, so this\n"
            "(not SQL) is how to look at them one by one; `fokus status` has the totals.\n\n"
            "  --customer ID   only the lines of this customer (its external ID)\n"
            "  --out FILE      write to FILE (default: standard output)\n",
    .order = 11,
    .run = run,
};
