// activity.js — the Activity page: the diagnosis' findings; booking
// frequency as a seller × ISO-week heatmap (each seller's best week ringed,
// the latest two weeks framed) and the team's line with its best week and,
// when the latest two weeks beat the weeks before, "best in N weeks"; and
// the customers nobody contacted in the period — the count first, then a
// page of them, filtered by category, seller and name (server-side paging,
// the filter in the address). Numbers from GET /api/analysis and GET
// /api/uncontacted — the same as `fokus analyze` and `fokus uncontacted`.
import { h, mount, table, pager, field } from '../dom.js';
import { api, qs } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { readState, writeState } from '../state.js';
import { t, lang, catLabel, fmtMoney, fmtInt, fmtNum, fmtDate, CATEGORY_CODES } from '../i18n.js';

const PAGE = 50;
const DEFAULTS = { ucat: '', useller: '', uq: '', uoff: '0' };
const BEST = '#d9822b', LATEST = '#1d3557';

export async function render(main, ctx) {
  const an = await api('/api/analysis' + qs({ lang }));
  const weeks = [...new Set(an.bookings.map((b) => b.week))].sort();
  const sum = an.booking_summary || [];
  const sellers = sum.filter((r) => r.seller_id !== '*');
  const team = sum.find((r) => r.seller_id === '*');
  const heatEl = h('div', { class: 'chart heat', id: 'bookings' });
  const teamEl = team ? h('div', { class: 'chart small', id: 'team-line' }) : null;
  const summary = table([
    { label: t('seller'), value: (r) => (r.seller_id === '*' ? t('team') : r.seller_id + (r.name && r.name !== r.seller_id ? ' · ' + r.name : '')) },
    { label: t('meetings'), num: true, value: (r) => fmtInt(r.meetings) },
    { label: t('per_week'), num: true, value: (r) => fmtNum(r.per_week, 1) },
    { label: t('best_week'), value: (r) => (r.best_week ? r.best_week + ' (' + fmtInt(r.best_week_meetings) + ')' : '—') },
    { label: t('latest_2'), num: true, value: (r) => [fmtInt(r.latest_2_weeks), bestNote(r) ? h('span', { class: 'best-note' }, ' · ' + bestNote(r)) : null] },
  ], sum, { class: 'booking-summary', caption: t('bookings_title') });
  const findings = (an.findings || []).length ? h('div', { class: 'card' }, h('h2', null, t('findings')),
    h('ol', { class: 'findings', id: 'findings' }, an.findings.map((f) => h('li', null, f.text,
      f.amount ? h('span', { class: 'muted' }, ' — ' + t('at_stake') + ' ' + fmtMoney(f.amount)) : null)))) : null;
  const uncCard = h('div', { class: 'card', id: 'uncontacted-card' });
  mount(main, h('h1', null, t('activity')),
    h('p', { class: 'muted' }, t('period', fmtDate(an.period.from), fmtDate(an.period.to))),
    findings,
    h('div', { class: 'card' }, h('h2', null, t('bookings_title')),
      h('p', { class: 'hint' }, t('heat_hint')),
      weeks.length && sellers.length
        ? h('div', { class: 'scroll-x' }, heatEl)
        : h('p', { class: 'muted', id: 'bookings' }, t('no_bookings')),
      team ? [h('h3', null, t('team_line')), h('div', { class: 'scroll-x' }, teamEl),
        h('p', { class: 'muted', id: 'team-best' }, teamSentence(team))] : null,
      summary),
    uncCard);
  if (weeks.length && sellers.length) heatmap(heatEl, an, weeks, sellers);
  if (team && weeks.length) teamLine(teamEl, an, weeks, team);
  await uncontacted(uncCard, ctx);
}

// "best in 9 weeks" / "best of the period" for a row of booking_summary.
function bestNote(r) {
  if (r.best_of_period) return t('best_of_period');
  if (r.best_in_weeks >= 3) return t('best_in_weeks', r.best_in_weeks);
  return '';
}

function teamSentence(team) {
  const note = bestNote(team);
  return t('team_latest', fmtInt(team.latest_2_weeks)) + (note ? ' — ' + note + '.' : '.');
}

