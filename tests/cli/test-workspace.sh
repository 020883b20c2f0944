# test-workspace.sh — the workspace file: created empty on first use, chosen
# by --db (anywhere on the line) or FOKUS_DB, schema version, WAL, status JSON.
. "$OLDPWD/tests/cli/lib.sh"
"$FOKUS" status >/dev/null || fail "status on a new workspace"
[ -f fokus.db ] || fail "./fokus.db not created by default"
"$FOKUS" status --db other.db >/dev/null || fail "--db after the command"
[ -f other.db ] || fail "--db PATH not used"
FOKUS_DB=env.db "$FOKUS" status >/dev/null || fail "FOKUS_DB"
[ -f env.db ] || fail "FOKUS_DB not used"
expect_eq "$(sqlite3 fokus.db 'PRAGMA user_version')" "8" "schema version"
expect_eq "$(sqlite3 fokus.db 'PRAGMA journal_mode')" "wal" "journal mode"
"$FOKUS" status --json > s.json || fail "status --json"
for k in customers orders activities sellers order_amount_total order_date_min order_date_max batches; do
	grep -q "\"$k\"" s.json || fail "status --json lacks $k"
done
expect_eq "$(sed -n 's/.*"customers": \([0-9]*\).*/\1/p' s.json)" "0" "customers in a new workspace"
# A folder that does not exist: one sentence, exit 1.
"$FOKUS" --db /nonexistent/dir/x.db status 2>err.txt; rc=$?
expect_eq "$rc" "1" "unopenable workspace exit code"
expect_eq "$(wc -l < err.txt | tr -d ' ')" "1" "one sentence for an unopenable workspace"
# A file that is not a workspace.
echo "hello" > notdb.db
"$FOKUS" --db notdb.db status 2>err.txt; rc=$?
expect_eq "$rc" "1" "not a workspace exit code"
grep -q "not a fokus workspace" err.txt || fail "not a workspace message: $(cat err.txt)"

# --- schema 1 -> 2 -> 3: a workspace with an orders table is packed into blocks,
# and the index of snapshot rows by customer is dropped ----------------------
# The same order lines, once imported by this fokus and once written the old
# way (schema.sql is version 1) by the sqlite3 shell, must give the same
# status, the same lines and the same categorization.
awk 'BEGIN { print "order_id,customer_id,date,amount,margin"
	for (i = 1; i <= 3000; i++) {
		c = (i * 7919) % 211; d = 1 + (i * 31) % 700; a = (i * 104729) % 900000
		if (i % 17 == 0) a = -a
		s = a < 0 ? "-" : ""; if (a < 0) a = -a
		printf "%s,K%03d,%s,%s%d.%02d,%s\n", (i % 5 ? "ORD-" i : i), c,
			strftime("%Y-%m-%d", 1735689600 + d * 86400, 1), s, int(a / 100), a % 100,
			(i % 3 ? sprintf("%d.%02d", i % 400, i % 100) : "") } }' > gen.csv
"$FOKUS" --db new.db import orders gen.csv >/dev/null 2>err.txt || { cat err.txt; fail "import gen.csv"; }
sqlite3 v1.db >/dev/null 2>err.txt <<EOF || { cat err.txt; fail "a version-1 workspace"; }
.read $OLDPWD/src/store/schema.sql
PRAGMA user_version = 1;
INSERT INTO batches(id, kind, file, rows, created_at) VALUES (1, 'orders', 'gen.csv', 3000, '2026-01-01T00:00:00Z');
CREATE TEMP TABLE t(order_id TEXT, customer_id TEXT, date TEXT, amount TEXT, margin TEXT);
.import --csv --skip 1 gen.csv t
INSERT INTO customers(customer_id, created_by, batch_id)
	SELECT customer_id, 'orders', 1 FROM t GROUP BY customer_id ORDER BY min(rowid);
INSERT INTO orders(batch_id, customer, order_id, day, amount, margin)
	SELECT 1, c.id, t.order_id, CAST(julianday(t.date) - 2440587.5 AS INTEGER),
		CAST(replace(t.amount, '.', '') AS INTEGER),
		CASE WHEN t.margin = '' THEN NULL ELSE CAST(replace(t.margin, '.', '') AS INTEGER) END
	FROM t JOIN customers c ON c.customer_id = t.customer_id ORDER BY t.rowid;
EOF
expect_eq "$(sqlite3 v1.db 'SELECT count(*) FROM orders')" "3000" "version-1 orders written"
"$FOKUS" --db v1.db status --json > v1.json || fail "status on a version-1 workspace"
expect_eq "$(sqlite3 v1.db 'PRAGMA user_version')" "8" "upgraded to version 8"
expect_eq "$(sqlite3 v1.db "SELECT count(*) FROM sqlite_schema WHERE name IN ('plan_rows', 'plan_pins', 'response')")" "3" \
	"schema 6: the applied plan, pins and the response judgement"
expect_eq "$(sqlite3 v1.db "SELECT count(*) FROM pragma_table_info('policy') WHERE name IN ('visit_max', 'phone_max')")" "2" \
	"schema 6: the policy's maxima"
expect_eq "$(sqlite3 v1.db "SELECT count(*) FROM sqlite_schema WHERE name IN ('newsletter_issues', 'newsletter_sends', 'newsletter_suppressed', 'logged_actions')")" "4" \
	"schema 7: the follow-through tables"
expect_eq "$(sqlite3 v1.db "SELECT count(*) FROM sqlite_schema WHERE name = 'snapshot_customers_customer'")" "0" \
	"schema 3: no index of the snapshot rows by customer"
expect_eq "$(sqlite3 v1.db "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'orders%'")" "0" "the orders table and index are gone"
"$FOKUS" --db new.db status --json > new.json || fail "status"
for k in customers orders order_amount_total order_date_min order_date_max; do
	expect_eq "$(grep "\"$k\"" v1.json)" "$(grep "\"$k\"" new.json)" "status $k after the upgrade"
done
expect_eq "$(grep '"orders"' v1.json | tr -dc 0-9)" "3000" "3000 lines after the upgrade"
"$FOKUS" --db v1.db orders | sort > v1.lines || fail "orders v1"
"$FOKUS" --db new.db orders | sort > new.lines || fail "orders new"
expect_eq "$(wc -l < new.lines | tr -d ' ')" "3001" "fokus orders lists every line"
cmp -s v1.lines new.lines || { diff v1.lines new.lines | head; fail "the same lines after the upgrade"; }
for db in v1 new; do
	"$FOKUS" --db $db.db categorize --as-of 2026-12-31 --window-months 12 >/dev/null || fail "categorize $db"
	"$FOKUS" --db $db.db customers --format csv > $db.cust.csv || fail "customers $db"
done
cmp -s v1.cust.csv new.cust.csv || { diff v1.cust.csv new.cust.csv | head; fail "the same categorization after the upgrade"; }
expect_eq "$(wc -l < new.cust.csv | tr -d ' ')" "212" "every customer categorized"
exit 0
