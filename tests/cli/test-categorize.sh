# test-categorize.sh — categorize, report, customers, override(s), history and
# migration on a workspace: the real online_retail_sample20k.csv imported and
# categorized with --as-of 2011-12-09 gives the revenue per customer of an
# independent awk sum; hand-made files give the same rows as the file mode;
# every report format; overrides; the stability margin across runs; history
# (and history --keep N, categorize --keep N)
# and migration between snapshots.
. "$OLDPWD/tests/cli/lib.sh"
export FOKUS_DB="$T/w.db"

# --- the real file --------------------------------------------------------------
expect_rc 1 "$FOKUS" categorize      # no customers yet
"$FOKUS" import orders "$DATA/online_retail_sample20k.csv" --skip-bad --rejected rejected.csv \
	> /dev/null 2>&1 \
	|| fail "import the retail orders"
expect_rc 2 "$FOKUS" migration --format xml
expect_rc 1 "$FOKUS" report          # nothing categorized yet
"$FOKUS" categorize --as-of 2011-12-09 --lang en > sum.txt || fail "categorize"
expect_grep "Saved as snapshot 1" sum.txt
expect_grep "2010-12-10 – 2011-12-09" sum.txt
"$FOKUS" customers --format csv > retail.csv || fail "customers csv"
awk -F, 'NR > 1 {
	id = $(NF-1); if (id == "NA" || id == "") next
	d = substr($(NF-3), 2, 10); seen[id] = 1
	if (d > "2010-12-09" && d <= "2011-12-09") {
		q = $(NF-4) + 0; p = $(NF-2) + 0
		c = (p < 0) ? -int(-p * 100 + 0.5) : int(p * 100 + 0.5)
		sum[id] += q * c
	}
}
END { for (id in seen) printf "%s,%.0f\n", id, sum[id] }' "$DATA/online_retail_sample20k.csv" | sort > want.txt
awk -F, 'NR > 1 { x = $4; c = (x < 0) ? -int(-x * 100 + 0.5) : int(x * 100 + 0.5); printf "%s,%.0f\n", $1, c }' \
	retail.csv | sort > got.txt
[ "$(wc -l < want.txt)" -gt 3000 ] || fail "awk found too few customers"
cmp -s want.txt got.txt || { diff want.txt got.txt | head; fail "revenue per customer differs from awk"; }
# the four categories partition the customers
n=$(($(wc -l < retail.csv) - 1))
expect_eq "$("$FOKUS" report --format json | jq '[.categories[].customers] | add')" "$n" "partition"
expect_eq "$("$FOKUS" report --format json | jq '.total.customers')" "$n" "total"
expect_eq "$(awk -F, 'NR > 1 && $8 !~ /^(1|2R|2P|3)$/' retail.csv | wc -l)" 0 "category codes"

# --- hand-made files (the same as test-categorize-files.sh) ---------------------
export FOKUS_DB="$T/h.db"
cat > customers.csv <<'EOF'
customer_id,name,industry,employees,potential,wallet,revenue,seller_id
A,Alfa AB,,,500000,,,S1
B,Beta AB,,,,200000,,S1
C,Ceta AB,,,,,250000,S2
D,Delta AB,,,,,,S2
E,E AB,Bygg,10,,,,S3
F,F AB,Bygg,10,,,,S3
G,G AB,Bygg,10,,,,S3
H,H AB,Bygg,10,,,,S3
I,I AB,Bygg,10,,,,S3
J,J AB,Bygg,10,,,,S3
K,K AB,Bygg,10,,,,S3
L,L AB,Bygg,10,,,,S3
M,M AB,Bygg,10,,,,S3
N,N AB,bygg ,10,,,,S3
O,Omega AB,Bygg,20,,,,S3
EOF
cat > orders.csv <<'EOF'
order_id,customer_id,date,amount
1,A,2024-01-10,300000
2,A,2024-06-30,-50000
3,B,2023-07-01,150000
4,D,2023-06-30,999999
5,D,2024-07-01,999999
6,E,2024-03-01,10000
7,F,2024-03-01,20000
8,G,2024-03-01,30000
9,H,2024-03-01,40000
10,I,2024-03-01,50000
11,J,2024-03-01,60000
12,K,2024-03-01,70000
13,L,2024-03-01,80000
14,M,2024-03-01,90000
15,N,2024-03-01,100000
EOF
"$FOKUS" import customers customers.csv > /dev/null || fail "import customers"
"$FOKUS" import orders orders.csv > /dev/null || fail "import orders"
row() { grep "^$1," "$2" || fail "no row $1 in $2"; }
field() { row "$1" "$3" | awk -F, -v k="$2" '{ print $k }'; }

# the workspace gives exactly the rows of the file mode
"$FOKUS" categorize --as-of 2024-06-30 --margin 0 > /dev/null || fail "categorize 1"
"$FOKUS" customers --format csv --lang en > ws.csv
"$FOKUS" categorize --orders orders.csv --customers customers.csv --as-of 2024-06-30 --lang en > fm.csv
cmp -s ws.csv fm.csv || { diff ws.csv fm.csv | head; fail "workspace and file mode differ"; }

