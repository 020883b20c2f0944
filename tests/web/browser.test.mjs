// browser.test.mjs — the dashboard in headless Debian chromium through
// playwright-core (issue 6 §5), on a workspace that starts empty: log in;
// upload the sample company's files on the Import page (preview, detected
// columns, a bad file's rejected rows with line numbers); categorize; the
// matrix with four categories; drag a threshold and see the counts change;
// save it as a new categorization and see the migration; override a
// customer; download a seller's call list; a seller sees only their
// customers; a customer named <script>alert(1)</script> renders as text; an
// admin reads the audit log; no console errors, CSP violations or requests
// to other origins.
// Screenshots go to tests/web/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { USERS, ARTIFACTS, makeWorkspace, startServer, addUser, fokus } from './lib.mjs';

let ws, srv, browser, sample;
const problems = [];
const SELLER = { name: 'sara', role: 'seller', seller: 'S01', password: 'sara-pass-123' };

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ws = makeWorkspace({ fixture: false });
  addUser(ws.db, SELLER);
  sample = join(ws.dir, 'sample');
  fokus(ws.db, ['sample', '--out', sample, '--customers', '300', '--sellers', '12', '--months', '12']);
  writeFileSync(join(ws.dir, 'extra-customers.csv'),
    'customer_id,name,seller_id,postal_code,city\nX-1,<script>alert(1)</script>,S01,211 11,Malmö\n');
  writeFileSync(join(ws.dir, 'bad-orders.csv'),
    'order_id,customer_id,date,amount\nA1,10001,2026-01-05,100\nA2,10002,2026-01-06,"12,3,4"\nA3,10003,2026-01-07,50\n');
  srv = await startServer(ws.db);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
  if (ws) ws.remove();
});

