# test-plan-stable.sh — issue 17 §6 on the sample company (7 000 customers,
# 12 persons): right after `fokus plan --apply`, `fokus plan` changes nobody;
# after a month of new orders and activities (November 2026: November 2025's,
# a year on, with about 2 % of the customers buying twelve times as much) and
# a new categorization, fewer than 2 % of the customers change owner for the
# plan's own reasons (capacity, balance); the moves the data demands — a new
# category that belongs to another role — are counted apart, and there are
# no more of them than customers whose category changed role.
. "$OLDPWD/tests/cli/lib.sh"
command -v python3 >/dev/null || fail "python3 missing (scripts/install-deps installs it)"
"$FOKUS" sample --out s >/dev/null || fail "sample"
for k in sellers customers orders activities; do
	"$FOKUS" import $k s/$k.csv >/dev/null 2>&1 || fail "import $k"
done
"$FOKUS" categorize >/dev/null || fail "categorize"
# The sample company's plan fits the 12 people (issue 17 §10), and its page stays small (§7).
"$FOKUS" plan --format csv --table workload >w.csv 2>/dev/null || fail "workload"
awk -F, 'NR > 1 && $12 > $13 + 0.05 { print; bad = 1 } END { exit bad }' w.csv || fail "someone above capacity"
expect_eq "$(($(wc -l <w.csv) - 1))" 12 "twelve persons"
"$FOKUS" plan --format html --out p.html 2>/dev/null || fail "plan html"
[ "$(wc -c <p.html)" -lt 2000000 ] || fail "plan.html is $(wc -c <p.html) bytes at 7 000 customers"
python3 - p.html <<'PY' || fail "plan.html does not hold every customer"
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
data = json.loads(re.search(r'<script type="application/json" id="plan-data">(.*?)</script>', html, re.S).group(1))
assert len(data["rows"]) == 7000, len(data["rows"])
PY
"$FOKUS" plan --apply >/dev/null 2>err.txt || fail "plan --apply"
expect_grep "got a new owner" err.txt

reasons() { # FILE -> "reason=count ..." from a plan's csv
	python3 - "$1" <<'PY'
import csv, collections, sys
c = collections.Counter(r["reason"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(" ".join("%s=%d" % kv for kv in sorted(c.items())))
PY
}
"$FOKUS" plan --format csv >now.csv 2>/dev/null || fail "plan after apply"
expect_eq "$(reasons now.csv)" "kept=7000" "right after --apply the plan changes nobody"
"$FOKUS" plan --apply >/dev/null 2>err.txt || fail "apply again"
expect_grep "nothing to change" err.txt

# A month later.
awk -F, 'NR == 1 { print; next }
	substr($3, 1, 7) == "2025-11" { $1 = "N" $1; $3 = "2026" substr($3, 5)
		if ($2 % 41 == 0) { $4 = sprintf("%.2f", $4 * 12); $5 = sprintf("%.2f", $5 * 12) }
		print }' OFS=, s/orders.csv >month-orders.csv
awk -F, 'NR == 1 { print; next } substr($1, 1, 7) == "2025-11" { $1 = "2026" substr($1, 5); print }' \
	OFS=, s/activities.csv >month-activities.csv
[ "$(wc -l <month-orders.csv)" -gt 3000 ] || fail "a thin month of orders"
"$FOKUS" import orders month-orders.csv >/dev/null 2>&1 || fail "import the month's orders"
"$FOKUS" import activities month-activities.csv >/dev/null 2>&1 || fail "import the month's activities"
"$FOKUS" categorize >/dev/null || fail "categorize again"
expect_eq "$(sqlite3 fokus.db 'SELECT max(as_of) - min(as_of) > 20 FROM snapshots')" "1" "the new snapshot is a month on"
# Customers whose category now belongs to another role (the policy's defaults).
role_changes=$(sqlite3 fokus.db "SELECT count(*) FROM snapshot_customers a JOIN snapshot_customers b
	ON a.customer = b.customer AND a.snapshot_id = 1 AND b.snapshot_id = 2
	WHERE (CASE a.category WHEN '1' THEN 'f' WHEN '2R' THEN 'f' WHEN '2P' THEN 'h' ELSE 's' END)
	   <> (CASE b.category WHEN '1' THEN 'f' WHEN '2R' THEN 'f' WHEN '2P' THEN 'h' ELSE 's' END)")
[ "$role_changes" -gt 0 ] || fail "the month changed no customer's role: the test tests nothing"
"$FOKUS" plan --format csv >month.csv 2>/dev/null || fail "plan a month on"
python3 - month.csv "$role_changes" <<'PY' || fail "more than 2 % moved for the plan's own reasons"
import csv, collections, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
c = collections.Counter(r["reason"] for r in rows)
own = c["capacity"] + c["balance"]
print("a month on:", dict(c), "of", len(rows), file=sys.stderr)
assert len(rows) == 7000
assert own < 0.02 * len(rows), ("capacity + balance", own)
assert 0 < c["role"] <= int(sys.argv[2]), ("role", c["role"], sys.argv[2])
assert c["kept"] > 0.97 * len(rows)
PY
exit 0
