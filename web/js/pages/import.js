// import.js — the Import page. Drop a file (or choose one): the server
// reads it without storing anything and tells what it holds from its
// columns (customers, orders, activities, sellers — changeable), what it
// detected (format, encoding, delimiter), each column with the fokus field
// it maps to, the first rows and the rejected rows with their line numbers;
// then Import stores it all-or-nothing with the importer of `fokus import`.
// While a file goes up a bar shows the upload, then the import's own
// progress (rows read, of about how many) until the summary. Nothing is
// shown that is empty.
import { h, mount, table } from '../dom.js';
import { api, qs, upload, ApiError } from '../api.js';
import { t, fmtInt, fmtNum, fmtMoney } from '../i18n.js';

const KINDS = ['customers', 'orders', 'activities', 'sellers'];

function mb(bytes) { return fmtNum(bytes / 1e6, bytes < 1e7 ? 1 : 0) + ' MB'; }

function token() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return [...a].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function render(main) {
  let file = null, busy = false;
  const kind = h('select', { id: 'imp-kind' }, h('option', { value: 'auto' }, t('kind_auto')),
    KINDS.map((k) => h('option', { value: k }, t('kind_' + k))));
  const input = h('input', { id: 'imp-file', type: 'file', accept: '.csv,.txt,.tsv,.xlsx,.xlsm', class: 'file-input' });
  const sheet = h('input', { id: 'imp-sheet' });
  const sheetField = h('div', { class: 'field', hidden: true }, h('label', { for: 'imp-sheet' }, t('import_sheet')), sheet);
  const skip = h('input', { id: 'imp-skip', type: 'checkbox' });
  const replace = h('input', { id: 'imp-replace', type: 'checkbox' });
  const chosen = h('p', { id: 'imp-chosen', class: 'chosen', hidden: true });
  const progressBox = h('div', { id: 'imp-progress', class: 'progress-box', hidden: true });
  const resultCard = h('div', { class: 'card', id: 'imp-result-card', hidden: true });
  const result = h('div', { id: 'imp-result' });
  resultCard.appendChild(result);
  const check = h('button', { type: 'button', id: 'imp-check', hidden: true, onclick: () => send(true) }, t('import_check_again'));
  const drop = h('div', { class: 'drop', id: 'imp-drop' },
    h('p', { class: 'drop-title' }, t('import_drop')),
    h('label', { for: 'imp-file', class: 'button' }, t('import_choose')), input,
    h('p', { class: 'hint' }, t('import_file')));

  function pick(f) {
    if (!f || busy) return;
    file = f;
    resultCard.hidden = true; // the last file's answer goes with it
    mount(result);
    chosen.hidden = false;
    chosen.textContent = t('import_chosen', f.name, mb(f.size));
    sheetField.hidden = !/\.xls[xm]$/i.test(f.name);
    check.hidden = false;
    kind.value = 'auto';
    send(true);
  }
  input.addEventListener('change', () => pick(input.files[0]));
  for (const ev of ['dragenter', 'dragover']) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('over'); });
  for (const ev of ['dragleave', 'drop']) drop.addEventListener(ev, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); if (e.dataTransfer.files.length) pick(e.dataTransfer.files[0]); });
  kind.addEventListener('change', () => { if (file) send(true); });

  // The progress: the upload's bytes, then the server's passes over the file.
  function showProgress(label, value, max, detail) {
    progressBox.hidden = false;
    mount(progressBox,
      h('p', { class: 'progress-label', id: 'imp-progress-label' }, label),
      h('progress', { id: 'imp-bar', max: max || 1, value: max ? Math.min(value, max) : null, 'aria-labelledby': 'imp-progress-label' }),
      h('p', { class: 'muted', id: 'imp-progress-detail', role: 'status' }, detail || ''));
  }

  async function send(dryRun) {
    if (!file || busy) return;
    busy = true;
    check.disabled = true;
    const confirm = document.getElementById('imp-confirm');
    if (confirm) confirm.disabled = true;
    const tok = token();
    let polling = null, d, live = true; // live: this send still shows its progress
    const verb = dryRun ? t('import_checking') : t('import_importing');
    showProgress(t('import_uploading', file.name), 0, file.size, mb(0) + ' / ' + mb(file.size));
    const poll = async () => {
      try {
        const p = await api('/api/import/progress' + qs({ token: tok }));
        if (!live) return; // the answer came while this poll was out
        if (!p.running) { showProgress(verb, 0, 0, ''); return; }
        const frac = p.total ? p.done / p.total : 0;
        const stage = p.pass <= 1 ? t('import_pass_formats') : dryRun ? t('import_pass_reading') : t('import_pass_storing');
        const detail = p.pass <= 1 || p.rows_estimate === null
          ? Math.round(frac * 100) + ' %'
          : t('import_rows_progress', fmtInt(p.rows_done_estimate), fmtInt(p.rows_estimate));
        showProgress(verb + ' — ' + stage, p.done, p.total, detail);
      } catch { /* the answer comes anyway */ }
    };
    try {
      d = await upload('/api/import' + qs({ kind: kind.value, name: file.name, sheet: sheet.value, dry_run: dryRun ? 1 : '',
        skip_bad: skip.checked ? 1 : '', replace: replace.checked ? 1 : '', progress: tok }), file,
      (done, total) => { if (live) showProgress(t('import_uploading', file.name), done, total, mb(done) + ' / ' + mb(total)); },
      () => { if (!live) return; showProgress(verb, 0, 0, ''); poll(); polling = setInterval(poll, 250); });
    } catch (e) {
      live = false;
      if (!(e instanceof ApiError) || !e.data) {
        clearInterval(polling);
        busy = false;
        check.disabled = false;
        showProgress(t('error', e.message), 0, 1, '');
        return;
      }
      d = e.data;
    }
    live = false;
    clearInterval(polling);
    busy = false;
    check.disabled = false;
    progressBox.hidden = true;
    mount(progressBox);
    if (d.kind && kind.value === 'auto') kind.value = d.kind;
    show(d, dryRun);
  }

  function show(d, dryRun) {
    const parts = [];
    const verdict = d.ok ? (dryRun ? t('check_ok', fmtInt(d.rows_read)) : t('imported', fmtInt(d.summary.rows_stored), d.summary.batch_id))
      : d.rows_rejected ? t('check_bad', fmtInt(d.rows_rejected), fmtInt(d.rows_read)) : (d.error || '');
    parts.push(h('p', { class: d.ok ? 'ok' : 'error', id: 'imp-verdict', role: 'status' }, verdict));
    if (d.kind) {
      parts.push(h('p', { id: 'imp-kind-note', 'data-kind': d.kind, 'data-detected': d.kind_detected ? '1' : '0' },
        d.kind_detected ? t('kind_detected', t('kind_' + d.kind)) : t('kind_given', t('kind_' + d.kind))));
    } else if (d.kind_detected === false) {
      parts.push(h('p', { id: 'imp-kind-note', class: 'note' }, t('kind_unknown')));
    }
    if (d.ok && !dryRun) {
      const s = d.summary;
      parts.push(h('dl', { class: 'details', id: 'imp-summary' },
        h('dt', null, t('rows_read')), h('dd', null, fmtInt(d.rows_read)),
        h('dt', null, t('customers_created')), h('dd', null, fmtInt(s.customers_created)),
        h('dt', null, t('customers_updated')), h('dd', null, fmtInt(s.customers_updated)),
        h('dt', null, t('customers_located')), h('dd', null, fmtInt(s.customers_located)),
        d.kind === 'orders' ? [h('dt', null, t('amount_total')), h('dd', null, fmtMoney(s.amount_total))] : null));
    }
    if (d.duplicate_of) parts.push(h('p', { class: 'error' }, t('duplicate', d.duplicate_of)));
    if (dryRun && (d.ok || (skip.checked && d.rows_read > d.rows_rejected)) && !d.duplicate_of) {
      parts.push(h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'primary', id: 'imp-confirm', onclick: () => send(false) },
        t('import_confirm_n', fmtInt(d.rows_read - (skip.checked ? d.rows_rejected : 0)), t('noun_' + d.kind)))));
    }
    if ((d.errors || []).length) {
      parts.push(h('h3', null, t('rejected_rows')), h('ul', { class: 'errors', id: 'imp-errors' },
        d.errors.map((e) => h('li', null, e.text))),
        d.rows_rejected > d.errors.length ? h('p', { class: 'muted' }, '… ' + fmtInt(d.rows_rejected - d.errors.length)) : null);
    }
    if (d.describe) parts.push(h('h3', null, t('detected')), h('pre', { class: 'describe', id: 'imp-describe' }, d.describe));
    if ((d.columns || []).length) {
      parts.push(h('h3', null, t('columns')), h('div', { class: 'table-wrap' }, table([
        { label: t('column_in_file'), value: (c) => c.header },
        { label: t('field'), value: (c) => (c.field ? h('strong', null, c.field) : d.kind === 'customers' ? t('unmapped') : t('unmapped_other')) },
      ], d.columns, { class: 'columns', caption: t('columns'), rowAttrs: (c) => ({ 'data-field': c.field || '' }) })));
    }
    if ((d.preview || []).length) {
      const n = Math.max(...d.preview.map((r) => r.cells.length));
      const cols = [{ label: t('line'), num: true, value: (r) => String(r.line) }];
      for (let i = 0; i < n; i++) cols.push({ label: (d.columns[i] && d.columns[i].header) || String(i + 1), value: (r) => r.cells[i] ?? '' });
      parts.push(h('h3', null, t('first_rows')), h('div', { class: 'table-wrap' },
        table(cols, d.preview, { class: 'preview', caption: t('first_rows'), rowAttrs: (r) => ({ class: r.rejected ? 'rejected' : null }) })));
    }
    resultCard.hidden = false;
    mount(result, parts);
  }

  mount(main, h('h1', null, t('import_title')),
    h('div', { class: 'card' }, drop, chosen, progressBox,
      h('div', { class: 'import-options' },
        h('div', { class: 'field' }, h('label', { for: 'imp-kind' }, t('import_kind')), kind),
        sheetField,
        h('label', { class: 'check' }, skip, ' ', t('import_skip')),
        h('label', { class: 'check' }, replace, ' ', t('import_replace')),
        h('div', { class: 'buttons' }, check))),
    resultCard);
}
