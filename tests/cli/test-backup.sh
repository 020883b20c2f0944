# test-backup.sh — fokus backup / restore: a copy that restores exactly, and
# a restore of something that is not a workspace leaves it untouched.
. "$OLDPWD/tests/cli/lib.sh"
"$FOKUS" status >/dev/null || fail "create"
sqlite3 fokus.db "INSERT INTO customers(customer_id, name) VALUES ('K1', 'Åkesson AB'), ('K2', 'Berg');"
"$FOKUS" backup copy.db 2>/dev/null || fail "backup"
expect_eq "$(sqlite3 copy.db 'SELECT group_concat(name) FROM customers')" "Åkesson AB,Berg" "backup content"
sqlite3 fokus.db "DELETE FROM customers WHERE customer_id = 'K2';"
"$FOKUS" restore copy.db 2>/dev/null || fail "restore"
expect_eq "$(sqlite3 fokus.db 'SELECT count(*) FROM customers')" "2" "restored rows"
echo "not a database" > junk.db
"$FOKUS" restore junk.db 2>err.txt; rc=$?
expect_eq "$rc" "1" "restore of junk exit code"
expect_eq "$(sqlite3 fokus.db 'SELECT count(*) FROM customers')" "2" "workspace untouched by a failed restore"
expect_rc 2 "$FOKUS" backup
exit 0
