# test-demo.sh — fokus demo --no-serve: sample, import, categorize, report and
# exports in a folder of its own; a second run starts the workspace anew.
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C
"$FOKUS" demo --no-serve --dir demo --customers 1500 > out.txt 2>err.txt || { cat err.txt; fail "demo"; }
for f in demo/data/customers.csv demo/data/orders.csv demo/data/activities.csv demo/data/sellers.csv \
	demo/fokus.db demo/report.html demo/plan.html demo/exports/newsletter.csv; do
	[ -s "$f" ] || fail "demo did not write $f"
done
expect_grep "demo/report.html" out.txt
"$FOKUS" --db demo/fokus.db status --json > s.json
grep -q '"customers": 1500' s.json || fail "1500 customers imported: $(head -5 s.json)"
grep -q '"snapshots": 1' s.json || fail "one snapshot"
for c in "Category 1" "Where the sellers" "Booking frequency"; do expect_grep "$c" demo/report.html; done
expect_grep "1\. .*Category 3" out.txt
grep -q "<svg" demo/report.html || fail "the matrix picture is in the report"
grep -q "https\?://" demo/report.html && grep -Eo "(src|href)=\"https?://[^\"]*" demo/report.html && fail "the report loads something from the internet"
# Again: the workspace is made anew, not added to.
"$FOKUS" demo --no-serve --dir demo --customers 1500 > /dev/null 2>&1 || fail "second demo"
"$FOKUS" --db demo/fokus.db status --json | grep -q '"snapshots": 1' || fail "fresh workspace on a second run"
exit 0
