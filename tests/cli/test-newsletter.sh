# test-newsletter.sh — `fokus settings` and `fokus newsletter` against a real
# SMTP server (tests/smtpd.py, Debian python3-aiosmtpd) on 127.0.0.1, on the
# sample company after `fokus plan --apply`, with hand-made customers that
# share an address, have a contact person, a name full of markdown and HTML,
# an address the server refuses (550) and one it defers (451). The messages
# are parsed back with Python's email package: headers, RFC 2047 subject,
# multipart/alternative text + HTML in UTF-8, List-Unsubscribe (+ -Post),
# one message per address; then the send log: bounces marked, deferred
# retried, unsubscribes honoured, a send stopped with SIGINT and one killed
# while the server holds the message both resume without sending anyone
# twice; the rate limit; STARTTLS with a login whose password is never
# stored or printed; the newsletter activities counted by `fokus analyze`.
. "$OLDPWD/tests/cli/lib.sh"
PY=/usr/bin/python3
SMTPD="$OLDPWD/tests/smtpd.py"
$PY -c 'import aiosmtpd' 2>/dev/null || fail "python3-aiosmtpd missing (scripts/install-deps --test installs it)"
export LANG=C FOKUS_TODAY=2026-12-07
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null; done' EXIT

# start_smtpd DIR [options]: a server saving to DIR; sets PORT and SPID.
start_smtpd() {
	d=$1; shift
	mkdir -p "$d"
	$PY "$SMTPD" "$d" --exit-after 240 "$@" > "$d.port" 2> "$d.err" &
	SPID=$!; pids="$pids $SPID"
	i=0; while [ $i -lt 100 ] && ! grep -q PORT "$d.port"; do sleep 0.1; i=$((i + 1)); done
	PORT=$(sed -n 's/^PORT //p' "$d.port")
	[ -n "$PORT" ] || fail "smtpd did not start: $(cat "$d.err")"
	"$FOKUS" --db w.db settings set smtp.port "$PORT" || fail "settings set smtp.port"
}
count() { ls "$1" 2>/dev/null | grep -c '\.eml$'; }

# --- the sample company, its plan applied, and hand-made customers ----------------
"$FOKUS" sample --out data --customers 400 --seed 7 > /dev/null || fail "sample"
for k in sellers customers orders activities; do
	"$FOKUS" --db w.db import $k data/$k.csv > /dev/null 2>&1 || fail "import $k"
done
cat > extra.csv <<'EOF'
customer_id,name,email,city,Kontaktperson
X-1,Delad Adress AB,Delad@Example.TEST,Borås,
X-2,Delad Adress Filial,delad@example.test,Borås,
X-3,Åkessons Järn & Färg,akesson@example.test,Växjö,Åsa Åkesson
X-4,<script>alert(1)</script> *Bygg* [AB](javascript:x),evil@example.test,Lund,
X-5,Studsar AB,nobody@example.test,Ystad,
X-6,Senare AB,later@example.test,Ystad,
X-7,Utan Adress AB,,Ystad,
X-8,Fel Adress AB,inte en adress,Ystad,
EOF
"$FOKUS" --db w.db import customers extra.csv > /dev/null 2>&1 || fail "import extra customers"
"$FOKUS" --db w.db categorize > /dev/null 2>&1 || fail "categorize"
"$FOKUS" --db w.db plan --apply > /dev/null 2>&1 || fail "plan --apply"
for x in X-1 X-2 X-3 X-4 X-5 X-6 X-7 X-8; do
	[ "$(sqlite3 w.db "SELECT category FROM snapshot_customers sc JOIN customers c ON c.id = sc.customer WHERE c.customer_id = '$x' AND snapshot_id = (SELECT max(id) FROM snapshots)")" = 3 ] \
		|| fail "$x should be category 3"
done
acts0=$(sqlite3 w.db "SELECT count(*) FROM activities")

