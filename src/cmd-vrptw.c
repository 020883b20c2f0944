/* cmd-vrptw.c — `fokus vrptw FILE`: solves a Solomon-format VRPTW instance
 * with the route optimizer (core/vrp.h) and prints the routes. It is how the
 * optimizer is proven on the public benchmark (bench/solomon); every
 * solution is also passed through the independent checker before printing. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/vrp-check.h"
#include "core/vrp.h"
#include "io/solomon.h"
#include "util/xmalloc.h"

extern const struct command cmd_vrptw;

static void euclid(void *ctx, int a, int b, double *time, double *cost)
{
	const struct solomon *in = ctx;
	double dx = in->row[a].x - in->row[b].x, dy = in->row[a].y - in->row[b].y;
	*time = *cost = sqrt(dx * dx + dy * dy);
}

static void print_json(const struct solomon *in, const struct vrp_solution *sol, int used)
{
	json_t *o = json_object();
	json_object_set_new(o, "distance", json_real(sol->cost));
	json_object_set_new(o, "vehicles", json_integer(used));
	json_t *routes = json_array();
	for (int v = 0; v < sol->nvehicles; v++) {
		int a = sol->route_start[v], b = sol->route_start[v + 1];
		if (a == b)
			continue;
		json_t *r = json_array();
		for (int k = a; k < b; k++)
			json_array_append_new(r, json_integer(in->row[sol->order[k] + 1].id));
		json_array_append_new(routes, r);
	}
	json_object_set_new(o, "routes", routes);
	char *s = json_dumps(o, JSON_REAL_PRECISION(12));
	printf("%s\n", s);
	free(s);
	json_decref(o);
}

static void print_text(const struct solomon *in, const struct vrp_solution *sol, int used)
{
	printf(
	    "%s: distance %.2f, %d vehicles (at most %d), %ld iterations in %.1f s (%.1f s CPU)\n",
	    in->name, sol->cost, used, in->vehicles, sol->iterations, sol->seconds,
	    sol->cpu_seconds);
	int k = 0;
	for (int v = 0; v < sol->nvehicles; v++) {
		int a = sol->route_start[v], b = sol->route_start[v + 1];
		if (a == b)
			continue;
		printf("route %d:", ++k);
		for (int i = a; i < b; i++)
			printf(" %d", in->row[sol->order[i] + 1].id);
		printf("\n");
	}
}

static int vrptw_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	static const struct option longopts[] = {
	    {"time-limit", required_argument, NULL, 't'},
	    {"iterations", required_argument, NULL, 'i'},
	    {"seed", required_argument, NULL, 's'},
	    {"json", no_argument, NULL, 'j'},
	    {"cpu-time", no_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0},
	};
	struct vrp_options opt = {.seed = 1, .time_limit = 10, .max_iterations = 0};
	int json = 0, iter_given = 0, time_given = 0, c;
	double x;
	while ((c = getopt_long(argc, argv, "t:i:s:jc", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (cmd_parse_number(optarg, 0, HUGE_VAL, &x) != 0 || x <= 0)
				return cmd_usage(&cmd_vrptw);
			opt.time_limit = x;
			time_given = 1;
			break;
		case 'i':
			if (cmd_parse_long(optarg, 1, 1000000000000000L, &opt.max_iterations) != 0)
				return cmd_usage(&cmd_vrptw);
			iter_given = 1;
			break;
		case 's':
			if (cmd_parse_u64(optarg, &opt.seed) != 0)
				return cmd_usage(&cmd_vrptw);
			break;
		case 'j':
			json = 1;
			break;
		case 'c':
			opt.cpu_time = 1;
			break;
		default:
			return cmd_usage(&cmd_vrptw);
		}
	}
	if (optind != argc - 1)
		return cmd_usage(&cmd_vrptw);
	if (iter_given && !time_given)
		opt.time_limit = 0;

	struct solomon in;
	struct ferr err = {0};
	if (solomon_read(argv[optind], &in, &err) != 0) {
		char buf[1024];
		cmd_error(&cmd_vrptw, "%s", ferr_str(&err, buf, sizeof(buf)));
		return EXIT_DATA;
	}
	int n = in.nrows - 1;
	struct vrp_node *nodes = xcalloc((size_t)n + 1, sizeof(*nodes));
	for (int i = 0; i < n; i++) {
		const struct solomon_row *r = &in.row[i + 1];
		nodes[i] = (struct vrp_node){.loc = i + 1,
		                             .demand = r->demand,
		                             .ready = r->ready,
		                             .due = r->due,
		                             .service = r->service,
		                             .penalty = VRP_MANDATORY,
		                             .vmin = 0,
		                             .vmax = in.vehicles - 1};
	}
	struct vrp_vehicle *veh = xcalloc((size_t)in.vehicles, sizeof(*veh));
	for (int v = 0; v < in.vehicles; v++)
		veh[v] = (struct vrp_vehicle){.start_loc = 0,
		                              .end_loc = 0,
		                              .start = in.row[0].ready,
		                              .end = in.row[0].due,
		                              .capacity = in.capacity};
	struct vrp_problem p = {.nloc = in.nrows,
	                        .nnodes = n,
	                        .nodes = nodes,
	                        .nvehicles = in.vehicles,
	                        .vehicles = veh,
	                        .travel = euclid,
	                        .travel_ctx = &in};
	struct vrp_solution sol;
	struct vrp_check chk;
	char *cause = NULL;
	int rc = EXIT_OK;
	if (vrp_solve(&p, &opt, &sol, &cause) != 0) {
		cmd_error(&cmd_vrptw, "%s", cause);
		free(cause);
		rc = EXIT_DATA;
		goto out;
	}
	if (vrp_check(&p, &sol, &chk) != 0) {
		cmd_error(&cmd_vrptw, "%s: no feasible solution found: %s", in.name, chk.msg);
		rc = EXIT_DATA;
	}
	if (json)
		print_json(&in, &sol, chk.vehicles_used);
	else
		print_text(&in, &sol, chk.vehicles_used);
	vrp_solution_free(&sol);
out:
	free(nodes);
	free(veh);
	solomon_free(&in);
	return rc;
}

const struct command cmd_vrptw = {
    .name = "vrptw",
    .usage = "vrptw FILE [--time-limit S] [--iterations N] [--seed N] [--cpu-time] [--json]",
    .summary = "solve a Solomon VRPTW benchmark instance (proves the route optimizer)",
    .help = "Reads a vehicle-routing instance with time windows in Solomon's format\n"
            "(a name line, VEHICLE: fleet size and capacity, CUSTOMER: one row per\n"
            "place with number, x, y, demand, ready time, due date, service time; the\n"
            "first row is the depot) and minimizes the total Euclidean distance with\n"
            "at most the instance's number of vehicles, every customer served within\n"
            "its window. Travel time equals distance; distances are not rounded.\n"
            "The same optimizer plans `fokus route`; docs/routes.md explains it.\n\n"
            "Options:\n"
            "  --time-limit S   stop after S seconds (default 10)\n"
            "  --iterations N   stop after N ruin-and-recreate iterations; alone, it\n"
            "                   makes the result depend only on the seed\n"
            "  --seed N         the random seed (default 1)\n"
            "  --cpu-time       the time limit counts CPU time rather than wall time (for\n"
            "                   benchmarks on a busy machine)\n"
            "  --json           print {\"distance\": D, \"vehicles\": V, \"routes\": [[c1, ...], "
            "...]}\n"
            "                   with customer numbers as in the file (the depot omitted)\n\n"
            "Every solution is checked independently (each customer once, capacity, time\n"
            "windows, return to the depot in time, fleet size); the exit status is 1\n"
            "when the check fails.\n\n"
            "Example:\n"
            "  fokus vrptw R101.txt --time-limit 5 --json\n",
    .order = 90,
    .run = vrptw_run,
};
