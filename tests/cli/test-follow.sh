# test-follow.sh — plan adherence, the weekly pulse and its Atom feed, users'
# e-mail and feed tokens, and unsubscribe links, end to end on the sample
# company (`fokus demo --no-serve`, then `fokus plan --apply`):
#   fokus adherence in its four formats, --seller, --from/--to, errors, and
#     the section in the demo report;
#   fokus pulse: text/html/json, --week, --seller, --send to a real SMTP
#     server (tests/smtpd.py) by default to the managers with an address;
#   fokus serve: /feed/pulse.atom?token= parsed with Debian's
#     python3-feedparser (bozo == 0, one entry per week), scoped like the
#     user; the one-click unsubscribe link of a newsletter message.
. "$OLDPWD/tests/cli/lib.sh"
PY=/usr/bin/python3
$PY -c 'import feedparser, aiosmtpd' 2>/dev/null || fail "python3-feedparser or python3-aiosmtpd missing (scripts/install-deps --test)"
export LANG=C
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null; done' EXIT

"$FOKUS" demo --no-serve --dir demo --customers 900 > demo.txt 2>&1 || fail "demo: $(tail -5 demo.txt)"
DB=demo/fokus.db
F() { "$FOKUS" --db "$DB" "$@"; }
expect_grep 'id="adherence"' demo/report.html
expect_grep 'Plan adherence' demo/report.html

# --- adherence before and after the plan is applied ----------------------------
F adherence --from 2026-08-03 --to 2026-10-25 > adh.txt || fail "adherence"
expect_grep 'no plan applied yet' adh.txt
expect_grep '2026-W32' adh.txt
expect_grep 'Overdue customers' adh.txt
F adherence --from 2026-08-03 --to 2026-10-25 --format json > adh.json || fail "adherence json"
F adherence --from 2026-08-03 --to 2026-10-25 --format csv > adh.csv || fail "adherence csv"
F adherence --from 2026-08-03 --to 2026-10-25 --format html --out adh.html --lang sv || fail "adherence html"
expect_grep 'Planföljsamhet' adh.html
"$FOKUS" --db "$DB" analyze --from 2026-08-03 --to 2026-10-25 --format json > an.json || fail analyze
$PY - adh.json adh.csv an.json <<'EOF' || fail "adherence numbers"
import json, sys, csv, collections
a = json.load(open(sys.argv[1]))
assert a['period'] == {'from': '2026-08-03', 'to': '2026-10-25', 'weeks': 12, 'plan_applied': None}, a['period']
t = a['team']
assert len(t['weeks']) == 12 and t['weeks'][0]['week'] == '2026-W32'
# the team is the sum of its sellers, week by week and in total
for m in a['measures'] + ['visits']:
    assert t['done'][m] == sum(s['done'][m] for s in a['sellers']), m
    assert abs(t['planned'][m] - sum(s['planned'][m] for s in a['sellers'])) < 0.2, m
    assert t['done'][m] == sum(w['done'][m] for w in t['weeks']), m
# done visits are the analysis' visits of the same period, per seller and category
an = json.load(open(sys.argv[3]))
for v in an['visits']:
    if v['seller_id'] == '*' or v['category'] is None:
        continue
    s = [x for x in a['sellers'] if x['seller_id'] == v['seller_id']][0]
    assert s['done']['visits_' + v['category']] == v['visits'], (v, s['done'])
# the plan: 12 weeks = 84 days of the policy's visits of each seller's customers
for s in a['sellers']:
    want = (10 * s['customers']['1'] + 4 * s['customers']['2R'] + 6 * s['customers']['2P']) * 84 / 365
    assert abs(s['planned']['visits'] - want) < 0.2, (s['seller_id'], s['planned']['visits'], want)
