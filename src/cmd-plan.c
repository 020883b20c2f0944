/* cmd-plan.c — `fokus plan`: computes the coverage plan from the latest (or
 * a chosen) categorization and the contact policy, prints it in one of five
 * formats, and with --apply stores the assignment as the current owners
 * (undone with --undo). The work is in core/plan.c, store/plan.c and
 * render/planview.c. */
#include "cmd-plan.h"
#include "cmd.h"
#include "core/plan.h"
#include "render/planview.h"
#include "store/plan.h"
#include "util/days.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_plan;

enum fmt { F_TEXT, F_CSV, F_JSON, F_XLSX, F_HTML };

struct opts {
	int64_t snapshot;
	enum fmt fmt;
	int table;
	const char *out;
	int apply, undo;
	struct plan_params pp;
};

static int parse_num(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_fmt(const char *s, enum fmt *f)
{
	static const char *const names[] = {"text", "csv", "json", "xlsx", "html"};
	for (int i = 0; i < 5; i++) {
		if (!strcmp(s, names[i])) {
			*f = (enum fmt)i;
			return 0;
		}
	}
	return -1;
}

static int parse_table(const char *s, int *t)
{
	static const char *const names[] = {"assignments", "workload", "headcount", "whatif"};
	for (int i = 0; i < PV_NTABLES; i++) {
		if (!strcmp(s, names[i])) {
			*t = i;
			return 0;
		}
	}
	return -1;
}

int cmd_plan_param(const struct command *cmd, int c, const char *arg, struct plan_params *pp)
{
	static const struct {
		int c;
		double lo, hi;
		const char *complaint;
	} opts[] = {
		{'F', 0.01, 1, "--field-share wants a share between 0.01 and 1"},
		{'R', 1, 3, "--road-factor wants a number from 1 to 3"},
		{'S', 1, 200, "--speed wants km/h from 1 to 200"},
		{'H', 1, 8784, "--hours wants hours per year from 1 to 8784"},
	};
	double *field[] = {&pp->field_share, &pp->road_factor, &pp->speed_kmh, &pp->default_hours};
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (opts[i].c != c)
			continue;
		if (parse_num(arg, opts[i].lo, opts[i].hi, field[i]) != 0) {
			cmd_error(cmd, "%s: '%s'", opts[i].complaint, arg);
			cmd_usage(cmd);
			return -1;
		}
		return 1;
	}
	return 0;
}

static int bad(const char *what, const char *val)
{
	cmd_error(&cmd_plan, "%s: '%s'", what, val);
	return cmd_usage(&cmd_plan);
}

static int parse_opts(struct cmd_ctx *ctx, int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {{"snapshot", required_argument, NULL, 's'},
	                                   {"format", required_argument, NULL, 'f'},
	                                   {"table", required_argument, NULL, 't'},
	                                   {"out", required_argument, NULL, 'o'},
	                                   {"field-share", required_argument, NULL, 'F'},
	                                   {"road-factor", required_argument, NULL, 'R'},
	                                   {"speed", required_argument, NULL, 'S'},
	                                   {"hours", required_argument, NULL, 'H'},
	                                   {"as-of", required_argument, NULL, 'A'},
	                                   {"apply", no_argument, NULL, 'a'},
	                                   {"undo", no_argument, NULL, 'u'},
	                                   {"lang", required_argument, NULL, 'l'},
	                                   {NULL, 0, NULL, 0}};
	int c;
	double v;
	memset(o, 0, sizeof(*o));
	plan_params_default(&o->pp);
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_num(optarg, 1, 9e15, &v) != 0 || v != floor(v))
				return bad("--snapshot wants a snapshot number", optarg);
			o->snapshot = (int64_t)v;
			break;
		case 'f':
			if (parse_fmt(optarg, &o->fmt) != 0)
				return bad("--format is text, csv, json, xlsx or html", optarg);
			break;
		case 't':
			if (parse_table(optarg, &o->table) != 0)
				return bad("--table is assignments, workload, headcount or whatif",
				           optarg);
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'F':
		case 'R':
		case 'S':
		case 'H':
			if (cmd_plan_param(&cmd_plan, c, optarg, &o->pp) != 1)
				return EXIT_USAGE;
			break;
		case 'A':
			if (days_parse_iso(optarg, &o->pp.as_of) != 0)
				return bad("--as-of wants a date YYYY-MM-DD", optarg);
			break;
		case 'a':
			o->apply = 1;
			break;
		case 'u':
			o->undo = 1;
			break;
		case 'l':
			if (lang_parse(optarg, &ctx->lang) != 0)
				return bad("--lang is sv or en", optarg);
			break;
		default:
			return cmd_usage(&cmd_plan);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_plan);
	if (o->apply && o->undo) {
		cmd_error(&cmd_plan, "--apply and --undo go one at a time");
		return cmd_usage(&cmd_plan);
	}
	if (o->fmt == F_XLSX && (!o->out || !strcmp(o->out, "-"))) {
		cmd_error(&cmd_plan, "--format xlsx needs --out FILE.xlsx");
		return EXIT_USAGE;
	}
	return -1; /* go on */
}

