// day.js — "My day" / "Min dag": a seller's day on the phone (360 px and
// up, no sideways scrolling). Today's visits from the plan and the route
// (on a day without visits, the next working day's), the overdue customers,
// one tap to check in and out at a customer (the phone's clock; a note; the
// outcome: order, meeting booked or nothing), a quick log of a call. Every
// action goes to the outbox (outbox.js) with an id of its own and is sent
// when the network is there; the server stores each id once. The day's list
// is kept in the browser too, so the page still shows it when the network
// drops. Numbers from GET /api/day (app/day.c).
import { h, mount } from '../dom.js';
import { api, qs, ApiError } from '../api.js';
import { t, addStrings, lang, catLabel, fmtDate } from '../i18n.js';
import * as outbox from '../outbox.js';

addStrings({
  day: ['My day', 'Min dag'],
  day_visits: ['Visits', 'Besök'],
  day_next: ['No visits planned today: the visits of {0}.', 'Inga besök planerade i dag: besöken {0}.'],
  day_none: ['No visits are due.', 'Inga besök förfaller.'],
  day_unrouted: ['No home address: the visits in order of priority, without times.',
    'Ingen hemadress: besöken i prioritetsordning, utan tider.'],
  day_overdue: ['Overdue customers', 'Försenade kunder'],
  day_overdue_more: ['and {0} more', 'och {0} till'],
  day_done: ['Logged today', 'Loggat i dag'],
  day_nothing_done: ['Nothing logged yet today.', 'Inget loggat än i dag.'],
  day_log_call: ['Log a call', 'Logga samtal'],
  day_call_anyone: ['A call to another customer', 'Samtal till en annan kund'],
  day_search: ['Name or customer ID', 'Namn eller kund-ID'],
  check_in: ['Check in', 'Checka in'],
  check_out: ['Check out', 'Checka ut'],
  checked_in: ['Checked in {0}', 'Incheckad {0}'],
  checked_in_elsewhere: ['You are checked in at {0}.', 'Du är incheckad hos {0}.'],
  visited: ['Visited', 'Besökt'],
  outcome: ['Outcome', 'Resultat'],
  outcome_order: ['Order', 'Order'],
  outcome_meeting_booked: ['Meeting booked', 'Bokat möte'],
  outcome_nothing: ['Nothing', 'Inget'],
  note: ['Note (optional)', 'Anteckning (valfri)'],
  minutes: ['Minutes', 'Minuter'],
  save_call: ['Save the call', 'Spara samtalet'],
  cancel: ['Cancel', 'Avbryt'],
  kind_visit: ['Visit', 'Besök'],
  kind_call: ['Call', 'Samtal'],
  waiting: ['waiting for the network', 'väntar på nätet'],
  all_sent: ['Everything is sent.', 'Allt är skickat.'],
  n_waiting: ['{0} waiting to be sent.', '{0} väntar på att skickas.'],
  offline: ['No network: {0} waiting, sent when the network is back.', 'Inget nät: {0} väntar och skickas när nätet är tillbaka.'],
  offline_list: ['No network: the list as of {0}.', 'Inget nät: listan från {0}.'],
  rejected_action: ['Not stored: {0} ({1})', 'Sparades inte: {0} ({1})'],
  last_visit: ['Last visit', 'Senaste besök'],
  last_contact: ['Last contact', 'Senaste kontakt'],
  due: ['due', 'förföll'],
  never: ['never', 'aldrig'],
  choose_seller: ['Seller', 'Säljare'],
  adherence: ['Adherence', 'Följsamhet'],
});

const pad = (n) => String(n).padStart(2, '0');
const localDate = (d) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
const localTime = (d) => pad(d.getHours()) + ':' + pad(d.getMinutes());

function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return iso || '';
  const d = new Date(+m[1], +m[2] - 1, +m[3]);
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(d);
}

