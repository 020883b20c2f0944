/* cmd-export.c — `fokus export --out DIR`: computes the coverage plan (as
 * `fokus plan` does) and writes each person's call list (csv + xlsx), the
 * newsletter list and the field sellers' visit calendars (.ics) into DIR.
 * The files are laid out by render/export.c. */
#include "cmd-plan.h"
#include "cmd.h"
#include "core/plan.h"
#include "render/export.h"
#include "app/plan.h"
#include "util/days.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const struct command cmd_export;

static int bad(const char *what, const char *val)
{
	cmd_error(&cmd_export, "%s: '%s'", what, val);
	return cmd_usage(&cmd_export);
}

struct opts {
	int64_t snapshot;
	struct plan_params pp;
	struct export_opts eo;
	double day_hours; /* 0: from the field share */
	int quiet;
};

static int parse_opts(struct cmd_ctx *ctx, int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {{"out", required_argument, NULL, 'o'},
	                                   {"seller", required_argument, NULL, 's'},
	                                   {"snapshot", required_argument, NULL, 'n'},
	                                   {"weeks", required_argument, NULL, 'w'},
	                                   {"day-hours", required_argument, NULL, 'd'},
	                                   {"tz", required_argument, NULL, 'z'},
	                                   {"field-share", required_argument, NULL, 'F'},
	                                   {"road-factor", required_argument, NULL, 'R'},
	                                   {"speed", required_argument, NULL, 'S'},
	                                   {"hours", required_argument, NULL, 'H'},
	                                   {"move-cost", required_argument, NULL, 'M'},
	                                   {"lang", required_argument, NULL, 'l'},
	                                   {"quiet", no_argument, NULL, 'q'},
	                                   {NULL, 0, NULL, 0}};
	int c;
	long v;
	memset(o, 0, sizeof(*o));
	plan_params_default(&o->pp);
	export_opts_default(&o->eo, &o->pp);
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->eo.dir = optarg;
			break;
		case 's':
			o->eo.seller = optarg;
			break;
		case 'n':
			if (cmd_opt_snapshot(&cmd_export, optarg, &o->snapshot) != 0)
				return cmd_usage(&cmd_export);
			break;
		case 'w':
			if (cmd_parse_long(optarg, 1, 52, &v) != 0)
				return bad("--weeks wants whole weeks from 1 to 52", optarg);
			o->eo.weeks = (int)v;
			break;
		case 'd':
			if (cmd_parse_number(optarg, 0.5, 16, &o->day_hours) != 0)
				return bad("--day-hours wants hours from 0.5 to 16", optarg);
			break;
		case 'z':
			if (!strcmp(optarg, "stockholm") || !strcmp(optarg, "Europe/Stockholm"))
				o->eo.tz = ICS_TZ_STOCKHOLM;
			else if (!strcmp(optarg, "floating") || !strcmp(optarg, "local"))
				o->eo.tz = ICS_TZ_FLOATING;
			else
				return bad("--tz is stockholm or floating", optarg);
			break;
		case 'F':
		case 'R':
		case 'S':
		case 'H':
		case 'M':
			if (cmd_plan_param(&cmd_export, c, optarg, &o->pp) != 1)
				return EXIT_USAGE;
			break;
		case 'l':
			if (lang_parse(optarg, &ctx->lang) != 0)
				return bad("--lang is sv or en", optarg);
			break;
		case 'q':
			o->quiet = 1;
			break;
		default:
			return cmd_usage(&cmd_export);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_export);
	if (!o->eo.dir || !*o->eo.dir) {
		cmd_error(&cmd_export, "--out DIR is required");
		return cmd_usage(&cmd_export);
	}
	o->eo.day_hours = o->day_hours > 0 ? o->day_hours : 8.0 * o->pp.field_share;
	o->eo.lang = ctx->lang;
	o->eo.today = days_today();
	/* Reproducible files under FOKUS_TODAY (tests); else the real clock. */
	o->eo.dtstamp = getenv("FOKUS_TODAY") ? (time_t)o->eo.today * 86400 : time(NULL);
	return -1;
}