async function newPage(lang = 'en') {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: lang === 'sv' ? 'sv-SE' : 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  // 401 (before login, a wrong password), 404 (a customer a seller may not see) and
  // 422 (a rejected file) are expected answers; anything else in the console is a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of (401|404|422)/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', (d) => { problems.push('dialog: ' + d.message()); d.dismiss(); });
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

async function liveCounts(page) {
  const out = {};
  for (const c of ['1', '2R', '2P', '3']) out[c] = Number((await page.textContent('#live-count-' + c)).replace(/\D/g, ''));
  return out;
}

// Chooses a file on the Import page: it is checked at once, its kind told
// from its columns; then imports it.
async function importFile(page, kind, path, shotName) {
  await page.setInputFiles('#imp-file', path);
  await page.waitForSelector('#imp-verdict');
  assert.match(await page.textContent('#imp-verdict'), /^The file is fine: [\d,]+ rows can be imported\.$/, kind);
  assert.equal(await page.getAttribute('#imp-kind-note', 'data-kind'), kind, 'the kind told from the columns');
  assert.equal(await page.getAttribute('#imp-kind-note', 'data-detected'), '1');
  if (shotName) await shot(page, shotName);
  await page.click('#imp-confirm');
  await page.waitForFunction(() => /^Imported:/.test(document.querySelector('#imp-verdict')?.textContent || ''));
}

test('manager: log in, import the sample company, categorize, the matrix, drag and save a threshold', async () => {
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
  await page.waitForSelector('#no-snapshot');

  await page.click('#nav-import');
  await page.waitForSelector('#imp-kind');
  assert.equal(await page.$('#imp-result-card:not([hidden])'), null, 'no empty box before a file');
  await importFile(page, 'sellers', join(sample, 'sellers.csv'));
  // The customers' preview: detected columns and the first rows.
  await page.setInputFiles('#imp-file', join(sample, 'customers.csv'));
  await page.waitForSelector('table.columns');
  const fields = await page.$$eval('table.columns tbody tr', (rs) => rs.map((r) => r.dataset.field));
  for (const f of ['customer_id', 'name', 'postal_code', 'seller_id', 'potential']) assert.ok(fields.includes(f), f);
  assert.equal(await page.$$eval('table.preview tbody tr', (rs) => rs.length), 10);
  assert.match(await page.textContent('#imp-describe'), /customer_id/);
  await shot(page, '02-import-preview');
  await page.click('#imp-confirm');
  await page.waitForFunction(() => /^Imported: 300 rows/.test(document.querySelector('#imp-verdict')?.textContent || ''));
  await importFile(page, 'orders', join(sample, 'orders.csv'));
  await importFile(page, 'activities', join(sample, 'activities.csv'));
  await importFile(page, 'customers', join(ws.dir, 'extra-customers.csv'));
  // A bad file: rejected rows with their line numbers, nothing stored, no confirm button.
  await page.setInputFiles('#imp-file', join(ws.dir, 'bad-orders.csv'));
  await page.waitForSelector('#imp-errors li');
  assert.match(await page.textContent('#imp-verdict'), /1 of 3 rows were rejected/);
  const err = await page.textContent('#imp-errors li');
  assert.match(err, /bad-orders\.csv:3/);
  assert.match(err, /12,3,4/);
  assert.equal(await page.$('#imp-confirm'), null);
  assert.equal(await page.$$eval('table.preview tr.rejected', (rs) => rs.length), 1);
  await shot(page, '03-import-errors');

  await page.click('#nav-overview');
  await page.waitForSelector('#categorize');
  await page.click('#categorize');
  await page.waitForSelector('#matrix canvas');
  await page.waitForSelector('#live-count-1');
  const cats = await page.$$eval('table.summary tbody tr', (rs) => rs.map((r) => r.dataset.category));
  assert.deepEqual(cats, ['1', '2R', '2P', '3']);
  const before = await liveCounts(page);
  assert.equal(Object.values(before).reduce((a, b) => a + b, 0), 301);
  for (const c of ['1', '2R', '2P', '3']) assert.ok(before[c] > 0, 'category ' + c + ' has customers');
  await shot(page, '04-overview');

  // Drag the revenue threshold line to the right: high-revenue customers become low.
  const box = await page.locator('#matrix').boundingBox();
  const x = Number(await page.getAttribute('#matrix', 'data-rev-x'));
  const y = box.height / 2;
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x + 30, box.y + y, { steps: 5 });
  await page.mouse.move(box.x + x + 120, box.y + y, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => !document.getElementById('thr-reset').disabled);
  const after = await liveCounts(page);
  assert.notDeepEqual(after, before, 'the counts change when the threshold moves');
  assert.ok(after['1'] + after['2R'] < before['1'] + before['2R'], 'fewer high-revenue customers');
  assert.equal(Object.values(after).reduce((a, b) => a + b, 0), 301);
  assert.ok(Number(await page.getAttribute('#matrix', 'data-rev-x')) > x + 100, 'the line moved');
  await shot(page, '05-threshold-dragged');
  await page.click('#thr-reset');
  await page.waitForFunction(() => document.getElementById('thr-reset').disabled);
  assert.deepEqual(await liveCounts(page), before);

  // Drag the potential line down and save: a new categorization, computed by the server.
  const py = Number(await page.getAttribute('#matrix', 'data-pot-y'));
  await page.mouse.move(box.x + box.width / 2, box.y + py);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + py + 30, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + py + 80, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => !document.getElementById('thr-save').disabled);
  const preview = await liveCounts(page);
  assert.ok(preview['1'] + preview['2P'] > before['1'] + before['2P'], 'more high-potential customers');
  await page.click('#thr-save');
  await page.waitForFunction(() => /categorization 2|Error/.test(document.getElementById('save-note')?.textContent || ''));
  assert.equal(await page.textContent('#save-note'), 'Saved as categorization 2.');
  assert.match(await page.textContent('main p.muted'), /Categorization 2/);
  const saved = await liveCounts(page);
  assert.deepEqual(saved, preview, 'the server computed what the preview showed');
  await shot(page, '06-saved');
  await page.click('#nav-history');
  await page.waitForSelector('table.migration');
  assert.equal(await page.inputValue('#mig-from'), '1');
  assert.equal(await page.inputValue('#mig-to'), '2');
  await shot(page, '07-history');
  await page.context().close();
});

