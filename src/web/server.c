/* server.c — libmicrohttpd glue for the dashboard. Reads a request (query
 * arguments, the session cookie, X-CSRF-Token, the body: JSON in memory up
 * to WEB_JSON_MAX, uploads spooled to a temporary file up to upload_max;
 * larger bodies answer 413), hands it to web_handle, and sends the answer
 * with the security headers of web.h on every response.
 *
 * Threads: one per connection (MHD_USE_THREAD_PER_CONNECTION), each with
 * its own SQLite connection opened on first use and closed when the thread
 * ends, so readers never share a handle; WAL mode and a busy timeout keep
 * readers going while an import writes. */
#include "web/server.h"
#include "store/db.h"
#include "store/user.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

void server_defaults(struct server_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->bind = "127.0.0.1";
	o->port = 8080;
	o->upload_max = 100ull * 1000 * 1000;
	o->session_ttl = 8 * 3600;
}

static pthread_key_t db_key;
static pthread_once_t db_once = PTHREAD_ONCE_INIT;

static void close_db(void *p)
{
	db_close(p);
}

static void make_key(void)
{
	pthread_key_create(&db_key, close_db);
}

/* This thread's connection to the workspace, opened on first use; NULL on error. */
static sqlite3 *thread_db(const struct web_app *app, char **cause)
{
	pthread_once(&db_once, make_key);
	sqlite3 *db = pthread_getspecific(db_key);
	if (db)
		return db;
	if (db_open(app->db_path, &db, cause) != 0)
		return NULL;
	pthread_setspecific(db_key, db);
	return db;
}

struct conn {
	int started;
	int upload; /* body goes to a file */
	uint64_t limit, received;
	int too_big;
	struct strbuf body;
	int fd;
	char *upload_path;
	int write_failed;
};

struct arg_vec {
	struct web_arg *v;
	size_t n;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	(void)kind;
	struct arg_vec *a = cls;
	if (a->n >= 256)
		return MHD_NO;
	a->v = xreallocarray(a->v, a->n + 1, sizeof(*a->v));
	a->v[a->n].key = key ? key : "";
	a->v[a->n].value = value ? value : "";
	a->n++;
	return MHD_YES;
}

