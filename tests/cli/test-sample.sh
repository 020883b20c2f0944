# test-sample.sh — `fokus sample`: byte-identical files for the same
# arguments (and different ones for another seed), counts, headers, column
# counts, referential integrity, the fixed period, speed, usage errors, and
# that the four files import as they are (counts, totals, located customers).
. "$OLDPWD/tests/cli/lib.sh"

now_ms() { date +%s%3N; }

t0=$(now_ms)
"$FOKUS" sample --out a >out-a.txt || fail "fokus sample exited $?"
t1=$(now_ms)
"$FOKUS" sample --out b --customers 7000 --sellers 12 --months 24 --seed 1 >/dev/null || fail "second run"
for f in customers orders activities sellers; do
	[ -s "a/$f.csv" ] || fail "no a/$f.csv"
	cmp -s "a/$f.csv" "b/$f.csv" || fail "$f.csv differs between two runs with the same arguments"
done
# Well under a second on a quiet machine; the bound leaves room for a busy one.
[ $((t1 - t0)) -lt 4000 ] || fail "7000 customers took $((t1 - t0)) ms"
ls -a a | grep -q '\.tmp' && fail "temporary files left in a/"

# Headers: the canonical English column names.
expect_eq "$(head -1 a/customers.csv)" \
	"customer_id,name,org_number,address,postal_code,city,lat,lon,industry,employees,seller_id,potential,wallet,email,phone,open,close" \
	"customers.csv header"
expect_eq "$(head -1 a/orders.csv)" "order_id,customer_id,date,amount,margin,seller_id" "orders.csv header"
expect_eq "$(head -1 a/activities.csv)" "date,seller_id,customer_id,type,duration_min,travel_min,km" \
	"activities.csv header"
expect_eq "$(head -1 a/sellers.csv)" \
	"seller_id,name,role,hours_per_year,home_postal_code,home_lat,home_lon,email" "sellers.csv header"

# Counts.
expect_eq "$(($(wc -l <a/customers.csv) - 1))" 7000 "customers"
expect_eq "$(($(wc -l <a/sellers.csv) - 1))" 12 "sellers"
norders=$(($(wc -l <a/orders.csv) - 1))
nacts=$(($(wc -l <a/activities.csv) - 1))
[ "$norders" -gt 50000 ] || fail "only $norders orders"
[ "$nacts" -gt 50000 ] || fail "only $nacts activities"
# The numbers docs/sample.md quotes for the default company (update it with them).
expect_eq "$norders" 83128 "orders of the default company (docs/sample.md)"
expect_eq "$nacts" 130355 "activities of the default company (docs/sample.md)"
grep -q "7,000 customers\|7 000 kunder" out-a.txt || fail "summary: $(cat out-a.txt)"
expect_eq "$(awk -F, 'NR > 1 { print $3 }' a/sellers.csv | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')" \
	"farmer=7 hunter=3 service=2 " "roles"

# Column counts (quoted fields in customers.csv hold commas; drop them first).
awk -F, 'NR > 1 { gsub(/"[^"]*"/, "q"); if (NF != 17) { print "line " NR ": " NF; exit 1 } }' a/customers.csv ||
	fail "customers.csv column count"
awk -F, 'NR > 1 && NF != 6 { print "line " NR; exit 1 }' a/orders.csv || fail "orders.csv column count"
awk -F, 'NR > 1 && NF != 7 { print "line " NR; exit 1 }' a/activities.csv || fail "activities.csv column count"
grep -q '"F Byggverksamhet"' a/customers.csv && fail "a field without a comma was quoted"
grep -q ',"G Handel; reparation av motorfordon och motorcyklar",' a/customers.csv && fail "quoted without need"
grep -q ',"N Uthyrning, fastighetsservice, resetjänster och andra stödtjänster",' a/customers.csv ||
	fail "an industry with a comma is not quoted"
