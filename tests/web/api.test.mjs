// api.test.mjs — the JSON API of `fokus serve` over real HTTP (node --test):
// every route as every role, 401 without a session, 403 without or with a
// wrong CSRF token, login slowdown, session expiry and logout, 413, path
// traversal, the security headers on every response (checked in lib.call),
// escaping of a customer named <script>, and the contract of issue 6 §3.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { USERS, FOKUS, makeWorkspace, startServer, call, login, addUser } from './lib.mjs';

let ws, srv, base;
const ses = {};

before(async () => {
  ws = makeWorkspace();
  srv = await startServer(ws.db);
  base = srv.url;
  for (const [role, u] of Object.entries(USERS)) ses[role] = await login(base, u);
});
after(async () => { if (srv) await srv.stop(); if (ws) ws.remove(); });

const ROLES = ['admin', 'manager', 'seller', 'service'];
const OVERRIDE = { customer_id: 'C10', category: '2P', reason: 'opens a new store' };

// method, path, body, expected status per role (admin, manager, seller, service).
const TABLE = [
  ['GET', '/api/me', null, [200, 200, 200, 200]],
  ['GET', '/api/summary', null, [200, 200, 200, 200]],
  ['GET', '/api/customers', null, [200, 200, 200, 200]],
  ['GET', '/api/customers?category=1&limit=5', null, [200, 200, 200, 200]],
  ['GET', '/api/customers/C01', null, [200, 200, 200, 404]],
  ['GET', '/api/customers/C05', null, [200, 200, 404, 404]],
  ['GET', '/api/customers/C09', null, [200, 200, 404, 200]],
  ['GET', '/api/customers/NOPE', null, [404, 404, 404, 404]],
  ['POST', '/api/overrides', OVERRIDE, [200, 200, 403, 403]],
  ['GET', '/api/matrix', null, [200, 200, 200, 200]],
  ['GET', '/api/sellers', null, [200, 200, 200, 200]],
  ['GET', '/api/map', null, [200, 200, 200, 200]],
  ['GET', '/api/export/calllist?seller=S1', null, [200, 200, 200, 200]],
  ['GET', '/api/export/calllist?seller=S2', null, [200, 200, 404, 200]],
  ['GET', '/api/history', null, [200, 200, 403, 403]],
  ['POST', '/api/categorize', { revenue_threshold: 'much' }, [400, 400, 403, 403]],
  ['POST', '/api/import?kind=nonsense', null, [400, 400, 403, 403]],
  ['GET', '/api/plan', null, [200, 200, 403, 403]],
  ['GET', '/api/plan/customers?q=C0&page=0', null, [200, 200, 403, 403]],
  ['GET', '/api/plan/owners', null, [200, 200, 403, 403]],
  ['GET', '/api/plan/download.csv', null, [200, 200, 403, 403]],
  ['GET', '/api/plan/nothing', null, [404, 404, 403, 403]],
  ['GET', '/api/export/newsletter.csv', null, [200, 200, 403, 403]],
  ['GET', '/api/export/evil.sh', null, [404, 404, 403, 403]],
  ['GET', '/api/route?seller=S1&days=2', null, [200, 200, 200, 403]],
  ['GET', '/api/route?seller=S2&days=2', null, [200, 200, 404, 403]],
  ['GET', '/api/analysis', null, [200, 200, 200, 403]],
  ['GET', '/api/uncontacted', null, [200, 200, 200, 403]],
  ['GET', '/api/uncontacted?seller=S2&category=3', null, [200, 200, 404, 403]],
  ['GET', '/api/users', null, [200, 403, 403, 403]],
  ['POST', '/api/users', { name: 'tmp-user', role: 'manager', password: 'tmp-pass-123' }, [201, 403, 403, 403]],
  ['DELETE', '/api/users/tmp-user', null, [200, 403, 403, 403]],
  ['GET', '/api/no-such-route', null, [404, 404, 404, 404]],
];

test('every route as every role', async () => {
  for (const [method, path, body, want] of TABLE) {
    for (let i = 0; i < ROLES.length; i++) {
      const r = await call(base, path, { method, session: ses[ROLES[i]], body: body ?? undefined });
      assert.equal(r.status, want[i], `${method} ${path} as ${ROLES[i]}: ${r.text.slice(0, 200)}`);
    }
  }
});

test('every API route without a session answers 401', async () => {
  for (const [method, path, body] of TABLE) {
    const r = await call(base, path, { method, body: body ?? undefined });
    assert.equal(r.status, 401, `${method} ${path}`);
    assert.ok(r.json && r.json.error);
  }
  const bogus = await call(base, '/api/summary', { headers: { cookie: 'fokus_session=' + 'a'.repeat(64) } });
  assert.equal(bogus.status, 401);
  assert.equal((await call(base, '/api/logout', { method: 'POST' })).status, 401);
});

