/* web/server.h — `fokus serve`: the dashboard over HTTP or HTTPS
 * (libmicrohttpd with GnuTLS, a thread per connection, each request thread
 * with its own SQLite connection to the workspace). */
#ifndef FOKUS_SERVER_H
#define FOKUS_SERVER_H
#include <stdint.h>
#include <stdio.h>

struct server_opts {
	const char *db_path; /* the workspace (must exist or is created) */
	const char *bind;    /* IPv4 address, default "127.0.0.1" */
	int port;            /* 0: any free port */
	int exit_after;      /* seconds until the server stops by itself; 0 never */
	uint64_t upload_max; /* bytes, default 100 MB */
	int64_t session_ttl; /* seconds, default 8 hours */
	FILE *announce;      /* where the URL line goes (stdout when NULL) */
	const char *banner;  /* extra text printed after the URL line (demo login), or NULL */
	const char *tls_cert, *tls_key; /* PEM files: serve HTTPS (both or neither) */
	int max_per_ip;                 /* connections from one address at once, default 64 */
	/* Seconds a connection may stay silent, and may take to send a request's
	 * headers (and its body, beyond 1 KB/s); default 20. */
	int timeout;
};

/* Fills *o with the defaults. */
void server_defaults(struct server_opts *o);

/* Serves until SIGINT or SIGTERM (or exit_after). Once listening it prints
 * "http://ADDR:PORT/" ("https://" with TLS) as the first line to announce
 * (and flushes), then the banner; a warning goes to stderr when it listens
 * beyond this machine without TLS. Returns 0 after a clean stop, -1 with
 * *cause (caller frees) when the workspace cannot be opened, the TLS files
 * cannot be used or the port cannot be bound. */
int server_run(const struct server_opts *o, char **cause);

/* For the HTTP fuzzer (tests/fuzz/fuzz-http.c): a daemon that handles
 * requests exactly as server_run's, without a listening socket or threads
 * of its own: the caller hands it connections (MHD_add_connection) and
 * runs it (MHD_run) in its own thread. app must outlive it. NULL on error. */
struct MHD_Daemon;
struct web_app;
struct MHD_Daemon *server_start_external(struct web_app *app);

/* For `fokus demo`: makes sure the workspace at db_path has a user "demo"
 * (role manager) with a fresh random password, then serves on
 * 127.0.0.1:port (0 = a free port) like server_run, printing
 *   http://127.0.0.1:PORT/
 *   Log in as demo / PASSWORD (Ctrl-C stops the server)
 * to stdout. Blocks until SIGINT/SIGTERM or exit_after seconds (0 never).
 * Returns 0, or -1 with *cause (caller frees). */
int server_demo(const char *db_path, int port, int exit_after, char **cause);

#endif
