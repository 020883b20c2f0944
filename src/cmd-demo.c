/* cmd-demo.c — `fokus demo`: the whole job on the built-in sample company,
 * in a folder of its own: write the sample files, import them into a fresh
 * workspace, categorize, write the html report (categorization, where the
 * sellers' time goes), the coverage plan (plan.html, plan.xlsx, and the
 * story in a few lines) and the exports, then serve the dashboard. Each
 * step is the same code the single commands run. */
#include "app/adherence.h"
#include "app/plan.h"
#include "app/categorize-run.h"
#include "cmd-analyze.h"
#include "cmd.h"
#include "app/importer.h"
#include "render/html.h"
#include "render/planview.h"
#include "store/db.h"
#include "store/status.h"
#include "util/days.h"
#include "web/server.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const struct command cmd_demo, cmd_sample, cmd_export;

struct demo {
	struct cmd_ctx *ctx;
	const char *dir;
	const char *customers, *seed;
	enum lang lang;
};

static int mkdir_p(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* Runs another command as if typed: argv[0] is its name. */
static int run_command(struct demo *d, const struct command *c, char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	optind = 0;
	/* The step's notes go to stderr, unbuffered: what came before them
	 * on stdout must be out first, or a piped demo reads out of order. */
	fflush(stdout);
	int rc = c->run(d->ctx, argc, argv);
	fflush(stdout);
	return rc;
}

static int step_sample(struct demo *d, const char *data)
{
	char *argv[] = {
	    (char *)"fokus sample", (char *)"--out",  (char *)data,    (char *)"--customers",
	    (char *)d->customers,   (char *)"--seed", (char *)d->seed, NULL};
	return run_command(d, &cmd_sample, argv);
}

static int step_import(struct demo *d, struct sqlite3 *db, const char *data)
{
	static const enum rec_kind order[] = {REC_SELLERS, REC_CUSTOMERS, REC_ORDERS,
	                                      REC_ACTIVITIES};
	char buf[1024], n1[32], n2[32];
	printf("\n%s\n",
	       TR(d->lang, "Imported into the workspace:", "Importerat till arbetsytan:"));
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		char *path = xasprintf("%s/%s.csv", data, rec_kind_name(order[i]));
		struct importer_opts io = {0};
		struct importer_result res;
		int r = importer_run(db, order[i], path, &io, &res);
		if (r != 0) {
			if (r < 0)
				cmd_error(&cmd_demo, "%s", ferr_str(&res.fatal, buf, sizeof(buf)));
			else
				cmd_error(&cmd_demo, "%s: %lld rows rejected", path,
				          res.rows_rejected);
			importer_result_free(&res);
			free(path);
			return -1;
		}
		printf("  %-16s %s %s", rec_kind_name(order[i]),
		       fmt_int(n1, sizeof(n1), res.counts.rows_stored, d->lang),
		       TR(d->lang, "rows", "rader"));
		if (order[i] == REC_ORDERS)
			printf(", %s", fmt_money(n2, sizeof(n2), res.counts.amount_total, d->lang));
		if (res.counts.located)
			printf(TR(d->lang, ", %lld placed by postal code",
			          ", %lld placerade via postnummer"),
			       res.counts.located);
		putchar('\n');
		importer_result_free(&res);
		free(path);
	}
	return 0;
}

/* The last day of the calendar quarter that holds day. */
static int32_t quarter_end(int32_t day)
{
	int y, m, dd;
	days_to_ymd(day, &y, &m, &dd);
	int qm = (m - 1) / 3 * 3 + 3;
	return qm == 12 ? days_from_ymd(y + 1, 1, 1) - 1 : days_from_ymd(y, qm + 1, 1) - 1;
}

/* A categorization as of each quarter's end, from the first quarter that
 * ends with at least three months of orders behind it to the last one
 * before the latest order: the history a manager who categorizes every
 * quarter would have, so History shows customers moving. Each run sees the
 * one before (the stability margin), as a real quarterly run does. The
 * latest categorization (as of the latest order) follows in step_report. */
static int step_quarters(struct demo *d, struct sqlite3 *db)
{
	struct store_status st;
	char *cause = NULL;
	if (store_status(db, &st, &cause) != 0)
		goto fail;
	int32_t first = st.order_date_min, last = st.order_date_max;
	store_status_free(&st);
	if (first == DAYS_NONE)
		return 0;
	int n = 0;
	char a[11], b[11];
	int32_t q0 = quarter_end(days_add_months(first, 3) - 1), q = q0, prev = q0;
	for (; q < last; q = quarter_end(q + 1)) {
		struct cat_params p;
		struct cat_run run;
		cat_params_default(&p);
		p.as_of = q;
		if (categorize_run(db, &p, &run, NULL, NULL, &cause) != 0)
			goto fail;
		prev = q;
		n++;
	}
	if (n)
		printf(TR(d->lang,
		          "\nCategorized every quarter: %d categorizations as of %s … %s\n",
		          "\nKategoriserat varje kvartal: %d kategoriseringar per %s … %s\n"),
		       n, days_iso(q0, a), days_iso(prev, b));
	return 0;
fail:
	cmd_error(&cmd_demo, "%s", cause ? cause : "the categorization failed");
	free(cause);
	return -1;
}

