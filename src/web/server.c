/* server.c — libmicrohttpd glue for the dashboard. Reads a request (query
 * arguments, the session cookie, X-CSRF-Token, the client's address, the
 * body: JSON in memory up to WEB_JSON_MAX, uploads spooled to a temporary
 * file up to upload_max; larger bodies answer 413), hands it to web_handle,
 * and sends the answer with the security headers of web.h on every
 * response (and HSTS under TLS).
 *
 * Before a login only POST /api/login and a one-click POST /unsubscribe take a
 * body (WEB_LOGIN_MAX bytes):
 * any other request with a body is checked (session, route, role, CSRF)
 * before a byte of it is read.
 *
 * Threads: one per connection (MHD_USE_THREAD_PER_CONNECTION), each with
 * its own SQLite connection opened on first use and closed when the thread
 * ends, so readers never share a handle; WAL mode and a busy timeout keep
 * readers going while an import writes. At most max_per_ip connections per
 * address. A watchdog thread ends connections that are too slow: headers
 * (and the TLS handshake) must arrive within `timeout` seconds of the
 * connection or of the previous answer, a body at 1 KB/s or faster after
 * that — libmicrohttpd's own timeout only ends silent connections, not one
 * that sends a byte now and then (slowloris). */
#include "web/server.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/user.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"
#include "web/cache.h"
#include "web/slots.h"
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

/* Password verifications at once (argon2id: 64 MiB and ~0.1 s of a core
 * each), heavy requests at once, and the memory kept for their answers. */
#define LOGIN_SLOTS 2
#define HEAVY_SLOTS 2
#define CACHE_BYTES (64u << 20)
/* All connections at once; a body must keep coming at this rate (bytes/s). */
#define CONNECTION_LIMIT 1024
#define BODY_RATE 1024

void server_defaults(struct server_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->bind = "127.0.0.1";
	o->port = 8080;
	o->upload_max = 100ull * 1000 * 1000;
	o->session_ttl = 8 * 3600;
	o->max_per_ip = 64;
	o->timeout = 20;
}

/* --- the watchdog ---------------------------------------------------------- */

/* One per connection (its MHD socket context): by when the client must
 * have sent what it owes, 0 while we are the ones working. */
struct watched {
	MHD_socket fd;
	time_t deadline;
	time_t body_since; /* when the body began */
	struct watched *prev, *next;
};

struct server_watch {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct watched *head;
	int timeout;
	int stop;
	pthread_t thread;
};

static void *watch_main(void *arg)
{
	struct server_watch *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		time_t now = time(NULL);
		for (struct watched *x = w->head; x; x = x->next) {
			if (x->deadline && now >= x->deadline) {
				/* The connection's thread sees the end of the stream and
				 * closes it; libmicrohttpd closes the socket only after
				 * telling us (NOTIFY_CLOSED, under this lock), so fd is
				 * still this connection's. */
				shutdown(x->fd, SHUT_RDWR);
				x->deadline = 0;
			}
		}
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&w->wake, &w->lock, &ts);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static struct server_watch *watch_start(int timeout)
{
	struct server_watch *w = xcalloc(1, sizeof(*w));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	w->timeout = timeout;
	if (pthread_create(&w->thread, NULL, watch_main, w) != 0) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

static void watch_stop(struct server_watch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

static void on_connection(void *cls, struct MHD_Connection *mc, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	struct server_watch *w = ((const struct web_app *)cls)->watch;
	if (!w)
		return;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci)
			return;
		struct watched *x = xcalloc(1, sizeof(*x));
		x->fd = ci->connect_fd;
		pthread_mutex_lock(&w->lock);
		x->deadline = time(NULL) + w->timeout;
		x->next = w->head;
		if (w->head)
			w->head->prev = x;
		w->head = x;
		pthread_mutex_unlock(&w->lock);
		*socket_context = x;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
		struct watched *x = *socket_context;
		pthread_mutex_lock(&w->lock);
		if (x->prev)
			x->prev->next = x->next;
		else
			w->head = x->next;
		if (x->next)
			x->next->prev = x->prev;
		pthread_mutex_unlock(&w->lock);
		free(x);
		*socket_context = NULL;
	}
}

enum watch_event { W_HEADERS, W_BODY, W_WORKING, W_ANSWERED };

/* Moves a connection's deadline: the headers are in (a body may follow:
 * `body` bytes so far), we are working on the answer, or it is answered
 * (the next request's headers are due). */
