# test-plan.sh — fokus policy (and its response judgement), fokus plan (the
# assignment, little capacity and nobody over it, a person without a home, a
# customer without coordinates, a role nobody has, the five formats with
# words and never codes for people, the JSON of issue 17 §4, pins, the
# exported model, --apply / --undo and stability right after) and fokus
# export (files parsed back: csv with awk, xlsx with unzip, ics with an RFC
# 5545 structure check), on the hand-made workspace of
# tests/cli/plan/seed.sql (known best answers).
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
tr -d ' \n' < pol.json | grep -q '"category":"1","role":"farmer","visit":{"per_year":12,"minutes":45,"max":12},"phone":{"per_year":6,"minutes":15,"max":12}' \
	|| fail "policy set did not store 12x45 / 6x15: $(cat pol.json)"
expect_rc 2 "$FOKUS" policy set 9 --visit 1
expect_rc 2 "$FOKUS" policy set 1 --visit many
expect_rc 2 "$FOKUS" policy set 1 --role pilot
expect_rc 2 "$FOKUS" policy set 1
expect_rc 2 "$FOKUS" policy frobnicate
"$FOKUS" policy reset > /dev/null || fail "policy reset"
"$FOKUS" policy show --json | tr -d ' \n' | grep -q '"visit":{"per_year":10,"minutes":60,"max":12}' || fail "reset"

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
expect_eq "$(head -1 a.csv)" "customer_id,name,category,from_seller,to_seller,reason,reason_text,channel,visits_per_year,calls_per_year,newsletters_per_year,hours,travel_hours,km_one_way,value_today,value_plan,travel_estimated" "csv header"
# Room to spare: everyone stays or goes to the nearest person of the role, at
# the most contact the policy allows.
expect_eq "$(col a.csv C1 5),$(col a.csv C1 6),$(col a.csv C1 8),$(col a.csv C1 9),$(col a.csv C1 10)" "A,kept,visit,12,12" "C1 stays with A, 12 visits and 12 calls"
# C2's name has a comma (quoted): count fields from the end instead.
c2=$(grep "^C2," a.csv | awk -F, "{ print \$(NF-12) \",\" \$(NF-11) }")
expect_eq "$c2" "A,no_owner" "C2 goes to the nearest farmer"
expect_eq "$(col a.csv C3 5),$(col a.csv C3 6)" "B,no_owner" "C3 goes to B (Göteborg)"
expect_eq "$(col a.csv C4 5),$(col a.csv C4 6),$(col a.csv C4 7)" "H,role,the method: another role" "C4 (2P) goes to the hunter"
expect_eq "$(col a.csv C6 5),$(col a.csv C6 6)" "B,owner_unknown" "C6 unknown owner"
expect_eq "$(col a.csv C7 5),$(col a.csv C7 6)" ",no_category" "C7 not in the snapshot"
grep -q '^C5,.*,S,role,the method: another role,phone,0,4,4,' a.csv || fail "C5 (3) goes to customer service: 4 calls, 4 newsletters"
expect_grep "not in snapshot 1" err.txt
expect_grep "too thin to fit" err.txt
# Workload of A: C1 (12 visits, 12 calls) + C2 (6 and 6): 15 + 7.5 h of contact.
"$FOKUS" plan --format csv --table workload > w.csv || fail "workload csv"
expect_eq "$(col w.csv A 4)" "2" "A has two customers"
expect_eq "$(col w.csv A 10)" "22.5" "A's contact hours"
expect_eq "$(col w.csv A 13)" "860.0" "capacity = 1720 x 0.5"
expect_eq "$(col w.csv A 18)" "false" "nobody over capacity"
"$FOKUS" plan --format csv --table headcount > h.csv || fail "headcount csv"
expect_eq "$(col h.csv farmer 6)" "2" "two farmers available"
"$FOKUS" plan --format csv --table categories > wi.csv || fail "categories csv"
expect_eq "$(col wi.csv 1 3),$(col wi.csv 1 4)" "2,12" "category 1 visits today/plan"
expect_eq "$(col wi.csv 3 3),$(col wi.csv 3 4)" "3,0" "category 3 visits today/plan"
"$FOKUS" plan --format csv --table response > re.csv || fail "response csv"
expect_eq "$(col re.csv 1 2)" "default" "too little history: the default curve"
# --as-of moves the window: nothing observed a year before the data.
"$FOKUS" plan --as-of 2025-01-01 --format csv --table categories > wi0.csv 2> err.txt || fail "--as-of"
expect_eq "$(col wi0.csv 1 3)" "0" "no visits before the data"
expect_grep "No activities in the last 12 months" err.txt