static int step_report(struct demo *d, struct sqlite3 *db, const char *html)
{
	struct cat_params p;
	struct cat_run run;
	char *cause = NULL;
	cat_params_default(&p);
	if (categorize_run(db, &p, &run, NULL, NULL, &cause) != 0)
		goto fail;
	FILE *f = fopen(html, "wb");
	if (!f) {
		cause = xasprintf("cannot write %s: %s", html, strerror(errno));
		goto fail;
	}
	html_begin(f, TR(d->lang, "fokus — the sample company", "fokus — exempelföretaget"),
	           d->lang);
	int r = categorize_run_html_section(f, db, run.id, d->lang, &cause);
	printf("\n%s %lld\n", TR(d->lang, "Categorized: snapshot", "Kategoriserat: ögonblicksbild"),
	       (long long)run.id);
	if (r == 0) {
		printf("\n%s\n", TR(d->lang, "Where the sellers' time goes — findings:",
		                    "Vart säljarnas tid går — iakttagelser:"));
		if (cmd_analyze_report(d->ctx, &cmd_demo, f, stdout, d->lang) != EXIT_OK)
			r = -1;
		else
			r = app_adherence_html(db, f, d->lang, &cause);
	}
	html_end(f, d->lang);
	if (fclose(f) != 0 && r == 0)
		cause = xasprintf("writing %s failed", html);
	if (r != 0 || cause)
		goto fail;
	return 0;
fail:
	cmd_error(&cmd_demo, "%s", cause ? cause : "the categorization failed");
	free(cause);
	return -1;
}

/* The plan: plan.html (the decision, then every customer) and plan.xlsx
 * (every table) beside it, and the story in a few lines. */
static int step_plan(struct demo *d, struct sqlite3 *db, const char *html, const char *xlsx)
{
	struct plan_inputs in;
	struct plan_result *r;
	char *cause = NULL;
	if (app_plan_compute(db, 0, NULL, &in, &r, &cause) != 0)
		goto fail;
	FILE *f = fopen(html, "wb");
	if (!f) {
		cause = xasprintf("cannot write %s: %s", html, strerror(errno));
		goto fail_plan;
	}
	planview_plan_html(f, &in, r, d->lang, true);
	if (fclose(f) != 0) {
		cause = xasprintf("writing %s failed", html);
		goto fail_plan;
	}
	struct planview_table *t[PV_NTABLES];
	planview_plan_tables(&in, r, d->lang, false, t);
	int rc = planview_write_xlsx(xlsx, t, PV_NTABLES, &cause);
	for (int k = 0; k < PV_NTABLES; k++)
		planview_table_free(t[k]);
	if (rc != 0)
		goto fail_plan;
	char **lines;
	int n;
	planview_plan_summary(&in, r, d->lang, &lines, &n);
	printf("\n%s\n",
	       TR(d->lang, "The plan — the same team, the hours where they are worth most:",
	          "Planen — samma team, timmarna där de gör mest nytta:"));
	/* Hours, owners, value, and what one more farmer would bring. */
	static const int story[] = {0, 1, 3, 5};
	for (size_t i = 0; i < sizeof(story) / sizeof(story[0]); i++)
		if (story[i] < n)
			printf("  %s\n", lines[story[i]]);
	planview_lines_free(lines, n);
	plan_result_free(r);
	plan_inputs_free(&in);
	return 0;
fail_plan:
	plan_result_free(r);
	plan_inputs_free(&in);
fail:
	cmd_error(&cmd_demo, "%s", cause ? cause : "the plan failed");
	free(cause);
	return -1;
}

