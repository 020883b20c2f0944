// plan.js — the Plan page (managers, admins): the coverage plan under the
// team's capacity as `fokus plan` computes it, the decision first — load
// against capacity per person, what changes for how many customers and why,
// value today against the plan, what headcount is worth — then every
// customer in a searchable, paged table (GET /api/plan/customers), the
// downloads (the whole plan as csv/xlsx, each person's lists) and a field
// seller's coming days. Codes from the API are shown as words: the reasons
// and channels come with their words in the plan's "words".
import { h, mount, table, field as labelled } from '../dom.js';
import { api, qs } from '../api.js';
import { fileSafe } from '../fname.js';
import { echarts, makeChart, tip } from '../chart.js';
import { t, lang, catLabel, fmtMoney, fmtInt, fmtNum, fmtPct, fmtDate } from '../i18n.js';

const PER = 50;
const state = { q: '', changes: true, page: 0 };

export async function render(main) {
  const p = await api('/api/plan' + qs({ lang }));
  const words = (kind, code) => ((p.words[kind][code] || {})[lang] || code);
  const reasonWord = (code) => words('reasons', code);
  const channelWord = (code) => words('channels', code);

  mount(main, h('h1', null, t('plan_title')),
    decisionCard(p),
    loadCard(p),
    h('div', { class: 'row' },
      h('div', { class: 'col-third card' }, h('h2', null, t('plan_changes')), changesTable(p, reasonWord)),
      h('div', { class: 'col-wide card' }, h('h2', null, t('plan_value')), valueTable(p))),
    h('div', { class: 'card' }, h('h2', null, t('plan_headcount')), headcountTable(p),
      h('p', { class: 'hint' }, t('plan_headcount_hint'))),
    customersCard(reasonWord, channelWord),
    h('div', { class: 'row' },
      h('div', { class: 'col-half card' }, h('h2', null, t('plan_response')), responseTable(p),
        h('p', { class: 'hint' }, t('plan_response_hint'))),
      h('div', { class: 'col-half card' }, h('h2', null, t('downloads')), downloads(p))),
    weekCard(p));
  drawLoad(p);
}

// The decision in key figures and sentences (composed by the server in the
// page's language), and the notes.
function decisionCard(p) {
  let hours = 0, cap = 0, moved = 0;
  for (const w of p.workload) if (w.role) { hours += w.hours; cap += w.capacity_hours; }
  for (const k of Object.keys(p.moves)) moved += p.moves[k];
  const farmer = p.capacity_value.find((c) => c.role === 'farmer');
  const kpi = (label, value, note, id) => h('div', { class: 'kpi', id },
    h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value),
    note ? h('div', { class: 'kpi-label' }, note) : null);
  const gain = p.value.plan - p.value.today;
  return h('div', { class: 'card', id: 'plan-decision' },
    h('div', { class: 'kpis' },
      kpi(t('plan_kpi_hours'), fmtPct(cap ? hours / cap : 0), t('plan_kpi_hours_note', fmtNum(hours, 0), fmtNum(cap, 0)), 'kpi-hours'),
      kpi(t('plan_kpi_moves'), fmtInt(moved), t('plan_kpi_moves_note', fmtInt(p.moves.role || 0)), 'kpi-moves'),
      kpi(t('plan_kpi_value'), (gain >= 0 ? '+' : '−') + fmtMoney(Math.abs(gain)),
        t('plan_kpi_value_note', fmtMoney(p.value.today), fmtMoney(p.value.plan)), 'kpi-value'),
      kpi(t('plan_kpi_coverage'), fmtPct(p.coverage.share), null, 'kpi-coverage'),
      farmer && farmer.available ? kpi(t('plan_kpi_farmer'), fmtMoney(farmer.one_more_person), null, 'kpi-farmer') : null),
    h('ul', { class: 'decision', id: 'plan-summary' }, (p.decision || []).map((s) => h('li', null, s))),
    (p.notes || []).length ? [h('h3', null, t('notes')), h('ul', { class: 'muted', id: 'plan-notes' }, p.notes.map((s) => h('li', null, s)))] : null);
}

