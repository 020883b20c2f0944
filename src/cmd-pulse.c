/* cmd-pulse.c — `fokus pulse`: the manager's weekly pulse — booking
 * frequency, plan adherence, key accounts without contact, category
 * movements, the top findings — printed or sent by e-mail
 * (app/pulse.c puts it together, render/pulse.c lays it out). */
#include "app/pulse.h"
#include "cmd.h"
#include "render/mail.h"
#include "render/pulse.h"
#include "util/days.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const struct command cmd_pulse;

enum { F_TEXT, F_HTML, F_JSON };

struct opts {
	int32_t week;
	const char *seller, *out, *password_file;
	int fmt, send;
	const char **to;
	size_t nto;
};

static int parse(struct cmd_ctx *ctx, int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
	    {"week", required_argument, NULL, 'w'},
	    {"seller", required_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'f'},
	    {"out", required_argument, NULL, 'o'},
	    {"lang", required_argument, NULL, 'l'},
	    {"send", no_argument, NULL, 'S'},
	    {"to", required_argument, NULL, 't'},
	    {"password-file", required_argument, NULL, 'p'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const formats[] = {"text", "html", "json", NULL};
	int c;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'w':
			if (pulse_parse_week(optarg, &o->week) != 0) {
				cmd_error(&cmd_pulse,
				          "--week wants an ISO week such as 2026-W49, not '%s'",
				          optarg);
				return EXIT_USAGE;
			}
			break;
		case 's':
			o->seller = optarg;
			break;
		case 'f':
			if ((o->fmt = cmd_format(&cmd_pulse, optarg, formats)) < 0)
				return EXIT_USAGE;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'l':
			if (cmd_lang(&cmd_pulse, optarg, &ctx->lang) != 0)
				return EXIT_USAGE;
			break;
		case 'S':
			o->send = 1;
			break;
		case 't':
			if (!mailaddr_valid(optarg)) {
				cmd_error(&cmd_pulse, "--to wants an e-mail address, not '%s'",
				          optarg);
				return EXIT_USAGE;
			}
			o->to = xreallocarray(o->to, o->nto + 1, sizeof(char *));
			o->to[o->nto++] = optarg;
			break;
		case 'p':
			o->password_file = optarg;
			break;
		default:
			return cmd_usage(&cmd_pulse);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_pulse);
	if ((o->nto || o->password_file) && !o->send) {
		cmd_error(&cmd_pulse, "--to and --password-file go with --send");
		return EXIT_USAGE;
	}
	return -1;
}

