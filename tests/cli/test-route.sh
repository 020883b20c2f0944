# test-route.sh — covers src/cmd-route.c end to end: first on a hand-made
# workspace (sqlite3): the due rule at each customer's planned frequency (the
# coverage plan, issue 17 §8: a pin at no visits, a lower most), a week where
# every due visit fits, a
# short day where category 1 goes first, opening hours, lunch, the five
# formats (ics checked for CRLF, folding, UID, DTSTAMP; html self-contained),
# --start, --matrix, determinism with --iterations, a customer visited twice
# when due twice within the plan, the error paths; then a
# week plan on the sample company (fokus sample, import, categorize) where
# every due category-1 customer is visited when time allows.
. "$OLDPWD/tests/cli/lib.sh"
D=20794 # 2026-12-07, a Monday
"$FOKUS" status >/dev/null || fail "workspace"
awk -v D=$D 'BEGIN {
	print "BEGIN;"
	print "INSERT INTO batches(id, kind, file, created_at) VALUES (1, \"activities\", \"hand\", \"2026-12-01T00:00:00Z\");"
	print "INSERT INTO sellers(seller_id, name, role, hours_per_year, home_lat, home_lon) VALUES (\"S1\", \"Anna Andersson\", \"farmer\", 4000, 59.334, 18.063);"
	print "INSERT INTO sellers(seller_id, name, role) VALUES (\"S2\", \"Nils Nohome\", \"hunter\");"
	print "INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params) VALUES (1, \"2026-12-01T00:00:00Z\", " D ", 12, \"amount\", \"pareto\", \"{}\");"
	split("1 2R 2P 3", cats, " ")
	for (i = 1; i <= 40; i++) {
		a = i * 2.399; r = 0.12 + 0.3 * ((i * 7) % 10) / 10
		loc = sprintf("%.5f, %.5f", 59.33 + r * sin(a), 18.06 + 1.8 * r * cos(a))
		if (i == 13) loc = "NULL, NULL"
		op = "NULL"; cl = "NULL"
		if (i == 5) { op = 13 * 60; cl = 15 * 60 }
		name = sprintf("Kund %d AB", i)
		if (i == 13) name = "Kund 13, AB"
		if (i == 5) name = "Kund 5; AB"
		printf "INSERT INTO customers(id, customer_id, name, lat, lon, seller_id, open_min, close_min, address, postal_code, city) VALUES (%d, \"C%02d\", \"%s\", %s, \"S1\", %s, %s, \"Gatan %d\", \"111 %02d\", \"Stockholm\");\n", i, i, name, loc, op, cl, i, i
		c = cats[(i - 1) % 4 + 1]
		printf "INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, potential_source, revenue_high, potential_high, computed_category, category) VALUES (1, %d, 10000000, \"orders\", \"unknown\", 0, 0, \"%s\", \"%s\");\n", i, c, c
		# i%5==1 visited 10 days ago (not due), i%5==0 never, else long ago
		if (i % 5 == 1) printf "INSERT INTO activities(batch_id, customer, seller_id, day, type) VALUES (1, %d, \"S1\", %d, \"visit\");\n", i, D - 10
		else if (i % 5 != 0) printf "INSERT INTO activities(batch_id, customer, seller_id, day, type) VALUES (1, %d, \"S1\", %d, \"visit\");\n", i, D - 40 - i * 3
		printf "INSERT INTO activities(batch_id, customer, seller_id, day, type) VALUES (1, %d, \"S1\", %d, \"phone\");\n", i, D - 1
	}
	print "COMMIT;"
}' | sqlite3 fokus.db || fail "filling the workspace"
# The route follows the coverage plan (issue 17 §8): each customer's planned
# person and visits a year. Here a policy whose most equals its target, 2P kept
# by farmers and no visits for category 3: with room to spare the plan gives
# S1's customers exactly the policy's visits (1: 10, 2R: 4, 2P: 6 a year).
# S1 has the hours for weekly visits further down; S2 is a hunter with none.
"$FOKUS" policy set 1 --visit-max 10 >/dev/null && "$FOKUS" policy set 2R --visit-max 4 >/dev/null &&
	"$FOKUS" policy set 2P --role farmer --visit-max 6 >/dev/null &&
	"$FOKUS" policy set 3 --role farmer --visit-max 0 >/dev/null || fail "policy for the route"
