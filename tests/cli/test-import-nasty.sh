# test-import-nasty.sh — hand-made files as Swedish and US tools write them:
# Windows-1252 with ';' and decimal comma, "3 500 kr", no-break spaces, CRLF,
# quoted newlines, Swedish headers, BOM, tabs, ambiguous dates, --map,
# customers/sellers upsert and postal-code location.
. "$OLDPWD/tests/cli/lib.sh"
export LANG=C
q() { sqlite3 fokus.db "$1"; }
# Order lines are stored packed (docs/workspace.md): `fokus orders` lists them.
# ocol ORDER_ID N: column N (4 date, 5 amount, 6 margin) of that order's line.
ocol() { "$FOKUS" orders | awk -F, -v id="$1" -v c="$2" 'NR > 1 && $3 == id { print $c }'; }
nlines() { "$FOKUS" orders | awk 'END { print NR - 1 }'; }

# Customers: Fortnox-style Swedish export in Windows-1252 with ';' and CRLF.
printf 'Kundnummer;Kundnamn;Organisationsnummer;Utdelningsadress;Postnummer;Ort;Bransch;Antal anst\344llda;S\344ljare;Oms\344ttning;Potential;E-post;Telefon;Kundtyp\r\n' > kunder.csv
printf '1001;\305kessons J\344rn AB;556000-1111;Storgatan 1;186 00;Vallentuna;F Bygg;12;S1;1 200 000,50;300 000;info@akesson.se;08-123 45;A\r\n' >> kunder.csv
printf '1002;"Bj\366rk & S\366ner; Handel";556000-2222;"Box 7\r\nIndustriv\344gen 3";411 01;G\366teborg;G Handel;3;S2;85 000;;;;B\r\n' >> kunder.csv
printf '1003;\326stra Verkstan;;;;;C Tillverkning;;S1;;;;;A\r\n' >> kunder.csv
"$FOKUS" import customers kunder.csv --json > c.json 2>err.txt || { cat err.txt; fail "Swedish customer file"; }
expect_eq "$(q 'SELECT count(*) FROM customers')" "3" "customers stored"
expect_eq "$(q "SELECT name FROM customers WHERE customer_id='1001'")" "Åkessons Järn AB" "å ä ö intact"
expect_eq "$(q "SELECT name FROM customers WHERE customer_id='1002'")" "Björk & Söner; Handel" "quoted ; inside"
expect_eq "$(q "SELECT address FROM customers WHERE customer_id='1002'" | tr -d '\r' | tr '\n' '~')" "Box 7~Industrivägen 3~" "quoted newline kept"
expect_eq "$(q "SELECT revenue FROM customers WHERE customer_id='1001'")" "120000050" "1 200 000,50 in öre"
expect_eq "$(q "SELECT potential FROM customers WHERE customer_id='1001'")" "30000000" "potential"
expect_eq "$(q "SELECT employees FROM customers WHERE customer_id='1001'")" "12" "anställda"
expect_eq "$(q "SELECT seller_id FROM customers WHERE customer_id='1002'")" "S2" "säljare"
expect_eq "$(q "SELECT located FROM customers WHERE customer_id='1001'")" "1" "located by postal code"
expect_eq "$(q "SELECT round(lat) FROM customers WHERE customer_id='1002'")" "58.0" "Göteborg latitude"
expect_eq "$(q "SELECT lat IS NULL FROM customers WHERE customer_id='1003'")" "1" "no postal code, no place"
q "SELECT attrs FROM customers WHERE customer_id='1001'" | grep -q "Kundtyp" || fail "unmapped columns kept as attributes"
grep -q '"located": 2' c.json || fail "summary counts located customers: $(cat c.json)"

# A newer export updates by ID; an empty cell keeps the old value.
printf 'kundnr,namn,omsättning\n1001,Åkessons Järn & Bygg AB,\n1004,Ny Kund AB,"3,500.75"\n' > kunder2.csv
"$FOKUS" import customers kunder2.csv >/dev/null 2>err.txt || { cat err.txt; fail "update"; }
expect_eq "$(q "SELECT name FROM customers WHERE customer_id='1001'")" "Åkessons Järn & Bygg AB" "name updated"
expect_eq "$(q "SELECT revenue FROM customers WHERE customer_id='1001'")" "120000050" "empty cell keeps value"
expect_eq "$(q "SELECT revenue FROM customers WHERE customer_id='1004'")" "350075" "3,500.75 US style"
expect_eq "$(q 'SELECT count(*) FROM customers')" "4" "upsert count"

# Orders: Swedish invoice lines, decimal comma column, "kr", no-break and
# narrow no-break spaces, negative credits, quantity × à-pris.
printf 'Fakturanr;Kundnr;Fakturadatum;Antal;\300-pris;TB;V\345r referens\r\n' > fakturor.csv
printf '5001;1001;2026-11-02;2;1 750,00 kr;500,5;S1\r\n' >> fakturor.csv
printf '5002;1002;2026-11-03;1;3\240500,25;0;S2\r\n' >> fakturor.csv
printf '5003;1001;2026-11-04;-1;1 200;-100;S1\r\n' >> fakturor.csv
printf '5004;9999;20261105;4;12,5;1;S1\r\n' >> fakturor.csv
"$FOKUS" import orders fakturor.csv --json > o.json 2>err.txt || { cat err.txt; fail "Swedish invoice lines"; }

