# test-import-large.sh — a csv file large enough to be read by two threads
# (src/app/importer.c cuts it at a line start near the middle): bad rows in both
# halves are named with their real line numbers, in file order, and go to
# the rejected file in order with --skip-bad; the stored lines and totals are
# those of the good rows; two imports of the file give the customers the
# same ids (the storing takes the two halves' batches in turn); one thread
# (FOKUS_THREADS=1) stores the same lines as two, also when only the second
# half shows the number and date formats (the first pass runs in two halves
# too, and their evidence is merged). The customers are created before the
# lines, in the order of their IDs, from the IDs the first pass saw: an ID
# written " 77777.00 " is the customer 77777, and a customer named only on
# rejected rows (--skip-bad) or with "NA" is not created.
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C
N=150000
# bad rows (a date that is not one) at these physical lines (line 1 is the header)
BAD="5 1000 70001 110000 150001"
awk -v n=$N -v bad="$BAD" 'BEGIN { split(bad, b, " "); for (i in b) isbad[b[i]] = 1
	print "order_id,customer_id,date,amount"
	for (i = 1; i <= n; i++) {
		line = i + 1
		d = isbad[line] ? "2025-13-45" : sprintf("2025-%02d-%02d", 1 + i % 12, 1 + i % 28)
		printf "%d,K%05d,%s,%d.%02d\n", i, (i * 7919) % 20011, d, i % 5000, i % 100 } }' > big.csv
[ "$(wc -c < big.csv)" -gt 3000000 ] || fail "the file is too small to be cut in two"
want_rows=$((N - 5))
want_total=$(awk -F, -v bad="$BAD" 'BEGIN { split(bad, b, " "); for (i in b) isbad[b[i]] = 1 }
	NR > 1 && !isbad[NR] { split($4, a, "."); t += a[1] * 100 + a[2] } END { printf "%.0f\n", t }' big.csv)

"$FOKUS" --db a.db import orders big.csv > out.txt 2> err.txt; rc=$?
expect_eq "$rc" "1" "bad rows: exit code"
expect_eq "$(grep -o 'big.csv:[0-9]*' err.txt | cut -d: -f2 | paste -sd' ')" "$BAD" "every bad row, with its line, in file order"
expect_eq "$(sqlite3 a.db 'SELECT count(*) FROM order_blocks')" "0" "nothing stored"

"$FOKUS" --db a.db import orders big.csv --skip-bad --json > a.json 2> err.txt || { cat err.txt; fail "--skip-bad"; }
expect_eq "$(jq .rows_read a.json)" "$N" "rows read"
expect_eq "$(jq .rows_stored a.json)" "$want_rows" "rows stored"
expect_eq "$(jq .rows_rejected a.json)" "5" "rows rejected"
expect_eq "$(jq -r '[.errors[].line] | map(tostring) | join(" ")' a.json)" "$BAD" "error lines in the summary"
expect_eq "$(tail -n +2 big.csv.rejected.csv | cut -d, -f1 | paste -sd' ')" "$BAD" "rejected file: lines in order"
for l in $BAD; do
	expect_eq "$(awk -F, -v l=$l '$1 == l { print $3 "," $4 "," $5 "," $6 }' big.csv.rejected.csv)" \
		"$(sed -n "${l}p" big.csv)" "rejected row $l as in the file"
done
"$FOKUS" --db a.db status --json > s.json || fail "status"
expect_eq "$(jq .orders s.json)" "$want_rows" "status orders"
expect_eq "$(jq '.order_amount_total * 100 | round' s.json)" "$want_total" "status total"
expect_eq "$(jq '.amount_total * 100 | round' a.json)" "$want_total" "summary total"

# The same file into another workspace: the same lines, the same customer ids.
rm -f big.csv.rejected.csv
"$FOKUS" --db b.db import orders big.csv --skip-bad > /dev/null 2>&1 || fail "second import"
expect_eq "$(sqlite3 a.db 'SELECT group_concat(id || customer_id) FROM customers')" \
	"$(sqlite3 b.db 'SELECT group_concat(id || customer_id) FROM customers')" "the same customer ids"
"$FOKUS" --db a.db orders > a.lines || fail "orders a"
"$FOKUS" --db b.db orders > b.lines || fail "orders b"
cmp -s a.lines b.lines || fail "the same lines in the same order"
expect_eq "$(awk 'END { print NR - 1 }' a.lines)" "$want_rows" "fokus orders lists every stored line"
# One thread: the same customers and lines (the ids and the order of the
# lines may differ: two readers' batches are stored in turn).
FOKUS_THREADS=1 "$FOKUS" --db c.db import orders big.csv --skip-bad > /dev/null 2>&1 || fail "one thread"
sqlite3 a.db 'SELECT customer_id FROM customers ORDER BY 1' > a.cust
sqlite3 c.db 'SELECT customer_id FROM customers ORDER BY 1' > c.cust
cmp -s a.cust c.cust || fail "one thread: the same customers"
"$FOKUS" --db c.db orders > c.lines || fail "orders c"
sort a.lines > a.sorted
sort c.lines > c.sorted
cmp -s a.sorted c.sorted || fail "one thread: the same lines"

# Customers known from the first pass: created in ID order, none for
# rejected rows, IDs trimmed and cleaned as the lines' are.
awk -v n=$N 'BEGIN { print "order_id,customer_id,date,amount"
	for (i = 1; i <= n; i++) {
		c = sprintf("K%05d", (i * 7919) % 20011); d = "2025-03-04"
		if (i == 10 || i == 120000) { c = "ONLY-ON-A-BAD-ROW-" i; d = "2025-02-30" }
		if (i == 20 || i == 130000) c = "NA"
		if (i == 30) c = " 77777.00 "
		if (i == 140000) c = "77777"
		printf "%d,%s,%s,%d\n", i, c, d, i % 900 } }' > ids.csv