# report formats
"$FOKUS" report --lang sv > r.txt || fail "report text"
expect_grep "Kategori 2 omsättning" r.txt
expect_grep "omsättning ≥ 70 000 kr, potential ≥ 52 000 kr" r.txt
expect_grep "uppskattad 11" r.txt
"$FOKUS" report --format json > r.json || fail "report json"
expect_eq "$(jq '.thresholds.revenue' r.json)" 70000 "json revenue threshold"
expect_eq "$(jq '.thresholds.potential' r.json)" 52000 "json potential threshold"
expect_eq "$(jq -r '.categories | map(.category) | join(" ")' r.json)" "1 2R 2P 3" "json codes"
expect_eq "$(jq '.potential_sources.estimated' r.json)" 11 "estimated count"
expect_eq "$(jq '.potential_sources.unknown' r.json)" 2 "unknown count"
expect_eq "$(jq '.categories[0].revenue' r.json)" 250000 "category 1 revenue (A)"
expect_eq "$(jq '.categories[0].average_order_value' r.json)" 125000 "A: 250 000 over 2 orders"
"$FOKUS" report --format csv > r.csv || fail "report csv"
head -1 r.csv | grep -q "^snapshot,as_of,window_months,axis,method,revenue_threshold,potential_threshold,category,label,customers,customers_share,revenue,revenue_share,potential,potential_share,orders,average_order_value$" \
	|| fail "report csv header"
expect_eq "$(grep -c ',2024-06-30,12,amount,pareto,70000,52000,' r.csv)" 5 "report csv rows"
"$FOKUS" report --format svg --out m.svg || fail "svg"
head -c 5 m.svg | grep -q "<?xml" || fail "svg header"
expect_grep "<svg xmlns" m.svg
expect_grep "fk-thr" m.svg
"$FOKUS" report --format html --out r.html --lang en || fail "html"
expect_grep "<svg xmlns" r.html
expect_grep "id=\"fk-customers\"" r.html
expect_grep "Omega AB" r.html
! grep -q 'src="http\|href="http' r.html || fail "html refers to the network"
"$FOKUS" report --format xlsx --out r.xlsx || fail "xlsx"
expect_eq "$(head -c 2 r.xlsx)" "PK" "xlsx is a zip"
# the workbook reads back: 15 customers on the Customers sheet, frozen header, autofilter
expect_eq "$(FOKUS_DB="$T/x.db" "$FOKUS" import customers r.xlsx --sheet Customers --dry-run --json | jq .rows_read)" 15 \
	"xlsx customers read back"
if command -v unzip > /dev/null; then
	unzip -p r.xlsx xl/worksheets/sheet2.xml > s2.xml
	expect_grep 'state="frozen"' s2.xml
	expect_grep '<autoFilter ref="A1:J16"' s2.xml
	unzip -p r.xlsx xl/workbook.xml | grep -q 'name="Summary"' || fail "Summary sheet"
fi
"$FOKUS" report --format xlsx > r2.xlsx || fail "xlsx to stdout"
expect_eq "$(head -c 2 r2.xlsx)" "PK" "xlsx on stdout"
expect_rc 2 "$FOKUS" report --format pdf
expect_rc 1 "$FOKUS" report --snapshot 99

# customers: filters, formats
expect_eq "$("$FOKUS" customers --category 2P --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "G F E O " "2P, largest revenue first"
expect_eq "$("$FOKUS" customers --seller S1 --format json | jq -r 'map(.customer_id) | join(" ")')" "A B" "seller filter"
"$FOKUS" customers --lang sv > c.txt || fail "customers text"
expect_grep "Skäl" c.txt
expect_rc 2 "$FOKUS" customers --category 4

# overrides: shown at once in the newest snapshot, kept by later runs
expect_rc 2 "$FOKUS" override O 1
expect_rc 2 "$FOKUS" override O 5 --reason x
expect_rc 2 "$FOKUS" override O 1 --reason x --until 2001-01-01
expect_rc 1 "$FOKUS" override NOBODY 1 --reason x
"$FOKUS" override O 1 --reason "ramavtal klart" --until 2099-12-31 > /dev/null || fail "override"
"$FOKUS" customers --format csv --lang sv > o.csv
expect_eq "$(field O 7 o.csv)" 2P "computed category stays"
expect_eq "$(field O 8 o.csv)" 1 "final category pinned"
row O o.csv | grep -q "manuellt satt till Kategori 1: ramavtal klart" || fail "override reason"
"$FOKUS" overrides --format json > ov.json
expect_eq "$(jq -r '.[0].customer_id + " " + .[0].category + " " + .[0].until' ov.json)" "O 1 2099-12-31" "overrides json"

# history, stability margin and migration
"$FOKUS" categorize --as-of 2024-06-30 --method absolute --revenue-min 100000 --potential-min 150000 > /dev/null \
	|| fail "categorize 2"
