# test-categorize-many.sh — the speed paths of categorize (bench/run): 40 000
# order lines over 4 000 customers in random order, half of them with long IDs
# that share their first 12 bytes (the from-file ID table keeps 12 bytes in
# the slot and compares the rest), dates over two years (the from-file reader
# drops lines that can no longer be in the window), credits. Checked against
# an independent awk sum per customer, from the file (default as-of and a
# given --as-of) and in a workspace (orders loaded in storage order): the
# revenues agree to the cent, and the file and the workspace give the same
# rows (revenue, category, reason).
. "$OLDPWD/tests/cli/lib.sh"

awk 'BEGIN {
	srand(7)
	print "order_id,customer_id,date,amount"
	split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
	for (i = 1; i <= 40000; i++) {
		k = int(rand() * rand() * 4000)          # skewed: small k buy more
		id = (k % 2) ? sprintf("CUSTOMER-000%06d-LONG", k) : sprintf("K%d", k)
		y = 2024 + int(rand() * 3); m = 1 + int(rand() * 12)
		if (y == 2024 && m < 11) y = 2025       # 2024-11 .. 2026-10
		if (y == 2026 && m > 10) y = 2025
		d = 1 + int(rand() * md[m])
		c = int(rand() * 500000) + 1
		if (rand() < 0.03) c = -int(c / 3)
		printf "%d,%s,%04d-%02d-%02d,%s%d.%02d\n", i, id, y, m, d, (c < 0 ? "-" : ""), (c < 0 ? -c : c) / 100, (c < 0 ? -c : c) % 100
	}
	print "40001,K0,2026-10-31,1.00"             # the latest date: as-of
}' > orders.csv

# awk's revenue in cents per customer for the window (from, to]
want() {
	awk -F, -v from="$1" -v to="$2" 'NR > 1 {
		seen[$2] = 1
		if ($3 > from && $3 <= to) {
			v = $4; neg = (v ~ /^-/); sub(/^-/, "", v); split(v, p, ".")
			c = p[1] * 100 + p[2]; sum[$2] += neg ? -c : c
		}
	}
	END { for (id in seen) printf "%s,%d\n", id, sum[id] }' orders.csv | sort
}
got() {
	awk -F, 'NR > 1 { v = $4; neg = (v ~ /^-/); sub(/^-/, "", v); n = split(v, p, ".")
		c = p[1] * 100 + (n > 1 ? (length(p[2]) == 1 ? p[2] * 10 : p[2]) : 0)
		printf "%s,%d\n", $1, neg ? -c : c }' "$1" | sort
}

want 2025-10-31 2026-10-31 > want.txt
[ "$(wc -l < want.txt)" -gt 3000 ] || fail "too few customers generated"
grep -q '^CUSTOMER-000' want.txt || fail "no long IDs generated"
"$FOKUS" categorize --orders orders.csv --out file.csv || fail "categorize from the file"
got file.csv > got.txt
cmp -s want.txt got.txt || { diff want.txt got.txt | head; fail "revenue per customer (default as-of) differs from awk"; }
[ ! -e fokus.db ] || fail "the file mode created a workspace"

want 2025-03-31 2026-03-31 > want2.txt
"$FOKUS" categorize --orders orders.csv --as-of 2026-03-31 --out file2.csv || fail "categorize --as-of"
got file2.csv > got2.txt
cmp -s want2.txt got2.txt || { diff want2.txt got2.txt | head; fail "revenue per customer (--as-of 2026-03-31) differs from awk"; }

# the workspace: the same rows as from the file
"$FOKUS" --db ws.db import orders orders.csv > /dev/null || fail "import"
"$FOKUS" --db ws.db categorize > /dev/null || fail "categorize in the workspace"
"$FOKUS" --db ws.db customers --format csv --out ws.csv || fail "customers"
cut -d, -f1-8 ws.csv | sort > ws8.txt
cut -d, -f1-8 file.csv | sort > file8.txt
cmp -s ws8.txt file8.txt || { diff ws8.txt file8.txt | head; fail "workspace and file disagree"; }
sort ws.csv > a.txt
sort file.csv > b.txt
cmp -s a.txt b.txt || { diff a.txt b.txt | head; fail "workspace and file rows (with reasons) differ"; }
grep -q ',2R,2R,' ws.csv || fail "no customer in 2R"
exit 0
