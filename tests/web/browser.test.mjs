// browser.test.mjs — the dashboard in headless Debian chromium through
// playwright-core (issue 6 §5): log in; the matrix with four categories;
// drag a threshold and see the counts change; override a customer; download
// a seller's call list; a seller sees only their customers; the customer
// named <script>alert(1)</script> renders as text; no CSP violations.
// Screenshots go to tests/web/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { USERS, ARTIFACTS, makeWorkspace, startServer } from './lib.mjs';

let ws, srv, browser;
const problems = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ws = makeWorkspace();
  srv = await startServer(ws.db);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
});

async function newPage(lang = 'en') {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: lang === 'sv' ? 'sv-SE' : 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  // 401 (before login, wrong password) and 404 (a customer a seller may not see) are expected answers.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of (401|404)/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', (d) => { problems.push('dialog: ' + d.message()); d.dismiss(); });
  // Nothing may be loaded from another origin.
  page.on('request', (r) => { if (!r.url().startsWith(srv.url) && !r.url().startsWith('data:')) problems.push('external request ' + r.url()); });
  return page;
}

async function loginAs(page, u) {
  await page.goto(srv.url + '/');
  await page.fill('#login-user', u.name);
  await page.fill('#login-password', u.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#who');
}

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, name + '.png'), fullPage: true });

test('manager: log in, matrix with four categories, drag a threshold', async () => {
  const page = await newPage();
  await page.goto(srv.url + '/');
  await page.waitForSelector('#login-form');
  await page.fill('#login-user', USERS.manager.name);
  await page.fill('#login-password', 'wrong-password');
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#login-error').textContent.length > 0);
  await shot(page, '01-login-failed');
  await page.fill('#login-password', USERS.manager.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#matrix canvas');
  await page.waitForSelector('#live-count-1');
  // The summary table holds the four categories.
  const cats = await page.$$eval('table.summary tbody tr', (rs) => rs.map((r) => r.dataset.category));
  assert.deepEqual(cats, ['1', '2R', '2P', '3']);
  const before = await liveCounts(page);
  assert.equal(Object.values(before).reduce((a, b) => a + b, 0), 12);
  for (const c of ['1', '2R', '2P', '3']) assert.ok(before[c] > 0, 'category ' + c + ' present');
  await shot(page, '02-overview');
  // Drag the revenue threshold line far to the right: high-revenue customers become low.
  const box = await page.locator('#matrix').boundingBox();
  const x = Number(await page.getAttribute('#matrix', 'data-rev-x'));
  const y = box.height / 2;
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x + 60, box.y + y, { steps: 5 });
  await page.mouse.move(box.x + box.width - 40, box.y + y, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('#live h3') && !document.getElementById('thr-reset').disabled);
  const after = await liveCounts(page);
  assert.notDeepEqual(after, before, 'counts change when the threshold moves');
  assert.ok(after['1'] + after['2R'] < before['1'] + before['2R'], 'fewer high-revenue customers');
  assert.equal(Object.values(after).reduce((a, b) => a + b, 0), 12);
  const newX = Number(await page.getAttribute('#matrix', 'data-rev-x'));
  assert.ok(newX > x + 50, 'the line moved');
  await shot(page, '03-threshold-dragged');
  await page.click('#thr-reset');
  await page.waitForFunction(() => document.getElementById('thr-reset').disabled);
  assert.deepEqual(await liveCounts(page), before);
  // Drag the potential line down to the bottom and save: a new categorization.
  const py = Number(await page.getAttribute('#matrix', 'data-pot-y'));
  await page.mouse.move(box.x + box.width / 2, box.y + py);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + py + 40, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 70, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => !document.getElementById('thr-save').disabled);
  const preview = await liveCounts(page);
  assert.ok(preview['1'] + preview['2P'] > before['1'] + before['2P'], 'more high-potential customers');
  await page.click('#thr-save');
  await page.waitForFunction(() => /categorization 3|Error/.test(document.getElementById('save-note')?.textContent || ''));
  assert.match(await page.textContent('#save-note'), /^Saved as categorization 3\.$/);
  assert.match(await page.textContent('main p.muted'), /Categorization 3/);
  await shot(page, '03b-saved');
  await page.click('#nav-history');
  await page.waitForSelector('table.migration');
  assert.equal(await page.inputValue('#mig-to'), '3');
  assert.equal(await page.inputValue('#mig-from'), '2');
  await shot(page, '03c-history');
  await page.context().close();
});