expect_eq "$("$FOKUS" customers --format csv | grep '^N,' | cut -d, -f8)" 2R "N high at 100 000"
"$FOKUS" categorize --as-of 2024-06-30 --method absolute --revenue-min 105000 --potential-min 150000 > /dev/null
"$FOKUS" customers --format csv --lang en > h.csv
expect_eq "$(field N 8 h.csv)" 2R "N stays high: 100 000 >= 105 000 − 10 %"
row N h.csv | grep -q "revenue 100,000 ≥ 94,500 (threshold 105,000 − 10% stability margin, high last run)" \
	|| fail "hysteresis reason: $(row N h.csv)"
expect_eq "$(field O 8 h.csv)" 1 "the override holds in later runs"
"$FOKUS" categorize --as-of 2024-06-30 --method absolute --revenue-min 105000 --potential-min 150000 --margin 0 > /dev/null
"$FOKUS" customers --format csv > h0.csv
expect_eq "$(field N 8 h0.csv)" 3 "margin 0: N is low"
"$FOKUS" categorize --as-of 2024-06-30 --method absolute --revenue-min 95000 --potential-min 150000 > /dev/null
"$FOKUS" customers --format csv --lang en > h1.csv
expect_eq "$(field N 8 h1.csv)" 3 "N stays low: 100 000 < 95 000 + 10 %"
"$FOKUS" history --format json > hist.json
expect_eq "$(jq length hist.json)" 5 "five snapshots"
expect_eq "$(jq -r '.[1].method + " " + (.[1].thresholds.revenue|tostring)' hist.json)" "absolute 100000" "history row"
"$FOKUS" history > hist.txt || fail "history text"
expect_grep "abs" hist.txt
"$FOKUS" migration --format json > mig.json || fail "migration"
expect_eq "$(jq '.from, .to' mig.json | tr '\n' ' ')" "4 5 " "default: the last two"
expect_eq "$(jq '[.moves[][]] | add' mig.json)" 15 "every customer in both"
"$FOKUS" migration --from 1 --to 2 --format csv > mig.csv
expect_grep "^1,2,2R,1," mig.csv
"$FOKUS" migration --from 1 --to 2 --lang sv > mig.txt
expect_grep "Oförändrade" mig.txt
"$FOKUS" override --remove O > /dev/null || fail "remove"
expect_eq "$("$FOKUS" customers --format csv | grep '^O,' | cut -d, -f8)" 2P "override removed"
expect_rc 1 "$FOKUS" override --remove O
"$FOKUS" overrides > ov.txt
expect_grep "No overrides\|Inga" ov.txt

# history --keep: only the newest snapshots stay, with their rows; the
# customers' categories (from the latest) are unchanged
"$FOKUS" customers --format csv > before-keep.csv
expect_rc 2 "$FOKUS" history --keep 0
expect_rc 2 "$FOKUS" history --keep x
expect_eq "$(sqlite3 "$FOKUS_DB" "SELECT count(DISTINCT snapshot_id) FROM snapshot_customers")" 5 "rows of five snapshots"
"$FOKUS" history --keep 2 --format json > keep.json 2> keep.err || fail "history --keep 2"
expect_grep "Removed 3 snapshot" keep.err
expect_eq "$(jq -c "[.[].snapshot]" keep.json)" "[4,5]" "the two newest kept"
expect_eq "$(sqlite3 "$FOKUS_DB" "SELECT group_concat(DISTINCT snapshot_id) FROM snapshot_customers")" "4,5" "their rows only"
"$FOKUS" customers --format csv > after-keep.csv
cmp -s before-keep.csv after-keep.csv || fail "customers unchanged by history --keep"
"$FOKUS" history --keep 5 --lang sv 2> keep5.err > /dev/null || fail "history --keep 5"
expect_grep "Tog bort 0" keep5.err
"$FOKUS" migration --format json > mig2.json || fail "migration after --keep"
expect_eq "$(jq '.from, .to' mig2.json | tr '\n' ' ')" "4 5 " "migration: the last two still"
expect_rc 1 "$FOKUS" migration --from 1 --to 5
# categorize --keep: the new snapshot saved, then only the N newest kept
"$FOKUS" categorize --as-of 2024-06-30 --keep 1 > /dev/null 2> ck.err || { cat ck.err; fail "categorize --keep 1"; }
expect_grep "Removed 2 snapshot" ck.err
expect_eq "$("$FOKUS" history --format json | jq -c "[.[].snapshot]")" "[6]" "categorize --keep 1: only the new one"
expect_eq "$(sqlite3 "$FOKUS_DB" "SELECT group_concat(DISTINCT snapshot_id) FROM snapshot_customers")" "6" "its rows only"
expect_rc 2 "$FOKUS" categorize --keep 0
expect_rc 2 "$FOKUS" categorize --orders none.csv --keep 2

# the margin axis needs a margin column
expect_rc 1 "$FOKUS" categorize --axis margin
exit 0
