# test-import.sh — fokus import on the real public files, checked against
# counts and totals computed independently here (python3's csv module and
# exact decimals), plus the all-or-nothing rule, --skip-bad, duplicates,
# --replace and one-sentence failures.
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C
expected() { # FILE KIND -> "rows customers total_in_öre date_min date_max"
python3 - "$1" "$2" <<'PY'
import csv, sys
from decimal import Decimal, ROUND_HALF_UP
f, kind = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(f, newline='', encoding='utf-8')))
def cents(x): return int((Decimal(x) * 100).quantize(Decimal(1), ROUND_HALF_UP))
if kind == 'retail':
    good = [r for r in rows if r['CustomerID'] not in ('NA', '')]
    tot = sum(int((Decimal(r['Quantity']) * Decimal(r['UnitPrice']) * 100).quantize(Decimal(1), ROUND_HALF_UP)) for r in good)
    days = sorted(r['InvoiceDate'][:10] for r in good)
    print(len(good), len(set(r['CustomerID'] for r in good)), tot, days[0], days[-1], len(rows) - len(good))
else:
    tot = sum(cents(r['Sales']) for r in rows)
    print(len(rows), len(set(r['Customer ID'] for r in rows)), tot, 0, 0, 0)
PY
}
jget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); v=d[sys.argv[2]]; print(round(v*100) if sys.argv[2].startswith('amount') or sys.argv[2].startswith('order_amount') else v)" "$1" "$2"; }

# --- superstore, ISO dates ---------------------------------------------------
set -- $(expected "$DATA/superstore_iso_dates.csv" super)
rows=$1 custs=$2 total=$3
"$FOKUS" import orders "$DATA/superstore_iso_dates.csv" --json > iso.json || fail "import superstore_iso_dates"
expect_eq "$(jget iso.json rows_read)" "$rows" "iso rows_read"
expect_eq "$(jget iso.json rows_stored)" "$rows" "iso rows_stored"
expect_eq "$(jget iso.json rows_rejected)" "0" "iso rows_rejected"
expect_eq "$(jget iso.json customers_created)" "$custs" "iso customers_created"
expect_eq "$(jget iso.json amount_total)" "$total" "iso amount_total"
expect_eq "$(jget iso.json date_min)" "2014-01-03" "iso date_min"
expect_eq "$(jget iso.json date_max)" "2017-12-30" "iso date_max"
# Order lines are stored packed in blocks (docs/workspace.md): the block sums
# from SQL, the lines themselves from `fokus orders`.
expect_eq "$(sqlite3 fokus.db 'SELECT sum(amount) FROM order_blocks')" "$total" "stored sum (blocks)"
"$FOKUS" orders > lines.csv || fail "fokus orders"
expect_eq "$(awk -F, 'NR > 1 { print $2 }' lines.csv | sort -u | wc -l | tr -d ' ')" "$custs" "stored customers"
expect_eq "$(awk -F, 'NR > 1 { n++ } END { print n }' lines.csv)" "$rows" "lines listed"
expect_eq "$(python3 -c "import csv,sys; from decimal import Decimal; print(int(sum(Decimal(r['amount']) for r in csv.DictReader(open('lines.csv'))) * 100))")" "$total" "stored sum (lines)"
# margin (Profit) was taken
expect_eq "$(awk -F, 'NR > 1 && $6 == ""' lines.csv | wc -l | tr -d ' ')" "0" "margin from Profit"

# The same file again is refused; nothing changes.
"$FOKUS" import orders "$DATA/superstore_iso_dates.csv" 2>dup.txt; rc=$?
expect_eq "$rc" "1" "duplicate import exit code"
expect_grep "already imported as batch 1" dup.txt
expect_eq "$(sqlite3 fokus.db 'SELECT sum(lines) FROM order_blocks')" "$rows" "rows after refused duplicate"

# --- superstore, US dates, as the same data: --replace --------------------------
"$FOKUS" import orders "$DATA/superstore_us_dates.csv" --replace --json > us.json || fail "import us dates"
expect_eq "$(jget us.json rows_stored)" "$rows" "us rows_stored"
expect_eq "$(jget us.json amount_total)" "$total" "us amount_total"
expect_eq "$(jget us.json date_min)" "2014-01-03" "us date_min (M/D/YYYY decided from the column)"
expect_eq "$(jget us.json date_max)" "2017-12-30" "us date_max"
expect_eq "$(sqlite3 fokus.db 'SELECT sum(lines) FROM order_blocks')" "$rows" "rows after --replace"
expect_eq "$(sqlite3 fokus.db 'SELECT group_concat(DISTINCT batch_id) FROM order_blocks')" "2" "only the new batch's blocks"
"$FOKUS" status --json > st.json || fail "status"
expect_eq "$(jget st.json orders)" "$rows" "status orders"
expect_eq "$(jget st.json order_amount_total)" "$total" "status order_amount_total"
expect_eq "$(jget st.json order_date_min)" "2014-01-03" "status order_date_min"