assert a['overdue_total'] == sum(sum(s['overdue'].values()) for s in [t])
assert all(a['overdue'][i]['days_overdue'] >= a['overdue'][i + 1]['days_overdue'] for i in range(len(a['overdue']) - 1))
rows = list(csv.DictReader(open(sys.argv[2])))
tot = {(r['seller_id'], r['measure']): r for r in rows if r['week'] == ''}
assert int(tot[('*', 'visits_3')]['done']) == t['done']['visits_3']
assert any(s['drift']['flag'] for s in a['sellers']), 'the sample company drifts back to category 3'
EOF
S=$(head -1 demo/data/sellers.csv >/dev/null; sed -n 2p demo/data/sellers.csv | cut -d, -f1)
F adherence --seller "$S" --format json > adh1.json || fail "adherence --seller"
$PY -c "
import json,sys; a=json.load(open('adh1.json'))
assert a['team'] is None and [s['seller_id'] for s in a['sellers']] == ['$S'], a['sellers']
" || fail "--seller shows that seller only"
expect_rc 2 F adherence --seller NOSUCH
expect_rc 2 F adherence --from 2026-10-25 --to 2026-08-03
expect_rc 2 F adherence --from yesterday
expect_rc 2 F adherence --format pdf
F plan --apply > /dev/null 2>&1 || fail "plan --apply"
F adherence > adh2.txt || fail "adherence after apply"
expect_grep 'the plan was applied' adh2.txt

# --- the pulse --------------------------------------------------------------------
F pulse --week 2026-W43 > p.txt || fail "pulse"
expect_grep '^Weekly pulse 2026-W43 (2026-10-19 – 2026-10-25)' p.txt
expect_grep 'Meetings booked' p.txt
expect_grep 'Key accounts whose next contact is overdue' p.txt
expect_grep 'Top findings' p.txt
F pulse --week 2026-W43 --lang sv --format html --out p.html || fail "pulse html"
expect_grep 'Veckopuls 2026-W43' p.html
grep -q '<script' p.html && fail "script in the pulse"
F pulse --week 2026-W43 --format json > p.json || fail "pulse json"
F categorize > /dev/null 2>&1 || fail "second categorization"
F pulse --format json > p2.json || fail "pulse json, default week"
F pulse --format json --week "$(date -u +%G-W%V)" > p3.json || fail "pulse json, this week"
$PY - p.json p2.json demo/data/activities.csv p3.json <<'EOF' || fail "pulse numbers"
import json, sys, csv, datetime
p = json.load(open(sys.argv[1]))
assert p['week'] == '2026-W43' and p['from'] == '2026-10-19' and p['to'] == '2026-10-25'
team = p['bookings'][0]
assert team['seller_id'] == '*'
# meetings booked in the week, counted from the file
n = 0
for r in csv.DictReader(open(sys.argv[3])):
    if r['type'] == 'meeting_booked' and '2026-10-19' <= r['date'] <= '2026-10-25':
        n += 1
assert team['meetings'] == n, (team['meetings'], n)
assert team['weeks'][-1] == {'week': '2026-W43', 'meetings': n}
assert len(team['weeks']) == 13
assert team['meetings'] == sum(b['meetings'] for b in p['bookings'][1:])
assert p['movements'] is None  # one categorization by then
assert len(p['findings']) >= 1 and p['findings'][0]['amount'] > 0
q = json.load(open(sys.argv[2]))
today = datetime.datetime.now(datetime.timezone.utc).date()
monday = today - datetime.timedelta(days=today.weekday() + 7)
assert q['from'] == monday.isoformat(), (q['from'], monday)
# the demo's categorizations and the one above were made today: this week's
# pulse compares the last two (the demo makes one per quarter, then the latest)
r = json.load(open(sys.argv[4]))
m = r['movements']
assert m is not None and m['from_snapshot'] >= 1 and m['to_snapshot'] == m['from_snapshot'] + 1, m
assert m['up'] + m['down'] + m['lateral'] == sum(v for a, row in m['moves'].items() for b, v in row.items() if a != b)
EOF
F pulse --week 2025-W53 > /dev/null 2>&1 && fail "2025 has no week 53"
expect_rc 2 F pulse --week 2025-W53
expect_rc 2 F pulse --seller NOSUCH
expect_rc 2 F pulse --to a@b.se
F pulse --seller "$S" --format json > ps.json || fail "a seller's pulse"
$PY -c "
import json; p=json.load(open('ps.json'))
assert p['scope'] == '$S' and [b['seller_id'] for b in p['bookings']] == ['$S'], p['bookings']
assert all(f['seller_id'] == '$S' for f in p['findings'])
" || fail "a seller's pulse has only their rows"

