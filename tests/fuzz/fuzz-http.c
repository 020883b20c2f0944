/* fuzz-http.c — libFuzzer target for the dashboard over real HTTP: the
 * input is the raw bytes a client sends on one connection (request line,
 * headers, body, pipelined requests, chunked bodies, anything), parsed by
 * libmicrohttpd and handled by the glue of src/web/server.c (query
 * arguments, cookies, the percent-decoding callback, body limits, upload
 * spooling, the 413 path) and then web_handle, exactly as `fokus serve`
 * does. fuzz-web covers the handlers with structured requests; this covers
 * what comes before them. libmicrohttpd itself is not instrumented, so the
 * coverage guiding the fuzzer is ours; its memory errors are still caught
 * where they pass through the sanitizers' interceptors (memcpy, strlen...).
 *
 * The daemon has no listening socket and no threads: each input is written
 * into one end of a socket pair whose other end is handed to the daemon,
 * the writing side is shut down, and MHD_run serves until the daemon
 * closes the connection.
 *
 * Placeholders, so that seeds can be logged in: "{M}" in the input becomes
 * the session token of a manager, "{m}" that session's CSRF token; "{A}" and
 * "{a}" an admin's. Inputs holding "password" are skipped (argon2id hashing
 * takes ~0.1 s by design and would stall the fuzzer; fuzz-web fuzzes what
 * comes before it).
 *
 * The workspace is a temporary file, the sample company of
 * FOKUS_FUZZ_WORKSPACE (tests/fuzz/run makes it) or an empty one, put back
 * after every input that changed it.
 *
 * FUZZ_HTTP_VERBOSE=1 prints each input's first response line, =2 all it
 * got back.
 *
 * Checks: no crash, leak or undefined behaviour; the daemon closes every
 * connection (a request that never ends would be a hang); the first
 * response, when it comes from our code, carries the security headers of
 * web.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "fuzzutil.h"
#include "store/db.h"
#include "store/session.h"
#include "store/user.h"
#include "web/server.h"
#include "web/web.h"

#define NOW_SLACK 1000000 /* sessions last this long from the start */

static sqlite3 *mine, *pristine;
static struct MHD_Daemon *daemon_;
static struct web_app app;
static char db_path[128];
static char token[2][SESSION_TOKEN_LEN + 1], csrf[2][SESSION_TOKEN_LEN + 1];
static long long version;

static void die(const char *what, const char *cause)
{
	fprintf(stderr, "fuzz-http: %s: %s\n", what, cause ? cause : "failed");
	abort();
}

