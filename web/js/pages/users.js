// users.js — the Users page (admin only): list, add, remove; and the audit
// log (GET /api/audit, as `fokus audit` prints it), newest first.
import { h, mount, table, clear, append } from '../dom.js';
import { api, qs } from '../api.js';
import { t, roleLabel, fmtDate } from '../i18n.js';

const AUDIT_LIMIT = 500;

// The audit log card: a "from" date and the latest entries.
function auditCard() {
  const since = h('input', { id: 'audit-since', type: 'date' });
  const note = h('p', { class: 'muted' });
  const body = h('div', { id: 'audit-table' });
  const load = async () => {
    try {
      const d = await api('/api/audit' + qs({ since: since.value, limit: AUDIT_LIMIT }));
      note.textContent = t('audit_note', d.keep_days) + (d.entries.length >= AUDIT_LIMIT ? ' ' + t('audit_latest', AUDIT_LIMIT) : '');
      clear(body);
      append(body, [d.entries.length ? table([
        { label: t('audit_time'), value: (r) => r.at.replace('T', ' ').replace('Z', '') },
        { label: t('audit_actor'), value: (r) => r.actor },
        { label: t('audit_address'), value: (r) => r.address },
        { label: t('audit_action'), value: (r) => r.action },
        { label: t('audit_detail'), value: (r) => r.detail },
      ], d.entries.slice().reverse(), { class: 'audit' }) : h('p', { class: 'muted' }, t('audit_none'))]);
    } catch (e) {
      note.textContent = t('error', e.message);
    }
  };
  const form = h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); load(); } },
    h('label', { for: 'audit-since' }, t('audit_since')), since,
    h('button', { type: 'submit' }, t('audit_show')));
  load();
  return h('div', { class: 'card', id: 'audit' }, h('h2', null, t('audit_log')), note, form, body);
}

export async function render(main, ctx) {
  const d = await api('/api/users');
  const msg = h('p', { class: 'muted', id: 'user-msg', role: 'status' });
  const tbl = table([
    { label: t('name'), value: (r) => r.name },
    { label: t('role'), value: (r) => roleLabel(r.role) },
    { label: t('seller_id'), value: (r) => r.seller_id || '' },
    { label: t('created'), value: (r) => fmtDate(r.created_at) },
    { label: '', value: (r) => (r.name === ctx.me.user ? '' : h('button', { type: 'button', class: 'link', onclick: async () => {
      try { await api('/api/users/' + encodeURIComponent(r.name), { method: 'DELETE' }); await render(main, ctx); } catch (e) { msg.textContent = t('error', e.message); }
    } }, t('remove'))) },
  ], d.users, { class: 'users' });
  const name = h('input', { id: 'nu-name', required: true });
  const pw = h('input', { id: 'nu-password', type: 'password', minlength: 8, required: true, autocomplete: 'new-password' });
  const role = h('select', { id: 'nu-role' }, ['manager', 'seller', 'service', 'admin'].map((r) => h('option', { value: r }, roleLabel(r))));
  const sid = h('input', { id: 'nu-seller' });
  const form = h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/api/users', { method: 'POST', body: { name: name.value, password: pw.value, role: role.value, seller_id: sid.value || null } });
      await render(main, ctx);
    } catch (err) { msg.textContent = t('error', err.message); }
  } },
  h('label', { for: 'nu-name' }, t('name')), name, h('label', { for: 'nu-password' }, t('password')), pw,
  h('label', { for: 'nu-role' }, t('role')), role, h('label', { for: 'nu-seller' }, t('seller_id')), sid,
  h('button', { type: 'submit', class: 'primary' }, t('add_user')));
  mount(main, h('h1', null, t('users')), h('div', { class: 'card' }, tbl), h('div', { class: 'card' }, h('h2', null, t('add_user')), form, msg),
    auditCard());
}
