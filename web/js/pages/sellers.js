// sellers.js — the Sellers page: each seller's customers per category as
// stacked bars (count and revenue), and the call-list download per seller.
import { h, mount, table } from '../dom.js';
import { api, qs } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { t, catLabel, roleLabel, fmtMoney, fmtInt, fmtNum, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

export async function render(main) {
  const d = await api('/api/sellers');
  const ids = d.sellers.map((s) => s.seller_id);
  for (const p of d.portfolio) if (p.seller_id && !ids.includes(p.seller_id)) ids.push(p.seller_id);
  const cell = (sid, cat, key) => {
    const p = d.portfolio.find((x) => x.seller_id === sid && x.category === cat);
    return p ? p[key] : 0;
  };
  const byId = Object.fromEntries(d.sellers.map((s) => [s.seller_id, s]));
  const countEl = h('div', { class: 'chart', id: 'sellers-count' });
  const revEl = h('div', { class: 'chart', id: 'sellers-revenue' });
  const rows = ids.map((sid) => ({ sid, s: byId[sid] || {} }));
  const tbl = table([
    { label: t('seller'), value: (r) => r.sid },
    { label: t('name'), value: (r) => r.s.name || '' },
    { label: t('role'), value: (r) => (r.s.role ? roleLabel(r.s.role === 'farmer' || r.s.role === 'hunter' ? 'seller' : r.s.role) + ' (' + r.s.role + ')' : '') },
    { label: t('hours'), num: true, value: (r) => (r.s.hours_per_year ? fmtNum(r.s.hours_per_year, 0) : '—') },
    ...CATEGORY_CODES.map((c) => ({ label: c, num: true, value: (r) => fmtInt(cell(r.sid, c, 'customers')) })),
    { label: '', value: (r) => h('a', { href: '/api/export/calllist' + qs({ seller: r.sid }), download: 'calllist-' + r.sid + '.csv', class: 'calllist', 'data-seller': r.sid }, t('call_list')) },
  ], rows, { class: 'sellers', rowAttrs: (r) => ({ 'data-seller': r.sid }) });
  mount(main, h('h1', null, t('sellers')), h('div', { class: 'card' }, tbl),
    h('div', { class: 'row' }, h('div', { class: 'col-half card' }, h('h2', null, t('portfolio')), countEl),
      h('div', { class: 'col-half card' }, h('h2', null, t('portfolio_revenue')), revEl)));
  const stacked = (el, key, fmt) => {
    const ch = makeChart(el);
    ch.setOption({
      animation: false,
      grid: { left: 90, right: 20, top: 20, bottom: 60 },
      legend: { bottom: 0 },
      tooltip: { trigger: 'item', formatter: (it) => tip(it.name, [[catLabel(it.seriesId), fmt(it.value)]]) },
      xAxis: { type: 'category', data: ids },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => fmt(v) } },
      series: CATEGORY_CODES.map((c) => ({ id: c, name: catLabel(c), type: 'bar', stack: 'all', itemStyle: { color: CATEGORY_COLORS[c] },
        data: ids.map((sid) => cell(sid, c, key)) })),
    });
  };
  stacked(countEl, 'customers', fmtInt);
  stacked(revEl, 'revenue', fmtMoney);
}
