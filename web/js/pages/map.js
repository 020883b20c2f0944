// map.js — the Map page: customers as points and the sellers' homes
// (diamonds) on the Nordic outlines shipped in the binary (Natural Earth via
// world-atlas, public domain): no tiles, works offline. It opens fitted to
// the customers shown; filters by category and seller refit it. With many
// customers only those in view are drawn, and at most DRAW_MAX of them
// (every k-th, said on the page) so that panning and zooming stay fluid;
// zooming in shows each one.
//
// Points are grouped and coloured by a mode (MODES): by category, or (for
// managers and admins) by the responsible person of the coverage plan (GET
// /api/plan/owners, fetched when first chosen) — the drawing, sampling and
// fitting below are the same for both.
import { h, mount, field } from '../dom.js';
import { api } from '../api.js';
import { echarts, makeChart, tip } from '../chart.js';
import { t, catLabel, fmtInt, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

const DRAW_MAX = 15000; // points drawn at once
const HOME = '#1d3557';

// Distinct colours for persons: a fixed palette, then hues spaced by the
// golden angle for teams larger than it.
const PALETTE = ['#2a9d8f', '#e76f51', '#457b9d', '#e9c46a', '#9b5de5', '#f15bb5', '#00bbf9',
  '#8ab17d', '#d62828', '#264653', '#f4a261', '#6d597a', '#43aa8b', '#b5838d', '#577590'];
export function personColour(i) {
  return i < PALETTE.length ? PALETTE[i] : 'hsl(' + Math.round((i * 137.508) % 360) + ',60%,45%)';
}

const MODES = {
  category: () => ({
    groups: CATEGORY_CODES,
    of: (p) => p.category,
    label: (g) => catLabel(g),
    color: (g) => CATEGORY_COLORS[g],
  }),
  // owners: { sellers: [{seller_id, name}], by: Map customer_id -> index }
  person: (owners) => ({
    groups: owners.sellers.map((_, i) => i),
    of: (p) => owners.by.get(p.customer_id),
    label: (i) => owners.sellers[i].seller_id + (owners.sellers[i].name ? ' · ' + owners.sellers[i].name : ''),
    color: (i) => personColour(i),
  }),
};

let registered = false;

// The bounding box of the points, padded; null when empty. All of them fit,
// unless a few strays (a wrong coordinate) would make the box more than
// three times the box of the 2nd to 98th percentiles: then that one.
export function fitBox(points) {
  if (!points.length) return null;
  const q = (arr, f) => arr[Math.min(arr.length - 1, Math.max(0, Math.round(f * (arr.length - 1))))];
  const lons = points.map((p) => p.lon).sort((a, b) => a - b);
  const lats = points.map((p) => p.lat).sort((a, b) => a - b);
  let [w, e, s, n] = [lons[0], lons[lons.length - 1], lats[0], lats[lats.length - 1]];
  if (points.length >= 50) {
    const [w2, e2, s2, n2] = [q(lons, 0.02), q(lons, 0.98), q(lats, 0.02), q(lats, 0.98)];
    if (e - w > 3 * Math.max(e2 - w2, 0.5) || n - s > 3 * Math.max(n2 - s2, 0.25)) [w, e, s, n] = [w2, e2, s2, n2];
  }
  const padLon = Math.max((e - w) * 0.06, 0.15), padLat = Math.max((n - s) * 0.06, 0.08);
  return [[w - padLon, n + padLat], [e + padLon, s - padLat]];
}

// Every k-th point so that at most max are left; k = 1 when they fit.
export function sample(points, max) {
  if (points.length <= max) return { shown: points, step: 1 };
  const step = Math.ceil(points.length / max);
  const shown = [];
  for (let i = 0; i < points.length; i += step) shown.push(points[i]);
  return { shown, step };
}

export async function render(main, ctx) {
  const [mp, sel] = await Promise.all([api('/api/map'), api('/api/sellers')]);
  if (!registered) {
    const geo = await (await fetch('/vendor/world-atlas/nordic-50m.geo.json')).json();
    echarts.registerMap('nordic', geo);
    registered = true;
  }
  const all = mp.points.map((p) => ({ lon: p[0], lat: p[1], category: p[2], customer_id: p[3], name: p[4], seller_id: p[5] }));
  const state = { mode: 'category', hidden: new Set(), seller: '' };
  const el = h('div', { class: 'chart map', id: 'map', role: 'img', 'aria-label': t('map_title') });
  const note = h('p', { class: 'muted', id: 'map-sampled', 'aria-live': 'polite' });
  const cats = h('fieldset', { class: 'checks', id: 'map-categories' }, h('legend', null, t('categories')),
    CATEGORY_CODES.map((c) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', checked: true, value: c, id: 'map-cat-' + c, onchange: (e) => {
        if (e.target.checked) state.hidden.delete(c); else state.hidden.add(c);
        refit();
      } }), h('span', { class: 'swatch swatch-' + c, 'aria-hidden': 'true' }), catLabel(c))));
  const sellerSel = ctx.me.role === 'seller' ? null : h('select', { id: 'map-seller', onchange: (e) => { state.seller = e.target.value; refit(); } },
    h('option', { value: '' }, t('all')),
    sel.sellers.map((s) => h('option', { value: s.seller_id }, s.seller_id + (s.name ? ' · ' + s.name : ''))));
  const staff = ctx.me.role === 'manager' || ctx.me.role === 'admin';
  let owners = null; // the plan's persons, fetched when first chosen
  const colourSel = staff ? h('select', { id: 'map-colour', onchange: (e) => setMode(e.target.value) },
    h('option', { value: 'category' }, t('map_by_category')),
    h('option', { value: 'person' }, t('map_by_person'))) : null;
  mount(main, h('h1', null, t('map_title')),
    h('p', { class: 'muted', id: 'map-count' }, t('located', fmtInt(mp.located), fmtInt(mp.total)) +
      (mp.sampled ? ' ' + t('map_server_sampled') : '')),
    h('div', { class: 'filters' }, cats, sellerSel ? field(t('seller'), sellerSel) : null,
      colourSel ? field(t('map_colour'), colourSel) : null),
    h('div', { class: 'card' }, el, note, h('p', { class: 'hint' }, t('map_hint'))));

  const chart = makeChart(el);
  const mode = () => MODES[state.mode](owners);
  const filtered = () => all.filter((p) => !state.hidden.has(p.category) && (!state.seller || p.seller_id === state.seller));
  const homes = () => sel.sellers.filter((s) => s.home && (!state.seller || s.seller_id === state.seller));
  let pts = filtered();

  chart.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (it) => (it.data && it.data.c ? tip(it.data.c.name || it.data.c.customer_id,
      [[t('id'), it.data.c.customer_id], [t('category'), catLabel(it.data.c.category)], [t('seller'), it.data.c.seller_id || '—']])
      : it.data && it.data.s ? tip(it.data.s.name || it.data.s.seller_id, [[t('home'), it.data.s.seller_id]]) : '') },
    legend: { bottom: 0, selectedMode: false, type: 'scroll' },
    geo: { map: 'nordic', roam: true, boundingCoords: fitBox(pts) || [[10.0, 69.3], [24.5, 55.0]], aspectScale: 0.55,
      top: 10, bottom: 40, scaleLimit: { min: 0.5, max: 400 },
      itemStyle: { areaColor: '#eef1f4', borderColor: '#9aa5b1' }, emphasis: { disabled: true }, silent: true },
    series: [],
  });

  // The points in view (all of them when the view is unknown), sampled.
  function inView(points) {
    const w = chart.getWidth(), hgt = chart.getHeight();
    const a = chart.convertFromPixel({ geoIndex: 0 }, [0, 0]), b = chart.convertFromPixel({ geoIndex: 0 }, [w, hgt]);
    if (!a || !b || a.some((v) => !Number.isFinite(v)) || b.some((v) => !Number.isFinite(v))) return points;
    const [w0, e0] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])], [s0, n0] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    return points.filter((p) => p.lon >= w0 && p.lon <= e0 && p.lat >= s0 && p.lat <= n0);
  }

  function draw() {
    if (chart.isDisposed()) return;
    const m = mode();
    const view = inView(pts);
    const { shown, step } = sample(view, DRAW_MAX);
    const large = shown.length > 3000;
    chart.setOption({
      series: [
        ...m.groups.map((g) => ({ id: 'g-' + g, name: m.label(g), type: 'scatter', coordinateSystem: 'geo', symbolSize: large ? 4 : 6,
          itemStyle: { color: m.color(g), opacity: 0.85 }, large, largeThreshold: 3000,
          data: shown.filter((p) => m.of(p) === g).map((p) => ({ value: [p.lon, p.lat], c: p })) })),
        { id: 'homes', name: t('home'), type: 'scatter', coordinateSystem: 'geo', symbol: 'diamond', symbolSize: 12, z: 5,
          itemStyle: { color: HOME, borderColor: '#fff', borderWidth: 1 },
          data: homes().map((s) => ({ value: [s.home.lon, s.home.lat], s })) },
      ],
    }, { replaceMerge: ['series'] });
    el.dataset.mode = state.mode;
    el.dataset.groups = String(new Set(shown.map((p) => m.of(p))).size);
    el.dataset.drawn = String(shown.length);
    el.dataset.inView = String(view.length);
    el.dataset.shown = String(pts.length);
    el.dataset.step = String(step);
    note.textContent = step > 1 ? t('map_sampled', step, fmtInt(view.length)) : t('map_all', fmtInt(view.length));
  }

  async function setMode(m) {
    if (m === 'person' && !owners) {
      note.textContent = t('week_planning');
      try {
        const o = await api('/api/plan/owners');
        owners = { sellers: o.sellers, by: new Map(o.points.map((p) => [p[3], p[2]])) };
      } catch (e) {
        note.textContent = t('error', e.message);
        colourSel.value = 'category';
        return;
      }
    }
    state.mode = m;
    draw();
  }

  function refit() {
    pts = filtered();
    const box = fitBox(pts);
    if (box) chart.setOption({ geo: { boundingCoords: box, zoom: 1, center: null } });
    el.dataset.box = box ? JSON.stringify(box) : '';
    draw();
  }

  let timer = null;
  chart.on('georoam', () => { clearTimeout(timer); timer = setTimeout(draw, 120); });
  chart.on('click', (it) => { if (it.data && it.data.c) location.hash = '#/customers/' + encodeURIComponent(it.data.c.customer_id); });
  el.dataset.box = JSON.stringify(fitBox(pts));
  draw();
}
