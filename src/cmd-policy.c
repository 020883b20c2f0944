/* cmd-policy.c — `fokus policy`: show the contact policy (per category the
 * responsible role and contacts per year per channel with minutes each),
 * change one category, or go back to the method's defaults. */
#include "app/plan.h"
#include "cmd.h"
#include "core/plan.h"
#include "core/policy.h"
#include "render/table.h"
#include "store/policy.h"
#include "util/days.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_policy;

static json_t *num(double v)
{
	double r = round(v * 1000) / 1000;
	return r == floor(r) && fabs(r) < 1e15 ? json_integer((json_int_t)r) : json_real(r);
}

static void show_json(const struct policy *p)
{
	json_t *arr = json_array();
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct policy_row *r = &p->cat[c];
		json_t *o = json_object();
		json_object_set_new(o, "category", json_string(category_code((enum category)c)));
		json_object_set_new(o, "role", json_string(role_code(r->role)));
		for (int ch = 0; ch < CH_COUNT; ch++) {
			json_t *x = json_object();
			json_object_set_new(x, "per_year", num(r->per_year[ch]));
			json_object_set_new(x, "minutes", num(r->minutes[ch]));
			if (ch != CH_NEWSLETTER)
				json_object_set_new(x, "max",
				                    num(r->max[ch] > r->per_year[ch]
				                            ? r->max[ch]
				                            : r->per_year[ch]));
			json_object_set_new(o, channel_code((enum channel)ch), x);
		}
		json_object_set_new(o, "contact_hours_per_year",
		                    num(plan_contact_minutes(p, c) / 60.0));
		json_array_append_new(arr, o);
	}
	json_t *root = json_object();
	json_object_set_new(root, "policy", arr);
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	puts(s);
	free(s);
	json_decref(root);
}

static void show_text(const struct policy *p, enum lang l)
{
	struct table *t = table_new(11, "llrrrrrrrrr");
	const char *h[] = {TR(l, "category", "kategori"),
	                   TR(l, "role", "roll"),
	                   TR(l, "visits/yr", "besök/år"),
	                   "min",
	                   TR(l, "calls/yr", "samtal/år"),
	                   "min",
	                   TR(l, "newsletters/yr", "nyhetsbrev/år"),
	                   "min",
	                   TR(l, "hours/customer/yr", "timmar/kund/år"),
	                   TR(l, "most visits/yr", "högst besök/år"),
	                   TR(l, "most calls/yr", "högst samtal/år")};
	table_row(t, h);
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct policy_row *r = &p->cat[c];
		char b[CH_COUNT * 2][32], hours[32], cat[64], mx[2][32];
		for (int ch = 0; ch < 2; ch++) {
			double m = r->max[ch] > r->per_year[ch] ? r->max[ch] : r->per_year[ch];
			fmt_num(mx[ch], sizeof(mx[0]), m, m == floor(m) ? 0 : 1, l);
		}
		for (int ch = 0; ch < CH_COUNT; ch++) {
			fmt_num(b[2 * ch], sizeof(b[0]), r->per_year[ch],
			        r->per_year[ch] == floor(r->per_year[ch]) ? 0 : 1, l);
			fmt_num(b[2 * ch + 1], sizeof(b[0]), r->minutes[ch],
			        r->minutes[ch] == floor(r->minutes[ch]) ? 0 : 1, l);
		}
		fmt_num(hours, sizeof(hours), plan_contact_minutes(p, c) / 60.0, 1, l);
		snprintf(cat, sizeof(cat), "%s (%s)", category_code((enum category)c),
		         category_label((enum category)c, l));
		const char *row[] = {
		    cat,  role_label(r->role, l), b[0], b[1], b[2], b[3], b[4], b[5], hours, mx[0],
		    mx[1]};
		table_row(t, row);
	}
	printf("%s\n", TR(l, "Contact policy", "Kontaktpolicy"));
	table_print(t, stdout, 1);
	table_free(t);
	printf(
	    "%s\n",
	    TR(l,
	       "The target per category; 'fokus plan' gives each customer between none and the\n"
	       "most a year, as the team's hours allow. Hours per customer exclude travel.",
	       "Målet per kategori; 'fokus plan' ger varje kund mellan inget och högst så många\n"
	       "om året som teamets timmar räcker till. Timmar per kund utan restid."));
}

