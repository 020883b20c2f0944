# test-analyze.sh — `fokus analyze`, `fokus uncontacted`, `fokus compare`:
# (1) a hand-made company imported and categorized through the real
# commands, with every figure known by hand (the same company as
# tests/unit/test-analysis.c; see docs/analysis.md); (2) the sample company:
# the findings show the category-3 skew it was built with, every output
# format, the json field names, and the uncontacted list agreeing with the
# analysis; (3) usage and data errors.
. "$OLDPWD/tests/cli/lib.sh"
command -v python3 >/dev/null || fail "python3 is needed (scripts/install-deps installs it)"

# ---- 1. the hand-made company ---------------------------------------------------
mkdir tiny && cd tiny || fail "mkdir"
expect_rc 1 "$FOKUS" analyze # empty workspace: nothing categorized yet
cat >sellers.csv <<'EOF'
seller_id,name,role,hours_per_year
S1,Anna Berg,farmer,1720
S2,Bo Ek,hunter,
EOF
cat >customers.csv <<'EOF'
customer_id,name,seller_id,potential
C0,Alfa AB,S1,300000
C1,Beta AB,S1,20000
C2,Gamma AB,S2,500000
C3,Delta AB,S2,1000
C4,Epsilon AB,,10000
EOF
cat >orders.csv <<'EOF'
order_id,customer_id,date,amount
1,C0,2024-06-01,600000
2,C1,2024-07-01,550000
3,C2,2024-08-01,10000
4,C0,2025-01-10,8000
5,C0,2025-01-11,1000
6,C0,2025-02-10,2000
7,C0,2025-02-11,4000
8,C3,2025-02-21,500
9,C0,2025-04-01,16000
EOF
# Anna visits C0 twice and C3 three times, calls C1, books a meeting; Bo
# visits C3; before the period Bo calls C2; S9 is no seller; one visit names
# no customer; after the period Anna calls C4.
cat >activities.csv <<'EOF'
date,seller_id,customer_id,type,duration_min,travel_min,km
2025-01-11,S1,C0,visit,60,30,10
2025-03-02,S1,C0,visit,60,30,10
2025-01-21,S1,C3,visit,30,30,20
2025-01-22,S1,C3,visit,30,30,20
2025-01-23,S1,C3,visit,30,30,20
2025-01-06,S1,C1,phone,30,0,0
2025-01-16,S1,C0,meeting_booked,10,0,0
2025-02-20,S2,C3,visit,60,60,50
2024-12-22,S2,C2,phone,15,0,0
2025-01-04,S9,C4,phone,20,0,0
2025-01-05,S1,,visit,60,0,0
2025-04-06,S1,C4,phone,20,0,0
EOF
for k in sellers customers orders activities; do
	"$FOKUS" import $k $k.csv >/dev/null 2>import.err || { cat import.err >&2; fail "import $k"; }
done
expect_rc 1 "$FOKUS" analyze # activities but no snapshot yet
# Categories by absolute thresholds: C0 -> 1, C1 -> 2R, C2 -> 2P, C3 and C4 -> 3.
"$FOKUS" categorize --method absolute --revenue-min 100000 --potential-min 100000 --as-of 2025-03-31 \
	>/dev/null || fail "categorize"
