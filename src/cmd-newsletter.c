/* cmd-newsletter.c — `fokus newsletter send|unsubscribe|resubscribe|bounce|
 * status|suppressed`: the newsletter to the plan's newsletter customers
 * over SMTP (app/newsletter.c does the work) and the list of addresses it
 * must not write to. Ctrl-C during a send finishes the message under way
 * and stops; the next send of the same issue goes on from there. */
#include "app/newsletter.h"
#include "cmd.h"
#include "render/table.h"
#include "store/newsletter.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const struct command cmd_newsletter;

/* Set by SIGINT/SIGTERM during a send (the command layer may keep this). */
static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int fail(char *cause)
{
	cmd_error(&cmd_newsletter, "%s", cause ? cause : "failed");
	free(cause);
	return EXIT_DATA;
}

static void print_result(struct cmd_ctx *ctx, const struct newsletter_opts *o,
                         const struct newsletter_result *r)
{
	enum lang l = ctx->lang;
	char a[32], b[32], c[32];
	printf(TR(l, "Issue %s: \"%s\"\n", "Utskick %s: \"%s\"\n"), r->issue, o->subject);
	printf(
	    TR(l,
	       "Newsletter customers in the plan: %s (without an e-mail address: %s, not an "
	       "address: %s)\n",
	       "Nyhetsbrevskunder i planen: %s (utan e-postadress: %s, ingen giltig adress: %s)\n"),
	    fmt_int(a, sizeof(a), r->customers, l), fmt_int(b, sizeof(b), r->no_email, l),
	    fmt_int(c, sizeof(c), r->bad_email, l));
	printf(TR(l, "Addresses: %s (%s shared by more than one customer: one message each)\n",
	          "Adresser: %s (%s delas av flera kunder: ett meddelande var)\n"),
	       fmt_int(a, sizeof(a), r->addresses, l), fmt_int(b, sizeof(b), r->shared, l));
	printf(
	    TR(l,
	       "Skipped: %ld unsubscribed, %ld bounced before, %ld sent before, %ld maybe "
	       "reached by an interrupted send\n",
	       "Hoppade över: %ld avregistrerade, %ld studsade tidigare, %ld redan skickade, %ld "
	       "kanske nådda av ett avbrutet utskick\n"),
	    r->unsubscribed, r->bounced_before, r->already_sent, r->uncertain);
	if (o->dry_run) {
		printf(TR(l, "Dry run: would send %s messages now; nothing was sent or stored.\n",
		          "Provkörning: skulle skicka %s meddelanden nu; inget skickades eller "
		          "sparades.\n"),
		       fmt_int(a, sizeof(a), r->to_send, l));
		return;
	}
	printf(TR(l,
	          "Sent: %s messages reaching %s customers; %ld bounced (marked, never sent to "
	          "again), %ld deferred (tried again next time)\n",
	          "Skickat: %s meddelanden till %s kunder; %ld studsade (markerade, skickas aldrig "
	          "till igen), %ld uppskjutna (försöks igen nästa gång)\n"),
	       fmt_int(a, sizeof(a), r->sent, l), fmt_int(b, sizeof(b), r->customers_reached, l),
	       r->bounced, r->deferred);
	printf(TR(l, "Left for a next run: %ld\n", "Kvar till nästa körning: %ld\n"), r->left);
}

