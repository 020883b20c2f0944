// dashboard.test.mjs — issue 20 in headless Debian chromium, on the sample
// company as `fokus demo` makes it (a categorization per quarter): every page
// as every role in Swedish and English passes axe-core (WCAG 2 A/AA, 0
// violations) at desktop and phone width, is usable by keyboard with the
// focus visible; the Activity heatmap and team line, the uncontacted list
// paged with its count first; the Map fitted to the customers and filtered;
// Import telling the kind, drag and drop, progress, no empty boxes;
// Customers with "N match", paging in the address, csv/xlsx; History's flow
// opening the customers in it; report.html printed to A4. A second
// workspace of 100 000 customers: the map stays fluid (samples what is in
// view and says so) and a 50 MB import shows its progress.
// Screenshots (desktop and 360 px phone, sv and en) go to tests/web/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { ARTIFACTS, FOKUS, startServer, addUser, fokus } from './lib.mjs';

const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const PW = 'dash-pass-123';
const U = {
  admin: { name: 'ada', role: 'admin', password: PW },
  manager: { name: 'mia', role: 'manager', password: PW },
  seller: { name: 'sam', role: 'seller', seller: 'S01', password: PW },
  service: { name: 'sue', role: 'service', password: PW },
};
// The pages each role sees (and a customer's page).
const PAGES = {
  admin: ['overview', 'customers', 'customers/10001', 'sellers', 'activity', 'plan', 'map', 'history', 'import', 'users'],
  manager: ['overview', 'customers', 'customers/10001', 'sellers', 'activity', 'plan', 'map', 'history', 'import'],
  seller: ['overview', 'customers', 'sellers', 'activity', 'map'],
  service: ['overview', 'customers', 'sellers', 'map'],
};
const DESKTOP = { width: 1400, height: 1000 }, PHONE = { width: 360, height: 740 };
// plan.js belongs to the coverage-plan work (issue 21, another branch): its
// seller picker (#week-seller) has no label there yet; every other element
// of the Plan page is checked.
const EXCLUDE = [];

let dir, db, srv, browser;
const problems = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fokus-dash-'));
  execFileSync(FOKUS, ['demo', '--no-serve', '--dir', join(dir, 'demo'), '--customers', '1500', '--lang', 'en'], { stdio: 'ignore' });
  db = join(dir, 'demo', 'fokus.db');
  for (const u of Object.values(U)) addUser(db, u);
  // Many meetings booked in the latest two weeks: the team's best in a while.
  const st = JSON.parse(fokus(db, ['status', '--json']));
  const last = st.activity_date_max || st.activities?.date_max;
  assert.ok(last, 'the demo has activities: ' + JSON.stringify(st).slice(0, 300));
  const day = (d, back) => new Date(Date.parse(d + 'T00:00:00Z') - back * 86400000).toISOString().slice(0, 10);
  const rows = ['date,seller_id,customer_id,type'];
  for (let i = 0; i < 60; i++) rows.push(`${day(last, i % 2 ? 7 : 0)},S0${1 + (i % 5)},${10001 + i},meeting_booked`);
  writeFileSync(join(dir, 'bookings.csv'), rows.join('\n') + '\n');
  fokus(db, ['import', 'activities', join(dir, 'bookings.csv')]);
  srv = await startServer(db);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function newPage(lang = 'en', viewport = DESKTOP, base = srv.url) {
  const context = await browser.newContext({ viewport, locale: lang === 'sv' ? 'sv-SE' : 'en-GB', acceptDownloads: true });
  await context.addInitScript((l) => { try { localStorage.setItem('fokus.lang', l); } catch { /* */ } }, lang);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of (401|404|422)/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push('external request ' + r.url()); });
  return page;
}

async function loginAs(page, u, base = srv.url) {
  await page.goto(base + '/');
  await page.fill('#login-user', u.name);
  await page.fill('#login-password', u.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#who');
}

// Opens a page of the dashboard and waits until it has rendered.
async function visit(page, route, base = srv.url) {
  await page.goto(base + '/#/' + route);
  await page.waitForFunction(() => {
    const v = document.querySelector('#main .view');
    return v && !v.querySelector(':scope > p.muted:only-child') && v.querySelector('h1');
  }, null, { timeout: 30000 });
  await page.waitForTimeout(400); // charts draw on the next frames
}

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, name + '.png'), fullPage: true });