# --- users' addresses and feed tokens ------------------------------------------------
echo 'manager-pass-1' | F user add mia --role manager --email mia@exempelgrossisten.example --password-stdin 2>/dev/null || fail "user add --email"
echo 'manager-pass-2' | F user add ola --role manager --password-stdin 2>/dev/null || fail "user add"
echo 'seller-pass-12' | F user add sara --role seller --seller-id "$S" --password-stdin 2>/dev/null || fail "user add seller"
echo 'service-pass-1' | F user add sue --role service --password-stdin 2>/dev/null || fail "user add service"
expect_rc 2 sh -c "echo 'long-enough-1' | '$FOKUS' --db '$DB' user add x --role manager --email nope --password-stdin"
expect_eq "$(F user email mia)" "mia@exempelgrossisten.example" "user email"
expect_rc 1 F user email ola
F user email ola ola@exempelgrossisten.example || fail "user email set"
expect_rc 2 F user email ola 'not an address'
expect_rc 1 F user email nobody
F user feed-token mia > tok1.txt 2>/dev/null || fail "feed-token"
grep -q '^/feed/pulse.atom?token=[0-9a-f]\{64\}$' tok1.txt || fail "feed-token prints the path: $(cat tok1.txt)"
sqlite3 "$DB" "SELECT count(*) FROM users WHERE feed_token_hash = '$(sed 's/.*token=//' tok1.txt)'" | grep -qx 0 || fail "the token is stored in clear"
F user feed-token sara > tok2.txt 2>/dev/null || fail "feed-token seller"
expect_rc 1 F user feed-token sue
expect_rc 1 F user feed-token nobody

# --- pulse --send to the managers with an address ---------------------------------------
mkdir mail
$PY "$OLDPWD/tests/smtpd.py" mail --exit-after 120 > mail.port 2>mail.err &
pids="$pids $!"
i=0; while [ $i -lt 100 ] && ! grep -q PORT mail.port; do sleep 0.1; i=$((i + 1)); done
PORT=$(sed -n 's/^PORT //p' mail.port)
[ -n "$PORT" ] || fail "smtpd: $(cat mail.err)"
F settings set smtp.host 127.0.0.1 && F settings set smtp.port "$PORT" && F settings set smtp.starttls no &&
	F settings set smtp.from 'fokus <fokus@exempelgrossisten.example>' || fail "settings"
F pulse --week 2026-W43 --send --lang sv > send.txt 2>&1 || fail "pulse --send: $(cat send.txt)"
expect_grep 'till 2 adress' send.txt
F pulse --week 2026-W43 --send --to chef@example.test > send2.txt 2>&1 || fail "pulse --send --to"
$PY - mail <<'EOF' || fail "the pulse e-mails"
import os, sys, json, email, email.policy
d = sys.argv[1]
got = {}
for f in sorted(os.listdir(d)):
    if f.endswith('.eml'):
        m = email.message_from_bytes(open(os.path.join(d, f), 'rb').read(), policy=email.policy.default)
        got[m['To']] = m
assert set(got) == {'mia@exempelgrossisten.example', 'ola@exempelgrossisten.example', 'chef@example.test'}, set(got)
m = got['mia@exempelgrossisten.example']
assert str(m['Subject']).startswith('Veckopuls 2026-W43: '), m['Subject']
assert m['Auto-Submitted'] == 'auto-generated'
assert [p.get_content_type() for p in m.iter_parts()] == ['text/plain', 'text/html']
text = m.get_body(('plain',)).get_content()
html = m.get_body(('html',)).get_content()
assert 'Bokade möten' in text and 'Nyckelkunder' in text, text[:300]
assert '<h1 style=' in html and 'Bokningsfrekvens' in html
assert str(got['chef@example.test']['Subject']).startswith('Weekly pulse 2026-W43: ')
EOF

