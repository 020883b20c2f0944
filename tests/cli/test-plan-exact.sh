# test-plan-exact.sh — issue 17 §3, small: on three little sample companies
# (every seller a farmer, every category kept by farmers, so 4–5 persons
# compete for the same customers; tight and loose capacity; move costs; no
# balance band, which the model leaves out) the model `fokus plan
# --export-model` writes is solved by Debian's glpsol: its
# linear relaxation (--nomip, seconds) bounds the optimum from above, and the
# plan's "objective" must be within 1 % of that bound — so within 1 % of the
# optimum — and never above it. The 24-instance version with the integer
# optimum and times is bench/plan-exact (results in bench/RESULTS.md).
. "$OLDPWD/tests/cli/lib.sh"
command -v glpsol >/dev/null || fail "glpsol missing (scripts/install-deps installs glpk-utils)"
command -v python3 >/dev/null || fail "python3 missing"
for spec in "1 80 4 0.05 5000" "2 120 5 0.15 2000" "3 100 4 0.5 0"; do
	set -- $spec
	d=i$1
	mkdir "$d" && cd "$d" || fail "mkdir $d"
	"$FOKUS" sample --out s --customers "$2" --sellers "$3" --seed "$1" >/dev/null || fail "sample $d"
	awk -F, 'NR == 1 { print; next } { $3 = "farmer"; print }' OFS=, s/sellers.csv >farmers.csv
	"$FOKUS" import sellers farmers.csv >/dev/null 2>&1 || fail "sellers $d"
	for k in customers orders activities; do
		"$FOKUS" import $k s/$k.csv >/dev/null 2>&1 || fail "import $k $d"
	done
	"$FOKUS" categorize >/dev/null || fail "categorize $d"
	"$FOKUS" policy set 2P --role farmer >/dev/null && "$FOKUS" policy set 3 --role farmer >/dev/null ||
		fail "policy $d"
	# Without the balance band (not in the model) the plan solves exactly the model's problem.
	"$FOKUS" plan --balance 0 --field-share "$4" --move-cost "$5" --export-model m.lp --format json \
		--out p.json 2>/dev/null || fail "plan $d"
	glpsol --lp m.lp --nomip -o lp.txt >glpsol.log 2>&1 || fail "glpsol $d: $(tail -3 glpsol.log)"
	grep -q "Status:     OPTIMAL" lp.txt || fail "glpsol did not solve the relaxation of $d: $(grep Status lp.txt)"
	python3 - p.json lp.txt "$d" <<'PY' || fail "plan not within 1 % of the optimum on $d"
import json, re, sys
plan = json.load(open(sys.argv[1]))["objective"]
bound = float(re.search(r"Objective:\s+obj = ([-0-9.e+]+)", open(sys.argv[2]).read()).group(1))
gap = (bound - plan) / abs(bound)
print("%s: plan %.2f, bound %.2f, gap at most %.4f %%" % (sys.argv[3], plan, bound, 100 * gap), file=sys.stderr)
assert gap >= -1e-7, "the plan is better than the model's bound: the model is not the plan's problem"
assert gap <= 0.01
PY
	cd .. || fail "cd"
done
exit 0
