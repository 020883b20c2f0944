# test-plan.sh — fokus policy, fokus plan (assignment, capacity overflow, a
# person without a home, a customer without coordinates, a role nobody has,
# the five formats, --apply / --undo) and fokus export (files parsed back:
# csv with awk, xlsx with unzip, ics with an RFC 5545 structure check), on
# the hand-made workspace of tests/cli/plan/seed.sql (known best answers).
. "$OLDPWD/tests/cli/lib.sh"
SEED="$OLDPWD/tests/cli/plan/seed.sql"
export FOKUS_TODAY=2026-11-26
command -v sqlite3 >/dev/null || fail "sqlite3 shell missing (scripts/install-deps installs it)"

# --- policy -----------------------------------------------------------------
"$FOKUS" policy show --json > pol.json || fail "policy show --json"
expect_grep '"category": "2P"' pol.json
expect_grep '"role": "hunter"' pol.json
"$FOKUS" policy > pol.txt || fail "policy"
expect_grep 'hunter' pol.txt
"$FOKUS" policy set 1 --visit 12x45 --phone 6 > /dev/null || fail "policy set"
"$FOKUS" policy show --json > pol.json
tr -d ' \n' < pol.json | grep -q '"category":"1","role":"farmer","visit":{"per_year":12,"minutes":45},"phone":{"per_year":6,"minutes":15}' \
	|| fail "policy set did not store 12x45 / 6x15: $(cat pol.json)"
expect_rc 2 "$FOKUS" policy set 9 --visit 1
expect_rc 2 "$FOKUS" policy set 1 --visit many
expect_rc 2 "$FOKUS" policy set 1 --role pilot
expect_rc 2 "$FOKUS" policy set 1
expect_rc 2 "$FOKUS" policy frobnicate
"$FOKUS" policy reset > /dev/null || fail "policy reset"
"$FOKUS" policy show --json | tr -d ' \n' | grep -q '"visit":{"per_year":10,"minutes":60}' || fail "reset"

# --- no categorization yet: a clear message ------------------------------------
"$FOKUS" plan > out.txt 2> err.txt && fail "plan without a snapshot should fail"
expect_grep "fokus categorize" err.txt

sqlite3 fokus.db < "$SEED" || fail "seed"

# --- the assignment (known best answer) --------------------------------------------
# csv row: customer_id,name,category,from_seller,to_seller,reason,...
col() { # col FILE KEY FIELD -> the field of the row whose first column is KEY
	awk -F, -v k="$2" -v f="$3" '$1 == k { print $f }' "$1"
}
"$FOKUS" plan --format csv > a.csv 2> err.txt || fail "plan --format csv"
expect_eq "$(head -1 a.csv)" "customer_id,name,category,from_seller,to_seller,reason,hours,travel_hours,km_one_way,travel_estimated" "csv header"
expect_eq "$(col a.csv C1 5),$(col a.csv C1 6)" "A,kept" "C1 stays with A"
# C2's name has a comma (quoted): count fields from the end instead.
c2=$(grep '^C2,' a.csv | awk -F, '{ print $(NF-5) "," $(NF-4) }')
expect_eq "$c2" "A,no_owner" "C2 goes to the nearest farmer"
expect_eq "$(col a.csv C3 5),$(col a.csv C3 6)" "B,no_owner" "C3 goes to B (Göteborg)"
expect_eq "$(col a.csv C4 5),$(col a.csv C4 6)" "H,role_mismatch" "C4 (2P) goes to the hunter"
expect_eq "$(col a.csv C6 5),$(col a.csv C6 6)" "B,owner_unknown" "C6 unknown owner"
expect_eq "$(col a.csv C7 5),$(col a.csv C7 6)" ",no_category" "C7 not in the snapshot"
grep -q '^C5,.*,S,role_mismatch,' a.csv || fail "C5 (3) goes to customer service"
expect_grep "not in snapshot 1" err.txt
# Workload of A: C1 (10 visits to Borås) + C2 (4 to Uppsala): 13 + 5 h of contact.
"$FOKUS" plan --format csv --table workload > w.csv || fail "workload csv"
expect_eq "$(col w.csv A 4)" "2" "A has two customers"
expect_eq "$(col w.csv A 10)" "18.0" "A's contact hours"
expect_eq "$(col w.csv A 13)" "860.0" "capacity = 1720 x 0.5"
"$FOKUS" plan --format csv --table headcount > h.csv || fail "headcount csv"
expect_eq "$(col h.csv farmer 6)" "2" "two farmers available"
"$FOKUS" plan --format csv --table whatif > wi.csv || fail "whatif csv"
expect_eq "$(col wi.csv 1 3),$(col wi.csv 1 4)" "2,10" "category 1 visits today/plan"
expect_eq "$(col wi.csv 3 3),$(col wi.csv 3 4)" "3,0" "category 3 visits today/plan"
# 1 000 000 kr of orders over 2 visits: 500 000 a visit, 8 more visits: +4 000 000 (estimate).
expect_eq "$(col wi.csv 1 9),$(col wi.csv 1 10),$(col wi.csv 1 11)" "500000,,4000000" "category 1 value per visit, potential, effect"
# --as-of moves the window: nothing observed a year before the data.
"$FOKUS" plan --as-of 2025-01-01 --format csv --table whatif > wi0.csv 2> err.txt || fail "--as-of"
expect_eq "$(col wi0.csv 1 3)" "0" "no visits before the data"
expect_grep "No activities in the last 12 months" err.txt