function heatmap(el, an, weeks, sellers) {
  const ids = sellers.map((s) => s.seller_id);
  const narrow = window.innerWidth < 640; // a phone: the IDs only, so the weeks get the room
  const label = (s) => s.seller_id + (!narrow && s.name && s.name !== s.seller_id ? ' · ' + s.name : '');
  const wi = new Map(weeks.map((w, i) => [w, i]));
  const si = new Map(ids.map((id, i) => [id, i]));
  const data = [];
  let max = 1;
  for (const b of an.bookings) {
    if (!si.has(b.seller_id)) continue;
    data.push([wi.get(b.week), si.get(b.seller_id), b.meetings]);
    if (b.meetings > max) max = b.meetings;
  }
  const best = sellers.filter((s) => s.best_week && wi.has(s.best_week))
    .map((s) => ({ value: [wi.get(s.best_week), si.get(s.seller_id)], s }));
  el.style.height = (70 + 26 * ids.length + 60) + 'px';
  el.dataset.sellers = String(ids.length);
  el.dataset.weeks = String(weeks.length);
  el.dataset.best = best.map((b) => b.s.seller_id + ':' + b.s.best_week).join(' ');
  const n = weeks.length;
  const chart = makeChart(el);
  chart.setOption({
    animation: false,
    grid: { left: narrow ? 44 : 150, right: 50, top: 28, bottom: 70 },
    tooltip: { trigger: 'item', formatter: (it) => {
      if (it.seriesType === 'scatter') return tip(label(it.data.s), [[t('best_week'), it.data.s.best_week + ' (' + fmtInt(it.data.s.best_week_meetings) + ')']]);
      const [x, y, v] = it.data;
      return tip(label(sellers[y]), [[t('week'), weeks[x]], [t('meetings'), fmtInt(v)]]);
    } },
    xAxis: [{ type: 'category', data: weeks, splitArea: { show: false },
      axisLabel: { interval: Math.max(0, Math.ceil(n / 13) - 1), formatter: (w) => w.replace(/^\d{4}-/, '') } },
    { type: 'value', min: 0, max: n, show: false }],
    yAxis: { type: 'category', data: sellers.map(label), inverse: true,
      axisLabel: { width: 140, overflow: 'truncate' } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160,
      text: [fmtInt(max), '0'], inRange: { color: ['#f2f5f8', '#9ecae1', '#2b6a99', '#0b2c4a'] }, seriesIndex: 0 },
    series: [
      { type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 1 }, emphasis: { itemStyle: { borderColor: '#333' } } },
      { type: 'scatter', name: t('best_week'), data: best, symbol: 'rect', symbolSize: [14, 14], z: 5,
        itemStyle: { color: 'rgba(0,0,0,0)', borderColor: BEST, borderWidth: 3 } },
      // the latest two weeks framed, on a hidden value axis (0..n) so the
      // frame runs from band edge to band edge
      { type: 'line', xAxisIndex: 1, data: [], silent: true,
        markArea: n >= 2 ? { silent: true, z: 10, itemStyle: { color: 'rgba(0,0,0,0)', borderColor: LATEST, borderWidth: 2, borderType: 'dashed' },
          label: { show: true, position: 'top', color: LATEST, formatter: t('latest_2_short') },
          data: [[{ xAxis: n - 2 }, { xAxis: n }]] } : undefined },
    ],
  });
}

