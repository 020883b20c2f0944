# test-categorize-threads.sh — `fokus categorize --orders FILE` reads a large
# csv in two threads (split at a line start, per-thread customer tables
# merged): the output is byte-identical to one thread's (FOKUS_THREADS=1)
# on a generated file, in csv and json, with a customer file, with a
# rejected row in the second half (same count and same file:line in the
# message), on files with a quoted line end (read by one thread), and with
# formats (decimal comma, date order) that only the second half tells.
. "$OLDPWD/tests/cli/lib.sh"

"$OLDPWD/bench/gen-orders" 200000 > o.csv || fail "gen-orders"
[ "$(wc -c < o.csv)" -gt 3000000 ] || fail "the generated file is too small to be split"

both() { # name, then categorize arguments: runs with 1 and 2 threads and compares
	name=$1
	shift
	FOKUS_THREADS=1 "$FOKUS" categorize "$@" --out "$name.1" 2> "$name.err1" ||
		fail "$name: one thread"
	FOKUS_THREADS=2 "$FOKUS" categorize "$@" --out "$name.2" 2> "$name.err2" ||
		fail "$name: two threads"
	[ "$(wc -l < "$name.1")" -gt 1000 ] || fail "$name: too few rows"
	cmp -s "$name.1" "$name.2" || { diff "$name.1" "$name.2" | head; fail "$name: outputs differ"; }
	cmp -s "$name.err1" "$name.err2" || { diff "$name.err1" "$name.err2"; fail "$name: messages differ"; }
}

both plain --orders o.csv
both json --orders o.csv --format json
both asof --orders o.csv --as-of 2026-01-15 --window 6

# customers in a file, some of them without orders, listed before the orders' own
awk -F, 'NR > 1 && NR % 50 == 0 { print $2 }' o.csv | sort -u |
	awk 'BEGIN { print "customer_id,name,potential" } { print $1 ",Name " $1 "," NR * 1000 }
	     END { print "Z1,Nobody,5" }' > c.csv
both customers --orders o.csv --customers c.csv
grep -q '^Z1,Nobody' customers.2 || fail "the customer without orders is missing"

# a rejected row in the second half: its line number is the file's
n=$(wc -l < o.csv)
bad=$((n * 3 / 4))
awk -v bad="$bad" 'NR == bad { print "x,C1,2026-01-01,twelve"; next } { print }' o.csv > bad.csv
both bad --orders bad.csv
expect_grep "bad.csv:$bad:" bad.err2
expect_grep "1 rows\? skipped\|1 row skipped" bad.err2

# a quoted line end (in a customer id) anywhere: one thread reads the file
awk -F, 'NR == 2 { print $1 ",\"C\n9\"," $3 "," $4; next } { print }' o.csv > q.csv
both quoted --orders q.csv
awk -F, -v q="$bad" 'NR == q { print $1 ",\"C\n9\"," $3 "," $4; next } { print }' o.csv > q2.csv
both quoted-late --orders q2.csv

# The first pass (number and date formats) also runs in two threads: a
# decimal comma that only the second half shows ("854,500" alone would be
# read as 854 500) must count as in one pass.
awk -F, -v half="$bad" 'NR == 1 { print "Ordernr;Kundnr;Datum;Belopp"; next }
	{ split($4, a, "."); amt = NR <= half ? (a[1] % 999 + 1) ",500" : a[1] "," a[2];
	  print $1 ";" $2 ";" $3 ";" amt }' o.csv > comma.csv
both comma --orders comma.csv
grep -q ',"revenue [0-9,]* ≥' comma.2 || fail "comma: no revenue line"
# US dates whose order only a late row tells
awk -F, -v bad="$bad" 'NR == 1 { print; next }
	{ split($3, d, "-"); m = d[2] + 0; dd = (NR == bad) ? 13 : (m % 12) + 1;
	  if (dd == m) dd = (dd % 12) + 1;
	  print $1 "," $2 "," m "/" dd "/" d[1] "," $4 }' o.csv > us.csv
both us --orders us.csv
# and when no row tells: the same message, naming the same first date
awk -F, 'NR == 1 || NR % 7 != 0 { print; next }
	{ split($3, d, "-"); print $1 "," $2 "," (d[2] + 0) "/" ((d[2] % 12) + 1) "/" d[1] "," $4 }' \
	o.csv > amb.csv
for t in 1 2; do
	FOKUS_THREADS=$t "$FOKUS" categorize --orders amb.csv --out amb.$t 2> amb.err$t &&
		fail "amb: $t threads accepted ambiguous dates"
done
cmp -s amb.err1 amb.err2 || { diff amb.err1 amb.err2; fail "amb: messages differ"; }
expect_grep "could be day/month or month/day" amb.err2