# --- JSON fields of issue §4 -------------------------------------------------------
"$FOKUS" plan --format json > p.json || fail "plan --format json"
for k in '"assignments"' '"customer_id"' '"category"' '"from_seller"' '"to_seller"' '"reason"' \
	'"workload"' '"seller_id"' '"role"' '"hours"' '"capacity_hours"' '"customers"' \
	'"headcount"' '"needed"' '"available"' '"whatif"' '"value_effect_estimate"' '"warnings"'; do
	expect_grep "$k" p.json
done
tr -d ' \n' < p.json | grep -q '"customer_id":"C4","name":"NyaKundeniSthlm","category":"2P","from_seller":"A","to_seller":"H","reason":"role_mismatch"' \
	|| fail "C4 in json"
tr -d ' \n' < p.json | grep -q '"role":"hunter","needed":0.03,"available":1' || fail "hunter headcount in json"

# --- the other formats ---------------------------------------------------------
"$FOKUS" plan > p.txt 2>/dev/null || fail "plan text"
expect_grep "Headcount" p.txt
expect_grep "Customers: 1 stay, 2 change hands, 3 get an owner, 1 not placed" p.txt
expect_grep "Order-value effect (an estimate)" p.txt
"$FOKUS" plan --lang sv > p.txt 2>/dev/null || fail "plan text sv"
expect_grep "Bemanning" p.txt
"$FOKUS" plan --format html --out p.html 2>/dev/null || fail "plan html"
expect_grep "<table>" p.html
expect_grep "Uppsala Trä, Kontor &amp; Co" p.html
"$FOKUS" plan --format xlsx --out p.xlsx 2>/dev/null || fail "plan xlsx"
unzip -l p.xlsx > z.txt || fail "plan xlsx is not a zip"
expect_grep "xl/worksheets/sheet4.xml" z.txt
unzip -p p.xlsx xl/workbook.xml | grep -q 'name="headcount"' || fail "headcount sheet"
expect_rc 2 "$FOKUS" plan --format xlsx
expect_rc 2 "$FOKUS" plan --format pdf
expect_rc 2 "$FOKUS" plan --field-share 2
expect_rc 2 "$FOKUS" plan --apply --undo
expect_rc 1 "$FOKUS" plan --snapshot 99

# --- capacity overflow: 1% field share = 17.2 h each ----------------------------------
"$FOKUS" plan --format csv --field-share 0.01 > o.csv 2> err.txt || fail "overflow plan"
expect_eq "$(col o.csv C1 5),$(col o.csv C1 6)" "A,over_capacity" "C1 kept over capacity"
expect_grep "over capacity" err.txt
"$FOKUS" plan --format csv --table workload --field-share 0.01 > ow.csv 2>/dev/null
expect_eq "$(col ow.csv A 15)" "true" "A is over capacity"
"$FOKUS" plan --format csv --table headcount --field-share 0.01 > oh.csv 2>/dev/null
awk -F, '$1 == "farmer" && $5 > $6 { ok = 1 } END { exit !ok }' oh.csv || fail "needed > available"

