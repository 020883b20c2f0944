/* cmd-route.c — `fokus route --seller ID`: plans a field seller's coming
 * working days from the workspace (customers, visits, latest categories,
 * policy) with core/route-plan.h and prints them as text, csv, json, ics or
 * html. Options and the travel source are set up here; the due rule, the
 * objective and the routing live in core. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/plan.h"
#include "cmd.h"
#include "core/route-plan.h"
#include "io/matrix.h"
#include "render/route-render.h"
#include "store/dataset.h"
#include "store/policy.h"
#include "store/snapshot.h"
#include "util/days.h"
#include "util/fname.h"
#include "util/geo.h"
#include "util/progress.h"
#include "util/xmalloc.h"
#include "web/handlers.h"

extern const struct command cmd_route;

/* Country outlines vendored for the dashboard's map (web/vendor/world-atlas). */
#define OUTLINE_ASSET "/vendor/world-atlas/nordic-50m.geo.json"

enum format { F_TEXT, F_CSV, F_JSON, F_ICS, F_HTML };
static const char *const formats[] = {"text", "csv", "json", "ics", "html", NULL};

struct route_args {
	const char *seller, *start, *matrix, *out;
	int all, quiet; /* --all: every field seller into the folder --out */
	int32_t from;
	int ndays;
	enum format format;
	double road_factor, speed;
	struct route_params prm;
};

/* "08:00" or "8" -> minutes after midnight. */
static int parse_clock(const char *s, int *out)
{
	int h, m = 0, n = 0;
	if (sscanf(s, "%d:%d%n", &h, &m, &n) == 2 && !s[n] && m >= 0 && m < 60) {
	} else if (sscanf(s, "%d%n", &h, &n) == 1 && !s[n]) {
		m = 0;
	} else {
		return -1;
	}
	if (h < 0 || h > 24 || (h == 24 && m))
		return -1;
	*out = h * 60 + m;
	return 0;
}

/* "8h", "7h30", "7.5h", "450min", "450m", "8:30", "8" (hours) -> minutes. */
static int parse_duration(const char *s, int *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return -1;
	double min;
	if (!*end) {
		min = v * 60;
	} else if (!strcmp(end, "min") || !strcmp(end, "m")) {
		min = v;
	} else if (*end == 'h') {
		min = v * 60;
		if (end[1]) {
			char *e2;
			long mm = strtol(end + 1, &e2, 10);
			if (*e2 || mm < 0 || mm >= 60 || v != floor(v))
				return -1;
			min += mm;
		}
	} else if (*end == ':') {
		int c;
		if (parse_clock(s, &c) != 0)
			return -1;
		min = c;
	} else {
		return -1;
	}
	*out = (int)lround(min);
	return 0;
}

/* --start: "lat,lon" or a Swedish postal code. */
static int parse_start(const char *s, double *lat, double *lon)
{
	double a, b;
	int n = 0;
	if (sscanf(s, "%lf ,%lf%n", &a, &b, &n) == 2 && !s[n] && fabs(a) <= 90 && fabs(b) <= 180) {
		*lat = a;
		*lon = b;
		return 0;
	}
	return geo_postcode_lookup(s, lat, lon);
}

/* The first working day after today (FOKUS_TODAY honoured). */
static int32_t next_working_day(void)
{
	return days_next_workday_se(days_today() + 1);
}

