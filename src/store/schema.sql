-- fokus workspace schema, version 1, kept as it was: later versions are the
-- migrations in db.c (version 2 replaces the orders table below by
-- order_blocks, the order lines packed per customer part; see
-- docs/workspace.md). Money is integer minor units (öre,
-- cents); dates are days since 1970-01-01; times of day are minutes after
-- midnight. External IDs are text; rows refer to each other by integer id.

CREATE TABLE settings(
	key TEXT PRIMARY KEY,
	value TEXT
);

-- One row per import (and per plan --apply): what came in, from where.
CREATE TABLE batches(
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,            -- customers|orders|activities|sellers|plan
	file TEXT NOT NULL,            -- the file name as given
	sha256 TEXT,                   -- content hash of the file (duplicate detection)
	rows INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,      -- ISO 8601 UTC
	replaced INTEGER NOT NULL DEFAULT 0, -- 1 when a later --replace removed its rows
	undone INTEGER NOT NULL DEFAULT 0,   -- plan batches: 1 after plan --undo
	info TEXT                      -- JSON: detected format, mapping, summary
);

CREATE TABLE sellers(
	id INTEGER PRIMARY KEY,
	seller_id TEXT NOT NULL UNIQUE,
	name TEXT,
	role TEXT,                     -- farmer|hunter|service (NULL unknown)
	hours_per_year REAL,
	home_postal_code TEXT,
	home_lat REAL,
	home_lon REAL,
	email TEXT,
	batch_id INTEGER REFERENCES batches(id)
);

CREATE TABLE customers(
	id INTEGER PRIMARY KEY,
	customer_id TEXT NOT NULL UNIQUE,
	name TEXT,
	org_number TEXT,
	address TEXT,
	postal_code TEXT,
	city TEXT,
	lat REAL,
	lon REAL,
	located INTEGER NOT NULL DEFAULT 0, -- 1 when lat/lon came from the postal-code table
	industry TEXT,
	employees INTEGER,
	seller_id TEXT,                -- current owner (sellers.seller_id, may be unknown)
	revenue INTEGER,               -- minor units, from the customer file
	potential INTEGER,             -- minor units per year, from the customer file
	wallet INTEGER,                -- minor units per year, from the customer file
	email TEXT,
	phone TEXT,
	open_min INTEGER,              -- opening hours, minutes after midnight
	close_min INTEGER,
	attrs TEXT,                    -- JSON object of the file's other columns
	created_by TEXT,               -- 'file' or 'orders'/'activities' (ID only)
	batch_id INTEGER REFERENCES batches(id)
);

CREATE TABLE orders(
	id INTEGER PRIMARY KEY,
	batch_id INTEGER NOT NULL REFERENCES batches(id),
	customer INTEGER NOT NULL REFERENCES customers(id),
	order_id TEXT,
	day INTEGER NOT NULL,
	amount INTEGER NOT NULL,       -- minor units, negative for credits
	margin INTEGER,                -- minor units or NULL
	quantity REAL,
	seller_id TEXT
);

CREATE TABLE activities(
	id INTEGER PRIMARY KEY,
	batch_id INTEGER NOT NULL REFERENCES batches(id),
	customer INTEGER REFERENCES customers(id),
	seller_id TEXT,
	day INTEGER NOT NULL,
	minute INTEGER,                -- time of day when known
	type TEXT NOT NULL,            -- visit|phone|email|meeting|meeting_booked|newsletter
	duration_min REAL,
	travel_min REAL,
	km REAL
);

-- A categorization run.
CREATE TABLE snapshots(
	id INTEGER PRIMARY KEY,
	created_at TEXT NOT NULL,
	as_of INTEGER NOT NULL,
	window_months INTEGER NOT NULL,
	axis TEXT NOT NULL,            -- amount|margin
	method TEXT NOT NULL,          -- pareto|absolute|top|abc
	params TEXT NOT NULL,          -- JSON of every option
	revenue_threshold INTEGER,     -- minor units; NULL when nobody can be high
	potential_threshold INTEGER,
	summary TEXT                   -- JSON summary as printed
);

CREATE TABLE snapshot_customers(
	snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
	customer INTEGER NOT NULL REFERENCES customers(id),
	revenue INTEGER NOT NULL,
	revenue_source TEXT NOT NULL,  -- orders|file|none
	potential INTEGER,             -- NULL when unknown
	potential_source TEXT NOT NULL, -- given|wallet|estimated|unknown
	revenue_high INTEGER NOT NULL,
	potential_high INTEGER NOT NULL,
	computed_category TEXT NOT NULL, -- 1|2R|2P|3
	category TEXT NOT NULL,          -- after overrides
	override_reason TEXT,
	orders INTEGER NOT NULL DEFAULT 0, -- orders in the window
	PRIMARY KEY(snapshot_id, customer)
) WITHOUT ROWID;

CREATE TABLE overrides(
	customer INTEGER PRIMARY KEY REFERENCES customers(id),
	category TEXT NOT NULL,
	reason TEXT NOT NULL,
	until_day INTEGER,
	created_at TEXT NOT NULL,
	created_by TEXT
);

-- Contact policy per category.
CREATE TABLE policy(
	category TEXT PRIMARY KEY,
	role TEXT NOT NULL,
	visit_per_year REAL NOT NULL DEFAULT 0,
	visit_min REAL NOT NULL DEFAULT 0,
	phone_per_year REAL NOT NULL DEFAULT 0,
	phone_min REAL NOT NULL DEFAULT 0,
	newsletter_per_year REAL NOT NULL DEFAULT 0,
	newsletter_min REAL NOT NULL DEFAULT 0
);
INSERT INTO policy VALUES ('1', 'farmer', 10, 60, 12, 15, 0, 0);
INSERT INTO policy VALUES ('2R', 'farmer', 4, 60, 4, 15, 0, 0);
INSERT INTO policy VALUES ('2P', 'hunter', 6, 60, 6, 15, 0, 0);
INSERT INTO policy VALUES ('3', 'service', 0, 0, 1, 10, 4, 0);

-- Owner changes made by `plan --apply` (batch kind 'plan'), for --undo.
CREATE TABLE owner_changes(
	batch_id INTEGER NOT NULL REFERENCES batches(id),
	customer INTEGER NOT NULL REFERENCES customers(id),
	old_seller TEXT,
	new_seller TEXT
);

CREATE TABLE users(
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL,            -- admin|manager|seller|service
	seller_id TEXT,
	pw_hash TEXT NOT NULL,         -- libsodium crypto_pwhash_str (argon2id)
	created_at TEXT NOT NULL,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	last_failed_at INTEGER         -- unix seconds
);

CREATE TABLE sessions(
	token_hash TEXT PRIMARY KEY,   -- hex of a hash of the cookie value
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf TEXT NOT NULL,
	expires_at INTEGER NOT NULL    -- unix seconds
);

CREATE INDEX orders_customer_day ON orders(customer, day);
CREATE INDEX activities_customer_day ON activities(customer, day);
CREATE INDEX activities_batch ON activities(batch_id);
CREATE INDEX customers_seller ON customers(seller_id);
CREATE INDEX snapshot_customers_customer ON snapshot_customers(customer);