# --- settings ----------------------------------------------------------------------
expect_rc 2 "$FOKUS" --db w.db settings set smtp.port 70000
expect_rc 2 "$FOKUS" --db w.db settings set smtp.starttls maybe
expect_rc 2 "$FOKUS" --db w.db settings set smtp.from 'not an address'
expect_rc 2 "$FOKUS" --db w.db settings set smtp.password secret
expect_rc 2 "$FOKUS" --db w.db settings set no.such thing
expect_rc 2 "$FOKUS" --db w.db settings set newsletter.secret 00
expect_rc 1 "$FOKUS" --db w.db settings get smtp.host
expect_eq "$("$FOKUS" --db w.db settings get smtp.rate)" "10" "default rate"
"$FOKUS" --db w.db settings set smtp.host 127.0.0.1 || fail "set host"
"$FOKUS" --db w.db settings set smtp.starttls nej || fail "set starttls"
expect_eq "$("$FOKUS" --db w.db settings get smtp.starttls)" "no" "starttls stored as no"
"$FOKUS" --db w.db settings set smtp.from 'Exempelgrossisten Åbo <nyhetsbrev@exempelgrossisten.example>' || fail "set from"
"$FOKUS" --db w.db settings set smtp.rate 200 || fail "set rate"
"$FOKUS" --db w.db settings set site.url 'https://fokus.exempelgrossisten.example/' || fail "set site.url"
expect_eq "$("$FOKUS" --db w.db settings get site.url)" "https://fokus.exempelgrossisten.example" "url without the slash"
"$FOKUS" --db w.db settings list > list.txt || fail "settings list"
expect_grep 'smtp.rate .*200' list.txt
grep -q secret list.txt && fail "the hidden secret is listed"

# --- the template -------------------------------------------------------------------
cat > t.md <<'EOF'
# Nyheter i december

{{greeting}}

Hej {{contact}}! Vi på Exempelgrossisten har fått in **nya arbetskläder** till {{name}}.

- Varselvästar
- Skyddsskor

Frågor? Skriv till {{seller}} på {{seller_email}}.
EOF
printf 'Hej {{kund}}\n' > bad.md
"$FOKUS" --db w.db newsletter send --template bad.md --subject x --dry-run > out.txt 2> err.txt && fail "unknown field accepted"
expect_grep 'unknown field {{kund}}' err.txt
expect_rc 1 "$FOKUS" --db w.db newsletter send --template nosuch.md --subject x --dry-run
expect_rc 2 "$FOKUS" --db w.db newsletter send --template t.md
printf '\377\376b\000a\000d\000' > utf16.md
"$FOKUS" --db w.db newsletter send --template utf16.md --subject x --dry-run 2> err.txt && fail "UTF-16 template accepted"
expect_grep 'not UTF-8' err.txt

SUBJ='Nyheter för {{name}} – december'
# --- dry run: counts and a preview, nothing sent or stored ---------------------------
start_smtpd srv1 --reject nobody@example.test --defer later@example.test
"$FOKUS" --db w.db newsletter send --template t.md --subject "$SUBJ" --dry-run --preview first.eml --lang sv > dry.txt || fail "dry run: $(cat dry.txt)"
expect_grep 'Provkörning' dry.txt
expect_grep 'utan e-postadress: [0-9]' dry.txt
expect_grep '1 delas av flera kunder' dry.txt
expect_eq "$(count srv1)" "0" "a dry run sends nothing"
expect_eq "$(sqlite3 w.db 'SELECT count(*) FROM newsletter_issues')" "0" "a dry run stores nothing"
expect_grep '^List-Unsubscribe: <https://fokus.exempelgrossisten.example/unsubscribe?e=' first.eml
total=$(sed -n 's/.*skulle skicka \([0-9 ]*\) meddelanden.*/\1/p' dry.txt | tr -d ' ')
[ "$total" -gt 100 ] || fail "dry run: few addresses ($total)"

# --- a first run of 5, then the rest ---------------------------------------------------
"$FOKUS" --db w.db newsletter send --template t.md --subject "$SUBJ" --limit 5 --lang sv > run1.txt 2>&1 || fail "send --limit 5: $(cat run1.txt)"
expect_eq "$(count srv1)" "5" "--limit 5"
"$FOKUS" --db w.db newsletter send --template t.md --subject "$SUBJ" --lang sv > run2.txt 2>&1 || fail "send: $(cat run2.txt)"
expect_grep '5 redan skickade' run2.txt
expect_grep '1 studsade' run2.txt
expect_grep '1 uppskjutna' run2.txt
expect_grep 'Kvar till nästa körning: 1$' run2.txt
sent=$(count srv1)
expect_eq "$sent" "$((total - 2))" "every address but the refused and the deferred one"
"$FOKUS" --db w.db newsletter send --template t.md --subject "$SUBJ" --lang sv > run3.txt 2>&1 || fail "send again"
expect_eq "$(count srv1)" "$sent" "nothing is sent twice"
expect_grep '1 uppskjutna' run3.txt
"$FOKUS" --db w.db newsletter suppressed > sup.txt
expect_grep '^nobody@example.test	bounced	.*550' sup.txt
grep -q later@example.test sup.txt && fail "a deferred address is not a bounce"