static int parse_args(struct cmd_ctx *ctx, int argc, char **argv, struct route_args *a)
{
	static const struct option lo[] = {
	    {"seller", required_argument, NULL, 'S'},
	    {"from", required_argument, NULL, 'f'},
	    {"days", required_argument, NULL, 'd'},
	    {"format", required_argument, NULL, 'F'},
	    {"out", required_argument, NULL, 'o'},
	    {"start", required_argument, NULL, 's'},
	    {"day-start", required_argument, NULL, 'b'},
	    {"day-length", required_argument, NULL, 'L'},
	    {"lunch", required_argument, NULL, 'l'},
	    {"lunch-window", required_argument, NULL, 'w'},
	    {"road-factor", required_argument, NULL, 'r'},
	    {"speed", required_argument, NULL, 'v'},
	    {"matrix", required_argument, NULL, 'm'},
	    {"time-limit", required_argument, NULL, 't'},
	    {"iterations", required_argument, NULL, 'i'},
	    {"seed", required_argument, NULL, 'x'},
	    {"lang", required_argument, NULL, 'g'},
	    {"all", no_argument, NULL, 'A'},
	    {"quiet", no_argument, NULL, 'q'},
	    {NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	a->from = DAYS_NONE;
	a->ndays = 5;
	a->road_factor = ROUTE_ROAD_FACTOR;
	a->speed = ROUTE_SPEED_KMH;
	route_params_default(&a->prm);
	int c, iters_given = 0, time_given = 0;
	long n = 0;
	int k;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		int bad = 0;
		switch (c) {
		case 'S':
			a->seller = optarg;
			break;
		case 'f':
			bad = days_parse_iso(optarg, &a->from);
			break;
		case 'd':
			bad = cmd_parse_long(optarg, 1, 60, &n);
			a->ndays = (int)n;
			break;
		case 'F':
			bad = (k = cmd_format(&cmd_route, optarg, formats)) < 0;
			a->format = bad ? F_TEXT : (enum format)k;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 's':
			a->start = optarg;
			break;
		case 'b':
			bad = parse_clock(optarg, &a->prm.day_start);
			break;
		case 'L':
			bad = parse_duration(optarg, &a->prm.day_length);
			break;
		case 'l':
			bad = parse_duration(optarg, &a->prm.lunch);
			break;
		case 'w': {
			char buf[32];
			snprintf(buf, sizeof(buf), "%s", optarg);
			char *dash = strchr(buf, '-');
			bad = !dash;
			if (dash) {
				*dash = '\0';
				bad = parse_clock(buf, &a->prm.lunch_from) ||
				      parse_clock(dash + 1, &a->prm.lunch_to);
			}
			break;
		}
		case 'r':
			bad = cmd_parse_number(optarg, 1, 5, &a->road_factor);
			break;
		case 'v':
			bad = cmd_parse_number(optarg, 1, 200, &a->speed);
			break;
		case 'm':
			a->matrix = optarg;
			break;
		case 't':
			bad = cmd_parse_number(optarg, 0.01, 3600, &a->prm.time_limit);
			time_given = 1;
			break;
		case 'i':
			bad = cmd_parse_long(optarg, 1, 1000000000000L, &a->prm.iterations);
			iters_given = 1;
			break;
		case 'x':
			bad = cmd_parse_u64(optarg, &a->prm.seed);
			break;
		case 'g':
			bad = lang_parse(optarg, &ctx->lang);
			break;
		case 'A':
			a->all = 1;
			break;
		case 'q':
			a->quiet = 1;
			break;
		default:
			bad = 1;
		}
		if (bad)
			return -1;
	}
	if (optind != argc || !a->seller == !a->all)
		return -1;
	if (a->all && (!a->out || !strcmp(a->out, "-"))) {
		cmd_error(&cmd_route, "--all writes one file per seller: give --out DIR");
		return -1;
	}
	if (iters_given && !time_given)
		a->prm.time_limit = 0;
	if (a->from == DAYS_NONE)
		a->from = next_working_day();
	return 0;
}

static int by_id(const void *x, const void *y, void *ctx)
{
	const char *const *ids = ctx;
	return strcmp(ids[*(const int *)x], ids[*(const int *)y]);
}

/* Place of a matrix id: 0 for home/start, k + 1 for due visit k, -1 else. */
static int place_of(const char *id, const char *const *ids, const int *sorted, int n)
{
	if (!strcasecmp(id, "home") || !strcasecmp(id, "start"))
		return 0;
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(id, ids[sorted[mid]]);
		if (!c)
			return sorted[mid] + 1;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Loads --matrix into m (minutes and km over places 0..n). */
static int load_matrix(const char *path, const struct dataset *ds, const struct route_visit *v,
                       int nv, double **minutes, double **km)
{
	struct matrix_row *rows;
	size_t nrows;
	struct ferr err = {0};
	if (matrix_read(path, &rows, &nrows, &err) != 0) {
		char buf[1024];
		cmd_error(&cmd_route, "%s", ferr_str(&err, buf, sizeof(buf)));
		return -1;
	}
	int np = nv + 1;
	const char **ids = xmalloc((nv + 1) * sizeof(char *));
	int *sorted = xmalloc((nv + 1) * sizeof(int));
	for (int k = 0; k < nv; k++) {
		ids[k] = ds->customers[v[k].cust].id;
		sorted[k] = k;
	}
	qsort_r(sorted, nv, sizeof(int), by_id, ids);
	*minutes = xmalloc((size_t)np * np * sizeof(double));
	*km = xmalloc((size_t)np * np * sizeof(double));
	for (size_t i = 0; i < (size_t)np * np; i++)
		(*minutes)[i] = (*km)[i] = NAN;
	for (size_t r = 0; r < nrows; r++) {
		int a = place_of(rows[r].from, ids, sorted, nv),
		    b = place_of(rows[r].to, ids, sorted, nv);
		if (a < 0 || b < 0)
			continue; /* a place not in this plan */
		(*minutes)[(size_t)a * np + b] = rows[r].seconds / 60.0;
		(*km)[(size_t)a * np + b] = rows[r].metres / 1000.0;
	}
	free(ids);
	free(sorted);
	matrix_free(rows, nrows);
	return 0;
}

static void render(FILE *f, enum format fmt, const struct route_doc *doc)
{
	switch (fmt) {
	case F_TEXT:
		route_render_text(f, doc);
		break;
	case F_CSV:
		route_render_csv(f, doc);
		break;
	case F_JSON:
		route_render_json(f, doc);
		break;
	case F_ICS:
		route_render_ics(f, doc);
		break;
	case F_HTML:
		route_render_html(f, doc);
		break;
	}
}

/* The coverage plan the route follows (each customer's planned person and
 * visits a year); prints and returns -1 on failure. */
static int load_plan(struct cmd_ctx *ctx, struct plan_inputs *in, struct plan_result **r,
                     struct route_planned *planned)
{
	struct sqlite3 *db = cmd_db(ctx);
	char *cause = NULL;
	if (!db)
		return -1;
	if (app_plan_route(db, in, r, planned, &cause) != 0) {
		cmd_error(&cmd_route, "%s", cause ? cause : "cannot read the workspace");
		free(cause);
		return -1;
	}
	return 0;
}

/* Plans seller s's coming days and writes them to path (NULL or "-":
 * standard output), opened once the plan is made. Returns EXIT_OK, or an
 * exit code after printing why. */
static int route_one(struct cmd_ctx *ctx, const struct route_args *a, struct dataset *ds,
                     const int8_t *cat, const struct policy *pol,
                     const struct route_planned *planned, int32_t s, const char *path)
{
	struct route_visit *visits = NULL;
	double *lat = NULL, *lon = NULL, *mmin = NULL, *mkm = NULL;
	int32_t *days = xmalloc(a->ndays * sizeof(int32_t));
	struct route_plan plan = {0};
	char *cause = NULL, *note = NULL;
	int rc = EXIT_DATA;
	const struct seller *sel = &ds->sellers[s];
	double slat, slon;
	const char *start_label;
	if (a->start) {
		if (parse_start(a->start, &slat, &slon) != 0) {
			cmd_error(&cmd_route,
			          "--start '%s' is neither a known postal code nor lat,lon",
			          a->start);
			rc = EXIT_USAGE;
			goto out;
		}
		start_label = a->start;
	} else if (sel->has_home) {
		slat = sel->home_lat;
		slon = sel->home_lon;
		start_label = ctx->lang == LANG_SV ? "hemma" : "home";
	} else {
		cmd_error(
		    &cmd_route,
		    "seller '%s' has no home address: give --start POSTCODE or --start LAT,LON",
		    sel->id);
		goto out;
	}
	route_plan_days(a->from, a->ndays, days);
	int nv = route_plan_due(ds, cat, pol, planned, s, days, a->ndays, &visits);
	lat = xmalloc((nv + 1) * sizeof(double));
	lon = xmalloc((nv + 1) * sizeof(double));
	lat[0] = slat;
	lon[0] = slon;
	for (int k = 0; k < nv; k++) {
		const struct customer *c = &ds->customers[visits[k].cust];
		lat[k + 1] = c->has_loc ? c->lat : slat;
		lon[k + 1] = c->has_loc ? c->lon : slon;
	}
	struct route_geo geo = {lat, lon, a->road_factor, a->speed};
	struct route_matrix mx = {.n = nv + 1, .fallback = &geo};
	route_leg_fn leg = route_geo_leg;
	void *lctx = &geo;
	if (a->matrix) {
		if (load_matrix(a->matrix, ds, visits, nv, &mmin, &mkm) != 0)
			goto out;
		mx.minutes = mmin;
		mx.km = mkm;
		leg = route_matrix_leg;
		lctx = &mx;
	}
	if (route_plan_solve(ds, visits, nv, days, a->ndays, &a->prm, leg, lctx, &plan, &cause) !=
	    0) {
		cmd_error(&cmd_route, "%s", cause);
		rc = cause && strstr(cause, "check") ? EXIT_DATA : EXIT_USAGE;
		goto out;
	}
	if (a->matrix) {
		note = xasprintf(TR(ctx->lang,
		                    "road matrix %s (%ld legs missing from it estimated as "
		                    "great-circle x %.2f at %.0f km/h)",
		                    "vägmatris %s (%ld sträckor som saknas uppskattade som "
		                    "fågelväg x %.2f i %.0f km/h)"),
		                 a->matrix, mx.missing, a->road_factor, a->speed);
		if (mx.missing > 0)
			fprintf(stderr, "fokus route: %ld legs were not in %s; estimated them\n",
			        mx.missing, a->matrix);
	} else {
		note = xasprintf(TR(ctx->lang, "great-circle distance x %.2f at %.0f km/h",
		                    "fågelvägen x %.2f i %.0f km/h"),
		                 a->road_factor, a->speed);
	}
	struct route_doc doc = {.ds = ds,
	                        .seller = sel,
	                        .visits = visits,
	                        .nvisits = nv,
	                        .plan = &plan,
	                        .params = &a->prm,
	                        .start_lat = slat,
	                        .start_lon = slon,
	                        .start_label = start_label,
	                        .travel_note = note,
	                        .lang = ctx->lang,
	                        .now = time(NULL)};
	const char *type;
	const struct embedded_asset *outline = assets_find(OUTLINE_ASSET, &type);
	if (outline) {
		doc.outline = (const char *)outline->data;
		doc.outline_len = outline->size;
	}
	FILE *f = cmd_open_out(&cmd_route, path);
	if (!f)
		goto out;
	render(f, a->format, &doc);
	rc = cmd_close_out(&cmd_route, f, path) == 0 ? EXIT_OK : EXIT_DATA;
out:
	route_plan_free(&plan);
	free(cause);
	free(note);
	free(visits);
	free(lat);
	free(lon);
	free(mmin);
	free(mkm);
	free(days);
	return rc;
}

/* --all: every field seller (not customer service) with a home, or all with
 * --start, one file DIR/route-SELLER.EXT each, with a progress line. */
static int route_all(struct cmd_ctx *ctx, const struct route_args *a, struct dataset *ds,
                     const int8_t *cat, const struct policy *pol,
                     const struct route_planned *planned)
{
	static const char *const ext[] = {"txt", "csv", "json", "ics", "html"};
	if (mkdir(a->out, 0777) != 0 && errno != EEXIST) {
		cmd_error(&cmd_route, "cannot make the folder %s: %s", a->out, strerror(errno));
		return EXIT_DATA;
	}
	int32_t *who = xmalloc((ds->nsellers + 1) * sizeof(int32_t));
	int n = 0, homeless = 0, rc = EXIT_OK;
	for (size_t s = 0; s < ds->nsellers; s++) {
		if (ds->sellers[s].role == ROLE_SERVICE)
			continue;
		if (!ds->sellers[s].has_home && !a->start)
			homeless++;
		else
			who[n++] = (int32_t)s;
	}
	struct progress pg;
	progress_start(&pg, TR(ctx->lang, "planning routes", "planerar rutter"), PROGRESS_COUNT,
	               TR(ctx->lang, "sellers", "säljare"), a->quiet, ctx->lang);
	/* The line first shows after the first seller: what fails for one
	 * (--start, --matrix, a folder not writable) fails there, on a line of
	 * its own. */
	int written = 0;
	for (int k = 0; k < n && rc == EXIT_OK; k++) {
		const char *id = ds->sellers[who[k]].id;
		char *safe = fname_safe(id);
		char *path = xasprintf("%s/route-%s.%s", a->out, safe, ext[a->format]);
		rc = route_one(ctx, a, ds, cat, pol, planned, who[k], path);
		if (rc != EXIT_OK)
			progress_end(&pg); /* the error stands on a line of its own */
		written += rc == EXIT_OK;
		free(path);
		free(safe);
		progress_update(&pg, k + 1, n);
	}
	progress_end(&pg);
	if (rc == EXIT_OK)
		printf(TR(ctx->lang, "Wrote the routes of %d sellers to %s/route-SELLER.%s\n",
		          "Skrev %d säljares rutter till %s/route-SÄLJARE.%s\n"),
		       written, a->out, ext[a->format]);
	if (homeless)
		fprintf(stderr,
		        TR(ctx->lang,
		           "fokus route: %d field sellers have no home address and were left out "
		           "(--start gives one place for all)\n",
		           "fokus route: %d fältsäljare saknar hemadress och togs inte med "
		           "(--start ger en plats för alla)\n"),
		        homeless);
	free(who);
	return rc;
}

static int route_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct route_args a;
	if (parse_args(ctx, argc, argv, &a) != 0)
		return cmd_usage(&cmd_route);
	struct plan_inputs in = {0};
	struct plan_result *pr = NULL;
	struct route_planned planned = {NULL, NULL};
	int rc = EXIT_DATA;
	if (load_plan(ctx, &in, &pr, &planned) != 0)
		goto out;
	if (a.all) {
		rc = route_all(ctx, &a, &in.ds, in.cat, &in.policy, &planned);
		goto out;
	}
	int32_t s = dataset_seller_index(&in.ds, a.seller);
	if (s < 0) {
		cmd_error(&cmd_route, "no seller '%s' in the workspace", a.seller);
		goto out;
	}
	rc = route_one(ctx, &a, &in.ds, in.cat, &in.policy, &planned, s, a.out);
out:
	app_route_planned_free(&planned);
	plan_result_free(pr);
	plan_inputs_free(&in);
	return rc;
}

const struct command cmd_route = {
    .name = "route",
    .usage = "route --seller ID | --all --out DIR [--from DATE] [--days 5] "
             "[--format text|csv|json|ics|html] [options]",
    .summary = "plan a field seller's visit routes for the coming days",
    .help =
        "Plans the seller's coming working days (Monday to Friday, not Swedish public\n"
        "holidays): which visits are due, in which order and when, serving the most\n"
        "valuable customers first and driving as little as possible. Needs a\n"
        "categorization ('fokus categorize').\n\n"
        "Due visits follow the coverage plan ('fokus plan'): a customer the plan gives the\n"
        "seller is due when its last visit plus 365 / (its planned visits a year) days is\n"
        "on or before the day; customers never visited are due at once; customers the\n"
        "plan keeps by phone or newsletter are not visited. A customer due again\n"
        "within the plan gets a visit per interval, in order, on different days.\n"
        "A visit takes the policy's minutes and respects the customer's opening\n"
        "hours (open/close) when known.\n"
        "Priority: category 1 = 100, 2R and 2P = 10, 3 = 1, times 1 + (days overdue /\n"
        "visit interval, at most 1). The plan serves the most priority first, then\n"
        "drives the least. Visits that do not fit are listed with the reason.\n\n"
        "Options:\n"
        "  --seller ID         the seller\n"
        "  --all               every field seller (not customer service) with a home\n"
        "                      address (with --start: every field seller), each into\n"
        "                      DIR/route-SELLER.txt|csv|json|ics|html of --out DIR. On a\n"
        "                      terminal a progress line shows sellers done, the rate and\n"
        "                      the time left (each seller gets --time-limit)\n"
        "  --quiet             no progress line\n"
        "  --from DATE         first day, YYYY-MM-DD (default: the next working day)\n"
        "  --days N            working days to plan (default 5)\n"
        "  --format F          text (default), csv, json, ics (calendar), html (with maps)\n"
        "  --out FILE          write there instead of standard output\n"
        "  --start PLACE       where days start and end: a postal code or LAT,LON\n"
        "                      (default: the seller's home)\n"
        "  --day-start HH:MM   when the day starts (default 08:00)\n"
        "  --day-length D      driving and visits per day, e.g. 8h, 7h30, 450min (default 8h)\n"
        "  --lunch D           a lunch break, e.g. 30min (default none); it lengthens the day\n"
        "  --lunch-window A-B  when the lunch may start (default 11:30-13:00)\n"
        "  --road-factor F     road km per great-circle km (default 1.3)\n"
        "  --speed KMH         average driving speed (default 70)\n"
        "  --matrix FILE       travel times from a csv of from,to,seconds,metres (customer\n"
        "                      ids, 'home' for the start); missing pairs are estimated\n"
        "  --time-limit S      seconds for the optimizer (default 2)\n"
        "  --iterations N      optimizer iterations instead (the result then depends only\n"
        "                      on the seed)\n"
        "  --seed N            random seed (default 1)\n"
        "  --lang sv|en        language of text, html and calendar\n\n"
        "Examples:\n"
        "  fokus route --seller S01\n"
        "  fokus route --seller S01 --from 2026-12-07 --lunch 30min --format ics --out week.ics\n"
        "  fokus route --seller S01 --format html --out week.html\n"
        "  fokus route --all --format ics --out routes\n"
        "docs/routes.md explains the method.\n",
    .order = 60,
    .run = route_run,
};