"$FOKUS" plan --format csv >plan.csv 2>/dev/null || fail "plan"
expect_eq "$(awk -F, 'NR > 1 && $5 == "S1"' plan.csv | wc -l | tr -d ' ')" 40 "the plan keeps every customer with S1"
# due in the week: every category 1 but the recently visited, never-visited 2R/2P, and
# 2R (every 91 days) / 2P (every 61 days) visited long enough ago: 21, C13 without coordinates
R="$FOKUS route --seller S1 --from 2026-12-07 --iterations 2000"

# A week: every due visit but the one without coordinates fits.
$R --format csv >week.csv || fail "route csv"
expect_eq "$(grep -c ',planned,' week.csv)" 20 "planned visits in the week"
expect_eq "$(grep -c ',unserved,' week.csv)" 1 "unplanned visits in the week"
expect_grep ',C13,"Kund 13, AB",1,.*,unserved,no_place' week.csv
grep -q ',C06,' week.csv && fail "C06 was visited 10 days ago and is not due"
grep -q ',C04,' week.csv && fail "C04 is category 3 (no visits in the policy)"
expect_grep ',C10,Kund 10 AB,2R,2026-12-07,0,' week.csv # never visited: due at once, not overdue
# opening hours 13:00-15:00 for C05
awk -F, '$3 == "C05" && ($9 < "13:00" || $10 > "15:00") { exit 1 }' week.csv || fail "C05 outside its opening hours"
# every day leaves at or after 08:00 and is back by 16:00
awk -F, '$13 == "leave" && $10 < "08:00" { exit 1 } $13 == "back" && $8 > "16:00" { exit 1 }' week.csv || fail "day length"

# The plan's frequency, not the policy's: C10 (2R, never visited) pinned at no
# visits is not due; category 1 at most 2 visits a year (every 183 days) leaves
# only those never visited or visited half a year ago.
"$FOKUS" plan pin C10 S1 --visits 0 --calls 4 2>/dev/null || fail "pin"
$R --format csv >pinned.csv || fail "route with a pin"
grep -q ',C10,' pinned.csv && fail "C10 is planned by phone only but was routed"
expect_eq "$(grep -c ',planned,' pinned.csv)" 19 "one visit less"
"$FOKUS" plan unpin C10 2>/dev/null || fail "unpin"
expect_rc 2 "$FOKUS" policy set 1 --visit-max 2 # below the target of 10
"$FOKUS" policy set 1 --visit 2 --visit-max 2 >/dev/null || fail "policy --visit-max 2"
$R --format csv >rare.csv || fail "route, rare visits"
# Due at 2 a year (every 183 days): the two never visited (C05, C25); the rest
# were visited within 40 + 3 x 37 = 151 days.
expect_eq "$(awk -F, '$5 == "1" && ($13 == "planned" || $13 == "unserved") { print $3 }' rare.csv | sort | tr '\n' ' ')" \
	"C05 C25 " "category 1 due at 2 visits a year"
"$FOKUS" policy set 1 --visit 10 --visit-max 10 >/dev/null

# Swedish public holidays are no working days: Christmas week 2026.
$R --from 2026-12-21 --days 6 --format json >xmas.json || fail "route over Christmas"
expect_eq "$(grep -o '"date": *"[0-9-]*"' xmas.json | grep -o '20[0-9-]*' | tr '\n' ' ')" \
	"2026-12-21 2026-12-22 2026-12-23 2026-12-28 2026-12-29 2026-12-30 " "working days over Christmas"

# One short day: the category-1 visits come first.
$R --days 1 --day-length 5h --format csv >short.csv || fail "short day"
n1=$(awk -F, '$13 == "planned" && $5 == "1"' short.csv | wc -l)
nother=$(awk -F, '$13 == "planned" && $5 != "1"' short.csv | wc -l)
u1=$(awk -F, '$13 == "unserved" && $5 == "1" && $14 == "no_time"' short.csv | wc -l)
[ "$n1" -ge 2 ] || fail "too few category-1 visits on the short day: $n1"
[ "$u1" -eq 0 ] || [ "$nother" -eq 0 ] || fail "a category-1 visit left out while others were planned"