static int send_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"template", required_argument, NULL, 't'},
	    {"subject", required_argument, NULL, 's'},
	    {"issue", required_argument, NULL, 'i'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"limit", required_argument, NULL, 'L'},
	    {"password-file", required_argument, NULL, 'p'},
	    {"resend-uncertain", no_argument, NULL, 'R'},
	    {"preview", required_argument, NULL, 'P'},
	    {"lang", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	struct newsletter_opts o = {.lang = ctx->lang, .progress = stderr, .now = time(NULL)};
	const char *preview = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			o.template_path = optarg;
			break;
		case 's':
			o.subject = optarg;
			break;
		case 'i':
			o.issue = optarg;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'L':
			if (cmd_opt_long(&cmd_newsletter, "--limit", optarg, 1, LONG_MAX,
			                 &o.limit) != 0)
				return cmd_usage(&cmd_newsletter);
			break;
		case 'p':
			o.password_file = optarg;
			break;
		case 'R':
			o.resend_uncertain = 1;
			break;
		case 'P':
			preview = optarg;
			break;
		case 'l':
			if (cmd_lang(&cmd_newsletter, optarg, &ctx->lang) != 0)
				return cmd_usage(&cmd_newsletter);
			o.lang = ctx->lang;
			break;
		default:
			return cmd_usage(&cmd_newsletter);
		}
	}
	if (optind != argc || !o.template_path || !o.subject) {
		cmd_error(&cmd_newsletter, "send needs --template FILE and --subject TEXT");
		return cmd_usage(&cmd_newsletter);
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	if (preview && !(o.preview = cmd_open_out(&cmd_newsletter, preview)))
		return EXIT_DATA;
	struct sigaction sa, old_int, old_term;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	stop_requested = 0;
	o.stop = &stop_requested;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	struct newsletter_result r;
	char *cause = NULL;
	int rc = newsletter_send(db, &o, &r, &cause);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (o.preview && cmd_close_out(&cmd_newsletter, o.preview, preview) != 0 && rc == 0)
		rc = -1;
	if (rc != 0) {
		if (r.sent || r.bounced)
			print_result(ctx, &o, &r);
		free(r.stopped);
		return fail(cause);
	}
	print_result(ctx, &o, &r);
	if (r.stopped) {
		cmd_error(&cmd_newsletter,
		          TR(ctx->lang, "stopped early: %s. Run the same command again to go on.",
		             "avbröts: %s. Kör samma kommando igen för att fortsätta."),
		          r.stopped);
		free(r.stopped);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* unsubscribe / resubscribe / bounce EMAIL... */
static int list_change(struct cmd_ctx *ctx, int argc, char **argv, const char *what)
{
	const char *reason_text = NULL;
	int first = 1;
	if (!strcmp(what, "bounce") && argc >= 3 && !strcmp(argv[1], "--reason")) {
		reason_text = argv[2];
		first = 3;
	}
	if (argc <= first)
		return cmd_usage(&cmd_newsletter);
	for (int i = first; i < argc; i++) {
		if (!mailaddr_valid(argv[i])) {
			cmd_error(&cmd_newsletter, "'%s' is not an e-mail address", argv[i]);
			return EXIT_USAGE;
		}
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	enum lang l = ctx->lang;
	for (int i = first; i < argc; i++) {
		char *cause = NULL;
		int r;
		if (!strcmp(what, "resubscribe"))
			r = nl_unsuppress(db, argv[i], &cause);
		else
			r = nl_suppress(db, argv[i],
			                !strcmp(what, "bounce") ? "bounced" : "unsubscribed",
			                reason_text ? reason_text : "fokus newsletter", &cause);
		if (r < 0)
			return fail(cause);
		if (!strcmp(what, "resubscribe"))
			printf(r == 0 ? TR(l, "%s: will get the newsletter again\n",
			                   "%s: får nyhetsbrevet igen\n")
			              : TR(l, "%s: was not on the list\n",
			                   "%s: fanns inte på listan\n"),
			       argv[i]);
		else
			printf(
			    r == 0
			        ? TR(l, "%s: no more newsletters\n", "%s: inga fler nyhetsbrev\n")
			        : TR(l, "%s: already on the list\n", "%s: fanns redan på listan\n"),
			    argv[i]);
	}
	return EXIT_OK;
}

static int status_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_newsletter);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct nl_issue_info *v = NULL;
	size_t n = 0;
	char *cause = NULL;
	if (nl_issues_load(db, &v, &n, &cause) != 0)
		return fail(cause);
	enum lang l = ctx->lang;
	struct table *t = table_new(8, "lllrrrrr");
	const char *head[] = {TR(l, "issue", "utskick"),       TR(l, "subject", "ämne"),
	                      TR(l, "started", "startat"),     TR(l, "sent", "skickade"),
	                      TR(l, "customers", "kunder"),    TR(l, "bounced", "studsade"),
	                      TR(l, "deferred", "uppskjutna"), TR(l, "uncertain", "osäkra")};
	table_row(t, head);
	for (size_t i = 0; i < n; i++) {
		char s[5][24];
		snprintf(s[0], 24, "%lld", (long long)v[i].sent);
		snprintf(s[1], 24, "%lld", (long long)v[i].customers_reached);
		snprintf(s[2], 24, "%lld", (long long)v[i].bounced);
		snprintf(s[3], 24, "%lld", (long long)v[i].failed);
		snprintf(s[4], 24, "%lld", (long long)v[i].sending);
		const char *row[] = {v[i].issue, v[i].subject, v[i].created_at, s[0], s[1], s[2],
		                     s[3],       s[4]};
		table_row(t, row);
	}
	if (n)
		table_print(t, stdout, 1);
	else
		printf(TR(l, "No newsletter has been sent yet.\n",
		          "Inget nyhetsbrev har skickats än.\n"));
	table_free(t);
	nl_issues_free(v, n);
	return EXIT_OK;
}

static int suppressed_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_newsletter);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct nl_suppressed *v = NULL;
	size_t n = 0;
	char *cause = NULL;
	if (nl_suppressed_load(db, &v, &n, &cause) != 0)
		return fail(cause);
	printf("email\treason\tsince\tdetail\n");
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\n", v[i].email, v[i].reason, v[i].created_at,
		       v[i].detail ? v[i].detail : "");
	nl_suppressed_free(v, n);
	return EXIT_OK;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage(&cmd_newsletter);
	const char *sub = argv[1];
	argc--;
	argv++;
	optind = 0;
	if (!strcmp(sub, "send"))
		return send_run(ctx, argc, argv);
	if (!strcmp(sub, "unsubscribe") || !strcmp(sub, "resubscribe") || !strcmp(sub, "bounce"))
		return list_change(ctx, argc, argv, sub);
	if (!strcmp(sub, "status"))
		return status_run(ctx, argc, argv);
	if (!strcmp(sub, "suppressed"))
		return suppressed_run(ctx, argc, argv);
	cmd_error(&cmd_newsletter, "unknown subcommand '%s'", sub);
	return cmd_usage(&cmd_newsletter);
}

