/* cmd-status.c — `fokus status`: what the workspace holds. */
#include "cmd.h"
#include "render/table.h"
#include "store/status.h"
#include "util/days.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>

extern const struct command cmd_status;

static json_t *iso_or_null(int32_t d)
{
	char b[11];
	return d == DAYS_NONE ? json_null() : json_string(days_iso(d, b));
}

static void print_json(const struct store_status *st, const char *path)
{
	json_t *o = json_object();
	json_object_set_new(o, "workspace", json_string(path));
	json_object_set_new(o, "customers", json_integer(st->customers));
	json_object_set_new(o, "orders", json_integer(st->orders));
	json_object_set_new(o, "activities", json_integer(st->activities));
	json_object_set_new(o, "sellers", json_integer(st->sellers));
	json_object_set_new(o, "snapshots", json_integer(st->snapshots));
	json_object_set_new(o, "order_amount_total",
	                    json_real((double)st->order_amount_total / 100.0));
	json_object_set_new(o, "order_date_min", iso_or_null(st->order_date_min));
	json_object_set_new(o, "order_date_max", iso_or_null(st->order_date_max));
	json_object_set_new(o, "activity_date_min", iso_or_null(st->activity_date_min));
	json_object_set_new(o, "activity_date_max", iso_or_null(st->activity_date_max));
	json_t *bs = json_array();
	for (int i = 0; i < st->nbatches; i++) {
		const struct status_batch *b = &st->batches[i];
		json_t *j = json_object();
		json_object_set_new(j, "id", json_integer(b->id));
		json_object_set_new(j, "kind", json_string(b->kind));
		json_object_set_new(j, "file", json_string(b->file));
		json_object_set_new(j, "rows", json_integer(b->rows));
		json_object_set_new(j, "created_at", json_string(b->created_at));
		json_object_set_new(j, "replaced", json_boolean(b->replaced));
		json_array_append_new(bs, j);
	}
	json_object_set_new(o, "batches", bs);
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	puts(s);
	free(s);
	json_decref(o);
}

static void print_text(const struct store_status *st, const char *path, enum lang l)
{
	char a[64], b[64], d1[11], d2[11];
	printf("%s: %s\n", TR(l, "Workspace", "Arbetsyta"), path);
	printf("  %-12s %s\n", TR(l, "customers", "kunder"),
	       fmt_int(a, sizeof(a), st->customers, l));
	printf("  %-12s %s\n", TR(l, "sellers", "säljare"), fmt_int(a, sizeof(a), st->sellers, l));
	printf("  %-12s %s", TR(l, "orders", "order"), fmt_int(a, sizeof(a), st->orders, l));
	if (st->orders)
		printf("  (%s … %s, %s)", days_iso(st->order_date_min, d1),
		       days_iso(st->order_date_max, d2),
		       fmt_money(b, sizeof(b), st->order_amount_total, l));
	printf("\n  %-12s %s", TR(l, "activities", "aktiviteter"),
	       fmt_int(a, sizeof(a), st->activities, l));
	if (st->activities)
		printf("  (%s … %s)", days_iso(st->activity_date_min, d1),
		       days_iso(st->activity_date_max, d2));
	printf("\n  %-12s %s\n", TR(l, "snapshots", "körningar"),
	       fmt_int(a, sizeof(a), st->snapshots, l));
	if (!st->nbatches)
		return;
	printf("\n%s:\n", TR(l, "Import batches", "Importer"));
	struct table *t = table_new(5, "rllll");
	const char *h[] = {"#", TR(l, "kind", "typ"), TR(l, "rows", "rader"), TR(l, "when", "när"),
	                   TR(l, "file", "fil")};
	table_row(t, h);
	for (int i = 0; i < st->nbatches; i++) {
		const struct status_batch *bt = &st->batches[i];
		char id[24], rows[32];
		snprintf(id, sizeof(id), "%lld", (long long)bt->id);
		fmt_int(rows, sizeof(rows), bt->rows, l);
		char *file = bt->replaced ? NULL : bt->file;
		char repl[600];
		if (!file) {
			snprintf(repl, sizeof(repl), "%s (%s)", bt->file,
			         TR(l, "replaced", "ersatt"));
			file = repl;
		}
		const char *cells[] = {id, bt->kind, rows, bt->created_at, file};
		table_row(t, cells);
	}
	table_print(t, stdout, 1);
	table_free(t);
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {NULL, 0, NULL, 0}};
	int json = 0, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'l' && lang_parse(optarg, &ctx->lang) == 0)
			continue;
		else
			return cmd_usage(&cmd_status);
	}
	if (optind != argc)
		return cmd_usage(&cmd_status);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct store_status st;
	char *cause = NULL;
	if (store_status(db, &st, &cause) != 0) {
		cmd_error(&cmd_status, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (json)
		print_json(&st, ctx->db_path);
	else
		print_text(&st, ctx->db_path, ctx->lang);
	store_status_free(&st);
	return EXIT_OK;
}

const struct command cmd_status = {
    .name = "status",
    .usage = "status [--json] [--lang sv|en]",
    .summary = "what the workspace holds: counts, dates, totals, import batches",
    .help = "Counts of customers, sellers, orders, activities and categorization snapshots;\n"
            "the date range and total amount of the orders; and every import batch (file,\n"
            "kind, rows, when).\n\n"
            "  --json   as JSON: customers, orders, activities, sellers (numbers),\n"
            "           order_amount_total (currency units), order_date_min, order_date_max\n"
            "           (ISO dates or null) and batches (array of {id, kind, file, rows,\n"
            "           created_at, replaced}).\n",
    .order = 5,
    .run = run,
};
