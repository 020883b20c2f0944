# test-basics.sh — global behaviour of build/fokus: help, version, exit codes,
# the workspace created on first use.
. "$OLDPWD/tests/cli/lib.sh"
"$FOKUS" --help | grep -q "usage: fokus" || fail "--help"
"$FOKUS" --version | grep -Eq "^fokus [0-9]+\.[0-9]+\.[0-9]+$" || fail "--version"
expect_rc 2 "$FOKUS"
expect_rc 2 "$FOKUS" no-such-command
expect_rc 0 "$FOKUS" help help
expect_rc 2 "$FOKUS" help no-such-command
"$FOKUS" --help 2>/dev/null >/dev/null
exit 0