static int undo(struct cmd_ctx *ctx)
{
	int64_t batch;
	long restored, skipped;
	char *cause = NULL;
	int rc = store_plan_undo(ctx->db, &batch, &restored, &skipped, &cause);
	if (rc < 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (rc == 1) {
		cmd_error(&cmd_plan, "%s",
		          TR(ctx->lang, "there is no applied plan to undo",
		             "det finns ingen tillämpad plan att ångra"));
		return EXIT_DATA;
	}
	fprintf(stderr,
	        TR(ctx->lang, "Undid plan batch #%lld: %ld customers got their previous owner back",
	           "Ångrade planen #%lld: %ld kunder fick tillbaka sin tidigare ansvarige"),
	        (long long)batch, restored);
	if (skipped)
		fprintf(stderr,
		        TR(ctx->lang, "; %ld changed since and were left as they are",
		           "; %ld har ändrats sedan dess och lämnades orörda"),
		        skipped);
	fputs(".\n", stderr);
	cmd_audit_note(ctx, "plan-undo", "batch %lld: %ld customers restored, %ld left", (long long)batch,
	          restored, skipped);
	return EXIT_OK;
}

static int render(struct cmd_ctx *ctx, const struct opts *o, const struct plan_inputs *in,
                  const struct plan_result *r)
{
	struct planview_table *t[PV_NTABLES];
	char *cause = NULL;
	if (o->fmt == F_XLSX) {
		planview_plan_tables(in, r, ctx->lang, true, t);
		int rc = planview_write_xlsx(o->out, t, PV_NTABLES, &cause);
		for (int k = 0; k < PV_NTABLES; k++)
			planview_table_free(t[k]);
		if (rc != 0) {
			cmd_error(&cmd_plan, "%s", cause);
			free(cause);
			return EXIT_DATA;
		}
		return EXIT_OK;
	}
	FILE *f = cmd_open_out(&cmd_plan, o->out);
	if (!f)
		return EXIT_DATA;
	if (o->fmt == F_TEXT) {
		planview_plan_text(f, in, r, ctx->lang);
	} else if (o->fmt == F_JSON) {
		planview_plan_json(f, in, r);
	} else {
		planview_plan_tables(in, r, ctx->lang, o->fmt == F_CSV, t);
		if (o->fmt == F_CSV) {
			planview_write_csv(f, t[o->table]);
		} else {
			char **notes;
			const char **codes;
			int n;
			planview_plan_notes(in, r, ctx->lang, &notes, &codes, &n);
			planview_write_html(f, TR(ctx->lang, "Coverage plan", "Täckningsplan"), t,
			                    PV_NTABLES, (const char *const *)notes, n, ctx->lang);
			planview_notes_free(notes, codes, n);
		}
		for (int k = 0; k < PV_NTABLES; k++)
			planview_table_free(t[k]);
	}
	return cmd_close_out(&cmd_plan, f, o->out) == 0 ? EXIT_OK : EXIT_DATA;
}

static void print_notes(struct cmd_ctx *ctx, const struct plan_inputs *in,
                        const struct plan_result *r)
{
	char **notes;
	const char **codes;
	int n;
	planview_plan_notes(in, r, ctx->lang, &notes, &codes, &n);
	for (int i = 0; i < n; i++)
		fprintf(stderr, "fokus plan: %s %s\n", TR(ctx->lang, "note:", "obs:"), notes[i]);
	planview_notes_free(notes, codes, n);
}

static int apply(struct cmd_ctx *ctx, const struct plan_inputs *in, const struct plan_result *r)
{
	int64_t batch;
	long changed;
	char *cause = NULL;
	if (store_plan_apply(ctx->db, in, r, &batch, &changed, &cause) != 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (!changed)
		fprintf(stderr, "%s\n",
		        TR(ctx->lang, "Applied: nothing to change, every owner is as planned.",
		           "Tillämpad: inget att ändra, alla ansvariga är redan enligt planen."));
	else
		fprintf(stderr,
		        TR(ctx->lang,
		           "Applied: %ld customers got a new owner (batch #%lld). Undo with 'fokus "
		           "plan --undo'.\n",
		           "Tillämpad: %ld kunder fick ny ansvarig (omgång #%lld). Ångra med "
		           "'fokus plan --undo'.\n"),
		        changed, (long long)batch);
	cmd_audit_note(ctx, "plan-apply", "batch %lld: %ld customers got a new owner", (long long)batch,
	          changed);
	return EXIT_OK;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct opts o;
	int rc = parse_opts(ctx, argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (!cmd_db(ctx))
		return EXIT_DATA;
	if (o.undo)
		return undo(ctx);
	struct plan_inputs in;
	char *cause = NULL;
	if (store_plan_inputs(ctx->db, o.snapshot, &in, &cause) != 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	struct plan_result *r = plan_compute(&in, &o.pp);
	if (o.fmt != F_JSON)
		print_notes(ctx, &in, r);
	rc = render(ctx, &o, &in, r);
	if (rc == EXIT_OK && o.apply)
		rc = apply(ctx, &in, r);
	plan_result_free(r);
	plan_inputs_free(&in);
	return rc;
}

const struct command cmd_plan = {
    .name = "plan",
    .usage =
        "plan [--snapshot ID] [--format text|csv|json|xlsx|html] [--out FILE] [--apply | --undo]",
    .summary = "coverage plan: who keeps which customer, workload, headcount, what-if",
    .help =
        "Turns the categories of the latest categorization (or --snapshot ID) and the\n"
        "contact policy ('fokus policy') into:\n"
        "  - an assignment: every categorized customer gets a person whose role matches its\n"
        "    category. The current owner keeps it where the role matches and there is room\n"
        "    (fewest moves); otherwise it goes to the person of the role with the least\n"
        "    travel who still has room. Customers are placed in the order category 1, 2R,\n"
        "    2P, 3, and within a category by order value of the last 12 months, largest\n"
        "    first. Reasons: kept, no_owner, owner_unknown, role_mismatch, owner_full,\n"
        "    over_capacity (nobody has room: placed anyway), no_role, no_category.\n"
        "  - workload per person: contact minutes from the policy + travel per visit (round\n"
        "    trip great-circle km x road factor / speed), against capacity = hours per year x\n"
        "    field share. Phone and newsletter time counts against the same capacity.\n"
        "  - headcount (workload method): persons needed per role = workload / capacity per\n"
        "    person, next to persons available.\n"
        "  - what-if: today (activities and orders of the 12 months up to --as-of) against\n"
        "    the plan: visits per category, field hours freed from category 3, extra visits\n"
        "    to categories 1 and 2, and an estimate of the order-value effect.\n"
        "Nothing in the workspace changes unless --apply is given.\n\n"
        "Options:\n"
        "  --snapshot ID        the categorization to plan from (default: the latest)\n"
        "  --format FMT         text (default), csv, json, xlsx (needs --out), html\n"
        "  --table NAME         for csv: assignments (default), workload, headcount, whatif\n"
        "  --out FILE           write there instead of stdout\n"
        "  --field-share F      share of a person's hours for customer work (default 0.5)\n"
        "  --road-factor F      road km per great-circle km (default 1.3)\n"
        "  --speed KMH          average travel speed (default 70)\n"
        "  --hours H            hours per year of a seller without hours_per_year (default 1720)\n"
        "  --as-of DATE         end of the what-if window (default: the latest activity)\n"
        "  --apply              store the assignment as the current owners (a new batch;\n"
        "                       'fokus status' lists it)\n"
        "  --undo               give back the owners of the latest applied plan\n"
        "  --lang sv|en         language of text and html (csv, json and xlsx keep machine\n"
        "                       names and category codes)\n\n"
        "JSON: {snapshot_id, params, assignments: [{customer_id, name, category,\n"
        "from_seller, to_seller, reason, hours, travel_hours, km_one_way, travel_estimated,\n"
        "located}], workload: [{seller_id, name, role, hours, capacity_hours, customers, kept,\n"
        "gained, lost, visits, calls, contact_hours, travel_hours, over_capacity, has_home}],\n"
        "headcount: [{role, needed, available, customers, workload_hours,\n"
        "capacity_per_person}], whatif: {...}, summary: {...}, warnings: [{code, message}]}.\n"
        "Every formula, with an example: docs/plan.md.\n\n"
        "Examples:\n"
        "  fokus plan\n"
        "  fokus plan --field-share 0.6 --format xlsx --out plan.xlsx\n"
        "  fokus plan --apply\n"
        "  fokus plan --undo\n",
    .order = 50,
    .run = run,
};