/* Parses "N" or "NxMIN" (also "N×MIN", decimal comma) into per_year and,
 * when given, minutes. Returns 0 or -1. */
static int parse_freq(const char *s, double *per_year, double *minutes, int *has_minutes)
{
	char buf[64];
	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	char *x = strchr(buf, 'x');
	if (!x)
		x = strchr(buf, 'X');
	char *times = strstr(buf, "×");
	*has_minutes = 0;
	char *rest = NULL;
	if (x) {
		*x = '\0';
		rest = x + 1;
	} else if (times) {
		*times = '\0';
		rest = times + strlen("×");
	}
	double n, m = 0;
	if (cmd_parse_number(buf, 0, 10000, &n) != 0)
		return -1;
	if (rest) {
		if (cmd_parse_number(rest, 0, 24 * 60, &m) != 0)
			return -1;
		*has_minutes = 1;
	}
	*per_year = n;
	if (*has_minutes)
		*minutes = m;
	return 0;
}

static int save(struct cmd_ctx *ctx, const struct policy *p)
{
	char *cause = NULL;
	if (store_policy_save(ctx->db, p, &cause) != 0) {
		cmd_error(&cmd_policy, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int do_set(struct cmd_ctx *ctx, struct policy *p, int argc, char **argv)
{
	static const struct option opts[] = {{"role", required_argument, NULL, 'r'},
	                                     {"visit", required_argument, NULL, 'v'},
	                                     {"phone", required_argument, NULL, 'p'},
	                                     {"newsletter", required_argument, NULL, 'n'},
	                                     {"visit-max", required_argument, NULL, 'V'},
	                                     {"phone-max", required_argument, NULL, 'P'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {NULL, 0, NULL, 0}};
	enum category cat;
	if (argc < 2 || category_parse(argv[1], &cat) != 0) {
		cmd_error(&cmd_policy, "set needs a category: 1, 2R, 2P or 3");
		return cmd_usage(&cmd_policy);
	}
	struct policy_row row = p->cat[cat];
	int c, changed = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		enum channel ch;
		switch (c) {
		case 'r':
			if (role_parse(optarg, &row.role) != 0) {
				cmd_error(&cmd_policy,
				          "unknown role '%s': farmer, hunter or service", optarg);
				return EXIT_USAGE;
			}
			changed = 1;
			continue;
		case 'v':
			ch = CH_VISIT;
			break;
		case 'p':
			ch = CH_PHONE;
			break;
		case 'n':
			ch = CH_NEWSLETTER;
			break;
		case 'V':
		case 'P': {
			double m;
			if (cmd_parse_number(optarg, 0, 365, &m) != 0) {
				cmd_error(&cmd_policy,
				          "--%s wants a number a year from 0 to 365; not '%s'",
				          c == 'V' ? "visit-max" : "phone-max", optarg);
				return EXIT_USAGE;
			}
			row.max[c == 'V' ? CH_VISIT : CH_PHONE] = m;
			changed = 1;
			continue;
		}
		case 'l':
			if (lang_parse(optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_policy);
			continue;
		default:
			return cmd_usage(&cmd_policy);
		}
		int has_min;
		if (parse_freq(optarg, &row.per_year[ch], &row.minutes[ch], &has_min) != 0) {
			cmd_error(
			    &cmd_policy,
			    "--%s wants TIMES or TIMESxMINUTES per year, e.g. 10x60; not '%s'",
			    channel_code(ch), optarg);
			return EXIT_USAGE;
		}
		changed = 1;
	}
	if (optind != argc || !changed) {
		if (!changed)
			cmd_error(&cmd_policy,
			          "set %s: nothing to change (--role, --visit, --phone, "
			          "--newsletter, --visit-max, "
			          "--phone-max)",
			          category_code(cat));
		return cmd_usage(&cmd_policy);
	}
	for (int ch = CH_VISIT; ch <= CH_PHONE; ch++) {
		if (row.max[ch] < row.per_year[ch]) {
			cmd_error(
			    &cmd_policy,
			    "the most %s a year (%g) is below the target (%g): raise --%s-max or "
			    "lower --%s",
			    ch == CH_VISIT ? "visits" : "calls", row.max[ch], row.per_year[ch],
			    channel_code((enum channel)ch), channel_code((enum channel)ch));
			return EXIT_USAGE;
		}
	}
	p->cat[cat] = row;
	int rc = save(ctx, p);
	if (rc == EXIT_OK)
		show_text(p, ctx->lang);
	return rc;
}

static int do_reset(struct cmd_ctx *ctx, struct policy *p, int argc, char **argv)
{
	struct policy d;
	policy_default(&d);
	if (argc > 2)
		return cmd_usage(&cmd_policy);
	if (argc == 2) {
		enum category cat;
		if (category_parse(argv[1], &cat) != 0) {
			cmd_error(&cmd_policy, "unknown category '%s': 1, 2R, 2P or 3", argv[1]);
			return EXIT_USAGE;
		}
		p->cat[cat] = d.cat[cat];
	} else {
		*p = d;
	}
	int rc = save(ctx, p);
	if (rc == EXIT_OK)
		show_text(p, ctx->lang);
	return rc;
}

static int do_show(struct cmd_ctx *ctx, const struct policy *p, int argc, char **argv)
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
			return cmd_usage(&cmd_policy);
	}
	if (optind != argc)
		return cmd_usage(&cmd_policy);
	if (json)
		show_json(p);
	else
		show_text(p, ctx->lang);
	return EXIT_OK;
}

/* --- the response: fokus policy response [show|set|reset] ------------------ */

/* "70%", "70", "0.7" (a share when <= 3 without %) into a share. */
static int parse_share(const char *s, double *out)
{
	char buf[32];
	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	int pct = 0;
	size_t n = strlen(buf);
	if (n && buf[n - 1] == '%') {
		buf[--n] = '\0';
		pct = 1;
	}
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	double v;
	if (cmd_parse_number(buf, 0, HUGE_VAL, &v) != 0)
		return -1;
	*out = pct || v > 3 ? v / 100 : v;
	return *out <= 100 ? 0 : -1;
}

static json_t *response_json(const struct plan_inputs *in, const struct plan_response *r,
                             const struct response_fit *fit)
{
	double phone_weight = in->phone_weight;
	json_t *arr = json_array();
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct plan_response *x = &r[c];
		struct response_points p;
		double fref = plan_reference_contact(x->f_ref);
		response_to_points(&x->curve, fref, &p);
		json_t *o = json_object(), *pts = json_object(), *f = json_object();
		json_object_set_new(o, "category", json_string(category_code((enum category)c)));
		json_object_set_new(o, "source", json_string(response_source_code(x->source)));
		json_object_set_new(o, "contact_today", num(x->f_ref));
		json_object_set_new(o, "reference_contact", num(fref));
		json_object_set_new(o, "rho", num(x->curve.rho));
		json_object_set_new(o, "c", num(x->curve.c));
		json_object_set_new(o, "d", num(x->curve.d));
		json_object_set_new(pts, "no_visits", num(p.none));
		json_object_set_new(pts, "half", num(p.half));
		json_object_set_new(pts, "more", num(p.more));
		json_object_set_new(pts, "saturation", num(p.saturation));
		json_object_set_new(o, "points", pts);
		if (in->judged[c]) {
			json_t *j = json_object();
			json_object_set_new(j, "no_visits", num(in->judgement[c].none));
			json_object_set_new(j, "half", num(in->judgement[c].half));
			json_object_set_new(j, "more", num(in->judgement[c].more));
			json_object_set_new(j, "saturation", num(in->judgement[c].saturation));
			json_object_set_new(o, "judgement", j);
		}
		json_object_set_new(f, "ok", json_boolean(x->fit.ok));
		json_object_set_new(f, "customers", json_integer(x->fit.customers));
		json_object_set_new(f, "informative", json_integer(x->fit.informative));
		if (x->fit.ok) {
			json_object_set_new(f, "rho", num(x->fit.est.rho));
			json_object_set_new(f, "d", num(x->fit.est.d));
			json_object_set_new(f, "lr", num(x->fit.lr));
			json_object_set_new(f, "rho_low", num(x->fit.rho_lo));
			json_object_set_new(f, "rho_high", num(x->fit.rho_hi));
			json_object_set_new(f, "d_low", num(x->fit.d_lo));
			json_object_set_new(f, "d_high", num(x->fit.d_hi));
		}
		json_object_set_new(o, "fit", f);
		json_array_append_new(arr, o);
	}
	json_t *root = json_object();
	json_object_set_new(root, "phone_weight", num(phone_weight));
	json_object_set_new(root, "months", json_integer(fit->months));
	json_object_set_new(root, "response", arr);
	return root;
}

static const char *source_words(enum response_source s, enum lang l)
{
	return s == RS_FIT         ? TR(l, "fitted to the history", "anpassad till historiken")
	       : s == RS_JUDGEMENT ? TR(l, "your judgement", "din bedömning")
	                           : TR(l, "the method's default", "metodens standard");
}

static void response_text(const struct plan_response *r, const struct response_fit *fit,
                          double phone_weight, enum lang l)
{
	struct table *t = table_new(10, "llrrrrrrrl");
	const char *h[] = {
	    TR(l, "category", "kategori"),
	    TR(l, "source", "källa"),
	    TR(l, "today/cust/yr", "i dag/kund/år"),
	    TR(l, "no visits", "inga besök"),
	    TR(l, "half", "hälften"),
	    TR(l, "+50 %", "+50 %"),
	    TR(l, "saturation", "mättnad"),
	    "rho",
	    "d",
	    TR(l, "fit: rho 80 % range (customers)", "anpassning: rho 80 %-intervall (kunder)")};
	table_row(t, h);
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct plan_response *x = &r[c];
		struct response_points p;
		response_to_points(&x->curve, plan_reference_contact(x->f_ref), &p);
		char b[7][32], cat[64], fitb[96];
		snprintf(cat, sizeof(cat), "%s (%s)", category_code((enum category)c),
		         category_label((enum category)c, l));
		fmt_num(b[0], 32, x->f_ref, 2, l);
		fmt_pct(b[1], 32, p.none, 0, l);
		fmt_pct(b[2], 32, p.half, 0, l);
		fmt_pct(b[3], 32, p.more, 0, l);
		fmt_pct(b[4], 32, p.saturation, 0, l);
		fmt_num(b[5], 32, x->curve.rho, 3, l);
		fmt_num(b[6], 32, x->curve.d, 2, l);
		if (x->fit.ok) {
			char lo[32], hi[32];
			snprintf(fitb, sizeof(fitb), "%s–%s (%d)",
			         fmt_num(lo, 32, x->fit.rho_lo, 3, l),
			         fmt_num(hi, 32, x->fit.rho_hi, 3, l), x->fit.informative);
		} else {
			snprintf(fitb, sizeof(fitb),
			         TR(l, "too little data (%d)", "för lite data (%d)"),
			         x->fit.informative);
		}
		const char *row[] = {
		    cat, source_words(x->source, l), b[0], b[1], b[2], b[3], b[4], b[5], b[6],
		    fitb};
		table_row(t, row);
	}
	printf("%s\n", TR(l,
	                  "How revenue answers to contact (CALLPLAN's four points, as shares of "
	                  "today's revenue)",
	                  "Hur omsättningen svarar på kontakt (CALLPLANs fyra punkter, i andel av "
	                  "dagens omsättning)"));
	table_print(t, stdout, 1);
	table_free(t);
	char w[32];
	printf(TR(l,
	          "Contact = visits + %s x calls a year; the fit uses %d months. Set your own: "
	          "fokus policy response set CATEGORY --no-visits 70%% --half 85%% --more 110%% "
	          "--saturation 130%%\n",
	          "Kontakt = besök + %s x samtal om året; anpassningen använder %d månader. Ange "
	          "egen: fokus policy response set KATEGORI --no-visits 70%% --half 85%% --more "
	          "110%% --saturation 130%%\n"),
	       fmt_num(w, sizeof(w), phone_weight, 2, l), fit->months);
}

