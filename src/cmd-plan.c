/* cmd-plan.c — `fokus plan`: computes the coverage plan under the team's
 * capacity from the latest (or a chosen) categorization, the contact policy
 * and the response curves, prints it in one of five formats, writes the
 * optimization model for an exact solver (--export-model), stores it
 * (--apply, undone with --undo), and keeps the manager's pins (`fokus plan
 * pin|unpin|pins`). The work is in app/plan.c, core/plan.c, store/plan.c,
 * render/planview.c and render/lpmodel.c. */
#include "cmd-plan.h"
#include "app/plan.h"
#include "cmd.h"
#include "core/plan.h"
#include "render/lpmodel.h"
#include "render/planview.h"
#include "render/table.h"
#include "store/plan.h"
#include "util/days.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_plan;

enum fmt { F_TEXT, F_CSV, F_JSON, F_XLSX, F_HTML };
static const char *const formats[] = {"text", "csv", "json", "xlsx", "html", NULL};

struct opts {
	int64_t snapshot;
	enum fmt fmt;
	int table;
	const char *out, *model;
	int apply, undo;
	struct plan_params pp;
};

static int parse_table(const char *s, int *t)
{
	static const struct {
		const char *name;
		int table;
	} names[] = {{"customers", PV_ASSIGNMENTS}, {"assignments", PV_ASSIGNMENTS},
	             {"workload", PV_WORKLOAD},     {"headcount", PV_HEADCOUNT},
	             {"categories", PV_WHATIF},     {"whatif", PV_WHATIF},
	             {"response", PV_RESPONSE}};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i].name)) {
			*t = names[i].table;
			return 0;
		}
	}
	return -1;
}

int cmd_plan_param(const struct command *cmd, int c, const char *arg, struct plan_params *pp)
{
	static const struct {
		int c;
		double lo, hi, scale;
		const char *complaint;
	} opts[] = {
	    {'F', 0.01, 1, 1, "--field-share wants a share between 0.01 and 1"},
	    {'R', 1, 3, 1, "--road-factor wants a number from 1 to 3"},
	    {'S', 1, 200, 1, "--speed wants km/h from 1 to 200"},
	    {'H', 1, 8784, 1, "--hours wants hours per year from 1 to 8784"},
	    {'M', 0, 1e9, 100, "--move-cost wants kr a year from 0"},
	    {'P', 0, 1e10, 100, "--person-cost wants kr a year from 0"},
	    {'B', 0, 1, 1, "--balance wants a share from 0 to 1 (0.1 = within ±10 %)"},
	};
	double *field[] = {&pp->field_share, &pp->road_factor, &pp->speed_kmh, &pp->default_hours,
	                   &pp->move_cost,   &pp->person_cost, &pp->balance};
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (opts[i].c != c)
			continue;
		double v;
		if (cmd_parse_number(arg, opts[i].lo, opts[i].hi, &v) != 0) {
			cmd_error(cmd, "%s: '%s'", opts[i].complaint, arg);
			cmd_usage(cmd);
			return -1;
		}
		*field[i] = v * opts[i].scale;
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
	                                   {"move-cost", required_argument, NULL, 'M'},
	                                   {"person-cost", required_argument, NULL, 'P'},
	                                   {"balance", required_argument, NULL, 'B'},
	                                   {"as-of", required_argument, NULL, 'A'},
	                                   {"export-model", required_argument, NULL, 'x'},
	                                   {"apply", no_argument, NULL, 'a'},
	                                   {"undo", no_argument, NULL, 'u'},
	                                   {"lang", required_argument, NULL, 'l'},
	                                   {NULL, 0, NULL, 0}};
	int c;
	memset(o, 0, sizeof(*o));
	plan_params_default(&o->pp);
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's':
			if (cmd_opt_snapshot(&cmd_plan, optarg, &o->snapshot) != 0)
				return cmd_usage(&cmd_plan);
			break;
		case 'f':
			if ((c = cmd_format(&cmd_plan, optarg, formats)) < 0)
				return cmd_usage(&cmd_plan);
			o->fmt = (enum fmt)c;
			break;
		case 't':
			if (parse_table(optarg, &o->table) != 0)
				return bad("--table is customers, workload, headcount, categories "
				           "or response",
				           optarg);
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'x':
			o->model = optarg;
			break;
		case 'F':
		case 'R':
		case 'S':
		case 'H':
		case 'M':
		case 'P':
		case 'B':
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
	cmd_audit_note(ctx, "plan-undo", "batch %lld: %ld customers restored, %ld left",
	               (long long)batch, restored, skipped);
	return EXIT_OK;
}