const store = {
  get(k, dflt) { try { const v = localStorage.getItem(k); return v ? JSON.parse(v) : dflt; } catch { return dflt; } },
  set(k, v) { try { localStorage.setItem(k, JSON.stringify(v)); } catch { /* full or off */ } },
  del(k) { try { localStorage.removeItem(k); } catch { /* off */ } },
};

let timer = null;

export async function render(main, ctx) {
  const user = ctx.me.user;
  const staff = ctx.me.role !== 'seller';
  let seller = staff ? store.get('fokus.day.seller', '') : ctx.me.seller_id;
  let sellers = [];
  let data = null, cachedAt = null, form = null, status = { left: 0, error: null };
  const root = h('div', { class: 'day', id: 'day' });
  const checkKey = 'fokus.checkin.' + user;
  mount(main, root);

  if (staff) {
    try { sellers = (await api('/api/sellers')).sellers; } catch { sellers = []; }
    if (!seller && sellers.length) seller = sellers[0].seller_id;
  }

  async function load() {
    const today = localDate(new Date());
    const cacheKey = 'fokus.daycache.' + user + '.' + (seller || '');
    try {
      data = await api('/api/day' + qs({ date: today, seller: staff ? seller : null }));
      cachedAt = null;
      store.set(cacheKey, { data, at: localTime(new Date()) });
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 0) throw e;
      const c = store.get(cacheKey, null);
      if (!c) throw e;
      data = c.data;
      cachedAt = c.at;
    }
  }

  async function send() {
    status = await outbox.flush(user);
    if (status.sent && !status.error) {
      try { await load(); } catch { /* keep the list */ }
    }
    if (root.isConnected) draw();
  }

  function queue(action) {
    outbox.add(user, action);
    form = null;
    draw();
    send();
  }

  function outcomeField(name) {
    return h('fieldset', { class: 'outcome' }, h('legend', null, t('outcome')),
      ['order', 'meeting_booked', 'nothing'].map((o) => h('label', { class: 'check' },
        h('input', { type: 'radio', name, value: o, checked: o === 'nothing' }), t('outcome_' + o))));
  }

  function picked(el, name) {
    const r = el.querySelector('input[name="' + name + '"]:checked');
    return r ? r.value : 'nothing';
  }

  function checkoutForm(c) {
    const note = h('textarea', { rows: 2, id: 'checkout-note', placeholder: t('note') });
    const f = h('form', { class: 'act-form', id: 'checkout-form', onsubmit: (e) => {
      e.preventDefault();
      const ci = store.get(checkKey, null);
      if (!ci) return;
      const started = new Date(ci.started), now = new Date();
      queue({ id: outbox.newId(), kind: 'visit', customer_id: ci.customer_id, seller_id: staff ? seller : undefined,
        date: localDate(started), start: localTime(started),
        minutes: Math.max(1, Math.round((now - started) / 60000)), outcome: picked(f, 'co-outcome'), note: note.value.trim() || undefined,
        name: ci.name });
      store.del(checkKey);
    } }, outcomeField('co-outcome'), note, h('button', { type: 'submit', class: 'primary', id: 'check-out' }, t('check_out')));
    return f;
  }

  function callForm(c) {
    const mins = h('input', { type: 'number', min: 1, max: 240, value: 5, id: 'call-minutes', inputmode: 'numeric' });
    const note = h('textarea', { rows: 2, id: 'call-note', placeholder: t('note') });
    const f = h('form', { class: 'act-form', id: 'call-form', onsubmit: (e) => {
      e.preventDefault();
      const now = new Date();
      queue({ id: outbox.newId(), kind: 'call', customer_id: c.customer_id, seller_id: staff ? seller : undefined,
        date: localDate(now), start: localTime(now), minutes: Math.max(1, Math.min(240, Number(mins.value) || 5)),
        outcome: picked(f, 'call-outcome'), note: note.value.trim() || undefined, name: c.name });
    } },
    h('label', { for: 'call-minutes' }, t('minutes')), mins, outcomeField('call-outcome'), note,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'save-call' }, t('save_call')),
      h('button', { type: 'button', onclick: () => { form = null; draw(); } }, t('cancel'))));
    return f;
  }

  // The pending and sent visits of today, by customer.
  function visitedToday() {
    const s = new Set();
    for (const a of data.done) if (a.kind === 'visit') s.add(a.customer_id);
    for (const a of outbox.pending(user)) if (a.kind === 'visit' && a.date === data.today) s.add(a.customer_id);
    return s;
  }

  function customerCard(c, when, extra) {
    const ci = store.get(checkKey, null);
    const here = ci && ci.customer_id === c.customer_id;
    const done = (c.done && data.day === data.today) || (data.day === data.today && visitedToday().has(c.customer_id));
    const addr = [c.address, c.city].filter(Boolean).join(', ');
    const acts = [];
    if (here) {
      acts.push(h('p', { class: 'ok', id: 'checked-in' }, t('checked_in', localTime(new Date(ci.started)))), checkoutForm(c));
    } else {
      if (!ci && !done) acts.push(h('button', { type: 'button', class: 'primary check-in', onclick: () => {
        store.set(checkKey, { customer_id: c.customer_id, name: c.name, started: new Date().toISOString() });
        form = null;
        draw();
      } }, t('check_in')));
      acts.push(h('button', { type: 'button', class: 'log-call', onclick: () => { form = c.customer_id; draw(); } }, t('day_log_call')));
    }
    return h('li', { class: 'cust' + (done ? ' done' : '') + (here ? ' here' : ''), 'data-customer': c.customer_id },
      when ? h('div', { class: 'when' }, when) : null,
      h('div', { class: 'what' },
        h('div', { class: 'name' }, c.name || c.customer_id, ' ',
          c.category ? h('span', { class: 'cat cat-' + c.category, title: catLabel(c.category) }, c.category) : null,
          done ? h('span', { class: 'ok visited' }, ' ✓ ' + t('visited')) : null),
        addr ? h('div', { class: 'addr muted' }, addr) : null,
        c.phone ? h('a', { class: 'tel', href: 'tel:' + c.phone.replace(/[^\d+]/g, '') }, c.phone) : null,
        extra ? h('div', { class: 'muted small' }, extra) : null,
        h('div', { class: 'actions' }, acts),
        form === c.customer_id && !here ? callForm(c) : null));
  }

  function statusLine() {
    const left = outbox.pending(user).length;
    const txt = status.error && left ? t('offline', left) : left ? t('n_waiting', left) : t('all_sent');
    return h('p', { class: 'status ' + (left ? 'waiting' : 'ok'), id: 'day-status', role: 'status' }, txt);
  }

  function doneList() {
    const rows = data.done.map((a) => ({ ...a, waiting: false }));
    for (const a of outbox.pending(user)) if (a.date === data.today && !rows.some((r) => r.id === a.id)) rows.push({ ...a, waiting: true });
    if (!rows.length) return h('p', { class: 'muted' }, t('day_nothing_done'));
    return h('ul', { class: 'done-list', id: 'day-done' }, rows.map((a) => h('li', { class: a.waiting ? 'waiting' : null, 'data-id': a.id },
      h('strong', null, (a.start || '') + ' ' + t('kind_' + a.kind)), ' · ', a.name || a.customer_id,
      a.minutes ? ' · ' + a.minutes + ' min' : '', ' · ', t('outcome_' + a.outcome),
      a.note ? h('div', { class: 'muted small' }, a.note) : null,
      a.waiting ? h('span', { class: 'badge' }, t('waiting')) : null)));
  }

  function searchCall() {
    const results = h('ul', { class: 'search-results', id: 'call-results' });
    const input = h('input', { type: 'search', id: 'call-search', placeholder: t('day_search'), autocomplete: 'off', oninput: async () => {
      const q = input.value.trim();
      if (q.length < 2) { mount(results); return; }
      try {
        const r = await api('/api/customers' + qs({ q, limit: 8, seller: staff ? seller : null }));
        mount(results, r.customers.map((c) => h('li', null, h('button', { type: 'button', class: 'link', onclick: () => {
          form = c.customer_id;
          mount(results, customerCard(c, null, null));
        } }, c.name + ' (' + c.customer_id + ')'))));
      } catch { mount(results); }
    } });
    return h('div', { class: 'card' }, h('h2', null, t('day_call_anyone')), input, results);
  }

  function draw() {
    if (!data) return;
    const ci = store.get(checkKey, null);
    const pick = staff ? h('div', { class: 'filters' }, h('label', { for: 'day-seller' }, t('choose_seller')),
      h('select', { id: 'day-seller', onchange: async (e) => { seller = e.target.value; store.set('fokus.day.seller', seller); await load(); draw(); } },
        sellers.map((s) => h('option', { value: s.seller_id, selected: s.seller_id === seller }, s.seller_id + (s.name ? ' · ' + s.name : ''))))) : null;
    const rej = outbox.rejected(user);
    mount(root,
      h('h1', null, t('day')),
      pick,
      h('p', { class: 'muted', id: 'day-date' }, longDate(data.today) + (data.name ? ' · ' + data.name : '')),
      statusLine(),
      cachedAt ? h('p', { class: 'note' }, t('offline_list', cachedAt)) : null,
      rej.length ? h('div', { class: 'note error' }, rej.map((a) => h('div', null, t('rejected_action', a.name || a.customer_id, a.error))),
        h('button', { type: 'button', class: 'link', onclick: () => { outbox.dropRejected(user); draw(); } }, 'OK')) : null,
      ci && !data.visits.concat(data.overdue).some((c) => c.customer_id === ci.customer_id)
        ? h('div', { class: 'card' }, h('p', { class: 'ok' }, t('checked_in_elsewhere', ci.name || ci.customer_id)), checkoutForm({ customer_id: ci.customer_id }))
        : null,
      h('div', { class: 'card' },
        h('h2', null, t('day_visits') + (data.next_day ? '' : ' · ' + longDate(data.day))),
        data.next_day ? h('p', { class: 'note', id: 'day-next' }, t('day_next', longDate(data.day))) : null,
        data.routed ? null : h('p', { class: 'muted' }, t('day_unrouted')),
        data.visits.length ? h('ol', { class: 'day-list', id: 'day-visits' }, data.visits.map((v) => customerCard(v, v.begin,
          v.last_visit ? t('last_visit') + ': ' + fmtDate(v.last_visit) : t('last_visit') + ': ' + t('never'))))
          : h('p', { class: 'muted' }, t('day_none'))),
      h('div', { class: 'card' },
        h('h2', null, t('day_overdue')),
        data.overdue.length ? h('ol', { class: 'day-list', id: 'day-overdue' }, data.overdue.map((c) => customerCard(c, null,
          t('last_contact') + ': ' + (c.last_contact ? fmtDate(c.last_contact) : t('never')) + ' · ' + t('due') + ' ' + fmtDate(c.due))))
          : h('p', { class: 'muted' }, '—'),
        data.overdue_total > data.overdue.length ? h('p', { class: 'muted' }, t('day_overdue_more', data.overdue_total - data.overdue.length)) : null),
      searchCall(),
      h('div', { class: 'card' }, h('h2', null, t('day_done')), doneList()));
  }

  await load();
  status = { left: outbox.pending(user).length, error: null };
  draw();
  send();
  if (timer) clearInterval(timer);
  timer = setInterval(() => {
    if (!root.isConnected) { clearInterval(timer); timer = null; window.removeEventListener('online', onOnline); return; }
    if (outbox.pending(user).length) send();
  }, 15000);
  function onOnline() { if (root.isConnected) send(); }
  window.addEventListener('online', onOnline);
}
