// plan.js — the Plan page (managers, admins): the coverage plan as `fokus
// plan` computes it — assignments and moves, workload against capacity,
// headcount per role, what-if (today against the plan) — and the plan's
// exports to download: call lists (csv, xlsx) and visit calendars (ics) per
// person, and the newsletter list.
import { h, mount, table } from '../dom.js';
import { api } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { t, fmtMoney, fmtInt, fmtNum, fmtDate } from '../i18n.js';

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

// The export's file-name form of a seller id (render/export.h).
function safe(id) { return String(id).replace(/[^A-Za-z0-9._-]/g, '_'); }