// axe-core (WCAG 2 A and AA, 2.0 and 2.1) on the page as it is: the list of
// violations as "rule: target" strings.
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const r = await page.evaluate((exclude) => window.axe.run({ exclude: exclude.map((s) => [s]) },
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }), EXCLUDE);
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`));
}

// Every page as every role, sv and en, at desktop width; the manager and
// the seller also on a 360 px phone: axe, a screenshot (the manager's and
// the seller's), and on the phone nothing wider than the screen but the
// boxes that scroll on purpose.
test('axe: 0 WCAG 2 A/AA violations on every page, every role, sv and en, desktop and phone; screenshots', async () => {
  const found = [];
  // the two languages side by side, each in its own browser contexts
  await Promise.all(['en', 'sv'].map(async (lang) => {
    for (const [vp, tag] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
      const login = await newPage(lang, vp);
      await login.goto(srv.url + '/');
      await login.waitForSelector('#login-form');
      for (const v of await axe(login)) found.push(`login ${lang} ${tag}: ${v}`);
      await login.context().close();
      for (const [role, pages] of Object.entries(PAGES)) {
        if (vp === PHONE && !['manager', 'seller'].includes(role)) continue;
        const page = await newPage(lang, vp);
        await loginAs(page, U[role]);
        for (const p of pages) {
          await visit(page, p);
          for (const v of await axe(page)) found.push(`${role} ${lang} ${tag} #/${p}: ${v}`);
          if (vp === PHONE) {
            const wide = await page.evaluate(() => document.documentElement.scrollWidth);
            if (wide > PHONE.width + 2) found.push(`${role} ${lang} #/${p}: the page is ${wide} px wide on a 360 px phone`);
          }
          if (role === 'manager' || (role === 'seller' && vp === PHONE)) await shot(page, `40-${p.replace('/', '-')}-${role}-${lang}-${tag}`);
        }
        await page.context().close();
      }
    }
  }));
  assert.deepEqual(found, []);
});

// Tab through the page: every visible control is reached and shows a
// focus outline when reached (recorded in the page as the focus moves).
async function keyboardWalk(page) {
  const all = await page.evaluate(() => {
    const sel = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex="0"]';
    const vis = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return (r.width > 0 || r.height > 0 || el.type === 'file') && s.visibility !== 'hidden'; };
    let n = 0;
    for (const el of document.querySelectorAll(sel)) if (vis(el) && !el.closest('[hidden]')) el.dataset.kb = String(n++);
    window.kbLog = [];
    document.addEventListener('focusin', (e) => {
      const el = e.target, s = getComputedStyle(el);
      // the file input is drawn by its label: the label shows the focus
      const shown = el.type === 'file' ? getComputedStyle(el.closest('.drop').querySelector('label.button')).outlineStyle : s.outlineStyle;
      window.kbLog.push({ kb: el.dataset.kb, visible: shown !== 'none' && (el.type === 'file' || parseFloat(s.outlineWidth) >= 2),
        what: el.tagName + '#' + el.id + '.' + el.className });
    });
    document.activeElement?.blur();
    window.scrollTo(0, 0);
    return n;
  });
  for (let i = 0; i < all + 8; i++) await page.keyboard.press('Tab');
  const log = await page.evaluate(() => window.kbLog);
  const reached = [...new Set(log.map((f) => f.kb).filter((k) => k !== undefined))];
  const unseen = log.filter((f) => !f.visible).map((f) => f.what);
  const missed = await page.evaluate((got) => [...document.querySelectorAll('[data-kb]')].filter((e) => !got.includes(e.dataset.kb))
    .map((e) => e.tagName + '#' + e.id + ' ' + (e.textContent || '').trim().slice(0, 30)), reached);
  return { all, missed, unseen };
}

// Lists are searched down to a few rows: every row has the same controls.
const SHORT = { customers: 'customers?q=1001', activity: 'activity?uq=1001' };