static int render(struct cmd_ctx *ctx, const struct opts *o, const struct plan_inputs *in,
                  const struct plan_result *r)
{
	struct planview_table *t[PV_NTABLES];
	char *cause = NULL;
	if (o->fmt == F_XLSX) {
		planview_plan_tables(in, r, ctx->lang, false, t);
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
	} else if (o->fmt == F_HTML) {
		planview_plan_html(f, in, r, ctx->lang, true);
	} else {
		planview_plan_tables(in, r, ctx->lang, true, t);
		planview_write_csv(f, t[o->table]);
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

static int write_model(struct cmd_ctx *ctx, const char *path, const struct plan_result *r)
{
	FILE *f = cmd_open_out(&cmd_plan, path);
	if (!f)
		return EXIT_DATA;
	lpmodel_write(f, &r->problem, 100,
	              "fokus plan: the allocation model, values in kr a year (docs/plan.md)");
	if (cmd_close_out(&cmd_plan, f, path) != 0)
		return EXIT_DATA;
	if (path && strcmp(path, "-"))
		fprintf(stderr,
		        TR(ctx->lang, "Model: %s (%d customers, %d persons; CPLEX LP format)\n",
		           "Modell: %s (%d kunder, %d personer; CPLEX LP-format)\n"),
		        path, r->problem.nitems, r->problem.npersons);
	return EXIT_OK;
}

static int apply(struct cmd_ctx *ctx, const struct plan_inputs *in, const struct plan_result *r)
{
	int64_t batch;
	long changed, stored;
	char *cause = NULL;
	if (store_plan_apply(ctx->db, in, r, &batch, &changed, &stored, &cause) != 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (!batch)
		fprintf(stderr, "%s\n",
		        TR(ctx->lang,
		           "Applied: nothing to change, the workspace already follows this plan.",
		           "Tillämpad: inget att ändra, arbetsytan följer redan planen."));
	else
		fprintf(
		    stderr,
		    TR(ctx->lang,
		       "Applied: %ld customers got a new owner; channel and frequency stored for "
		       "%ld "
		       "(batch #%lld). Undo with 'fokus plan --undo'.\n",
		       "Tillämpad: %ld kunder fick ny ansvarig; kanal och frekvens sparade för %ld "
		       "(omgång #%lld). Ångra med 'fokus plan --undo'.\n"),
		    changed, stored, (long long)batch);
	cmd_audit_note(ctx, "plan-apply", "batch %lld: %ld customers got a new owner",
	               (long long)batch, changed);
	return EXIT_OK;
}

/* --- pins -------------------------------------------------------------------- */

static int pin(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option lo[] = {{"visits", required_argument, NULL, 'v'},
	                                   {"calls", required_argument, NULL, 'c'},
	                                   {"lang", required_argument, NULL, 'l'},
	                                   {NULL, 0, NULL, 0}};
	double visits = -1, calls = -1;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c == 'v' && cmd_parse_number(optarg, 0, 365, &visits) == 0)
			continue;
		if (c == 'c' && cmd_parse_number(optarg, 0, 365, &calls) == 0)
			continue;
		if (c == 'l' && lang_parse(optarg, &ctx->lang) == 0)
			continue;
		if (c == 'v' || c == 'c')
			return bad("--visits and --calls want a number a year from 0 to 365",
			           optarg);
		return cmd_usage(&cmd_plan);
	}
	if (argc - optind != 2)
		return bad("pin wants CUSTOMER and SELLER", argc > optind ? argv[optind] : "");
	if (!cmd_db(ctx))
		return EXIT_DATA;
	char *cause = NULL;
	int rc = store_plan_pin(ctx->db, argv[optind], argv[optind + 1], visits, calls, &cause);
	if (rc < 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (rc > 0) {
		cmd_error(&cmd_plan,
		          rc == 1 ? "there is no customer '%s'" : "there is no seller '%s'",
		          argv[optind + rc - 1]);
		return EXIT_DATA;
	}
	fprintf(stderr,
	        TR(ctx->lang, "%s is pinned to %s; the next plan keeps it there.\n",
	           "%s är låst till %s; nästa plan behåller den där.\n"),
	        argv[optind], argv[optind + 1]);
	cmd_audit_note(ctx, "plan-pin", "%s pinned to %s", argv[optind], argv[optind + 1]);
	return EXIT_OK;
}

static int unpin(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return bad("unpin wants CUSTOMER", argc > 2 ? argv[2] : "");
	if (!cmd_db(ctx))
		return EXIT_DATA;
	char *cause = NULL;
	int rc = store_plan_unpin(ctx->db, argv[1], &cause);
	if (rc < 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (rc == 1) {
		cmd_error(&cmd_plan, "%s is not pinned", argv[1]);
		return EXIT_DATA;
	}
	fprintf(stderr, TR(ctx->lang, "%s is no longer pinned.\n", "%s är inte längre låst.\n"),
	        argv[1]);
	cmd_audit_note(ctx, "plan-unpin", "%s", argv[1]);
	return EXIT_OK;
}

static int pins(struct cmd_ctx *ctx)
{
	if (!cmd_db(ctx))
		return EXIT_DATA;
	struct plan_pin_row *rows;
	size_t n;
	char *cause = NULL;
	if (store_plan_pins(ctx->db, &rows, &n, &cause) != 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	enum lang l = ctx->lang;
	struct table *t = table_new(5, "lllrr");
	const char *h[] = {TR(l, "customer", "kund"), TR(l, "name", "namn"),
	                   TR(l, "person", "person"), TR(l, "visits/yr", "besök/år"),
	                   TR(l, "calls/yr", "samtal/år")};
	table_row(t, h);
	for (size_t i = 0; i < n; i++) {
		char v[32], c[32];
		const char *any = TR(l, "plan's choice", "planens val");
		if (rows[i].visits >= 0)
			fmt_num(v, sizeof(v), rows[i].visits, 0, l);
		if (rows[i].calls >= 0)
			fmt_num(c, sizeof(c), rows[i].calls, 0, l);
		const char *row[] = {rows[i].customer_id, rows[i].name ? rows[i].name : "",
		                     rows[i].seller_id, rows[i].visits >= 0 ? v : any,
		                     rows[i].calls >= 0 ? c : any};
		table_row(t, row);
	}
	if (n)
		table_print(t, stdout, 1);
	else
		printf("%s\n", TR(l, "No customer is pinned.", "Ingen kund är låst."));
	table_free(t);
	store_plan_pin_rows_free(rows, n);
	return EXIT_OK;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "pin"))
		return pin(ctx, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "unpin"))
		return unpin(ctx, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "pins"))
		return argc == 2 ? pins(ctx) : cmd_usage(&cmd_plan);
	struct opts o;
	int rc = parse_opts(ctx, argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (!cmd_db(ctx))
		return EXIT_DATA;
	if (o.undo)
		return undo(ctx);
	struct plan_inputs in;
	struct plan_result *r;
	char *cause = NULL;
	if (app_plan_compute(ctx->db, o.snapshot, &o.pp, &in, &r, &cause) != 0) {
		cmd_error(&cmd_plan, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (o.fmt != F_JSON)
		print_notes(ctx, &in, r);
	rc = o.model ? write_model(ctx, o.model, r) : EXIT_OK;
	if (rc == EXIT_OK && !(o.model && !strcmp(o.model, "-")))
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
        "plan [--snapshot ID] [--format text|csv|json|xlsx|html] [--out FILE] [--move-cost KR]\n"
        "           [--export-model FILE.lp] [--apply | --undo]\n"
        "       fokus plan pin CUSTOMER SELLER [--visits N] [--calls N] | unpin CUSTOMER | pins",
    .summary = "coverage plan under capacity: who contacts whom, how, how often, and its worth",
    .help =
        "With the people the team has: per customer a responsible person of the role its\n"
        "category needs (the contact policy is the target), a channel and a frequency —\n"
        "visits and calls a year up to the policy's maximum, newsletters as the policy\n"
        "says — chosen to maximize the expected yearly revenue (margin when the\n"
        "categorization used --axis margin) with nobody above capacity unless pinned:\n"
        "  - response: each customer's revenue answers to contact along an ADBUDG curve\n"
        "    (CALLPLAN), fitted per category to the workspace's own history (or the\n"
        "    manager's judgement: 'fokus policy response'); saturation at most revenue +\n"
        "    potential;\n"
        "  - allocation: per person the marginal analysis (value per hour, exact but for the\n"
        "    last step), between persons of a role a local search (relocate, swap);\n"
        "    a customer keeps its owner unless moving gains more than --move-cost; loads of\n"
        "    a role within ±10 % of each other where capacity allows;\n"
        "  - it tells: hours against capacity per person, who changes owner and why\n"
        "    (the method, capacity, balance, pins), value today against the plan with the\n"
        "    fit's range, how much of the policy the team carries, what 100 more hours or\n"
        "    one more person would add, travel km and compactness per person.\n"
        "Nothing in the workspace changes unless --apply is given.\n\n"
        "Options:\n"
        "  --snapshot ID        the categorization to plan from (default: the latest)\n"
        "  --format FMT         text (default), csv, json, xlsx (needs --out), html\n"
        "  --table NAME         for csv: customers (default), workload, headcount,\n"
        "                       categories, response\n"
        "  --out FILE           write there instead of stdout\n"
        "  --move-cost KR       what moving a customer to another person must gain a year\n"
        "                       (default 5000)\n"
        "  --person-cost KR     yearly cost of one more person, weighed against the margin\n"
        "                       they would add (default 700000)\n"
        "  --balance SHARE      loads of a role within ± this share of the role's mean where\n"
        "                       capacity allows (default 0.1; 0 off)\n"
        "  --field-share F      share of a person's hours for customer work (default 0.5)\n"
        "  --road-factor F      road km per great-circle km (default 1.3)\n"
        "  --speed KMH          average travel speed (default 70)\n"
        "  --hours H            hours per year of a seller without hours_per_year (default 1720)\n"
        "  --as-of DATE         end of 'today' (default: the latest activity)\n"
        "  --export-model FILE  also write the optimization problem as a mixed integer\n"
        "                       program (CPLEX LP format, values in kr a year): solve it\n"
        "                       with e.g. 'glpsol --lp FILE' and compare with \"objective\"\n"
        "  --apply              store the plan: owners (a new batch, 'fokus status' lists\n"
        "                       it) and each customer's channel and frequency\n"
        "  --undo               give back the owners of the latest applied plan\n"
        "  --lang sv|en         language of text and html (csv and json keep machine names\n"
        "                       and codes; xlsx has words)\n\n"
        "  plan pin CUSTOMER SELLER [--visits N] [--calls N]  keep CUSTOMER with SELLER (at N\n"
        "                       visits/calls a year when given; may put SELLER over capacity)\n"
        "  plan unpin CUSTOMER  plan pins   remove a pin, list the pins\n\n"
        "JSON: {snapshot_id, params, objective, value: {today, plan, low, high}, coverage:\n"
        "{policy_hours, capacity_hours, share}, below_policy, capacity_value, moves,\n"
        "response, assignments: [{customer_id, name, category, from_seller, to_seller,\n"
        "reason, channel, visits_per_year, calls_per_year, newsletters_per_year, hours, ...}],\n"
        "workload, headcount, whatif, summary, words, warnings}. Every formula, with an\n"
        "example: docs/plan.md.\n\n"
        "Examples:\n"
        "  fokus plan\n"
        "  fokus plan --format html --out plan.html --lang sv\n"
        "  fokus plan --export-model plan.lp --format json --out plan.json\n"
        "  fokus plan pin 10234 S03 --visits 12\n"
        "  fokus plan --apply\n"
        "  fokus plan --undo\n",
    .order = 50,
    .run = run,
};
