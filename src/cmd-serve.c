/* cmd-serve.c — `fokus serve`: the dashboard in a browser (web/server.c). */
#include "cmd.h"
#include "web/server.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_serve;

static int serve_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"bind", required_argument, NULL, 'b'},
	    {"port", required_argument, NULL, 'p'},
	    {"exit-after", required_argument, NULL, 'x'},
	    {"upload-max-mb", required_argument, NULL, 'u'},
	    {"session-hours", required_argument, NULL, 's'},
	    {"tls-cert", required_argument, NULL, 'c'},
	    {"tls-key", required_argument, NULL, 'k'},
	    {"max-per-ip", required_argument, NULL, 'm'},
	    {"timeout", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	struct server_opts o;
	server_defaults(&o);
	o.db_path = ctx->db_path;
	int c;
	long v;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			o.bind = optarg;
			break;
		case 'p':
			if (cmd_parse_long(optarg, 0, 65535, &v) != 0) {
				cmd_error(&cmd_serve, "--port must be 0..65535");
				return EXIT_USAGE;
			}
			o.port = (int)v;
			break;
		case 'x':
			if (cmd_parse_long(optarg, 1, 100000000, &v) != 0) {
				cmd_error(&cmd_serve, "--exit-after must be a number of seconds");
				return EXIT_USAGE;
			}
			o.exit_after = (int)v;
			break;
		case 'u':
			if (cmd_parse_long(optarg, 1, 100000, &v) != 0) {
				cmd_error(&cmd_serve, "--upload-max-mb must be 1..100000");
				return EXIT_USAGE;
			}
			o.upload_max = (uint64_t)v * 1000 * 1000;
			break;
		case 's':
			if (cmd_parse_long(optarg, 1, 24 * 365, &v) != 0) {
				cmd_error(&cmd_serve, "--session-hours must be 1..8760");
				return EXIT_USAGE;
			}
			o.session_ttl = v * 3600;
			break;
		case 'c':
			o.tls_cert = optarg;
			break;
		case 'k':
			o.tls_key = optarg;
			break;
		case 'm':
			if (cmd_parse_long(optarg, 1, 1000, &v) != 0) {
				cmd_error(&cmd_serve, "--max-per-ip must be 1..1000");
				return EXIT_USAGE;
			}
			o.max_per_ip = (int)v;
			break;
		case 't':
			if (cmd_parse_long(optarg, 1, 3600, &v) != 0) {
				cmd_error(&cmd_serve, "--timeout must be 1..3600 seconds");
				return EXIT_USAGE;
			}
			o.timeout = (int)v;
			break;
		default:
			return cmd_usage(&cmd_serve);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_serve);
	if (!o.tls_cert != !o.tls_key) {
		cmd_error(&cmd_serve, "give both --tls-cert and --tls-key, or neither");
		return EXIT_USAGE;
	}
	char *cause = NULL;
	if (server_run(&o, &cause) != 0) {
		cmd_error(&cmd_serve, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

const struct command cmd_serve = {
    .name = "serve",
    .usage = "serve [--bind 127.0.0.1] [--port 8080] [--tls-cert FILE --tls-key FILE] "
             "[--exit-after SECONDS] [--upload-max-mb 100] [--session-hours 8] "
             "[--max-per-ip 64] [--timeout 20]",
    .summary = "the dashboard in a browser: matrix, customers, sellers, plan, map",
    .help = "Serves the dashboard and its JSON API over the workspace. Prints the URL\n"
            "(http://ADDRESS:PORT/, or https:// with TLS) as the first line of standard\n"
            "output, then serves until Ctrl-C (SIGINT) or SIGTERM.\n"
            "\n"
            "Options:\n"
            "  --bind ADDR          the IPv4 address to listen on (default 127.0.0.1, this\n"
            "                       machine only; 0.0.0.0 for the whole network — then with\n"
            "                       TLS: without it a warning is printed)\n"
            "  --port N             the port (default 8080; 0 picks a free one)\n"
            "  --tls-cert FILE      serve HTTPS with this certificate (PEM; the chain after\n"
            "  --tls-key FILE       the server's own) and its private key (PEM): the session\n"
            "                       cookie becomes __Host-fokus_session with Secure, and\n"
            "                       answers carry Strict-Transport-Security\n"
            "  --exit-after SECS    stop by itself after SECS seconds (tests, demos)\n"
            "  --upload-max-mb N    largest file the Import page accepts (default 100 MB;\n"
            "                       larger uploads answer 413)\n"
            "  --session-hours N    how long a login lasts (default 8)\n"
            "  --max-per-ip N       connections one address may hold at once (default 64;\n"
            "                       a team behind one router shares it)\n"
            "  --timeout SECS       a connection silent this long is closed, and a client\n"
            "                       must send a request's headers within it (its body at\n"
            "                       1 KB/s or faster): default 20\n"
            "\n"
            "At most 2 password checks and 2 heavy requests (route, plan, analysis,\n"
            "uncontacted, exports) run at once; beyond that the answer is 503 with\n"
            "Retry-After. Heavy answers are kept until the workspace changes. Logins,\n"
            "imports, categorizations, overrides and user changes go to the audit log\n"
            "('fokus audit'). Log in with a user made by 'fokus user add'. Everything\n"
            "the pages use is built into the program: it works without internet. See\n"
            "docs/dashboard.md and docs/robustness.md.\n"
            "\n"
            "Examples:\n"
            "  fokus user add anna --role manager\n"
            "  fokus serve --port 8080      # then open http://127.0.0.1:8080/\n"
            "  fokus serve --bind 0.0.0.0 --port 8443 --tls-cert cert.pem --tls-key key.pem\n",
    .order = 900,
    .run = serve_run,
};