# --- JSON fields of issue 17 §4 ------------------------------------------------------
"$FOKUS" plan --format json > p.json || fail "plan --format json"
for k in '"assignments"' '"customer_id"' '"from_seller"' '"to_seller"' '"reason"' '"channel"' \
	'"visits_per_year"' '"calls_per_year"' '"newsletters_per_year"' '"hours"' '"workload"' \
	'"headcount"' '"objective"' '"value"' '"today"' '"plan"' '"low"' '"high"' '"coverage"' \
	'"policy_hours"' '"capacity_hours"' '"share"' '"below_policy"' '"capacity_value"' \
	'"plus_100_hours"' '"one_more_person"' '"worth_adding"' '"moves"' '"response"' '"words"' \
	'"warnings"'; do
	expect_grep "$k" p.json
done
tr -d ' \n' < p.json > p1.json
grep -q '"customer_id":"C4","name":"NyaKundeniSthlm","category":"2P","from_seller":"A","to_seller":"H","reason":"role","channel":"visit","visits_per_year":8,"calls_per_year":6' p1.json || fail "C4 in json"
grep -q '"moves":{"owner_unknown":1,"role":2,"capacity":0,"balance":0,"pinned":0}' p1.json || fail "moves by reason: $(grep -o '"moves":{[^}]*}' p1.json)"
grep -q '"role":"hunter","plus_100_hours":0,"one_more_person":0' p1.json || fail "room to spare: more hours add nothing"
grep -q '"reasons":{"kept":{"en":"stays","sv":"stannar"}' p1.json || fail "the words for the codes"
# The objective (value of the placed customers - move costs) and the value.
python3 - p.json <<'PY' || fail "objective and value"
import json, sys
p = json.load(open(sys.argv[1]))
placed = [a for a in p["assignments"] if a["to_seller"]]
value = sum(a["value_plan"] for a in placed)
moves = sum(1 for a in placed if a["from_seller"] in ("A", "B", "H", "S") and a["from_seller"] != a["to_seller"])
assert abs(p["objective"] - (value - 5000 * moves)) < 1, (p["objective"], value, moves)
v = p["value"]
assert v["low"] <= v["plan"] <= v["high"] and v["plan"] > v["today"] > 0
assert abs(v["today"] - sum(a["value_today"] for a in p["assignments"] if a["category"])) < 1
assert 0 < p["coverage"]["share"] <= 1
PY

# --- the other formats: words, never codes, for people --------------------------------
"$FOKUS" plan > p.txt 2>/dev/null || fail "plan text"
expect_grep "The decision" p.txt
expect_grep "Owners: 3 customers change owner — 2 because the method says so" p.txt
expect_grep "nobody is above capacity" p.txt
"$FOKUS" plan --lang sv > p.txt 2>/dev/null || fail "plan text sv"
expect_grep "Beslutet" p.txt
expect_grep "metoden: en annan roll" p.txt
"$FOKUS" plan --format html --out p.html 2>/dev/null || fail "plan html"
expect_grep "plan-customers" p.html
expect_grep '"Uppsala Trä, Kontor & Co"' p.html
"$FOKUS" plan --format html --lang sv --out ps.html 2>/dev/null || fail "plan html sv"
expect_grep "Planen i korthet" ps.html
# No machine code in what people read (text, and the html without its script data).
for f in p.txt ps.html p.html; do
	sed 's/<script[^>]*>.*<\/script>//' "$f" | grep -E -o '\b(no_owner|owner_unknown|no_role|no_category|over_capacity|role_mismatch|owner_full|travel_estimated)\b' | head -3 > codes.txt
	[ -s codes.txt ] && fail "raw codes in $f: $(cat codes.txt)"
