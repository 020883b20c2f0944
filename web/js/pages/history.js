// history.js — the History page: every categorization (snapshot) with its
// method, thresholds and counts, and the migration table between two of
// them: how many customers moved from each category to each other one,
// plus customers new and gone.
import { h, mount, table } from '../dom.js';
import { api, qs } from '../api.js';
import { t, catLabel, fmtMoney, fmtInt, fmtDate, CATEGORY_CODES } from '../i18n.js';

export async function render(main, ctx, arg, sel = {}) {
  const d = await api('/api/history' + qs(sel));
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
  ], snaps.slice().reverse(), { class: 'snapshots' });
  const m = d.migration;
  const pick = (id, value) => h('select', { id, onchange: () => {
    render(main, ctx, arg, { from: document.getElementById('mig-from').value, to: document.getElementById('mig-to').value });
  } }, snaps.map((s) => h('option', { value: s.snapshot, selected: String(s.snapshot) === String(value) }, String(s.snapshot) + ' · ' + fmtDate(s.as_of))));
  let mig = h('p', { class: 'muted' }, t('migration_need_two'));
  if (m) {
    const rows = CATEGORY_CODES.map((from) => ({ from }));
    const cols = [
      { label: t('from_to'), value: (r) => h('span', { class: 'cat cat-' + r.from }, r.from) },
      ...CATEGORY_CODES.map((to) => ({ label: to, num: true, value: (r) => {
        const n = m.moves[r.from][to];
        return h('span', { class: r.from === to ? 'stay' : n ? 'move' : 'zero', id: 'mig-' + r.from + '-' + to }, fmtInt(n));
      } })),
      { label: t('gone'), num: true, value: (r) => fmtInt(m.gone[r.from]) },
    ];
    const newRow = h('p', { class: 'muted', id: 'mig-new' }, t('new_customers') + ': ' +
      CATEGORY_CODES.map((c) => c + ' ' + fmtInt(m.new[c])).join(', '));
    mig = [h('div', { class: 'filters' }, h('label', { for: 'mig-from' }, t('from')), pick('mig-from', m.from),
      h('label', { for: 'mig-to' }, t('to')), pick('mig-to', m.to)),
    table(cols, rows, { class: 'migration' }), newRow, h('p', { class: 'hint' }, t('migration_hint'))];
  }
  mount(main, h('h1', null, t('history')),
    h('div', { class: 'card' }, h('h2', null, t('migration')), mig),
    h('div', { class: 'card' }, h('h2', null, t('snapshots')), list));
}