# Lunch inside its window; determinism; text and json.
$R --days 2 --lunch 30min --lunch-window 11:30-12:30 --format csv >lunch.csv || fail "lunch"
expect_eq "$(grep -c ',lunch,' lunch.csv)" 2 "one lunch per day"
awk -F, '$13 == "lunch" && ($9 < "11:30" || $9 > "12:30") { exit 1 }' lunch.csv || fail "lunch outside its window"
$R --days 2 --lunch 30min --lunch-window 11:30-12:30 --format csv >lunch2.csv
cmp -s lunch.csv lunch2.csv || fail "not deterministic with --iterations"
$R >week.txt || fail "text"
expect_grep '^Monday 2026-12-07: ' week.txt
expect_grep 'Not planned: 1 due visits' week.txt
"$FOKUS" route --seller S1 --from 2026-12-07 --iterations 500 --lang sv >sv.txt
expect_grep '^Måndag 2026-12-07: ' sv.txt
$R --format json >week.json || fail "json"
expect_grep '"seller_id": "S1"' week.json
expect_grep '"reason": "no_place"' week.json
expect_grep '"planned": 20' week.json

# ics: CRLF everywhere, folded at 75 octets, one event per planned visit.
$R --format ics --out week.ics || fail "ics"
expect_eq "$(grep -c 'BEGIN:VEVENT' week.ics)" 20 "events"
expect_eq "$(grep -c 'UID:visit-S1-' week.ics)" 20 "UIDs"
expect_eq "$(grep -c '^DTSTAMP:' week.ics)" 20 "DTSTAMPs"
[ "$(grep -vc "$(printf '\r')\$" week.ics)" = 0 ] || fail "a line without CRLF"
awk '{ sub(/\r$/, ""); if (length($0) > 75) exit 1 }' week.ics || fail "a line longer than 75 octets"
expect_grep 'SUMMARY:Visit: Kund 5\\; AB' week.ics

# html: one self-contained page with maps.
$R --format html --out week.html || fail "html"
expect_grep '<svg' week.html
grep -Eq '<script|<link|src="http' week.html && fail "html is not self-contained"

# --start and a seller without a home.
expect_rc 1 "$FOKUS" route --seller S2 --from 2026-12-07 --iterations 100
"$FOKUS" route --seller S2 --start 59.33,18.06 --from 2026-12-07 --iterations 100 >s2.txt || fail "--start lat,lon"
expect_grep 'Every due visit is planned' s2.txt # S2 owns no customers
"$FOKUS" route --seller S1 --start "111 20" --from 2026-12-07 --iterations 300 >pc.txt || fail "--start postal code"
expect_rc 2 "$FOKUS" route --seller S1 --start "no such place" --iterations 100

# --matrix: every leg into C10 (2R, never visited) takes an hour and 77 km.
awk 'BEGIN { print "from,to,seconds,metres"; print "home,C10,3600,77000"
	for (i = 1; i <= 40; i++) printf "C%02d,C10,3600,77000\n", i }' >m.csv
$R --matrix m.csv --format csv >m.out 2>m.err || fail "--matrix"
expect_grep 'legs were not in m.csv' m.err
awk -F, '$3 == "C10" && $12 == "60" && $11 == "77.0" { found = 1 } END { exit !found }' m.out \
	|| grep -q ',C10,.*,unserved,' m.out || fail "the matrix leg to C10 was not used"
printf 'home,C02,-1,5\n' >bad.csv
expect_rc 1 "$FOKUS" route --seller S1 --from 2026-12-07 --iterations 100 --matrix bad.csv