static void print_summary(struct cmd_ctx *ctx, const struct export_opts *eo,
                          const struct export_summary *s)
{
	enum lang l = ctx->lang;
	printf(TR(l, "Wrote %d files to %s:\n", "Skrev %d filer till %s:\n"), s->nfiles, eo->dir);
	for (int i = 0; i < s->nfiles; i++)
		printf("  %s\n", s->files[i]);
	printf(TR(l,
	          "%d call lists, %d calendars with %zu visits over %d weeks, newsletter to %d "
	          "customers on %d dates.\n",
	          "%d ringlistor, %d kalendrar med %zu besök över %d veckor, nyhetsbrev till %d "
	          "kunder vid %d tillfällen.\n"),
	       s->call_lists, s->calendars, s->visits, eo->weeks, s->newsletter_rows,
	       s->newsletter_dates);
	fflush(stdout); /* the note follows the summary, also when piped */
	if (s->not_fitted)
		fprintf(
		    stderr,
		    TR(l,
		       "fokus export: note: %zu due visits did not fit in the %d weeks (too little "
		       "field time per day); they come in a later export.\n",
		       "fokus export: obs: %zu besök som förfaller fick inte plats under %d veckor "
		       "(för lite fälttid per dag); de kommer med i en senare export.\n"),
		    s->not_fitted, eo->weeks);
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct opts o;
	int rc = parse_opts(ctx, argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (!cmd_db(ctx))
		return EXIT_DATA;
	struct export_summary sum;
	char *cause = NULL;
	struct progress pg;
	progress_start(&pg, TR(ctx->lang, "exporting", "exporterar"), PROGRESS_COUNT,
	               TR(ctx->lang, "persons", "personer"), o.quiet, ctx->lang);
	if (pg.out) {
		o.eo.progress = progress_cb;
		o.eo.progress_arg = &pg;
	}
	int r = app_export_workspace(ctx->db, o.snapshot, &o.pp, &o.eo, &sum, &cause);
	progress_end(&pg);
	if (r != 0) {
		cmd_error(&cmd_export, "%s", cause);
		free(cause);
		export_summary_free(&sum);
		return EXIT_DATA;
	}
	print_summary(ctx, &o.eo, &sum);
	export_summary_free(&sum);
	return EXIT_OK;
}

const struct command cmd_export = {
    .name = "export",
    .usage = "export --out DIR [--seller ID] [--weeks N] [--tz stockholm|floating] [--lang sv|en] "
             "[--quiet]",
    .summary = "call lists, newsletter list and visit calendars from the coverage plan",
    .help = "Computes the coverage plan exactly as 'fokus plan' does (same options) and writes\n"
            "into DIR (created when missing):\n"
            "  calls-SELLER.csv, calls-SELLER.xlsx  per person with customers: customer_id,\n"
            "      customer, category, address, postal_code, city, phone, email, last_contact,\n"
            "      next_contact_due, channel, visits_per_year, calls_per_year (the customer's\n"
            "      planned channel and frequency); soonest due first.\n"
            "      next_contact_due = last contact + 365 / (planned visits + calls a year), or\n"
            "      tomorrow when never contacted (may lie in the past: overdue).\n"
            "  newsletter.csv  the customers the plan sends newsletters: customer_id, name,\n"
            "      email, phone, contact_seller_id, contact_name and send_1..send_N: their\n"
            "      newsletters a year (the policy's; default 4 for category 3) from the next\n"
            "      quarter on, each on the first working day of its month (Monday to Friday,\n"
            "      not a public holiday).\n"
            "  visits-SELLER.ics  per person with planned visits: the due visits (each customer\n"
            "      at its planned visits a year) of the coming\n"
            "      weeks as calendar events (RFC 5545; Outlook, Google and Apple Calendar\n"
            "      import it). Visits are placed from tomorrow on working days from 08:00,\n"
            "      filling the day's field time; overdue and never-visited customers are spread\n"
            "      over one visit interval.\n"
            "The lists follow the plan, not the stored owners: run 'fokus plan --apply' first\n"
            "if the workspace should agree. Rules with examples: docs/plan.md.\n\n"
            "Options:\n"
            "  --out DIR            the folder (required)\n"
            "  --seller ID          only this person's files (and their newsletter rows)\n"
            "  --snapshot ID        the categorization (default: the latest)\n"
            "  --weeks N            calendar horizon (default 4)\n"
            "  --day-hours H        field hours per working day (default 8 x field share = 4)\n"
            "  --tz stockholm|floating  event times with the Europe/Stockholm time zone\n"
            "                       (default) or floating local times\n"
            "  --field-share, --road-factor, --speed, --hours, --move-cost   as for 'fokus plan'\n"
            "  --lang sv|en         headings and event texts\n"
            "  --quiet              no progress line (it shows only on a terminal anyway)\n\n"
            "Examples:\n"
            "  fokus export --out lists\n"
            "  fokus export --out lists --seller S12 --weeks 6 --lang sv\n",
    .order = 55,
    .run = run,
};