static enum MHD_Result respond(struct MHD_Connection *mc, struct web_resp *rs, int is_api)
{
	struct MHD_Response *r;
	if (rs->data)
		r = MHD_create_response_from_buffer(rs->data_len, (void *)rs->data,
		                                    MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(rs->body.len, (void *)strbuf_cstr(&rs->body),
		                                    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	for (int i = 0; web_security_headers[i]; i += 2)
		MHD_add_response_header(r, web_security_headers[i], web_security_headers[i + 1]);
	if (rs->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rs->content_type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
	                        is_api || !rs->cacheable ? "no-store" : "no-cache");
	if (rs->set_cookie)
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rs->set_cookie);
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	if (rs->retry_after > 0) {
		char b[32];
		snprintf(b, sizeof(b), "%lld", (long long)rs->retry_after);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, b);
	}
	enum MHD_Result ok = MHD_queue_response(mc, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *mc, int status, const char *msg)
{
	struct web_resp rs = {.status = status, .content_type = "application/json"};
	struct jsonw w;
	jsonw_init(&w, &rs.body);
	jsonw_obj(&w);
	jsonw_kstr(&w, "error", msg);
	jsonw_end_obj(&w);
	enum MHD_Result ok = respond(mc, &rs, 1);
	web_resp_free(&rs);
	return ok;
}

/* Opens a temporary file for an upload. */
static int open_spool(const struct web_app *app, struct conn *c)
{
	c->upload_path = xasprintf("%s/fokus-upload-XXXXXX", app->tmp_dir ? app->tmp_dir : "/tmp");
	c->fd = mkstemp(c->upload_path);
	if (c->fd < 0) {
		free(c->upload_path);
		c->upload_path = NULL;
		return -1;
	}
	return 0;
}

static int body_chunk(struct conn *c, const char *data, size_t n)
{
	c->received += n;
	if (c->received > c->limit) {
		c->too_big = 1;
		return 0;
	}
	if (!c->upload) {
		strbuf_append(&c->body, data, n);
		return 0;
	}
	while (n > 0) {
		ssize_t w = write(c->fd, data, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			c->write_failed = 1;
			return -1;
		}
		data += w;
		n -= (size_t)w;
	}
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes in place (for the path and query values). "%00" turns into
 * "\x01" rather than ending the string early, so "/%00" names no asset. */
static size_t unescape(void *cls, struct MHD_Connection *mc, char *s)
{
	(void)cls;
	(void)mc;
	char *o = s;
	for (const char *p = s; *p; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
			char c = (char)(hi * 16 + lo);
			*o++ = c ? c : '\x01';
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return (size_t)(o - s);
}

/* Bytes of an oversized body read and dropped before answering 413 and
 * closing the connection instead. */
#define DISCARD_MAX (64ull * 1024 * 1024)

static enum MHD_Result too_large(struct MHD_Connection *mc, struct conn *c)
{
	c->started = 1;
	return send_error(mc, 413,
	                  c->upload ? "the file is larger than the upload limit"
	                            : "the request body is too large");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	(void)version;
	const struct web_app *app = cls;
	struct conn *c = *con_cls;
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		c->fd = -1;
		*con_cls = c;
		c->upload = web_is_upload(method, url);
		c->limit = c->upload ? app->upload_max : WEB_JSON_MAX;
		const char *cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
		                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > c->limit) {
			/* Answer 413 after reading (and dropping) the body, so that the
			 * client, still sending, gets the answer rather than a reset. */
			c->too_big = 1;
			if (strtoull(cl, NULL, 10) > c->limit + DISCARD_MAX)
				return too_large(mc, c);
			return MHD_YES;
		}
		if (c->upload) {
			/* Refuse an upload the user may not make before storing a byte. */
			char *cause = NULL;
			sqlite3 *db = thread_db(app, &cause);
			if (!db) {
				enum MHD_Result ok = send_error(
				    mc, 500, cause ? cause : "cannot open the workspace");
				free(cause);
				return ok;
			}
			struct web_req rq = {
			    .method = method,
			    .path = url,
			    .session_token =
			        MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, WEB_COOKIE),
			    .csrf =
			        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token"),
			    .now = (int64_t)time(NULL),
			};
			struct web_resp rs = {0};
			if (web_precheck(app, db, &rq, &rs) != 0) {
				c->too_big = 0;
				c->started = 1;
				enum MHD_Result ok = respond(mc, &rs, 1);
				web_resp_free(&rs);
				return ok;
			}
			web_resp_free(&rs);
			if (open_spool(app, c) != 0)
				return send_error(
				    mc, 500,
				    "cannot store the upload (is the temporary folder writable?)");
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (c->started) {
			*upload_size = 0;
			return MHD_YES;
		}
		if (!c->too_big && !c->write_failed)
			body_chunk(c, upload, *upload_size);
		else if (c->too_big)
			c->received += *upload_size;
		*upload_size = 0;
		/* Dropping a huge body has a limit too: then answer and close. */
		if (c->too_big && c->received > c->limit + DISCARD_MAX)
			return too_large(mc, c);
		return MHD_YES;
	}
	if (c->started)
		return MHD_YES;
	if (c->too_big)
		return too_large(mc, c);
	c->started = 1;
	if (c->write_failed)
		return send_error(mc, 507, "cannot store the upload: the disk may be full");

	char *cause = NULL;
	sqlite3 *db = thread_db(app, &cause);
	if (!db) {
		enum MHD_Result ok =
		    send_error(mc, 500, cause ? cause : "cannot open the workspace");
		free(cause);
		return ok;
	}
	struct arg_vec args = {NULL, 0};
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, collect_arg, &args);
	struct web_req rq = {
	    .method = method,
	    .path = url,
	    .args = args.v,
	    .nargs = args.n,
	    .session_token = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, WEB_COOKIE),
	    .csrf = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token"),
	    .content_type =
	        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
	    .body = c->body.len ? strbuf_cstr(&c->body) : NULL,
	    .body_len = c->body.len,
	    .upload_file = c->upload_path,
	    .now = (int64_t)time(NULL),
	};
	struct web_resp rs = {0};
	web_handle(app, db, &rq, &rs);
	if (rs.status >= 500)
		fprintf(stderr, "fokus serve: %s %s -> %d %s\n", method, url, rs.status,
		        strbuf_cstr(&rs.body));
	enum MHD_Result ok = respond(mc, &rs, strncmp(url, "/api/", 5) == 0);
	web_resp_free(&rs);
	free(args.v);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)mc;
	(void)toe;
	struct conn *c = *con_cls;
	if (!c)
		return;
	if (c->fd >= 0)
		close(c->fd);
	if (c->upload_path) {
		unlink(c->upload_path);
		free(c->upload_path);
	}
	strbuf_free(&c->body);
	free(c);
	*con_cls = NULL;
}