static void watch_note(const struct web_app *app, struct MHD_Connection *mc, enum watch_event ev,
                       uint64_t body)
{
	struct server_watch *w = app->watch;
	if (!w)
		return;
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watched *x = ci ? ci->socket_context : NULL;
	if (!x)
		return;
	pthread_mutex_lock(&w->lock);
	time_t now = time(NULL);
	switch (ev) {
	case W_HEADERS:
		x->body_since = now;
		x->deadline = now + w->timeout;
		break;
	case W_BODY:
		x->deadline = x->body_since + w->timeout + (time_t)(body / BODY_RATE);
		break;
	case W_WORKING:
		x->deadline = 0;
		break;
	case W_ANSWERED:
		x->deadline = now + w->timeout;
		break;
	}
	pthread_mutex_unlock(&w->lock);
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
	uint64_t discard_max; /* bytes of a too large body read and dropped before answering */
	int too_big;
	struct strbuf body;
	int fd;
	char *upload_path;
	int write_failed;
	char addr[INET6_ADDRSTRLEN]; /* the client's address, "" when unknown */
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

static enum MHD_Result respond(const struct web_app *app, struct MHD_Connection *mc,
                               struct web_resp *rs, int is_api)
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
	if (app->tls) /* browsers come back over HTTPS only, for a year */
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
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

static enum MHD_Result send_error(const struct web_app *app, struct MHD_Connection *mc, int status,
                                  const char *msg)
{
	struct web_resp rs = {.status = status, .content_type = "application/json"};
	struct jsonw w;
	jsonw_init(&w, &rs.body);
	jsonw_obj(&w);
	jsonw_kstr(&w, "error", msg);
	jsonw_end_obj(&w);
	enum MHD_Result ok = respond(app, mc, &rs, 1);
	web_resp_free(&rs);
	return ok;
}

/* The workspace cannot be opened: the cause goes to the log only. */
static enum MHD_Result workspace_down(const struct web_app *app, struct MHD_Connection *mc,
                                      char *cause)
{
	fprintf(stderr, "fokus serve: %s\n", cause ? cause : "cannot open the workspace");
	free(cause);
	return send_error(app, mc, 500, "the server cannot open its workspace (see its log)");
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

/* Bytes of an oversized body read and dropped before answering 413 (so
 * that a client still sending gets the answer rather than a reset), for a
 * logged-in user and before a login; beyond, the answer comes at once and
 * the connection closes. */
#define DISCARD_MAX (64ull * 1024 * 1024)
#define DISCARD_MAX_ANON (2ull * 1024 * 1024)

static enum MHD_Result too_large(const struct web_app *app, struct MHD_Connection *mc,
                                 struct conn *c)
{
	c->started = 1;
	return send_error(app, mc, 413,
	                  c->limit == 0 ? "this request takes no body"
	                  : c->upload   ? "the file is larger than the upload limit"
	                                : "the request body is too large");
}

static void client_address(struct MHD_Connection *mc, char out[INET6_ADDRSTRLEN])
{
	out[0] = '\0';
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          INET6_ADDRSTRLEN);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		          out, INET6_ADDRSTRLEN);
}

/* The request before its body: the session, route, role and CSRF checks of
 * web_handle. 0 when it may go on; else the refusal was queued (*ok). */
static int precheck(const struct web_app *app, struct MHD_Connection *mc, const char *url,
                    const char *method, struct conn *c, enum MHD_Result *ok)
{
	char *cause = NULL;
	sqlite3 *db = thread_db(app, &cause);
	if (!db) {
		*ok = workspace_down(app, mc, cause);
		return -1;
	}
	struct web_req rq = {
	    .method = method,
	    .path = url,
	    .session_token = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, web_cookie_name(app)),
	    .csrf = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token"),
	    .now = (int64_t)time(NULL),
	    .addr = c->addr[0] ? c->addr : NULL,
	};
	struct web_resp rs = {0};
	int r = web_precheck(app, db, &rq, &rs);
	if (r != 0) {
		c->too_big = 0;
		c->started = 1;
		*ok = respond(app, mc, &rs, 1);
	}
	web_resp_free(&rs);
	return r;
}