test('keyboard: every control reached by Tab, the focus visible, on every page (manager, admin)', async () => {
  for (const [role, pages] of [['manager', PAGES.manager.map((p) => SHORT[p] || p)], ['admin', ['users']]]) {
    const page = await newPage('en');
    await loginAs(page, U[role]);
    for (const p of pages) {
      await visit(page, p);
      const r = await keyboardWalk(page);
      assert.ok(r.all > 5, p + ': controls found');
      assert.deepEqual(r.missed, [], `#/${p}: not reached by Tab`);
      assert.deepEqual(r.unseen, [], `#/${p}: focus not visible`);
    }
    await page.context().close();
  }
});

test('keyboard: sort, page, filter and follow a flow without the mouse', async () => {
  const page = await newPage('en');
  await loginAs(page, U.manager);
  await visit(page, 'customers');
  await page.focus('th button.sort[data-sort="name"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.includes('sort=name'));
  // the address changes before the table is drawn again: wait for the new sorted column
  await page.waitForFunction(() => {
    const th = document.querySelector('th[aria-sort]');
    return th && th.querySelector('button.sort[data-sort="name"]');
  });
  assert.equal(await page.getAttribute('th[aria-sort]', 'aria-sort'), 'ascending');
  await page.focus('nav.pager button[data-page="next"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^101–200 of/.test(document.getElementById('cust-count').textContent));
  await page.focus('#cust-category');
  await page.keyboard.press('ArrowDown'); // All -> Category 1
  await page.waitForFunction(() => location.hash.includes('category=1'));
  await visit(page, 'history');
  const link = page.locator('table.migration a.flow-link').first();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#cust-moved');
  await visit(page, 'map');
  await page.focus('#map-cat-3');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('map-cat-3').checked === false);
  await page.context().close();
});

test('Activity: heatmap of sellers × weeks with best weeks, the team line best in N weeks, uncontacted paged with the count first', async () => {
  const page = await newPage('en');
  await loginAs(page, U.manager);
  const an = await page.evaluate(async () => (await fetch('/api/analysis?lang=en')).json());
  const team = an.booking_summary.find((r) => r.seller_id === '*');
  const sellers = an.booking_summary.filter((r) => r.seller_id !== '*');
  assert.ok(team.best_of_period || team.best_in_weeks >= 3, 'the fixture\'s latest two weeks beat the weeks before: ' + JSON.stringify(team));
  await visit(page, 'activity');
  await page.waitForSelector('#bookings canvas');
  await page.waitForSelector('#team-line canvas');
  assert.equal(Number(await page.getAttribute('#bookings', 'data-sellers')), sellers.length, 'one row per seller');
  const weeks = new Set(an.bookings.map((b) => b.week)).size;
  assert.equal(Number(await page.getAttribute('#bookings', 'data-weeks')), weeks, 'one column per ISO week');
  const best = (await page.getAttribute('#bookings', 'data-best')).split(' ').sort();
  assert.deepEqual(best, sellers.filter((s) => s.best_week).map((s) => s.seller_id + ':' + s.best_week).sort(), 'each seller\'s best week ringed');
  const sentence = await page.textContent('#team-best');
  assert.match(sentence, team.best_of_period ? /best of the period/ : new RegExp('best in ' + team.best_in_weeks + ' weeks'));
  assert.equal(Number(await page.getAttribute('#team-line', 'data-best-in-weeks')), team.best_in_weeks);
  // the uncontacted list: the count comes before the list
  const order = await page.evaluate(() => {
    const c = document.getElementById('unc-count'), t = document.querySelector('table.uncontacted');
    return c.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING ? 'count first' : 'list first';
  });
  assert.equal(order, 'count first');
  const total = Number(await page.getAttribute('#unc-count', 'data-total'));
  assert.ok(total > 50, 'more than a page: ' + total);
  assert.match(await page.textContent('#unc-count'), new RegExp('^' + total.toLocaleString('en-GB') + ' customers had no contact'));
  assert.equal(await page.$$eval('table.uncontacted tbody tr', (r) => r.length), 50);
  await page.click('#uncontacted nav.pager button[data-page="next"]');
  await page.waitForFunction((want) => document.getElementById('unc-range').textContent === want,
    `51–${Math.min(100, total)} of ${total.toLocaleString('en-GB')}`);
  assert.match(page.url(), /uoff=50/);
  await page.selectOption('#unc-category', '2P');
  await page.waitForFunction((n) => Number(document.getElementById('unc-count').dataset.total) < n, total);
  const n2P = (await page.evaluate(async () => (await fetch('/api/uncontacted?category=2P&limit=0')).json())).total;
  assert.equal(Number(await page.getAttribute('#unc-count', 'data-total')), n2P);
  assert.match(page.url(), /ucat=2P/);
  assert.ok((await page.$$eval('table.uncontacted tbody tr .cat', (e) => e.map((x) => x.textContent))).every((c) => c === '2P'));
  await page.reload();
  await page.waitForSelector('table.uncontacted');
  assert.equal(await page.inputValue('#unc-category'), '2P', 'the filter is in the address');
  await page.context().close();
});

test('Customers: "N customers match", paging in the address (a link to share), csv and xlsx of the filtered list', async () => {
  const page = await newPage('en');
  await loginAs(page, U.manager);
  await visit(page, 'customers');
  assert.equal(await page.textContent('#cust-match'), '1,500 customers match');
  const above = await page.evaluate(() => document.getElementById('cust-match').compareDocumentPosition(document.querySelector('table.customers')) & Node.DOCUMENT_POSITION_FOLLOWING);
  assert.ok(above, 'the count stands above the list');
  await page.selectOption('#cust-category', '3');
  // the address changes before the list is fetched again: wait for the new count too
  await page.waitForFunction(() => /^\d[\d,]* customers match$/.test(document.getElementById('cust-match').textContent) && location.hash.includes('category=3') &&
    document.getElementById('cust-match').dataset.total !== '1500');
  const n3 = Number(await page.getAttribute('#cust-match', 'data-total'));
  assert.ok(n3 > 200 && n3 < 1500);
  await page.click('nav.pager button[data-page="next"]');
  await page.waitForFunction(() => /^101–200 of/.test(document.getElementById('cust-count').textContent));
  const link = page.url();
  assert.match(link, /#\/customers\?category=3&offset=100$/);
  const second = await page.$$eval('table.customers tbody tr', (r) => r.map((x) => x.dataset.id));
  // the link in another browser: the same filter, the same page
  const other = await newPage('en');
  await loginAs(other, U.manager);
  await other.goto(link);
  await other.waitForFunction(() => /^101–200 of/.test(document.getElementById('cust-count')?.textContent || ''));
  assert.equal(await other.inputValue('#cust-category'), '3');
  assert.deepEqual(await other.$$eval('table.customers tbody tr', (r) => r.map((x) => x.dataset.id)), second);
  await other.context().close();
  // the whole filtered list, not the page
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#cust-dl-csv')]);
  assert.equal(csv.suggestedFilename(), 'customers.csv');
  const path = join(ARTIFACTS, 'customers-3.csv');
  await csv.saveAs(path);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(lines.length - 1, n3);
  assert.ok(lines.slice(1).every((l) => l.split(',')[3] === '3' || l.includes('"')), 'every row in category 3');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#cust-dl-xlsx')]);
  assert.equal(xlsx.suggestedFilename(), 'customers.xlsx');
  const xp = join(ARTIFACTS, 'customers-3.xlsx');
  await xlsx.saveAs(xp);
  assert.equal(readFileSync(xp).subarray(0, 2).toString(), 'PK');
  assert.ok(statSync(xp).size > 5000);
  await page.fill('#cust-q', 'zzzz-nobody');
  await page.waitForFunction(() => document.getElementById('cust-match').textContent === '0 customers match');
  assert.equal(await page.$('#cust-dl-csv'), null, 'nothing to download');
  await page.context().close();
});

test('History: a categorization per quarter; the movement as a flow beside the table, each flow opens its customers', async () => {
  const page = await newPage('en');
  await loginAs(page, U.manager);
  await visit(page, 'history');
  assert.equal(await page.$$eval('table.snapshots tbody tr', (r) => r.length), 8, 'seven quarters and the latest');
  await page.waitForSelector('#mig-flow canvas');
  const h = await page.evaluate(async () => (await fetch('/api/history')).json());
  const m = h.migration;
  const moves = [];
  for (const a of ['1', '2R', '2P', '3']) for (const b of ['1', '2R', '2P', '3']) if (a !== b && m.moves[a][b]) moves.push(`${a}>${b}=${m.moves[a][b]}`);
  const flows = (await page.getAttribute('#mig-flow', 'data-flows')).split(' ').filter(Boolean);
  assert.ok(moves.length > 0, 'customers moved between the last two quarters');
  for (const mv of moves) assert.ok(flows.includes(mv), mv + ' drawn');
  const moved = moves.reduce((s, x) => s + Number(x.split('=')[1]), 0);
  assert.match(await page.textContent('#mig-summary'), new RegExp('^' + moved.toLocaleString('en-GB') + ' customers moved'));
  const before = Number(await page.getAttribute('#mig-flow', 'data-links'));
  await page.check('#mig-stayed');
  await page.waitForFunction((n) => Number(document.getElementById('mig-flow').dataset.links) > n, before);
  // a flow's customers: the table's link (the band opens the same address)
  const [a, b] = moves[0].split('=')[0].split('>');
  const n = m.moves[a][b];
  await page.click(`#mig-${a}-${b}`);
  await page.waitForSelector('#cust-moved');
  await page.waitForFunction((k) => Number(document.getElementById('cust-match')?.dataset.total) === k, n);
  assert.match(await page.textContent('#cust-moved'), new RegExp(`categorization ${m.from} .* categorization ${m.to}`));
  assert.match(page.url(), new RegExp(`was=${m.from}&was_category=${a}&now=${m.to}&now_category=${b}`));
  // pick two other categorizations: the flow follows
  await visit(page, 'history');
  await page.selectOption('#mig-from', '1');
  await page.waitForFunction(() => location.hash.includes('from=1'));
  await page.waitForSelector('#mig-flow canvas');
  const h1 = await page.evaluate(async () => (await fetch('/api/history?from=1&to=8')).json());
  const moved1 = ['1', '2R', '2P', '3'].reduce((s, x) => s + ['1', '2R', '2P', '3'].reduce((z, y) => z + (x !== y ? h1.migration.moves[x][y] : 0), 0), 0);
  await page.waitForFunction((k) => document.getElementById('mig-summary').textContent.startsWith(k + ' customers moved'), moved1.toLocaleString('en-GB'));
  await page.context().close();
});

test('Map: opens fitted to the customers, filters by category and seller refit it', async () => {
  const page = await newPage('en');
  await loginAs(page, U.manager);
  await visit(page, 'map');
  await page.waitForSelector('#map canvas');
  const mp = await page.evaluate(async () => (await fetch('/api/map')).json());
  const [[w, n], [e, s]] = JSON.parse(await page.getAttribute('#map', 'data-box'));
  const lons = mp.points.map((p) => p[0]), lats = mp.points.map((p) => p[1]);
  assert.ok(w <= Math.min(...lons) && e >= Math.max(...lons) && s <= Math.min(...lats) && n >= Math.max(...lats), 'every customer inside');
  assert.ok(e - w < 14.5 && n - s < 14.3, 'tighter than the Nordic countries: ' + [w, n, e, s]);
  assert.equal(Number(await page.getAttribute('#map', 'data-in-view')), mp.located, 'all customers in view');
  assert.equal(Number(await page.getAttribute('#map', 'data-step')), 1);
  assert.match(await page.textContent('#map-sampled'), /^Showing all 1,500 customers in view\.$/);
  await page.uncheck('#map-cat-3');
  const not3 = mp.points.filter((p) => p[2] !== '3').length;
  await page.waitForFunction((k) => Number(document.getElementById('map').dataset.shown) === k, not3);
  await page.check('#map-cat-3');
  await page.selectOption('#map-seller', 'S03');
  const s3 = mp.points.filter((p) => p[5] === 'S03');
  await page.waitForFunction((k) => Number(document.getElementById('map').dataset.shown) === k, s3.length);
  const [[w3, n3], [e3, s33]] = JSON.parse(await page.getAttribute('#map', 'data-box'));
  assert.ok(s3.every((p) => p[0] >= w3 && p[0] <= e3 && p[1] >= s33 && p[1] <= n3), 'the seller\'s customers inside');
  assert.ok((e3 - w3) * (n3 - s33) < (e - w) * (n - s), 'refitted to the seller\'s customers');
  await page.context().close();
});

test('Import: kind told from the columns and changeable, drag and drop, progress, no empty boxes', async () => {
  const page = await newPage('en');
  await loginAs(page, U.manager);
  await visit(page, 'import');
  for (const id of ['#imp-result-card', '#imp-progress', '#imp-chosen', '#imp-check']) assert.equal(await page.isVisible(id), false, id + ' hidden before a file');
  // watch what the progress box says while a file goes up and is read
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => {
      const p = document.getElementById('imp-progress');
      if (p && !p.hidden && p.textContent) window.progressSeen.push(p.textContent);
    }).observe(document.getElementById('imp-progress'), { childList: true, subtree: true, attributes: true });
  });
  const csv = readFileSync(join(dir, 'demo', 'data', 'orders.csv'), 'utf8').replace(/^/, '');
  // drag and drop: a file dropped on the box
  const dt = await page.evaluateHandle((text) => { const d = new DataTransfer(); d.items.add(new File([text], 'orders-dropped.csv', { type: 'text/csv' })); return d; }, csv);
  await page.dispatchEvent('#imp-drop', 'dragenter', { dataTransfer: dt });
  assert.ok(await page.$eval('#imp-drop', (e) => e.classList.contains('over')), 'the box lights up');
  await page.dispatchEvent('#imp-drop', 'drop', { dataTransfer: dt });
  await page.waitForSelector('#imp-verdict');
  assert.match(await page.textContent('#imp-chosen'), /^orders-dropped\.csv \(/);
  assert.equal(await page.getAttribute('#imp-kind-note', 'data-kind'), 'orders');
  assert.equal(await page.getAttribute('#imp-kind-note', 'data-detected'), '1');
  assert.match(await page.textContent('#imp-kind-note'), /The columns say this file holds: Orders/);
  assert.equal(await page.inputValue('#imp-kind'), 'orders');
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.some((s) => s.startsWith('Sending orders-dropped.csv')), 'the upload\'s bar: ' + seen.slice(0, 3));
  assert.equal(await page.isVisible('#imp-progress'), false, 'the bar goes when the answer comes');
  // the same file is a duplicate of the demo's: it says so, and offers no import
  assert.match(await page.textContent('#imp-verdict'), /already imported/);
  assert.equal(await page.$('#imp-confirm'), null);
  // change the kind: checked again as that kind
  await page.selectOption('#imp-kind', 'customers');
  await page.waitForFunction(() => document.getElementById('imp-kind-note')?.dataset.kind === 'customers');
  assert.match(await page.textContent('#imp-kind-note'), /^Read as: Customers\.$/);
  // no empty box anywhere in the result
  const empty = await page.$$eval('#main .card, #main h3 + *', (els) => els.filter((e) => !e.hidden && e.textContent.trim() === '' && !e.querySelector('canvas,input,select')).length);
  assert.equal(empty, 0);
  await shot(page, '30-import-kind-en');
  await page.context().close();
});

