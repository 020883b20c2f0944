// concurrency.tsan.mjs — issue 15 §2: `fokus serve` built with
// ThreadSanitizer (build/fokus-tsan, `make web-tsan`) on the sample company,
// with 16 clients — four of each role — calling every GET route of the API
// at once for a bounded time, while a manager overrides and categorizes
// (new data versions: the result cache is dropped under load) and logins
// come and go; then each GET route once more, calm, so that every one has
// answered 200. Fails on any ThreadSanitizer report (the server stops at the
// first, exit code 66, and its log is in the temp dir), any crash or lost
// connection, and any 5xx but a 503 with Retry-After.
//
// The GET routes come from the route table in src/web/web.c, so a new route
// is called without touching this file (a new route with a path tail needs
// its tails in TAILS below, or the test says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, FOKUS, addUser, startServer, login } from './lib.mjs';

const TSAN_BIN = join(ROOT, 'build/fokus-tsan');
const SECONDS = Number(process.env.FOKUS_TSAN_SECONDS || 25);
const CLIENTS = 16;

// The role bits of web.c's route table.
const ROLE_BITS = {
  R_ADMIN: ['admin'], R_MANAGER: ['manager'], R_SELLER: ['seller'], R_SERVICE: ['service'],
  R_STAFF: ['admin', 'manager'], R_ALL: ['admin', 'manager', 'seller', 'service'], R_NONE: [],
};

export function getRoutes() {
  const src = readFileSync(join(ROOT, 'src/web/web.c'), 'utf8');
  const table = src.slice(src.indexOf('static const struct route routes[]'));
  const out = [];
  for (const m of table.slice(0, table.indexOf('};')).matchAll(/\{"(GET|POST|DELETE)", "(\/api\/[^"]*)", ([A-Z_| ]+),/g)) {
    const roles = new Set(m[3].split('|').flatMap((r) => ROLE_BITS[r.trim()] || assert.fail('unknown role ' + r)));
    out.push({ method: m[1], path: m[2], roles: [...roles] });
  }
  return out;
}

const USERS = {
  admin: { name: 'ada', role: 'admin', password: 'admin-pass-123' },
  manager: { name: 'mia', role: 'manager', password: 'manager-pass-123' },
  seller: { name: 'sam', role: 'seller', seller: 'S01', password: 'seller-pass-123' },
  service: { name: 'sue', role: 'service', password: 'service-pass-123' },
};

const DAYS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const pick = (a) => a[Math.floor(Math.random() * a.length)];

// Query variants per route, so that requests miss the result cache too.
function variants(path, cust) {
  switch (path) {
    case '/api/route': return ['S01', 'S02', 'S03'].flatMap((s) => [1, 2, 3].map((d) => `?seller=${s}&days=${d}&from=${pick(DAYS)}`));
    case '/api/analysis': return ['', '?from=2026-05-01&to=2026-10-31', '?lang=sv', '?from=2026-08-01'];
    case '/api/uncontacted': return ['', '?category=3', '?category=1&seller=S01', '?seller=S02'];
    case '/api/customers': return ['', '?limit=20&sort=name', '?category=2P', '?q=AB&limit=5', `?seller=S01`];
    case '/api/export/calllist': return ['?seller=S01', '?seller=S02', '?seller=S03&lang=sv'];
    case '/api/history': return ['', '?from=1&to=2'];
    case '/api/audit': return ['', '?limit=50', '?since=2026-01-01'];
    case '/api/import/progress': return ['?token=no-such-import-1', '?token=no-such-import-2'];
    case '/api/day': return ['?seller=S01', `?seller=S02&date=${new Date().toISOString().slice(0, 10)}`];
    case '/api/adherence': return ['', '?seller=S01', '?from=2026-09-01&to=2026-11-30'];
    default: return [''];
  }
}

