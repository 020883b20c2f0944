/* db.c — the workspace file: open, create, migrate, transactions, and plain
 * words for SQLite's errors. Every other store/ file builds on this.
 *
 * Migrations: migrations[i] takes the schema from version i to i+1 (SQL, then
 * optionally a C step, then more SQL), all in one transaction; the file
 * records its version in PRAGMA user_version. A newer file than this binary
 * knows is refused rather than guessed at. schema.sql is version 1, kept as
 * it was; a new workspace goes through every migration. */
#include "store/db.h"
#include "store/orderblocks.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern const char store_schema_sql[]; /* generated from schema.sql */

/* Version 2: order lines packed in blocks instead of a row each (see
 * orderpack.c and docs/workspace.md). */
static const char blocks_sql[] = "CREATE TABLE order_blocks("
                                 " id INTEGER PRIMARY KEY,"
                                 " batch_id INTEGER NOT NULL REFERENCES batches(id),"
                                 " part INTEGER NOT NULL," /* customers.id % 1024 */
                                 " lines INTEGER NOT NULL,"
                                 " day_min INTEGER NOT NULL,"
                                 " day_max INTEGER NOT NULL,"
                                 " amount INTEGER NOT NULL," /* sum of the lines' amounts */
                                 " data BLOB NOT NULL);"
                                 "CREATE INDEX order_blocks_part ON order_blocks(part);";

static const char drop_orders_sql[] = "DROP INDEX IF EXISTS orders_customer_day;"
                                      "DROP TABLE orders;";

/* Packs every row of the version-1 orders table into blocks, batch by
 * batch (rows in table order: a batch change writes the pending blocks). */
static int pack_orders(sqlite3 *db, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct orderblocks *w = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT batch_id, customer, order_id, day, amount, margin, quantity, "
	        "seller_id FROM orders ORDER BY id",
	        -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "upgrading the workspace");
		return -1;
	}
	if (orderblocks_open(db, 0, &w, cause) != 0)
		goto out;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct orderline l = {
		    .customer = sqlite3_column_int64(st, 1),
		    .order_id = (const char *)sqlite3_column_text(st, 2),
		    .order_id_len = (size_t)sqlite3_column_bytes(st, 2),
		    .day = sqlite3_column_int(st, 3),
		    .amount = sqlite3_column_int64(st, 4),
		    .has_margin = sqlite3_column_type(st, 5) != SQLITE_NULL,
		    .margin = sqlite3_column_int64(st, 5),
		    .has_quantity = sqlite3_column_type(st, 6) != SQLITE_NULL,
		    .quantity = sqlite3_column_double(st, 6),
		    .seller_id = (const char *)sqlite3_column_text(st, 7),
		    .seller_id_len = (size_t)sqlite3_column_bytes(st, 7),
		};
		if (orderblocks_set_batch(w, sqlite3_column_int64(st, 0), cause) != 0 ||
		    orderblocks_add(w, &l, cause) != 0)
			goto out;
	}
	if (s != SQLITE_DONE) {
		*cause = db_cause(db, "upgrading the workspace");
		goto out;
	}
	rc = orderblocks_flush(w, cause);
out:
	orderblocks_free(w);
	sqlite3_finalize(st);
	return rc;
}

struct migration {
	const char *sql;
	int (*step)(sqlite3 *db, char **cause); /* may be NULL */
	const char *after;                      /* SQL after the step, may be NULL */
};

/* 2 -> 3: no index of the snapshot rows by customer. Every categorization
 * adds a row per customer to a new snapshot; the primary key (snapshot_id,
 * customer) takes them at its end, but an index by customer takes one at
 * every customer's place, so each snapshot rewrote nearly all of an index
 * that grows with the history (10 M orders, 10 snapshots: 3.6 s instead of
 * 2.0 s). A customer's history is read snapshot by snapshot through the
 * primary key instead. */
static const char drop_snapshot_customer_index_sql[] =
    "DROP INDEX IF EXISTS snapshot_customers_customer;";

/* 3 -> 4: the value map of imports (store/valuemap.c): what a CRM's own
 * words for activity types and roles mean, given once with --map-value. */
static const char value_map_sql[] =
    "CREATE TABLE value_map("
    " field TEXT NOT NULL,"   /* type|role */
    " value TEXT NOT NULL,"   /* folded (io/vocab.h) */
    " written TEXT NOT NULL," /* as the user wrote it */
    " target TEXT NOT NULL,"  /* the code: visit, phone, ..., farmer, ... */
    " PRIMARY KEY(field, value));";

