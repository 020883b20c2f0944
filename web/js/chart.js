// chart.js — Apache ECharts (vendored, web/vendor/echarts) set up the
// dashboard's way: charts that resize with the window and are disposed of
// when their page is left, and tooltips built as DOM nodes (never HTML
// strings, so names stay text).
import * as echarts from '../vendor/echarts/echarts.esm.min.js';
import { h } from './dom.js';

export { echarts };

const live = new Set();

export function makeChart(el) {
  for (const c of live) if (!c.getDom().isConnected) { c.dispose(); live.delete(c); }
  const c = echarts.init(el, null, { renderer: 'canvas' });
  live.add(c);
  return c;
}

window.addEventListener('resize', () => { for (const c of live) if (c.getDom().isConnected) c.resize(); });

// A tooltip body: a bold title and lines of [label, value] as text nodes.
export function tip(title, lines) {
  return h('div', { class: 'tip' }, h('strong', null, title),
    lines.map(([k, v]) => h('div', null, h('span', { class: 'muted' }, k + ': '), v)));
}