static long long data_version(void)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(mine, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void cleanup(void)
{
	if (daemon_)
		MHD_stop_daemon(daemon_);
	db_remove(db_path);
}

static void setup(void)
{
	char *cause = NULL;
	signal(SIGPIPE, SIG_IGN);
	if (user_crypto_init() != 0)
		die("libsodium", NULL);
	const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(db_path, sizeof(db_path), "%s/fokus-fuzz-http-%ld.db", tmp, (long)getpid());
	cleanup();
	if (db_open(db_path, &mine, &cause) != 0)
		die("workspace", cause);
	const char *tpl = getenv("FOKUS_FUZZ_WORKSPACE");
	if (tpl && *tpl) {
		sqlite3 *t;
		if (sqlite3_open_v2(tpl, &t, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
			die(tpl, sqlite3_errmsg(t));
		fz_copy_db(mine, t);
		sqlite3_close(t);
	}
	const enum user_role roles[2] = {USER_MANAGER, USER_ADMIN};
	for (int r = 0; r < 2; r++) {
		const char *name = r ? "fuzz-admin" : "fuzz-manager";
		if (user_add(mine, name, roles[r], NULL, "fuzz password", &cause) != 0)
			die("user_add", cause);
		struct user u;
		if (user_get(mine, name, &u, &cause) != 0)
			die("user_get", cause);
		if (session_create(mine, u.id, (int64_t)time(NULL), NOW_SLACK, token[r], csrf[r],
		                   &cause) != 0)
			die("session_create", cause);
		user_free(&u);
	}
	if (sqlite3_open(":memory:", &pristine) != SQLITE_OK)
		die("memory db", NULL);
	fz_copy_db(pristine, mine);
	app.db_path = db_path;
	app.session_ttl = 3600;
	app.upload_max = 1 << 20;
	app.tmp_dir = tmp;
	daemon_ = server_start_external(&app);
	if (!daemon_)
		die("MHD_start_daemon", NULL);
	version = data_version();
	atexit(cleanup);
}

/* The input with the placeholders replaced, in a fresh buffer (*n bytes). */
static char *expand(const uint8_t *data, size_t size, size_t *n)
{
	char *out = malloc(size * (SESSION_TOKEN_LEN + 1) / 3 + SESSION_TOKEN_LEN + 8);
	size_t o = 0;
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '{' && i + 2 < size && data[i + 2] == '}' &&
		    strchr("MmAa", data[i + 1]) && data[i + 1]) {
			int who = data[i + 1] == 'A' || data[i + 1] == 'a';
			const char *s = data[i + 1] == 'M' || data[i + 1] == 'A' ? token[who] : csrf[who];
			memcpy(out + o, s, strlen(s));
			o += strlen(s);
			i += 2;
			continue;
		}
		out[o++] = (char)data[i];
	}
	*n = o;
	return out;
}

/* The first response's header block (up to the blank line): when it came
 * from our code (ours always name a Cache-Control) the security headers
 * must be there too. Later responses on the connection are not looked at:
 * telling their start from a body that echoes "HTTP/1.1" would take a
 * whole HTTP parser. */
static void check_headers(const char *resp, size_t n)
{
	const char *end = memmem(resp, n, "\r\n\r\n", 4);
	size_t len = end ? (size_t)(end - resp) : n;
	if (!memmem(resp, len, "Cache-Control:", 14))
		return; /* libmicrohttpd's own answer (a malformed request) */
	for (int i = 0; web_security_headers[i]; i += 2)
		if (!memmem(resp, len, web_security_headers[i], strlen(web_security_headers[i]))) {
			fprintf(stderr, "a response lacks %s:\n%.*s\n", web_security_headers[i],
			        (int)len, resp);
			abort();
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!daemon_)
		setup();
	if (size > 65536 || memmem(data, size, "password", 8))
		return 0;
	size_t n;
	char *req = expand(data, size, &n);
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		die("socketpair", NULL);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (MHD_add_connection(daemon_, sv[0], (const struct sockaddr *)&peer, sizeof(peer)) !=
	    MHD_YES)
		die("MHD_add_connection", NULL);
	size_t sent = 0, got = 0, cap = 1 << 16;
	char *resp = malloc(cap);
	int closed = 0, shut = 0;
	for (int round = 0; round < 100000 && !closed; round++) {
		if (sent < n) {
			ssize_t w = send(sv[1], req + sent, n - sent, MSG_NOSIGNAL);
			if (w > 0)
				sent += (size_t)w;
			else if (w < 0 && errno != EAGAIN)
				sent = n; /* the daemon closed its end */
		}
		if (sent == n && !shut) {
			shutdown(sv[1], SHUT_WR);
			shut = 1;
		}
		MHD_run(daemon_);
		for (;;) {
			if (got == cap)
				resp = realloc(resp, cap *= 2);
			ssize_t r = recv(sv[1], resp + got, cap - got, 0);
			if (r > 0) {
				got += (size_t)r;
				continue;
			}
			if (r == 0)
				closed = 1;
			break;
		}
	}
	if (!closed) {
		fprintf(stderr, "the daemon never closed the connection (%zu bytes answered)\n",
		        got);
		abort();
	}
	close(sv[1]);
	MHD_run(daemon_); /* lets it finish the connection */
	if (got >= 7 && !memcmp(resp, "HTTP/1.", 7))
		check_headers(resp, got);
	const char *verbose = getenv("FUZZ_HTTP_VERBOSE");
	if (verbose && !strcmp(verbose, "2"))
		fprintf(stderr, "%.*s\n", (int)got, resp);
	else if (verbose) {
		const char *eol = memchr(resp, '\r', got);
		fprintf(stderr, "%zu bytes in, %zu out: %.*s\n", size, got,
		        (int)(eol ? eol - resp : (got < 80 ? (int)got : 80)), resp);
	}
	free(resp);
	free(req);
	long long v = data_version();
	if (v != version) { /* a request wrote: back to the start */
		fz_copy_db(mine, pristine);
		version = data_version();
	}
	return 0;
}
