// customers.js — the Customers page: search, sort, filter by category and
// seller, paging; each row opens the customer page.
import { h, mount, table } from '../dom.js';
import { api, qs } from '../api.js';
import { t, catLabel, fmtMoney, fmtInt, CATEGORY_CODES } from '../i18n.js';

const PAGE = 100;
const state = { q: '', category: '', seller: '', sort: 'revenue', desc: true, offset: 0 };

export async function render(main, ctx) {
  const sellers = ctx.sellers || (ctx.sellers = (await api('/api/sellers')).sellers);
  const results = h('div', { id: 'customer-results' });
  const q = h('input', { id: 'cust-q', type: 'search', placeholder: t('search'), value: state.q });
  let timer = null;
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = q.value; state.offset = 0; load(); }, 200);
  });
  const cat = h('select', { id: 'cust-category', onchange: (e) => { state.category = e.target.value; state.offset = 0; load(); } },
    h('option', { value: '' }, t('category') + ': ' + t('all')),
    CATEGORY_CODES.map((c) => h('option', { value: c, selected: state.category === c }, catLabel(c))));
  const sel = ctx.me.role === 'seller' ? null : h('select', { id: 'cust-seller', onchange: (e) => { state.seller = e.target.value; state.offset = 0; load(); } },
    h('option', { value: '' }, t('seller') + ': ' + t('all')),
    sellers.map((s) => h('option', { value: s.seller_id, selected: state.seller === s.seller_id }, s.seller_id + (s.name ? ' · ' + s.name : ''))));
  mount(main, h('h1', null, t('customers')), h('div', { class: 'filters' }, q, cat, sel), results);

  async function load() {
    const data = await api('/api/customers' + qs({ q: state.q, category: state.category, seller: ctx.me.role === 'seller' ? '' : state.seller,
      sort: state.sort, order: state.desc ? 'desc' : 'asc', limit: PAGE, offset: state.offset }));
    const cols = [
      { label: t('id'), sort: 'customer_id', value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.customer_id) },
      { label: t('name'), sort: 'name', value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id), class: 'cust-name' }, r.name || '—') },
      { label: t('seller'), sort: 'seller_id', value: (r) => r.seller_id || '—' },
      { label: t('category'), sort: 'category', value: (r) => (r.category ? h('span', { class: 'cat cat-' + r.category, title: catLabel(r.category) }, r.category,
        r.category !== r.computed_category ? ' *' : '') : '—') },
      { label: t('revenue'), sort: 'revenue', num: true, value: (r) => fmtMoney(r.revenue) },
      { label: t('potential'), sort: 'potential', num: true, value: (r) => fmtMoney(r.potential) },
      { label: t('city'), value: (r) => r.city || '' },
    ];
    const onSort = (key) => {
      if (state.sort === key) state.desc = !state.desc; else { state.sort = key; state.desc = key === 'revenue' || key === 'potential'; }
      load();
    };
    const from = data.total ? state.offset + 1 : 0, to = Math.min(state.offset + PAGE, data.total);
    mount(results,
      table(cols, data.customers, { sort: state.sort, desc: state.desc, onSort, class: 'customers', rowAttrs: (r) => ({ 'data-id': r.customer_id }) }),
      h('div', { class: 'pager' },
        h('button', { type: 'button', disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); } }, t('prev')),
        h('span', { id: 'cust-count' }, t('per_page', fmtInt(from), fmtInt(to), fmtInt(data.total))),
        h('button', { type: 'button', disabled: to >= data.total, onclick: () => { state.offset += PAGE; load(); } }, t('next'))));
  }
  await load();
}