// The tails of routes that end in '/'.
function tails(path, cust) {
  const TAILS = {
    '/api/customers/': cust,
    '/api/plan/': ['customers', 'customers?q=S0&page=1', 'customers?changes=1', 'owners', 'download.csv', 'download.xlsx'],
    '/api/export/': ['newsletter.csv', 'calls-S01.csv', 'calls-S01.xlsx', 'calls-S02.xlsx', 'calls-S03.xlsx', 'visits-S01.ics', 'calls-S03.csv'],
  };
  return TAILS[path];
}

function makeSample(dir) {
  const data = join(dir, 'sample');
  const db = join(dir, 'w.db');
  execFileSync(FOKUS, ['sample', '--out', data, '--customers', '300', '--sellers', '4', '--months', '12'], { stdio: 'ignore' });
  for (const k of ['sellers', 'customers', 'orders', 'activities'])
    execFileSync(FOKUS, ['--db', db, 'import', k, join(data, k + '.csv')], { stdio: 'ignore' });
  execFileSync(FOKUS, ['--db', db, 'categorize'], { stdio: 'ignore' });
  for (const u of Object.values(USERS)) addUser(db, u);
  const ids = readFileSync(join(data, 'customers.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  return { db, ids };
}

test('16 clients of every role on every GET route, under ThreadSanitizer', { timeout: (SECONDS + 240) * 1000 }, async () => {
  assert.ok(existsSync(TSAN_BIN), 'build/fokus-tsan (make web-tsan builds it)');
  const dir = mkdtempSync(join(tmpdir(), 'fokus-tsan-'));
  let srv;
  try {
    const { db, ids } = makeSample(dir);
    const cust = ids.filter((_, i) => i % 37 === 0).concat(['NOPE']);
    const routes = getRoutes();
    const gets = routes.filter((r) => r.method === 'GET');
    assert.ok(gets.length >= 15, 'the route table was read: ' + gets.length);
    const urls = []; // {url, route, roles}
    for (const r of gets) {
      const paths = r.path.endsWith('/') ? tails(r.path, cust) : [r.path];
      assert.ok(paths, `GET ${r.path} takes a tail: add examples of it to TAILS in concurrency.tsan.mjs`);
      for (const p of paths) for (const q of variants(r.path, cust)) urls.push({ url: (r.path.endsWith('/') ? r.path + p : p) + q, route: r.path, roles: r.roles });
    }
    const log = join(dir, 'tsan');
    srv = await startServer(db, ['--max-per-ip', '200'], {
      bin: TSAN_BIN,
      env: { TSAN_OPTIONS: `halt_on_error=1 exitcode=66 log_path=${log} suppressions=${join(ROOT, 'tests/tsan.supp')}` },
    });
    const base = srv.url;
    const roles = Object.keys(USERS);
    const sessions = {};
    for (const role of roles) sessions[role] = await login(base, USERS[role]);

    const stats = { calls: 0, byStatus: {}, ok: new Set(), problems: [] };
    const note = (what, r, text) => {
      stats.calls++;
      stats.byStatus[r.status] = (stats.byStatus[r.status] || 0) + 1;
      if (r.status >= 500 && !(r.status === 503 && Number(r.headers.get('retry-after')) > 0))
        stats.problems.push(`${what} -> ${r.status} ${text.slice(0, 200)}`);
    };
    const end = Date.now() + SECONDS * 1000;
    async function get(role, u) {
      let r, text;
      try {
        r = await fetch(base + u.url, { headers: { cookie: sessions[role].cookie } });
        text = await r.text();
      } catch (e) {
        stats.problems.push(`GET ${u.url} as ${role}: ${e.cause ? e.cause.code || e.cause.message : e.message}`);
        return;
      }
      note(`GET ${u.url} as ${role}`, r, text);
      if (r.status === 200) stats.ok.add(u.route);
      if (u.roles.includes(role) && ![200, 404, 409, 503].includes(r.status))
        stats.problems.push(`GET ${u.url} as ${role} -> ${r.status} ${text.slice(0, 200)}`);
      if (!u.roles.includes(role) && r.status !== 403)
        stats.problems.push(`GET ${u.url} as ${role} -> ${r.status}, not 403`);
    }
    async function reader(i) {
      const role = roles[i % roles.length];
      const mine = urls.filter((u) => u.roles.includes(role));
      while (Date.now() < end && stats.problems.length === 0)
        await get(role, Math.random() < 0.9 ? pick(mine) : pick(urls));
    }
    // A manager changing the data now and then: overrides and a new categorization.
    async function writer() {
      const s = sessions.manager;
      for (let n = 0; Date.now() < end && stats.problems.length === 0; n++) {
        await new Promise((res) => setTimeout(res, 2500));
        const post = (path, body) => fetch(base + path, { method: 'POST', body: JSON.stringify(body),
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' } });
        try {
          const r = n % 4 === 3 ? await post('/api/categorize', {})
            : await post('/api/overrides', { customer_id: pick(cust.slice(0, -1)), category: pick(['1', '2R', '2P', '3']), reason: 'load test ' + n });
          const text = await r.text();
          note('POST as manager', r, text);
          if (![200, 201].includes(r.status)) stats.problems.push(`write ${n} -> ${r.status} ${text.slice(0, 200)}`);
        } catch (e) {
          stats.problems.push('write: ' + e.message);
        }
      }
    }
    // Logins at the same time: sessions and audit rows written under load.
    async function logins() {
      while (Date.now() < end && stats.problems.length === 0) {
        const u = pick(Object.values(USERS));
        try {
          const r = await fetch(base + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ user: u.name, password: u.password }) });
          const text = await r.text();
          note('login', r, text);
          if (![200, 503].includes(r.status)) stats.problems.push(`login ${u.name} -> ${r.status} ${text}`);
        } catch (e) {
          stats.problems.push('login: ' + e.message);
        }
        await new Promise((res) => setTimeout(res, 300));
      }
    }
    await Promise.all([...Array(CLIENTS).keys()].map(reader).concat([writer(), logins()]));
    // Then, calm: each GET route once more as a role that may use it, waiting
    // out 503s, so that every route has answered 200 (under load the heavy
    // ones may have found the slots busy every time).
    for (const r of gets) {
      if (stats.ok.has(r.path) || stats.problems.length) continue;
      const role = r.roles[0];
      for (const u of urls.filter((x) => x.route === r.path)) {
        for (let tries = 0; tries < 20 && !stats.ok.has(r.path); tries++) {
          const res = await fetch(base + u.url, { headers: { cookie: sessions[role].cookie } });
          const text = await res.text();
          note(`GET ${u.url} as ${role} (calm)`, res, text);
          if (res.status === 200) stats.ok.add(r.path);
          if (res.status !== 503) break;
          await new Promise((ok) => setTimeout(ok, 1000 * Number(res.headers.get('retry-after'))));
        }
        if (stats.ok.has(r.path)) break;
      }
    }
    const alive = srv.proc.exitCode === null;
    await srv.stop();
    const reports = readdirSync(dir).filter((f) => f.startsWith('tsan'));
    const reportText = reports.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n').slice(0, 6000);
    if (process.env.FOKUS_WEB_VERBOSE || reports.length || stats.problems.length)
      console.log('calls:', stats.calls, 'by status:', JSON.stringify(stats.byStatus), 'stderr:', srv.stderr().slice(0, 3000));
    assert.deepEqual(reports, [], 'ThreadSanitizer reports:\n' + reportText);
    assert.ok(alive, 'the server was still running at the end (exit ' + srv.proc.exitCode + ')');
    assert.equal(srv.proc.exitCode, 0, 'clean exit after SIGTERM');
    assert.deepEqual(stats.problems.slice(0, 20), []);
    for (const r of gets) assert.ok(stats.ok.has(r.path), `GET ${r.path} answered 200 at least once`);
    assert.ok(stats.calls >= 200, 'enough calls: ' + stats.calls);
  } finally {
    if (srv) await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
