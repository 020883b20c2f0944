// adherence.js — the Adherence page: per seller, what the plan asks for
// against what was done (visits per category, calls, newsletters), the
// team's (or the seller's) weeks as bars against the planned line, drift
// back to category 3, and the most overdue customers. Numbers from GET
// /api/adherence — the same as `fokus adherence`.
import { h, mount, table } from '../dom.js';
import { api, qs } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { t, addStrings, catLabel, fmtInt, fmtNum, fmtPct, fmtDate, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

addStrings({
  adherence: ['Adherence', 'Följsamhet'],
  adh_title: ['Plan adherence', 'Planföljsamhet'],
  adh_applied: ['The plan was applied {0}.', 'Planen infördes {0}.'],
  adh_not_applied: ['No plan applied yet: planned is the contact policy with today\u2019s owners.',
    'Ingen plan införd än: planerat är kontaktpolicyn med dagens ansvariga.'],
  adh_visits: ['Visits done of planned', 'Besök gjorda av planerade'],
  adh_calls: ['Calls done of planned', 'Samtal gjorda av planerade'],
  adh_newsletters: ['Newsletters sent of planned', 'Nyhetsbrev skickade av planerade'],
  adh_overdue: ['Customers overdue', 'Försenade kunder'],
  adh_overdue_of: ['of {0}: next contact due', 'av {0}: nästa kontakt förfallen'],
  adh_cat3: ['Visits to category 3, last {0} weeks', 'Besök i kategori 3, sista {0} veckorna'],
  adh_per_seller: ['Per seller: done / planned', 'Per säljare: gjort / planerat'],
  adh_weeks: ['Visits week by week', 'Besök vecka för vecka'],
  adh_planned_line: ['Planned visits', 'Planerade besök'],
  adh_most_overdue: ['The most overdue customers', 'De mest försenade kunderna'],
  adh_drift: ['Drift to cat. 3', 'Glidning mot kat. 3'],
  adh_days: ['Days overdue', 'Dagar sen'],
  adh_due: ['Due', 'Förföll'],
  visits: ['Visits', 'Besök'],
  calls: ['Calls', 'Samtal'],
  newsletters: ['Newsletters', 'Nyhetsbrev'],
  overdue: ['Overdue', 'Försenade'],
  apply: ['Show', 'Visa'],
});

let filter = { from: '', to: '', seller: '' };

const pair = (done, planned) => fmtInt(done) + ' / ' + fmtNum(planned, planned > 0 && planned < 10 ? 1 : 0);
const pct = (done, planned) => (planned > 0 ? fmtPct(done / planned) : '—');
const sumCats = (o) => CATEGORY_CODES.reduce((s, c) => s + (o[c] || 0), 0);

export async function render(main, ctx) {
  const staff = ctx.me.role !== 'seller';
  const d = await api('/api/adherence' + qs(filter));
  const focus = d.team || d.sellers[0];
  const from = h('input', { type: 'date', id: 'adh-from', value: filter.from || d.period.from });
  const to = h('input', { type: 'date', id: 'adh-to', value: filter.to || d.period.to });
  const all = staff ? (await api('/api/sellers')).sellers : [];
  const sel = staff ? h('select', { id: 'adh-seller' }, h('option', { value: '' }, t('team')),
    all.map((s) => h('option', { value: s.seller_id, selected: s.seller_id === filter.seller }, s.seller_id + (s.name && s.name !== s.seller_id ? ' · ' + s.name : '')))) : null;
  const form = h('form', { class: 'inline-form filters', onsubmit: async (e) => {
    e.preventDefault();
    filter = { from: from.value, to: to.value, seller: sel ? sel.value : '' };
    await render(main, ctx);
  } }, h('label', null, t('from'), from), h('label', null, t('to'), to), sel ? h('label', null, t('seller'), sel) : null,
  h('button', { type: 'submit', class: 'primary' }, t('apply')));

  const tt = focus ? focus : null;
  const kpi = (label, value, note, id) => h('div', { class: 'kpi', id }, h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value' }, value), note ? h('div', { class: 'hint' }, note) : null);
  const cards = tt ? h('div', { class: 'kpis' },
    kpi(t('adh_visits'), pct(tt.done.visits, tt.planned.visits), pair(tt.done.visits, tt.planned.visits), 'kpi-visits'),
    kpi(t('adh_calls'), pct(tt.done.calls, tt.planned.calls), pair(tt.done.calls, tt.planned.calls)),
    kpi(t('adh_newsletters'), pct(tt.done.newsletters, tt.planned.newsletters), pair(tt.done.newsletters, tt.planned.newsletters)),
    kpi(t('adh_overdue'), fmtInt(sumCats(tt.overdue)), t('adh_overdue_of', fmtInt(sumCats(tt.customers))), 'kpi-overdue'),
    kpi(t('adh_cat3', tt.drift.weeks), fmtPct(tt.drift.last_share), tt.drift.flag ? fmtPct(tt.drift.first_share) + ' → ' + fmtPct(tt.drift.last_share) : null)) : null;

  const rows = d.sellers.concat(d.team ? [d.team] : []);
  const cols = [
    { label: t('seller'), value: (r) => (r.seller_id === '*' ? h('strong', null, t('team')) : r.seller_id + (r.name && r.name !== r.seller_id ? ' · ' + r.name : '')) },
    { label: t('visits'), num: true, value: (r) => h('span', { class: (r.planned.visits > 0 && r.done.visits / r.planned.visits < 0.5) ? 'flag' : null }, pct(r.done.visits, r.planned.visits)) },
    ...CATEGORY_CODES.map((c) => ({ label: catLabel(c), num: true, value: (r) => pair(r.done['visits_' + c], r.planned['visits_' + c]) })),
    { label: t('calls'), num: true, value: (r) => pair(r.done.calls, r.planned.calls) },
    { label: t('newsletters'), num: true, value: (r) => pair(r.done.newsletters, r.planned.newsletters) },
    { label: t('overdue'), num: true, value: (r) => fmtInt(sumCats(r.overdue)) },
    { label: t('adh_drift'), value: (r) => (r.drift.flag ? h('span', { class: 'flag' }, fmtPct(r.drift.first_share) + ' → ' + fmtPct(r.drift.last_share)) : '') },
  ];
  const chartEl = h('div', { class: 'chart', id: 'adh-weeks' });
  const overdue = table([
    { label: t('id'), value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.customer_id) },
    { label: t('name'), value: (r) => r.name || '' },
    { label: t('category'), value: (r) => h('span', { class: 'cat cat-' + r.category }, r.category) },
    { label: t('seller'), value: (r) => r.seller_id || '—' },
    { label: t('last_contact'), value: (r) => fmtDate(r.last_contact) },
    { label: t('adh_due'), value: (r) => fmtDate(r.due) },
    { label: t('adh_days'), num: true, value: (r) => fmtInt(r.days_overdue) },
  ], d.overdue.slice(0, 100), { class: 'adh-overdue' });

  mount(main, h('h1', null, t('adh_title')),
    h('p', { class: 'muted', id: 'adh-period' }, t('period', fmtDate(d.period.from), fmtDate(d.period.to)) + ' · ' +
      (d.period.plan_applied ? t('adh_applied', fmtDate(d.period.plan_applied)) : t('adh_not_applied'))),
    form, cards,
    h('div', { class: 'card' }, h('h2', null, t('adh_per_seller')), table(cols, rows, { class: 'adh-sellers' })),
    h('div', { class: 'card' }, h('h2', null, t('adh_weeks')), chartEl),
    h('div', { class: 'card' }, h('h2', null, t('adh_most_overdue') + ' (' + fmtInt(d.overdue_total) + ')'), overdue));

  if (!focus) return;
  const weeks = focus.weeks.map((w) => w.week);
  const ch = makeChart(chartEl);
  ch.setOption({
    animation: false,
    grid: { left: 50, right: 20, top: 20, bottom: 60 },
    legend: { bottom: 0, type: 'scroll' },
    tooltip: { trigger: 'item', formatter: (it) => tip(it.seriesName, [[it.name, fmtNum(it.value, it.seriesType === 'line' ? 1 : 0)]]) },
    xAxis: { type: 'category', data: weeks },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      ...CATEGORY_CODES.map((c) => ({ name: catLabel(c), type: 'bar', stack: 'done', itemStyle: { color: CATEGORY_COLORS[c] },
        data: focus.weeks.map((w) => w.done['visits_' + c]) })),
      { name: t('adh_planned_line'), type: 'line', step: 'middle', showSymbol: false, lineStyle: { type: 'dashed', width: 2, color: '#1d2733' },
        itemStyle: { color: '#1d2733' }, data: focus.weeks.map((w) => w.planned.visits) },
    ],
  });
}
