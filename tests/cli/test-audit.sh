# test-audit.sh — `fokus audit` (issue 15 §8): imports, categorizations,
# overrides, plan --apply/--undo and user changes from the command line are
# logged with the system user and "local"; text and json; --since;
# --keep-days removes older entries at once and bounds the log from then on;
# control characters never reach the terminal. (Logins and the dashboard's
# own entries: tests/web/security.test.mjs.)
. "$OLDPWD/tests/cli/lib.sh"
db=$T/w.db
me=$(id -un 2>/dev/null || echo "uid $(id -u)")
"$FOKUS" sample --out s --customers 80 --sellers 3 --months 12 >/dev/null || fail "sample"
for k in sellers customers orders activities; do
	"$FOKUS" --db "$db" import $k s/$k.csv >/dev/null || fail "import $k"
done
"$FOKUS" --db "$db" import orders s/orders.csv --dry-run >/dev/null 2>&1 # not logged: nothing stored
"$FOKUS" --db "$db" categorize >/dev/null || fail "categorize"
cust=$(sed -n 2p s/customers.csv | cut -d, -f1)
"$FOKUS" --db "$db" override "$cust" 2P --reason "new store" >/dev/null || fail "override"
"$FOKUS" --db "$db" override --remove "$cust" >/dev/null || fail "override --remove"
echo 'first password' | "$FOKUS" --db "$db" user add olle --role manager --password-stdin 2>/dev/null || fail "user add"
echo 'second password' | "$FOKUS" --db "$db" user passwd olle --password-stdin 2>/dev/null || fail "passwd"
"$FOKUS" --db "$db" user remove olle 2>/dev/null || fail "user remove"
"$FOKUS" --db "$db" plan --apply >/dev/null 2>&1 || fail "plan --apply"
"$FOKUS" --db "$db" plan --undo >/dev/null 2>&1 || fail "plan --undo"

"$FOKUS" --db "$db" audit > a.txt || fail "audit"
"$FOKUS" --db "$db" audit --format json > a.json || fail "audit json"
/usr/bin/python3 - "$me" "$cust" <<'EOF' || fail "audit json: $(cat a.json)"
import json, sys
me, cust = sys.argv[1], sys.argv[2]
d = json.load(open('a.json'))
assert d['keep_days'] == 365, d['keep_days']
acts = [e['action'] for e in d['entries']]
want = ['import'] * 4 + ['categorize', 'override', 'override-remove', 'user-add', 'user-passwd',
                         'user-remove', 'plan-apply', 'plan-undo']
assert acts == want, acts
for e in d['entries']:
    assert e['actor'] == me and e['address'] == 'local', e
    assert e['at'].endswith('Z') and len(e['at']) == 20, e
e = d['entries']
assert e[0]['detail'].startswith('sellers s/sellers.csv: 3 rows stored (batch 1)'), e[0]
assert e[2]['detail'].startswith('orders s/orders.csv: '), e[2]
assert e[4]['detail'].startswith('snapshot 1, 80 customers'), e[4]
assert e[5]['detail'] == cust + ' -> 2P: new store', e[5]
assert e[7]['detail'] == 'olle (manager)', e[7]
assert [x['id'] for x in e] == sorted(x['id'] for x in e)
EOF
expect_eq "$(wc -l < a.txt)" 12 "one line per entry"
expect_grep "  $me  *local  *categorize  *snapshot 1, 80 customers" a.txt
expect_eq "$("$FOKUS" --db "$db" audit --since 2999-01-01 | wc -l)" 0 "--since a future day"
expect_eq "$("$FOKUS" --db "$db" audit --since 2000-01-01 | wc -l)" 12 "--since long ago"
expect_rc 2 "$FOKUS" --db "$db" audit --since yesterday
expect_rc 2 "$FOKUS" --db "$db" audit --format xml
expect_rc 2 "$FOKUS" --db "$db" audit --keep-days 0

# A name typed at the login form with an escape sequence is shown harmless.
sqlite3 "$db" "INSERT INTO audit(at, actor, address, action, detail) VALUES
	(strftime('%s','now'), 'evil' || char(27) || '[2J', '192.0.2.9', 'login-failed', 'x')" || fail "sqlite3"
"$FOKUS" --db "$db" audit | grep -q 'evil?\[2J  *192.0.2.9' || fail "control characters in the text output"
"$FOKUS" --db "$db" audit | grep -q "$(printf '\033')" && fail "an escape reached the terminal"

# --keep-days: old entries go at once, and later ones keep the log bounded.
sqlite3 "$db" "INSERT INTO audit(at, actor, address, action, detail) VALUES
	(strftime('%s','now') - 100 * 86400, 'old', 'local', 'import', 'long ago')" || fail "sqlite3"
"$FOKUS" --db "$db" audit --keep-days 30 > k.txt 2> k.err || fail "--keep-days"
expect_grep "kept for 30 days; 1 older entries removed" k.err
grep -q "long ago" k.txt && fail "--keep-days kept an old entry"
expect_eq "$("$FOKUS" --db "$db" audit --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["keep_days"])')" 30 "keep_days remembered"
sqlite3 "$db" "INSERT INTO audit(at, actor, address, action, detail) VALUES
	(strftime('%s','now') - 40 * 86400, 'old', 'local', 'import', 'forty days ago')" || fail "sqlite3"
"$FOKUS" --db "$db" categorize >/dev/null || fail "categorize again"
"$FOKUS" --db "$db" audit | grep -q "forty days ago" && fail "a new entry did not trim the log"
"$FOKUS" --db "$db" audit | tail -1 | grep -q "categorize  *snapshot 2" || fail "the new entry"
"$FOKUS" help audit | grep -q -- "--keep-days" || fail "help audit"
exit 0
