#!/usr/bin/env python3
"""orderpack.py — a second, independent writer of the packed order lines of
order_blocks (the format of src/store/orderpack.c, docs/workspace.md), to make
the blocks in the SQL fixtures (tests/web/fixture.sql, tests/cli/plan/seed.sql)
from readable lines:

    tests/orderpack.py < lines.csv > blocks.sql

Each input line: batch,customer,order_id,day,amount[,margin[,quantity[,seller_id]]]
(customer = customers.id, day = days since 1970-01-01, amounts in minor units,
empty = absent). Prints one INSERT INTO order_blocks per (batch, part).
"""
import csv
import struct
import sys

PARTS = 1024


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def zigzag(v):
    return (v << 1) if v >= 0 else ((-v) << 1) - 1


def line(cust, day, amount, margin=None, qty=None, order_id=None, seller=None):
    flags = 0
    tail = bytearray()
    if margin is not None:
        flags |= 1
        tail += varint(zigzag(margin))
    if qty is not None:
        if qty == int(qty) and abs(qty) < 2**53 and not (qty == 0 and str(qty).startswith('-')):
            flags |= 4
            tail += varint(zigzag(int(qty)))
        else:
            flags |= 2
            tail += struct.pack('<d', qty)
    if order_id:
        if order_id.isdigit() and order_id.isascii() and len(order_id) <= 18 and \
                (order_id == '0' or not order_id.startswith('0')):
            flags |= 16
            tail += varint(int(order_id))
        else:
            flags |= 8
            b = order_id.encode()
            tail += varint(len(b)) + b
    if seller:
        flags |= 32
        b = seller.encode()
        tail += varint(len(b)) + b
    return bytes([flags]) + varint(cust) + varint(zigzag(day)) + varint(zigzag(amount)) + bytes(tail)


def main():
    blocks = {}
    for row in csv.reader(sys.stdin):
        if not row or row[0].startswith('#'):
            continue
        row += [''] * (8 - len(row))
        batch, cust, oid, day, amount, margin, qty, seller = row[:8]
        cust, day, amount = int(cust), int(day), int(amount)
        b = blocks.setdefault((int(batch), cust % PARTS), [0, None, None, 0, b''])
        b[0] += 1
        b[1] = day if b[1] is None else min(b[1], day)
        b[2] = day if b[2] is None else max(b[2], day)
        b[3] += amount
        b[4] += line(cust, day, amount, int(margin) if margin else None,
                     float(qty) if qty else None, oid or None, seller or None)
    for (batch, part), (n, dmin, dmax, amt, data) in sorted(blocks.items()):
        print("INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) "
              f"VALUES ({batch}, {part}, {n}, {dmin}, {dmax}, {amt}, X'{data.hex().upper()}');")


if __name__ == '__main__':
    main()