test('report.html prints on A4: no search boxes, charts kept, rows not cut, long lists shortened', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('file://' + join(dir, 'demo', 'report.html'));
  await page.emulateMedia({ media: 'print' });
  const look = await page.evaluate(() => ({
    filters: [...document.querySelectorAll('.fk-filter')].map((e) => getComputedStyle(e).display),
    svg: [...document.querySelectorAll('svg')].filter((e) => e.getBoundingClientRect().width > 100).length,
    rowBreak: getComputedStyle(document.querySelector('table.fk tbody tr')).breakInside,
    figureBreak: getComputedStyle(document.querySelector('.fk-figure')).breakInside,
    headRepeat: getComputedStyle(document.querySelector('table.fk thead')).display,
    shown: [...document.querySelectorAll('#fk-customers tbody tr')].filter((r) => getComputedStyle(r).display !== 'none').length,
    rows: document.querySelectorAll('#fk-customers tbody tr').length,
    note: getComputedStyle(document.querySelector('#fk-customers').closest('.fk-scroll'), '::after').content,
    colors: getComputedStyle(document.body).printColorAdjust || getComputedStyle(document.body).webkitPrintColorAdjust,
  }));
  assert.ok(look.filters.length > 0 && look.filters.every((d) => d === 'none'), 'search boxes hidden: ' + look.filters);
  assert.ok(look.svg >= 1, 'the matrix picture is kept');
  assert.equal(look.rowBreak, 'avoid');
  assert.equal(look.figureBreak, 'avoid');
  assert.equal(look.headRepeat, 'table-header-group');
  assert.equal(look.rows, 1500, 'the screen has the whole list');
  assert.equal(look.shown, 100, 'paper the first 100 rows');
  assert.match(look.note, /first 100 rows/);
  assert.equal(look.colors, 'exact');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(ARTIFACTS, 'report-a4.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 5 && pages <= 25, 'a report of a few pages, not hundreds: ' + pages);
  await context.close();
});

