// day.test.mjs — "My day" / "Min dag" (docs/follow-up.md §2) and the
// Adherence page on the sample company (`fokus demo --no-serve`, plan
// applied): the API (roles, a seller's own day, validation, an action's id
// stored once), then a seller on a 360 × 740 phone in headless Debian
// chromium: no sideways scrolling, check in and out with an outcome and a
// note, a call logged while offline (context.setOffline) and sent when the
// network is back, an answer lost on the way (the request reaches the
// server, the phone sees a reset) and the retry that does not log twice;
// `fokus analyze` counts what was logged. Screenshots in artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { FOKUS, ARTIFACTS, startServer, addUser, fokus, call, login } from './lib.mjs';

let dir, db, srv, browser;
const SELLER = { name: 'sara', role: 'seller', seller: 'S01', password: 'sara-pass-123' };
const MANAGER = { name: 'mia', role: 'manager', password: 'mia-pass-1234' };
const SERVICE = { name: 'sue', role: 'service', password: 'sue-pass-1234' };
const problems = [];

const sql = (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();
const pad = (n) => String(n).padStart(2, '0');
const localDate = (d = new Date()) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'fokus-day-'));
  execFileSync(FOKUS, ['demo', '--no-serve', '--dir', join(dir, 'demo'), '--customers', '600'], { stdio: 'ignore' });
  db = join(dir, 'demo', 'fokus.db');
  fokus(db, ['plan', '--apply']);
  for (const u of [SELLER, MANAGER, SERVICE]) addUser(db, u);
  srv = await startServer(db);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('GET /api/day: a seller\'s own day, staff choose the seller, others may not', async () => {
  const s = await login(srv.url, SELLER);
  const r = await call(srv.url, '/api/day?date=' + localDate(), { session: s });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.seller_id, 'S01');
  assert.equal(r.json.today, localDate());
  assert.ok(r.json.visits.length > 0, 'S01 has visits on ' + r.json.day);
  for (const v of r.json.visits) {
    assert.match(v.begin, /^\d\d:\d\d$/);
    assert.ok(['1', '2R', '2P'].includes(v.category), v.category);
  }
  assert.ok(r.json.routed);
  assert.ok(Array.isArray(r.json.overdue) && Array.isArray(r.json.done));
  // the same list on every reload
  const again = await call(srv.url, '/api/day?date=' + localDate(), { session: s });
  assert.deepEqual(again.json.visits.map((v) => v.customer_id), r.json.visits.map((v) => v.customer_id));
  assert.equal((await call(srv.url, '/api/day?seller=S02', { session: s })).status, 404);
  assert.equal((await call(srv.url, '/api/day?date=1999-01-01', { session: s })).status, 400);
  const m = await login(srv.url, MANAGER);
  assert.equal((await call(srv.url, '/api/day', { session: m })).status, 400);
  const md = await call(srv.url, '/api/day?seller=S02', { session: m });
  assert.equal(md.status, 200);
  assert.equal(md.json.seller_id, 'S02');
  assert.equal((await call(srv.url, '/api/day?seller=NOSUCH', { session: m })).status, 404);
  const sv = await login(srv.url, SERVICE);
  assert.equal((await call(srv.url, '/api/day', { session: sv })).status, 403);
  assert.equal((await call(srv.url, '/api/day')).status, 401);
});