/* The first call for a request (headers read): what its body may be. */
static enum MHD_Result request_start(const struct web_app *app, struct MHD_Connection *mc,
                                     const char *url, const char *method, struct conn *c)
{
	int api = strncmp(url, "/api/", 5) == 0;
	/* The two bodies taken without a session, a few KB at most: a login, and
	 * a mail client's one-click unsubscribe (RFC 8058; the key is in the URL). */
	int login =
	    !strcmp(method, "POST") && (!strcmp(url, "/api/login") || !strcmp(url, "/unsubscribe"));
	const char *cl =
	    MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	uint64_t declared = cl ? strtoull(cl, NULL, 10) : 0;
	int has_body = declared > 0 || MHD_lookup_connection_value(
	                                   mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	enum MHD_Result ok = MHD_YES;
	client_address(mc, c->addr);
	c->upload = web_is_upload(method, url);
	c->limit = c->upload ? app->upload_max : login ? WEB_LOGIN_MAX : api ? WEB_JSON_MAX : 0;
	c->discard_max = DISCARD_MAX_ANON;
	watch_note(app, mc, has_body ? W_HEADERS : W_WORKING, 0);
	if (has_body && c->limit == 0)
		return too_large(app, mc, c); /* static files take no body */
	/* Before a login only those two take a body: refuse others unread. */
	if (has_body && !login) {
		if (precheck(app, mc, url, method, c, &ok) != 0)
			return ok;
		c->discard_max = DISCARD_MAX;
	}
	if (declared > c->limit) {
		/* Answer 413 after reading (and dropping) the body, so that the
		 * client, still sending, gets the answer rather than a reset. */
		c->too_big = 1;
		if (declared > c->limit + c->discard_max)
			return too_large(app, mc, c);
		return MHD_YES;
	}
	if (c->upload && open_spool(app, c) != 0) {
		c->started = 1;
		fprintf(stderr, "fokus serve: cannot store an upload in %s\n",
		        app->tmp_dir ? app->tmp_dir : "/tmp");
		return send_error(app, mc, 500, "the server cannot store the upload (see its log)");
	}
	return MHD_YES;
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
		return request_start(app, mc, url, method, c);
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
		watch_note(app, mc, W_BODY, c->received);
		/* Dropping a huge body has a limit too: then answer and close. */
		if (c->too_big && c->received > c->limit + c->discard_max)
			return too_large(app, mc, c);
		return MHD_YES;
	}
	if (c->started)
		return MHD_YES;
	watch_note(app, mc, W_WORKING, 0);
	if (c->too_big)
		return too_large(app, mc, c);
	c->started = 1;
	if (c->write_failed) {
		fprintf(stderr, "fokus serve: cannot write an upload to %s\n", c->upload_path);
		return send_error(app, mc, 507,
		                  "cannot store the upload: the server's disk may be full");
	}

	char *cause = NULL;
	sqlite3 *db = thread_db(app, &cause);
	if (!db)
		return workspace_down(app, mc, cause);
	struct arg_vec args = {NULL, 0};
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, collect_arg, &args);
	struct web_req rq = {
	    .method = method,
	    .path = url,
	    .args = args.v,
	    .nargs = args.n,
	    .session_token = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, web_cookie_name(app)),
	    .csrf = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token"),
	    .content_type =
	        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
	    .body = c->body.len ? strbuf_cstr(&c->body) : NULL,
	    .body_len = c->body.len,
	    .upload_file = c->upload_path,
	    .now = (int64_t)time(NULL),
	    .addr = c->addr[0] ? c->addr : NULL,
	};
	struct web_resp rs = {0};
	web_handle(app, db, &rq, &rs);
	enum MHD_Result ok = respond(app, mc, &rs, strncmp(url, "/api/", 5) == 0);
	web_resp_free(&rs);
	free(args.v);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)toe;
	watch_note(cls, mc, W_ANSWERED, 0);
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
 * addr with its own threads, or (addr NULL) for server_start_external. tls:
 * the certificate and key (PEM text), or NULL. */
static struct MHD_Daemon *start_daemon(unsigned flags, uint16_t port,
                                       const struct sockaddr_in *addr, struct web_app *app,
                                       const struct server_opts *o, const char *const tls[2])
{
	struct MHD_OptionItem ops[16] = {
	    {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, app},
	    {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, app},
	    {MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)unescape, NULL},
	    {MHD_OPTION_CONNECTION_TIMEOUT, o ? o->timeout : 60, NULL},
	    {MHD_OPTION_CONNECTION_LIMIT, CONNECTION_LIMIT, NULL},
	};
	int n = 5;
	if (o && o->max_per_ip > 0)
		ops[n++] = (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		                                   o->max_per_ip, NULL};
	if (tls) {
		ops[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)tls[1]};
		ops[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)tls[0]};
		flags |= MHD_USE_TLS;
	}
	if (addr)
		ops[n++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, (void *)addr};
	ops[n] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	return MHD_start_daemon(flags, port, NULL, NULL, on_request, app, MHD_OPTION_ARRAY, ops,
	                        MHD_OPTION_END);
}

struct MHD_Daemon *server_start_external(struct web_app *app)
{
	return start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, app, NULL, NULL);
}

