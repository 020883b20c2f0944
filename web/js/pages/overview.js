// overview.js — the Overview page: KPI cards, the matrix as a scatter on log
// scales with the two thresholds as draggable lines (live counts while
// dragging, by the documented rule: high when value ≥ threshold, pinned
// customers keep their category), and the category table of the latest
// categorization.
import { h, mount, table } from '../dom.js';
import { api } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { t, catLabel, fmtMoney, fmtInt, fmtPct, fmtDate, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

const GRID = { left: 90, right: 30, top: 30, bottom: 60 };
let savedNote = ''; // shown under the thresholds after a save, until the next drag

// The rule of docs/categorization.md: high on an axis when value ≥ threshold.
export function categoryOf(rev, pot, tr, tp) {
  const hr = rev !== null && tr !== null && rev >= tr;
  const hp = pot !== null && tp !== null && pot >= tp;
  return hr ? (hp ? '1' : '2R') : (hp ? '2P' : '3');
}

function kpis(summary) {
  const tot = summary.total;
  const key = summary.categories.find((c) => c.category === '1');
  const card = (label, value, id) => h('div', { class: 'kpi', id }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value));
  return h('div', { class: 'kpis' },
    card(t('kpi_customers'), fmtInt(tot.customers), 'kpi-customers'),
    card(t('kpi_revenue'), fmtMoney(tot.revenue), 'kpi-revenue'),
    card(t('kpi_potential'), fmtMoney(tot.potential), 'kpi-potential'),
    card(t('kpi_key'), fmtInt(key ? key.customers : 0), 'kpi-key'));
}

function categoryTable(summary) {
  const tot = summary.total;
  const cols = [
    { label: t('category'), value: (r) => h('span', { class: 'cat cat-' + r.category }, catLabel(r.category)) },
    { label: t('count'), num: true, value: (r) => fmtInt(r.customers) },
    { label: t('share'), num: true, value: (r) => fmtPct(tot.customers ? r.customers / tot.customers : null) },
    { label: t('revenue'), num: true, value: (r) => fmtMoney(r.revenue) },
    { label: t('share'), num: true, value: (r) => fmtPct(tot.revenue ? r.revenue / tot.revenue : null) },
    { label: t('potential'), num: true, value: (r) => fmtMoney(r.potential) },
  ];
  return table(cols, summary.categories, { class: 'summary', rowAttrs: (r) => ({ 'data-category': r.category }) });
}

export async function render(main, ctx) {
  const [summary, matrix] = await Promise.all([api('/api/summary'), api('/api/matrix')]);
  const snap = summary.snapshot;
  if (!snap) {
    mount(main, h('h1', null, t('overview')), kpis(summary), h('p', { class: 'muted', id: 'no-snapshot' }, t('no_snapshot')),
      categorizeButton(main, ctx, 'categorize_now'));
    return;
  }
  const head = h('p', { class: 'muted' }, t('snapshot') + ' ' + snap.id + ' · ' + t('as_of') + ' ' + fmtDate(snap.as_of) +
    ' · ' + t('method') + ' ' + snap.method);
  const chartEl = h('div', { class: 'chart matrix', id: 'matrix' });
  const live = h('div', { class: 'live', id: 'live' });
  mount(main, h('h1', null, t('overview')), head, kpis(summary),
    h('div', { class: 'row' }, h('div', { class: 'col-main card' }, chartEl, h('p', { class: 'hint' }, t('drag_hint'))),
      h('div', { class: 'col-side card' }, live)),
    h('div', { class: 'card' }, h('h2', null, t('snapshot')), categoryTable(summary), categorizeButton(main, ctx, 'categorize_again')));
  matrixChart(chartEl, live, matrix, summary, ctx);
}

