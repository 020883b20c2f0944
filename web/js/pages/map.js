// map.js — the Map page: customers as points coloured by category and the
// sellers' homes, on the Nordic country outlines shipped in the binary
// (Natural Earth via world-atlas, public domain): no map tiles, works offline.
import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { echarts, makeChart, tip } from '../chart.js';
import { t, catLabel, fmtInt, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

let registered = false;

export async function render(main) {
  const [mp, sel] = await Promise.all([api('/api/map'), api('/api/sellers')]);
  if (!registered) {
    const geo = await (await fetch('/vendor/world-atlas/nordic-50m.geo.json')).json();
    echarts.registerMap('nordic', geo);
    registered = true;
  }
  const located = mp.points.map((p) => ({ lon: p[0], lat: p[1], category: p[2], customer_id: p[3], name: p[4] }));
  const el = h('div', { class: 'chart map', id: 'map' });
  mount(main, h('h1', null, t('map_title')),
    h('p', { class: 'muted', id: 'map-count' }, t('located', fmtInt(mp.located), fmtInt(mp.total))),
    h('div', { class: 'card' }, el));
  const chart = makeChart(el);
  chart.setOption({
    animation: false,
    legend: { bottom: 0 },
    tooltip: { trigger: 'item', formatter: (it) => (it.data && it.data.c ? tip(it.data.c.name || it.data.c.customer_id,
      [[t('id'), it.data.c.customer_id], [t('category'), catLabel(it.data.c.category)]])
      : it.data && it.data.s ? tip(it.data.s.name || it.data.s.seller_id, [[t('home'), it.data.s.seller_id]]) : '') },
    geo: { map: 'nordic', roam: true, boundingCoords: [[10.0, 69.3], [24.5, 55.0]], aspectScale: 0.55, top: 10, bottom: 40,
      itemStyle: { areaColor: '#eef1f4', borderColor: '#9aa5b1' }, emphasis: { disabled: true }, silent: true },
    series: [
      ...CATEGORY_CODES.map((code) => ({ name: catLabel(code), type: 'scatter', coordinateSystem: 'geo', symbolSize: 5,
        itemStyle: { color: CATEGORY_COLORS[code] }, large: located.length > 5000,
        data: located.filter((c) => c.category === code).map((c) => ({ value: [c.lon, c.lat], c })) })),
      { name: t('home'), type: 'scatter', coordinateSystem: 'geo', symbol: 'diamond', symbolSize: 12,
        itemStyle: { color: '#1d3557' },
        data: sel.sellers.filter((s) => s.home).map((s) => ({ value: [s.home.lon, s.home.lat], s })) },
    ],
  });
  chart.on('click', (it) => { if (it.data && it.data.c) location.hash = '#/customers/' + encodeURIComponent(it.data.c.customer_id); });
}