/* Reads a PEM file (at most 1 MB) into a fresh string; NULL with *cause. */
static char *read_pem(const char *opt, const char *path, char **cause)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;
	if (!f) {
		*cause = xasprintf("%s %s: %s", opt, path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len < (1u << 20))
		strbuf_append(&sb, buf, n);
	int bad = ferror(f);
	fclose(f);
	if (bad || sb.len == 0 || sb.len >= (1u << 20) ||
	    !strstr(strbuf_cstr(&sb), "-----BEGIN ")) {
		*cause = xasprintf("%s %s: %s", opt, path,
		                   bad ? "cannot be read" : "is not a PEM file (-----BEGIN ...)");
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* 1 when addr is this machine only (127.0.0.0/8). */
static int loopback(const struct sockaddr_in *addr)
{
	return (ntohl(addr->sin_addr.s_addr) >> 24) == 127;
}

/* After a failed start: whether the address itself can be bound (then TLS
 * was what failed). */
static int can_bind(const struct sockaddr_in *addr)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	if (fd < 0)
		return 0;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	int ok = bind(fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0;
	close(fd);
	return ok;
}

static void app_free(struct web_app *app)
{
	web_slots_free(app->login_slots);
	web_slots_free(app->heavy_slots);
	web_cache_free(app->cache);
	app->login_slots = app->heavy_slots = NULL;
	app->cache = NULL;
}

int server_run(const struct server_opts *o, char **cause)
{
	struct web_app app = {
	    .db_path = o->db_path,
	    .session_ttl = o->session_ttl > 0 ? o->session_ttl : 8 * 3600,
	    .upload_max = o->upload_max,
	    .tmp_dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	    .tls = o->tls_cert != NULL,
	};
	char *pem[2] = {NULL, NULL};
	sqlite3 *db = NULL;
	int rc = -1;
	if (user_crypto_init() != 0) {
		*cause = xstrdup("libsodium cannot start");
		return -1;
	}
	user_check_prepare();
	if (!o->tls_cert != !o->tls_key) {
		*cause = xstrdup("give both --tls-cert and --tls-key, or neither");
		return -1;
	}
	if (app.tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		*cause =
		    xstrdup("this libmicrohttpd was built without TLS: serve over a TLS proxy");
		return -1;
	}
	if (app.tls && (!(pem[0] = read_pem("--tls-cert", o->tls_cert, cause)) ||
	                !(pem[1] = read_pem("--tls-key", o->tls_key, cause))))
		goto out;
	/* Create and migrate the workspace once, before any thread opens it. */
	if (db_open(o->db_path, &db, cause) != 0)
		goto out;
	db_close(db);

	struct sockaddr_in addr;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->bind ? o->bind : "127.0.0.1", &addr.sin_addr) != 1) {
		*cause = xasprintf("--bind %s is not an IPv4 address", o->bind);
		goto out;
	}
	if (!loopback(&addr) && !app.tls)
		fprintf(stderr,
		        "fokus serve: warning: %s is reachable beyond this machine and there is no "
		        "TLS: passwords and session cookies would cross the network unencrypted. "
		        "Give --tls-cert FILE --tls-key FILE (or serve behind a TLS proxy).\n",
		        o->bind);
	app.login_slots = web_slots_new(LOGIN_SLOTS);
	app.heavy_slots = web_slots_new(HEAVY_SLOTS);
	app.cache = web_cache_new(CACHE_BYTES);
	app.watch = watch_start(o->timeout > 0 ? o->timeout : 20);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);

	const char *const tls[2] = {pem[0], pem[1]};
	struct MHD_Daemon *d = start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL,
	    (uint16_t)o->port, &addr, &app, o, app.tls ? tls : NULL);
	if (!d) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		if (app.tls && can_bind(&addr))
			*cause = xasprintf("cannot serve HTTPS with %s and %s (are they a PEM "
			                   "certificate and its own private key?)",
			                   o->tls_cert, o->tls_key);
		else
			*cause = xasprintf("cannot listen on %s:%d (is the port in use? is the "
			                   "address this machine's?)",
			                   o->bind, o->port);
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	int port = info ? info->port : o->port;
	FILE *out = o->announce ? o->announce : stdout;
	fprintf(out, "%s://%s:%d/\n", app.tls ? "https" : "http", o->bind, port);
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
	rc = 0;
out:
	watch_stop(app.watch);
	app_free(&app);
	for (int i = 0; i < 2; i++)
		if (pem[i]) {
			sodium_memzero(pem[i], strlen(pem[i]));
			free(pem[i]);
		}
	return rc;
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
	int r = user_set_password(db, "demo", pw, cause), added = r == 1;
	if (added)
		r = user_add(db, "demo", USER_MANAGER, NULL, pw, cause);
	if (r == 0) {
		char *who = audit_system_user(), *why = NULL;
		if (audit_add(db, (int64_t)time(NULL), who, AUDIT_LOCAL,
		              added ? "user-add" : "user-passwd", added ? "demo (manager)" : "demo",
		              &why) != 0) {
			fprintf(stderr, "fokus demo: cannot write the audit log: %s\n", why);
			free(why);
		}
		free(who);
	}
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