test('manager: the <script> name renders as text; override a customer with a reason', async () => {
  const page = await newPage();
  await loginAs(page, USERS.manager);
  await page.click('#nav-customers');
  await page.waitForSelector('table.customers tbody tr');
  assert.equal(await page.$$eval('table.customers tbody tr', (rs) => rs.length), 100);
  assert.match(await page.textContent('#cust-count'), /1–100 of 301/);
  await page.fill('#cust-q', 'script');
  await page.waitForFunction(() => document.querySelectorAll('table.customers tbody tr').length === 1);
  assert.equal(await page.textContent('table.customers .cust-name'), '<script>alert(1)</script>');
  assert.equal(await page.$$eval('main script', (s) => s.length), 0, 'no script element was made from data');
  await shot(page, '08-customers-script-name');
  await page.fill('#cust-q', '');
  await page.selectOption('#cust-category', '2P');
  const n2P = await page.evaluate(async () => (await (await fetch('/api/customers?category=2P')).json()).total);
  await page.waitForFunction((n) => document.querySelectorAll('table.customers tbody tr').length === Math.min(n, 100) &&
    [...document.querySelectorAll('table.customers tbody tr .cat')].every((e) => e.textContent.startsWith('2P')), n2P);
  await page.goto(srv.url + '/#/customers/X-1');
  await page.waitForSelector('#cust-name');
  assert.equal(await page.textContent('#cust-name'), '<script>alert(1)</script>');
  await page.selectOption('#ovr-category', '2R');
  await page.fill('#ovr-reason', 'Framework agreement <b>signed</b>');
  await page.click('#override-form button[type=submit]');
  await page.waitForSelector('#cust-override');
  assert.match(await page.textContent('#cust-category'), /Category 2 revenue/);
  assert.equal(await page.textContent('#cust-override'), 'Pinned: Framework agreement <b>signed</b>');
  // no order lines: a sentence instead of an empty chart; the history's six
  // columns all inside their card, nothing to scroll to
  assert.equal(await page.textContent('#monthly'), 'No order lines for this customer.');
  assert.equal(await page.$$eval('table.history thead th', (ths) => ths.length), 6);
  assert.ok(await page.$eval('table.history', (t) => t.getBoundingClientRect().right <= t.closest('.card').getBoundingClientRect().right),
    'the history table fits its card');
  await shot(page, '09-customer-override');
  await page.context().close();
});

test('manager: download a seller\'s call list; Swedish formats; the map', async () => {
  const page = await newPage('sv');
  await loginAs(page, USERS.manager);
  await page.click('#nav-sellers');
  await page.waitForSelector('#sellers-count canvas');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.calllist[data-seller="S01"]')]);
  assert.equal(download.suggestedFilename(), 'calllist-S01.csv');
  const path = join(ARTIFACTS, 'calllist-S01.csv');
  await download.saveAs(path);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'customer_id,name,category,phone,email,postal_code,city,revenue,potential');
  const total = await page.evaluate(async () => (await (await fetch('/api/customers?seller=S01&limit=0')).json()).total);
  assert.equal(lines.length - 1, total);
  assert.ok(lines.some((l) => l.startsWith('X-1,<script>alert(1)</script>,2R')), 'the pinned customer is on the list');
  await page.waitForSelector('#sellers-visits canvas');
  await page.waitForSelector('#sellers-workload canvas');
  await page.waitForTimeout(200);
  await shot(page, '10-sellers-sv');
  await page.click('#nav-activity');
  await page.waitForSelector('#bookings canvas');
  await page.waitForSelector('#findings li');
  assert.match(await page.textContent('#findings li'), /Kategori 3|kategori 3/);
  await page.waitForSelector('#unc-count');
  await page.waitForTimeout(200);
  await shot(page, '10b-activity-sv');
  await page.click('#nav-plan');
  await page.waitForSelector('#plan-workload canvas');
  // The decision first: hours against capacity, owners, value, headcount.
  assert.match(await page.textContent('#plan-summary li'), /^Timmar: planen använder [\d\s]+ av teamets [\d\s]+ timmar/);
  assert.match(await page.textContent('#kpi-value .kpi-value'), /^[+−][\d\s]+ kr$/u);
  // Every customer: searchable and paged; words, never codes.
  await page.waitForSelector('table.plan-assignments tbody tr');
  await page.uncheck('#plan-moves-only');
  await page.waitForFunction(() => /av 301$/.test(document.querySelector('#plan-moves-count').textContent));
  assert.match(await page.textContent('#plan-moves-count'), /^1–50 av 301$/);
  await page.click('#plan-next');
  await page.waitForFunction(() => /^51–100 av 301$/.test(document.querySelector('#plan-moves-count').textContent));
  const someone = await page.textContent('table.plan-assignments tbody tr td');
  await page.fill('#plan-q', someone);
  await page.waitForFunction((id) => [...document.querySelectorAll('table.plan-assignments tbody tr td:first-child')]
    .every((td) => td.textContent.includes(id)), someone);
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  assert.ok(!/\b(no_owner|owner_unknown|no_role|no_category|over_capacity|role_mismatch|owner_full|judgement|newsletter_only)\b/.test(text),
    'no raw codes on the plan page');
  await page.fill('#plan-q', '');
  const [calls] = await Promise.all([page.waitForEvent('download'), page.click('a.dl-calls[data-seller="S01"]')]);
  assert.equal(calls.suggestedFilename(), 'calls-S01.csv');
  await calls.saveAs(join(ARTIFACTS, 'calls-S01.csv'));
  assert.match(readFileSync(join(ARTIFACTS, 'calls-S01.csv'), 'utf8'), /^customer_id,customer,category,/);
  await page.selectOption('#week-seller', 'S01');
  await page.click('#week-go');
  await page.waitForSelector('#week-totals', { timeout: 60000 });
  assert.match(await page.textContent('#week-totals'), /^\d+ av \d+ förfallna besök planerade/);
  await page.waitForSelector('#week-map canvas');
  await page.waitForTimeout(300);
  await page.locator('#week').screenshot({ path: join(ARTIFACTS, '10d-week-sv.png') });
  await shot(page, '10c-plan-sv');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, '10e-plan-phone-sv.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('#nav-overview');
  await page.waitForSelector('#kpi-revenue');
  assert.match(await page.textContent('#kpi-revenue .kpi-value'), /^\d{1,3}(\s\d{3})* kr$/u, 'Swedish money');
  assert.equal(await page.textContent('#nav-customers'), 'Kunder');
  await page.click('#nav-map');
  await page.waitForSelector('#map canvas');
  assert.match(await page.textContent('#map-count'), /av 301 kunder har en position/);
  await page.waitForTimeout(300);
  await shot(page, '11-map-sv');
  // Each person's customers in their own colour (the plan's responsible person).
  await page.selectOption('#map-colour', 'person');
  await page.waitForFunction(() => document.querySelector('#map').dataset.mode === 'person');
  assert.ok(Number(await page.getAttribute('#map', 'data-groups')) > 1, 'the customers of several persons, each in a colour');
  await page.waitForTimeout(300);
  await shot(page, '11b-map-persons-sv');
  await page.context().close();
});