static int response_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"no-visits", required_argument, NULL, '0'},
	                                     {"half", required_argument, NULL, 'h'},
	                                     {"more", required_argument, NULL, 'm'},
	                                     {"saturation", required_argument, NULL, 's'},
	                                     {"phone-weight", required_argument, NULL, 'w'},
	                                     {NULL, 0, NULL, 0}};
	const char *sub = argc > 1 && argv[1][0] != '-' ? argv[1] : "show";
	int shift = argc > 1 && argv[1][0] != '-' ? 1 : 0;
	if (strcmp(sub, "show") && strcmp(sub, "set") && strcmp(sub, "reset")) {
		cmd_error(&cmd_policy, "unknown subcommand 'response %s': show, set or reset", sub);
		return cmd_usage(&cmd_policy);
	}
	argc -= shift;
	argv += shift;
	int cat = -1, json = 0, c;
	double v[4] = {-1, -1, -1, -1}, weight = -1;
	optind = 1;
	if (strcmp(sub, "show") && argc > 1 && argv[1][0] != '-') {
		enum category k;
		if (category_parse(argv[1], &k) != 0) {
			cmd_error(&cmd_policy, "unknown category '%s': 1, 2R, 2P or 3", argv[1]);
			return EXIT_USAGE;
		}
		cat = k;
		optind = 2;
	}
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int at = c == '0' ? 0 : c == 'h' ? 1 : c == 'm' ? 2 : c == 's' ? 3 : -1;
		if (at >= 0) {
			if (parse_share(optarg, &v[at]) != 0) {
				cmd_error(&cmd_policy,
				          "--%s wants a share of today's revenue, e.g. 85%%: '%s'",
				          opts[2 + at].name, optarg);
				return EXIT_USAGE;
			}
		} else if (c == 'w') {
			if (cmd_parse_number(optarg, 0, 1, &weight) != 0) {
				cmd_error(
				    &cmd_policy,
				    "--phone-weight wants a share of a visit from 0 to 1: '%s'",
				    optarg);
				return EXIT_USAGE;
			}
		} else if (c == 'j') {
			json = 1;
		} else if (!(c == 'l' && lang_parse(optarg, &ctx->lang) == 0)) {
			return cmd_usage(&cmd_policy);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_policy);
	bool points = v[0] >= 0 || v[1] >= 0 || v[2] >= 0 || v[3] >= 0;
	if (!strcmp(sub, "set") && ((points && cat < 0) || (!points && weight < 0))) {
		cmd_error(&cmd_policy,
		          "response set wants CATEGORY and its points (--no-visits, --half, "
		          "--more, --saturation), or --phone-weight");
		return EXIT_USAGE;
	}
	if (!cmd_db(ctx))
		return EXIT_DATA;
	char *cause = NULL;
	int rc = EXIT_OK;
	if (!strcmp(sub, "reset")) {
		if (store_response_reset(ctx->db, cat, &cause) != 0)
			goto fail;
		sub = "show";
	}
	if (weight >= 0 && store_phone_weight_set(ctx->db, weight, &cause) != 0)
		goto fail;
	struct plan_inputs in;
	struct response_fit fit;
	struct plan_response r[CAT_COUNT];
	if (app_plan_response(ctx->db, &in, &fit, r, &cause) != 0)
		goto fail;
	if (points) {
		/* Points not given: those of the curve in use. */
		struct response_points cur, p;
		double fref = plan_reference_contact(r[cat].f_ref);
		response_to_points(&r[cat].curve, fref, &cur);
		p.none = v[0] >= 0 ? v[0] : cur.none;
		p.half = v[1] >= 0 ? v[1] : cur.half;
		p.more = v[2] >= 0 ? v[2] : cur.more;
		p.saturation = v[3] >= 0 ? v[3] : cur.saturation;
		struct response_curve k;
		if (response_from_points(&p, fref, &k, &cause) != 0 ||
		    store_response_set(ctx->db, (enum category)cat, &p, &cause) != 0) {
			response_fit_free(&fit);
			plan_inputs_free(&in);
			goto fail;
		}
		in.judged[cat] = true;
		in.judgement[cat] = p;
		response_fit_free(&fit);
		plan_response(&in, plan_today(&in, DAYS_NONE), RESPONSE_BOOT, &fit, r);
	}
	if (json) {
		json_t *root = response_json(&in, r, &fit);
		char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		                               JSON_REAL_PRECISION(12));
		puts(s);
		free(s);
		json_decref(root);
	} else {
		response_text(r, &fit, in.phone_weight, ctx->lang);
	}
	response_fit_free(&fit);
	plan_inputs_free(&in);
	return rc;
