# test-import-fields.sh — issue 14's two defects and where rejected rows go:
# a ';' file over 64 KB whose header has å ä ö (UTF-8 and Windows-1252, LF and
# CRLF) imports like its 700-row cut; a row with more fields than the header
# is rejected with file:line and the counts (unless the extra fields are
# empty), a short row only when a needed column has no cell; --rejected PATH,
# and the fallback to the current folder when the input's cannot be written.
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C

python3 - <<'PY'
rows = ["Kundnr;Datum;Belopp;Benämning"]
for i in range(5000):
    rows.append(f"K{i % 300};2026-01-{1 + i % 28:02d};{i * 37 % 99999},{i % 100:02d};Vara {i}")
text = "\n".join(rows) + "\n"
for name, enc, nl in (("u8-lf", "utf-8", "\n"), ("u8-crlf", "utf-8", "\r\n"),
                      ("cp-lf", "cp1252", "\n"), ("cp-crlf", "cp1252", "\r\n")):
    with open(name + ".csv", "w", encoding=enc, newline=nl) as f:
        f.write(text)
    with open(name + "-700.csv", "w", encoding=enc, newline=nl) as f:
        f.write("\n".join(rows[:701]) + "\n")
# the expected total of the 5000 rows, in öre
print(sum((i * 37 % 99999) * 100 + i % 100 for i in range(5000)), file=open("total.txt", "w"))
PY
[ "$(wc -c < u8-lf.csv)" -gt 65536 ] || fail "the test file must be larger than 64 KB"
total=$(cat total.txt)
for f in u8-lf u8-crlf cp-lf cp-crlf; do
	"$FOKUS" --db "$f.db" import orders "$f.csv" --json > "$f.json" 2> err.txt \
		|| { cat err.txt; fail "$f.csv does not import"; }
	expect_eq "$(jq .rows_stored "$f.json")" 5000 "$f rows"
	expect_eq "$(sqlite3 "$f.db" 'SELECT count(*) FROM customers')" 300 "$f customers"
	expect_eq "$(jq '.amount_total * 100 | round' "$f.json")" "$total" "$f total"
	case $f in cp-*) expect_grep "windows-1252" "$f.json" ;; *) expect_grep "utf-8" "$f.json" ;; esac
	"$FOKUS" --db "$f-700.db" import orders "$f-700.csv" --json > "$f-700.json" || fail "$f-700"
	expect_eq "$(jq -r .format "$f-700.json" | head -1)" "$(jq -r .format "$f.json" | head -1)" \
		"$f: the same format decided at 700 and 5000 rows"
done

# More fields than the header: "12,3" in a comma file is not stored as 12.
printf 'customer_id,date,amount\nA,2026-01-02,5\nD,2026-01-04,12,3,4\nE,2026-01-05,7,,\n' > extra.csv
"$FOKUS" --db x.db import orders extra.csv > out.txt 2> err.txt; rc=$?
expect_eq "$rc" 1 "a row with extra fields stops the import"
expect_grep "^extra.csv:3: 5 fields, the header has 3$" err.txt
expect_eq "$(sqlite3 x.db 'SELECT count(*) FROM customers')" 0 "nothing stored"
# with --skip-bad it goes to the rejected file; trailing empty fields are fine
"$FOKUS" --db x.db import orders extra.csv --skip-bad --json > out.json 2> err.txt || fail "skip-bad"
expect_eq "$(jq .rows_stored out.json)" 2 "two good rows"
expect_eq "$(jq -r .rejected_file out.json)" "extra.csv.rejected.csv" "rejected file beside the input"
expect_grep '^3,"5 fields, the header has 3",D,2026-01-04,12,3,4$' extra.csv.rejected.csv
# fewer fields: fine when only optional columns lack a cell
printf 'Kundnr;Datum;Belopp;Anteckning\n1;2026-01-02;5\n2;2026-01-03\n' > short.csv
"$FOKUS" --db s.db import orders short.csv 2> err.txt; rc=$?
expect_eq "$rc" 1 "a row without an amount cell"
expect_grep '^short.csv:3: 2 fields, the header has 4: no cell for column "Belopp"$' err.txt
expect_eq "$(grep -c . err.txt)" 2 "one bad row and the closing line"

# --rejected PATH; without it, a folder that cannot be written falls back to
# the current one (/proc/self/fd cannot hold a new file, even for root).
"$FOKUS" --db r1.db import orders extra.csv --skip-bad --rejected bad-rows.csv > out.txt \
	|| fail "--rejected"
expect_grep "rejected rows in *bad-rows.csv$" out.txt
expect_grep "^3," bad-rows.csv
expect_rc 2 "$FOKUS" --db r2.db import orders extra.csv --rejected x.csv
mkdir here && cd here
"$FOKUS" --db ../r3.db import orders /proc/self/fd/3 --skip-bad 3< ../extra.csv > out.txt \
	|| fail "import from a folder that cannot be written"
expect_grep "rejected rows in *3.rejected.csv (the file's folder cannot be written)" out.txt
expect_grep "^3," 3.rejected.csv
cd ..
"$FOKUS" --db r4.db import orders extra.csv --skip-bad --rejected no/such/dir/x.csv 2> err.txt
expect_eq "$?" 1 "an unwritable --rejected path stops the import"
expect_grep "cannot write the rejected rows to no/such/dir/x.csv" err.txt
expect_eq "$(sqlite3 r4.db 'SELECT count(*) FROM customers')" 0 "nothing stored then"