done
"$FOKUS" plan --format xlsx --out p.xlsx 2>/dev/null || fail "plan xlsx"
unzip -l p.xlsx > z.txt || fail "plan xlsx is not a zip"
expect_grep "xl/worksheets/sheet5.xml" z.txt
unzip -p p.xlsx xl/workbook.xml | grep -q 'name="headcount"' || fail "headcount sheet"
unzip -p p.xlsx xl/sharedStrings.xml | grep -q 'the method: another role' || fail "xlsx reasons in words"
expect_rc 2 "$FOKUS" plan --format xlsx
expect_rc 2 "$FOKUS" plan --format pdf
expect_rc 2 "$FOKUS" plan --field-share 2
expect_rc 2 "$FOKUS" plan --move-cost -1
expect_rc 2 "$FOKUS" plan --balance 2
expect_rc 2 "$FOKUS" plan --apply --undo
expect_rc 1 "$FOKUS" plan --snapshot 99

# --- little capacity: 1 % field share = 17.2 h each ----------------------------------
"$FOKUS" plan --format csv --field-share 0.01 > o.csv 2> err.txt || fail "tight plan"
# A's few hours go further with C1 at B (57 km instead of 347): moved for capacity.
expect_eq "$(col o.csv C1 5),$(col o.csv C1 6),$(col o.csv C1 7)" "B,capacity,better use of the hours" "C1 to B"
# C3 (Borås) stays on the phone: no hours for the drive from Stockholm.
expect_eq "$(col o.csv C3 8),$(col o.csv C3 9)" "phone,0" "C3 by phone"
"$FOKUS" plan --format csv --table workload --field-share 0.01 > ow.csv 2>/dev/null
awk -F, 'NR > 1 && $12 > $13 + 0.05 { print; bad = 1 } END { exit bad }' ow.csv || fail "someone over capacity"
expect_eq "$(col ow.csv A 18)" "false" "A within capacity"
# Less than the policy: C1 gets fewer than its 10 visits.
[ "$(col o.csv C1 9)" -lt 10 ] || fail "C1 still at $(col o.csv C1 9) visits"
"$FOKUS" plan --format json --field-share 0.01 | tr -d ' \n' > oj.json
grep -q '"below_policy":\[{"category":"1","customers":1,"below":1' oj.json || fail "below policy: $(grep -o '"below_policy":\[[^]]*' oj.json)"
"$FOKUS" plan --format csv --table headcount --field-share 0.01 > oh.csv 2>/dev/null
awk -F, '$1 == "farmer" && $5 > $6 && $8 > 0 { ok = 1 } END { exit !ok }' oh.csv || fail "needed > available, one more worth something"

