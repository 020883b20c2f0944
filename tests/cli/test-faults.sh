# test-faults.sh — nothing lost under faults: kill -9 in the middle of a large
# import leaves the workspace exactly as before; a full disk and a read-only
# workspace give one clear sentence and the workspace still opens. The disk
# tests need root to mount a small tmpfs (CI runs as root).
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C
dump() { sqlite3 "$1" .dump | sha256sum; }

# --- kill -9 during a large import ---------------------------------------------
"$FOKUS" sample --out s --customers 2000 >/dev/null || fail "sample"
"$FOKUS" import customers s/customers.csv >/dev/null || fail "customers"
"$FOKUS" import orders s/orders.csv >/dev/null || fail "orders"
before=$(dump fokus.db)
"$OLDPWD/bench/gen-orders" 3000000 > big.csv
"$FOKUS" import orders big.csv >/dev/null 2>&1 &
pid=$!
# Wait until the import is writing (the WAL grows), then kill it hard.
i=0
while [ $i -lt 200 ]; do
	sz=$(stat -c %s fokus.db-wal 2>/dev/null || echo 0)
	[ "$sz" -gt 4000000 ] && break
	sleep 0.05; i=$((i + 1))
done
kill -0 $pid 2>/dev/null || fail "the import finished before it could be killed (make big.csv larger)"
kill -9 $pid; wait $pid 2>/dev/null
expect_eq "$(sqlite3 fokus.db 'PRAGMA integrity_check')" "ok" "integrity after kill -9"
expect_eq "$(dump fokus.db)" "$before" "workspace exactly as before the killed import"
"$FOKUS" status >/dev/null || fail "status after kill -9"

# --- full disk and read-only, on a small tmpfs ------------------------------------
mkdir -p m
if ! mount -t tmpfs -o size=3m tmpfs m 2>/dev/null; then
	echo "not root or no mount: the disk-full and read-only parts were not run" >&2
	exit 0
fi
trap 'cd "$T"; umount "$T/m" 2>/dev/null' EXIT
"$FOKUS" --db m/w.db import customers s/customers.csv >/dev/null || fail "customers on tmpfs"
before=$(dump m/w.db)
"$FOKUS" --db m/w.db import orders big.csv >out.txt 2>err.txt; rc=$?
expect_eq "$rc" "1" "disk full exit code"
expect_eq "$(wc -l < err.txt | tr -d ' ')" "1" "disk full: one sentence"
expect_grep "disk is full" err.txt
expect_eq "$(dump m/w.db)" "$before" "workspace unchanged after disk full"
"$FOKUS" --db m/w.db status >/dev/null || fail "workspace opens after disk full"

mount -o remount,ro m || fail "remount read-only"
"$FOKUS" --db m/w.db status > st.txt 2>err.txt || { cat err.txt; fail "a read-only workspace still opens for reading"; }
expect_grep "2,000" st.txt
"$FOKUS" --db m/w.db import orders s/orders.csv >out.txt 2>err.txt; rc=$?
expect_eq "$rc" "1" "read-only import exit code"
expect_eq "$(wc -l < err.txt | tr -d ' ')" "1" "read-only: one sentence"
expect_grep "read-only" err.txt
exit 0
