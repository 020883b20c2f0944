// customers.js — the Customers page: search, sort, filter by category and
// seller, "N customers match" above the list, 100 per page, the whole
// filtered list as csv or xlsx (GET /api/export/customers, the same filter
// on the server), and the filter, sort and page in the address so a link
// can be shared. From History's flows it lists the customers that moved
// from one category to another between two categorizations (was/now).
import { h, mount, table, pager, field } from '../dom.js';
import { api, qs } from '../api.js';
import { readState, writeState } from '../state.js';
import { t, catLabel, fmtMoney, fmtInt, CATEGORY_CODES } from '../i18n.js';

const PAGE = 100;
const DEFAULTS = { q: '', category: '', seller: '', sort: 'revenue', order: 'desc', offset: '0',
  was: '', was_category: '', now: '', now_category: '' };

export async function render(main, ctx) {
  const st = readState(DEFAULTS);
  const isSeller = ctx.me.role === 'seller';
  const sellers = ctx.sellers || (ctx.sellers = (await api('/api/sellers')).sellers);
  const results = h('div', { id: 'customer-results' });
  const count = h('p', { class: 'count', id: 'cust-match', 'aria-live': 'polite' });
  const downloads = h('div', { class: 'downloads', id: 'cust-downloads' });
  const reset = () => { st.offset = '0'; load(); };
  const q = h('input', { id: 'cust-q', type: 'search', placeholder: t('search'), value: st.q, autocomplete: 'off' });
  let timer = null;
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { st.q = q.value; reset(); }, 200);
  });
  const cat = h('select', { id: 'cust-category', onchange: (e) => { st.category = e.target.value; reset(); } },
    h('option', { value: '' }, t('all')),
    CATEGORY_CODES.map((c) => h('option', { value: c, selected: st.category === c }, catLabel(c))));
  const sel = isSeller ? null : h('select', { id: 'cust-seller', onchange: (e) => { st.seller = e.target.value; reset(); } },
    h('option', { value: '' }, t('all')),
    sellers.map((s) => h('option', { value: s.seller_id, selected: st.seller === s.seller_id }, s.seller_id + (s.name ? ' · ' + s.name : ''))));
  const moved = st.was && st.now ? h('p', { class: 'note', id: 'cust-moved' }, t('moved_filter',
    moveSide(st.was_category), st.was, moveSide(st.now_category), st.now), ' ',
  h('a', { href: '#/customers', onclick: (e) => { e.preventDefault(); for (const k of ['was', 'was_category', 'now', 'now_category']) st[k] = ''; writeState('customers', st, DEFAULTS); render(main, ctx); } }, t('moved_clear'))) : null;
  mount(main, h('h1', null, t('customers')), moved,
    h('div', { class: 'filters' }, field(t('search_label'), q, 'grow'), field(t('category'), cat), sel ? field(t('seller'), sel) : null),
    h('div', { class: 'list-head' }, count, downloads), results);

  const filter = () => ({ q: st.q, category: st.category, seller: isSeller ? '' : st.seller,
    was: st.was, was_category: st.was_category, now: st.now, now_category: st.now_category });

  async function load() {
    writeState('customers', st, DEFAULTS);
    const offset = Math.max(0, Number(st.offset) || 0);
    const desc = st.order !== 'asc';
    const data = await api('/api/customers' + qs({ ...filter(), sort: st.sort, order: desc ? 'desc' : 'asc', limit: PAGE, offset }));
    count.textContent = t(data.total === 1 ? 'customers_match_1' : 'customers_match', fmtInt(data.total));
    count.dataset.total = String(data.total);
    const dl = (fmt) => h('a', { href: '/api/export/customers' + qs({ ...filter(), sort: st.sort, order: desc ? 'desc' : 'asc', format: fmt }),
      download: 'customers.' + fmt, id: 'cust-dl-' + fmt, class: 'button' }, t('download_' + fmt));
    mount(downloads, data.total ? [dl('csv'), dl('xlsx')] : null);
    if (!data.total) { mount(results, h('p', { class: 'muted' }, t('no_match'))); return; }
    const cols = [
      { label: t('id'), sort: 'customer_id', wide: true, value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id) }, r.customer_id) },
      { label: t('name'), sort: 'name', value: (r) => h('a', { href: '#/customers/' + encodeURIComponent(r.customer_id), class: 'cust-name' }, r.name || '—') },
      { label: t('seller'), sort: 'seller_id', value: (r) => r.seller_id || '—' },
      { label: t('category'), sort: 'category', value: (r) => (r.category ? h('span', { class: 'cat cat-' + r.category, title: catLabel(r.category) }, r.category,
        r.category !== r.computed_category ? ' *' : '') : '—') },
      { label: t('revenue'), sort: 'revenue', num: true, value: (r) => fmtMoney(r.revenue) },
      { label: t('potential'), sort: 'potential', num: true, value: (r) => fmtMoney(r.potential) },
      { label: t('city'), wide: true, value: (r) => r.city || '' },
    ];
    const onSort = (key) => {
      if (st.sort === key) st.order = desc ? 'asc' : 'desc';
      else { st.sort = key; st.order = key === 'revenue' || key === 'potential' ? 'desc' : 'asc'; }
      st.offset = '0';
      load();
    };
    mount(results,
      h('div', { class: 'table-wrap' }, table(cols, data.customers, { sort: st.sort, desc, onSort, class: 'customers', caption: t('customers'),
        rowAttrs: (r) => ({ 'data-id': r.customer_id }) })),
      pager({ offset, limit: PAGE, total: data.total, id: 'cust-count', label: t('pages_of', t('customers')), t, fmtInt,
        onPage: (o) => { st.offset = String(o); load().then(() => main.scrollIntoView({ block: 'start' })); } }));
  }
  await load();
}

function moveSide(cat) {
  return cat && cat !== 'none' ? catLabel(cat) : t('not_categorized');
}