# --- a role nobody has, a person without home, a customer without coordinates --------
cp fokus.db keep.db
sqlite3 fokus.db "DELETE FROM sellers WHERE seller_id = 'H'; UPDATE sellers SET home_lat = NULL, home_lon = NULL, home_postal_code = NULL WHERE seller_id = 'B'; UPDATE customers SET lat = NULL, lon = NULL, postal_code = NULL WHERE customer_id = 'C3'; UPDATE customers SET lat = NULL, lon = NULL WHERE customer_id = 'C2';" || fail "edit"
"$FOKUS" plan --format csv > m.csv 2> err.txt || fail "plan with gaps"
expect_eq "$(col m.csv C4 5),$(col m.csv C4 6)" ",no_role" "no hunter: C4 not placed"
expect_grep "need a hunter, but nobody in the team has that role" err.txt
expect_grep "have no home location (B)" err.txt
expect_grep "no coordinates or known postal code (C3)" err.txt
[ -n "$(col m.csv C3 5)" ] || fail "C3 not placed"
expect_eq "$(grep '^C3,' m.csv | awk -F, '{ print $NF }')" "true" "C3 travel estimated"
# C2 lost its coordinates but keeps its postal code (753 21 Uppsala): located by the code.
expect_eq "$(grep '^C2,' m.csv | awk -F, '{ print $NF }')" "false" "C2 located by postal code"
"$FOKUS" plan --format csv --table headcount > mh.csv 2>/dev/null
expect_eq "$(col mh.csv hunter 6)" "0" "no hunter available"
awk -F, '$1 == "hunter" && $5 > 0 { ok = 1 } END { exit !ok }' mh.csv || fail "hunter needed"
mv keep.db fokus.db
rm -f fokus.db-wal fokus.db-shm

# --- the response: the manager's judgement ---------------------------------------------
"$FOKUS" policy response > r.txt || fail "policy response"
expect_grep "the method's default" r.txt
expect_grep "too little data" r.txt
"$FOKUS" policy response set 1 --no-visits 50% --half 80% --more 110% --saturation 200% > r.txt || fail "response set"
expect_grep "your judgement" r.txt
"$FOKUS" policy response --json | tr -d ' \n' > r.json
grep -q '"category":"1","source":"judgement","contact_today":2,"reference_contact":2,"rho":0.25' r.json || fail "judgement in json: $(head -c 300 r.json)"
grep -q '"judgement":{"no_visits":0.5,"half":0.8,"more":1.1,"saturation":2}' r.json || fail "the four points"
"$FOKUS" plan --format csv --table response | grep -q '^1,judgement,' || fail "plan uses the judgement"
expect_rc 1 "$FOKUS" policy response set 1 --half 40% --no-visits 60%
"$FOKUS" policy response set 1 --half 120% > /dev/null 2>err.txt && fail "a half above 100 % accepted"
expect_grep "must rise" err.txt
expect_rc 2 "$FOKUS" policy response set 9 --half 80%
expect_rc 2 "$FOKUS" policy response set --phone-weight 2
"$FOKUS" policy response set --phone-weight 0.3 > /dev/null || fail "phone weight"
"$FOKUS" policy response --json | grep -q '"phone_weight": 0.3' || fail "phone weight stored"
"$FOKUS" policy response reset > /dev/null || fail "response reset"
"$FOKUS" policy response --json | tr -d ' \n' | grep -q '"category":"1","source":"default"' || fail "back to the default"
"$FOKUS" policy response set --phone-weight 0.2 > /dev/null
"$FOKUS" policy set 1 --visit-max 16 > /dev/null || fail "policy --visit-max"
"$FOKUS" plan --format csv | grep -q '^C1,Borås Bygg AB,1,A,A,kept,stays,visit,16,' || fail "C1 at the new most"
"$FOKUS" policy reset > /dev/null

# --- pins -------------------------------------------------------------------------------
"$FOKUS" plan pin C3 A --visits 30 2> err.txt || fail "pin"
expect_grep "C3 is pinned to A" err.txt
"$FOKUS" plan pins > pins.txt || fail "pins"
expect_grep "C3" pins.txt
"$FOKUS" plan --format csv > pin.csv 2> err.txt || fail "plan with a pin"
expect_eq "$(col pin.csv C3 5),$(col pin.csv C3 6),$(col pin.csv C3 9)" "A,pinned,30" "C3 pinned to A at 30 visits"
"$FOKUS" plan --format csv --field-share 0.05 > /dev/null 2> err.txt || fail "tight with a pin"
expect_grep "above capacity (A) because of pinned customers" err.txt
expect_rc 1 "$FOKUS" plan pin NOPE A
expect_rc 1 "$FOKUS" plan pin C3 NOPE
expect_rc 2 "$FOKUS" plan pin C3
expect_rc 2 "$FOKUS" plan pin C3 A --visits lots
"$FOKUS" plan unpin C3 2>/dev/null || fail "unpin"
expect_rc 1 "$FOKUS" plan unpin C3
"$FOKUS" plan pins | grep -q "No customer is pinned" || fail "no pins left"