# A visit a week for category 1 (every 8 days) over two weeks: a customer
# never visited (C25) is visited twice, the second time once it is due
# again (2026-12-15 on); one visited long ago (C09) twice as well; in one
# week, once.
"$FOKUS" policy set 1 --visit 52x60 --visit-max 52 >/dev/null || fail "policy set"
$R --days 10 --format csv >two.csv || fail "two weeks"
expect_eq "$(awk -F, '$3 == "C25" && $13 == "planned"' two.csv | wc -l | tr -d ' ')" 2 "C25 twice in two weeks"
d1=$(awk -F, '$3 == "C25" && $13 == "planned" { print $1 }' two.csv | sort | head -1)
d2=$(awk -F, '$3 == "C25" && $13 == "planned" { print $1 }' two.csv | sort | tail -1)
[ "$d1" \< "2026-12-15" ] || fail "C25's first visit before its second is due: $d1"
[ "$d2" \> "2026-12-14" ] || fail "C25's second visit once it is due again: $d2"
expect_eq "$(awk -F, '$3 == "C09" && $13 == "planned"' two.csv | wc -l | tr -d ' ')" 2 "C09 twice in two weeks"
expect_eq "$(awk -F, '$3 == "C09" && $13 == "planned" { print $6 }' two.csv | sort -u | wc -l | tr -d ' ')" 2 \
	"C09: the second visit has its own due day"
$R --format csv >one.csv || fail "one week, weekly visits"
expect_eq "$(awk -F, '$3 == "C25" && $13 == "planned"' one.csv | wc -l | tr -d ' ')" 1 "C25 once in one week"
"$FOKUS" policy set 1 --visit 10x60 --visit-max 10 >/dev/null || fail "policy set back"

# errors
expect_rc 2 "$FOKUS" route
expect_rc 2 "$FOKUS" route --seller S1 --format pdf
expect_rc 2 "$FOKUS" route --seller S1 --day-start 25:00
expect_rc 1 "$FOKUS" route --seller NOBODY --iterations 10
sqlite3 fokus.db "DELETE FROM snapshot_customers; DELETE FROM snapshots;"
"$FOKUS" route --seller S1 --iterations 10 2>err.txt && fail "no snapshot must fail"
expect_grep 'fokus categorize' err.txt
"$FOKUS" help route | grep -q -- '--matrix' || fail "help route"

# ---- the sample company ------------------------------------------------------------
mkdir sample && cd sample || fail "mkdir"
"$FOKUS" sample --out s --customers 2000 --sellers 4 >/dev/null || fail "fokus sample"
for k in sellers customers orders activities; do
	"$FOKUS" import $k s/$k.csv >/dev/null 2>&1 || fail "import $k"
done
"$FOKUS" categorize >/dev/null || fail "fokus categorize"
seller=$(awk -F, '$3 == "farmer" { print $1; exit }' s/sellers.csv)
[ -n "$seller" ] || fail "no farmer in the sample"
# Opening hours of the sample's customers, to check the plan against.
awk -F, 'NR > 1 && $(NF - 1) != "" { print $1, $(NF - 1), $NF }' s/customers.csv >hours.txt
check_week() { # FILE: category 1 first, opening hours kept
	awk -F, '$13 == "unserved" && $5 == "1" && $14 == "no_time" { left++ }
		 $13 == "planned" && $5 != "1" { other++ }
		 END { if (left > 0 && other > 0) { print left " category-1 visits left out, " other " others planned"; exit 1 } }' "$1" \
		|| fail "category 1 did not come first in $1"
	awk -F, 'FNR == NR { o[$1] = $2; c[$1] = $3; next }
		 $13 == "planned" && ($3 in o) && ($9 < o[$3] || $10 > c[$3]) { print $3 " " $9 "-" $10 " outside " o[$3] "-" c[$3]; bad = 1 }
		 END { exit bad }' FS=' ' hours.txt FS=, "$1" || fail "opening hours in $1"
}
"$FOKUS" route --seller "$seller" --from 2026-11-02 --iterations 4000 --format csv >week.csv || fail "sample week"
check_week week.csv
[ "$(grep -c ',planned,' week.csv)" -ge 15 ] || fail "a thin sample week"
# With time enough (four weeks), every due category-1 customer that has a place is visited.
"$FOKUS" route --seller "$seller" --from 2026-11-02 --days 20 --iterations 4000 --format csv >month.csv || fail "sample month"
check_week month.csv
due1=$(awk -F, '$5 == "1" && ($13 == "planned" || $13 == "unserved")' month.csv | wc -l)
[ "$due1" -gt 0 ] || fail "no category-1 visits due in the sample"
awk -F, '$13 == "unserved" && $5 == "1" && $14 == "no_time" { print "left out: " $3; bad = 1 } END { exit bad }' month.csv \
	|| fail "a due category-1 customer was left out although the month has room"
exit 0
