# test-import-exports.sh — exports as accounting systems and spreadsheets
# make them (issue 14 §3): a totals row ("Summa", or the sum of the rows
# above) is left out and reported; a ledger workbook whose first sheet is a
# cover sheet is searched for the sheet with the table, which the summary
# names; title rows stay fine; activity types as CRMs name them, and for the
# rest a value map given once with --map-value and kept in the workspace;
# unknown values reported once per value with their count and a suggested map.
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C

# --- a ledger workbook: cover sheet, then Fakturor with a title and a Summa row
python3 - <<'PY'
import zipfile
from xml.sax.saxutils import escape
def cell(ref, v):
    if isinstance(v, str):
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))
    return '<c r="%s"><v>%s</v></c>' % (ref, v)
def sheet(rows):
    out = []
    for r, row in enumerate(rows, 1):
        cells = "".join(cell("%s%d" % ("ABCD"[c], r), v) for c, v in enumerate(row) if v is not None)
        out.append('<row r="%d">%s</row>' % (r, cells))
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>%s</sheetData></worksheet>' % "".join(out))
cover = [["Kundreskontra 2026"], [], ["Se fliken Fakturor"]]
ledger = [["Fakturajournal januari"], [None], ["Kundnr", "Fakturadatum", "Belopp", "Text"]]
total = 0
for i in range(40):
    amount = (i * 37 % 900) + 0.5
    total += amount
    ledger.append([1000 + i % 7, "2026-01-%02d" % (1 + i % 28), amount, "rad %d" % i])
ledger.append(["Summa", None, total, None])
names = ["Försättsblad", "Fakturor"]
z = zipfile.ZipFile("ledger.xlsx", "w")
z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(2))
  + '</Types>')
z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
  + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, n in enumerate(names)) + '</sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(2))
  + '</Relationships>')
z.writestr("xl/worksheets/sheet1.xml", sheet(cover))
z.writestr("xl/worksheets/sheet2.xml", sheet(ledger))
z.close()
print(round(total * 100), file=open("ledger-total.txt", "w"))
PY
"$FOKUS" --db l.db import orders ledger.xlsx --json > l.json 2> err.txt || { cat err.txt; fail "the ledger workbook is refused"; }
expect_eq "$(jq .rows_stored l.json)" 40 "ledger rows"
expect_eq "$(jq .totals_rows l.json)" 1 "one totals row left out"
expect_eq "$(jq '.amount_total * 100 | round' l.json)" "$(cat ledger-total.txt)" "the Summa row is not revenue"
expect_eq "$(jq '.totals_rows_left_out[0].line' l.json)" 44 "the totals row's line"
jq -r .format l.json | grep -q 'sheet Fakturor (the first sheet, "Försättsblad", holds no table of orders' \
	|| fail "the summary names the sheet: $(jq -r .format l.json)"
"$FOKUS" --db l2.db import orders ledger.xlsx --sheet "Försättsblad" 2> err.txt; rc=$?
expect_eq "$rc" 1 "--sheet still decides"
"$FOKUS" --db l3.db import orders ledger.xlsx > sum.txt || fail "summary"
expect_grep "totals rows left out *1 (line 44: \"Summa\"" sum.txt

# --- a csv export with subtotals and a grand total
printf 'Kundrapport\n\nKundnr;Datum;Belopp\n1;2026-01-02;100,00\n2;2026-01-03;50,50\nDelsumma;;150,50\n3;2026-01-04;10,00\n;;10,00\nTotalt;;160,50\n' > rapport.csv
"$FOKUS" --db r.db import orders rapport.csv --json > r.json || fail "subtotals refused"
expect_eq "$(jq .rows_stored r.json)" 3 "three lines"
expect_eq "$(jq .totals_rows r.json)" 3 "three totals rows"
expect_eq "$(jq '.amount_total * 100 | round' r.json)" 16050 "amount"