static int print(struct cmd_ctx *ctx, const struct opts *o, const struct pulse_report *r)
{
	FILE *f = cmd_open_out(&cmd_pulse, o->out);
	if (!f)
		return EXIT_DATA;
	if (o->fmt == F_JSON) {
		json_t *root = pulse_json(r);
		json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
		fputc('\n', f);
		json_decref(root);
	} else {
		struct strbuf sb = STRBUF_INIT;
		if (o->fmt == F_TEXT) {
			pulse_text(&sb, r, ctx->lang);
			fputs(strbuf_cstr(&sb), f);
		} else {
			char *title = pulse_title(r, ctx->lang);
			pulse_html(&sb, r, ctx->lang);
			char *page =
			    mail_html_page(title, strbuf_cstr(&sb), NULL, NULL, NULL, ctx->lang);
			fputs(page, f);
			free(page);
			free(title);
		}
		strbuf_free(&sb);
	}
	return cmd_close_out(&cmd_pulse, f, o->out) == 0 ? EXIT_OK : EXIT_DATA;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct opts o = {.week = DAYS_NONE};
	int rc = parse(ctx, argc, argv, &o);
	if (rc >= 0) {
		free(o.to);
		return rc;
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db) {
		free(o.to);
		return EXIT_DATA;
	}
	if (o.week == DAYS_NONE)
		o.week = app_pulse_default_week(days_today());
	struct app_pulse p;
	struct pulse_report r;
	char *cause = NULL;
	rc = EXIT_DATA;
	int g = app_pulse_open(db, &p, &cause);
	int32_t only = -1;
	if (g == 0 && o.seller && (only = dataset_seller_index(&p.plan.in.ds, o.seller)) < 0) {
		cmd_error(&cmd_pulse, "there is no seller '%s'", o.seller);
		rc = EXIT_USAGE;
		goto out;
	}
	if (g != 0 || app_pulse_week(&p, o.week, only, &r, &cause) != 0) {
		cmd_error(&cmd_pulse, "%s", cause ? cause : "failed");
		goto out;
	}
	if (!o.send) {
		rc = print(ctx, &o, &r);
	} else {
		struct app_pulse_send s = {.to = o.to,
		                           .nto = o.nto,
		                           .password_file = o.password_file,
		                           .lang = ctx->lang,
		                           .now = time(NULL)};
		size_t sent = 0;
		char w[9];
		int e = app_pulse_send(db, &r, &s, &sent, &cause);
		if (sent)
			printf(TR(ctx->lang, "Sent the pulse of %s to %zu address(es).\n",
			          "Skickade veckopulsen för %s till %zu adress(er).\n"),
			       days_iso_week_str(r.week, w), sent);
		if (e != 0)
			cmd_error(&cmd_pulse, "%s", cause ? cause : "failed");
		else
			rc = EXIT_OK;
	}
	pulse_report_free(&r);
out:
	free(cause);
	free(o.to);
	app_pulse_close(&p);
	return rc;
}

const struct command cmd_pulse = {
    .name = "pulse",
    .usage = "pulse [--week YYYY-Www] [--seller ID] [--format text|html|json] [--out FILE] "
             "[--lang sv|en] [--send [--to ADDRESS]... [--password-file FILE]]",
    .summary = "the manager's weekly pulse: bookings, adherence, key accounts, movements, findings",
    .help =
        "The pulse of one ISO week (default: the last whole week before today):\n"
        "  booking frequency  meetings booked per seller and for the team in the week, the\n"
        "                     13 weeks up to it, the average of the 12 weeks before, and\n"
        "                     'the best in N weeks' when the week beats each of the N - 1\n"
        "                     weeks before it (N >= 3)\n"
        "  the plan           the week's visits done against planned, calls, newsletters\n"
        "                     ('fokus adherence' over one week)\n"
        "  key accounts       category-1 customers whose next contact is overdue at the\n"
        "                     week's end\n"
        "  movements          the latest categorization made by the week's end against the\n"
        "                     one before: up, down, between 2R and 2P, and the 4 x 4 table\n"
        "  findings           the top findings of 'fokus analyze' over the 12 months up to\n"
        "                     the week's end\n\n"
        "Options:\n"
        "  --week YYYY-Www    the week, e.g. 2026-W49\n"
        "  --seller ID        a seller's own pulse (their rows and customers only)\n"
        "  --format F         text (default), html (a page that reads in any browser or\n"
        "                     mail program), json\n"
        "  --out FILE         write there instead of standard output\n"
        "  --lang sv|en       language and number format\n"
        "  --send             send it by e-mail (HTML and text) over the SMTP settings\n"
        "                     ('fokus help settings') instead of printing it, to every\n"
        "                     manager user with an e-mail address ('fokus user email')\n"
        "  --to ADDRESS       to this address instead (repeat for more)\n"
        "  --password-file F  the SMTP password (else FOKUS_SMTP_PASSWORD)\n\n"
        "The dashboard serves the same pulse as an Atom feed, one entry per week, at\n"
        "/feed/pulse.atom?token=... ('fokus user feed-token NAME'). Rules: docs/follow-up.md.\n\n"
        "Examples:\n"
        "  fokus pulse\n"
        "  fokus pulse --week 2026-W49 --lang sv --format html --out puls.html\n"
        "  fokus pulse --send --lang sv\n"
        "  fokus pulse --send --to chef@example.se\n",
    .order = 64,
    .run = run,
};