// Load against capacity per person: a bar chart and the table.
function loadCard(p) {
  const rows = p.workload.filter((r) => r.role);
  return h('div', { class: 'card' }, h('h2', null, t('plan_load')),
    h('div', { class: 'chart', id: 'plan-workload' }),
    table([
      { label: t('seller'), value: (r) => r.seller_id + (r.name ? ' · ' + r.name : '') },
      { label: t('role'), value: (r) => t('srole_' + r.role) },
      { label: t('plan_load_col'), num: true, value: (r) => h('span', { class: r.over_capacity ? 'flag' : null }, fmtPct(r.load)) },
      { label: t('hours_plan'), num: true, value: (r) => fmtNum(r.hours, 0) },
      { label: t('capacity_hours'), num: true, value: (r) => fmtNum(r.capacity_hours, 0) },
      { label: t('count'), num: true, value: (r) => fmtInt(r.customers) },
      { label: t('visits'), num: true, value: (r) => fmtNum(r.visits, 0) },
      { label: t('calls'), num: true, value: (r) => fmtNum(r.calls, 0) },
      { label: t('plan_km_year'), num: true, value: (r) => fmtNum(r.km_per_year, 0) },
      { label: t('plan_compactness'), num: true, value: (r) => (r.compactness === null ? '—' : fmtPct(r.compactness)) },
      { label: t('plan_value_hour'), num: true, value: (r) => fmtMoney(r.value_of_hour) },
    ], rows, { class: 'plan-workload', rowAttrs: (r) => ({ 'data-seller': r.seller_id }) }));
}

function drawLoad(p) {
  const rows = p.workload.filter((r) => r.role);
  const el = document.getElementById('plan-workload');
  if (!el) return;
  const ch = makeChart(el);
  ch.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 20, bottom: 60 },
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis', formatter: (its) => tip(its[0].name, its.map((it) => [it.seriesName, fmtNum(it.value, 0)])) },
    xAxis: { type: 'category', data: rows.map((r) => r.seller_id) },
    yAxis: { type: 'value' },
    series: [
      { name: t('hours_plan'), type: 'bar', itemStyle: { color: '#2a9d8f' }, data: rows.map((r) => r.hours) },
      { name: t('capacity_hours'), type: 'bar', itemStyle: { color: '#c5ccd4' }, data: rows.map((r) => r.capacity_hours) },
    ],
  });
}

// What changes for how many customers, and why.
function changesTable(p, reasonWord) {
  const rows = [['kept', p.summary.kept], ['no_owner', p.summary.newly_assigned - (p.moves.owner_unknown || 0)]];
  for (const k of ['role', 'capacity', 'balance', 'pinned', 'owner_unknown']) rows.push([k, p.moves[k] || 0]);
  return table([
    { label: t('reason'), value: (r) => reasonWord(r[0]) },
    { label: t('count'), num: true, value: (r) => fmtInt(r[1]) },
  ], rows.filter((r) => r[1] > 0), { class: 'plan-moves' });
}

// Value today against the plan, per category.
function valueTable(p) {
  const below = Object.fromEntries(p.below_policy.map((b) => [b.category, b]));
  return [table([
    { label: t('category'), value: (r) => h('span', { class: 'cat cat-' + r.category, title: catLabel(r.category) }, r.category) },
    { label: t('visits_today'), num: true, value: (r) => fmtNum(r.visits_today, 0) },
    { label: t('visits_plan'), num: true, value: (r) => fmtNum(r.visits_plan, 0) },
    { label: t('plan_value_today'), num: true, value: (r) => fmtMoney(r.value_today) },
    { label: t('plan_value_plan'), num: true, value: (r) => fmtMoney(r.value_plan) },
    { label: t('plan_below'), num: true, value: (r) => fmtInt(below[r.category] ? below[r.category].below : 0) },
  ], p.whatif.categories, { class: 'plan-whatif' }),
  h('p', { class: 'hint', id: 'plan-range' }, t('plan_range', fmtMoney(p.value.low), fmtMoney(p.value.high)))];
}

function headcountTable(p) {
  const hc = Object.fromEntries(p.headcount.map((x) => [x.role, x]));
  return table([
    { label: t('role'), value: (r) => t('srole_' + r.role) },
    { label: t('plan_needed_policy'), num: true, value: (r) => fmtNum(r.needed_for_policy, 1) },
    { label: t('available'), num: true, value: (r) => fmtInt(r.available) },
    { label: t('plan_plus100'), num: true, value: (r) => fmtMoney(r.plus_100_hours) },
    { label: t('plan_one_more'), num: true, value: (r) => fmtMoney(r.one_more_person) },
    { label: t('plan_worth_adding'), num: true, value: (r) => (r.worth_adding === null ? '—' : fmtInt(r.worth_adding)) },
    { label: t('count'), num: true, value: (r) => fmtInt(hc[r.role] ? hc[r.role].customers : 0) },
  ], p.capacity_value, { class: 'plan-headcount' });
}

function responseTable(p) {
  return table([
    { label: t('category'), value: (r) => h('span', { class: 'cat cat-' + r.category, title: catLabel(r.category) }, r.category) },
    { label: t('plan_source'), value: (r) => t('plan_source_' + r.source) },
    { label: t('plan_no_visits'), num: true, value: (r) => fmtPct(r.points.no_visits) },
    { label: t('plan_half'), num: true, value: (r) => fmtPct(r.points.half) },
    { label: t('plan_more'), num: true, value: (r) => fmtPct(r.points.more) },
    { label: t('plan_saturation'), num: true, value: (r) => fmtPct(r.points.saturation) },
  ], p.response, { class: 'plan-response' });
}

