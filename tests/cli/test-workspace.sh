# test-workspace.sh — the workspace file: created empty on first use, chosen
# by --db (anywhere on the line) or FOKUS_DB, schema version, WAL, status JSON.
. "$OLDPWD/tests/cli/lib.sh"
"$FOKUS" status >/dev/null || fail "status on a new workspace"
[ -f fokus.db ] || fail "./fokus.db not created by default"
"$FOKUS" status --db other.db >/dev/null || fail "--db after the command"
[ -f other.db ] || fail "--db PATH not used"
FOKUS_DB=env.db "$FOKUS" status >/dev/null || fail "FOKUS_DB"
[ -f env.db ] || fail "FOKUS_DB not used"
expect_eq "$(sqlite3 fokus.db 'PRAGMA user_version')" "1" "schema version"
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
exit 0
