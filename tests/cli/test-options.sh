# test-options.sh — the option parsers of src/cmd.c as every command sees
# them: a bad --snapshot, whole number, number or --format is refused with
# exit 2 and one clear sentence naming the option and the value, before the
# workspace is touched.
. "$OLDPWD/tests/cli/lib.sh"
export FOKUS_DB="$T/none.db"
# refuse CMD... WANT: exit 2, WANT on stderr
refuse() {
	want=$1; shift
	"$FOKUS" "$@" >"$T/out" 2>"$T/err"; rc=$?
	[ "$rc" = 2 ] || { cat "$T/err" >&2; fail "exit $rc (wanted 2): $*"; }
	expect_grep "$want" "$T/err"
}
for c in analyze compare customers uncontacted report plan export; do
	refuse "fokus $c: --snapshot wants a snapshot id ('fokus history' lists them), not '3abc'" \
		"$c" --snapshot 3abc
	refuse "not '0'" "$c" --snapshot 0
	refuse "not '-1'" "$c" --snapshot -1
	refuse "not ''" "$c" --snapshot ""
done
refuse "fokus newsletter: --limit wants a whole number, 1 or more, not '-1'" newsletter send --limit -1
refuse "--limit wants a whole number, 1 or more, not '3abc'" newsletter send --limit 3abc
refuse "fokus analyze: --attribution-days wants a whole number from 0 to 3660, not '7d'" \
	analyze --attribution-days 7d
refuse "fokus compare: --attribution-days wants a whole number from 0 to 3660, not '-1'" \
	compare --attribution-days -1
refuse "fokus analyze: --hours-per-year wants a whole number from 1 to 8784, not '1e3'" \
	analyze --hours-per-year 1e3
refuse "fokus analyze: --cat3-limit wants a share such as 25% or 0.25, not '250%'" \
	analyze --cat3-limit 250%
refuse "fokus demo: --port wants a whole number from 0 to 65535, not '80x'" demo --no-serve --port 80x
refuse "fokus demo: --exit-after wants a whole number" demo --exit-after 5s
refuse "--weeks wants whole weeks from 1 to 52: '2.0'" export --weeks 2.0
refuse "--from wants a snapshot id, not '1x'" migration --from 1x
refuse "--seed wants a whole number, not \"-1\"" sample --seed -1
for c in analyze customers migration report plan; do
	refuse "fokus $c: --format is text, csv" "$c" --format yaml
done
refuse "fokus route: --format is text, csv, json, ics or html, not 'pdf'" route --seller x --format pdf
# the same values, well formed, are taken (then the empty workspace speaks)
taken() {
	"$FOKUS" "$@" >/dev/null 2>"$T/err"
	! grep -q "wants\|--format is" "$T/err" || fail "$* refused: $(cat "$T/err")"
}
taken analyze --snapshot 3
taken analyze --cat3-limit 0,25 --attribution-days 30 --format json
taken customers --snapshot 12 --format csv
exit 0