// Every customer: searched and paged by the server.
function customersCard(reasonWord, channelWord) {
  const out = h('div', { id: 'plan-customers' });
  const q = h('input', { id: 'plan-q', type: 'search', placeholder: t('plan_search'), value: state.q });
  let timer = null;
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = q.value; state.page = 0; load(); }, 250);
  });
  const only = h('input', { type: 'checkbox', id: 'plan-moves-only', checked: state.changes,
    onchange: (e) => { state.changes = e.target.checked; state.page = 0; load(); } });
  async function load() {
    const d = await api('/api/plan/customers' + qs({ q: state.q, changes: state.changes ? '1' : '', page: state.page, per: PER }));
    const from = d.total ? state.page * PER + 1 : 0, to = Math.min((state.page + 1) * PER, d.total);
    mount(out, table([
      { label: t('id'), value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.customer_id) },
      { label: t('name'), value: (r) => r.name || '' },
      { label: t('category'), value: (r) => (r.category ? h('span', { class: 'cat cat-' + r.category, title: catLabel(r.category) }, r.category) : '—') },
      { label: t('from_seller'), value: (r) => r.from_seller || '—' },
      { label: t('to_seller'), value: (r) => r.to_seller || '—' },
      { label: t('reason'), value: (r) => reasonWord(r.reason) },
      { label: t('plan_channel'), value: (r) => channelWord(r.channel) },
      { label: t('visits'), num: true, value: (r) => fmtNum(r.visits_per_year, 0) },
      { label: t('calls'), num: true, value: (r) => fmtNum(r.calls_per_year, 0) },
      { label: t('hours_plan'), num: true, value: (r) => fmtNum(r.hours, 1) },
      { label: t('plan_value_today'), num: true, value: (r) => fmtMoney(r.value_today) },
      { label: t('plan_value_plan'), num: true, value: (r) => fmtMoney(r.value_plan) },
    ], d.rows, { class: 'plan-assignments', rowAttrs: (r) => ({ 'data-id': r.customer_id }) }),
    h('div', { class: 'pager' },
      h('button', { type: 'button', id: 'plan-prev', disabled: state.page === 0, onclick: () => { state.page--; load(); } }, t('prev')),
      h('span', { id: 'plan-moves-count' }, t('per_page', fmtInt(from), fmtInt(to), fmtInt(d.total))),
      h('button', { type: 'button', id: 'plan-next', disabled: to >= d.total, onclick: () => { state.page++; load(); } }, t('next'))));
  }
  load();
  return h('div', { class: 'card' }, h('h2', null, t('plan_customers')),
    h('div', { class: 'filters' }, q, h('label', { class: 'check' }, only, ' ', t('moves_only')),
      h('a', { href: '/api/plan/download.csv' + qs({ lang }), download: 'plan.csv', id: 'dl-plan-csv' }, t('plan_all_csv')),
      h('a', { href: '/api/plan/download.xlsx' + qs({ lang }), download: 'plan.xlsx', id: 'dl-plan-xlsx' }, t('plan_all_xlsx'))),
    out);
}

function downloads(p) {
  return h('div', { class: 'downloads', id: 'plan-downloads' },
    h('p', null, h('a', { href: '/api/export/newsletter.csv', download: 'newsletter.csv', id: 'dl-newsletter' }, t('newsletter'))),
    table([
      { label: t('seller'), value: (r) => r.seller_id + (r.name ? ' · ' + r.name : '') },
      { label: '', value: (r) => [
        h('a', { href: '/api/export/calls-' + safe(r.seller_id) + '.csv', download: 'calls-' + safe(r.seller_id) + '.csv', class: 'dl-calls', 'data-seller': r.seller_id }, t('calls_csv')), ' · ',
        h('a', { href: '/api/export/calls-' + safe(r.seller_id) + '.xlsx', download: 'calls-' + safe(r.seller_id) + '.xlsx' }, t('calls_xlsx')),
        r.visits > 0 ? [' · ', h('a', { href: '/api/export/visits-' + safe(r.seller_id) + '.ics', download: 'visits-' + safe(r.seller_id) + '.ics' }, t('visits_ics'))] : null,
      ] },
    ], p.workload.filter((r) => r.customers > 0), { class: 'plan-dl' }));
}

