# test-categorize-files.sh — `fokus categorize --orders FILE [--customers FILE]`
# (no workspace): the real online_retail_sample20k.csv gives the same
# revenue per customer as an independent awk sum of Quantity × UnitPrice in
# the window; a hand-made pair of files gives hand-computed categories,
# thresholds, potential sources and reasons (pareto, absolute, ties, window
# edges, credits) and margins on the margin axis; usage errors exit 2; no
# workspace file is created.
. "$OLDPWD/tests/cli/lib.sh"

# --- the real file ------------------------------------------------------------
# Window for --as-of 2011-12-09 and 12 months: 2010-12-09 < date <= 2011-12-09.
# Fields counted from the end (descriptions contain commas): Quantity NF-4,
# InvoiceDate NF-3, UnitPrice NF-2, CustomerID NF-1. "NA" customers are left out.
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
"$FOKUS" categorize --orders "$DATA/online_retail_sample20k.csv" --as-of 2011-12-09 \
	--out retail.csv 2> err.txt || fail "categorize from the retail file"
expect_grep "rows skipped" err.txt
expect_grep '"CustomerID": "NA"' err.txt
head -1 retail.csv | grep -q '^customer_id,name,seller_id,revenue,potential,potential_source,computed_category,category,reason,' \
	|| fail "customers columns"
awk -F, 'NR > 1 { x = $4; c = (x < 0) ? -int(-x * 100 + 0.5) : int(x * 100 + 0.5); printf "%s,%.0f\n", $1, c }' \
	retail.csv | sort > got.txt
[ "$(wc -l < want.txt)" -gt 3000 ] || fail "awk found too few customers"
cmp -s want.txt got.txt || { diff want.txt got.txt | head; fail "revenue per customer differs from awk"; }
[ ! -e fokus.db ] || fail "the file mode created a workspace"

# --- hand-made files ------------------------------------------------------------
# A given potential; B wallet; C revenue from the customer file, potential
# unknown; D nothing in the window (orders on the edge day and after as-of);
# E..N ten peers in Bygg with 10 employees; O in Bygg with 20 employees and
# no orders: estimated from E..N.
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
row() { grep "^$1," "$2" || fail "no row $1 in $2"; }
field() { row "$1" "$3" | awk -F, -v k="$2" '{ print $k }'; }

# Absolute thresholds: revenue >= 100 000, potential >= 150 000.
"$FOKUS" categorize --orders orders.csv --customers customers.csv --as-of 2024-06-30 \
	--method absolute --revenue-min 100000 --potential-min "150 000" --lang sv > abs.csv \
	|| fail "absolute"
expect_eq "$(wc -l < abs.csv)" 16 "one row per customer"
# amounts in options read by the import's rule (io/number.c): "1 500,50" and
# "1,500.50" are 1500.50, a lone ",NNN" is a thousands separator
for m in "100 000,00" "100,000.00" "100,000" "100.000,00 kr"; do
	"$FOKUS" categorize --orders orders.csv --customers customers.csv --as-of 2024-06-30 \
		--method absolute --revenue-min "$m" --potential-min "150 000" --lang sv > abs2.csv \
		|| fail "absolute with --revenue-min '$m'"
	cmp -s abs.csv abs2.csv || fail "--revenue-min '$m' is not 100000"
done
expect_eq "$(field A 4 abs.csv)" 250000 "A revenue with the credit"
expect_eq "$(field A 8 abs.csv)" 1 "A category"
row A abs.csv | grep -q ',omsättning 250 000 kr ≥ gräns 100 000 kr; potential 500 000 kr ≥ gräns 150 000 kr → Kategori 1,' \
	|| fail "A reason: $(row A abs.csv)"
expect_eq "$(field B 5 abs.csv)" 50000 "B potential = wallet − revenue"
expect_eq "$(field B 6 abs.csv)" wallet "B source"
expect_eq "$(field B 8 abs.csv)" 2R "B category (order on the first day of the window)"
expect_eq "$(field C 4 abs.csv)" 250000 "C revenue from the customer file"
expect_eq "$(field C 10 abs.csv)" file "C revenue source"
expect_eq "$(field C 5 abs.csv)" "" "C potential unknown"
expect_eq "$(field C 6 abs.csv)" unknown "C potential source"
expect_eq "$(field C 8 abs.csv)" 2R "C category"
expect_eq "$(field D 4 abs.csv)" 0 "D: both orders outside the window"
expect_eq "$(field D 8 abs.csv)" 3 "D category"
# peers: revenue per employee 1 000..10 000, q 0.8 -> 8 200 x 20 employees
expect_eq "$(field O 5 abs.csv)" 164000 "O estimated potential"
expect_eq "$(field O 6 abs.csv)" estimated "O source"
expect_eq "$(field O 8 abs.csv)" 2P "O category"
expect_eq "$(field N 8 abs.csv)" 2R "N: revenue equal to the threshold is high"
expect_eq "$(field E 5 abs.csv)" 72000 "E: 82 000 − 10 000"
expect_eq "$(field M 5 abs.csv)" 0 "M: the estimate is below its revenue"