function matrixChart(el, liveEl, matrix, summary, ctx) {
  const pts = matrix.points.map((p) => ({ rev: p[0], pot: p[1], cat: p[2], id: p[3], name: p[4], computed: p[5] }));
  const pos = (v) => (v !== null && v > 0 ? v : null);
  const minPos = (arr) => arr.reduce((m, v) => (v !== null && v > 0 && v < m ? v : m), Infinity);
  const maxOf = (arr) => arr.reduce((m, v) => (v !== null && v > m ? v : m), 0);
  const revs = pts.map((p) => p.rev), pots = pts.map((p) => p.pot);
  const floorR = Number.isFinite(minPos(revs)) ? minPos(revs) / 2 : 1;
  const floorP = Number.isFinite(minPos(pots)) ? minPos(pots) / 2 : 1;
  const maxR = Math.max(maxOf(revs), floorR * 10), maxP = Math.max(maxOf(pots), floorP * 10);
  // Axes from power of ten to power of ten, so the labels read 1 000, 10 000, ...
  const lo = (v) => Math.pow(10, Math.floor(Math.log10(v))), hi = (v) => Math.pow(10, Math.ceil(Math.log10(v)));
  const stored = { tr: matrix.snapshot.revenue_threshold, tp: matrix.snapshot.potential_threshold };
  const state = { tr: stored.tr ?? maxR, tp: stored.tp ?? maxP, dragged: false };

  const chart = makeChart(el);
  const seriesFor = (catOf) => CATEGORY_CODES.map((code) => ({
    id: 'cat-' + code, name: catLabel(code), type: 'scatter', symbolSize: 6, large: pts.length > 5000,
    itemStyle: { color: CATEGORY_COLORS[code], opacity: 0.8 },
    data: pts.filter((p) => catOf(p) === code).map((p) => ({ value: [pos(p.rev) ?? floorR, pos(p.pot) ?? floorP], p })),
  }));
  const liveCat = (p) => (p.cat !== p.computed ? p.cat : categoryOf(p.rev, p.pot, state.tr, state.tp));
  chart.setOption({
    animation: false,
    grid: GRID,
    legend: { bottom: 0 },
    tooltip: { trigger: 'item', formatter: (it) => {
      const p = it.data.p;
      return tip(p.name || p.id, [[t('id'), p.id], [t('revenue'), fmtMoney(p.rev)], [t('potential'), fmtMoney(p.pot)],
        [t('category'), catLabel(p.cat)]]);
    } },
    xAxis: { type: 'log', name: t('revenue'), nameLocation: 'middle', nameGap: 30, min: lo(floorR), max: hi(maxR),
      axisLabel: { formatter: (v) => fmtMoney(v) } },
    yAxis: { type: 'log', name: t('potential'), nameLocation: 'middle', nameGap: 75, min: lo(floorP), max: hi(maxP),
      axisLabel: { formatter: (v) => fmtMoney(v) } },
    series: seriesFor((p) => p.cat),
  });
  chart.on('click', (it) => { if (it.data && it.data.p) location.hash = '#/customers/' + encodeURIComponent(it.data.p.id); });

  const rect = () => ({ x: GRID.left, y: GRID.top, w: chart.getWidth() - GRID.left - GRID.right, h: chart.getHeight() - GRID.top - GRID.bottom });
  const clampX = (x) => Math.min(Math.max(x, rect().x), rect().x + rect().w);
  const clampY = (y) => Math.min(Math.max(y, rect().y), rect().y + rect().h);
  const toPx = () => [chart.convertToPixel({ xAxisIndex: 0 }, Math.min(Math.max(state.tr, lo(floorR)), hi(maxR))),
    chart.convertToPixel({ yAxisIndex: 0 }, Math.min(Math.max(state.tp, lo(floorP)), hi(maxP)))];

  let pending = false;
  function refresh() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (chart.isDisposed()) return;
      if (state.dragged) chart.setOption({ series: seriesFor(liveCat) });
      drawLines();
      renderLive();
    });
  }

  function drawLines() {
    const r = rect();
    const [px, py] = toPx();
    el.dataset.revX = String(Math.round(clampX(px)));
    el.dataset.potY = String(Math.round(clampY(py)));
    const line = { stroke: '#1d3557', lineWidth: 2, lineDash: [6, 4] };
    const q = (text, x, y, align, vAlign) => ({ type: 'text', silent: true, x, y, z: 50,
      style: { text, fill: '#1d3557', opacity: 0.55, font: 'bold 16px sans-serif', textAlign: align, textVerticalAlign: vAlign } });
    chart.setOption({ graphic: { elements: [
      { id: 'vline', type: 'line', silent: true, z: 90, shape: { x1: clampX(px), y1: r.y, x2: clampX(px), y2: r.y + r.h }, style: line },
      { id: 'hline', type: 'line', silent: true, z: 90, shape: { x1: r.x, y1: clampY(py), x2: r.x + r.w, y2: clampY(py) }, style: line },
      { id: 'vhandle', type: 'rect', x: clampX(px), y: r.y, z: 100, cursor: 'ew-resize', draggable: true,
        shape: { x: -7, y: 0, width: 14, height: r.h }, style: { fill: 'rgba(29,53,87,0.06)' },
        ondrag: function () { this.y = r.y; this.x = clampX(this.x); state.tr = chart.convertFromPixel({ xAxisIndex: 0 }, this.x); state.dragged = true; refresh(); } },
      { id: 'hhandle', type: 'rect', x: r.x, y: clampY(py), z: 100, cursor: 'ns-resize', draggable: true,
        shape: { x: 0, y: -7, width: r.w, height: 14 }, style: { fill: 'rgba(29,53,87,0.06)' },
        ondrag: function () { this.x = r.x; this.y = clampY(this.y); state.tp = chart.convertFromPixel({ yAxisIndex: 0 }, this.y); state.dragged = true; refresh(); } },
      q('1', r.x + r.w - 8, r.y + 8, 'right', 'top'),
      q('2R', r.x + r.w - 8, r.y + r.h - 8, 'right', 'bottom'),
      q('2P', r.x + 8, r.y + 8, 'left', 'top'),
      q('3', r.x + 8, r.y + r.h - 8, 'left', 'bottom'),
    ] } });
  }

  function renderLive() {
    const sums = {};
    for (const c of CATEGORY_CODES) sums[c] = { n: 0, rev: 0, pot: 0 };
    for (const p of pts) {
      const c = state.dragged ? liveCat(p) : p.cat;
      sums[c].n++; sums[c].rev += p.rev || 0; sums[c].pot += p.pot || 0;
    }
    const base = {};
    for (const c of summary.categories) base[c.category] = c.customers;
    const rows = CATEGORY_CODES.map((c) => ({ c, ...sums[c], d: sums[c].n - (base[c] || 0) }));
    const cols = [
      { label: t('category'), value: (r) => h('span', { class: 'cat cat-' + r.c }, r.c) },
      { label: t('count'), num: true, value: (r) => h('span', { id: 'live-count-' + r.c }, fmtInt(r.n)) },
      { label: t('change'), num: true, value: (r) => (r.d ? (r.d > 0 ? '+' : '') + fmtInt(r.d) : '±0') },
      { label: t('revenue'), num: true, value: (r) => fmtMoney(r.rev) },
    ];
    const inR = h('input', { id: 'thr-revenue', type: 'number', min: 0, step: 'any', value: Math.round(state.tr),
      onchange: (e) => { const v = Number(e.target.value); if (v > 0) { state.tr = v; state.dragged = true; refresh(); } } });
    const inP = h('input', { id: 'thr-potential', type: 'number', min: 0, step: 'any', value: Math.round(state.tp),
      onchange: (e) => { const v = Number(e.target.value); if (v > 0) { state.tp = v; state.dragged = true; refresh(); } } });
    if (state.dragged) savedNote = '';
    const note = h('p', { class: 'muted', id: 'save-note', role: 'status' }, savedNote);
    mount(liveEl, h('h2', null, t('thresholds')),
      h('label', { for: 'thr-revenue' }, t('revenue_threshold') + ' (' + fmtMoney(state.tr) + ')'), inR,
      h('label', { for: 'thr-potential' }, t('potential_threshold') + ' (' + fmtMoney(state.tp) + ')'), inP,
      h('h3', null, state.dragged ? t('live') : t('stored')),
      table(cols, rows, { class: 'live-table' }),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'thr-reset', disabled: !state.dragged, onclick: () => {
          state.tr = stored.tr ?? maxR; state.tp = stored.tp ?? maxP; state.dragged = false;
          chart.setOption({ series: seriesFor((p) => p.cat) }); refresh();
        } }, t('reset')),
        saveButton(ctx, state, note)),
      note);
  }
  refresh();
}

