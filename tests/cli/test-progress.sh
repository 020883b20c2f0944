# test-progress.sh — the progress line of long jobs (src/util/progress.c):
# on a terminal (a pty through util-linux `script`) import, categorize
# --orders, export and route --all redraw one line in place ("\r" ... erase
# to the end of the line) with the rate and the time left, and clear it at
# the end; with --quiet, or when standard error is not a terminal (a file,
# a pipe), not a byte of it.
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C
command -v script >/dev/null || fail "util-linux script is needed (Debian bsdutils)"
"$FOKUS" sample --out s --customers 8000 --sellers 12 --months 24 > /dev/null || fail "sample"
db=$T/w.db
CR=$(printf '\r')
ESC=$(printf '\033')

# Not a terminal: nothing but the summary.
"$FOKUS" --db "$db" import sellers s/sellers.csv > o1.txt 2> e1.txt || fail "import sellers"
"$FOKUS" --db "$db" import customers s/customers.csv > o2.txt 2> e2.txt || fail "import customers"
"$FOKUS" --db "$db" import orders s/orders.csv --lang en > o3.txt 2> e3.txt || fail "import orders"
"$FOKUS" --db "$db" import activities s/activities.csv > o4.txt 2> e4.txt || fail "import activities"
for f in o1.txt e1.txt o2.txt e2.txt o3.txt e3.txt o4.txt e4.txt; do
	grep -q "$CR" "$f" && fail "$f has a carriage return: progress off a terminal"
	grep -q "importing" "$f" && fail "$f has the progress text"
done
expect_grep "Imported orders" o3.txt
"$FOKUS" --db "$db" categorize > /dev/null || fail "categorize"

# A terminal: the line is drawn more than once, in place, and cleared.
in_pty() { script -qec "$1" /dev/null > "$2" 2>&1; }
in_pty "'$FOKUS' --db w2.db import orders s/orders.csv --lang en" pty-import.txt || { cat pty-import.txt; fail "import in a pty"; }
n=$(tr -cd '\r' < pty-import.txt | wc -c)
[ "$n" -ge 2 ] || { od -c pty-import.txt | head; fail "import: the line was drawn $n times"; }
grep -q "importing orders.csv" pty-import.txt || fail "import: label"
grep -q "% · [0-9.]* of [0-9.]* MB" pty-import.txt || { tr '\r' '\n' < pty-import.txt | head; fail "import: bytes done of total"; }
grep -q "${ESC}\[K" pty-import.txt || fail "import: erase to the end of the line"
grep -q "Imported orders" pty-import.txt || fail "import: summary after the line"
# the summary starts on a cleared line, not after the progress text
tr '\r' '\n' < pty-import.txt | grep -q "^${ESC}\[KImported orders" || { tr '\r' '\n' < pty-import.txt | tail -5 | od -c | head; fail "import: line cleared before the summary"; }

in_pty "'$FOKUS' --db w3.db import orders s/orders.csv --quiet" pty-quiet.txt || fail "import --quiet in a pty"
grep -q "importing" pty-quiet.txt && fail "--quiet drew the progress line"

in_pty "'$FOKUS' categorize --orders s/orders.csv --customers s/customers.csv --out cats.csv" pty-cat.txt || { cat pty-cat.txt; fail "categorize --orders in a pty"; }
grep -q "reading orders.csv" pty-cat.txt || { od -c pty-cat.txt | head; fail "categorize --orders: progress"; }
[ "$(wc -l < cats.csv)" -eq 8001 ] || fail "categorize --orders wrote $(wc -l < cats.csv) lines"
"$FOKUS" categorize --orders s/orders.csv --out cats2.csv 2> e5.txt || fail "categorize --orders"
[ -s e5.txt ] && { cat e5.txt; fail "categorize --orders printed to stderr off a terminal"; }
in_pty "'$FOKUS' categorize --orders s/orders.csv --out cats3.csv --quiet" pty-catq.txt || fail "categorize --quiet"
grep -q "reading" pty-catq.txt && fail "categorize --quiet drew the progress line"

in_pty "'$FOKUS' --db '$db' export --out lists --lang en" pty-export.txt || { cat pty-export.txt; fail "export in a pty"; }
grep -q "exporting" pty-export.txt || fail "export: progress"
grep -q "of 12 persons" pty-export.txt || { tr '\r' '\n' < pty-export.txt | head; fail "export: persons done of all"; }
"$FOKUS" --db "$db" export --out lists2 > o6.txt 2> e6.txt || fail "export"
grep -q "$CR" e6.txt o6.txt && fail "export: progress off a terminal"

# route --all: every field seller, one file each, the rate and time left.
in_pty "'$FOKUS' --db '$db' route --all --out routes --iterations 300 --lang en" pty-route.txt || { cat pty-route.txt; fail "route --all in a pty"; }
grep -q "planning routes" pty-route.txt || fail "route --all: progress"
grep -q "of 10 sellers" pty-route.txt || { tr '\r' '\n' < pty-route.txt | head; fail "route --all: sellers done of all"; }
expect_grep "Wrote the routes of 10 sellers to routes/route-SELLER.txt" pty-route.txt
[ "$(ls routes | wc -l)" -eq 10 ] || fail "route --all wrote $(ls routes | wc -l) files"
"$FOKUS" --db "$db" route --all --out routes2 --format ics --iterations 300 > o7.txt 2> e7.txt || fail "route --all"
grep -q "$CR" e7.txt o7.txt && fail "route --all: progress off a terminal"
[ -s routes2/route-S01.ics ] || fail "route --all --format ics"
"$FOKUS" --db "$db" route --seller S01 --iterations 300 > one.txt || fail "route --seller"
cmp -s one.txt routes/route-S01.txt || fail "route --all and --seller plan a seller alike"
expect_rc 2 "$FOKUS" --db "$db" route --all
expect_rc 2 "$FOKUS" --db "$db" route --all --seller S01 --out x
"$FOKUS" help route | grep -q -- "--all" || fail "help route"
exit 0
