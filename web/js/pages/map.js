// map.js — the Map page: customers as points coloured by category, or (for
// managers and admins) by the responsible person of the coverage plan (GET
// /api/plan/owners), with the sellers' homes, on the Nordic country outlines
// shipped in the binary (Natural Earth via world-atlas, public domain): no
// map tiles, works offline.
import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { echarts, makeChart, tip } from '../chart.js';
import { t, catLabel, fmtInt, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

let registered = false;
let colourBy = 'category';

// Distinct colours for persons: a fixed palette, then hues spaced by the
// golden angle for teams larger than it.
const PALETTE = ['#2a9d8f', '#e76f51', '#457b9d', '#e9c46a', '#9b5de5', '#f15bb5', '#00bbf9',
  '#8ab17d', '#d62828', '#264653', '#f4a261', '#6d597a', '#43aa8b', '#b5838d', '#577590'];
export function personColour(i) {
  return i < PALETTE.length ? PALETTE[i] : 'hsl(' + Math.round((i * 137.508) % 360) + ',60%,45%)';
}

export async function render(main, ctx) {
  const staff = ctx.me && (ctx.me.role === 'manager' || ctx.me.role === 'admin');
  const [mp, sel] = await Promise.all([api('/api/map'), api('/api/sellers')]);
  if (!registered) {
    const geo = await (await fetch('/vendor/world-atlas/nordic-50m.geo.json')).json();
    echarts.registerMap('nordic', geo);
    registered = true;
  }
  const located = mp.points.map((p) => ({ lon: p[0], lat: p[1], category: p[2], customer_id: p[3], name: p[4] }));
  const names = new Map(located.map((c) => [c.customer_id, c.name]));
  const el = h('div', { class: 'chart map', id: 'map' });
  const msg = h('p', { class: 'muted', id: 'map-msg', role: 'status' });
  const choose = staff ? h('label', { class: 'check' }, t('map_colour') + ' ',
    h('select', { id: 'map-colour', onchange: (e) => { colourBy = e.target.value; draw(); } },
      h('option', { value: 'category', selected: colourBy === 'category' }, t('map_by_category')),
      h('option', { value: 'person', selected: colourBy === 'person' }, t('map_by_person')))) : null;
  mount(main, h('h1', null, t('map_title')),
    h('p', { class: 'muted', id: 'map-count' }, t('located', fmtInt(mp.located), fmtInt(mp.total))),
    choose ? h('div', { class: 'filters' }, choose) : null, msg,
    h('div', { class: 'card' }, el));
  const chart = makeChart(el);
  const homes = {
    name: t('home'), type: 'scatter', coordinateSystem: 'geo', symbol: 'diamond', symbolSize: 12,
    itemStyle: { color: '#1d3557' },
    data: sel.sellers.filter((s) => s.home).map((s) => ({ value: [s.home.lon, s.home.lat], s })),
  };
  const base = {
    animation: false,
    legend: { bottom: 0, type: 'scroll' },
    tooltip: { trigger: 'item', formatter: (it) => (it.data && it.data.c ? tip(it.data.c.name || it.data.c.customer_id,
      [[t('id'), it.data.c.customer_id], it.data.c.category ? [t('category'), catLabel(it.data.c.category)] : [t('to_seller'), it.data.c.person]])
      : it.data && it.data.s ? tip(it.data.s.name || it.data.s.seller_id, [[t('home'), it.data.s.seller_id]]) : '') },
    geo: { map: 'nordic', roam: true, boundingCoords: [[10.0, 69.3], [24.5, 55.0]], aspectScale: 0.55, top: 10, bottom: 40,
      itemStyle: { areaColor: '#eef1f4', borderColor: '#9aa5b1' }, emphasis: { disabled: true }, silent: true },
  };
  let owners = null;
  async function draw() {
    if (colourBy === 'category') {
      chart.setOption({ ...base, series: [
        ...CATEGORY_CODES.map((code) => ({ name: catLabel(code), type: 'scatter', coordinateSystem: 'geo', symbolSize: 5,
          itemStyle: { color: CATEGORY_COLORS[code] }, large: located.length > 5000,
          data: located.filter((c) => c.category === code).map((c) => ({ value: [c.lon, c.lat], c })) })),
        homes] }, { notMerge: true });
      return;
    }
    if (!owners) {
      msg.textContent = t('week_planning');
      try { owners = await api('/api/plan/owners'); } catch (e) { msg.textContent = t('error', e.message); return; }
      msg.textContent = '';
    }
    const by = owners.sellers.map(() => []);
    for (const p of owners.points) by[p[2]].push({ value: [p[0], p[1]],
      c: { customer_id: p[3], name: names.get(p[3]) || p[3], person: owners.sellers[p[2]].seller_id } });
    chart.setOption({ ...base, series: [
      ...owners.sellers.map((s, i) => ({ name: s.seller_id + (s.name ? ' · ' + s.name : ''), type: 'scatter', coordinateSystem: 'geo',
        symbolSize: 5, itemStyle: { color: personColour(i) }, large: by[i].length > 5000, data: by[i] })).filter((x) => x.data.length),
      homes] }, { notMerge: true });
  }
  await draw();
  chart.on('click', (it) => { if (it.data && it.data.c) location.hash = '#/customers/' + encodeURIComponent(it.data.c.customer_id); });
}