static int step_exports(struct demo *d, const char *dir)
{
	char *argv[] = {(char *)"fokus export", (char *)"--out", (char *)dir, NULL};
	printf("\n");
	return run_command(d, &cmd_export, argv);
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"dir", required_argument, NULL, 'd'},
	    {"customers", required_argument, NULL, 'c'},
	    {"seed", required_argument, NULL, 's'},
	    {"no-serve", no_argument, NULL, 'n'},
	    {"port", required_argument, NULL, 'p'},
	    {"lang", required_argument, NULL, 'l'},
	    {"exit-after", required_argument, NULL, 'x'},
	    {NULL, 0, NULL, 0},
	};
	struct demo d = {ctx, "fokus-demo", "7000", "1", ctx->lang};
	int serve = 1, exit_after = 0, c;
	const char *port = "8080";
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			d.dir = optarg;
			break;
		case 'c':
			d.customers = optarg;
			break;
		case 's':
			d.seed = optarg;
			break;
		case 'n':
			serve = 0;
			break;
		case 'p':
			port = optarg;
			break;
		case 'x':
			if (cmd_opt_int(&cmd_demo, "--exit-after", optarg, 0, 86400 * 365,
			                &exit_after) != 0)
				return cmd_usage(&cmd_demo);
			break;
		case 'l':
			if (lang_parse(optarg, &d.lang) != 0)
				return cmd_usage(&cmd_demo);
			ctx->lang = d.lang;
			break;
		default:
			return cmd_usage(&cmd_demo);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_demo);
	long portn;
	if (cmd_opt_long(&cmd_demo, "--port", port, 0, 65535, &portn) != 0)
		return cmd_usage(&cmd_demo);
	char *data = xasprintf("%s/data", d.dir);
	char *dbp = xasprintf("%s/fokus.db", d.dir);
	char *html = xasprintf("%s/report.html", d.dir);
	char *exports = xasprintf("%s/exports", d.dir);
	char *plan = xasprintf("%s/plan.html", d.dir);
	char *planx = xasprintf("%s/plan.xlsx", d.dir);
	int rc = EXIT_DATA;
	if (mkdir_p(d.dir) != 0) {
		cmd_error(&cmd_demo, "cannot create the folder %s: %s", d.dir, strerror(errno));
		goto out;
	}
	/* A fresh workspace every time: the demo shows the whole job. */
	db_remove(dbp);
	if (step_sample(&d, data) != EXIT_OK)
		goto out;
	ctx->db_path = dbp;
	struct sqlite3 *db = cmd_db(ctx);
	if (!db || step_import(&d, db, data) != 0 || step_quarters(&d, db) != 0 ||
	    step_report(&d, db, html) != 0 || step_plan(&d, db, plan, planx) != 0 ||
	    step_exports(&d, exports) != EXIT_OK)
		goto out;
	printf("\n%s %s\n", TR(d.lang, "Report:", "Rapport:"), html);
	printf("%s %s (%s %s)\n", TR(d.lang, "Coverage plan:", "Täckningsplan:"), plan,
	       TR(d.lang, "every table:", "alla tabeller:"), planx);
	printf("%s %s\n", TR(d.lang, "Workspace:", "Arbetsyta:"), dbp);
	rc = EXIT_OK;
	if (serve) {
		char *cause = NULL;
		printf("\n%s\n", TR(d.lang, "The dashboard:", "Instrumentpanelen:"));
		fflush(stdout);
		if (server_demo(dbp, (int)portn, exit_after, &cause) != 0) {
			cmd_error(&cmd_demo, "%s", cause ? cause : "the dashboard could not start");
			free(cause);
			rc = EXIT_DATA;
		}
	}
out:
	free(data);
	free(dbp);
	free(html);
	free(exports);
	free(plan);
	free(planx);
	return rc;
}

const struct command cmd_demo = {
    .name = "demo",
    .usage = "demo [--dir DIR] [--customers N] [--seed N] [--no-serve] [--port N] [--exit-after S] "
             "[--lang sv|en]",
    .summary = "the whole job on the built-in sample company, then the dashboard",
    .help = "Writes the sample company (see 'fokus help sample') into DIR/data, imports it into\n"
            "a fresh workspace DIR/fokus.db, categorizes every customer as of the end of each\n"
            "quarter of the sample's months and then as of the latest order (so 'fokus history'\n"
            "and the dashboard's History page show customers moving), writes the html report\n"
            "DIR/report.html (categorization and where the sellers' time goes), the coverage\n"
            "plan DIR/plan.html (with every table in DIR/plan.xlsx) and says in a few lines\n"
            "what it recommends and expects to gain, writes the call lists, newsletter list\n"
            "and visit calendars into DIR/exports, then serves the dashboard and prints its\n"
            "address and a demo login.\n\n"
            "  --dir DIR        the folder (default ./fokus-demo; its workspace is made anew)\n"
            "  --customers N    size of the sample company (default 7000)\n"
            "  --seed N         another sample company of the same shape\n"
            "  --no-serve       stop after the report and the exports\n"
            "  --port N         the dashboard's port (default 8080, on 127.0.0.1; 0: a free one)\n"
            "  --exit-after S   stop serving after S seconds (for scripts)\n"
            "  --lang sv|en     language of the report and the messages\n",
    .order = 2,
    .run = run,
};