/* 4 -> 5: what a server open to a team needs (issue 15).
 * - data_version: one row whose value changes (to a fresh random number) with
 *   every write job, so the server's result cache (src/web/cache.c) can tell
 *   whether an answer computed earlier still holds. Triggers on the tables
 *   every job writes a few rows to (a batch per import or plan apply, a
 *   snapshot per categorization, an override, the policy, the sellers) rather
 *   than on the big ones, so an import of millions of rows pays nothing. A
 *   new table whose rows change what the dashboard shows needs a trigger too.
 *   Random rather than +1: a restored backup cannot land on a value that once
 *   meant other data.
 * - login_failures: failed logins counted per user name (known or not) and per
 *   client address, before the password is checked (store/user.c).
 * - audit: who did what, when, from where (store/audit.c). */
#define DV_TRIGGER(t, ev)                                                                          \
	"CREATE TRIGGER dv_" t "_" ev " AFTER " ev " ON " t                                        \
	" BEGIN UPDATE data_version SET v = random() WHERE id = 1; END;"
static const char server_sql[] =
    "CREATE TABLE data_version(id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);"
    "INSERT INTO data_version VALUES (1, random());" DV_TRIGGER("batches", "INSERT") DV_TRIGGER(
        "batches", "UPDATE") DV_TRIGGER("batches", "DELETE") DV_TRIGGER("snapshots", "INSERT")
        DV_TRIGGER("snapshots", "UPDATE") DV_TRIGGER("snapshots", "DELETE") DV_TRIGGER(
            "snapshot_customers", "UPDATE") DV_TRIGGER("overrides", "INSERT")
            DV_TRIGGER("overrides", "UPDATE") DV_TRIGGER("overrides", "DELETE") DV_TRIGGER(
                "policy", "INSERT") DV_TRIGGER("policy", "UPDATE") DV_TRIGGER("policy", "DELETE")
                DV_TRIGGER("sellers", "INSERT") DV_TRIGGER("sellers", "UPDATE") DV_TRIGGER(
                    "sellers",
                    "DELETE") "CREATE TABLE login_failures("
                              " key TEXT PRIMARY KEY," /* 'user:NAME' or 'addr:ADDRESS' */
                              " failures INTEGER NOT NULL,"
                              " last_failed_at INTEGER NOT NULL) WITHOUT ROWID;" /* unix seconds */
                              "CREATE INDEX login_failures_last ON login_failures(last_failed_at);"
                              "CREATE TABLE audit("
                              " id INTEGER PRIMARY KEY,"
                              " at INTEGER NOT NULL,"   /* unix seconds */
                              " actor TEXT NOT NULL,"   /* dashboard user, or the system user of a
                                                           command */
                              " address TEXT NOT NULL," /* the client's address, or 'local' for a
                                                           command */
                              " action TEXT NOT NULL,"
                              " detail TEXT NOT NULL DEFAULT '');"
                              "CREATE INDEX audit_at ON audit(at);";

/* 5 -> 6: the plan under capacity (docs/plan.md). The policy's most visits
 * and calls a year (NULL: the method's defaults); the manager's response
 * judgement per category (CALLPLAN's four points, shares of today); the
 * customers pinned to a person; and every applied plan's rows — owner,
 * channel and frequency per customer — so that what was applied can be read
 * back (store_plan_applied) and --undo can go back to the plan before. */
static const char plan_capacity_sql[] =
    "ALTER TABLE policy ADD COLUMN visit_max REAL;"
    "ALTER TABLE policy ADD COLUMN phone_max REAL;"
    "CREATE TABLE response("
    " category TEXT PRIMARY KEY,"
    " no_visits REAL NOT NULL, half REAL NOT NULL, more REAL NOT NULL,"
    " saturation REAL NOT NULL, set_at TEXT NOT NULL);"
    "CREATE TABLE plan_pins("
    " customer INTEGER PRIMARY KEY REFERENCES customers(id),"
    " seller_id TEXT NOT NULL, visits REAL, calls REAL, created_at TEXT NOT NULL);"
    "CREATE TABLE plan_rows("
    " batch_id INTEGER NOT NULL REFERENCES batches(id),"
    " customer INTEGER NOT NULL REFERENCES customers(id),"
    " seller_id TEXT NOT NULL, channel TEXT NOT NULL,"
    " visits_per_year REAL NOT NULL, calls_per_year REAL NOT NULL,"
    " newsletters_per_year REAL NOT NULL, hours REAL NOT NULL, reason TEXT NOT NULL,"
    " PRIMARY KEY(batch_id, customer)) WITHOUT ROWID;"
    /* the response judgement and the pins change what a plan answers */
    DV_TRIGGER("response", "INSERT") DV_TRIGGER("response", "UPDATE")
        DV_TRIGGER("response", "DELETE") DV_TRIGGER("plan_pins", "INSERT")
            DV_TRIGGER("plan_pins", "UPDATE") DV_TRIGGER("plan_pins", "DELETE");

