// activity.js — the Activity page: the diagnosis' findings, meetings booked
// per week (the team and each seller; booking frequency), and the customers
// nobody contacted in the period. Numbers from GET /api/analysis and GET
// /api/uncontacted — the same as `fokus analyze` and `fokus uncontacted`.
import { h, mount, table } from '../dom.js';
import { api, qs } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { t, lang, catLabel, fmtMoney, fmtInt, fmtNum, fmtDate, CATEGORY_CODES } from '../i18n.js';

let uncontactedCat = '';

export async function render(main, ctx) {
  const an = await api('/api/analysis' + qs({ lang }));
  const weeks = [...new Set(an.bookings.map((b) => b.week))].sort();
  const sellers = [...new Set(an.bookings.map((b) => b.seller_id))];
  const per = (sid, w) => { const b = an.bookings.find((x) => x.seller_id === sid && x.week === w); return b ? b.meetings : 0; };
  const chartEl = h('div', { class: 'chart', id: 'bookings' });
  const summary = table([
    { label: t('seller'), value: (r) => (r.seller_id === '*' ? t('team') : r.seller_id + (r.name && r.name !== r.seller_id ? ' · ' + r.name : '')) },
    { label: t('meetings'), num: true, value: (r) => fmtInt(r.meetings) },
    { label: t('per_week'), num: true, value: (r) => fmtNum(r.per_week, 1) },
    { label: t('best_week'), value: (r) => (r.best_week ? r.best_week + ' (' + fmtInt(r.best_week_meetings) + ')' : '—') },
    { label: t('latest_2'), num: true, value: (r) => fmtInt(r.latest_2_weeks) },
  ], an.booking_summary, { class: 'booking-summary' });
  const findings = (an.findings || []).length ? h('div', { class: 'card' }, h('h2', null, t('findings')),
    h('ol', { class: 'findings', id: 'findings' }, an.findings.map((f) => h('li', null, f.text,
      f.amount ? h('span', { class: 'muted' }, ' — ' + t('at_stake') + ' ' + fmtMoney(f.amount)) : null)))) : null;
  const uncEl = h('div', { id: 'uncontacted' });
  const catSel = h('select', { id: 'unc-category', onchange: (e) => { uncontactedCat = e.target.value; loadUncontacted(); } },
    h('option', { value: '' }, t('category') + ': ' + t('all')),
    CATEGORY_CODES.map((c) => h('option', { value: c, selected: c === uncontactedCat }, catLabel(c))));
  mount(main, h('h1', null, t('activity')),
    h('p', { class: 'muted' }, t('period', fmtDate(an.period.from), fmtDate(an.period.to))),
    findings,
    h('div', { class: 'card' }, h('h2', null, t('bookings_title')), chartEl, summary),
    h('div', { class: 'card' }, h('h2', null, t('uncontacted_title')), h('div', { class: 'filters' }, catSel), uncEl));
  const ch = makeChart(chartEl);
  const team = sellers.includes('*'); // the team's line, off at first so the sellers' lines read
  ch.setOption({
    animation: false,
    grid: { left: 50, right: 20, top: 20, bottom: 80 },
    legend: { bottom: 0, type: 'scroll' },
    tooltip: { trigger: 'item', formatter: (it) => tip(it.seriesName, [[it.name, fmtInt(it.value)]]) },
    xAxis: { type: 'category', data: weeks },
    yAxis: { type: 'value', minInterval: 1 },
    series: sellers.map((sid) => ({ name: sid === '*' ? t('team') : sid, type: 'line', showSymbol: false,
      lineStyle: { width: sid === '*' ? 3 : 1 }, z: sid === '*' ? 10 : 2,
      data: weeks.map((w) => per(sid, w)) })),
  });
  if (team) ch.dispatchAction({ type: 'legendUnSelect', name: t('team') });

  async function loadUncontacted() {
    const u = await api('/api/uncontacted' + qs({ category: uncontactedCat }));
    mount(uncEl, u.customers.length ? [
      h('p', { class: 'muted', id: 'unc-count' }, fmtInt(u.count)),
      table([
        { label: t('id'), value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.customer_id) },
        { label: t('name'), value: (r) => r.name || '' },
        { label: t('category'), value: (r) => (r.category ? h('span', { class: 'cat cat-' + r.category }, r.category) : '—') },
        { label: t('seller'), value: (r) => r.seller_id || '—' },
        { label: t('revenue'), num: true, value: (r) => fmtMoney(r.revenue) },
        { label: t('potential'), num: true, value: (r) => fmtMoney(r.potential) },
        { label: t('last_contact'), value: (r) => fmtDate(r.last_contact) },
      ], u.customers.slice(0, 500), { class: 'uncontacted' }),
    ] : h('p', { class: 'muted', id: 'unc-count' }, t('uncontacted_none')));
  }
  await loadUncontacted();
}