# --- the messages, parsed back --------------------------------------------------------
$PY - srv1 "$sent" <<'EOF' || fail "messages"
import sys, os, json, email, email.policy, collections
d, want = sys.argv[1], int(sys.argv[2])
rcpts = collections.Counter()
seen = {}
for f in sorted(os.listdir(d)):
    if not f.endswith('.eml'):
        continue
    raw = open(os.path.join(d, f), 'rb').read()
    env = json.load(open(os.path.join(d, f[:-4] + '.json')))
    assert b'\r\n' in raw and b'\n' not in raw.replace(b'\r\n', b''), f + ': bare LF'
    for line in raw.split(b'\r\n'):
        assert len(line) <= 998, f + ': line too long'
        assert all(b < 128 for b in line), f + ': 8-bit bytes: ' + repr(line[:80])
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert env['mail_from'] == 'nyhetsbrev@exempelgrossisten.example', env
    assert len(env['rcpt_tos']) == 1 and env['rcpt_tos'][0] == m['To'], (env, m['To'])
    rcpts[env['rcpt_tos'][0].lower()] += 1
    assert m['From'].addresses[0].display_name == 'Exempelgrossisten Åbo', m['From']
    assert str(m['Subject']).startswith('Nyheter för ') and str(m['Subject']).endswith(' – december'), m['Subject']
    assert m['Message-ID'] and m['Date'] and m['MIME-Version'] == '1.0'
    lu = str(m['List-Unsubscribe'])
    assert lu.startswith('<https://fokus.exempelgrossisten.example/unsubscribe?e=') and \
        '<mailto:nyhetsbrev@exempelgrossisten.example?subject=unsubscribe>' in lu, lu
    assert m['List-Unsubscribe-Post'] == 'List-Unsubscribe=One-Click'
    assert m.get_content_type() == 'multipart/alternative'
    parts = [p for p in m.iter_parts()]
    assert [p.get_content_type() for p in parts] == ['text/plain', 'text/html'], parts
    for p in parts:
        assert p.get_content_charset() == 'utf-8' and p['Content-Transfer-Encoding'] == 'quoted-printable'
    text, html = parts[0].get_content(), parts[1].get_content()
    assert '**nya arbetskläder**' in text and '<strong>nya arbetskläder</strong>' in html, text
    assert '<li>Varselvästar</li>' in html
    assert 'Avregistrera dig' in text and 'Avregistrera dig</a>' in html
    assert '{{' not in text and '{{' not in html
    seen[m['To'].lower()] = (str(m['Subject']), text, html)
assert sum(rcpts.values()) == want, (sum(rcpts.values()), want)
assert max(rcpts.values()) == 1, [a for a, n in rcpts.items() if n > 1]
s, text, html = seen['delad@example.test']
assert 'Delad Adress AB' in s, s            # the first customer by ID names the message
s, text, html = seen['akesson@example.test']
assert 'Hej Åsa Åkesson,' in text and 'Hej Åsa Åkesson!' in text, text
assert 'Åkessons Järn &amp; Färg' in html, html
s, text, html = seen['evil@example.test']
assert '<script>' not in html and '&lt;script&gt;alert(1)&lt;/script&gt;' in html, html
assert 'javascript:' not in html.replace('javascript:x)', ''), html
assert 'Hej alla på <script>' in text
assert 'nobody@example.test' not in seen and 'later@example.test' not in seen
EOF

# --- the analysis counts the contacts ----------------------------------------------------
reached=$(sqlite3 w.db "SELECT sum(customers) FROM newsletter_sends WHERE state = 'sent'")
nl=$(sqlite3 w.db "SELECT count(*) FROM activities a JOIN batches b ON b.id = a.batch_id WHERE b.kind = 'newsletter' AND a.type = 'newsletter' AND a.day = CAST(julianday('2026-12-07') - 2440587.5 AS INTEGER)")
expect_eq "$nl" "$reached" "one newsletter activity per customer reached"
expect_eq "$(sqlite3 w.db "SELECT count(*) FROM activities a JOIN customers c ON c.id = a.customer WHERE c.customer_id IN ('X-1','X-2') AND a.type = 'newsletter'")" "2" "both customers of a shared address"
expect_eq "$(sqlite3 w.db "SELECT count(*) FROM activities WHERE batch_id IN (SELECT id FROM batches WHERE kind='newsletter') AND seller_id IS NULL")" "0" "newsletter activities name the responsible person"
"$FOKUS" --db w.db analyze --from 2026-12-01 --to 2026-12-07 --format json > an.json || fail "analyze"
$PY - an.json "$reached" <<'EOF' || fail "analyze does not count the newsletters"
import json, sys
a = json.load(open(sys.argv[1])); want = int(sys.argv[2])
assert a['activities']['used'] >= want, a['activities']
u = {r['category']: r for r in a['uncontacted']}
assert u['3']['of'] - u['3']['customers'] >= want - 1, u['3']
EOF

