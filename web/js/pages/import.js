// import.js — the Import page: choose what the file holds, check it (the
// server reads it without storing: what it detected, each column with the
// fokus field it maps to, the first rows, the rejected rows with their line
// numbers), then confirm to import it all-or-nothing — the same importer as
// `fokus import`.
import { h, mount, table } from '../dom.js';
import { api, qs, ApiError } from '../api.js';
import { t, fmtInt, fmtMoney } from '../i18n.js';

const KINDS = ['customers', 'orders', 'activities', 'sellers'];

export async function render(main) {
  const kind = h('select', { id: 'imp-kind' }, KINDS.map((k) => h('option', { value: k }, t('kind_' + k))));
  const file = h('input', { id: 'imp-file', type: 'file', accept: '.csv,.txt,.tsv,.xlsx,.xlsm' });
  const sheet = h('input', { id: 'imp-sheet' });
  const skip = h('input', { id: 'imp-skip', type: 'checkbox' });
  const replace = h('input', { id: 'imp-replace', type: 'checkbox' });
  const result = h('div', { id: 'imp-result' });
  const status = h('p', { class: 'muted', id: 'imp-status', role: 'status' });
  const check = h('button', { type: 'button', class: 'primary', id: 'imp-check', onclick: () => send(true) }, t('import_check'));

  async function send(dryRun) {
    const f = file.files[0];
    if (!f) { file.focus(); return; }
    status.textContent = t(dryRun ? 'import_checking' : 'import_importing');
    check.disabled = true;
    let d;
    try {
      d = await api('/api/import' + qs({ kind: kind.value, name: f.name, sheet: sheet.value, dry_run: dryRun ? 1 : '',
        skip_bad: skip.checked ? 1 : '', replace: replace.checked ? 1 : '' }), { method: 'POST', raw: f });
    } catch (e) {
      if (!(e instanceof ApiError) || !e.data) { status.textContent = t('error', e.message); check.disabled = false; return; }
      d = e.data;
    }
    check.disabled = false;
    status.textContent = '';
    show(d, dryRun);
  }

  function show(d, dryRun) {
    const parts = [];
    if (d.error && !d.rows_read && !(d.columns || []).length) parts.push(h('p', { class: 'error', id: 'imp-error' }, d.error));
    if (d.duplicate_of) parts.push(h('p', { class: 'error' }, t('duplicate', d.duplicate_of)));
    if (d.describe) parts.push(h('h3', null, t('detected')), h('pre', { class: 'describe', id: 'imp-describe' }, d.describe));
    if ((d.columns || []).length) {
      parts.push(h('h3', null, t('columns')), table([
        { label: t('column_in_file'), value: (c) => c.header },
        { label: t('field'), value: (c) => (c.field ? h('strong', null, c.field) : d.kind === 'customers' ? t('unmapped') : t('unmapped_other')) },
      ], d.columns, { class: 'columns', rowAttrs: (c) => ({ 'data-field': c.field || '' }) }));
    }
    if ((d.preview || []).length) {
      const n = Math.max(...d.preview.map((r) => r.cells.length));
      const cols = [{ label: t('line'), num: true, value: (r) => String(r.line) }];
      for (let i = 0; i < n; i++) cols.push({ label: (d.columns[i] && d.columns[i].header) || String(i + 1), value: (r) => r.cells[i] ?? '' });
      parts.push(h('h3', null, t('first_rows')), table(cols, d.preview, { class: 'preview', rowAttrs: (r) => ({ class: r.rejected ? 'rejected' : null }) }));
    }
    if ((d.errors || []).length) {
      parts.push(h('h3', null, t('rejected_rows')), h('ul', { class: 'errors', id: 'imp-errors' },
        d.errors.map((e) => h('li', null, e.text))),
        d.rows_rejected > d.errors.length ? h('p', { class: 'muted' }, '… ' + fmtInt(d.rows_rejected - d.errors.length)) : null);
    }
    const verdict = d.ok ? (dryRun ? t('check_ok', fmtInt(d.rows_read)) : t('imported', fmtInt(d.summary.rows_stored), d.summary.batch_id))
      : d.rows_rejected ? t('check_bad', fmtInt(d.rows_rejected), fmtInt(d.rows_read)) : (d.error || '');
    parts.unshift(h('p', { class: d.ok ? 'ok' : 'error', id: 'imp-verdict' }, verdict));
    if (d.ok && !dryRun) {
      const s = d.summary;
      parts.splice(1, 0, h('dl', { class: 'details', id: 'imp-summary' },
        h('dt', null, t('rows_read')), h('dd', null, fmtInt(d.rows_read)),
        h('dt', null, t('customers_created')), h('dd', null, fmtInt(s.customers_created)),
        h('dt', null, t('customers_updated')), h('dd', null, fmtInt(s.customers_updated)),
        h('dt', null, t('customers_located')), h('dd', null, fmtInt(s.customers_located)),
        d.kind === 'orders' ? [h('dt', null, t('amount_total')), h('dd', null, fmtMoney(s.amount_total))] : null));
    }
    if (dryRun && (d.ok || (skip.checked && d.rows_read > d.rows_rejected)) && !d.duplicate_of) {
      parts.push(h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'primary', id: 'imp-confirm', onclick: () => send(false) }, t('import_confirm'))));
    }
    mount(result, parts);
  }

  mount(main, h('h1', null, t('import_title')),
    h('div', { class: 'card' },
      h('label', { for: 'imp-kind' }, t('import_kind')), kind,
      h('label', { for: 'imp-file' }, t('import_file')), file,
      h('label', { for: 'imp-sheet' }, t('import_sheet')), sheet,
      h('label', { class: 'check' }, skip, ' ', t('import_skip')),
      h('label', { class: 'check' }, replace, ' ', t('import_replace')),
      h('div', { class: 'buttons' }, check), status),
    h('div', { class: 'card' }, result));
  file.addEventListener('change', () => mount(result));
  kind.addEventListener('change', () => mount(result));
}