function teamLine(el, an, weeks, team) {
  const per = new Map(an.bookings.filter((b) => b.seller_id === '*').map((b) => [b.week, b.meetings]));
  const values = weeks.map((w) => per.get(w) || 0);
  const n = weeks.length;
  const note = bestNote(team);
  el.dataset.bestInWeeks = String(team.best_in_weeks || 0);
  const chart = makeChart(el);
  chart.setOption({
    animation: false,
    grid: { left: 50, right: 30, top: 40, bottom: 40 },
    tooltip: { trigger: 'axis', formatter: (ps) => tip(t('team') + ' · ' + ps[0].name, [[t('meetings'), fmtInt(ps[0].value)]]) },
    xAxis: { type: 'category', data: weeks, axisLabel: { interval: Math.max(0, Math.ceil(n / 13) - 1), formatter: (w) => w.replace(/^\d{4}-/, '') } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'line', name: t('team'), data: values, showSymbol: false, lineStyle: { width: 3, color: '#1d3557' }, itemStyle: { color: '#1d3557' },
      markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dotted', color: '#677380' },
        label: { position: 'insideEndTop', formatter: () => t('average') }, data: [{ type: 'average' }] },
      markPoint: { symbolSize: 44, itemStyle: { color: BEST },
        data: team.best_week ? [{ coord: [team.best_week, per.get(team.best_week) || 0], value: fmtInt(per.get(team.best_week) || 0), name: t('best_week') }] : [] },
      markArea: note && n >= 2 ? { silent: true, itemStyle: { color: 'rgba(42,157,143,0.15)' },
        label: { show: true, position: 'insideBottomRight', distance: 6, color: '#1d6b61', fontWeight: 'bold', formatter: note },
        data: [[{ xAxis: weeks[n - 2] }, { xAxis: weeks[n - 1] }]] } : undefined,
    }],
  });
}

// The customers without a contact: count first, filters, one page.
async function uncontacted(card, ctx) {
  const st = readState(DEFAULTS);
  const staff = ctx.me.role !== 'seller';
  const sellers = staff ? (ctx.sellers || (ctx.sellers = (await api('/api/sellers')).sellers)) : [];
  const count = h('p', { class: 'count', id: 'unc-count', 'aria-live': 'polite' });
  const list = h('div', { id: 'uncontacted' });
  const reload = () => { st.uoff = '0'; load(); };
  const q = h('input', { id: 'unc-q', type: 'search', value: st.uq, autocomplete: 'off' });
  let timer = null;
  q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { st.uq = q.value; reload(); }, 250); });
  const cat = h('select', { id: 'unc-category', onchange: (e) => { st.ucat = e.target.value; reload(); } },
    h('option', { value: '' }, t('all')),
    CATEGORY_CODES.map((c) => h('option', { value: c, selected: c === st.ucat }, catLabel(c))));
  const sel = staff ? h('select', { id: 'unc-seller', onchange: (e) => { st.useller = e.target.value; reload(); } },
    h('option', { value: '' }, t('all')),
    sellers.map((s) => h('option', { value: s.seller_id, selected: s.seller_id === st.useller }, s.seller_id + (s.name ? ' · ' + s.name : '')))) : null;
  mount(card, h('h2', null, t('uncontacted_title')), count,
    h('div', { class: 'filters' }, field(t('search'), q, 'grow'), field(t('category'), cat), sel ? field(t('seller'), sel) : null),
    list);

  async function load() {
    writeState('activity', st, DEFAULTS);
    const off = Math.max(0, Number(st.uoff) || 0);
    const u = await api('/api/uncontacted' + qs({ category: st.ucat, seller: staff ? st.useller : '', q: st.uq, limit: PAGE, offset: off }));
    count.textContent = u.total ? t('uncontacted_count', fmtInt(u.total)) : t('uncontacted_none');
    count.dataset.total = String(u.total);
    if (!u.total) { mount(list); return; }
    mount(list, table([
      { label: t('id'), wide: true, value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.customer_id) },
      { label: t('name'), value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.name || r.customer_id) },
      { label: t('category'), value: (r) => (r.category ? h('span', { class: 'cat cat-' + r.category }, r.category) : '—') },
      { label: t('seller'), value: (r) => r.seller_id || '—' },
      { label: t('revenue'), num: true, value: (r) => fmtMoney(r.revenue) },
      { label: t('potential'), num: true, value: (r) => fmtMoney(r.potential) },
      { label: t('last_contact'), wide: true, value: (r) => fmtDate(r.last_contact) },
    ], u.customers, { class: 'uncontacted', caption: t('uncontacted_title') }),
    pager({ offset: off, limit: PAGE, total: u.total, id: 'unc-range', label: t('pages_of', t('uncontacted_title')), t, fmtInt,
      onPage: (o) => { st.uoff = String(o); load().then(() => count.scrollIntoView({ block: 'nearest' })); } }));
  }
  await load();
}
