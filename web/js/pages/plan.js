// plan.js — the Plan page (managers, admins): the coverage plan as `fokus
// plan` computes it — assignments and moves, workload against capacity,
// headcount per role, what-if (today against the plan) — and the plan's
// exports to download: call lists (csv, xlsx) and visit calendars (ics) per
// person, and the newsletter list.
import { h, mount, table } from '../dom.js';
import { api, qs } from '../api.js';
import { echarts, makeChart, tip } from '../chart.js';
import { t, lang, fmtMoney, fmtInt, fmtNum, fmtDate } from '../i18n.js';

let movesOnly = true;

export async function render(main, ctx) {
  const p = await api('/api/plan');
  const s = p.summary;
  const loadEl = h('div', { class: 'chart', id: 'plan-workload' });
  const wl = table([
    { label: t('seller'), value: (r) => r.seller_id + (r.name ? ' · ' + r.name : '') },
    { label: t('role'), value: (r) => (r.role ? t('srole_' + r.role) : '') },
    { label: t('count'), num: true, value: (r) => fmtInt(r.customers) },
    { label: t('kept'), num: true, value: (r) => fmtInt(r.kept) },
    { label: t('gained'), num: true, value: (r) => fmtInt(r.gained) },
    { label: t('lost'), num: true, value: (r) => fmtInt(r.lost) },
    { label: t('visits'), num: true, value: (r) => fmtNum(r.visits, 0) },
    { label: t('calls'), num: true, value: (r) => fmtNum(r.calls, 0) },
    { label: t('hours_plan'), num: true, value: (r) => h('span', { class: r.over_capacity ? 'flag' : null }, fmtNum(r.hours, 0)) },
    { label: t('capacity_hours'), num: true, value: (r) => fmtNum(r.capacity_hours, 0) },
  ], p.workload, { class: 'plan-workload' });
  const hc = table([
    { label: t('role'), value: (r) => t('srole_' + r.role) },
    { label: t('count'), num: true, value: (r) => fmtInt(r.customers) },
    { label: t('hours_plan'), num: true, value: (r) => fmtNum(r.workload_hours, 0) },
    { label: t('capacity_hours'), num: true, value: (r) => fmtNum(r.capacity_per_person, 0) },
    { label: t('needed'), num: true, value: (r) => fmtNum(r.needed, 1) },
    { label: t('available'), num: true, value: (r) => fmtInt(r.available) },
  ], p.headcount, { class: 'plan-headcount' });
  const w = p.whatif;
  const wi = w ? [h('p', { class: 'muted' }, t('period', fmtDate(w.from), fmtDate(w.to))), table([
    { label: t('category'), value: (r) => h('span', { class: 'cat cat-' + r.category }, r.category) },
    { label: t('count'), num: true, value: (r) => fmtInt(r.customers) },
    { label: t('visits_today'), num: true, value: (r) => fmtNum(r.visits_today, 0) },
    { label: t('visits_plan'), num: true, value: (r) => fmtNum(r.visits_plan, 0) },
    { label: t('field_hours_today'), num: true, value: (r) => fmtNum(r.field_hours_today, 0) },
    { label: t('field_hours_plan'), num: true, value: (r) => fmtNum(r.field_hours_plan, 0) },
    { label: t('value_effect'), num: true, value: (r) => fmtMoney(r.value_effect_estimate) },
  ], w.categories, { class: 'plan-whatif' }), h('p', { class: 'hint' }, w.formula + ' = ' + fmtMoney(w.value_effect_estimate))] : null;
  const movesEl = h('div', { id: 'plan-moves' });
  const toggle = h('input', { type: 'checkbox', id: 'plan-moves-only', checked: movesOnly, onchange: (e) => { movesOnly = e.target.checked; showMoves(); } });
  const people = p.workload.map((r) => r.seller_id);
  const dl = h('div', { class: 'downloads', id: 'plan-downloads' },
    h('p', null, h('a', { href: '/api/export/newsletter.csv', download: 'newsletter.csv', id: 'dl-newsletter' }, t('newsletter'))),
    table([
      { label: t('seller'), value: (r) => r.seller_id + (r.name ? ' · ' + r.name : '') },
      { label: '', value: (r) => [
        h('a', { href: '/api/export/calls-' + safe(r.seller_id) + '.csv', download: 'calls-' + safe(r.seller_id) + '.csv', class: 'dl-calls', 'data-seller': r.seller_id }, t('calls_csv')), ' · ',
        h('a', { href: '/api/export/calls-' + safe(r.seller_id) + '.xlsx', download: 'calls-' + safe(r.seller_id) + '.xlsx' }, t('calls_xlsx')),
        r.role === 'farmer' || r.role === 'hunter' ? [' · ', h('a', { href: '/api/export/visits-' + safe(r.seller_id) + '.ics', download: 'visits-' + safe(r.seller_id) + '.ics' }, t('visits_ics'))] : null,
      ] },
    ], p.workload.filter((r) => r.customers > 0), { class: 'plan-dl' }));
  mount(main, h('h1', null, t('plan_title')),
    h('p', { id: 'plan-summary' }, t('plan_summary', fmtInt(s.customers), fmtInt(s.kept), fmtInt(s.moved), fmtInt(s.newly_assigned), fmtInt(s.unplaced))),
    (p.warnings || []).length ? h('div', { class: 'card' }, h('h2', null, t('notes')), h('ul', null, p.warnings.map((x) => h('li', null, x.text || x.code || String(x))))) : null,
    h('div', { class: 'card' }, h('h2', null, t('workload_plan')), loadEl, wl),
    h('div', { class: 'row' }, h('div', { class: 'col-half card' }, h('h2', null, t('headcount')), hc),
      h('div', { class: 'col-half card' }, h('h2', null, t('downloads')), dl)),
    w ? h('div', { class: 'card' }, h('h2', null, t('whatif')), wi) : null,
    weekCard(p),
    h('div', { class: 'card' }, h('h2', null, t('moves')), h('label', { class: 'check' }, toggle, ' ', t('moves_only')), movesEl));
  const ch = makeChart(loadEl);
  ch.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 20, bottom: 60 },
    legend: { bottom: 0 },
    tooltip: { trigger: 'item', formatter: (it) => tip(it.name, [[it.seriesName, fmtNum(it.value, 0)]]) },
    xAxis: { type: 'category', data: people },
    yAxis: { type: 'value' },
    series: [
      { name: t('hours_plan'), type: 'bar', itemStyle: { color: '#2a9d8f' }, data: p.workload.map((r) => r.hours) },
      { name: t('capacity_hours'), type: 'bar', itemStyle: { color: '#c5ccd4' }, data: p.workload.map((r) => r.capacity_hours) },
    ],
  });

  function showMoves() {
    const rows = p.assignments.filter((a) => !movesOnly || a.from_seller !== a.to_seller);
    mount(movesEl, h('p', { class: 'muted', id: 'plan-moves-count' }, fmtInt(rows.length)), table([
      { label: t('id'), value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.customer_id) },
      { label: t('name'), value: (r) => r.name || '' },
      { label: t('category'), value: (r) => (r.category ? h('span', { class: 'cat cat-' + r.category }, r.category) : '—') },
      { label: t('from_seller'), value: (r) => r.from_seller || '—' },
      { label: t('to_seller'), value: (r) => r.to_seller || '—' },
      { label: t('reason'), value: (r) => r.reason },
      { label: t('hours_plan'), num: true, value: (r) => fmtNum(r.hours, 1) },
    ], rows.slice(0, 1000), { class: 'plan-assignments' }));
  }
  showMoves();
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
  return h('div', { class: 'card' }, h('h2', null, t('week_title')), h('div', { class: 'filters' }, sel, go), msg, out);
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

// The export's file-name form of a seller id (render/export.h).
function safe(id) { return String(id).replace(/[^A-Za-z0-9._-]/g, '_'); }