test('state-changing calls need the CSRF token', async () => {
  const writes = TABLE.filter(([m]) => m !== 'GET');
  for (const [method, path, body] of writes) {
    const none = await call(base, path, { method, session: ses.admin, csrf: null, body: body ?? undefined });
    assert.equal(none.status, 403, `${method} ${path} without CSRF`);
    const wrong = await call(base, path, { method, session: ses.admin, csrf: 'f'.repeat(64), body: body ?? undefined });
    assert.equal(wrong.status, 403, `${method} ${path} with a wrong CSRF token`);
  }
  // Another session's token is wrong too.
  const other = await call(base, '/api/overrides', { method: 'POST', session: ses.manager, csrf: ses.admin.csrf, body: OVERRIDE });
  assert.equal(other.status, 403);
  // Nothing was changed by the refused calls.
  const c = await call(base, '/api/users', { session: ses.admin });
  assert.ok(!c.json.users.some((u) => u.name === 'tmp-user'));
});

test('login: cookie attributes, wrong password 401, bad bodies 400/415', async () => {
  const s = ses.manager;
  assert.match(s.setCookie, /^fokus_session=[0-9a-f]{64};/);
  assert.match(s.setCookie, /HttpOnly/);
  assert.match(s.setCookie, /SameSite=Strict/);
  assert.match(s.setCookie, /Path=\//);
  assert.match(s.setCookie, /Max-Age=\d+/);
  assert.match(s.csrf, /^[0-9a-f]{64}$/);
  assert.equal(s.user.role, 'manager');
  const bad = await call(base, '/api/login', { method: 'POST', body: { user: 'mia', password: 'nope-nope' } });
  assert.equal(bad.status, 401);
  assert.equal(bad.headers.get('set-cookie'), null);
  const ghost = await call(base, '/api/login', { method: 'POST', body: { user: 'ghost', password: 'x' } });
  assert.equal(ghost.status, 401);
  const text = await call(base, '/api/login', { method: 'POST', raw: '{"user":"mia"}', headers: { 'content-type': 'text/plain' } });
  assert.equal(text.status, 415);
  const junk = await call(base, '/api/login', { method: 'POST', raw: '{"user":', headers: { 'content-type': 'application/json' } });
  assert.equal(junk.status, 400);
  const me = await call(base, '/api/me', { session: s });
  assert.equal(me.json.user, 'mia');
  assert.equal(me.json.csrf, s.csrf);
});

test('repeated failed logins for a user are slowed down', async () => {
  addUser(ws.db, { name: 'slow', role: 'manager', password: 'slow-pass-123' });
  // Five wrong passwords (waiting out the slowdown in between when asked to).
  let wrong = 0, waited = 0;
  while (wrong < 5) {
    const r = await call(base, '/api/login', { method: 'POST', body: { user: 'slow', password: 'wrong' + wrong } });
    if (r.status === 429) {
      assert.ok(wrong >= 3, '429 only after 3 failures');
      waited++;
      await new Promise((res) => setTimeout(res, 1000 * Number(r.headers.get('retry-after'))));
      continue;
    }
    assert.equal(r.status, 401);
    wrong++;
  }
  // Now the next attempt must wait 4 s: even the right password is refused meanwhile.
  const r = await call(base, '/api/login', { method: 'POST', body: { user: 'slow', password: 'slow-pass-123' } });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  // Other users are not affected.
  await login(base, USERS.manager);
  await new Promise((res) => setTimeout(res, 1100 * Number(r.headers.get('retry-after'))));
  const ok = await call(base, '/api/login', { method: 'POST', body: { user: 'slow', password: 'slow-pass-123' } });
  assert.equal(ok.status, 200);
});

test('logout ends the session; expired sessions answer 401', async () => {
  const s = await login(base, USERS.manager);
  assert.equal((await call(base, '/api/summary', { session: s })).status, 200);
  const out = await call(base, '/api/logout', { method: 'POST', session: s });
  assert.equal(out.status, 200);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  assert.equal((await call(base, '/api/summary', { session: s })).status, 401);
  const e = await login(base, USERS.seller);
  execFileSync('sqlite3', [ws.db, 'UPDATE sessions SET expires_at = 1 WHERE user_id = (SELECT id FROM users WHERE name = \'sam\')']);
  assert.equal((await call(base, '/api/summary', { session: e })).status, 401);
  ses.seller = await login(base, USERS.seller);
});

test('summary: per category of the latest snapshot, scoped by role', async () => {
  const m = (await call(base, '/api/summary', { session: ses.manager })).json;
  assert.equal(m.snapshot.id, 2);
  assert.deepEqual(m.categories.map((c) => c.category), ['1', '2R', '2P', '3']);
  const total = m.categories.reduce((a, c) => a + c.customers, 0);
  assert.equal(total, 12);
  for (const c of m.categories) {
    for (const k of ['category', 'customers', 'revenue', 'potential']) assert.ok(k in c, k);
    assert.equal(typeof c.revenue, 'number');
  }
  const s = (await call(base, '/api/summary', { session: ses.seller })).json;
  assert.equal(s.total.customers, 4); // C01..C04 belong to S1
  const v = (await call(base, '/api/summary', { session: ses.service })).json;
  assert.deepEqual(v.categories.map((c) => c.customers).slice(0, 3), [0, 0, 0]);
});

test('customers: filters, search, paging, sorting, exact money', async () => {
  const all = (await call(base, '/api/customers', { session: ses.manager })).json;
  assert.equal(all.total, 12);
  assert.equal(all.customers.length, 12);
  for (const k of ['customer_id', 'name', 'seller_id', 'category', 'revenue', 'potential'])
    assert.ok(k in all.customers[0], k);
  assert.equal(all.customers[0].customer_id, 'C01'); // largest revenue first
  assert.equal(all.customers[0].revenue, 100000);
  const page = (await call(base, '/api/customers?limit=2&offset=1&sort=customer_id&order=asc', { session: ses.manager })).json;
  assert.equal(page.total, 12);
  assert.deepEqual(page.customers.map((c) => c.customer_id), ['C02', 'C03']);
  const cat = (await call(base, '/api/customers?category=2R&sort=customer_id&order=asc', { session: ses.manager })).json;
  assert.deepEqual(cat.customers.map((c) => c.customer_id), ['C02', 'C05']);
  const sel = (await call(base, '/api/customers?seller=S2', { session: ses.manager })).json;
  assert.equal(sel.total, 4);
  const q = (await call(base, '/api/customers?q=' + encodeURIComponent('ödmans'), { session: ses.manager })).json;
  assert.equal(q.total, 0 + q.customers.length);
  const q2 = (await call(base, '/api/customers?q=ALFA', { session: ses.manager })).json;
  assert.deepEqual(q2.customers.map((c) => c.customer_id), ['C01']);
  assert.equal((await call(base, '/api/customers?category=4', { session: ses.manager })).status, 400);
  assert.equal((await call(base, '/api/customers?limit=-1', { session: ses.manager })).status, 400);
  assert.equal((await call(base, '/api/customers?limit=0', { session: ses.manager })).json.customers.length, 0);
  // A seller sees their own customers only, whatever they ask for.
  const mine = (await call(base, '/api/customers?seller=S2', { session: ses.seller })).json;
  assert.equal(mine.total, 0);
  const own = (await call(base, '/api/customers', { session: ses.seller })).json;
  assert.ok(own.customers.length === 4 && own.customers.every((c) => c.seller_id === 'S1'));
  const svc = (await call(base, '/api/customers', { session: ses.service })).json;
  assert.ok(svc.customers.length > 0 && svc.customers.every((c) => c.category === '3'));
});

test('one customer: history, monthly revenue, contacts', async () => {
  const r = (await call(base, '/api/customers/C01', { session: ses.manager })).json;
  assert.equal(r.customer.name, 'Alfa AB');
  assert.deepEqual(r.history.map((h) => h.snapshot_id), [1, 2]);
  assert.deepEqual(r.monthly.map((m) => m.month), ['2025-01', '2025-03', '2025-04']);
  assert.equal(r.monthly[0].revenue, 50000);
  assert.equal(r.contacts.length, 2);
  assert.equal(r.contacts[0].type, 'phone');
  const enc = await call(base, '/api/customers/' + encodeURIComponent('Åsa'), { session: ses.manager });
  assert.equal(enc.status, 404);
});

test('override pins the category, with reason; validation', async () => {
  const count = async (cat) => (await call(base, '/api/summary', { session: ses.manager })).json.categories.find((c) => c.category === cat).customers;
  const before2P = await count('2P'), before3 = await count('3');
  const r = await call(base, '/api/overrides', { method: 'POST', session: ses.manager,
    body: { customer_id: 'C04', category: '2p', reason: 'new owner, big plans' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.customer.category, '2P');
  assert.equal(r.json.customer.computed_category, '3');
  assert.equal(r.json.customer.override_reason, 'new owner, big plans');
  const again = (await call(base, '/api/customers/C04', { session: ses.manager })).json;
  assert.equal(again.customer.category, '2P');
  assert.equal(await count('2P'), before2P + 1, 'the summary follows the override');
  assert.equal(await count('3'), before3 - 1);
  const row = execFileSync('sqlite3', [ws.db, "SELECT o.category, o.reason, o.created_by FROM overrides o JOIN customers c ON c.id = o.customer WHERE c.customer_id = 'C04'"], { encoding: 'utf8' });
  assert.equal(row.trim(), '2P|new owner, big plans|mia');
  for (const body of [{ customer_id: 'C04', category: '5', reason: 'x' }, { customer_id: 'C04', category: '1', reason: '' },
    { customer_id: 'C04', category: '1' }, { category: '1', reason: 'x' }]) {
    assert.equal((await call(base, '/api/overrides', { method: 'POST', session: ses.manager, body })).status, 400, JSON.stringify(body));
  }
  assert.equal((await call(base, '/api/overrides', { method: 'POST', session: ses.manager,
    body: { customer_id: 'NOPE', category: '1', reason: 'x' } })).status, 404);
});

test('a customer named <script> comes back as data, escaped', async () => {
  const r = await call(base, '/api/customers/C03', { session: ses.manager });
  assert.equal(r.json.customer.name, '<script>alert(1)</script>');
  assert.ok(!r.text.includes('<script>'), 'raw JSON must not hold a literal <script>');
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const csv = await call(base, '/api/export/calllist?seller=S1', { session: ses.manager });
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="calllist-S1.csv"/);
  assert.match(csv.text, /^customer_id,name,category,phone/);
  assert.ok(csv.text.includes("'=1+1"), 'a formula-looking cell is defused');
});

test('call list: a seller gets their own, in category order', async () => {
  const r = await call(base, '/api/export/calllist', { session: ses.seller });
  assert.equal(r.status, 200);
  const ids = r.text.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  assert.deepEqual(ids.sort(), ['C01', 'C02', 'C03', 'C04']);
  assert.equal((await call(base, '/api/export/calllist?seller=S2', { session: ses.seller })).status, 404);
});

test('matrix and sellers', async () => {
  const m = (await call(base, '/api/matrix', { session: ses.manager })).json;
  assert.equal(m.points.length, 12);
  assert.equal(m.snapshot.revenue_threshold, 50000);
  assert.deepEqual(m.fields.slice(0, 3), ['revenue', 'potential', 'category']);
  const s = (await call(base, '/api/matrix', { session: ses.seller })).json;
  assert.equal(s.points.length, 4);
  const mp = (await call(base, '/api/map', { session: ses.service })).json;
  assert.ok(mp.points.length > 0 && mp.points.every((p) => p[2] === '3'), 'service: category 3 on the map');
  assert.equal(mp.located, mp.points.length);
  const mm = (await call(base, '/api/map', { session: ses.manager })).json;
  assert.equal(mm.located, 12);
  assert.deepEqual(mm.points.find((p) => p[3] === 'C01').slice(0, 2), [18.06, 59.33]);
  const sel = (await call(base, '/api/sellers', { session: ses.manager })).json;
  assert.deepEqual(sel.sellers.map((x) => x.seller_id), ['S1', 'S2', 'S3']);
  assert.ok(sel.portfolio.length > 0);
  const own = (await call(base, '/api/sellers', { session: ses.seller })).json;
  assert.deepEqual(own.sellers.map((x) => x.seller_id), ['S1']);
  assert.ok(own.portfolio.every((p) => p.seller_id === 'S1'));
});

test('activity diagnosis: the same numbers as fokus analyze; a seller gets only their rows', async () => {
  const m = (await call(base, '/api/analysis', { session: ses.manager })).json;
  let hasAnalyze = true;
  try { execFileSync(FOKUS, ['help', 'analyze'], { stdio: 'ignore' }); } catch { hasAnalyze = false; }
  if (hasAnalyze) { // `fokus analyze` is another part of fokus; compare when this build has it
    const cli = JSON.parse(execFileSync(FOKUS, ['--db', ws.db, 'analyze', '--format', 'json', '--lang', 'en'], { encoding: 'utf8' }));
    assert.deepEqual(m, cli, 'the API answers what fokus analyze --format json prints');
  }
  assert.ok(m.visits.length > 0 && m.sellers.length > 0 && m.bookings.length > 0);
  const s = (await call(base, '/api/analysis', { session: ses.seller })).json;
  for (const k of ['visits', 'sellers', 'contact_time', 'bookings', 'booking_summary', 'uncontacted_by_seller'])
    assert.ok(s[k].every((x) => x.seller_id === 'S1'), k);
  for (const k of ['categories', 'findings', 'uncontacted', 'order_value']) assert.ok(!(k in s), k);
  const u = (await call(base, '/api/uncontacted', { session: ses.manager })).json;
  assert.ok(u.count >= 1);
  assert.ok(u.customers.some((c) => c.customer_id === 'C12'), 'C12 was never contacted');
  const us = (await call(base, '/api/uncontacted', { session: ses.seller })).json;
  assert.ok(us.customers.every((c) => c.seller_id === 'S1'));
  assert.equal((await call(base, '/api/analysis?from=2025-13-01', { session: ses.manager })).status, 400);
});

test('plan and exports: the same as fokus plan and fokus export', async () => {
  const full = (await call(base, '/api/plan?assignments=all', { session: ses.manager })).json;
  const cli = JSON.parse(execFileSync(FOKUS, ['--db', ws.db, 'plan', '--format', 'json'], { encoding: 'utf8' }));
  assert.deepEqual(full, cli, 'the API answers what fokus plan --format json prints');
  assert.ok(full.workload.length === 3 && full.assignments.length > 0);
  // The page's document: the same without the rows, with the decision and
  // the notes in sentences of the page's language.
  const p = (await call(base, '/api/plan?lang=sv', { session: ses.manager })).json;
  assert.ok(!('assignments' in p));
  assert.deepEqual(p.value, cli.value);
  assert.deepEqual(p.moves, cli.moves);
  assert.match(p.decision[0], /^Timmar: planen använder /);
  assert.ok(p.decision.some((l) => /^Värde: förväntad omsättning om året/.test(l)));
  for (const k of ['objective', 'coverage', 'below_policy', 'capacity_value', 'response', 'words', 'notes'])
    assert.ok(k in p, k);
  // Customers searched and paged by the server, the same rows as the command's.
  const all = (await call(base, '/api/plan/customers?per=200', { session: ses.manager })).json;
  assert.equal(all.total, cli.assignments.length);
  assert.deepEqual(all.rows, cli.assignments.slice(0, 200));
  const one = (await call(base, '/api/plan/customers?q=' + encodeURIComponent(cli.assignments[0].customer_id), { session: ses.manager })).json;
  assert.ok(one.total >= 1 && one.rows.some((r) => r.customer_id === cli.assignments[0].customer_id));
  const moved = (await call(base, '/api/plan/customers?changes=1&per=2&page=0', { session: ses.manager })).json;
  assert.equal(moved.total, cli.assignments.filter((a) => a.to_seller && a.to_seller !== a.from_seller).length);
  assert.ok(moved.rows.length <= 2);
  assert.ok(moved.rows.every((r) => r.to_seller !== r.from_seller));
  // The map's colours: each located customer's planned person.
  const own = (await call(base, '/api/plan/owners', { session: ses.manager })).json;
  assert.deepEqual(own.fields, ['lon', 'lat', 'seller', 'customer_id']);
  for (const pt of own.points) {
    const a = cli.assignments.find((x) => x.customer_id === pt[3]);
    assert.equal(own.sellers[pt[2]].seller_id, a.to_seller, pt[3]);
  }
  // The whole plan to download: every customer, reasons in words.
  const csv = await call(base, '/api/plan/download.csv?lang=en', { session: ses.manager });
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /filename="plan\.csv"/);
  const lines = csv.text.replace(/^\ufeff/, '').trim().split('\n');
  assert.equal(lines.length - 1, cli.assignments.length);
  assert.match(lines[0], /^Customer,Name,Category,From,To,Why,Channel,Visits\/yr,/);
  assert.ok(!/,(no_owner|owner_unknown|role|capacity|balance|pinned|no_role|no_category),/.test(csv.text), 'words, not codes');
  const xl = await call(base, '/api/plan/download.xlsx', { session: ses.manager });
  assert.match(xl.headers.get('content-type'), /spreadsheetml/);
  const dir = ws.dir + '/exports';
  execFileSync(FOKUS, ['--db', ws.db, 'export', '--out', dir, '--lang', 'en'], { stdio: 'ignore' });
  const { readFileSync, readdirSync } = await import('node:fs');
  const files = readdirSync(dir);
  assert.ok(files.includes('newsletter.csv'));
  for (const f of files.filter((x) => x.endsWith('.csv') || x.endsWith('.ics'))) {
    const r = await call(base, '/api/export/' + f, { session: ses.manager });
    assert.equal(r.status, 200, f);
    assert.match(r.headers.get('content-disposition'), new RegExp('filename="' + f.replace('.', '\\.') + '"'));
    const want = readFileSync(dir + '/' + f, 'utf8');
    if (f.endsWith('.ics')) assert.equal(r.text.replace(/DTSTAMP:\S+/g, ''), want.replace(/DTSTAMP:\S+/g, ''), f);
    else assert.equal(r.text, want, f);
  }
  const x = await call(base, '/api/export/' + files.find((f) => f.endsWith('.xlsx')), { session: ses.manager });
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.equal((await call(base, '/api/export/calls-NOBODY.csv', { session: ses.manager })).status, 404);
  assert.equal((await call(base, '/api/export/.hidden.csv', { session: ses.manager })).status, 404);
});

test('a seller\'s coming days, as fokus route plans them', async () => {
  const r = (await call(base, '/api/route?seller=S1&from=2025-06-02&days=3', { session: ses.manager })).json;
  assert.equal(r.seller_id, 'S1');
  assert.equal(r.from, '2025-06-02');
  assert.deepEqual(r.days.map((d) => d.date), ['2025-06-02', '2025-06-03', '2025-06-04']);
  assert.deepEqual(r.start, { label: 'home', lat: 59.33, lon: 18.06 });
  const planned = r.days.reduce((a, d) => a + d.stops.length, 0);
  assert.equal(planned, r.totals.planned);
  assert.ok(r.totals.due >= 1, 'S1 has customers due for a visit');
  // The days follow the coverage plan: only customers the plan gives S1.
  const plan = JSON.parse(execFileSync(FOKUS, ['--db', ws.db, 'plan', '--format', 'json'], { encoding: 'utf8' }));
  const mine = new Set(plan.assignments.filter((a) => a.to_seller === 'S1' && a.visits_per_year > 0).map((a) => a.customer_id));
  for (const d of r.days) for (const s of d.stops) assert.ok(mine.has(s.customer_id), 'only the plan\'s S1 customers with visits');
  const own = await call(base, '/api/route?days=1', { session: ses.seller });
  assert.equal(own.status, 200);
  assert.equal(own.json.seller_id, 'S1');
  assert.equal((await call(base, '/api/route?seller=S3', { session: ses.manager })).status, 409, 'S3 has no home');
  assert.equal((await call(base, '/api/route?seller=S1&days=99', { session: ses.manager })).status, 400);
  assert.equal((await call(base, '/api/route?seller=NOPE', { session: ses.manager })).status, 404);
});

test('bodies over the limit answer 413', async () => {
  const big = '{"user":"' + 'x'.repeat(1100 * 1024) + '"}';
  const r = await call(base, '/api/login', { method: 'POST', raw: big, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
});

test('static files: index, no path leaves the asset set', async () => {
  const idx = await call(base, '/');
  assert.equal(idx.status, 200);
  assert.match(idx.headers.get('content-type'), /^text\/html/);
  for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/web/index.html',
    '//etc/passwd', '/%00', '/Makefile', '/../Makefile', '/vendor/../../Makefile']) {
    const r = await call(base, p);
    assert.equal(r.status, 404, p);
    assert.ok(!r.text.includes('root:'), p);
  }
  // fetch normalizes dot segments; curl --path-as-is sends them raw.
  for (const p of ['/../../../etc/passwd', '/index.html/../../Makefile', '/./index.html/..', '/vendor/..%2f..%2fMakefile']) {
    const raw = execFileSync('curl', ['-s', '--path-as-is', '-o', '/dev/null', '-w', '%{http_code}', base + p], { encoding: 'utf8' });
    assert.ok(raw === '404' || raw === '400', 'curl --path-as-is ' + p + ': ' + raw);
  }
});

test('save as new categorization: computed by the core with the given thresholds', async () => {
  const before = (await call(base, '/api/summary', { session: ses.manager })).json.snapshot.id;
  const r = await call(base, '/api/categorize', { method: 'POST', session: ses.manager,
    body: { revenue_threshold: 70000, potential_threshold: 40000 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.snapshot_id, before + 1);
  assert.equal(r.json.revenue_threshold, 70000);
  const s = (await call(base, '/api/summary', { session: ses.manager })).json;
  assert.equal(s.snapshot.id, before + 1);
  assert.equal(s.snapshot.method, 'absolute');
  assert.equal(s.snapshot.revenue_threshold, 70000);
  const cat = async (id) => (await call(base, '/api/customers/' + id, { session: ses.manager })).json.customer;
  // Revenue in the 12 months to 2025-06-01 from the orders: C01 99 500, C02 80 000, C05 70 000 (= the threshold: high).
  // Potential as given in the customer file; high when ≥ 40 000.
  assert.equal((await cat('C01')).revenue, 99500);
  assert.equal((await cat('C01')).category, '1');
  assert.equal((await cat('C05')).category, '2R');
  assert.equal((await cat('C03')).category, '2P'); // 60 000 < 70 000; potential 50 000
  assert.equal((await cat('C06')).category, '2P');
  assert.equal((await cat('C09')).category, '3');
  const c04 = await cat('C04'); // pinned earlier
  assert.equal(c04.category, '2P');
  assert.equal(c04.computed_category, '3');
  const h = (await call(base, '/api/history', { session: ses.manager })).json;
  assert.equal(h.snapshots.at(-1).snapshot, before + 1);
  assert.equal(h.snapshots.at(-1).customers, 12);
  assert.equal(h.migration.from, before);
  assert.equal(h.migration.to, before + 1);
  const moved = Object.values(h.migration.moves).reduce((a, row) => a + Object.values(row).reduce((x, y) => x + y, 0), 0);
  assert.equal(moved, 12);
  assert.equal(h.migration.moves['1']['1'], 1, 'C01 stayed in 1');
  assert.equal(h.migration.moves['1']['2P'], 1, 'C03 went from 1 to 2P');
  const h1 = (await call(base, '/api/history?from=1&to=' + (before + 1), { session: ses.manager })).json;
  assert.equal(h1.migration.new['3'] + h1.migration.new['2P'] + h1.migration.new['2R'] + h1.migration.new['1'], 9);
  assert.equal((await call(base, '/api/history?from=99', { session: ses.manager })).status, 404);
  assert.equal((await call(base, '/api/history?from=x', { session: ses.manager })).status, 400);
  assert.equal((await call(base, '/api/categorize', { method: 'POST', session: ses.manager, body: { revenue_threshold: -1, potential_threshold: 5 } })).status, 400);
});

test('readers keep working while another process writes a large transaction', async () => {
  const { spawn } = await import('node:child_process');
  // A writer in another process: ~300k inserted rows in one transaction, then a new snapshot.
  // The rows are order blocks of one line each (customer 1 + i % 12, day 20000, amount 1;
  // packed as tests/orderpack.py does).
  const sql = "BEGIN IMMEDIATE; INSERT INTO batches(kind, file, rows, created_at) VALUES ('orders', 'load', 0, 'now'); " +
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000), " +
    "b(part, data) AS (VALUES (1, X'0001C0B80202'), (2, X'0002C0B80202'), (3, X'0003C0B80202'), (4, X'0004C0B80202'), (5, X'0005C0B80202'), (6, X'0006C0B80202'), (7, X'0007C0B80202'), (8, X'0008C0B80202'), (9, X'0009C0B80202'), (10, X'000AC0B80202'), (11, X'000BC0B80202'), (12, X'000CC0B80202')) " +
    "INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) " +
    "SELECT (SELECT max(id) FROM batches), part, 1, 20000, 20000, 1, data FROM n JOIN b ON b.part = 1 + i % 12; " +
    "INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params) VALUES (99, '2025-07-01T00:00:00Z', 20270, 12, 'amount', 'pareto', '{}'); COMMIT;";
  const writer = spawn('sqlite3', [ws.db, sql], { stdio: 'ignore' });
  const done = new Promise((res) => writer.on('exit', res));
  let calls = 0, writerDone = false;
  done.then(() => { writerDone = true; });
  while (!writerDone && calls < 400) {
    const rs = await Promise.all([
      call(base, '/api/summary', { session: ses.manager }),
      call(base, '/api/customers?limit=5', { session: ses.seller }),
      call(base, '/api/customers/C01', { session: ses.manager }),
    ]);
    for (const r of rs) assert.equal(r.status, 200, r.text);
    calls += rs.length;
  }
  assert.equal(await done, 0, 'the writer succeeded');
  if (process.env.FOKUS_WEB_VERBOSE) console.log('reads during the write:', calls);
  assert.ok(calls >= 6, 'reads ran while the writer wrote: ' + calls);
  // A login writes (a session row): it waits for the writer rather than failing.
  await login(base, USERS.manager);
  const s = (await call(base, '/api/summary', { session: ses.manager })).json;
  assert.equal(s.snapshot.id, 99, 'the new snapshot is seen after the commit');
});

// Uploads: raw body, ?kind=&name=; dry_run checks only.
async function upload(session, query, body, headers = {}) {
  return call(base, '/api/import?' + query, { method: 'POST', session, raw: body,
    headers: { 'content-type': 'application/octet-stream', ...headers } });
}

test('import: check with preview, rejected rows with line numbers, then import', async () => {
  const csv = 'Kundnr;Namn;Postnr;Ort;Säljare;Bransch\nN1;Norra AB;111 22;Stockholm;S2;C\nN2;Södra AB;211 11;Malmö;S2;C\n';
  const dry = await upload(ses.manager, 'kind=customers&name=kunder.csv&dry_run=1', csv);
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.json.ok, true);
  assert.equal(dry.json.dry_run, true);
  assert.equal(dry.json.rows_read, 2);
  assert.deepEqual(dry.json.columns.map((c) => c.field), ['customer_id', 'name', 'postal_code', 'city', 'seller_id', 'industry']);
  assert.deepEqual(dry.json.preview[0].cells, ['N1', 'Norra AB', '111 22', 'Stockholm', 'S2', 'C']);
  assert.equal(dry.json.preview[0].line, 2);
  assert.equal((await call(base, '/api/customers/N1', { session: ses.manager })).status, 404, 'a dry run stores nothing');
  const real = await upload(ses.manager, 'kind=customers&name=kunder.csv', csv);
  assert.equal(real.status, 200, real.text);
  assert.equal(real.json.summary.rows_stored, 2);
  assert.equal((await call(base, '/api/customers/N1', { session: ses.manager })).json.customer.name, 'Norra AB');
  const again = await upload(ses.manager, 'kind=customers&name=kunder.csv', csv);
  assert.equal(again.json.ok, true, 'customers are upserted');

  const bad = 'order_id,customer_id,date,amount\nA1,N1,2025-03-01,100\nA2,N2,2025-03-02,"12,3,4"\nA3,N2,not a date,5\n';
  const b = await upload(ses.manager, 'kind=orders&name=orders.csv&dry_run=1', bad);
  assert.equal(b.status, 422);
  assert.equal(b.json.ok, false);
  assert.equal(b.json.rows_rejected, 2);
  assert.deepEqual(b.json.errors.map((e) => e.line), [3, 4]);
  assert.match(b.json.errors[0].text, /^orders\.csv:3: column "amount": "12,3,4" is not a number$/);
  assert.ok(!b.text.includes('fokus-upload'), 'messages do not show the server\'s temporary file');
  const b2 = await upload(ses.manager, 'kind=orders&name=orders.csv', bad);
  assert.equal(b2.status, 422, 'all-or-nothing');
  const skip = await upload(ses.manager, 'kind=orders&name=orders.csv&skip_bad=1', bad);
  assert.equal(skip.status, 200, skip.text);
  assert.equal(skip.json.summary.rows_stored, 1);
  const dup = await upload(ses.manager, 'kind=orders&name=orders2.csv&skip_bad=1', bad);
  assert.equal(dup.status, 422);
  assert.ok(dup.json.duplicate_of > 0, 'the same content is refused as a duplicate');

  const bin = await upload(ses.manager, 'kind=customers&name=picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 0, 0xff]));
  assert.equal(bin.status, 422);
  assert.ok(bin.json.error.length > 10, 'one clear sentence');
  assert.ok(!bin.text.includes('fokus-upload'), bin.json.error);
  assert.equal((await upload(ses.manager, 'kind=invoices&name=x.csv', 'a,b\n')).status, 400);
});

test('import: refused before storing for other roles, without session or CSRF', async () => {
  const csv = 'customer_id,name\nZ1,Z AB\n';
  assert.equal((await upload(null, 'kind=customers&name=z.csv', csv)).status, 401);
  assert.equal((await upload(ses.seller, 'kind=customers&name=z.csv', csv)).status, 403);
  assert.equal((await upload(ses.service, 'kind=customers&name=z.csv', csv)).status, 403);
  assert.equal((await upload({ cookie: ses.manager.cookie }, 'kind=customers&name=z.csv', csv)).status, 403);
  assert.equal((await call(base, '/api/customers/Z1', { session: ses.manager })).status, 404);
});

test('uploads over the limit answer 413', async () => {
  const small = await startServer(ws.db, ['--upload-max-mb', '1']);
  try {
    const s = await login(small.url, USERS.manager);
    const big = 'customer_id,name\n' + 'X,Y\n'.repeat(300000); // 1.2 MB
    const r = await call(small.url, '/api/import?kind=customers&name=big.csv', { method: 'POST', session: s, raw: big,
      headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 413);
    assert.match(r.json.error, /larger than the upload limit/);
    const ok = await call(small.url, '/api/import?kind=customers&name=ok.csv&dry_run=1', { method: 'POST', session: s,
      raw: 'customer_id,name\nX,Y\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(ok.status, 200);
  } finally {
    await small.stop();
  }
});