# --- unsubscribe, and a next issue honours it ------------------------------------------------
expect_rc 2 "$FOKUS" --db w.db newsletter unsubscribe 'not-an-address'
"$FOKUS" --db w.db newsletter unsubscribe AKESSON@example.test > u.txt || fail "unsubscribe"
expect_grep 'no more newsletters' u.txt
"$FOKUS" --db w.db newsletter unsubscribe akesson@example.test | grep -q 'already' || fail "unsubscribe twice"
"$FOKUS" --db w.db newsletter bounce --reason 'mailbox full for months' 'later@example.test' > /dev/null || fail "bounce"
before=$(count srv1)
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Januari' --issue jan-2027 --limit 20 > run4.txt 2>&1 || fail "second issue: $(cat run4.txt)"
expect_eq "$(count srv1)" "$((before + 20))" "second issue, 20 messages"
expect_grep '1 unsubscribed, 2 bounced before' run4.txt
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Januari' --issue jan-2027 --limit 1000 > /dev/null 2>&1 || fail "second issue, rest"
$PY - srv1 <<'EOF' || fail "the January issue went to a suppressed address"
import os, sys, json
d = sys.argv[1]
for f in os.listdir(d):
    if f.endswith('.eml') and b'X-Fokus-Issue: jan-2027' in open(os.path.join(d, f), 'rb').read():
        to = json.load(open(os.path.join(d, f[:-4] + '.json')))['rcpt_tos'][0].lower()
        assert to not in ('akesson@example.test', 'later@example.test', 'nobody@example.test'), to
EOF
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Another subject' --issue jan-2027 --dry-run > /dev/null 2>&1 && fail "an issue id with another subject"
"$FOKUS" --db w.db newsletter resubscribe akesson@example.test | grep -q 'again' || fail "resubscribe"
"$FOKUS" --db w.db newsletter status > st.txt || fail "status"
expect_grep '^jan-2027 ' st.txt
kill $SPID 2>/dev/null

# --- interrupted: SIGINT finishes the message under way and stops ---------------------------
start_smtpd srv2
"$FOKUS" --db w.db settings set smtp.rate 10
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Februari' --issue feb > int.txt 2>&1 &
np=$!
sleep 1.5
kill -INT $np
wait $np && fail "an interrupted send exits 0"
expect_grep 'interrupted' int.txt
n1=$(count srv2)
[ "$n1" -ge 5 ] && [ "$n1" -le 30 ] || fail "about 15 messages before the interruption, got $n1"
expect_eq "$(sqlite3 w.db "SELECT count(*) FROM newsletter_sends WHERE issue='feb' AND state='sending'")" "0" "no message half-sent after SIGINT"
# the rate: 10 a second, so the first n1 took at least (n1 - 1) / 10 s
$PY - srv2 10 <<'EOF' || fail "rate limit"
import os, sys, json
d, rate = sys.argv[1], float(sys.argv[2])
t = sorted(json.load(open(os.path.join(d, f)))['t'] for f in os.listdir(d) if f.endswith('.json'))
assert len(t) >= 5 and t[-1] - t[0] >= (len(t) - 1) / rate * 0.95, (len(t), t[-1] - t[0])
EOF
"$FOKUS" --db w.db settings set smtp.rate 500
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Februari' --issue feb > res.txt 2>&1 || fail "resume: $(cat res.txt)"
expect_grep "$n1 sent before" res.txt
$PY - srv2 <<'EOF' || fail "resumed send: an address twice"
import os, sys, json, collections
d = sys.argv[1]
c = collections.Counter(json.load(open(os.path.join(d, f)))['rcpt_tos'][0].lower() for f in os.listdir(d) if f.endswith('.json'))
assert max(c.values()) == 1, [a for a, n in c.items() if n > 1]
EOF
kill $SPID 2>/dev/null