# --- a role nobody has, a person without home, a customer without coordinates --------
cp fokus.db keep.db
sqlite3 fokus.db "DELETE FROM sellers WHERE seller_id = 'H'; UPDATE sellers SET home_lat = NULL, home_lon = NULL, home_postal_code = NULL WHERE seller_id = 'B'; UPDATE customers SET lat = NULL, lon = NULL, postal_code = NULL WHERE customer_id = 'C3'; UPDATE customers SET lat = NULL, lon = NULL WHERE customer_id = 'C2';" || fail "edit"
"$FOKUS" plan --format csv > m.csv 2> err.txt || fail "plan with gaps"
expect_eq "$(col m.csv C4 5),$(col m.csv C4 6)" ",no_role" "no hunter: C4 not placed"
expect_grep "need a hunter, but nobody in the team has that role" err.txt
expect_grep "have no home location (B)" err.txt
expect_grep "no coordinates or known postal code (C3)" err.txt
# C3 (no coordinates) is still placed, its travel estimated.
[ -n "$(col m.csv C3 5)" ] || fail "C3 not placed"
expect_eq "$(col m.csv C3 10)" "true" "C3 travel estimated"
# C2 lost its coordinates but keeps its postal code (753 21 Uppsala): located by the code.
expect_eq "$(grep '^C2,' m.csv | awk -F, '{ print $NF }')" "false" "C2 located by postal code"
grep -q "(C3)" err.txt || fail "only C3 lacks a location"
"$FOKUS" plan --format csv --table headcount > mh.csv 2>/dev/null
expect_eq "$(col mh.csv hunter 6)" "0" "no hunter available"
awk -F, '$1 == "hunter" && $5 > 0 { ok = 1 } END { exit !ok }' mh.csv || fail "hunter needed"
mv keep.db fokus.db
rm -f fokus.db-wal fokus.db-shm

# --- --apply and --undo --------------------------------------------------------------
owners() { sqlite3 fokus.db "SELECT group_concat(customer_id || '=' || ifnull(seller_id, '-'), ' ') FROM (SELECT * FROM customers ORDER BY id)"; }
before=$(owners)
expect_eq "$before" "C1=A C2=- C3=- C4=A C5=B C6=Z9 C7=A" "seeded owners"
"$FOKUS" plan --apply > /dev/null 2> err.txt || fail "plan --apply"
expect_grep "5 customers got a new owner" err.txt
expect_eq "$(owners)" "C1=A C2=A C3=B C4=H C5=S C6=B C7=A" "owners after apply"
expect_eq "$(sqlite3 fokus.db "SELECT count(*) FROM batches WHERE kind = 'plan'")" "1" "one plan batch"
expect_eq "$(sqlite3 fokus.db "SELECT count(*) FROM owner_changes")" "5" "five owner changes"
"$FOKUS" plan --apply > /dev/null 2> err.txt || fail "second apply"
expect_grep "nothing to change" err.txt
"$FOKUS" plan --undo 2> err.txt || fail "plan --undo"
expect_eq "$(owners)" "$before" "owners after undo"
expect_rc 1 "$FOKUS" plan --undo

# --- export: files parsed back ---------------------------------------------------
"$FOKUS" export --out lists > ex.txt || fail "export"
expect_grep "calls-A.csv" ex.txt
for f in calls-A.csv calls-A.xlsx calls-B.csv calls-H.csv calls-S.csv newsletter.csv \
	visits-A.ics visits-B.ics visits-H.ics; do
	[ -s "lists/$f" ] || fail "lists/$f missing"
done
[ -e lists/visits-S.ics ] && fail "customer service gets no visit calendar"
expect_eq "$(head -1 lists/calls-A.csv)" "customer_id,customer,category,address,postal_code,city,phone,email,last_contact,next_contact_due,visits_per_year,calls_per_year" "call list header"
# C1: last contact 2026-10-24, 22 contacts a year -> due 17 days later.
expect_eq "$(col lists/calls-A.csv C1 9),$(col lists/calls-A.csv C1 10)" "2026-10-24,2026-11-10" "C1 last/next"
expect_eq "$(head -1 lists/newsletter.csv)" "customer_id,name,email,phone,contact_seller_id,contact_name,send_1,send_2,send_3,send_4" "newsletter header"
grep -q '^C5,"Liten Kund; Smått",liten@example.se,08-50 50 50,S,Sara Service,2027-01-04,2027-04-01,2027-07-01,2027-10-01$' lists/newsletter.csv \
	|| grep -q '^C5,Liten Kund; Smått,liten@example.se,08-50 50 50,S,Sara Service,2027-01-04,2027-04-01,2027-07-01,2027-10-01$' lists/newsletter.csv \
	|| fail "newsletter row: $(cat lists/newsletter.csv)"
