/* cmd-policy.c — `fokus policy`: show the contact policy (per category the
 * responsible role and contacts per year per channel with minutes each),
 * change one category, or go back to the method's defaults. */
#include "cmd.h"
#include "core/plan.h"
#include "core/policy.h"
#include "render/table.h"
#include "store/policy.h"

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
	struct table *t = table_new(9, "llrrrrrrr");
	const char *h[] = {TR(l, "category", "kategori"),
	                   TR(l, "role", "roll"),
	                   TR(l, "visits/yr", "besök/år"),
	                   "min",
	                   TR(l, "calls/yr", "samtal/år"),
	                   "min",
	                   TR(l, "newsletters/yr", "nyhetsbrev/år"),
	                   "min",
	                   TR(l, "hours/customer/yr", "timmar/kund/år")};
	table_row(t, h);
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct policy_row *r = &p->cat[c];
		char b[CH_COUNT * 2][32], hours[32], cat[64];
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
		    cat, role_label(r->role, l), b[0], b[1], b[2], b[3], b[4], b[5], hours};
		table_row(t, row);
	}
	printf("%s\n", TR(l, "Contact policy", "Kontaktpolicy"));
	table_print(t, stdout, 1);
	table_free(t);
	printf("%s\n", TR(l, "Hours per customer exclude travel; 'fokus plan' adds it per visit.",
	                  "Timmar per kund utan restid; 'fokus plan' lägger till den per besök."));
}

/* Parses "N" or "NxMIN" (also "N×MIN", decimal comma) into per_year and,
 * when given, minutes. Returns 0 or -1. */
static int parse_freq(const char *s, double *per_year, double *minutes, int *has_minutes)
{
	char buf[64];
	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	for (char *q = buf; *q; q++)
		if (*q == ',')
			*q = '.';
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
	char *end;
	double n = strtod(buf, &end);
	if (end == buf || *end || !isfinite(n) || n < 0 || n > 10000)
		return -1;
	double m = 0;
	if (rest) {
		m = strtod(rest, &end);
		if (end == rest || *end || !isfinite(m) || m < 0 || m > 24 * 60)
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
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},  {"visit", required_argument, NULL, 'v'},
	    {"phone", required_argument, NULL, 'p'}, {"newsletter", required_argument, NULL, 'n'},
	    {"lang", required_argument, NULL, 'l'},  {NULL, 0, NULL, 0}};
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
			cmd_error(
			    &cmd_policy,
			    "set %s: nothing to change (--role, --visit, --phone, --newsletter)",
			    category_code(cat));
		return cmd_usage(&cmd_policy);
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

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc > 1 && argv[1][0] != '-' ? argv[1] : "show";
	int shift = argc > 1 && argv[1][0] != '-' ? 1 : 0;
	if (strcmp(sub, "show") && strcmp(sub, "set") && strcmp(sub, "reset")) {
		cmd_error(&cmd_policy, "unknown subcommand '%s': show, set or reset", sub);
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
    .usage = "policy [show [--json] | set CATEGORY [--role R] [--visit N[xMIN]] [--phone N[xMIN]]"
             " [--newsletter N[xMIN]] | reset [CATEGORY]] [--lang sv|en]",
    .summary = "the contact policy: who keeps each category, how often, through which channel",
    .help = "Per category (1, 2R, 2P, 3): the responsible role and contacts per year per\n"
            "channel (visit, phone, newsletter) with minutes each. 'fokus plan' computes\n"
            "workload, headcount and the lists from it. Defaults, from the method:\n"
            "  1   farmer   visit 10/yr x 60 min, phone 12/yr x 15 min\n"
            "  2R  farmer   visit  4/yr x 60 min, phone  4/yr x 15 min\n"
            "  2P  hunter   visit  6/yr x 60 min, phone  6/yr x 15 min\n"
            "  3   service  newsletter 4/yr, phone 1/yr x 10 min\n\n"
            "  policy [show]           the table; hours per customer exclude travel\n"
            "    --json                as JSON: {\"policy\": [{category, role, visit: {per_year,\n"
            "                          minutes}, phone: {...}, newsletter: {...},\n"
            "                          contact_hours_per_year}]}\n"
            "  policy set CATEGORY     change one category; only the options given change:\n"
            "    --role R              farmer, hunter or service (förvaltare, jägare, kundtjänst)\n"
            "    --visit N[xMIN]       N visits a year, MIN minutes each (10x60; '4' keeps the\n"
            "                          minutes; '0' none). Decimals allowed: 2.5x45\n"
            "    --phone N[xMIN]       calls a year\n"
            "    --newsletter N[xMIN]  newsletters a year (minutes per customer, usually 0)\n"
            "  policy reset [CATEGORY] back to the defaults (one category or all)\n\n"
            "Examples:\n"
            "  fokus policy set 1 --visit 12x60 --phone 12x15\n"
            "  fokus policy set 2P --role farmer\n"
            "  fokus policy set 3 --newsletter 6 --phone 0\n"
            "  fokus policy show --json\n",
    .order = 40,
    .run = run,
};