# --- killed while the server holds the message: not sent again unless asked ------------------
start_smtpd srv3 --delay 3
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Mars' --issue mar > kill.txt 2>&1 &
np=$!
sleep 1.2
kill -9 $np; wait $np 2>/dev/null
expect_eq "$(sqlite3 w.db "SELECT count(*) FROM newsletter_sends WHERE issue='mar' AND state='sending'")" "1" "one message in flight"
kill $SPID 2>/dev/null
start_smtpd srv4
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Mars' --issue mar --limit 3 > k2.txt 2>&1 || fail "after kill: $(cat k2.txt)"
expect_grep '1 maybe reached by an interrupted send' k2.txt
inflight=$(sqlite3 w.db "SELECT email FROM newsletter_sends WHERE issue='mar' AND state='sending'")
grep -q "\"$inflight\"" srv4/*.json && fail "the uncertain address was sent again"
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Mars' --issue mar --limit 1 --resend-uncertain > /dev/null 2>&1 || fail "--resend-uncertain"
grep -q "\"$inflight\"" srv4/*.json || fail "--resend-uncertain did not send to $inflight"
kill $SPID 2>/dev/null

# --- a server that is gone: the run stops, nothing is marked sent ----------------------------
"$FOKUS" --db w.db settings set smtp.port 9 > /dev/null
"$FOKUS" --db w.db newsletter send --template t.md --subject 'April' --issue apr > gone.txt 2>&1 && fail "no server, exit 0"
expect_grep 'did not take the message' gone.txt
expect_eq "$(sqlite3 w.db "SELECT count(*) FROM newsletter_sends WHERE issue='apr'")" "0" "nothing logged without a server"

# --- STARTTLS with a login; the password never stored nor printed ---------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 > /dev/null 2>&1 || fail "openssl"
PW='Hemligt-lösen-4711'
start_smtpd srv5 --cert cert.pem --key key.pem --auth "nyhetsbrev:$PW"
"$FOKUS" --db w.db settings set smtp.starttls yes
"$FOKUS" --db w.db settings set smtp.user nyhetsbrev
"$FOKUS" --db w.db settings set smtp.cafile "$T/cert.pem"
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Maj' --issue may --limit 2 > nopw.txt 2>&1 && fail "a login without a password"
expect_grep 'FOKUS_SMTP_PASSWORD' nopw.txt
FOKUS_SMTP_PASSWORD="$PW" "$FOKUS" --db w.db newsletter send --template t.md --subject 'Maj' --issue may --limit 2 > tls.txt 2>&1 || fail "STARTTLS + login: $(cat tls.txt)"
expect_eq "$(count srv5)" "2" "two messages over TLS"
grep -h '"tls": true' srv5/*.json | grep -c '"auth": "nyhetsbrev"' | grep -qx 2 || fail "not over TLS with the login: $(cat srv5/*.json)"
printf '%s\n' "$PW" > pw.secret
"$FOKUS" --db w.db newsletter send --template t.md --subject 'Maj' --issue may --limit 1 --password-file pw.secret > tls2.txt 2>&1 || fail "--password-file"
expect_eq "$(count srv5)" "3" "--password-file"
FOKUS_SMTP_PASSWORD=wrong-password "$FOKUS" --db w.db newsletter send --template t.md --subject 'Maj' --issue may --limit 1 > badpw.txt 2>&1 && fail "a wrong password"
expect_grep "Login denied\|535" badpw.txt
expect_eq "$(count srv5)" "3" "nothing sent with a wrong password"
expect_eq "$(sqlite3 w.db "SELECT count(*) FROM newsletter_sends WHERE issue='may' AND state <> 'sent'")" "0" "a refused login leaves no row"
"$FOKUS" --db w.db settings set smtp.starttls no
FOKUS_SMTP_PASSWORD="$PW" "$FOKUS" --db w.db newsletter send --template t.md --subject 'Maj' --issue may --limit 1 > clear.txt 2>&1 && fail "a password without encryption"
expect_grep 'unencrypted' clear.txt
for f in *.txt; do grep -q "$PW" "$f" && fail "the password is printed in $f"; done
sqlite3 w.db .dump | grep -q "$PW" && fail "the password is in the workspace"
grep -q "$PW" w.db* && fail "the password is in the workspace file"
kill $SPID 2>/dev/null
"$FOKUS" help newsletter | grep -q -- '--resend-uncertain' || fail "help newsletter"
"$FOKUS" help settings | grep -q 'smtp.rate' || fail "help settings"
exit 0