# --- activity types as CRMs write them
printf 'Datum;Kund;S\303\244ljare;Aktivitetstyp\n' > akt.csv
for t in "Möte bokat" "Fysiskt möte" "Teams-möte" "Bokat möte" "Utgående samtal" "Mejl" "Kundlunch" \
	"Kundlunch" "Kundlunch" "Mässa"; do
	printf '2026-03-02;C1;S1;%s\n' "$t" >> akt.csv
done
"$FOKUS" --db a.db import activities akt.csv > out.txt 2> err.txt; rc=$?
expect_eq "$rc" 1 "unknown types stop the import"
expect_eq "$(grep -c 'is not an activity type' err.txt)" 2 "one line per unknown value, not per row"
expect_grep 'akt.csv:8: column "Aktivitetstyp": "Kundlunch" is not an activity type (visit, phone, email, meeting, meeting_booked, newsletter, other): 3 rows, the first on line 8; map it once with --map-value type="Kundlunch"=meeting' err.txt
expect_grep '"Mässa" .*: 1 row, the first on line 11; map it once with --map-value type="Mässa"=meeting' err.txt
"$FOKUS" --db a.db import activities akt.csv --json > bad.json 2>/dev/null
expect_eq "$(jq '.unknown_values | length' bad.json)" 2 "unknown values in the JSON"
expect_eq "$(jq -r '.unknown_values[0].suggested_map' bad.json)" 'type="Kundlunch"=meeting' "suggested map"
"$FOKUS" --db a.db import activities akt.csv --map-value type="Kundlunch"=meeting \
	--map-value 'type="Mässa"=visit' > out.txt 2> err.txt || { cat err.txt; fail "with --map-value"; }
expect_eq "$(sqlite3 a.db "SELECT type || ':' || count(*) FROM activities GROUP BY type ORDER BY type" | tr '\n' ' ')" \
	"email:1 meeting:4 meeting_booked:2 phone:1 visit:2 " "types stored"
expect_eq "$(sqlite3 a.db "SELECT written || '=' || target FROM value_map ORDER BY value" | tr '\n' ' ')" \
	"Kundlunch=meeting Mässa=visit " "the map is kept in the workspace"
# the next import uses the kept map without being told
"$FOKUS" --db a.db import activities akt.csv --replace > /dev/null 2> err.txt || { cat err.txt; fail "kept map"; }
# an empty code forgets an entry; a dry run keeps nothing
"$FOKUS" --db a.db import activities akt.csv --dry-run --map-value 'type=Kundlunch=' > /dev/null 2>&1
expect_eq "$(sqlite3 a.db 'SELECT count(*) FROM value_map')" 2 "dry run keeps the map as it was"
"$FOKUS" --db a.db import activities akt.csv --replace --map-value 'type=Kundlunch=' > /dev/null 2> err.txt
expect_grep '"Kundlunch"' err.txt
expect_eq "$(sqlite3 a.db 'SELECT count(*) FROM value_map')" 1 "forgotten"
expect_rc 2 "$FOKUS" --db a.db import activities akt.csv --map-value type=Kundlunch=fika
expect_rc 2 "$FOKUS" --db a.db import activities akt.csv --map-value amount=x=visit

# --- roles too
printf 'S\303\244ljar-ID;Namn;Roll\nS1;Anna;Key account manager\nS2;Bo;Nykundsbearbetare\nS3;Cia;Innes\303\244lj\nS4;Dan;Regionchef\n' > saljare.csv
"$FOKUS" --db s.db import sellers saljare.csv 2> err.txt; rc=$?
expect_eq "$rc" 1 "an unknown role"
expect_grep '"Regionchef" is not a role (farmer, hunter, service): 1 row, the first on line 5; map it once with --map-value role="Regionchef"=service' err.txt
"$FOKUS" --db s.db import sellers saljare.csv --map-value role=Regionchef=farmer > /dev/null || fail "role map"
expect_eq "$(sqlite3 s.db "SELECT group_concat(role, ' ') FROM (SELECT role FROM sellers ORDER BY seller_id)")" \
	"farmer hunter service farmer" "roles"