P="--from 2025-01-01 --to 2025-03-31"
"$FOKUS" analyze $P --format csv >a.csv || fail "analyze csv"
has() { grep -qxF -- "$1" a.csv || { grep "$2" a.csv >&2; fail "no line '$1' in the csv"; }; }
# 1. Where visits go: Anna 2 visits to category 1 (3 h, 20 km), 3 to category 3 (60 %, flagged);
#    team 4 of 6 visits to category 3, 5 h, 110 km.
has "visits,S1,1,,visits,2," "^visits,S1,1"
has "visits,S1,1,,hours,3," "^visits,S1,1"
has "visits,S1,1,,km,20," "^visits,S1,1"
has "visits,S1,3,,share,0.6," "^visits,S1,3"
has "visits,*,3,,visits,4," "^visits,\*"
has "visits,*,3,,hours,5," "^visits,\*"
has "visits,*,3,,km,110," "^visits,\*"
has "sellers,S1,,,cat3_flag,true," "^sellers"
# Shares of revenue: 615 000 of 1 175 500 for category 1.
has "categories,,1,,revenue_share,0.5232," "^categories"
# 2. Contact time: Anna 4 h of 1720 x 90/365 = 424.11 h; the team 5 h of 848.22 h.
has "contact_time,S1,,,contact_hours,4," "^contact_time"
has "contact_time,S1,,,working_hours,424.11," "^contact_time"
has "contact_time,*,,,share,0.0059," "^contact_time"
# 3. Order value: category 1 average 3 750 kr; 3 orders within 30 days of a visit
#    (on the day, 30 days after, and one after the period), 9 500 kr per visit.
has "order_value,,1,,avg_order_value,3750," "^order_value"
has "order_value,,1,,attributed_orders,3," "^order_value"
has "order_value,,1,,value_per_visit,9500," "^order_value"
has "order_value,,3,,value_per_visit,125," "^order_value"
# 4. Coverage: C2 (2P) and C4 (3) had no contact by a known seller in the period.
has "uncontacted,,2P,,customers,1," "^uncontacted"
has "uncontacted,,3,,customers,1," "^uncontacted"
has "uncontacted,,1,,customers,0," "^uncontacted"
# 5. Bookings: Anna's one meeting in 2025-W03.
has "bookings,S1,,2025-W03,meetings,1," "^bookings"
has "booking_summary,*,,,best_week,2025-W03," "^booking_summary"
# Honesty: 10 activities in the period, 8 used; 1 names no customer, 1 an unknown seller.
has "activities,,,,in_period,10," "^activities"
has "activities,,,,used,8," "^activities"
has "activities,,,,unknown_customer,1," "^activities"
has "activities,,,,unknown_seller,1," "^activities"
# 6. Findings: (4 - 6 x 500/1 175 500) x (9 500 - 125) = 37 476.07 kr for the skew.
has "findings,,3,,amount,37476.07,\"67% of the field visits went to Category 3, which holds 0% of revenue\"" "^findings"
has "findings,S2,2P,,amount,500000,Bo Ek: 100% of the Category 2 potential customers (1 of 1) had no visit in 3 months" "^findings"

# The attribution window: 0 days keeps only the order on the visit's day; 31 takes the one 31 days after.
"$FOKUS" analyze $P --format csv --attribution-days 0 >a.csv || fail "analyze --attribution-days 0"
has "order_value,,1,,attributed_orders,1," "^order_value"
"$FOKUS" analyze $P --format csv --attribution-days 31 >a.csv || fail "analyze --attribution-days 31"
has "order_value,,1,,attributed_orders,4," "^order_value"
# The category-3 limit is strict: Anna's 60 % is not over 60 %.
"$FOKUS" analyze $P --format csv --cat3-limit 60% >a.csv || fail "analyze --cat3-limit"
has "sellers,S1,,,cat3_flag,false," "^sellers"
has "sellers,S2,,,cat3_flag,true," "^sellers"

# Text in Swedish, with Swedish number formats.
"$FOKUS" analyze $P --lang sv >a.txt || fail "analyze text"
expect_grep "67 % av fältbesöken gick till Kategori 3" a.txt
expect_grep "på spel 37 476 kr" a.txt
expect_grep "3 750 kr" a.txt
expect_grep "10 aktiviteter under perioden, 8 används" a.txt
"$FOKUS" analyze $P --lang en >a.txt || fail "analyze text en"
expect_grep "at stake 37,476" a.txt

# uncontacted: ordered by category; filters.
"$FOKUS" uncontacted $P --format csv >u.csv || fail "uncontacted"
expect_eq "$(cat u.csv)" "customer_id,name,category,seller_id,revenue,potential,last_contact
C2,Gamma AB,2P,S2,10000,500000,2024-12-22
C4,Epsilon AB,3,,0,10000," "uncontacted csv"
expect_eq "$("$FOKUS" uncontacted $P --category 3 --format csv | tail -n +2 | cut -d, -f1)" "C4" "--category 3"
expect_eq "$("$FOKUS" uncontacted $P --seller S2 --format csv | tail -n +2 | cut -d, -f1)" "C2" "--seller S2"
"$FOKUS" uncontacted $P --format json >u.json || fail "uncontacted json"
python3 -c 'import json,sys; d=json.load(open("u.json")); assert d["count"]==2 and d["customers"][0]["customer_id"]=="C2", d' ||
	fail "uncontacted json"

# compare: January against February-March.
"$FOKUS" compare --before 2025-01-01..2025-01-31 --after 2025-02-01..2025-03-31 --format csv >c.csv || fail "compare"
expect_grep "^visits,\*,4,2,-2,-0.5,Visits$" c.csv
expect_grep "^visit_share,3,0.75,0.5,-0.25,-0.3333," c.csv
expect_grep "^avg_order_value,\*,4500,2166.67," c.csv
expect_grep "^value_per_visit_hour,\*,777.78,4714.29," c.csv
expect_grep "^customers_contacted,\*,3,2,-1," c.csv
"$FOKUS" compare --before 2025-01-01..2025-01-31 --after 2025-02-01..2025-03-31 --lang sv >c.txt || fail "compare text"
expect_grep "Ordervärde per besökstimme" c.txt
expect_grep "procentenheter" c.txt
cd .. || fail "cd"

