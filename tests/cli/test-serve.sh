# test-serve.sh — `fokus serve` from the command line: --port 0 prints the
# URL first, 127.0.0.1 only, security headers, 401 on the API without a
# session, --exit-after stops it by itself, usage errors; TLS files checked
# (missing, not PEM, a key of another certificate), https:// with TLS, the
# warning for an address beyond this machine without TLS. (The full API and
# browser tests are in tests/web.)
. "$OLDPWD/tests/cli/lib.sh"
db=$T/w.db
echo 'manager-pass' | "$FOKUS" --db "$db" user add anna --role manager --password-stdin 2>/dev/null || fail "user add"
"$FOKUS" --db "$db" serve --port 0 --exit-after 3 > out.txt 2> err.txt &
pid=$!
i=0
while [ ! -s out.txt ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -1 out.txt)
echo "$url" | grep -Eq '^http://127\.0\.0\.1:[0-9]+/$' || { kill $pid; fail "URL line: $url $(cat err.txt)"; }
curl -s -D h.txt -o index.html "$url" || { kill $pid; fail "GET /"; }
grep -qi '^X-Content-Type-Options: nosniff' h.txt || fail "nosniff"
grep -qi "^Content-Security-Policy: default-src 'self'; script-src 'self';" h.txt || fail "CSP"
grep -qi '^X-Frame-Options: DENY' h.txt || fail "X-Frame-Options"
grep -q '<script type="module" src="/app.js">' index.html || fail "index.html"
code=$(curl -s -o /dev/null -w '%{http_code}' "${url}api/summary")
expect_eq "$code" "401" "API without a session"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
	-d '{"user":"anna","password":"manager-pass"}' "${url}api/login")
expect_eq "$code" "200" "login"
# --exit-after 3: the server stops by itself.
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 60 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 $pid 2>/dev/null && { kill $pid; fail "still running after --exit-after"; }
wait $pid || fail "exit status $?"
expect_rc 2 "$FOKUS" --db "$db" serve --port 70000
expect_rc 2 "$FOKUS" --db "$db" serve --bogus
expect_rc 1 "$FOKUS" --db "$db" serve --bind not-an-ip --port 0 --exit-after 1
"$FOKUS" help serve | grep -q -- "--exit-after" || fail "help serve"

# TLS: both files or neither; unreadable, non-PEM and mismatched files are
# refused with a sentence before anything listens.
expect_rc 2 "$FOKUS" --db "$db" serve --port 0 --tls-cert x.pem
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 \
	-subj "/CN=127.0.0.1" >/dev/null 2>&1 || fail "openssl req"
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.pem -out other-cert.pem -days 2 \
	-subj "/CN=other" >/dev/null 2>&1 || fail "openssl req (other)"
"$FOKUS" --db "$db" serve --port 0 --tls-cert nope.pem --tls-key key.pem 2> e1.txt
expect_eq $? 1 "missing certificate"
expect_grep "nope.pem" e1.txt
echo "not a key" > junk.pem
"$FOKUS" --db "$db" serve --port 0 --tls-cert cert.pem --tls-key junk.pem 2> e2.txt
expect_eq $? 1 "junk key"
expect_grep "not a PEM file" e2.txt
"$FOKUS" --db "$db" serve --port 0 --tls-cert cert.pem --tls-key other.pem 2> e3.txt
expect_eq $? 1 "a key of another certificate"
expect_grep "cannot serve HTTPS" e3.txt
# With TLS the URL is https:// and there is no warning.
"$FOKUS" --db "$db" serve --port 0 --exit-after 2 --tls-cert cert.pem --tls-key key.pem \
	> tls.txt 2> tls-err.txt || fail "serve with TLS: $(cat tls-err.txt)"
grep -Eq '^https://127\.0\.0\.1:[0-9]+/$' tls.txt || fail "https URL: $(cat tls.txt)"
[ -s tls-err.txt ] && fail "stderr with TLS: $(cat tls-err.txt)"

# Beyond loopback without TLS: a warning first. (192.0.2.1 is a documentation
# address no machine has, so nothing listens beyond this machine.)
"$FOKUS" --db "$db" serve --bind 192.0.2.1 --port 0 --exit-after 1 > /dev/null 2> w.txt
expect_eq $? 1 "bind to an address this machine does not have"
expect_grep "warning: 192.0.2.1 is reachable beyond this machine and there is no TLS" w.txt
expect_grep "cannot listen on 192.0.2.1" w.txt
# ... and none for loopback (the run above at the top printed nothing).
[ -s err.txt ] && fail "stderr on loopback: $(cat err.txt)"
expect_rc 2 "$FOKUS" --db "$db" serve --max-per-ip 0
expect_rc 2 "$FOKUS" --db "$db" serve --timeout 0
exit 0
