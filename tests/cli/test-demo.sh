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
# A categorization per quarter of the sample's 24 months (2024-11-01 ...
# 2026-10-31), then the latest: as of 2025-03-31 ... 2026-09-30 and the last
# order day, in that order, each later one with customers that moved.
grep -q '"snapshots": 8' s.json || fail "8 snapshots: $(grep snapshots s.json)"
expect_grep "Categorized every quarter: 7 categorizations as of 2025-03-31 … 2026-09-30" out.txt
"$FOKUS" --db demo/fokus.db history --format csv > h.csv
ases=$(sed 1d h.csv | cut -d, -f3 | tr '\n' ' ')
case "$ases" in
"2025-03-31 2025-06-30 2025-09-30 2025-12-31 2026-03-31 2026-06-30 2026-09-30 2026-10-3"*) ;;
*) head -3 h.csv; fail "quarterly as-of dates: $ases" ;;
esac
"$FOKUS" --db demo/fokus.db migration --from 7 --to 8 > mig.txt
moved=$(sed -n 's/.*moved \([0-9,]*\).*/\1/p' mig.txt | tr -d ,)
[ "${moved:-0}" -gt 0 ] || { cat mig.txt; fail "customers moved between the last two categorizations"; }
for c in "Category 1" "Where the sellers" "Booking frequency"; do expect_grep "$c" demo/report.html; done
expect_grep "1\. .*Category 3" out.txt
# The story of the plan in a few lines (issue 17 §10): the same team, what it recommends, the gain.
expect_grep "The plan — the same team, the hours where they are worth most:" out.txt
expect_grep "Hours: the plan uses .* nobody is above capacity" out.txt
expect_grep "Owners: .* because the method says so" out.txt
grep -Eq "Value: expected yearly revenue .* with the plan \(\+" out.txt || fail "the expected gain: $(cat out.txt)"
expect_grep "Farmers: the full policy would need" out.txt
[ -s demo/plan.xlsx ] || fail "demo/plan.xlsx"
expect_grep "demo/plan.xlsx" out.txt
grep -q "<svg" demo/report.html || fail "the matrix picture is in the report"
grep -q "https\?://" demo/report.html && grep -Eo "(src|href)=\"https?://[^\"]*" demo/report.html && fail "the report loads something from the internet"
# Again: the workspace is made anew, not added to.
"$FOKUS" demo --no-serve --dir demo --customers 1500 > /dev/null 2>&1 || fail "second demo"
"$FOKUS" --db demo/fokus.db status --json | grep -q '"snapshots": 8' || fail "fresh workspace on a second run"
# Serving: the printed URL answers and the printed demo login works.
"$FOKUS" demo --dir demo2 --customers 800 --port 0 --exit-after 20 > serve.txt 2>&1 &
pid=$!
i=0; while [ $i -lt 150 ] && ! grep -q "Log in as" serve.txt; do sleep 0.1; i=$((i + 1)); done
url=$(grep -o 'http://127.0.0.1:[0-9]*/' serve.txt | head -1)
pw=$(sed -n 's/.*Log in as demo \/ \([^ ]*\) .*/\1/p' serve.txt)
[ -n "$url" ] && [ -n "$pw" ] || { kill $pid; cat serve.txt; fail "demo printed no URL and login"; }
curl -s -c jar -H 'Content-Type: application/json' -d "{\"user\":\"demo\",\"password\":\"$pw\"}" "${url}api/login" > login.json
grep -q csrf login.json || { kill $pid; fail "demo login: $(cat login.json)"; }
curl -s -b jar "${url}api/summary" > sum.json
kill $pid 2>/dev/null; wait $pid 2>/dev/null
grep -q '"categories"' sum.json || fail "summary after demo login: $(cat sum.json)"
exit 0
