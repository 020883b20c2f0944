#!/usr/bin/env python3
"""shapes.py — the shape test of issue 14 (run by tests/cli/test-import-shapes.sh).

One logical table — customers, orders and activities, with å ä ö, quotes,
all three delimiters and line breaks inside quoted fields, negative amounts
and credit notes — is written by this script in 36 shapes:

    delimiter , ; TAB  x  UTF-8 / UTF-8 with BOM / Windows-1252
    x 4 of the 8 combinations of decimal point/comma, LF/CRLF, Swedish/English
      headers (a half fraction that still covers every pair of choices)

at sizes on both sides of every size inside the csv reader (the 64 KiB
sample and encoding window, the 256 KiB read of the sniffing, the 1 MiB
block, 2 MiB, where an orders file is also read by two threads) from 1 KB
to over 20 MB. Each file is imported by `fokus import` into a fresh
workspace, and what was stored — every order line, customer, activity, and
the totals of the summary — must be exactly what the table holds, in every
shape and at every size. Nothing is committed: the files are written here,
in the test's temp dir, one at a time and removed after their import.

The tier over 20 MB is written in 24 of the 36 shapes (every delimiter x
encoding among them), to keep `make check` short; every other size in all 36.

Usage: shapes.py FOKUS DIR [--quick]   (--quick: only the sizes around the
64 KiB and 256 KiB bounds, for the sanitizer build). Exit 0 when all shapes
store the same, else 1.
"""
import concurrent.futures as cf
import csv
import io
import os
import sqlite3
import subprocess
import sys
import json

BLOCK = 1000  # logical rows per block; a file repeats blocks with new IDs
KIB = 1024
# (name, bytes): the reader's sizes that a file may straddle (src/io/csv.c, encoding.h)
BOUNDS = [("sample", 64 * KIB), ("sniff read", 256 * KIB), ("block", 1024 * KIB),
          ("two blocks, split", 2048 * KIB)]
BIG = 20 * 1024 * KIB

CITIES = ["Göteborg", "Malmö", "Västerås", "Umeå", "Luleå", "Örebro", "Åre"]
NAMES = ["Åkeri Nord AB", 'Björk & "Söner" AB', "Ek, Lind; Co", "Café Öst\tHandel",
         "Ängens Gård", "Nordic Tools", "Smörgås & Co, Kalmar"]
DESCR = ["Skruv M8, 100 st", 'Kabel "röd"; 10 m', "Kreditfaktura\nretur av vara",
         "Lim; tub", "Värmefläkt, 2 kW\tgrå", "Öl-kyl", "Service"]
NOTES = ["Bra möte", 'Sa "hej"; ringer igen', "Offert, två rader\nandra raden", "",
         "Tab\there", "Åter om en vecka"]
ACT_TYPES = {  # (type code, Swedish word, English word)
    0: ("visit", "Besök", "Visit"), 1: ("phone", "Telefon", "Call"),
    2: ("email", "E-post", "Email"), 3: ("meeting", "Möte", "Meeting"),
    4: ("meeting_booked", "Bokat möte", "Meeting booked"),
    5: ("newsletter", "Nyhetsbrev", "Newsletter"),
}

HEAD = {
    "customers": (["Kundnummer", "Kundnamn", "Adress", "Postnummer", "Ort", "Omsättning"],
                  ["Customer ID", "Customer Name", "Address", "Postal Code", "City",
                   "Annual Revenue"]),
    "orders": (["Fakturanummer", "Kundnr", "Fakturadatum", "Benämning", "Belopp"],
               ["Invoice No", "Customer ID", "Invoice Date", "Description", "Amount"]),
    "activities": (["Datum", "Klockslag", "Kund", "Säljare", "Aktivitetstyp", "Minuter",
                    "Anteckning"],
                   ["Date", "Time", "Customer ID", "Seller ID", "Activity Type", "Duration",
                    "Note"]),
}


def shapes():
    out = []
    for d, delim in enumerate([",", ";", "\t"]):
        for e, enc in enumerate(["utf-8", "utf-8-bom", "cp1252"]):
            for dec in (0, 1):
                for crlf in (0, 1):
                    for sv in (0, 1):
                        if (dec ^ crlf ^ sv) == (d + e) % 2:
                            out.append({"delim": delim, "enc": enc, "comma": dec, "crlf": crlf,
                                        "sv": sv})
    return out


def shape_name(s):
    return "%s-%s-%s-%s-%s" % ({",": "comma", ";": "semi", "\t": "tab"}[s["delim"]], s["enc"],
                               "deccomma" if s["comma"] else "decpoint",
                               "crlf" if s["crlf"] else "lf", "sv" if s["sv"] else "en")


