// outbox.js — actions logged on "My day" wait here, in the browser's
// localStorage, until the server has them. Each action carries its own id
// (made when it was logged); the server stores an id once, so sending an
// action again after a lost answer never logs it twice. Actions are sent in
// the order they were made; a network error (or a 5xx, or a login that ran
// out) leaves them for the next try; an answer that says the action itself
// is wrong (400, 404, 409) moves it to `rejected` with the reason.
import { api, ApiError } from './api.js';

function key(user) { return 'fokus.outbox.' + user; }

function read(user) {
  try { return JSON.parse(localStorage.getItem(key(user)) || '{"pending":[],"rejected":[]}'); } catch { return { pending: [], rejected: [] }; }
}

function write(user, box) { localStorage.setItem(key(user), JSON.stringify(box)); }

// A fresh id: 32 hex characters from the browser's random source.
export function newId() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function pending(user) { return read(user).pending; }
export function rejected(user) { return read(user).rejected; }

export function add(user, action) {
  const box = read(user);
  box.pending.push(action);
  write(user, box);
}

export function dropRejected(user) {
  const box = read(user);
  box.rejected = [];
  write(user, box);
}

let flushing = null;

// Sends what is waiting; resolves to {sent, left, error}. One flush at a time.
export function flush(user) {
  if (!flushing) flushing = run(user).finally(() => { flushing = null; });
  return flushing;
}

async function run(user) {
  let sent = 0, error = null;
  for (;;) {
    const box = read(user);
    if (!box.pending.length) break;
    const a = box.pending[0];
    try {
      await api('/api/day/actions', { method: 'POST', body: a });
      sent++;
    } catch (e) {
      const permanent = e instanceof ApiError && [400, 404, 409, 413, 415].includes(e.status);
      if (!permanent) { error = e; break; }
      a.error = e.message;
    }
    const now = read(user);
    const i = now.pending.findIndex((x) => x.id === a.id);
    if (i >= 0) {
      const [done] = now.pending.splice(i, 1);
      if (done && a.error) now.rejected.push(a);
    }
    write(user, now);
  }
  return { sent, left: read(user).pending.length, error };
}