/* 6 -> 7: the follow-through (docs/follow-up.md). Users get an e-mail
 * address (the weekly pulse) and a feed token (a hash, as for sessions);
 * the newsletter keeps its issues, a send log per issue and address
 * (written before and after each message, so a send can resume without
 * sending anyone an issue twice) and the addresses not to write to
 * (unsubscribed, bounced); the actions logged on "My day" keep the id the
 * browser gave them, so a retried action is stored once. */
static const char follow_sql[] =
    "ALTER TABLE users ADD COLUMN email TEXT;"
    "ALTER TABLE users ADD COLUMN feed_token_hash TEXT;"
    "CREATE UNIQUE INDEX users_feed_token ON users(feed_token_hash);"
    "CREATE TABLE newsletter_issues("
    " issue TEXT PRIMARY KEY,"
    " subject TEXT NOT NULL,"
    " template_sha256 TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " batch_id INTEGER REFERENCES batches(id));" /* the activities it logged */
    "CREATE TABLE newsletter_sends("
    " issue TEXT NOT NULL REFERENCES newsletter_issues(issue),"
    " email TEXT NOT NULL," /* lower case */
    " state TEXT NOT NULL," /* sending|sent|bounced|failed */
    " customers INTEGER NOT NULL DEFAULT 0,"
    " smtp_code INTEGER,"
    " message TEXT,"
    " updated_at TEXT NOT NULL,"
    " PRIMARY KEY(issue, email)) WITHOUT ROWID;"
    "CREATE TABLE newsletter_suppressed("
    " email TEXT PRIMARY KEY," /* lower case */
    " reason TEXT NOT NULL,"   /* unsubscribed|bounced */
    " detail TEXT,"
    " created_at TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE logged_actions("
    " action_id TEXT PRIMARY KEY,"
    " user_name TEXT NOT NULL,"
    " seller_id TEXT NOT NULL,"
    " customer INTEGER NOT NULL REFERENCES customers(id),"
    " kind TEXT NOT NULL," /* visit|call */
    " day INTEGER NOT NULL,"
    " minute INTEGER,"
    " duration_min REAL,"
    " outcome TEXT NOT NULL," /* order|meeting_booked|nothing */
    " note TEXT,"
    " created_at TEXT NOT NULL);"
    "CREATE INDEX logged_actions_seller_day ON logged_actions(seller_id, day);"
    /* an action logged on My day is an activity the analysis counts */
    DV_TRIGGER("logged_actions", "INSERT") DV_TRIGGER("logged_actions", "UPDATE")
        DV_TRIGGER("logged_actions", "DELETE");
#undef DV_TRIGGER

/* 7 -> 8: no index of the activities by batch. Every row of an import went
 * into it (1.8 M activities: about a fifth of the import's time and 21 MB),
 * and nothing reads by it but `import activities --replace`, which scans
 * the table once instead (store/import.c). */
static const char drop_activities_batch_index_sql[] = "DROP INDEX IF EXISTS activities_batch;";

static const struct migration migrations[] = {
    {store_schema_sql, NULL, NULL},                 /* 0 -> 1 */
    {blocks_sql, pack_orders, drop_orders_sql},     /* 1 -> 2 */
    {drop_snapshot_customer_index_sql, NULL, NULL}, /* 2 -> 3 */
    {value_map_sql, NULL, NULL},                    /* 3 -> 4 */
    {server_sql, NULL, NULL},                       /* 4 -> 5 */
    {plan_capacity_sql, NULL, NULL},                /* 5 -> 6 */
    {follow_sql, NULL, NULL},                       /* 6 -> 7 */
    {drop_activities_batch_index_sql, NULL, NULL},  /* 7 -> 8 */
};
_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == DB_SCHEMA_VERSION,
               "one migration per schema version");

char *db_cause(sqlite3 *db, const char *what)
{
	int ec = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
	const char *why;
	switch (ec & 0xff) {
	case SQLITE_FULL:
		why = "the disk is full";
		break;
	case SQLITE_READONLY:
		why = "the workspace is read-only";
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		why = "the workspace is busy with another writer; try again";
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		why = "the file is not a fokus workspace or is damaged";
		break;
	case SQLITE_CANTOPEN:
		why = "the file cannot be opened (does its folder exist and is it writable?)";
		break;
	case SQLITE_IOERR:
		why = "the disk reported an I/O error (is it full?)";
		break;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		why = "permission denied";
		break;
	default:
		why = db ? sqlite3_errmsg(db) : "unknown error";
	}
	return xasprintf("%s: %s", what, why);
}