test('POST /api/day/actions: validated, scoped, and each id stored once', async () => {
  const s = await login(srv.url, SELLER);
  const own = sql("SELECT customer_id FROM customers WHERE seller_id = 'S01' ORDER BY customer_id LIMIT 1");
  const other = sql("SELECT customer_id FROM customers WHERE seller_id = 'S02' ORDER BY customer_id LIMIT 1");
  const a = { id: 'api-test-0001', kind: 'call', customer_id: own, date: localDate(), start: '10:15', minutes: 7, outcome: 'order', note: 'Beställde 40 västar' };
  assert.equal((await call(srv.url, '/api/day/actions', { method: 'POST', session: s, csrf: null, body: a })).status, 403);
  const r1 = await call(srv.url, '/api/day/actions', { method: 'POST', session: s, body: a });
  assert.equal(r1.status, 201, r1.text);
  assert.equal(r1.json.duplicate, false);
  const r2 = await call(srv.url, '/api/day/actions', { method: 'POST', session: s, body: a });
  assert.equal(r2.status, 200);
  assert.equal(r2.json.duplicate, true);
  assert.equal(sql("SELECT count(*) FROM logged_actions WHERE action_id = 'api-test-0001'"), '1');
  assert.equal(sql(`SELECT count(*) FROM activities a JOIN customers c ON c.id = a.customer WHERE c.customer_id = '${own}' AND a.type = 'phone' AND a.minute = 615 AND a.duration_min = 7 AND a.seller_id = 'S01'`), '1');
  const bad = [
    { ...a, id: 'x' }, { ...a, id: 'api-test-0002', kind: 'lunch' }, { ...a, id: 'api-test-0003', outcome: 'maybe' },
    { ...a, id: 'api-test-0004', start: '25:00' }, { ...a, id: 'api-test-0005', minutes: 9999 },
    { ...a, id: 'api-test-0006', date: '1999-01-01' }, { ...a, id: 'api-test-0007', note: 'x'.repeat(3000) },
    { ...a, id: 'api-test-0008', customer_id: '' },
  ];
  for (const b of bad) assert.equal((await call(srv.url, '/api/day/actions', { method: 'POST', session: s, body: b })).status, 400, JSON.stringify(b).slice(0, 80));
  assert.equal((await call(srv.url, '/api/day/actions', { method: 'POST', session: s, body: { ...a, id: 'api-test-0009', customer_id: other } })).status, 404);
  assert.equal((await call(srv.url, '/api/day/actions', { method: 'POST', session: s, body: { ...a, id: 'api-test-0010', seller_id: 'S02' } })).status, 404);
  assert.equal((await call(srv.url, '/api/day/actions', { method: 'POST', session: s, raw: 'id=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 415);
  const m = await login(srv.url, MANAGER);
  assert.equal((await call(srv.url, '/api/day/actions', { method: 'POST', session: m, body: { ...a, id: 'api-test-0011' } })).status, 400);
  assert.equal((await call(srv.url, '/api/day/actions', { method: 'POST', session: m, body: { ...a, id: 'api-test-0012', seller_id: 'NOSUCH' } })).status, 404);
  const rm = await call(srv.url, '/api/day/actions', { method: 'POST', session: m, body: { ...a, id: 'api-test-0013', seller_id: 'S02', customer_id: other, kind: 'visit', outcome: 'meeting_booked' } });
  assert.equal(rm.status, 201, rm.text);
  assert.equal(sql("SELECT count(*) FROM activities WHERE seller_id = 'S02' AND type = 'meeting_booked' AND batch_id IN (SELECT id FROM batches WHERE kind = 'logged')"), '1');
  // the day lists it
  const d = await call(srv.url, '/api/day?date=' + localDate(), { session: s });
  assert.ok(d.json.done.some((x) => x.id === 'api-test-0001' && x.note === 'Beställde 40 västar' && x.start === '10:15'));
});

async function phone() {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'sv-SE', deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|net::ERR_FAILED/.test(m.text())) problems.push(m.text());
  });
  await page.goto(srv.url + '/');
  await page.evaluate(() => localStorage.setItem('fokus.lang', 'sv'));
  await page.goto(srv.url + '/');
  await page.fill('#login-user', SELLER.name);
  await page.fill('#login-password', SELLER.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#who');
  return { context, page };
}

const status = (page) => page.textContent('#day-status');
const pending = (page) => page.evaluate((u) => JSON.parse(localStorage.getItem('fokus.outbox.' + u) || '{"pending":[]}').pending.length, SELLER.name);

test('My day on a phone: check in and out, a call offline, a lost answer retried once', async () => {
  const { context, page } = await phone();
  assert.equal(await page.textContent('#nav-day'), 'Min dag');
  await page.click('#nav-day');
  await page.waitForSelector('#day-visits li');
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(width[0] <= width[1], 'no sideways scrolling at 360 px: ' + width);
  await page.screenshot({ path: join(ARTIFACTS, 'day-phone.png') });
  await page.screenshot({ path: join(ARTIFACTS, 'day-phone-full.png'), fullPage: true });

  // Check in at the first visit, check out with a booked meeting and a note.
  const first = await page.getAttribute('#day-visits li:first-child', 'data-customer');
  await page.click('#day-visits li:first-child button.check-in');
  await page.waitForSelector('#checked-in');
  await page.screenshot({ path: join(ARTIFACTS, 'day-checked-in.png') });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(wide, 'the check-out form fits too');
  await page.check('#checkout-form input[value=meeting_booked]');
  await page.fill('#checkout-note', 'Vill se nya skyddsskor');
  await page.click('#check-out');
  await page.waitForFunction(() => document.querySelector('#day-status')?.textContent === 'Allt är skickat.');
  await page.waitForSelector(`#day-visits li[data-customer="${first}"].done`);
  assert.equal(sql(`SELECT count(*) FROM logged_actions a JOIN customers c ON c.id = a.customer WHERE c.customer_id = '${first}' AND a.kind = 'visit' AND a.outcome = 'meeting_booked' AND a.note = 'Vill se nya skyddsskor'`), '1');
  assert.equal(sql(`SELECT count(*) FROM activities a JOIN customers c ON c.id = a.customer WHERE c.customer_id = '${first}' AND a.type IN ('visit', 'meeting_booked') AND a.batch_id IN (SELECT id FROM batches WHERE kind = 'logged')`), '2');

  // Offline: a call to an overdue customer waits in the phone.
  const callee = await page.getAttribute('#day-overdue li:first-child', 'data-customer');
  await context.setOffline(true);
  await page.click('#day-overdue li:first-child button.log-call');
  await page.fill('#call-minutes', '12');
  await page.check('#call-form input[value=order]');
  await page.fill('#call-note', 'Ring igen i januari');
  await page.click('#save-call');
  await page.waitForFunction(() => /^Inget nät: 1 väntar/.test(document.querySelector('#day-status')?.textContent || ''));
  assert.equal(await pending(page), 1);
  assert.ok(await page.$('#day-done li.waiting'), 'the waiting call is listed');
  await page.screenshot({ path: join(ARTIFACTS, 'day-offline.png'), fullPage: false });
  assert.equal(sql(`SELECT count(*) FROM logged_actions a JOIN customers c ON c.id = a.customer WHERE c.customer_id = '${callee}' AND a.kind = 'call'`), '0');
  // Back online: sent at once, exactly once.
  await context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('#day-status')?.textContent === 'Allt är skickat.', null, { timeout: 20000 });
  assert.equal(await pending(page), 0);
  assert.equal(sql(`SELECT count(*) FROM logged_actions a JOIN customers c ON c.id = a.customer WHERE c.customer_id = '${callee}' AND a.kind = 'call' AND a.duration_min = 12 AND a.outcome = 'order'`), '1');

  // A lost answer: the request reaches the server, the phone sees a reset.
  let hits = 0;
  await page.route('**/api/day/actions', async (route) => {
    hits++;
    if (hits === 1) {
      await route.fetch();           // the server stores it...
      await route.abort('connectionreset'); // ...but the answer never arrives
    } else {
      await route.continue();
    }
  });
  const second = await page.getAttribute('#day-visits li:nth-child(2)', 'data-customer');
  await page.click('#day-visits li:nth-child(2) button.log-call');
  await page.fill('#call-minutes', '3');
  await page.click('#save-call');
  await page.waitForFunction(() => /väntar/.test(document.querySelector('#day-status')?.textContent || ''));
  assert.equal(await pending(page), 1, 'the phone does not know it arrived');
  const ids = await page.evaluate((u) => JSON.parse(localStorage.getItem('fokus.outbox.' + u)).pending.map((a) => a.id), SELLER.name);
  assert.equal(sql(`SELECT count(*) FROM logged_actions WHERE action_id = '${ids[0]}'`), '1', 'the server has it');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForFunction(() => document.querySelector('#day-status')?.textContent === 'Allt är skickat.', null, { timeout: 20000 });
  assert.equal(hits, 2, 'sent again once');
  assert.equal(sql(`SELECT count(*) FROM logged_actions WHERE action_id = '${ids[0]}'`), '1');
  assert.equal(sql(`SELECT count(*) FROM activities a JOIN customers c ON c.id = a.customer WHERE c.customer_id = '${second}' AND a.type = 'phone' AND a.batch_id IN (SELECT id FROM batches WHERE kind = 'logged')`), '1', 'logged once');
  await page.unroute('**/api/day/actions');
  await page.screenshot({ path: join(ARTIFACTS, 'day-done.png'), fullPage: true });

  // A reload keeps nothing pending and shows what was done.
  await page.reload();
  await page.waitForSelector('#day-done li');
  assert.equal(await page.$$eval('#day-done li', (l) => l.length) >= 4, true);
  assert.equal(await status(page), 'Allt är skickat.');
  await context.close();

  // The analysis sees the day without a CRM.
  const an = JSON.parse(fokus(db, ['analyze', '--from', localDate(), '--to', localDate(), '--format', 'json']));
  const s01 = an.sellers.find((x) => x.seller_id === 'S01');
  assert.ok(s01 && s01.visits >= 1, JSON.stringify(an.sellers));
  const booked = an.booking_summary.find((x) => x.seller_id === 'S01');
  assert.ok(booked && booked.meetings >= 1, JSON.stringify(an.booking_summary));
  assert.deepEqual(problems, []);
});

test('the Adherence page: per seller, the weeks, the overdue customers', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(srv.url + '/');
  await page.evaluate(() => localStorage.setItem('fokus.lang', 'en'));
  await page.goto(srv.url + '/');
  await page.fill('#login-user', MANAGER.name);
  await page.fill('#login-password', MANAGER.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#who');
  await page.click('#nav-adherence');
  await page.waitForSelector('table.adh-sellers tbody tr');
  await page.fill('#adh-from', '2026-08-03');
  await page.fill('#adh-to', '2026-10-25');
  await page.click('form.filters button[type=submit]');
  await page.waitForFunction(() => /3 Aug 2026/.test(document.querySelector('#adh-period')?.textContent || ''));
  await page.waitForSelector('#adh-weeks canvas');
  const rows = await page.$$eval('table.adh-sellers tbody tr', (r) => r.length);
  const api = JSON.parse(fokus(db, ['adherence', '--from', '2026-08-03', '--to', '2026-10-25', '--format', 'json']));
  assert.equal(rows, api.sellers.length + 1);
  assert.match(await page.textContent('#kpi-overdue'), new RegExp(new Intl.NumberFormat('en-GB').format(api.overdue_total)));
  await page.screenshot({ path: join(ARTIFACTS, 'adherence.png'), fullPage: true });
  // a seller sees their own row only
  const s = await login(srv.url, SELLER);
  const r = await call(srv.url, '/api/adherence', { session: s });
  assert.equal(r.status, 200);
  assert.equal(r.json.team, null);
  assert.deepEqual(r.json.sellers.map((x) => x.seller_id), ['S01']);
  assert.equal((await call(srv.url, '/api/adherence?seller=S02', { session: s })).status, 404);
  assert.equal((await call(srv.url, '/api/adherence', { session: await login(srv.url, SERVICE) })).status, 403);
  await context.close();
  assert.deepEqual(problems, []);
});
