// app.js — the dashboard's entry: login, the top bar (pages, language,
// logout), and hash routing (#/overview, #/customers, #/customers/ID, ...;
// a page's own state may follow after '?', see js/state.js).
// Each page module exports render(main, ctx, arg).
import { h, mount, keepScrollablesFocusable } from './js/dom.js';
import { api, setCsrf, setUnauthorizedHandler, ApiError } from './js/api.js';
import { t, lang, setLang, roleLabel } from './js/i18n.js';
import * as overview from './js/pages/overview.js';
import * as customers from './js/pages/customers.js';
import * as customer from './js/pages/customer.js';
import * as sellers from './js/pages/sellers.js';
import * as mapPage from './js/pages/map.js';
import * as users from './js/pages/users.js';
import * as history from './js/pages/history.js';
import * as importPage from './js/pages/import.js';
import * as activity from './js/pages/activity.js';
import * as plan from './js/pages/plan.js';
import * as day from './js/pages/day.js';
import * as adherence from './js/pages/adherence.js';

const PAGES = [
  { id: 'overview', mod: overview, roles: null },
  { id: 'customers', mod: customers, roles: null },
  { id: 'sellers', mod: sellers, roles: null },
  { id: 'day', mod: day, roles: ['admin', 'manager', 'seller'] },
  { id: 'activity', mod: activity, roles: ['admin', 'manager', 'seller'] },
  { id: 'adherence', mod: adherence, roles: ['admin', 'manager', 'seller'] },
  { id: 'plan', mod: plan, roles: ['admin', 'manager'] },
  { id: 'map', mod: mapPage, roles: null },
  { id: 'history', mod: history, roles: ['admin', 'manager'] },
  { id: 'import', mod: importPage, roles: ['admin', 'manager'] },
  { id: 'users', mod: users, roles: ['admin'] },
];

const ctx = { me: null };
const top = document.getElementById('top');
const main = document.getElementById('main');

function visible(p) { return !p.roles || (ctx.me && p.roles.includes(ctx.me.role)); }

function renderLogin(message) {
  ctx.me = null;
  setCsrf(null);
  mount(top, h('div', { class: 'brand' }, 'fokus'), langButton());
  const user = h('input', { id: 'login-user', name: 'user', autocomplete: 'username', required: true });
  const pw = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('p', { class: 'error', id: 'login-error', role: 'alert' }, message || '');
  const form = h('form', { class: 'card login', id: 'login-form', onsubmit: async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      const me = await api('/api/login', { method: 'POST', body: { user: user.value, password: pw.value } });
      ctx.me = me;
      setCsrf(me.csrf);
      renderShell();
    } catch (err) {
      msg.textContent = err instanceof ApiError && err.status === 429 ? t('login_wait', err.retryAfter || 1)
        : err instanceof ApiError && err.status === 401 ? t('login_failed') : t('error', err.message);
    }
  } },
  h('h1', null, t('login')),
  h('label', { for: 'login-user' }, t('user')), user,
  h('label', { for: 'login-password' }, t('password')), pw,
  h('button', { type: 'submit', class: 'primary' }, t('login')), msg);
  mount(main, form);
  user.focus();
}

// "Skip to the content": the first stop of the keyboard, shown when focused.
function skipLink() {
  return h('a', { class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, t('skip'));
}

function langButton() {
  return h('button', { class: 'link', id: 'lang', type: 'button', onclick: () => {
    setLang(lang === 'sv' ? 'en' : 'sv');
    if (ctx.me) renderShell(); else renderLogin();
  } }, t('language'));
}

function renderShell() {
  const here = currentRoute().page;
  const nav = h('nav', { class: 'nav', 'aria-label': t('pages') }, PAGES.filter(visible).map((p) =>
    h('a', { href: '#/' + p.id, class: p.id === here ? 'active' : null, 'aria-current': p.id === here ? 'page' : null, id: 'nav-' + p.id }, t(p.id))));
  const who = h('span', { class: 'who', id: 'who' }, ctx.me.user + ' · ' + roleLabel(ctx.me.role) +
    (ctx.me.seller_id ? ' ' + ctx.me.seller_id : ''));
  const out = h('button', { class: 'link', id: 'logout', type: 'button', onclick: async () => {
    try { await api('/api/logout', { method: 'POST' }); } catch { /* the session may be gone */ }
    location.hash = '';
    renderLogin();
  } }, t('logout'));
  mount(top, skipLink(), h('div', { class: 'brand' }, 'fokus'), nav, h('div', { class: 'spacer' }), who, langButton(), out);
  route();
}

function currentRoute() {
  const parts = (location.hash || '#/overview').replace(/^#\/?/, '').split('?')[0].split('/');
  return { page: parts[0] || 'overview', arg: parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : null };
}

async function route() {
  if (!ctx.me) return;
  const { page, arg } = currentRoute();
  for (const a of top.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.id === 'nav-' + page);
    if (a.id === 'nav-' + page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  let mod = null;
  if (page === 'customers' && arg) mod = customer;
  else {
    const p = PAGES.find((x) => x.id === page && visible(x));
    mod = p ? p.mod : overview;
  }
  // Each visit renders into a fresh view: a slow page still loading when
  // the user moves on writes into its own view, no longer on the screen.
  const view = h('div', { class: 'view' }, h('p', { class: 'muted' }, t('loading')));
  mount(main, view);
  document.title = 'fokus · ' + t(page === 'customers' && arg ? 'customer' : page);
  try {
    await mod.render(view, ctx, arg);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    mount(view, h('p', { class: 'error' }, err instanceof ApiError && err.status === 404 ? t('not_found') : t('error', err.message)));
  }
}

setUnauthorizedHandler(() => renderLogin());
keepScrollablesFocusable(main);
window.addEventListener('hashchange', () => route());
setLang(lang);

(async () => {
  try {
    ctx.me = await api('/api/me');
    setCsrf(ctx.me.csrf);
    renderShell();
  } catch {
    renderLogin();
  }
})();