# --- the feed and the unsubscribe link over HTTP ------------------------------------------
F settings set site.url https://fokus.exempelgrossisten.example > /dev/null
F serve --port 0 --exit-after 120 > serve.txt 2> serve.err &
pids="$pids $!"
i=0; while [ $i -lt 100 ] && ! grep -q '^http' serve.txt; do sleep 0.1; i=$((i + 1)); done
URL=$(head -1 serve.txt | sed 's|/$||')
[ -n "$URL" ] || fail "serve: $(cat serve.txt)"
curl -s -D h1.txt "$URL$(cat tok1.txt)&lang=sv" -o feed.xml || fail "feed"
grep -qi '^content-type: application/atom+xml' h1.txt || fail "feed content type: $(cat h1.txt)"
curl -s "$URL$(cat tok2.txt)" -o sfeed.xml || fail "seller's feed"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$URL/feed/pulse.atom?token=$(printf '%064d' 0)")" "403" "unknown token"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$URL/feed/pulse.atom")" "403" "no token"
# the token opens nothing else
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/summary?token=$(sed 's/.*token=//' tok1.txt)")" "401" "a feed token is no login"
$PY - feed.xml sfeed.xml "$S" <<'EOF' || fail "the feed"
import sys, feedparser, datetime
d = feedparser.parse(sys.argv[1])
assert d.bozo == 0, d.bozo_exception
assert d.version == 'atom10', d.version
assert d.feed.title == 'fokus — veckopuls', d.feed.title
assert len(d.entries) == 12, len(d.entries)
ids = [e.id for e in d.entries]
assert len(set(ids)) == 12 and ids[0].startswith('tag:fokus,2026:pulse/team/')
today = datetime.datetime.now(datetime.timezone.utc).date()
monday = today - datetime.timedelta(days=today.weekday() + 7)
y, w, _ = monday.isocalendar()
assert ids[0].endswith('/%d-W%02d' % (y, w)), ids[0]
for e in d.entries:
    assert e.title.startswith('Veckopuls '), e.title
    assert 'Bokningsfrekvens' in e.content[0].value and e.content[0].type == 'text/html'
    assert e.updated_parsed is not None
assert any(l.rel == 'self' and l.href.startswith('https://fokus.exempelgrossisten.example/feed/pulse.atom?token=') for l in d.feed.links)
s = feedparser.parse(sys.argv[2])
assert s.bozo == 0 and len(s.entries) == 12
assert s.entries[0].id.startswith('tag:fokus,2026:pulse/' + sys.argv[3] + '/'), s.entries[0].id
assert '>Teamet<' not in s.entries[0].content[0].value and '>Team<' not in s.entries[0].content[0].value
EOF
F user feed-token mia --revoke 2>/dev/null || fail "revoke"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$URL$(cat tok1.txt)")" "403" "a revoked token"
# unsubscribe: the link of a newsletter message
printf '# Hej\n\n{{greeting}}\n' > t.md
F newsletter send --template t.md --subject Test --dry-run --preview first.eml > /dev/null || fail "preview"
link=$(sed -n 's/^List-Unsubscribe: <\(https:[^>]*\)>.*/\1/p' first.eml)
to=$(sed -n 's/^To: //p' first.eml | tr -d '\r')
[ -n "$link" ] || fail "no https link in List-Unsubscribe: $(head -12 first.eml)"
local_link="$URL${link#https://fokus.exempelgrossisten.example}"
curl -s "$local_link" > unsub.html
expect_grep 'Avregistrera mig' unsub.html
expect_eq "$(F newsletter suppressed | grep -c "$to")" "0" "a GET changes nothing"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
	--data 'List-Unsubscribe=One-Click' "$local_link")" "200" "one-click unsubscribe"
F newsletter suppressed | grep -q "^$to	unsubscribed" || fail "one-click did not unsubscribe $to"
last=${local_link#"${local_link%?}"}
[ "$last" = 0 ] && other=1 || other=0
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -X POST "${local_link%?}$other")" "400" "a wrong token"
exit 0