int db_exec(sqlite3 *db, const char *sql, char **cause)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (cause)
			*cause = db_cause(db, "workspace");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

void db_remove(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

int db_begin(sqlite3 *db, char **cause)
{
	return db_exec(db, "BEGIN IMMEDIATE", cause);
}

int db_commit(sqlite3 *db, char **cause)
{
	return db_exec(db, "COMMIT", cause);
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int user_version(sqlite3 *db, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	else
		rc = SQLITE_ERROR;
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

static int migrate(sqlite3 *db, const char *path, char **cause)
{
	int v;
	if (user_version(db, &v) != 0) {
		*cause = db_cause(db, path);
		return -1;
	}
	if (v == DB_SCHEMA_VERSION)
		return 0;
	if (v > DB_SCHEMA_VERSION) {
		*cause = xasprintf("%s: this workspace was written by a newer fokus "
		                   "(schema %d, this one knows %d)",
		                   path, v, DB_SCHEMA_VERSION);
		return -1;
	}
	if (db_begin(db, cause) != 0)
		return -1;
	for (; v < DB_SCHEMA_VERSION; v++) {
		char sql[64];
		const struct migration *m = &migrations[v];
		if (db_exec(db, m->sql, cause) != 0 || (m->step && m->step(db, cause) != 0) ||
		    (m->after && db_exec(db, m->after, cause) != 0))
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (db_exec(db, sql, cause) != 0)
			goto fail;
	}
	if (db_commit(db, cause) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* "file:" URI of path for a read-only, immutable open (percent-encoding the
 * characters URIs reserve). Caller frees. */
static char *immutable_uri(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			strbuf_printf(&sb, "%%%02X", *p);
		else
			strbuf_putc(&sb, (char)*p);
	}
	strbuf_puts(&sb, "?immutable=1");
	return strbuf_detach(&sb);
}

/* A workspace on a read-only medium (or in a folder we cannot write) cannot
 * have its WAL index created; it is opened immutable and read-only, so the
 * reading commands still work and writing ones say "read-only". */
static int open_readonly(const char *path, sqlite3 **out, char **cause)
{
	char *uri = immutable_uri(path);
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(
	    uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	int v = -1;
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(db, 1);
		if (user_version(db, &v) != 0)
			v = -1;
	}
	if (v != DB_SCHEMA_VERSION) {
		*cause = v < 0 ? db_cause(db, path)
		               : xasprintf("%s: the workspace is read-only and needs an upgrade "
		                           "(schema %d) that cannot be written",
		                           path, v);
		sqlite3_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

static int folder_writable(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	int ok = access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

int db_open(const char *path, sqlite3 **out, char **cause)
{
	if (access(path, F_OK) == 0 && (!folder_writable(path) || access(path, W_OK) != 0))
		return open_readonly(path, out, cause);

	sqlite3 *db = NULL;
	*out = NULL;
	/* NOMUTEX: a connection is only ever used by the thread that opened it
	 * (the server opens one per thread; the import's and categorization's
	 * other threads parse and sum, they do not touch SQLite), so SQLite's
	 * lock around every call on it is not needed (it was 2 % to 6 % of a
	 * categorization). */
	int rc = sqlite3_open_v2(
	    path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		*cause = db_cause(db, path);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 10000);
	/* A read-only file still opens for reading: WAL setup may fail there. */
	if (db_exec(db, "PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	if (sqlite3_db_readonly(db, "main") != 1) {
		if (db_exec(db, "PRAGMA journal_mode = WAL", NULL) != 0 ||
		    db_exec(db, "PRAGMA synchronous = NORMAL", NULL) != 0) {
			/* keep going: a read-only folder can still be read */
		}
	}
	if (migrate(db, path, cause) != 0)
		goto fail;
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

void db_close(sqlite3 *db)
{
	if (!db)
		return;
	sqlite3_close_v2(db);
}

int db_data_version(sqlite3 *db, int64_t *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, "SELECT v FROM data_version WHERE id = 1", -1, &st, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

char *db_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

int db_collect(sqlite3 *db, sqlite3_stmt *st, size_t size, void (*row)(sqlite3_stmt *, void *),
               void **out, size_t *n, void (*release)(void *, size_t), const char *what,
               char **cause)
{
	unsigned char *v = NULL;
	size_t cap = 0, k = 0;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? 2 * cap : 16;
			v = xreallocarray(v, cap, size);
		}
		memset(v + k * size, 0, size);
		row(st, v + k * size);
		k++;
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		*cause = db_cause(db, what);
		release(v, k);
		*out = NULL;
		*n = 0;
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}