for t in 1 2; do
	FOKUS_THREADS=$t "$FOKUS" --db ids$t.db import orders ids.csv --skip-bad --json > ids$t.json 2> ids$t.err ||
		{ cat ids$t.err; fail "IDs file, $t thread(s)"; }
	expect_eq "$(jq .rows_rejected ids$t.json)" "4" "IDs file: two bad dates and two NA rejected ($t)"
	want_c=$(awk -F, 'NR > 1 && $3 != "2025-02-30" && $2 != "NA" { sub(/^ */, "", $2); sub(/\.00 *$/, "", $2); s[$2] = 1 }
		END { print length(s) }' ids.csv)
	expect_eq "$(jq .customers_created ids$t.json)" "$want_c" "IDs file: customers created ($t)"
	expect_eq "$(sqlite3 ids$t.db 'SELECT count(*) FROM customers')" "$want_c" "IDs file: customers stored ($t)"
	expect_eq "$(sqlite3 ids$t.db "SELECT count(*) FROM customers WHERE customer_id LIKE 'ONLY%' OR customer_id = 'NA'")" \
		"0" "IDs file: none for rejected rows ($t)"
	expect_eq "$(sqlite3 ids$t.db "SELECT count(*) FROM customers WHERE customer_id = '77777'")" "1" \
		"IDs file: ' 77777.00 ' is 77777 ($t)"
	sqlite3 ids$t.db 'SELECT customer_id FROM customers ORDER BY id' > ids$t.byid
	sqlite3 ids$t.db 'SELECT customer_id FROM customers ORDER BY customer_id' > ids$t.byname
	cmp -s ids$t.byid ids$t.byname || fail "IDs file: ids given in the order of the customer IDs ($t)"
	"$FOKUS" --db ids$t.db orders | sort > ids$t.lines || fail "orders ids$t"
done
cmp -s ids1.lines ids2.lines || fail "IDs file: one and two threads store the same lines"
# More customers (20 000) than the ID maps may hold (1024 slots, 768 IDs):
# the IDs the first pass saw are given up, customers are created line by
# line and looked up in SQLite past the map, with the same result.
for t in 1 2; do
	FOKUS_IDMAP_SLOTS=1024 FOKUS_THREADS=$t "$FOKUS" --db small$t.db import orders ids.csv --skip-bad --json \
		> small$t.json 2> small$t.err || { cat small$t.err; fail "small ID maps, $t thread(s)"; }
	expect_eq "$(jq .customers_created small$t.json)" "$want_c" "small ID maps: customers created ($t)"
	sqlite3 small$t.db 'SELECT customer_id FROM customers ORDER BY customer_id' > small$t.cust
	cmp -s small$t.cust ids$t.byname || fail "small ID maps: the same customers ($t)"
	"$FOKUS" --db small$t.db orders | sort > small$t.lines || fail "orders small$t"
	cmp -s small$t.lines ids1.lines || fail "small ID maps: the same lines ($t)"
done

# A Swedish export where only the second half tells the formats: days
# above 12 (so dd/mm/yyyy, not mm/dd) and amounts like "1 234,50" (a
# decimal comma) appear only after the middle; the first half has days up
# to 12 and whole amounts, which alone could be read either way.
awk -v n=$N 'BEGIN { print "Ordernr;Kundnr;Orderdatum;Belopp"
	for (i = 1; i <= n; i++) {
		if (i <= n / 2) { d = 1 + i % 12; a = sprintf("%d", i % 100) }
		else { d = 1 + i % 28; a = sprintf("%d %03d,%02d", 1 + i % 9, i % 1000, i % 100) }
		printf "%d;K%05d;%02d/%02d/2025;%s\n", i, (i * 7919) % 20011, d, 1 + i % 12, a } }' > sv.csv
for t in 1 2; do
	FOKUS_THREADS=$t "$FOKUS" --db sv$t.db import orders sv.csv --json > sv$t.json 2> sv$t.err ||
		{ cat sv$t.err; fail "Swedish file, $t thread(s)"; }
	"$FOKUS" --db sv$t.db orders > sv$t.lines || fail "orders sv$t"
done
expect_eq "$(jq -r .format sv1.json)" "$(jq -r .format sv2.json)" "Swedish file: the same formats decided"
jq -r .format sv2.json > sv2.format
expect_grep 'date <- "Orderdatum" (day/month/year)' sv2.format
expect_grep 'amount <- "Belopp" (decimal comma)' sv2.format
sort sv1.lines > sv1.sorted
sort sv2.lines > sv2.sorted
cmp -s sv1.sorted sv2.sorted || fail "Swedish file: one and two threads store the same lines"
expect_eq "$(jq .rows_stored sv2.json)" "$N" "Swedish file: every row stored"
want_sv=$(awk -F';' 'NR > 1 { a = $4; gsub(/ /, "", a); split(a, p, ","); c = p[2] "00"; c = substr(c, 1, 2)
	t += p[1] * 100 + c } END { printf "%.0f\n", t }' sv.csv)
expect_eq "$(jq '.amount_total * 100 | round' sv2.json)" "$want_sv" "Swedish file: the total"
exit 0
