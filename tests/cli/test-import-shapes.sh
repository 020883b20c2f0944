# test-import-shapes.sh — the shape test (issue 14 §4): tests/cli/shapes.py
# writes one logical table of customers, orders and activities in 36 shapes
# (delimiter , ; TAB x UTF-8 / UTF-8 with BOM / Windows-1252 x decimal point or
# comma x LF or CRLF x Swedish or English headers) at sizes on both sides of
# every buffer and sample size of the csv reader, from 1 KB to over 20 MB, and
# checks that each import stores exactly the table's lines, customers and
# totals. Two imports run at a time. Under the sanitizer build (cli-san) the
# sizes above the 256 KiB read are left out (the plain build runs them).
. "$OLDPWD/tests/cli/lib.sh"
quick=
case $FOKUS in *-san) quick=--quick ;; esac
python3 "$OLDPWD/tests/cli/shapes.py" "$FOKUS" "$T" $quick > shapes.txt 2>&1 \
	|| { tail -25 shapes.txt; fail "the shapes do not all store the same"; }
cat shapes.txt
grep -q "^orders: 36 shapes x" shapes.txt || fail "the orders shapes did not run"