# Pareto (the default): revenue 250+250+150+100+90+80+70 = 990 >= 80 % of
# 1 200 (thousand kr) at 70 000; potential 500+164+72+62+52 = 850 >= 80 % of
# 1 010 at 52 000.
"$FOKUS" categorize --orders orders.csv --customers customers.csv --as-of 2024-06-30 \
	--format json --lang en > par.json || fail "pareto json"
"$FOKUS" categorize --orders orders.csv --customers customers.csv --as-of 2024-06-30 --lang en > par.csv
expect_eq "$(jq -r '.[] | select(.customer_id == "K") | .category' par.json)" 2R "json K"
expect_eq "$(jq -r '.[] | select(.customer_id == "C") | .potential' par.json)" null "json unknown potential"
expect_eq "$(jq -r '.[] | select(.customer_id == "O") | .potential' par.json)" 164000 "json O potential"
expect_eq "$(jq -r '.[0].customer_id' par.json)" A "json order: category 1 first"
expect_eq "$(field K 8 par.csv)" 2R "K: 70 000 is the revenue threshold (tie is high)"
expect_eq "$(field L 8 par.csv)" 2R "L: 80 000"
expect_eq "$(field J 8 par.csv)" 3 "J: 60 000 < 70 000, potential 22 000 < 52 000"
expect_eq "$(field G 8 par.csv)" 2P "G: potential 52 000 is the potential threshold"
expect_eq "$(field A 8 par.csv)" 1 "A"
expect_eq "$(field O 8 par.csv)" 2P "O"
expect_eq "$(field C 8 par.csv)" 2R "C (unknown potential is low)"
row K par.csv | grep -q 'revenue 70,000 ≥ threshold 70,000; potential 12,000 < threshold 52,000 (estimated from similar customers) → Category 2 revenue' \
	|| fail "K reason: $(row K par.csv)"

# A one-month window ends the same day: only A's credit and nothing else
"$FOKUS" categorize --orders orders.csv --as-of 2024-06-30 --window-months 1 --method top \
	--revenue-top 50 --potential-top 50 > m1.csv || fail "one month"
expect_eq "$(field A 4 m1.csv)" -50000 "one-month window holds only the credit"
expect_eq "$(field N 4 m1.csv)" 0 "N outside a one-month window"
expect_eq "$(awk -F, 'NR > 1 && $8 != "3"' m1.csv | wc -l)" 0 "nobody positive, nobody high"

# The margin axis sums margins, orders without one counting 0 (but counted
# as orders); without any margin in the window it is an error.
cat > margin.csv <<'EOF2'
order_id,customer_id,date,amount,margin
1,A,2024-01-10,300000,90000
2,A,2024-06-30,-50000,
3,B,2024-02-01,150000,-2000
4,B,2022-02-01,150000,70000
5,C,2024-03-01,10000,
EOF2
"$FOKUS" categorize --orders margin.csv --as-of 2024-06-30 --axis margin > mg.csv ||
	fail "margin axis"
expect_eq "$(field A 4 mg.csv)" 90000 "A: the margin of the order that has one"
expect_eq "$(row A mg.csv | awk -F, '{ print $(NF-1) }')" 2 "A: both orders count"
expect_eq "$(field B 4 mg.csv)" -2000 "B: the order before the window is out"
expect_eq "$(field C 4 mg.csv)" 0 "C: no margin"
expect_eq "$(row C mg.csv | awk -F, '{ print $(NF-2) }')" orders "C: revenue from orders"
grep -q '^A,.*"margin 90,000 ≥ threshold 90,000;' mg.csv || fail "A margin reason: $(row A mg.csv)"
expect_rc 1 "$FOKUS" categorize --orders margin.csv --as-of 2024-06-30 --axis margin \
	--window-months 3
expect_rc 0 "$FOKUS" categorize --orders margin.csv --as-of 2024-06-30 --window-months 3

# usage errors exit 2, bad files exit 1
expect_rc 2 "$FOKUS" categorize --orders orders.csv --method absolute --revenue-min 5
expect_rc 2 "$FOKUS" categorize --orders orders.csv --revenue-share 1.5
expect_rc 2 "$FOKUS" categorize --orders orders.csv --window-months 0
expect_rc 2 "$FOKUS" categorize --orders orders.csv --method median
expect_rc 2 "$FOKUS" categorize --orders orders.csv --revenue-min 12abc
expect_rc 2 "$FOKUS" categorize --customers customers.csv
expect_rc 1 "$FOKUS" categorize --orders no-such-file.csv
printf 'x,y\n1,2\n' > nonsense.csv
expect_rc 1 "$FOKUS" categorize --orders nonsense.csv
[ ! -e fokus.db ] || fail "the file mode created a workspace"
exit 0
