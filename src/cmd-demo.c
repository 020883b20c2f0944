/* cmd-demo.c — `fokus demo`: the whole job on the built-in sample company,
 * in a folder of its own: write the sample files, import them into a fresh
 * workspace, categorize, write the html report (categorization, where the
 * sellers' time goes, the coverage plan) and the exports, then serve the
 * dashboard. Each step is the same code the single commands run. */
#include "app/adherence.h"
#include "categorize-run.h"
#include "cmd-analyze.h"
#include "cmd.h"
#include "importer.h"
#include "render/html.h"
#include "store/db.h"
#include "web/server.h"
#include "util/xmalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const struct command cmd_demo, cmd_sample, cmd_export, cmd_plan;

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
	return c->run(d->ctx, argc, argv);
}

static int step_sample(struct demo *d, const char *data)
{
	char *argv[] = {(char *)"fokus sample", (char *)"--out", (char *)data,
			(char *)"--customers", (char *)d->customers, (char *)"--seed", (char *)d->seed,
			NULL};
	return run_command(d, &cmd_sample, argv);
}

static int step_import(struct demo *d, struct sqlite3 *db, const char *data)
{
	static const enum rec_kind order[] = {REC_SELLERS, REC_CUSTOMERS, REC_ORDERS, REC_ACTIVITIES};
	char buf[1024], n1[32], n2[32];
	printf("\n%s\n", TR(d->lang, "Imported into the workspace:", "Importerat till arbetsytan:"));
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		char *path = xasprintf("%s/%s.csv", data, rec_kind_name(order[i]));
		struct importer_opts io = {0};
		struct importer_result res;
		int r = importer_run(db, order[i], path, &io, &res);
		if (r != 0) {
			if (r < 0)
				cmd_error(&cmd_demo, "%s", ferr_str(&res.fatal, buf, sizeof(buf)));
			else
				cmd_error(&cmd_demo, "%s: %lld rows rejected", path, res.rows_rejected);
			importer_result_free(&res);
			free(path);
			return -1;
		}
		printf("  %-16s %s %s", rec_kind_name(order[i]),
		       fmt_int(n1, sizeof(n1), res.counts.rows_stored, d->lang),
		       TR(d->lang, "rows", "rader"));
		if (order[i] == REC_ORDERS)
			printf(", %s", fmt_money(n2, sizeof(n2), res.counts.amount_total, d->lang));
		if (res.counts.customers_located)
			printf(TR(d->lang, ", %lld placed by postal code", ", %lld placerade via postnummer"),
			       res.counts.customers_located);
		putchar('\n');
		importer_result_free(&res);
		free(path);
	}
	return 0;
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
	html_begin(f, TR(d->lang, "fokus — the sample company", "fokus — exempelföretaget"), d->lang);
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

static int step_plan(struct demo *d, const char *html)
{
	char *argv[] = {(char *)"fokus plan", (char *)"--format", (char *)"html", (char *)"--out",
			(char *)html, NULL};
	return run_command(d, &cmd_plan, argv);
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
		{"dir", required_argument, NULL, 'd'},       {"customers", required_argument, NULL, 'c'},
		{"seed", required_argument, NULL, 's'},      {"no-serve", no_argument, NULL, 'n'},
		{"port", required_argument, NULL, 'p'},      {"lang", required_argument, NULL, 'l'},
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
			exit_after = atoi(optarg);
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
	char *end = NULL;
	long portn = strtol(port, &end, 10);
	if (!end || *end || portn < 0 || portn > 65535) {
		cmd_error(&cmd_demo, "--port wants a number from 0 to 65535, not '%s'", port);
		return cmd_usage(&cmd_demo);
	}
	char *data = xasprintf("%s/data", d.dir);
	char *dbp = xasprintf("%s/fokus.db", d.dir);
	char *html = xasprintf("%s/report.html", d.dir);
	char *exports = xasprintf("%s/exports", d.dir);
	char *plan = xasprintf("%s/plan.html", d.dir);
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
	if (!db || step_import(&d, db, data) != 0 || step_report(&d, db, html) != 0 ||
	    step_plan(&d, plan) != EXIT_OK || step_exports(&d, exports) != EXIT_OK)
		goto out;
	printf("\n%s %s\n", TR(d.lang, "Report:", "Rapport:"), html);
	printf("%s %s\n", TR(d.lang, "Coverage plan:", "Täckningsplan:"), plan);
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
	return rc;
}

const struct command cmd_demo = {
	.name = "demo",
	.usage = "demo [--dir DIR] [--customers N] [--seed N] [--no-serve] [--port N] [--exit-after S] [--lang sv|en]",
	.summary = "the whole job on the built-in sample company, then the dashboard",
	.help = "Writes the sample company (see 'fokus help sample') into DIR/data, imports it into\n"
		"a fresh workspace DIR/fokus.db, categorizes every customer, writes the html report\n"
		"DIR/report.html (categorization and where the sellers' time goes), the coverage\n"
		"plan DIR/plan.html, and the call lists, newsletter list and visit calendars into\n"
		"DIR/exports, then serves the dashboard and prints its address and a demo login.\n\n"
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
