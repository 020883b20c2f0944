/* cmd-override.c — `fokus override` pins a customer's category (with a
 * reason, optionally until a date) or removes the pin; `fokus overrides`
 * lists the pins. The next `fokus categorize` applies them. */
#include "cmd.h"
#include "core/dataset.h"
#include "render/csvw.h"
#include "render/table.h"
#include "store/audit.h"
#include "store/override.h"
#include "util/days.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "csv", "json", NULL};

extern const struct command cmd_override;
extern const struct command cmd_overrides;

static int run_override(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"reason", required_argument, NULL, 'r'},
	    {"until", required_argument, NULL, 'u'},
	    {"remove", no_argument, NULL, 'x'},
	    {"by", required_argument, NULL, 'b'},
	    {NULL, 0, NULL, 0},
	};
	const char *reason = NULL, *by = NULL, *until_arg = NULL;
	int32_t until = DAYS_NONE;
	int remove = 0, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			reason = optarg;
			break;
		case 'u':
			until_arg = optarg;
			if (days_parse_iso(optarg, &until) != 0) {
				cmd_error(&cmd_override,
				          "--until wants a date YYYY-MM-DD, not '%s'", optarg);
				return cmd_usage(&cmd_override);
			}
			break;
		case 'x':
			remove = 1;
			break;
		case 'b':
			by = optarg;
			break;
		default:
			return cmd_usage(&cmd_override);
		}
	}
	int nargs = argc - optind;
	char *cause = NULL;
	if (remove) {
		if (nargs != 1 || reason || until != DAYS_NONE) {
			cmd_error(&cmd_override, "--remove takes one CUSTOMER and no other option");
			return cmd_usage(&cmd_override);
		}
		struct sqlite3 *db = cmd_db(ctx);
		if (!db)
			return EXIT_DATA;
		int r = store_override_remove(db, argv[optind], &cause);
		if (r < 0) {
			cmd_error(&cmd_override, "%s", cause);
			free(cause);
			return EXIT_DATA;
		}
		if (r > 0) {
			cmd_error(&cmd_override, "customer %s has no override", argv[optind]);
			return EXIT_DATA;
		}
		cmd_audit_note(ctx, "override-remove", "%s", argv[optind]);
		printf(TR(ctx->lang,
		          "Override of %s removed; the newest snapshot shows its computed "
		          "category again.\n",
		          "Låsningen av %s är borttagen; den senaste ögonblicksbilden visar den "
		          "beräknade kategorin igen.\n"),
		       argv[optind]);
		return EXIT_OK;
	}
	if (nargs != 2) {
		cmd_error(&cmd_override, "give CUSTOMER and CATEGORY (1, 2R, 2P or 3)");
		return cmd_usage(&cmd_override);
	}
	enum category cat;
	if (category_parse(argv[optind + 1], &cat) != 0) {
		cmd_error(&cmd_override, "CATEGORY is 1, 2R, 2P or 3, not '%s'", argv[optind + 1]);
		return cmd_usage(&cmd_override);
	}
	if (!reason || !*reason) {
		cmd_error(&cmd_override,
		          "--reason TEXT is required: say why the category is set by hand");
		return cmd_usage(&cmd_override);
	}
	if (until != DAYS_NONE && until < days_today()) {
		cmd_error(&cmd_override, "--until %s is in the past", until_arg);
		return cmd_usage(&cmd_override);
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	int r = store_override_set(db, argv[optind], cat, reason, until, by, &cause);
	if (r < 0) {
		cmd_error(&cmd_override, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (r > 0) {
		cmd_error(&cmd_override, "no customer '%s' in the workspace", argv[optind]);
		return EXIT_DATA;
	}
	cmd_audit_note(ctx, "override", AUDIT_OVERRIDE_FMT, argv[optind], category_code(cat),
	               reason);
	char d[11];
	printf(TR(ctx->lang, "%s is pinned to %s", "%s är låst till %s"), argv[optind],
	       category_label(cat, ctx->lang));
	if (until != DAYS_NONE)
		printf(TR(ctx->lang, " until %s", " till och med %s"), days_iso(until, d));
	printf(TR(ctx->lang, " (in the newest snapshot now, and in every run while it holds).\n",
	          " (i den senaste ögonblicksbilden nu, och i varje körning medan det gäller).\n"));
	return EXIT_OK;
}

/* The overrides as csv, one row each. */
static void overrides_csv(const struct override_item *it, size_t n, int32_t today)
{
	static const char *const hdr[] = {"customer_id", "name",   "category",   "reason",
	                                  "until",       "active", "created_at", "created_by"};
	csvw_row(stdout, hdr, 8);
	for (size_t i = 0; i < n; i++) {
		char d[11];
		struct cat_override o = {(int8_t)it[i].category, it[i].until, NULL};
		const char *cells[8] = {it[i].customer_id,
		                        it[i].name,
		                        category_code(it[i].category),
		                        it[i].reason,
		                        it[i].until == DAYS_NONE ? "" : days_iso(it[i].until, d),
		                        category_override_active(&o, today) ? "1" : "0",
		                        it[i].created_at,
		                        it[i].created_by};
		csvw_row(stdout, cells, 8);
	}
}

/* A JSON string, or null for NULL (stored text is UTF-8 already). */
static json_t *jstr_or_null(const char *s)
{
	return s ? json_string_nocheck(s) : json_null();
}

/* One override as a JSON object (jansson builds it, in this key order). */
static json_t *override_json(const struct override_item *x, int32_t today)
{
	char d[11];
	struct cat_override o = {(int8_t)x->category, x->until, NULL};
	json_t *j = json_object();
	json_object_set_new(j, "customer_id",
	                    json_string_nocheck(x->customer_id ? x->customer_id : ""));
	json_object_set_new(j, "name", jstr_or_null(x->name));
	json_object_set_new(j, "category", json_string(category_code(x->category)));
	json_object_set_new(j, "reason", json_string_nocheck(x->reason ? x->reason : ""));
	json_object_set_new(
	    j, "until", x->until == DAYS_NONE ? json_null() : json_string(days_iso(x->until, d)));
	json_object_set_new(j, "active", json_boolean(category_override_active(&o, today)));
	json_object_set_new(j, "created_at",
	                    json_string_nocheck(x->created_at ? x->created_at : ""));
	json_object_set_new(j, "created_by", jstr_or_null(x->created_by));
	return j;
}

/* The overrides as a JSON array, one object a line. */
static void overrides_json(const struct override_item *it, size_t n, int32_t today)
{
	fputs("[", stdout);
	for (size_t i = 0; i < n; i++) {
		json_t *j = override_json(&it[i], today);
		fputs(i ? ",\n" : "\n", stdout);
		json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
	}
	fputs(n ? "\n]\n" : "]\n", stdout);
}

/* The overrides as a table for people (expired ones marked). */
static void overrides_text(const struct override_item *it, size_t n, int32_t today, enum lang lang)
{
	if (n == 0) {
		printf("%s\n", TR(lang, "No overrides.", "Inga låsta kategorier."));
		return;
	}
	const char *hdr[] = {TR(lang, "Customer", "Kund"), TR(lang, "Name", "Namn"),
	                     TR(lang, "Category", "Kategori"), TR(lang, "Until", "Till och med"),
	                     TR(lang, "Reason", "Skäl")};
	struct table *t = table_new(5, "lllll");
	table_row(t, hdr);
	for (size_t i = 0; i < n; i++) {
		char d[11], until[64];
		struct cat_override o = {(int8_t)it[i].category, it[i].until, NULL};
		if (it[i].until == DAYS_NONE)
			snprintf(until, sizeof(until), "–");
		else
			snprintf(until, sizeof(until), "%s%s", days_iso(it[i].until, d),
			         category_override_active(&o, today)
			             ? ""
			             : TR(lang, " (expired)", " (utgången)"));
		const char *cells[5] = {it[i].customer_id, it[i].name,
		                        category_label(it[i].category, lang), until, it[i].reason};
		table_row(t, cells);
	}
	table_print(t, stdout, 1);
	table_free(t);
}

static int run_overrides(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	int fmt = 0, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((fmt = cmd_format(&cmd_overrides, optarg, formats)) < 0)
				return cmd_usage(&cmd_overrides);
			break;
		case 'l':
			if (cmd_lang(&cmd_overrides, optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_overrides);
			break;
		default:
			return cmd_usage(&cmd_overrides);
		}
	}
	if (optind < argc)
		return cmd_usage(&cmd_overrides);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct override_item *it = NULL;
	size_t n = 0;
	char *cause = NULL;
	if (store_override_list(db, &it, &n, &cause) != 0) {
		cmd_error(&cmd_overrides, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	int32_t today = days_today();
	if (!strcmp(formats[fmt], "csv"))
		overrides_csv(it, n, today);
	else if (!strcmp(formats[fmt], "json"))
		overrides_json(it, n, today);
	else
		overrides_text(it, n, today, ctx->lang);
	store_override_items_free(it, n);
	return EXIT_OK;
}

const struct command cmd_override = {
    .name = "override",
    .usage = "override CUSTOMER CATEGORY --reason TEXT [--until DATE] | override --remove CUSTOMER",
    .summary = "pin a customer's category by hand (or remove the pin)",
    .help = "Pins CUSTOMER (its customer_id) to CATEGORY (1, 2R, 2P or 3). The customer keeps\n"
            "that category whatever its numbers say: at once in the newest snapshot, and in\n"
            "every 'fokus categorize' run while the pin holds. Reports show both the\n"
            "computed and the final category and the reason. Removing the pin puts the\n"
            "newest snapshot's computed category back.\n"
            "\n"
            "  --reason TEXT   why (required), e.g. \"framework agreement signed\"\n"
            "  --until DATE    the last day the pin holds (YYYY-MM-DD); runs after that date\n"
            "                  (by the calendar, not --as-of) compute the category again\n"
            "  --by NAME       who set it (optional)\n"
            "  --remove        remove the pin of CUSTOMER\n"
            "\n"
            "A new pin replaces the customer's earlier one. 'fokus overrides' lists them.\n"
            "\n"
            "Examples:\n"
            "  fokus override 12621 1 --reason \"strategic partner\" --until 2025-12-31\n"
            "  fokus override --remove 12621\n",
    .order = 25,
    .run = run_override,
};

const struct command cmd_overrides = {
    .name = "overrides",
    .usage = "overrides [--format text|csv|json] [--lang sv|en]",
    .summary = "list the categories pinned by hand",
    .help = "Lists every override: customer, category, until (and whether it has expired),\n"
            "reason, when and by whom it was set.\n"
            "\n"
            "  --format text|csv|json   csv/json add 'active' (1/true while it holds)\n"
            "  --lang sv|en\n",
    .order = 26,
    .run = run_overrides,
};