test('seller: sees only their own customers', async () => {
  const page = await newPage();
  await loginAs(page, SELLER);
  await page.click('#nav-customers');
  await page.waitForSelector('table.customers tbody tr');
  const owners = await page.$$eval('table.customers tbody tr td:nth-child(3)', (tds) => [...new Set(tds.map((t) => t.textContent))]);
  assert.deepEqual(owners, ['S01']);
  const mine = await page.evaluate(async () => (await (await fetch('/api/customers?limit=0')).json()).total);
  assert.match(await page.textContent('#cust-count'), new RegExp('of ' + mine + '$'));
  assert.equal(await page.$('#cust-seller'), null, 'no seller filter for a seller');
  assert.equal(await page.$('#nav-users'), null);
  assert.equal(await page.$('#nav-import'), null);
  // Another seller's customer does not exist for a seller.
  const other = await page.evaluate(async () => {
    const r = await fetch('/api/customers?limit=1&seller=S02');
    return (await r.json()).total;
  });
  assert.equal(other, 0);
  await page.click('#nav-overview');
  await page.waitForSelector('#kpi-customers');
  assert.equal(Number((await page.textContent('#kpi-customers .kpi-value')).replace(/\D/g, '')), mine);
  await shot(page, '12-seller-overview');
  await page.context().close();
});

test('admin: the audit log on the Users page', async () => {
  const page = await newPage();
  await loginAs(page, USERS.admin);
  await page.click('#nav-users');
  await page.waitForSelector('#audit table.audit tbody tr');
  const rows = await page.$$eval('#audit table.audit tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  // Newest first: this login; the manager's imports and categorizations before.
  assert.equal(rows[0][1], USERS.admin.name);
  assert.equal(rows[0][2], '127.0.0.1');
  assert.equal(rows[0][3], 'login');
  const actions = rows.map((r) => r[3]);
  for (const a of ['import', 'categorize', 'override', 'login']) assert.ok(actions.includes(a), a + ' in ' + actions);
  assert.match(await page.textContent('#audit p.muted'), /Kept 365 days/);
  await shot(page, '13-audit');
  // A day in the future: nothing.
  await page.fill('#audit-since', '2999-01-01');
  await page.click('#audit form button');
  await page.waitForSelector('#audit-table p.muted');
  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.fill('#audit-since', '');
  await page.click('#audit form button');
  await page.waitForSelector('#audit table.audit tbody tr');
  await page.locator('#audit').screenshot({ path: join(ARTIFACTS, '13b-audit-phone.png') });
  await page.context().close();
});

test('no console errors, CSP violations or external requests', () => {
  assert.deepEqual(problems, []);
});