/* The daemon serving app, with the request handling above: listening on
 * addr with its own threads, or (addr NULL) for server_start_external. */
static struct MHD_Daemon *start_daemon(unsigned flags, uint16_t port,
                                       const struct sockaddr_in *addr, struct web_app *app)
{
	struct MHD_OptionItem ops[] = {
	    {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL},
	    {MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)unescape, NULL},
	    {MHD_OPTION_CONNECTION_TIMEOUT, 60, NULL},
	    {MHD_OPTION_CONNECTION_LIMIT, 512, NULL},
	    {addr ? MHD_OPTION_SOCK_ADDR : MHD_OPTION_END, 0, (void *)addr},
	    {MHD_OPTION_END, 0, NULL},
	};
	return MHD_start_daemon(flags, port, NULL, NULL, on_request, app, MHD_OPTION_ARRAY, ops,
	                        MHD_OPTION_END);
}

struct MHD_Daemon *server_start_external(struct web_app *app)
{
	return start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, app);
}

int server_run(const struct server_opts *o, char **cause)
{
	struct web_app app = {
	    .db_path = o->db_path,
	    .session_ttl = o->session_ttl > 0 ? o->session_ttl : 8 * 3600,
	    .upload_max = o->upload_max,
	    .tmp_dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	};
	sqlite3 *db = NULL;
	if (user_crypto_init() != 0) {
		*cause = xstrdup("libsodium cannot start");
		return -1;
	}
	/* Create and migrate the workspace once, before any thread opens it. */
	if (db_open(o->db_path, &db, cause) != 0)
		return -1;
	db_close(db);

	struct sockaddr_in addr;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->bind ? o->bind : "127.0.0.1", &addr.sin_addr) != 1) {
		*cause = xasprintf("--bind %s is not an IPv4 address", o->bind);
		return -1;
	}
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);

	struct MHD_Daemon *d = start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL,
	    (uint16_t)o->port, &addr, &app);
	if (!d) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		*cause =
		    xasprintf("cannot listen on %s:%d (is the port in use?)", o->bind, o->port);
		return -1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	int port = info ? info->port : o->port;
	FILE *out = o->announce ? o->announce : stdout;
	fprintf(out, "http://%s:%d/\n", o->bind, port);
	if (o->banner)
		fputs(o->banner, out);
	fflush(out);

	time_t end = o->exit_after > 0 ? time(NULL) + o->exit_after : 0;
	for (;;) {
		struct timespec ts = {1, 0};
		int sig = sigtimedwait(&set, NULL, &ts);
		if (sig == SIGINT || sig == SIGTERM)
			break;
		if (end && time(NULL) >= end)
			break;
	}
	MHD_stop_daemon(d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}

int server_demo(const char *db_path, int port, int exit_after, char **cause)
{
	static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char pw[15], banner[128];
	sqlite3 *db = NULL;
	if (user_crypto_init() != 0) {
		*cause = xstrdup("libsodium cannot start");
		return -1;
	}
	for (size_t i = 0; i < sizeof(pw) - 1; i++)
		pw[i] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
	pw[sizeof(pw) - 1] = '\0';
	if (db_open(db_path, &db, cause) != 0)
		return -1;
	int r = user_set_password(db, "demo", pw, cause);
	if (r == 1)
		r = user_add(db, "demo", USER_MANAGER, NULL, pw, cause);
	db_close(db);
	if (r != 0)
		return -1;
	snprintf(banner, sizeof(banner), "Log in as demo / %s (Ctrl-C stops the server)\n", pw);
	struct server_opts o;
	server_defaults(&o);
	o.db_path = db_path;
	o.port = port;
	o.exit_after = exit_after;
	o.banner = banner;
	return server_run(&o, cause);
}