// A categorization with the default options of `fokus categorize` (staff only).
function categorizeButton(main, ctx, label) {
  if (!ctx.me || !['admin', 'manager'].includes(ctx.me.role)) return null;
  const msg = h('p', { class: 'muted', id: 'categorize-msg', role: 'status' });
  return h('div', { class: 'buttons' }, h('button', { type: 'button', id: 'categorize', onclick: async (e) => {
    e.target.disabled = true;
    try {
      const r = await api('/api/categorize', { method: 'POST', body: {} });
      savedNote = t('saved', r.snapshot_id);
      await render(main, ctx);
    } catch (err) { msg.textContent = t('error', err.message); e.target.disabled = false; }
  } }, t(label)), msg);
}

// "Save as new categorization": the server computes and stores it with the
// categorization core (POST /api/categorize); managers and admins only.
function saveButton(ctx, state, note) {
  if (!ctx.me || !['admin', 'manager'].includes(ctx.me.role)) return null;
  return h('button', { type: 'button', class: 'primary', id: 'thr-save', disabled: !state.dragged, onclick: async () => {
    try {
      const r = await api('/api/categorize', { method: 'POST', body: { revenue_threshold: state.tr, potential_threshold: state.tp } });
      savedNote = t('saved', r.snapshot_id);
      await render(document.getElementById('main'), ctx);
    } catch (e) { note.textContent = t('error', e.message); }
  } }, t('save_categorization'));
}