const struct command cmd_newsletter = {
    .name = "newsletter",
    .usage = "newsletter send --template FILE.md --subject TEXT [--issue ID] [--dry-run] "
             "[--limit N] [--password-file FILE] [--resend-uncertain] [--preview FILE] "
             "[--lang sv|en] | newsletter unsubscribe EMAIL... | newsletter resubscribe "
             "EMAIL... | newsletter bounce [--reason TEXT] EMAIL... | newsletter status | "
             "newsletter suppressed",
    .summary = "send the newsletter to the plan's newsletter customers over SMTP",
    .help = "  newsletter send --template FILE.md --subject TEXT\n"
            "      Sends one message per e-mail address to the customers the plan gives a\n"
            "      newsletter (category 3 by default: 'fokus policy'); customers that share an\n"
            "      address get one message, which uses the first one's fields (by customer\n"
            "      ID). The template is markdown (CommonMark, UTF-8), sent as HTML and as\n"
            "      text. Fields, in the template and the subject:\n"
            "        {{name}}          the customer's name\n"
            "        {{contact}}       the contact person (a 'contact' or 'kontaktperson'\n"
            "                          column of the customer file), else 'alla på NAME' /\n"
            "                          'everyone at NAME'\n"
            "        {{greeting}}      'Hej Anna Svensson,' / 'Hello Anna Svensson,', or 'Hej,'\n"
            "        {{customer_id}}, {{seller}} and {{seller_email}} (the responsible\n"
            "        person), {{unsubscribe_url}}\n"
            "      Every message has List-Unsubscribe (a mailto: link; with 'site.url' set,\n"
            "      also a one-click https link of the dashboard) and a footer that says how\n"
            "      to unsubscribe. Unsubscribed and bounced addresses are skipped. At most\n"
            "      smtp.rate messages a second. Each message the server takes is logged as a\n"
            "      'newsletter' activity of every customer it reached, so 'fokus analyze'\n"
            "      counts the contact.\n"
            "      An issue is one message: its ID is derived from the template and the\n"
            "      subject (or --issue ID). The send log keeps every address of the issue:\n"
            "      run the same command again after an interruption and it goes on where\n"
            "      it stopped, never sending anyone the issue twice. An address whose\n"
            "      message went out but got no answer is not sent again unless\n"
            "      --resend-uncertain.\n"
            "      Options:\n"
            "        --dry-run             count and preview; send and store nothing\n"
            "        --limit N             at most N messages in this run\n"
            "        --preview FILE        write the first message as sent (.eml; - stdout)\n"
            "        --password-file FILE  the SMTP password (first line); else the\n"
            "                              environment variable FOKUS_SMTP_PASSWORD. Never\n"
            "                              stored, never printed\n"
            "        --lang sv|en          footer and greetings\n"
            "      The SMTP server: 'fokus help settings'. Exit 1 when the server stopped\n"
            "      the send (run it again to go on).\n"
            "  newsletter unsubscribe EMAIL...   never send the newsletter to these again\n"
            "  newsletter resubscribe EMAIL...   take them off that list\n"
            "  newsletter bounce [--reason TEXT] EMAIL...   mark addresses whose mail came\n"
            "      back (a permanent refusal while sending marks them by itself)\n"
            "  newsletter status       every issue: sent, customers reached, bounced, deferred\n"
            "  newsletter suppressed   the unsubscribed and bounced addresses (tab-separated)\n\n"
            "Examples:\n"
            "  fokus newsletter send --template december.md --subject 'Nyheter i december' "
            "--dry-run --preview first.eml\n"
            "  FOKUS_SMTP_PASSWORD=... fokus newsletter send --template december.md --subject "
            "'Nyheter i december'\n"
            "  fokus newsletter unsubscribe info@example.se\n",
    .order = 58,
    .run = run,
};