async function liveCounts(page) {
  const out = {};
  for (const c of ['1', '2R', '2P', '3']) out[c] = Number((await page.textContent('#live-count-' + c)).replace(/\D/g, ''));
  return out;
}

test('manager: customers list, the <script> name renders as text, override with a reason', async () => {
  const page = await newPage();
  await loginAs(page, USERS.manager);
  await page.click('#nav-customers');
  await page.waitForSelector('table.customers tbody tr');
  const rows = await page.$$eval('table.customers tbody tr', (rs) => rs.length);
  assert.equal(rows, 12);
  const names = await page.$$eval('table.customers .cust-name', (as) => as.map((a) => a.textContent));
  assert.ok(names.includes('<script>alert(1)</script>'), 'the name shows as text');
  assert.equal(await page.$$eval('main script', (s) => s.length), 0, 'no script element was made from data');
  await page.fill('#cust-q', 'alfa');
  await page.waitForFunction(() => document.querySelectorAll('table.customers tbody tr').length === 1);
  await page.fill('#cust-q', '');
  await page.selectOption('#cust-category', '2P');
  const n2P = await page.evaluate(async () => (await (await fetch('/api/customers?category=2P')).json()).total);
  await page.waitForFunction((n) => [...document.querySelectorAll('table.customers tbody tr')].length === n &&
    [...document.querySelectorAll('table.customers tbody tr .cat')].every((e) => e.textContent.startsWith('2P')), n2P);
  await shot(page, '04-customers-2P');
  await page.goto(srv.url + '/#/customers/C03');
  await page.waitForSelector('#cust-name');
  assert.equal(await page.textContent('#cust-name'), '<script>alert(1)</script>');
  await page.waitForSelector('#monthly canvas');
  await page.selectOption('#ovr-category', '2R');
  await page.fill('#ovr-reason', 'Framework agreement <b>signed</b>');
  await page.click('#override-form button[type=submit]');
  await page.waitForSelector('#cust-override');
  assert.match(await page.textContent('#cust-category'), /Category 2 revenue/);
  assert.equal(await page.textContent('#cust-override'), 'Pinned: Framework agreement <b>signed</b>');
  await shot(page, '05-customer-override');
  await page.context().close();
});

test('manager: download a seller\'s call list; Swedish formats', async () => {
  const page = await newPage('sv');
  await loginAs(page, USERS.manager);
  await page.click('#nav-sellers');
  await page.waitForSelector('#sellers-count canvas');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.calllist[data-seller="S1"]')]);
  assert.equal(download.suggestedFilename(), 'calllist-S1.csv');
  const path = join(ARTIFACTS, 'calllist-S1.csv');
  await download.saveAs(path);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'customer_id,name,category,phone,email,postal_code,city,revenue,potential');
  assert.equal(lines.length, 5);
  await shot(page, '06-sellers-sv');
  await page.click('#nav-overview');
  await page.waitForSelector('#kpi-revenue');
  // Swedish money: digits grouped with a space, "kr" after.
  assert.match(await page.textContent('#kpi-revenue .kpi-value'), /^\d{1,3}(\s\d{3})* kr$/u);
  await page.click('#nav-map');
  await page.waitForSelector('#map canvas');
  await page.waitForTimeout(300);
  await shot(page, '07-map-sv');
  await page.context().close();
});

test('seller: sees only their own customers', async () => {
  const page = await newPage();
  await loginAs(page, USERS.seller);
  await page.click('#nav-customers');
  await page.waitForSelector('table.customers tbody tr');
  const ids = await page.$$eval('table.customers tbody tr', (rs) => rs.map((r) => r.dataset.id).sort());
  assert.deepEqual(ids, ['C01', 'C02', 'C03', 'C04']);
  assert.equal(await page.$('#cust-seller'), null, 'no seller filter for a seller');
  assert.equal(await page.$('#nav-users'), null);
  await page.goto(srv.url + '/#/customers/C05');
  await page.waitForSelector('main .error');
  assert.match(await page.textContent('main .error'), /Not found/);
  await page.goto(srv.url + '/#/customers/C01');
  await page.waitForSelector('#cust-name');
  assert.equal(await page.$('#override-form'), null, 'sellers cannot override');
  await shot(page, '08-seller-customer');
  await page.context().close();
});

test('no console errors, CSP violations or external requests', () => {
  assert.deepEqual(problems, []);
});