# ---- 2. the sample company --------------------------------------------------------
"$FOKUS" sample --out s >/dev/null || fail "sample"
for k in sellers customers orders activities; do
	"$FOKUS" import $k s/$k.csv >/dev/null 2>&1 || fail "import sample $k"
done
"$FOKUS" categorize >/dev/null || fail "categorize sample"
"$FOKUS" analyze --format json >s.json || fail "analyze json"
python3 - s.json <<'EOF' || fail "sample analysis json"
import json, sys
d = json.load(open(sys.argv[1]))
need = {"visits": ["seller_id", "category", "visits", "hours", "km"],
        "contact_time": ["seller_id", "contact_hours", "working_hours", "share"],
        "order_value": ["category", "orders", "avg_order_value", "visits", "attributed_orders", "value_per_visit"],
        "uncontacted": ["category", "customers"],
        "bookings": ["seller_id", "week", "meetings"],
        "findings": ["text", "amount"]}
for arr, fields in need.items():
    assert isinstance(d[arr], list) and d[arr], arr
    for e in d[arr]:
        for f in fields:
            assert f in e, (arr, f, e)
assert all(e["category"] in ("1", "2R", "2P", "3", None) for e in d["visits"])
assert any(e["seller_id"] == "*" for e in d["contact_time"])
import re
assert all(re.fullmatch(r"\d{4}-W\d\d", e["week"]) for e in d["bookings"])
# The default period: the 12 months ending at the latest activity date.
assert d["period"]["days"] in (365, 366), d["period"]
# The skew the sample was built with: most field visits go to category 3, far above its
# share of revenue, and that is the finding with the most money at stake.
team3 = [e for e in d["visits"] if e["seller_id"] == "*" and e["category"] == "3"][0]
cat3 = [c for c in d["categories"] if c["category"] == "3"][0]
assert team3["share"] > 0.4 and team3["share"] > 2 * cat3["revenue_share"], (team3, cat3)
f0 = d["findings"][0]
assert f0["type"] == "cat3_skew" and f0["amount"] > 0 and "Category 3" in f0["text"], f0
assert len(d["findings"]) <= 5
assert [f["amount"] for f in d["findings"]] == sorted([f["amount"] for f in d["findings"]], reverse=True)
# Contact time is a share of prorated working hours.
team = [e for e in d["contact_time"] if e["seller_id"] == "*"][0]
assert 0 < team["share"] < 1 and abs(team["contact_hours"] / team["working_hours"] - team["share"]) < 1e-3
print(sum(e["customers"] for e in d["uncontacted"]), file=open("uncontacted.n", "w"))
EOF
# The list agrees with the counts.
"$FOKUS" uncontacted --format json >su.json || fail "uncontacted sample"
n=$(python3 -c 'import json; print(json.load(open("su.json"))["count"])')
expect_eq "$n" "$(cat uncontacted.n)" "fokus uncontacted lists as many customers as analyze counts"
# Every format.
"$FOKUS" analyze --format html --out a.html --lang sv || fail "html"
expect_grep '<section id="analysis">' a.html
expect_grep "Vart säljarnas tid går" a.html
grep -Eq '(src|href)="https?:' a.html && fail "the html refers to the network"
"$FOKUS" analyze --format xlsx --out a.xlsx || fail "xlsx"
[ "$(head -c 2 a.xlsx)" = "PK" ] || fail "a.xlsx is not a zip"
"$FOKUS" analyze --format xlsx >b.xlsx || fail "xlsx to a pipe"
[ "$(head -c 2 b.xlsx)" = "PK" ] || fail "b.xlsx is not a zip"
"$FOKUS" analyze --format csv >s.csv || fail "csv"
expect_eq "$(head -1 s.csv)" "section,seller_id,category,week,measure,value,text" "csv header"

# ---- 3. errors ------------------------------------------------------------------
expect_rc 2 "$FOKUS" analyze --format pdf
expect_rc 2 "$FOKUS" analyze --from 2025-13-01
expect_rc 2 "$FOKUS" analyze --from 2025-06-01 --to 2025-01-01
expect_rc 2 "$FOKUS" analyze --cat3-limit lots
expect_rc 2 "$FOKUS" analyze --snapshot 99
expect_rc 2 "$FOKUS" analyze extra-argument
expect_rc 2 "$FOKUS" uncontacted --category 4
expect_rc 2 "$FOKUS" compare --before 2025-01-01..2025-06-30
expect_rc 2 "$FOKUS" compare --before 2025-06-30..2025-01-01 --after 2025-07-01..2025-12-31
expect_rc 0 "$FOKUS" help analyze
"$FOKUS" help uncontacted | grep -q -- "--category" || fail "help uncontacted"
"$FOKUS" help compare | grep -q -- "--before" || fail "help compare"
exit 0
