// history.js — the History page: every categorization (snapshot) with its
// method, thresholds and counts, and the movement between two of them:
// drawn as a flow (a sankey: the categories in the earlier one on the left,
// in the later one on the right, each band as wide as the customers that
// went that way) beside the 4×4 table. A band, like a number in the table,
// opens the customers in it (Customers, filtered by was/now).
import { h, mount, table, field } from '../dom.js';
import { api, qs } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { readState, writeState } from '../state.js';
import { t, catLabel, fmtMoney, fmtInt, fmtDate, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

const DEFAULTS = { from: '', to: '', stayed: '' };
const NEW_COLOR = '#6c8ebf', GONE_COLOR = '#8a8f96';

// The customers list of one flow: was `a` in snapshot `from`, is `b` in `to`
// ('none': not in it).
export function flowHref(from, a, to, b) {
  return '#/customers' + qs({ was: from, was_category: a, now: to, now_category: b });
}

export async function render(main, ctx) {
  const st = readState(DEFAULTS);
  const d = await api('/api/history' + qs({ from: st.from, to: st.to }));
  const snaps = d.snapshots;
  if (!snaps.length) {
    mount(main, h('h1', null, t('history')), h('p', { class: 'muted' }, t('no_snapshot')));
    return;
  }
  const list = table([
    { label: t('snapshot'), value: (r) => String(r.snapshot) },
    { label: t('created'), value: (r) => fmtDate(r.created_at) + ' ' + (r.created_at || '').slice(11, 16) },
    { label: t('col_as_of'), value: (r) => fmtDate(r.as_of) },
    { label: t('col_method'), value: (r) => r.method + (r.axis === 'margin' ? ' (' + t('margin') + ')' : '') },
    { label: t('revenue_threshold'), num: true, value: (r) => fmtMoney(r.thresholds.revenue) },
    { label: t('potential_threshold'), num: true, value: (r) => fmtMoney(r.thresholds.potential) },
    { label: t('count'), num: true, value: (r) => fmtInt(r.customers) },
    ...CATEGORY_CODES.map((c) => ({ label: c, num: true, value: (r) => fmtInt(r.categories[c]) })),
  ], snaps.slice().reverse(), { class: 'snapshots', caption: t('snapshots') });
  const m = d.migration;
  const pick = (id, value) => h('select', { id, onchange: () => {
    st.from = document.getElementById('mig-from').value;
    st.to = document.getElementById('mig-to').value;
    writeState('history', st, DEFAULTS);
    render(main, ctx);
  } }, snaps.map((s) => h('option', { value: s.snapshot, selected: String(s.snapshot) === String(value) }, String(s.snapshot) + ' · ' + fmtDate(s.as_of))));
  let mig = h('p', { class: 'muted' }, t('migration_need_two'));
  let flowEl = null;
  if (m) {
    const link = (a, b, n, id) => (n ? h('a', { href: flowHref(m.from, a, m.to, b), id, class: 'flow-link', 'aria-label': t('flow_label', fmtInt(n), moveName(a), moveName(b)) }, fmtInt(n))
      : h('span', { id, class: 'zero' }, fmtInt(0)));
    const rows = [...CATEGORY_CODES.map((from) => ({ from })), { from: 'none' }];
    const cols = [
      { label: t('from_to'), value: (r) => (r.from === 'none' ? t('new_customers') : h('span', { class: 'cat cat-' + r.from }, r.from)) },
      ...CATEGORY_CODES.map((to) => ({ label: to, num: true, value: (r) => {
        const n = r.from === 'none' ? m.new[to] : m.moves[r.from][to];
        const el = link(r.from, to, n, 'mig-' + r.from + '-' + to);
        el.classList.add(r.from === to ? 'stay' : n ? 'move' : 'zero');
        return el;
      } })),
      { label: t('gone'), num: true, value: (r) => (r.from === 'none' ? '' : link(r.from, 'none', m.gone[r.from], 'mig-' + r.from + '-gone')) },
    ];
    const moved = CATEGORY_CODES.reduce((s, a) => s + CATEGORY_CODES.reduce((z, b) => z + (a !== b ? m.moves[a][b] : 0), 0), 0);
    const stayedN = CATEGORY_CODES.reduce((s, a) => s + m.moves[a][a], 0);
    const newN = CATEGORY_CODES.reduce((s, c) => s + m.new[c], 0), goneN = CATEGORY_CODES.reduce((s, c) => s + m.gone[c], 0);
    const stayed = h('input', { type: 'checkbox', id: 'mig-stayed', checked: st.stayed === '1', onchange: (e) => {
      st.stayed = e.target.checked ? '1' : '';
      writeState('history', st, DEFAULTS);
      drawFlow(flowEl, m, st.stayed === '1');
    } });
    flowEl = h('div', { class: 'chart flow', id: 'mig-flow', role: 'img', 'aria-label': t('flow_aria', fmtInt(moved), fmtInt(newN), fmtInt(goneN)) });
    mig = [h('div', { class: 'filters' }, field(t('from'), pick('mig-from', m.from)), field(t('to'), pick('mig-to', m.to))),
      h('p', { class: 'count', id: 'mig-summary' }, t('mig_summary', fmtInt(moved), fmtInt(stayedN), fmtInt(newN), fmtInt(goneN))),
      h('div', { class: 'row' },
        h('div', { class: 'col-main' }, h('h3', null, t('flow_title')), flowEl,
          h('label', { class: 'check' }, stayed, ' ', t('flow_stayed')), h('p', { class: 'hint' }, t('flow_hint'))),
        h('div', { class: 'col-side' }, h('h3', null, t('migration_table')), h('div', { class: 'table-wrap' }, table(cols, rows, { class: 'migration', caption: t('migration') })),
          h('p', { class: 'hint' }, t('migration_hint')))),
    ];
  }
  mount(main, h('h1', null, t('history')),
    h('div', { class: 'card' }, h('h2', null, t('migration')), mig),
    h('div', { class: 'card' }, h('h2', null, t('snapshots')), h('div', { class: 'table-wrap' }, list)));
  if (m) drawFlow(flowEl, m, st.stayed === '1');
}

function moveName(c) {
  return c === 'none' ? t('not_categorized') : catLabel(c);
}

// The sankey of migration m; stays (the diagonal) only when withStays.
function drawFlow(el, m, withStays) {
  const L = (c) => 'a:' + c, R = (c) => 'b:' + c;
  const nodes = [], links = [];
  const used = new Set();
  const add = (a, b, v) => {
    if (!v) return;
    links.push({ source: a === 'none' ? 'a:new' : L(a), target: b === 'none' ? 'b:gone' : R(b), value: v, a, b });
    used.add(a === 'none' ? 'a:new' : L(a));
    used.add(b === 'none' ? 'b:gone' : R(b));
  };
  for (const a of CATEGORY_CODES) {
    for (const b of CATEGORY_CODES) if (withStays || a !== b) add(a, b, m.moves[a][b]);
    add(a, 'none', m.gone[a]);
  }
  for (const b of CATEGORY_CODES) add('none', b, m.new[b]);
  for (const c of CATEGORY_CODES) {
    if (used.has(L(c))) nodes.push({ name: L(c), label: c, depth: 0, itemStyle: { color: CATEGORY_COLORS[c] } });
  }
  if (used.has('a:new')) nodes.push({ name: 'a:new', label: t('new_customers'), depth: 0, itemStyle: { color: NEW_COLOR } });
  for (const c of CATEGORY_CODES) {
    if (used.has(R(c))) nodes.push({ name: R(c), label: c, depth: 1, itemStyle: { color: CATEGORY_COLORS[c] } });
  }
  if (used.has('b:gone')) nodes.push({ name: 'b:gone', label: t('gone'), depth: 1, itemStyle: { color: GONE_COLOR } });
  el.dataset.links = String(links.length);
  el.dataset.flows = links.map((l) => l.a + '>' + l.b + '=' + l.value).join(' ');
  const chart = el._chart && !el._chart.isDisposed() ? el._chart : (el._chart = makeChart(el));
  if (!links.length) {
    chart.clear();
    chart.setOption({ title: { text: t('flow_none'), left: 'center', top: 'middle', textStyle: { fontSize: 14, fontWeight: 'normal', color: '#677380' } } });
    return;
  }
  chart.clear();
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (it) => (it.dataType === 'edge'
      ? tip(moveName(it.data.a) + ' → ' + moveName(it.data.b), [[t('count'), fmtInt(it.data.value)], ['', t('flow_click')]])
      : tip(it.data.label, [[t('count'), fmtInt(it.value)]])) },
    series: [{
      type: 'sankey', left: 40, right: 60, top: 20, bottom: 20, nodeWidth: 16, nodeGap: 12, layoutIterations: 0,
      draggable: false, emphasis: { focus: 'adjacency' },
      label: { formatter: (p) => p.data.label + '  ' + fmtInt(p.value), fontSize: 13 },
      lineStyle: { color: 'gradient', opacity: 0.45, curveness: 0.5 },
      data: nodes, links,
    }],
  });
  chart.off('click');
  chart.on('click', (it) => {
    if (it.dataType === 'edge') location.hash = flowHref(m.from, it.data.a, m.to, it.data.b);
  });
}