test('100 000 customers: the map samples what is in view and says so, zooming in shows each; a 50 MB import shows its progress', async () => {
  const big = join(dir, 'big');
  execFileSync(FOKUS, ['sample', '--out', big, '--customers', '100000', '--months', '24'], { stdio: 'ignore' });
  const bdb = join(dir, 'big.db');
  addUser(bdb, U.manager);
  fokus(bdb, ['import', 'sellers', join(big, 'sellers.csv')]);
  fokus(bdb, ['import', 'customers', join(big, 'customers.csv')]);
  const bsrv = await startServer(bdb);
  try {
    const page = await newPage('en', DESKTOP, bsrv.url);
    await loginAs(page, U.manager, bsrv.url);
    // the orders through the page: 50 MB, with the upload's and the import's progress
    await visit(page, 'import', bsrv.url);
    await page.evaluate(() => {
      window.progressSeen = [];
      new MutationObserver(() => {
        const p = document.getElementById('imp-progress');
        if (p && !p.hidden && p.textContent && window.progressSeen.at(-1) !== p.textContent) window.progressSeen.push(p.textContent);
      }).observe(document.getElementById('imp-progress'), { childList: true, subtree: true, characterData: true, attributes: true });
    });
    await page.setInputFiles('#imp-file', join(big, 'orders.csv'));
    await page.waitForSelector('#imp-confirm', { timeout: 120000 });
    await page.click('#imp-confirm');
    await page.waitForFunction(() => /^Imported:/.test(document.getElementById('imp-verdict')?.textContent || ''), null, { timeout: 180000 });
    const seen = await page.evaluate(() => window.progressSeen);
    const rows = readFileSync(join(big, 'orders.csv'), 'latin1').split('\n').length - 2;
    assert.ok(seen.some((s) => /^Sending orders\.csv[\d.,]+ MB \/ 51 MB$/.test(s)), 'the upload: ' + seen.slice(0, 4).join(' | '));
    assert.ok(seen.some((s) => new RegExp('storing the rowsabout [\\d,]+ of about ' + rows.toLocaleString('en-GB') + ' rows').test(s)),
      'the import: rows read of about how many: ' + seen.join(' | '));
    await shot(page, '50-import-big-done');
    fokus(bdb, ['categorize']);
    const t0 = Date.now();
    await visit(page, 'map', bsrv.url);
    await page.waitForSelector('#map canvas');
    const ready = Date.now() - t0;
    const drawn = Number(await page.getAttribute('#map', 'data-drawn'));
    const inView = Number(await page.getAttribute('#map', 'data-in-view'));
    const step = Number(await page.getAttribute('#map', 'data-step'));
    assert.equal(inView, 100000, 'every customer in view when it opens');
    assert.ok(step > 1 && drawn <= 15000, `sampled: every ${step}th, ${drawn} drawn`);
    assert.match(await page.textContent('#map-sampled'), new RegExp(`^Showing every ${step}th of the 100,000 customers in view`));
    await shot(page, '51-map-100k-en');
    // zoom in with the wheel until each customer in view is drawn
    const box = await page.locator('#map').boundingBox();
    for (let i = 0; i < 40 && Number(await page.getAttribute('#map', 'data-step')) > 1; i++) {
      await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.55);
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(250);
    }
    assert.equal(Number(await page.getAttribute('#map', 'data-step')), 1, 'zoomed in: each one');
    assert.ok(Number(await page.getAttribute('#map', 'data-in-view')) < 15000);
    assert.match(await page.textContent('#map-sampled'), /^Showing all [\d,]+ customers in view\.$/);
    await shot(page, '52-map-100k-zoomed-en');
    console.log(`# map of 100 000 customers ready in ${ready} ms`);
    await page.context().close();
  } finally {
    await bsrv.stop();
  }
});

test('no console errors, CSP violations or requests to other origins', () => {
  assert.deepEqual(problems, []);
});
