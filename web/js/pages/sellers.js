// sellers.js — the Sellers page: each seller's customers per category
// (stacked bars, the call-list download per seller), and from the activity
// diagnosis (GET /api/analysis, the numbers of `fokus analyze`): field
// visits by category as stacked bars — the picture of the sellers — the
// contact-time share, and the workload against capacity.
import { h, mount, table } from '../dom.js';
import { api, qs, ApiError } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { t, lang, catLabel, fmtMoney, fmtInt, fmtNum, fmtPct, fmtDate, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

export async function render(main, ctx) {
  const d = await api('/api/sellers');
  let an = null, anError = null;
  if (ctx.me.role !== 'service') {
    try { an = await api('/api/analysis' + qs({ lang })); } catch (e) { if (e instanceof ApiError && e.status !== 401) anError = e.message; else throw e; }
  }
  const ids = d.sellers.map((s) => s.seller_id);
  for (const p of d.portfolio) if (p.seller_id && !ids.includes(p.seller_id)) ids.push(p.seller_id);
  const cell = (sid, cat, key) => {
    const p = d.portfolio.find((x) => x.seller_id === sid && x.category === cat);
    return p ? p[key] : 0;
  };
  const byId = Object.fromEntries(d.sellers.map((s) => [s.seller_id, s]));
  const sel = an ? Object.fromEntries(an.sellers.map((s) => [s.seller_id, s])) : {};
  const ct = an ? Object.fromEntries(an.contact_time.map((s) => [s.seller_id, s])) : {};
  const rows = ids.map((sid) => ({ sid, s: byId[sid] || {} }));
  const tbl = table([
    { label: t('seller'), value: (r) => r.sid },
    { label: t('name'), value: (r) => r.s.name || '' },
    { label: t('role'), value: (r) => (r.s.role ? t('srole_' + r.s.role) : '') },
    ...CATEGORY_CODES.map((c) => ({ label: c, num: true, value: (r) => fmtInt(cell(r.sid, c, 'customers')) })),
    an ? { label: t('visits'), num: true, value: (r) => fmtInt(sel[r.sid] ? sel[r.sid].visits : 0) } : null,
    an ? { label: t('cat3_share'), num: true, value: (r) => (sel[r.sid] ? h('span', { class: sel[r.sid].cat3_flag ? 'flag' : null }, fmtPct(sel[r.sid].cat3_share)) : '—') } : null,
    an ? { label: t('contact_hours'), num: true, value: (r) => (ct[r.sid] ? fmtPct(ct[r.sid].share) : '—') } : null,
    { label: '', value: (r) => h('a', { href: '/api/export/calllist' + qs({ seller: r.sid }), download: 'calllist-' + r.sid + '.csv', class: 'calllist', 'data-seller': r.sid }, t('call_list')) },
  ].filter(Boolean), rows, { class: 'sellers', rowAttrs: (r) => ({ 'data-seller': r.sid }) });

  const countEl = h('div', { class: 'chart', id: 'sellers-count' });
  const revEl = h('div', { class: 'chart', id: 'sellers-revenue' });
  const visitEl = an ? h('div', { class: 'chart', id: 'sellers-visits' }) : null;
  const shareEl = an ? h('div', { class: 'chart', id: 'sellers-contact' }) : null;
  const loadEl = an ? h('div', { class: 'chart', id: 'sellers-workload' }) : null;
  mount(main, h('h1', null, t('sellers')),
    an ? h('p', { class: 'muted' }, t('period', fmtDate(an.period.from), fmtDate(an.period.to))) : null,
    anError ? h('p', { class: 'muted', id: 'no-analysis' }, t('no_analysis', anError)) : null,
    h('div', { class: 'card' }, tbl),
    an ? h('div', { class: 'card' }, h('h2', null, t('visits_by_category')), visitEl) : null,
    an ? h('div', { class: 'row' }, h('div', { class: 'col-half card' }, h('h2', null, t('contact_share')), shareEl),
      h('div', { class: 'col-half card' }, h('h2', null, t('workload')), loadEl)) : null,
    h('div', { class: 'row' }, h('div', { class: 'col-half card' }, h('h2', null, t('portfolio')), countEl),
      h('div', { class: 'col-half card' }, h('h2', null, t('portfolio_revenue')), revEl)));

  const stacked = (el, xs, valueOf, fmt, cats = CATEGORY_CODES) => {
    const ch = makeChart(el);
    ch.setOption({
      animation: false,
      grid: { left: 90, right: 20, top: 20, bottom: 60 },
      legend: { bottom: 0 },
      tooltip: { trigger: 'item', formatter: (it) => tip(it.name, [[catLabel(it.seriesId), fmt(it.value)]]) },
      xAxis: { type: 'category', data: xs },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => fmt(v) } },
      series: cats.map((c) => ({ id: c, name: catLabel(c), type: 'bar', stack: 'all', itemStyle: { color: CATEGORY_COLORS[c] },
        data: xs.map((x) => valueOf(x, c)) })),
    });
  };
  stacked(countEl, ids, (sid, c) => cell(sid, c, 'customers'), fmtInt);
  stacked(revEl, ids, (sid, c) => cell(sid, c, 'revenue'), fmtMoney);
  if (!an) return;
  const field = an.sellers.map((s) => s.seller_id).filter((s) => s !== '*'); // '*' is the team
  const visits = (sid, c) => { const v = an.visits.find((x) => x.seller_id === sid && x.category === c); return v ? v.visits : 0; };
  stacked(visitEl, field, visits, fmtInt);
  const bars = (el, xs, series, fmt) => {
    const ch = makeChart(el);
    ch.setOption({
      animation: false,
      grid: { left: 70, right: 20, top: 20, bottom: 60 },
      legend: { bottom: 0 },
      tooltip: { trigger: 'item', formatter: (it) => tip(it.name, [[it.seriesName, fmt(it.value)]]) },
      xAxis: { type: 'category', data: xs },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => fmt(v) } },
      series,
    });
  };
  const cts = an.contact_time.filter((s) => s.seller_id !== '*');
  bars(shareEl, cts.map((s) => s.seller_id), [{ name: t('contact_hours'), type: 'bar', itemStyle: { color: '#457b9d' },
    data: cts.map((s) => s.share) }], (v) => fmtPct(v));
  bars(loadEl, cts.map((s) => s.seller_id), [
    { name: t('visit_hours'), type: 'bar', itemStyle: { color: '#e9a23b' }, data: cts.map((s) => (sel[s.seller_id] ? sel[s.seller_id].hours : 0)) },
    { name: t('contact_hours'), type: 'bar', itemStyle: { color: '#457b9d' }, data: cts.map((s) => s.contact_hours) },
    { name: t('capacity'), type: 'bar', itemStyle: { color: '#c5ccd4' }, data: cts.map((s) => s.working_hours) },
  ], (v) => fmtNum(v, 0));
}
