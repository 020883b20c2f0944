# test-vrptw.sh — covers src/cmd-vrptw.c (and through it core/vrp.c,
# core/vrp-check.c, io/solomon.c): json and text output on a Solomon
# instance, the json checked here by an awk re-computation of the distance
# and the windows, determinism with --iterations, usage and data errors.
. "$OLDPWD/tests/cli/lib.sh"
S=$DATA/solomon
[ -f "$S/C101.txt" ] || fail "no Solomon instances in $S"

"$FOKUS" vrptw "$S/R101.txt" --iterations 3000 --seed 7 --json >r101.json || fail "vrptw R101"
expect_grep '"distance": ' r101.json
expect_grep '"vehicles": ' r101.json
expect_grep '"routes": \[\[' r101.json

# An independent check in awk: every customer once, windows, capacity, distance.
tr -d ' \n' <r101.json | sed 's/.*"routes":\[\[//; s/\]\]}.*//; s/\],\[/\n/g' >routes.txt
claimed=$(sed -n 's/.*"distance": *\([0-9.]*\).*/\1/p' r101.json)
awk -v claimed="$claimed" '
	FNR == NR { sub(/\r$/, ""); if (NF == 7 && $1 ~ /^[0-9]+$/) { x[$1]=$2; y[$1]=$3; q[$1]=$4; r[$1]=$5; d[$1]=$6; s[$1]=$7; n++ }
		    else if (NF == 2 && $1 ~ /^[0-9]+$/ && !cap) cap = $2 + 0; next }
	{
		m = split($0, c, ","); t = 0; load = 0; p = 0; routes++
		for (i = 1; i <= m; i++) {
			k = c[i] + 0; if (seen[k]++) { print "twice " k; exit 1 }
			dd = sqrt((x[p]-x[k])^2 + (y[p]-y[k])^2); dist += dd; t += dd
			if (t < r[k]) t = r[k]; if (t > d[k] + 1e-6) { print "late " k; exit 1 }
			t += s[k]; load += q[k]; p = k
		}
		dd = sqrt((x[p]-x[0])^2 + (y[p]-y[0])^2); dist += dd; t += dd
		if (t > d[0] + 1e-6) { print "back late"; exit 1 }
		if (load > cap) { print "overloaded"; exit 1 }
	}
	END {
		if (length(seen) != n - 1) { print "served " length(seen) " of " n - 1; exit 1 }
		if (dist - claimed > 1e-3 || claimed - dist > 1e-3) { print "distance " dist " vs " claimed; exit 1 }
		if (dist > 1642.88 * 1.05) { print "distance " dist " is far from the best known"; exit 1 }
	}' "$S/R101.txt" routes.txt || fail "the awk check of R101 failed"

# The same seed and iteration count give the same answer; text output.
"$FOKUS" vrptw "$S/R101.txt" --iterations 3000 --seed 7 --json >again.json
cmp -s r101.json again.json || fail "not deterministic for a fixed seed"
"$FOKUS" vrptw "$S/C201.txt" --time-limit 0.5 >c201.txt || fail "vrptw C201"
expect_grep '^C201: distance [0-9.]*, 3 vehicles (at most 25)' c201.txt
expect_grep '^route 1:' c201.txt

expect_rc 2 "$FOKUS" vrptw
expect_rc 2 "$FOKUS" vrptw "$S/C101.txt" --time-limit x
expect_rc 2 "$FOKUS" vrptw "$S/C101.txt" --bogus
expect_rc 1 "$FOKUS" vrptw no-such-file.txt
printf 'BAD\nVEHICLE\n 2 10\n 0 0 0 0 0 10\n' >bad.txt
expect_rc 1 "$FOKUS" vrptw bad.txt
"$FOKUS" help vrptw | grep -q -- '--time-limit' || fail "help vrptw"
exit 0
