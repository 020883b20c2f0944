# lib.sh — helpers for CLI tests; source it: . "$LIB" (tests/cli/run sets nothing else).
# fail MSG: print and exit 1.   expect_eq A B MSG   expect_rc RC CMD...   expect_grep RE FILE
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_eq() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }
expect_rc() { want=$1; shift; "$@" >/dev/null 2>&1; got=$?; [ "$got" = "$want" ] || fail "exit $got (wanted $want): $*"; }
expect_grep() { grep -q -- "$1" "$2" || { echo "--- $2:" >&2; head -40 "$2" >&2; fail "no '$1' in $2"; }; }
