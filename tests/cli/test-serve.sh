# test-serve.sh — `fokus serve` from the command line: --port 0 prints the
# URL first, 127.0.0.1 only, security headers, 401 on the API without a
# session, --exit-after stops it by itself, usage errors. (The full API and
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
exit 0