grep -q 'å\|ä\|ö' a/customers.csv || fail "no å ä ö in customers.csv (UTF-8)"
grep -q "$(printf '\r')" a/*.csv && fail "CR in output"

# Values: postal codes "NNN NN", ISO dates in the fixed period, '.' decimals,
# the activity types, and every id pointing at a row of the other file.
awk -F, 'NR > 1 { gsub(/"[^"]*"/, "q"); if ($5 !~ /^[1-9][0-9][0-9] [0-9][0-9]$/) { print $5; exit 1 } }' \
	a/customers.csv || fail "postal code format"
awk -F, 'NR > 1 && ($3 < "2024-11-01" || $3 > "2026-10-31" || $3 !~ /^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$/) { print; exit 1 }' \
	a/orders.csv || fail "order date outside 2024-11-01..2026-10-31"
expect_eq "$(awk -F, 'NR == 2 { print $3 }' a/orders.csv)" "2024-11-01" "first order date"
expect_eq "$(tail -1 a/activities.csv | cut -d, -f1 | cut -c1-7)" "2026-10" "last activity month"
awk -F, 'NR > 1 && $4 !~ /^-?[0-9]+(\.[0-9][0-9])?$/ { print; exit 1 }' a/orders.csv || fail "amount format"
expect_eq "$(awk -F, 'NR > 1 { print $4 }' a/activities.csv | sort -u | tr '\n' ' ')" \
	"email meeting_booked newsletter phone visit " "activity types"
awk -F, 'NR == FNR { if (FNR > 1) id[$1] = 1; next } FNR > 1 && !($2 in id) { print "order for " $2; exit 1 }' \
	a/customers.csv a/orders.csv || fail "an order names an unknown customer"
awk -F, 'NR == FNR { if (FNR > 1) id[$1] = 1; next } FNR > 1 && (!($2 in id) ) { print "seller " $2; exit 1 }' \
	a/sellers.csv a/activities.csv || fail "an activity names an unknown seller"
# Average order about 3 500 kr; about 17 % of working hours on customer contact.
avg=$(awk -F, 'NR > 1 { s += $4; n++ } END { printf "%d", s / n }' a/orders.csv)
[ "$avg" -gt 3300 ] && [ "$avg" -lt 3700 ] || fail "average order $avg kr"
pct=$(awk -F, 'NR > 1 { m += $5 } END { printf "%d", 1000 * m / (12 * 2 * 1720 * 60) }' a/activities.csv)
[ "$pct" -ge 155 ] && [ "$pct" -le 185 ] || fail "customer contact $pct per mille of working hours"

# Another seed: another company of the same size.
"$FOKUS" sample --out c --seed 2 >/dev/null || fail "--seed 2"
cmp -s a/customers.csv c/customers.csv && fail "--seed 2 gave the same customers"
expect_eq "$(($(wc -l <c/customers.csv) - 1))" 7000 "customers with seed 2"

# A small one: other sizes and a short period ending on 2026-10-31.
"$FOKUS" sample --out sub/dir --customers 500 --sellers 5 --months 6 --lang sv >out-s.txt || fail "small sample"
grep -q "500 kunder" out-s.txt || fail "Swedish summary: $(cat out-s.txt)"
expect_eq "$(($(wc -l <sub/dir/customers.csv) - 1))" 500 "small: customers"
expect_eq "$(($(wc -l <sub/dir/sellers.csv) - 1))" 5 "small: sellers"
awk -F, 'NR > 1 && ($3 < "2026-05-01" || $3 > "2026-10-31") { print; exit 1 }' sub/dir/orders.csv ||
	fail "small: order outside 2026-05-01..2026-10-31"

# Usage errors: exit 2 and a sentence.
expect_rc 2 "$FOKUS" sample
expect_rc 2 "$FOKUS" sample --out x --customers 0
expect_rc 2 "$FOKUS" sample --out x --customers abc
expect_rc 2 "$FOKUS" sample --out x --months 121
expect_rc 2 "$FOKUS" sample --out x --sellers 1001
expect_rc 2 "$FOKUS" sample --out x --seed -1
expect_rc 2 "$FOKUS" sample --out x extra
"$FOKUS" sample --out x --customers 0 2>err.txt
expect_grep "customers" err.txt
[ -e x ] && fail "a folder was created for a refused command"
: >afile
expect_rc 1 "$FOKUS" sample --out afile
"$FOKUS" help sample | grep -q "2026-10-31" || fail "help text"

# The files import as they are: every row stored, nothing rejected, the
# customers without coordinates located from their postal code, amounts,
# opening hours, potential and wallet kept.
"$FOKUS" help import >/dev/null 2>&1 || fail "no fokus import"
for k in sellers customers orders activities; do
	"$FOKUS" --db w.db import "$k" "a/$k.csv" --json >"imp-$k.json" 2>imp.err ||
		{ cat imp.err >&2; fail "import $k"; }
	grep -q '"rows_rejected": 0,' "imp-$k.json" || fail "import $k rejected rows: $(cat "imp-$k.json")"
	grep -q '"customers_created": 0,' "imp-$k.json" || fail "import $k created customers"
done
noloc=$(awk -F, 'NR > 1 { gsub(/"[^"]*"/, "q"); if ($7 == "") n++ } END { print n + 0 }' a/customers.csv)
[ "$noloc" -gt 0 ] || fail "every customer has coordinates"
grep -q "\"located\": $noloc," imp-customers.json || fail "located is not $noloc: $(cat imp-customers.json)"
"$FOKUS" --db w.db status --json >st.json || fail "status"
for kv in customers:7000 sellers:12 orders:"$norders" activities:"$nacts"; do
	k=${kv%%:*} v=${kv#*:}
	grep -Eq "\"$k\": *$v[,} ]" st.json || fail "status: $k is not $v: $(cat st.json)"
done
sum=$(awk -F, 'NR > 1 { s += $4 * 100 } END { printf "%.0f", s }' a/orders.csv)
got=$(sed -n 's/.*"order_amount_total": *\([-0-9.]*\).*/\1/p' st.json | awk '{ printf "%.0f", $1 * 100 }')
expect_eq "$got" "$sum" "order amount total in öre"
q() { sqlite3 w.db "$1"; }
nopen=$(awk -F, 'NR > 1 { gsub(/"[^"]*"/, "q"); if ($16 != "") n++ } END { print n + 0 }' a/customers.csv)
expect_eq "$(q 'SELECT count(*) FROM customers WHERE open_min IS NOT NULL AND close_min > open_min')" "$nopen" \
	"customers with opening hours"
npot=$(awk -F, 'NR > 1 { gsub(/"[^"]*"/, "q"); if ($12 != "") n++ } END { print n + 0 }' a/customers.csv)
expect_eq "$(q 'SELECT count(*) FROM customers WHERE potential IS NOT NULL')" "$npot" "customers with potential"
expect_eq "$(q 'SELECT count(*) FROM customers WHERE lat IS NULL')" 0 "customers not located"
exit 0