def money(ore, comma):
    """Öre as text with two decimals and a thousands separator."""
    sign = "-" if ore < 0 else ""
    ore = abs(ore)
    units = "{:,}".format(ore // 100)
    if comma:
        return sign + units.replace(",", " ") + "," + "%02d" % (ore % 100)
    return sign + units + "." + "%02d" % (ore % 100)


def minutes(tenths, comma):
    s = "%d.%d" % (tenths // 10, tenths % 10)
    return s.replace(".", ",") if comma else s


# One block of logical rows: IDs carry "@@@@", replaced by the block number.
def block_rows(kind):
    rows = []
    for i in range(BLOCK):
        if kind == "customers":
            rows.append({"id": "K@@@@-%03d" % i, "name": NAMES[i % 7] + " " + str(i),
                         "address": "Box %d\nIndustrivägen %d" % (i, i % 9) if i % 3 == 0
                         else "Storgatan %d" % i,
                         "postal": "%03d %02d" % (100 + i % 800, i % 100), "city": CITIES[i % 7],
                         "revenue": (i * 7919 % 1000000) * 137 + i % 100})
        elif kind == "orders":
            amount = (i * 104729 % 500000) + 1
            if i % 11 == 5:
                amount = -amount  # a credit note
            rows.append({"order": "F@@@@-%03d" % i, "cust": "K@@@@-%03d" % (i * 7 % 400),
                         "date": "2026-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                         "descr": DESCR[i % 7], "amount": amount})
        else:
            t = i % 6
            rows.append({"date": "2026-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                         "time": "%02d:%02d" % (7 + i % 10, (i * 5) % 60) if i % 4 else "",
                         "cust": "K@@@@-%03d" % (i * 3 % 500) if i % 9 != 4 else "",
                         "seller": "S%02d" % (i % 12), "type": t,
                         "dur": (i * 13 % 1200) + 5, "note": NOTES[i % 6]})
    return rows


def row_cells(kind, r, s):
    c = s["comma"]
    if kind == "customers":
        return [r["id"], r["name"], r["address"], r["postal"], r["city"], money(r["revenue"], c)]
    if kind == "orders":
        return [r["order"], r["cust"], r["date"], r["descr"], money(r["amount"], c)]
    w = ACT_TYPES[r["type"]][1 if s["sv"] else 2]
    return [r["date"], r["time"], r["cust"], r["seller"], w, minutes(r["dur"], c), r["note"]]


def render(cells, delim):
    """One csv record as Excel writes it: quoted when needed, "" for ",
    line breaks inside a field kept as LF."""
    out = io.StringIO()
    csv.writer(out, delimiter=delim, lineterminator="\r\n",
               quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return out.getvalue()[:-2]


class Shape:
    """A shape's header and rendered block, and the file of n rows."""

    def __init__(self, kind, s):
        self.kind, self.s = kind, s
        self.eol = "\r\n" if s["crlf"] else "\n"
        enc = "cp1252" if s["enc"] == "cp1252" else "utf-8"
        self.enc = enc
        head = render(HEAD[kind][0 if s["sv"] else 1], s["delim"]) + self.eol
        self.head = (b"\xef\xbb\xbf" if s["enc"] == "utf-8-bom" else b"") + head.encode(enc)
        self.rows = [(render(row_cells(kind, r, s), s["delim"]) + self.eol).encode(enc)
                     for r in LOGICAL[kind]]
        self.block = b"".join(self.rows)
        self.prefix = [0]
        for x in self.rows:
            self.prefix.append(self.prefix[-1] + len(x))

    def size(self, n):
        full, part = divmod(n, BLOCK)
        return len(self.head) + full * len(self.block) + self.prefix[part]

    def write(self, path, n):
        full, part = divmod(n, BLOCK)
        with open(path, "wb") as f:
            f.write(self.head)
            for b in range(full):
                f.write(self.block.replace(b"@@@@", b"%04d" % b))
            f.write(b"".join(self.rows[:part]).replace(b"@@@@", b"%04d" % full))


LOGICAL = {k: block_rows(k) for k in HEAD}


def tiers(kind, shs, quick):
    """Row counts: about 1 KB, then just below and just above each bound in
    every shape, then over 20 MB in every shape."""
    def first(pred):  # the least n >= 1 with pred(n); pred is monotone
        lo, hi = 1, 1
        while not pred(hi):
            hi *= 2
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (lo, mid) if pred(mid) else (mid + 1, hi)
        return lo

    ns = [12]
    for _, b in (BOUNDS[:2] if quick else BOUNDS):
        lo = first(lambda n: max(s.size(n) for s in shs) >= b * 0.95) - 1
        hi = first(lambda n: min(s.size(n) for s in shs) > b * 1.05)
        ns += [lo, hi]
    if not quick:
        ns.append(first(lambda n: min(s.size(n) for s in shs) > BIG))
    return ns


def expected(kind, n):
    """What the workspace must hold after importing n rows, canonical."""
    full, part = divmod(n, BLOCK)
    rows = []
    for b in range(full + 1):
        for r in LOGICAL[kind][: (BLOCK if b < full else part)]:
            rows.append((b, r))
    tag = lambda s, b: s.replace("@@@@", "%04d" % b)
    if kind == "customers":
        return sorted((tag(r["id"], b), r["name"], r["address"], r["postal"], r["city"],
                       r["revenue"]) for b, r in rows)
    if kind == "orders":  # as `fokus orders` writes them, without the batch
        return sorted("%s,%s,%s,%s%d.%02d" % (tag(r["cust"], b), tag(r["order"], b), r["date"],
                                            "-" if r["amount"] < 0 else "",
                                            abs(r["amount"]) // 100, abs(r["amount"]) % 100)
                      for b, r in rows)
    out = []
    for b, r in rows:
        t = r["time"]
        minute = int(t[:2]) * 60 + int(t[3:]) if t else None
        y, m, d = (int(x) for x in r["date"].split("-"))
        out.append((tag(r["cust"], b) if r["cust"] else None, r["seller"], days(y, m, d), minute,
                    ACT_TYPES[r["type"]][0], r["dur"]))
    return sorted(out, key=act_key)


def act_key(r):
    return tuple(-1 if x is None else x for x in r[2:4]) + tuple("" if x is None else x
                                                                for x in r[:2] + r[4:5]) + r[5:]


def days(y, m, d):
    import datetime
    return (datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days


def stored(fokus, kind, db):
    """What the workspace holds, in the form of expected()."""
    if kind == "orders":
        out = subprocess.run([fokus, "--db", db, "orders"], capture_output=True, check=True)
        return sorted(",".join(line.split(",")[1:5])
                      for line in out.stdout.decode("utf-8").splitlines()[1:])
    con = sqlite3.connect(db)
    try:
        if kind == "customers":
            return sorted(con.execute("SELECT customer_id, name, address, postal_code, city, "
                                      "revenue FROM customers"))
        q = ("SELECT c.customer_id, a.seller_id, a.day, a.minute, a.type, "
             "CAST(round(a.duration_min * 10) AS INTEGER) "
             "FROM activities a LEFT JOIN customers c ON c.id = a.customer")
        return sorted(con.execute(q), key=act_key)
    finally:
        con.close()


def check(fokus, d, kind, sh, n, want, totals):
    """Writes the file, imports it, compares. Returns None or a message."""
    name = "%s-%s-%d" % (kind, shape_name(sh.s), n)
    path = os.path.join(d, name + ".csv")
    db = os.path.join(d, name + ".db")
    sh.write(path, n)
    try:
        p = subprocess.run([fokus, "--db", db, "import", kind, path, "--json"],
                           capture_output=True)
        if p.returncode != 0:
            return "%s: import failed (%d): %s" % (name, p.returncode,
                                                   p.stderr.decode("utf-8", "replace")[:600])
        summary = json.loads(p.stdout)
        if summary["rows_stored"] != n or summary["rows_rejected"] != 0:
            return "%s: stored %s of %d rows" % (name, summary["rows_stored"], n)
        got = stored(fokus, kind, db)
        if got != want:
            diff = [(a, b) for a, b in zip(got, want) if a != b][:2]
            return "%s: what was stored differs (%d rows against %d): %s" % (
                name, len(got), len(want), diff)
        if kind == "orders":
            if round(summary["amount_total"] * 100) != totals["amount"]:
                return "%s: amount_total %s" % (name, summary["amount_total"])
            if summary["customers_created"] != totals["customers"]:
                return "%s: customers_created %s" % (name, summary["customers_created"])
        return None
    finally:
        for f in (path, db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)


def main():
    fokus, d = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv
    shs = shapes()
    assert len(shs) >= 24
    failures, runs, biggest = [], 0, 0
    for kind in ("customers", "orders", "activities"):
        objs = [Shape(kind, s) for s in shs]
        ns = tiers(kind, objs, quick)
        # every bound is straddled in every shape (the tiers were chosen so)
        for _, b in (BOUNDS[:2] if quick else BOUNDS):
            assert any(max(o.size(n) for o in objs) < b for n in ns)
            assert any(min(o.size(n) for o in objs) > b for n in ns)
        for n in ns:
            want = expected(kind, n)
            totals = {}
            if kind == "orders":
                totals = {"amount": sum(int(r.split(",")[3].replace(".", "")) for r in want),
                          "customers": len({r.split(",")[0] for r in want})}
            # over 20 MB: 24 of the 36 shapes (every delimiter x encoding among them)
            these = [o for i, o in enumerate(objs) if n < ns[-1] or quick or i % 3 != 2]
            biggest = max(biggest, max(o.size(n) for o in these))
            with cf.ThreadPoolExecutor(max_workers=2) as ex:
                for msg in ex.map(lambda o: check(fokus, d, kind, o, n, want, totals), these):
                    runs += 1
                    if msg:
                        failures.append(msg)
        print("%s: %d shapes x %d sizes (%s rows; the last in 24 shapes)" % (kind, len(objs), len(ns),
                                                      ", ".join(map(str, ns))))
    for f in failures[:20]:
        print("FAIL", f)
    print("%d imports, largest file %.1f MB, %d failed" % (runs, biggest / 1e6, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
