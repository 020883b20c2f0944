// dashboard-api.test.mjs — the API behind issue 20's pages, over real HTTP
// on the fixture company (fixture.sql): the customer list taken along as csv
// and xlsx (same filter, order and scope as the list; spreadsheet formulas
// neutralised), customers filtered by their movement between two
// categorizations (the History flows, equal to the migration table), the
// uncontacted customers paged and searched, the import telling the kind
// from the columns and reporting its progress to the same user only, and
// the map's seller field. Each new route as every role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { USERS, makeWorkspace, startServer, call, login } from './lib.mjs';

let ws, srv, base;
const ses = {};
const ROLES = ['admin', 'manager', 'seller', 'service'];

before(async () => {
  ws = makeWorkspace();
  srv = await startServer(ws.db);
  base = srv.url;
  for (const [role, u] of Object.entries(USERS)) ses[role] = await login(base, u);
});
after(async () => { if (srv) await srv.stop(); });

const TABLE = [
  ['/api/export/customers', [200, 200, 200, 200]],
  ['/api/export/customers?format=xlsx&category=3', [200, 200, 200, 200]],
  ['/api/export/customers?format=pdf', [400, 400, 400, 400]],
  ['/api/customers?was=1&was_category=3&now=2&now_category=1', [200, 200, 200, 200]],
  ['/api/customers?was=1&now=2&now_category=1', [400, 400, 400, 400]],
  ['/api/customers?was=x&was_category=3', [400, 400, 400, 400]],
  ['/api/customers?was=1&was_category=9', [400, 400, 400, 400]],
  ['/api/uncontacted?limit=2&offset=1&q=a', [200, 200, 200, 403]],
  ['/api/uncontacted?limit=-1', [400, 400, 400, 403]],
  ['/api/import/progress?token=abcdef123456', [200, 200, 403, 403]],
  ['/api/import/progress', [400, 400, 403, 403]],
  ['/api/import/progress?token=../../etc', [400, 400, 403, 403]],
];

test('the new routes as every role, and 401 without a session', async () => {
  for (const [path, want] of TABLE) {
    for (let i = 0; i < ROLES.length; i++) {
      const r = await call(base, path, { session: ses[ROLES[i]] });
      assert.equal(r.status, want[i], `GET ${path} as ${ROLES[i]}: ${r.text.slice(0, 200)}`);
    }
    assert.equal((await call(base, path)).status, 401, path);
  }
});

