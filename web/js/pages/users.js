// users.js — the Users page (admin only): list, add, remove.
import { h, mount, table } from '../dom.js';
import { api } from '../api.js';
import { t, roleLabel, fmtDate } from '../i18n.js';

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
  mount(main, h('h1', null, t('users')), h('div', { class: 'card' }, tbl), h('div', { class: 'card' }, h('h2', null, t('add_user')), form, msg));
}