unzip -p lists/calls-A.xlsx xl/sharedStrings.xml > ss.xml || fail "calls-A.xlsx is not a workbook"
expect_grep "Borås Bygg AB" ss.xml
expect_grep "next_contact_due" ss.xml

# ics: CRLF everywhere, <= 75 octets a line, balanced BEGIN/END, UID/DTSTAMP/DTSTART once
# per VEVENT, TZID only with a VTIMEZONE.
check_ics() {
	LC_ALL=C awk '
	{ if (substr($0, length($0)) != "\r") { print "line " NR " not CRLF"; bad = 1 }
	  line = substr($0, 1, length($0) - 1)
	  if (length(line) > 75) { print "line " NR " longer than 75 octets"; bad = 1 }
	  if (substr(line, 1, 1) == " ") { cur = cur substr(line, 2); next }
	  if (NR > 1) handle(cur); cur = line }
	END { handle(cur)
	  if (depth != 0) { print "unbalanced BEGIN/END"; bad = 1 }
	  if (!version || !prodid) { print "no VERSION/PRODID"; bad = 1 }
	  if (tzid && !vtz) { print "TZID without VTIMEZONE"; bad = 1 }
	  if (events < 1) { print "no events"; bad = 1 }
	  exit bad }
	function handle(l,   name) {
	  if (l ~ /^BEGIN:/) { stack[++depth] = substr(l, 7); if (l == "BEGIN:VEVENT") { uid = st = ds = 0 }
	    if (l == "BEGIN:VTIMEZONE") vtz = 1; return }
	  if (l ~ /^END:/) { if (stack[depth] != substr(l, 5)) { print "END " l " does not match"; bad = 1 }
	    depth--; if (l == "END:VEVENT") { events++; if (uid != 1 || st != 1 || ds != 1) { print "event " events " lacks UID/DTSTART/DTSTAMP"; bad = 1 }
	      if (seen[uidv]++) { print "duplicate UID"; bad = 1 } } return }
	  if (l ~ /^UID:/) { uid++; uidv = l }
	  if (l ~ /^DTSTART[;:]/) st++
	  if (l ~ /^DTSTAMP:/) ds++
	  if (l ~ /^VERSION:2\.0$/) version = 1
	  if (l ~ /^PRODID:/) prodid = 1
	  if (l ~ /TZID=/) tzid = 1
	  if (l !~ /^[A-Z-]+[;:]/) { print "not a content line: " l; bad = 1 } }
	' "$1" || fail "$1 is not valid RFC 5545"
}
for f in lists/visits-*.ics; do check_ics "$f"; done
grep -q "^BEGIN:VEVENT" lists/visits-A.ics || fail "A has visits"
grep -q "^SUMMARY:Visit: Borås Bygg AB (1)" lists/visits-A.ics || fail "C1 visit event"
grep -q "^DTSTART;TZID=Europe/Stockholm:20261130T" lists/visits-A.ics || fail "C1 due 2026-11-30 (last visit + 37 days)"
# Floating times when asked.
"$FOKUS" export --out fl --tz floating --seller A > /dev/null || fail "export --tz floating"
check_ics fl/visits-A.ics
grep -q "TZID" fl/visits-A.ics && fail "floating calendar has a TZID"
[ -e fl/calls-B.csv ] && fail "--seller A wrote B's list"
expect_rc 1 "$FOKUS" export --out x --seller NOBODY
expect_rc 2 "$FOKUS" export
expect_rc 2 "$FOKUS" export --out x --weeks 0
"$FOKUS" help plan | grep -q "field share" || fail "help plan"
"$FOKUS" help export | grep -q "newsletter.csv" || fail "help export"
exit 0