// A csv answer as rows of cells (the fixture has no quoted commas but the <script> name).
function csvRows(text) {
  return text.trim().split('\n').map((l) => {
    const out = [];
    let cell = '', q = false;
    for (let i = 0; i < l.length; i++) {
      const ch = l[i];
      if (q) { if (ch === '"' && l[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch; }
      else if (ch === '"') q = true;
      else if (ch === ',') { out.push(cell); cell = ''; } else cell += ch;
    }
    out.push(cell);
    return out;
  });
}

test('customers as csv: the list\'s filter, order and scope; formulas neutralised', async () => {
  const r = await call(base, '/api/export/customers?category=3&sort=customer_id&order=asc', { session: ses.manager });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="customers.csv"');
  const rows = csvRows(r.text);
  assert.deepEqual(rows[0], ['customer_id', 'name', 'seller_id', 'category', 'computed_category', 'revenue', 'potential',
    'potential_source', 'override_reason', 'orders', 'postal_code', 'city', 'industry', 'email', 'phone']);
  const list = (await call(base, '/api/customers?category=3&sort=customer_id&order=asc', { session: ses.manager })).json;
  assert.deepEqual(rows.slice(1).map((x) => x[0]), list.customers.map((c) => c.customer_id));
  assert.deepEqual(rows.slice(1).map((x) => x[0]), ['C04', 'C08', 'C09', 'C10', 'C12']);
  const c04 = rows.find((x) => x[0] === 'C04');
  assert.equal(c04[5], '2000', 'revenue in currency units, as the call list');
  assert.equal(c04[6], '1000');
  // every customer, the <script> name as text and its "=1+1" phone as text
  const all = csvRows((await call(base, '/api/export/customers', { session: ses.admin })).text);
  assert.equal(all.length - 1, 12);
  const c03 = all.find((x) => x[0] === 'C03');
  assert.equal(c03[1], '<script>alert(1)</script>');
  assert.equal(c03[14], "'=1+1", 'a cell starting with = is prefixed with \'');
  // a seller gets their own customers; customer service category 3 only
  const mine = csvRows((await call(base, '/api/export/customers', { session: ses.seller })).text);
  assert.deepEqual([...new Set(mine.slice(1).map((x) => x[2]))], ['S1'], 'a seller gets their own');
  assert.equal(mine.length - 1, 4);
  const other = csvRows((await call(base, '/api/export/customers?seller=S2', { session: ses.seller })).text);
  assert.equal(other.length, 1, 'another seller\'s customers do not exist for a seller (as in the list)');
  const svc = csvRows((await call(base, '/api/export/customers', { session: ses.service })).text);
  assert.deepEqual([...new Set(svc.slice(1).map((x) => x[3]))], ['3']);
  // a search
  const q = csvRows((await call(base, '/api/export/customers?q=dmans%20%C3%84', { session: ses.manager })).text);
  assert.deepEqual(q.slice(1).map((x) => x[0]), ['C12']);
});

test('customers as xlsx: a workbook with the same rows', async () => {
  const res = await fetch(base + '/api/export/customers?format=xlsx&seller=S1&sort=customer_id&order=asc',
    { headers: { cookie: ses.manager.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(res.headers.get('content-disposition'), 'attachment; filename="customers.xlsx"');
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK', 'a zip');
  const path = join(ws.dir, 'customers.xlsx');
  writeFileSync(path, buf);
  // the sheet's rows and their first cells, read with Python's zipfile
  const py = 'import sys,zipfile,re\nz=zipfile.ZipFile(sys.argv[1])\n' +
    's=z.read("xl/worksheets/sheet1.xml").decode()\nss=z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""\n' +
    'strs=re.findall(r"<t[^>]*>([^<]*)</t>",ss)\nrows=re.findall(r"<row [^>]*>(.*?)</row>",s)\n' +
    'print(len(rows))\nfor r in rows:\n  c=re.search(r"<c r=\\"A\\d+\\"[^>]*t=\\"s\\"[^>]*><v>(\\d+)</v>",r)\n  print(strs[int(c.group(1))] if c else "?")\n';
  const out = execFileSync('python3', ['-c', py, path], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(Number(out[0]), 5, 'header and 4 customers of S1');
  assert.deepEqual(out.slice(1), ['customer_id', 'C01', 'C02', 'C03', 'C04']);
});

test('customers that moved between two categorizations equal the migration table', async () => {
  const h = (await call(base, '/api/history?from=1&to=2', { session: ses.manager })).json.migration;
  const ids = async (q, s = ses.manager) => (await call(base, '/api/customers?' + q + '&sort=customer_id&order=asc', { session: s })).json;
  const up = await ids('was=1&was_category=3&now=2&now_category=1');
  assert.deepEqual(up.customers.map((c) => c.customer_id), ['C03']);
  assert.equal(up.total, h.moves['3']['1']);
  const stay = await ids('was=1&was_category=2R&now=2&now_category=2R');
  assert.deepEqual(stay.customers.map((c) => c.customer_id), ['C02']);
  const fresh = await ids('was=1&was_category=none&now=2&now_category=2P');
  assert.deepEqual(fresh.customers.map((c) => c.customer_id), ['C06', 'C07', 'C11']);
  assert.equal(fresh.total, h.new['2P']);
  const gone = await ids('was=2&was_category=3&now=1&now_category=none');
  assert.deepEqual(gone.customers.map((c) => c.customer_id), ['C04', 'C08', 'C09', 'C10', 'C12']);
  for (const a of ['1', '2R', '2P', '3']) {
    for (const b of ['1', '2R', '2P', '3']) {
      const r = await ids(`was=1&was_category=${a}&now=2&now_category=${b}&limit=0`);
      assert.equal(r.total, h.moves[a][b], `${a} -> ${b}`);
    }
  }
  // within the scope: a seller sees C03 (theirs); customer service does not (category 1 now)
  assert.equal((await ids('was=1&was_category=3&now=2&now_category=1', ses.seller)).total, 1);
  assert.equal((await ids('was=1&was_category=3&now=2&now_category=1', ses.service)).total, 0);
  // and the same filter takes the list along
  const csv = csvRows((await call(base, '/api/export/customers?was=1&was_category=none&now=2&now_category=2P', { session: ses.manager })).text);
  assert.deepEqual(csv.slice(1).map((x) => x[0]).sort(), ['C06', 'C07', 'C11']);
});

test('uncontacted: the total first, pages that add up, a search', async () => {
  const all = (await call(base, '/api/uncontacted', { session: ses.manager })).json;
  assert.ok(all.total >= 5, 'most of the fixture had no contact: ' + all.total);
  assert.equal(all.count, all.total);
  assert.equal(all.customers.length, all.total);
  const ids = [];
  for (let off = 0; off < all.total; off += 3) {
    const p = (await call(base, `/api/uncontacted?limit=3&offset=${off}`, { session: ses.manager })).json;
    assert.equal(p.total, all.total);
    assert.equal(p.offset, off);
    assert.ok(p.customers.length <= 3);
    ids.push(...p.customers.map((c) => c.customer_id));
  }
  assert.deepEqual(ids, all.customers.map((c) => c.customer_id), 'the pages are the list, in order');
  const past = (await call(base, `/api/uncontacted?limit=3&offset=${all.total + 5}`, { session: ses.manager })).json;
  assert.equal(past.customers.length, 0);
  assert.equal(past.total, all.total);
  const q = (await call(base, '/api/uncontacted?q=DMANS', { session: ses.manager })).json;
  assert.deepEqual(q.customers.map((c) => c.customer_id), ['C12'], 'a name, any case');
  assert.equal(q.total, 1);
  const q2 = (await call(base, '/api/uncontacted?q=c1', { session: ses.manager })).json;
  assert.ok(q2.total >= 1);
  assert.ok(q2.customers.every((c) => c.customer_id.toLowerCase().includes('c1')));
  // a seller's own only
  const mine = (await call(base, '/api/uncontacted?limit=100', { session: ses.seller })).json;
  assert.ok(mine.customers.every((c) => c.seller_id === 'S1'));
});

async function upload(session, query, body) {
  return call(base, '/api/import?' + query, { method: 'POST', session, raw: body,
    headers: { 'content-type': 'application/octet-stream' } });
}

test('import: the kind told from the columns, named in the answer; 422 when they do not tell', async () => {
  const cases = [
    ['customer_id,name,postal_code,city,seller_id\nK1,K AB,111 22,Stockholm,S1\n', 'customers'],
    ['Fakturanr;Kundnr;Fakturadatum;Belopp\nF1;C01;2025-03-01;100\n', 'orders'],
    ['date,seller_id,customer_id,type,duration_min\n2025-03-01,S1,C01,visit,60\n', 'activities'],
    ['seller_id,name,role,hours_per_year\nS9,Nio,farmer,1600\n', 'sellers'],
  ];
  for (const [csv, kind] of cases) {
    const r = await upload(ses.manager, 'name=f.csv&dry_run=1', csv);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.kind, kind);
    assert.equal(r.json.kind_detected, true);
    assert.ok(r.json.kind_scores[kind] > 0);
    const auto = await upload(ses.manager, 'kind=auto&name=f.csv&dry_run=1', csv);
    assert.equal(auto.json.kind, kind);
  }
  const given = await upload(ses.manager, 'kind=customers&name=f.csv&dry_run=1', cases[3][0].replace('seller_id', 'customer_id'));
  assert.equal(given.json.kind_detected, false, 'a given kind is taken as given');
  const none = await upload(ses.manager, 'name=w.csv&dry_run=1', 'Channel,Region,Fresh,Milk\n1,2,3,4\n');
  assert.equal(none.status, 422);
  assert.equal(none.json.kind, null);
  assert.equal(none.json.kind_detected, false);
  assert.match(none.json.error, /columns do not tell/);
  assert.equal((await upload(ses.manager, 'name=e.csv&dry_run=1', '')).status, 422, 'an empty file');
});

test('import progress: while it runs, to the same user only', async () => {
  // about 25 MB of order lines: long enough to be seen running
  const lines = ['order_id,customer_id,date,amount'];
  for (let i = 0; i < 700000; i++) lines.push(`O${i},C0${1 + (i % 9)},2025-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 1}.50`);
  const body = lines.join('\n') + '\n';
  const token = 'tok' + Date.now().toString(36) + 'abc';
  const seen = [];
  let other = null, done = false;
  const running = upload(ses.manager, `kind=orders&name=big.csv&dry_run=1&progress=${token}`, body).then((r) => { done = true; return r; });
  while (!done) {
    const p = (await call(base, '/api/import/progress?token=' + token, { session: ses.manager })).json;
    if (p.running) {
      seen.push(p);
      if (!other) other = (await call(base, '/api/import/progress?token=' + token, { session: ses.admin })).json;
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  const r = await running;
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.equal(r.json.rows_read, 700000);
  assert.ok(seen.length >= 1, 'the import was seen running');
  for (const p of seen) {
    assert.equal(p.rows_estimate, 700000, 'about how many rows: the lines less the header');
    assert.ok(p.pass >= 1 && p.pass <= 3);
    assert.ok(p.done >= 0 && p.done <= p.total);
    assert.ok(p.rows_done_estimate >= 0 && p.rows_done_estimate <= 700000);
  }
  assert.deepEqual(other, { running: false }, 'another user does not see it');
  assert.deepEqual((await call(base, '/api/import/progress?token=' + token, { session: ses.manager })).json, { running: false },
    'gone when the import is done');
});

test('map: points carry their seller', async () => {
  const m = (await call(base, '/api/map', { session: ses.manager })).json;
  assert.deepEqual(m.fields, ['lon', 'lat', 'category', 'customer_id', 'name', 'seller_id']);
  const c01 = m.points.find((p) => p[3] === 'C01');
  assert.equal(c01[5], 'S1');
  const mine = (await call(base, '/api/map', { session: ses.seller })).json;
  assert.ok(mine.points.every((p) => p[5] === 'S1'));
});