# --- superstore workbook, sheet Orders ------------------------------------------
"$FOKUS" --db wb.db import orders "$DATA/superstore_workbook.xlsx" --sheet Orders --json > wb.json || fail "import workbook"
expect_eq "$(jget wb.json rows_stored)" "$rows" "xlsx rows_stored"
expect_eq "$(jget wb.json customers_created)" "$custs" "xlsx customers_created"
expect_eq "$(jget wb.json amount_total)" "$total" "xlsx amount_total"
expect_eq "$(jget wb.json date_min)" "2014-01-03" "xlsx date_min (serial dates)"
"$FOKUS" --db wb2.db import orders "$DATA/superstore_workbook.xlsx" --sheet Nope 2>sheet.txt; rc=$?
expect_eq "$rc" "1" "missing sheet exit code"
expect_grep "Orders" sheet.txt

# --- online retail: NA customers are bad rows -------------------------------------
set -- $(expected "$DATA/online_retail_sample20k.csv" retail)
good=$1 rcusts=$2 rtotal=$3 dmin=$4 dmax=$5 bad=$6
"$FOKUS" --db r.db import orders "$DATA/online_retail_sample20k.csv" > out.txt 2>err.txt; rc=$?
expect_eq "$rc" "1" "retail without --skip-bad must fail"
expect_eq "$(sqlite3 r.db 'SELECT count(*) FROM order_blocks')" "0" "nothing stored on bad rows"
expect_eq "$(sqlite3 r.db 'SELECT count(*) FROM batches')" "0" "no batch on bad rows"
expect_eq "$(grep -c 'online_retail_sample20k.csv:[0-9]*: column "CustomerID"' err.txt)" "20" "first 20 bad rows named with file:line and column"
expect_grep "more rejected rows" err.txt
head -1 err.txt | grep -q "online_retail_sample20k.csv:2: " || fail "first bad row is line 2: $(head -1 err.txt)"
cp "$DATA/online_retail_sample20k.csv" retail.csv
"$FOKUS" --db r.db import orders retail.csv --skip-bad --json > r.json || fail "retail --skip-bad"
expect_eq "$(jget r.json rows_read)" "$((good + bad))" "retail rows_read"
expect_eq "$(jget r.json rows_stored)" "$good" "retail rows_stored"
expect_eq "$(jget r.json rows_rejected)" "$bad" "retail rows_rejected"
expect_eq "$(jget r.json customers_created)" "$rcusts" "retail customers_created"
expect_eq "$(jget r.json amount_total)" "$rtotal" "retail amount_total"
expect_eq "$(jget r.json date_min)" "$dmin" "retail date_min"
expect_eq "$(jget r.json date_max)" "$dmax" "retail date_max"
[ -f retail.csv.rejected.csv ] || fail "no rejected file"
expect_eq "$(($(wc -l < retail.csv.rejected.csv) - 1))" "$bad" "rejected rows written"
# negative quantities (cancellations) are kept as negative amounts
[ "$("$FOKUS" --db r.db orders | awk -F, 'NR > 1 && $5 ~ /^-/' | wc -l)" -gt 0 ] || fail "credits kept"

# --- wrong kind: one clear sentence naming the missing customer-ID column -------------
"$FOKUS" --db w.db import customers "$DATA/wholesale_semicolon_crlf.csv" >out.txt 2>err.txt; rc=$?
expect_eq "$rc" "1" "wholesale as customers exit code"
expect_eq "$(wc -l < err.txt | tr -d ' ')" "1" "one sentence"
grep -qi "customer" err.txt || fail "names the customer-ID column: $(cat err.txt)"
expect_eq "$(sqlite3 w.db 'SELECT count(*) FROM customers')" "0" "nothing stored"

# --- files that are not what they claim -----------------------------------------------
: > empty.csv
"$FOKUS" --db e.db import orders empty.csv 2>err.txt; rc=$?
expect_eq "$rc" "1" "empty file"
expect_eq "$(wc -l < err.txt | tr -d ' ')" "1" "empty file: one sentence"
head -c 3000 /bin/ls > binary.csv
"$FOKUS" --db e.db import orders binary.csv 2>err.txt; rc=$?
expect_eq "$rc" "1" "binary file"
expect_eq "$(wc -l < err.txt | tr -d ' ')" "1" "binary file: one sentence"
"$FOKUS" --db e.db import orders nosuchfile.csv 2>err.txt; rc=$?
expect_eq "$rc" "1" "missing file"
expect_rc 2 "$FOKUS" --db e.db import things x.csv
expect_rc 2 "$FOKUS" --db e.db import orders
exit 0