expect_eq "$(q "SELECT created_by FROM customers WHERE customer_id='9999'")" "orders" "unknown customer created (ID only)"
grep -q '"customers_created": 1' o.json || fail "customers_created counted"
grep -q '"date_max": "2026-11-05"' o.json || fail "YYYYMMDD date"

# Narrow no-break space (U+202F) in UTF-8, with a BOM, tab-separated, Belopp column.
printf '\357\273\277ordernr\tkundnummer\tdatum\tbelopp\n7001\t1001\t26/11/2026\t1\342\200\257234,5\n7002\t1002\t13/11/2026\t-1\342\200\257200\n' > tab.tsv
"$FOKUS" import orders tab.tsv --json > t.json 2>err.txt || { cat err.txt; fail "tab + BOM + U+202F"; }


# A bad row: all-or-nothing, FILE:LINE: column "Amount": "12,3,4" is not a number.
printf 'Invoice,Customer ID,Invoice Date,Amount\nA1,1001,2026-10-01,100\nA2,1001,2026-10-02,"12,3,4"\nA3,1002,2026-10-03,50\n' > bad.csv
before=$(nlines)
"$FOKUS" import orders bad.csv >out.txt 2>err.txt; rc=$?
expect_eq "$rc" "1" "bad row exit code"
expect_grep 'bad.csv:3: column "Amount": "12,3,4" is not a number' err.txt
expect_eq "$(nlines)" "$before" "nothing stored"
"$FOKUS" import orders bad.csv --skip-bad >/dev/null 2>&1 || fail "--skip-bad"
expect_eq "$(nlines)" "$((before + 2))" "good rows stored with --skip-bad"
expect_grep '12,3,4' bad.csv.rejected.csv

# --dry-run checks and stores nothing.
before=$(nlines)
printf 'Nr,Kund,Dag,Fakturerat netto\nD1,1001,2026-09-02,10\n' > dry.csv
"$FOKUS" import orders dry.csv --dry-run --json --map order_id=Nr --map customer_id=Kund --map date=Dag --map "amount=Fakturerat netto" > dry.json 2>/dev/null || fail "dry run"
grep -q '"stored": false' dry.json || fail "dry run says stored: $(cat dry.json)"
expect_eq "$(nlines)" "$before" "dry run stores nothing"

# Ambiguous day/month: stop and ask for --date-format.
printf 'order_id,customer_id,date,amount\nB1,1001,01/02/2026,10\nB2,1001,03/04/2026,20\n' > amb.csv
"$FOKUS" import orders amb.csv 2>err.txt; rc=$?
expect_eq "$rc" "1" "ambiguous dates"
expect_grep "date-format" err.txt
"$FOKUS" import orders amb.csv --date-format %m/%d/%Y >/dev/null 2>&1 || fail "--date-format"
expect_eq "$(ocol B2 4)" "2026-03-04" "--date-format %m/%d/%Y"

# --map: a column with a name nobody knows.
printf 'Nr,Kund,Dag,Fakturerat netto\nM1,1001,2026-09-01,99.50\n' > map.csv
"$FOKUS" import orders map.csv --map order_id=Nr --map customer_id=Kund --map date=Dag --map "amount=Fakturerat netto" >/dev/null 2>err.txt || { cat err.txt; fail "--map"; }
expect_eq "$(ocol M1 5)" "99.50" "--map amount"

# Sellers and activities with Swedish words.
printf 'säljare,namn,roll,arbetstid,postnummer\nS1,Anna Berg,förvaltare,1720,186 00\nS2,Jonas Ek,jägare,1600,411 01\nS3,Kim,kundtjänst,,\n' > saljare.csv
"$FOKUS" import sellers saljare.csv >/dev/null 2>err.txt || { cat err.txt; fail "sellers"; }
expect_eq "$(q "SELECT role FROM sellers WHERE seller_id='S2'")" "hunter" "jägare -> hunter"
expect_eq "$(q "SELECT home_lat IS NOT NULL FROM sellers WHERE seller_id='S1'")" "1" "seller home from postal code"
printf 'datum;säljare;kundnr;typ;minuter;restid;km\n2026-11-02;S1;1001;Besök;60;45;52,5\n2026-11-03;S2;1005;Bokat möte;;;\n2026-11-04;S1;1002;Telefon;10;;\n' > akt.csv
"$FOKUS" import activities akt.csv --json > a.json 2>err.txt || { cat err.txt; fail "activities"; }
expect_eq "$(q "SELECT group_concat(type) FROM (SELECT type FROM activities ORDER BY id)")" "visit,meeting_booked,phone" "activity types"
expect_eq "$(q "SELECT km FROM activities WHERE type='visit'")" "52.5" "km with decimal comma"
grep -q '"customers_created": 1' a.json || fail "activity naming unknown customer creates it"
exit 0
