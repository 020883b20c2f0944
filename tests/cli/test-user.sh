# test-user.sh — `fokus user add|list|remove|passwd`: roles, the seller ID
# rule, passwords from stdin, duplicates, usage errors, and that only a hash
# is stored.
. "$OLDPWD/tests/cli/lib.sh"
db=$T/w.db
echo 'manager-pass' | "$FOKUS" --db "$db" user add anna --role manager --password-stdin 2>err || fail "add manager: $(cat err)"
echo 'seller-pass1' | "$FOKUS" --db "$db" user add erik --role seller --seller-id S03 --password-stdin 2>/dev/null || fail "add seller"
expect_rc 2 sh -c "echo 'seller-pass1' | '$FOKUS' --db '$db' user add olle --role seller --password-stdin"
expect_rc 2 sh -c "echo 'long-enough' | '$FOKUS' --db '$db' user add olle --role boss --password-stdin"
expect_rc 2 sh -c "echo 'long-enough' | '$FOKUS' --db '$db' user add olle --role manager --seller-id S1 --password-stdin"
expect_rc 1 sh -c "echo 'short' | '$FOKUS' --db '$db' user add olle --role manager --password-stdin"
expect_rc 1 sh -c "echo 'manager-pass' | '$FOKUS' --db '$db' user add anna --role manager --password-stdin"
expect_rc 1 sh -c "'$FOKUS' --db '$db' user add olle --role manager --password-stdin < /dev/null"
expect_rc 2 "$FOKUS" --db "$db" user
expect_rc 2 "$FOKUS" --db "$db" user frobnicate
"$FOKUS" --db "$db" user list > list.txt || fail "list"
expect_eq "$(head -1 list.txt)" "$(printf 'name\trole\tseller_id\tcreated_at')" "list header"
expect_eq "$(cut -f1-3 list.txt | sed -n 2,3p | tr '\t' ' ')" "$(printf 'anna manager \nerik seller S03')" "list rows"
sqlite3 "$db" "SELECT pw_hash FROM users WHERE name = 'anna'" | grep -q '^\$argon2id\$' || fail "argon2id hash"
sqlite3 "$db" "SELECT count(*) FROM users WHERE pw_hash LIKE '%manager-pass%'" | grep -qx 0 || fail "password in clear"
echo 'other-pass-1' | "$FOKUS" --db "$db" user passwd anna --password-stdin 2>/dev/null || fail "passwd"
expect_rc 1 sh -c "echo 'other-pass-1' | '$FOKUS' --db '$db' user passwd nobody --password-stdin"
"$FOKUS" --db "$db" user remove erik 2>/dev/null || fail "remove"
expect_rc 1 "$FOKUS" --db "$db" user remove erik
expect_eq "$("$FOKUS" --db "$db" user list | wc -l | tr -d ' ')" "2" "one user left"
"$FOKUS" help user | grep -q -- "--password-stdin" || fail "help user"
exit 0
