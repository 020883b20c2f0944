// lib.mjs — helpers for the web tests: a fresh workspace with one user per
// role, `build/fokus serve` on a free port (it prints its URL first and
// stops by itself after --exit-after even if a test dies), and fetch
// wrappers that check the security headers on every response.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
export const FOKUS = join(ROOT, 'build/fokus');
export const DATA = process.env.FOKUS_DATA || resolve(ROOT, 'tests/data');
export const ARTIFACTS = join(here, 'artifacts');

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export const USERS = {
  admin: { name: 'ada', role: 'admin', password: 'admin-pass-123' },
  manager: { name: 'mia', role: 'manager', password: 'manager-pass-123' },
  seller: { name: 'sam', role: 'seller', seller: 'S1', password: 'seller-pass-123' },
  service: { name: 'sue', role: 'service', password: 'service-pass-123' },
};

export function fokus(db, args, input) {
  return execFileSync(FOKUS, ['--db', db, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export function addUser(db, u) {
  const args = ['user', 'add', u.name, '--role', u.role, '--password-stdin'];
  if (u.seller) args.push('--seller-id', u.seller);
  fokus(db, args, u.password + '\n');
}

// A workspace in a fresh temp dir with the four users; with fixture, the
// tiny company of fixture.sql loaded through the sqlite3 shell; remove()
// deletes it (the test's after hook, once the server has stopped).
export function makeWorkspace({ fixture = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fokus-web-'));
  const db = join(dir, 'w.db');
  for (const u of Object.values(USERS)) addUser(db, u);
  if (fixture) execFileSync('sqlite3', [db], { input: readFileSync(join(here, 'fixture.sql')) });
  return { dir, db, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// opts: bin (another build of fokus, e.g. build/fokus-tsan), env (added to
// the environment).
export async function startServer(db, extra = [], opts = {}) {
  const proc = spawn(opts.bin || FOKUS, ['--db', db, 'serve', '--port', '0', '--exit-after', '900', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(opts.env || {}) } });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const url = await new Promise((res, rej) => {
    let out = '';
    const t = setTimeout(() => rej(new Error('server did not start: ' + err)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) { clearTimeout(t); res(out.slice(0, nl).trim()); }
    });
    proc.on('exit', (code) => { clearTimeout(t); rej(new Error('server exited ' + code + ': ' + err)); });
  });
  assert.match(url, /^https?:\/\/127\.0\.0\.1:\d+\/$/);
  return {
    url: url.replace(/\/$/, ''),
    proc,
    stderr: () => err,
    stop: () => new Promise((res) => {
      if (proc.exitCode !== null) return res();
      proc.on('exit', () => res());
      proc.kill('SIGTERM');
    }),
  };
}

// Every response must carry these, whatever its status.
export function checkHeaders(res, what) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what + ': nosniff');
  assert.equal(res.headers.get('content-security-policy'), CSP, what + ': CSP');
  assert.equal(res.headers.get('x-frame-options'), 'DENY', what + ': X-Frame-Options');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what + ': Referrer-Policy');
}

// One request; returns {status, headers, text, json}. opts: method, session
// ({cookie, csrf}), csrf (overrides), body (object → JSON), raw (string),
// headers.
export async function call(base, path, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.session) headers.cookie = opts.session.cookie;
  const csrf = 'csrf' in opts ? opts.csrf : opts.session && opts.session.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  let body = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = headers['content-type'] || 'application/json';
  }
  const res = await fetch(base + path, { method: opts.method || 'GET', headers, body, redirect: 'manual' });
  checkHeaders(res, (opts.method || 'GET') + ' ' + path);
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json };
}

export async function login(base, u) {
  const r = await call(base, '/api/login', { method: 'POST', body: { user: u.name, password: u.password } });
  assert.equal(r.status, 200, 'login ' + u.name + ': ' + r.text);
  const sc = r.headers.get('set-cookie');
  const cookie = sc.split(';')[0];
  return { cookie, csrf: r.json.csrf, setCookie: sc, user: r.json };
}
