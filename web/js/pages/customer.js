// customer.js — one customer: details, revenue per month, the contact
// timeline, category history, and (managers, admins) pinning a category
// with a reason.
import { h, mount, table } from '../dom.js';
import { api } from '../api.js';
import { makeChart, tip } from '../chart.js';
import { t, catLabel, typeLabel, fmtMoney, fmtInt, fmtNum, fmtDate, fmtMonth, CATEGORY_CODES, CATEGORY_COLORS } from '../i18n.js';

export async function render(main, ctx, id) {
  const d = await api('/api/customers/' + encodeURIComponent(id));
  const c = d.customer;
  const field = (k, v) => [h('dt', null, t(k)), h('dd', null, v === null || v === undefined || v === '' ? '—' : v)];
  const details = h('dl', { class: 'details' },
    field('id', c.customer_id), field('seller', c.seller_id), field('city', [c.postal_code, c.city].filter(Boolean).join(' ')),
    field('industry', c.industry), field('phone', c.phone), field('email', c.email),
    field('revenue', fmtMoney(c.revenue)), field('potential', fmtMoney(c.potential)),
    field('potential_source', c.potential_source), field('orders', fmtInt(c.orders)),
    field('computed_category', c.computed_category ? catLabel(c.computed_category) : null));
  const badge = c.category ? h('span', { class: 'cat big cat-' + c.category, id: 'cust-category' }, catLabel(c.category)) : null;
  const pinned = c.override_reason ? h('p', { class: 'note', id: 'cust-override' }, t('override_note', c.override_reason)) : null;
  const chartEl = h('div', { class: 'chart small', id: 'monthly' });
  const contacts = d.contacts.length ? table([
    { label: t('date'), value: (r) => fmtDate(r.date) },
    { label: t('time'), value: (r) => r.time || '' },
    { label: t('type'), value: (r) => typeLabel(r.type) },
    { label: t('seller'), value: (r) => r.seller_id || '—' },
    { label: t('duration'), num: true, value: (r) => (r.duration_min === null ? '' : fmtNum(r.duration_min, 0)) },
  ], d.contacts, { class: 'contacts' }) : h('p', { class: 'muted' }, t('no_contacts'));
  const hist = table([
    { label: t('snapshot'), value: (r) => String(r.snapshot_id) },
    { label: t('col_as_of'), value: (r) => fmtDate(r.as_of) },
    { label: t('category'), value: (r) => h('span', { class: 'cat cat-' + r.category }, r.category) },
    { label: t('computed_category'), value: (r) => r.computed_category },
    { label: t('revenue'), num: true, value: (r) => fmtMoney(r.revenue) },
    { label: t('potential'), num: true, value: (r) => fmtMoney(r.potential) },
  ], d.history, { class: 'history' });
  mount(main,
    h('p', null, h('a', { href: '#/customers' }, '← ' + t('customers'))),
    h('h1', { id: 'cust-name' }, c.name || c.customer_id), badge, pinned,
    h('div', { class: 'row' },
      h('div', { class: 'col-side card' }, h('h2', null, t('details')), details),
      h('div', { class: 'col-main card' }, h('h2', null, t('monthly_revenue')), chartEl)),
    // the history has six columns: the wide column, beside the pinning form
    h('div', { class: 'row' },
      h('div', { class: 'col-main card' }, h('h2', null, t('category_history')), hist),
      ['admin', 'manager'].includes(ctx.me.role) ? h('div', { class: 'col-side card' }, overrideForm(c, main, ctx)) : null),
    h('div', { class: 'card' }, h('h2', null, t('contacts')), contacts));
  if (!d.monthly.length) { // an empty chart would show only an axis
    chartEl.replaceWith(h('p', { class: 'muted', id: 'monthly' }, t('no_orders')));
    return;
  }
  const chart = makeChart(chartEl);
  chart.setOption({
    animation: false,
    grid: { left: 90, right: 20, top: 20, bottom: 40 },
    tooltip: { trigger: 'item', formatter: (it) => tip(fmtMonth(it.name), [[t('revenue'), fmtMoney(it.value)]]) },
    xAxis: { type: 'category', data: d.monthly.map((m) => fmtMonth(m.month)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => fmtMoney(v) } },
    series: [{ type: 'bar', data: d.monthly.map((m) => m.revenue), itemStyle: { color: CATEGORY_COLORS[c.category] || '#457b9d' } }],
  });
}

function overrideForm(c, main, ctx) {
  const sel = h('select', { id: 'ovr-category' }, CATEGORY_CODES.map((k) => h('option', { value: k, selected: k === c.category }, catLabel(k))));
  const reason = h('input', { id: 'ovr-reason', maxlength: 1000, required: true });
  const msg = h('p', { class: 'muted', id: 'ovr-msg', role: 'status' });
  return h('form', { class: 'override', id: 'override-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/api/overrides', { method: 'POST', body: { customer_id: c.customer_id, category: sel.value, reason: reason.value } });
      await render(main, ctx, c.customer_id);
      const m = document.getElementById('ovr-msg');
      if (m) m.textContent = t('override_done');
    } catch (err) { msg.textContent = t('error', err.message); }
  } },
  h('h2', null, t('override')),
  h('label', { for: 'ovr-category' }, t('category')), sel,
  h('label', { for: 'ovr-reason' }, t('override_reason')), reason,
  h('button', { type: 'submit', class: 'primary' }, t('override_save')), msg);
}