// A field seller's coming days (GET /api/route, as `fokus route`): the days
// with their stops in order, and each day's route on the offline map.
function weekCard(p) {
  const field = p.workload.filter((r) => (r.role === 'farmer' || r.role === 'hunter') && r.has_home);
  if (!field.length) return null;
  const sel = h('select', { id: 'week-seller' }, field.map((r) => h('option', { value: r.seller_id }, r.seller_id + (r.name ? ' · ' + r.name : ''))));
  const out = h('div', { id: 'week' });
  const msg = h('p', { class: 'muted', id: 'week-msg', role: 'status' });
  const go = h('button', { type: 'button', class: 'primary', id: 'week-go', onclick: async () => {
    go.disabled = true;
    msg.textContent = t('week_planning');
    try {
      const [w, mp] = await Promise.all([api('/api/route' + qs({ seller: sel.value, lang })), mapPoints()]);
      msg.textContent = '';
      showWeek(out, w, mp);
    } catch (e) { msg.textContent = t('error', e.message); }
    go.disabled = false;
  } }, t('week_plan'));
  return h('div', { class: 'card' }, h('h2', null, t('week_title')), h('div', { class: 'filters' }, labelled(t('seller'), sel), go), msg, out);
}

let pointsCache = null;
async function mapPoints() {
  if (!pointsCache) {
    const m = await api('/api/map');
    pointsCache = new Map(m.points.map((x) => [x[3], [x[0], x[1]]]));
  }
  return pointsCache;
}

async function showWeek(out, w, pts) {
  const tot = w.totals;
  const days = table([
    { label: t('date'), value: (d) => fmtDate(d.date) },
    { label: t('leave'), value: (d) => d.leave || '—' },
    { label: t('back'), value: (d) => d.back || '—' },
    { label: t('km'), num: true, value: (d) => fmtNum(d.km, 0) },
    { label: t('drive'), num: true, value: (d) => fmtNum(d.drive_min, 0) },
    ...['1', '2R', '2P', '3'].map((c) => ({ label: c, num: true, value: (d) => fmtInt((d.visits_per_category || {})[c] || 0) })),
    { label: t('stops'), value: (d) => d.stops.map((s) => s.start + ' ' + (s.name || s.customer_id)).join(' → ') },
  ], w.days, { class: 'week-days' });
  const mapEl = h('div', { class: 'chart map-week', id: 'week-map' });
  mount(out, h('p', { id: 'week-totals' }, t('week_totals', fmtInt(tot.planned), fmtInt(tot.due), fmtNum(tot.km, 0))),
    days, mapEl,
    (w.unserved || []).length ? [h('h3', null, t('unserved')), h('ul', null, w.unserved.map((u) => h('li', null, (u.name || u.customer_id) + ' — ' + (u.reason_text || u.reason || ''))))] : null);
  if (!echartsMapReady) {
    const geo = await (await fetch('/vendor/world-atlas/nordic-50m.geo.json')).json();
    echarts.registerMap('nordic', geo);
    echartsMapReady = true;
  }
  const home = [w.start.lon, w.start.lat];
  const colors = ['#2a9d8f', '#457b9d', '#e9a23b', '#9b5de5', '#e76f51', '#264653', '#8ab17d'];
  const lons = [home[0]], lats = [home[1]];
  const series = w.days.map((d, i) => {
    const coords = [home, ...d.stops.map((s) => pts.get(s.customer_id)).filter(Boolean), home];
    for (const c of coords) { lons.push(c[0]); lats.push(c[1]); }
    return { name: fmtDate(d.date), type: 'lines', coordinateSystem: 'geo', polyline: true,
      lineStyle: { color: colors[i % colors.length], width: 2 }, data: [{ coords }] };
  });
  const stops = w.days.flatMap((d, i) => d.stops.map((s, k) => ({ value: pts.get(s.customer_id), s, k, i }))).filter((x) => x.value);
  const pad = 0.3;
  const ch = makeChart(mapEl);
  ch.setOption({
    animation: false,
    legend: { bottom: 0 },
    tooltip: { trigger: 'item', formatter: (it) => (it.data && it.data.s ? tip(it.data.s.name || it.data.s.customer_id,
      [[t('date'), fmtDate(w.days[it.data.i].date)], [t('time'), it.data.s.start], [t('category'), it.data.s.category]]) : '') },
    geo: { map: 'nordic', roam: true, aspectScale: 0.55, top: 10, bottom: 40,
      boundingCoords: [[Math.min(...lons) - pad, Math.max(...lats) + pad], [Math.max(...lons) + pad, Math.min(...lats) - pad]],
      itemStyle: { areaColor: '#eef1f4', borderColor: '#9aa5b1' }, emphasis: { disabled: true }, silent: true },
    series: [...series,
      { name: t('stops'), type: 'scatter', coordinateSystem: 'geo', symbolSize: 8, itemStyle: { color: '#1d3557' },
        data: stops.map((x) => ({ value: x.value, s: x.s, i: x.i })) },
      { name: t('home'), type: 'scatter', coordinateSystem: 'geo', symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#e63946' }, data: [{ value: home }] }],
  });
}
let echartsMapReady = false;

const safe = fileSafe; // the export's file-name form of a seller id (../fname.js)