# --- the model for an exact solver ------------------------------------------------------
"$FOKUS" plan --export-model m.lp --format json --out pm.json 2> err.txt || fail "--export-model"
expect_grep "Maximize" m.lp
expect_grep "Binary" m.lp
expect_grep "Model: m.lp (6 customers, 4 persons" err.txt

# --- --apply and --undo --------------------------------------------------------------
owners() { sqlite3 fokus.db "SELECT group_concat(customer_id || '=' || ifnull(seller_id, '-'), ' ') FROM (SELECT * FROM customers ORDER BY id)"; }
before=$(owners)
expect_eq "$before" "C1=A C2=- C3=- C4=A C5=B C6=Z9 C7=A" "seeded owners"
"$FOKUS" plan --apply > /dev/null 2> err.txt || fail "plan --apply"
expect_grep "5 customers got a new owner; channel and frequency stored for 6" err.txt
expect_eq "$(owners)" "C1=A C2=A C3=B C4=H C5=S C6=B C7=A" "owners after apply"
expect_eq "$(sqlite3 fokus.db "SELECT count(*) FROM batches WHERE kind = 'plan'")" "1" "one plan batch"
expect_eq "$(sqlite3 fokus.db "SELECT count(*) FROM owner_changes")" "5" "five owner changes"
expect_eq "$(sqlite3 fokus.db "SELECT group_concat(c.customer_id || ':' || r.seller_id || ':' || r.channel || ':' || r.visits_per_year || ':' || r.calls_per_year, ' ') FROM (SELECT * FROM plan_rows ORDER BY customer) r JOIN customers c ON c.id = r.customer")" \
	"C1:A:visit:12.0:12.0 C2:A:visit:6.0:6.0 C3:B:visit:6.0:6.0 C4:H:visit:8.0:6.0 C5:S:phone:0.0:4.0 C6:B:visit:6.0:6.0" "the applied plan's rows"
# Right after --apply the plan changes nobody.
"$FOKUS" plan --format csv > again.csv 2>/dev/null
expect_eq "$(grep -c ',kept,stays,' again.csv)" "6" "nobody moves after apply: all six placed stay"
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
expect_eq "$(head -1 lists/calls-A.csv)" "customer_id,customer,category,address,postal_code,city,phone,email,last_contact,next_contact_due,channel,visits_per_year,calls_per_year" "call list header"
# C1: last contact 2026-10-24, planned 12 visits + 12 calls a year -> due round(365/24) = 15 days later.
expect_eq "$(col lists/calls-A.csv C1 9),$(col lists/calls-A.csv C1 10),$(col lists/calls-A.csv C1 12)" "2026-10-24,2026-11-08,12" "C1 last/next/visits"
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
grep -q "^DTSTART;TZID=Europe/Stockholm:20261127T" lists/visits-A.ics || fail "C1 due 2026-11-24 (last visit + 30 days), overdue: tomorrow"
# Floating times when asked.
"$FOKUS" export --out fl --tz floating --seller A > /dev/null || fail "export --tz floating"
check_ics fl/visits-A.ics
grep -q "TZID" fl/visits-A.ics && fail "floating calendar has a TZID"
[ -e fl/calls-B.csv ] && fail "--seller A wrote B's list"
expect_rc 1 "$FOKUS" export --out x --seller NOBODY
expect_rc 2 "$FOKUS" export
expect_rc 2 "$FOKUS" export --out x --weeks 0
"$FOKUS" help plan | grep -q "export-model" || fail "help plan"
"$FOKUS" help policy | grep -q "response set CATEGORY" || fail "help policy"
"$FOKUS" help export | grep -q "newsletter.csv" || fail "help export"
exit 0