fail:
	cmd_error(&cmd_policy, "%s", cause);
	free(cause);
	return EXIT_DATA;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "response"))
		return response_cmd(ctx, argc - 1, argv + 1);
	const char *sub = argc > 1 && argv[1][0] != '-' ? argv[1] : "show";
	int shift = argc > 1 && argv[1][0] != '-' ? 1 : 0;
	if (strcmp(sub, "show") && strcmp(sub, "set") && strcmp(sub, "reset")) {
		cmd_error(&cmd_policy, "unknown subcommand '%s': show, set, reset or response",
		          sub);
		return cmd_usage(&cmd_policy);
	}
	if (!cmd_db(ctx))
		return EXIT_DATA;
	struct policy p;
	char *cause = NULL;
	if (store_policy_load(ctx->db, &p, &cause) != 0) {
		cmd_error(&cmd_policy, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	argc -= shift;
	argv += shift;
	optind = 1;
	if (!strcmp(sub, "set"))
		return do_set(ctx, &p, argc, argv);
	if (!strcmp(sub, "reset"))
		return do_reset(ctx, &p, argc, argv);
	return do_show(ctx, &p, argc, argv);
}

const struct command cmd_policy = {
    .name = "policy",
    .usage =
        "policy [show [--json] | set CATEGORY [--role R] [--visit N[xMIN]] [--phone N[xMIN]]\n"
        "             [--newsletter N[xMIN]] [--visit-max N] [--phone-max N] | reset [CATEGORY]]\n"
        "       fokus policy response [show [--json] | set CATEGORY [--no-visits P] [--half P]\n"
        "             [--more P] [--saturation P] | set --phone-weight W | reset [CATEGORY]]",
    .summary = "the contact policy and how revenue answers to contact",
    .help =
        "Per category (1, 2R, 2P, 3): the responsible role and contacts per year per\n"
        "channel (visit, phone, newsletter) with minutes each — the target — and the most\n"
        "visits and calls a year the plan may give. 'fokus plan' gives each customer\n"
        "between none and the most, where the team's hours are worth most. Defaults, from\n"
        "the method:\n"
        "  1   farmer   visit 10/yr x 60 min, phone 12/yr x 15 min   most 12 visits, 12 calls\n"
        "  2R  farmer   visit  4/yr x 60 min, phone  4/yr x 15 min   most  6 visits,  6 calls\n"
        "  2P  hunter   visit  6/yr x 60 min, phone  6/yr x 15 min   most  8 visits,  6 calls\n"
        "  3   service  newsletter 4/yr, phone 1/yr x 10 min         most  4 calls (service\n"
        "                                                            does not visit)\n\n"
        "  policy [show]           the table; hours per customer exclude travel\n"
        "    --json                as JSON: {\"policy\": [{category, role, visit: {per_year,\n"
        "                          minutes, max}, phone: {...}, newsletter: {per_year,\n"
        "                          minutes}, contact_hours_per_year}]}\n"
        "  policy set CATEGORY     change one category; only the options given change:\n"
        "    --role R              farmer, hunter or service (förvaltare, jägare, kundtjänst)\n"
        "    --visit N[xMIN]       N visits a year, MIN minutes each (10x60; '4' keeps the\n"
        "                          minutes; '0' none). Decimals allowed: 2.5x45\n"
        "    --phone N[xMIN]       calls a year\n"
        "    --newsletter N[xMIN]  newsletters a year (minutes per customer, usually 0)\n"
        "    --visit-max N, --phone-max N   the most a year the plan may give\n"
        "  policy reset [CATEGORY] back to the defaults (one category or all)\n\n"
        "  policy response         how each category's revenue answers to contact: the\n"
        "                          curve the plan uses (fitted to the last 24 months of the\n"
        "                          workspace, your judgement, or the method's default), as\n"
        "                          CALLPLAN's four points in shares of today's revenue, with\n"
        "                          the fit's 80 % range; --json for programs\n"
        "  policy response set CATEGORY --no-visits P --half P --more P --saturation P\n"
        "                          your judgement: the revenue with no visits, with half\n"
        "                          today's visits, with 50 % more, and at saturation, as\n"
        "                          shares of today's (70%, 0.7); points not given keep those\n"
        "                          of the curve in use. Replaces the fit for that category\n"
        "  policy response set --phone-weight W   a call as a share of a visit (0.2)\n"
        "  policy response reset [CATEGORY]       back to the fit\n\n"
        "Formulas and an example: docs/plan.md.\n\n"
        "Examples:\n"
        "  fokus policy set 1 --visit 12x60 --phone 12x15 --visit-max 16\n"
        "  fokus policy set 2P --role farmer\n"
        "  fokus policy set 3 --newsletter 6 --phone 0\n"
        "  fokus policy response\n"
        "  fokus policy response set 1 --no-visits 60% --half 80% --more 115% --saturation 140%\n",
    .order = 40,
    .run = run,
};
