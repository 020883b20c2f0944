// api.js — calls to the fokus JSON API. Keeps the CSRF token of the session
// (from login or GET /api/me) and sends it in X-CSRF-Token on every call that
// changes something. A 401 sends the user back to the login page. A GET the
// server is too busy for (503 with Retry-After) is tried again, up to 3
// times, after the wait it asks for.

let csrf = null;
let onUnauthorized = () => {};

export function setCsrf(token) { csrf = token; }
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export class ApiError extends Error {
  constructor(status, message, retryAfter, data) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
    this.data = data;
  }
}

export async function api(path, { method = 'GET', body, raw, contentType } = {}) {
  const headers = {};
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (raw !== undefined) {
    headers['Content-Type'] = contentType || 'application/octet-stream';
    payload = raw;
  }
  let res;
  for (let tries = 0; ; tries++) {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
    const wait = Number(res.headers.get('Retry-After')) || 0;
    if (res.status !== 503 || method !== 'GET' || tries >= 3 || wait <= 0 || wait > 10) break;
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
  let data = null;
  const text = await res.text();
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) {
    const msg = (data && data.error) || res.statusText;
    if (res.status === 401 && path !== '/api/login') onUnauthorized();
    throw new ApiError(res.status, msg, Number(res.headers.get('Retry-After')) || 0, data);
  }
  return data;
}

// Query string from an object, skipping empty values.
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}

// POST of a file as the raw body with upload progress (fetch cannot report
// it): onProgress(loaded, total) while the bytes go; then resolves with the
// answer as api() does (an ApiError with .data for an error status).
export function upload(path, file, onProgress, onSent) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', path);
    if (csrf) x.setRequestHeader('X-CSRF-Token', csrf);
    x.setRequestHeader('Content-Type', 'application/octet-stream');
    x.upload.onprogress = (e) => { if (onProgress) onProgress(e.loaded, e.lengthComputable ? e.total : file.size); };
    x.upload.onload = () => { if (onSent) onSent(); };
    x.onerror = () => reject(new ApiError(0, 'the connection failed', 0, null));
    x.onload = () => {
      let data = null;
      try { data = x.responseText ? JSON.parse(x.responseText) : null; } catch { data = null; }
      if (x.status >= 200 && x.status < 300) return resolve(data);
      if (x.status === 401) onUnauthorized();
      reject(new ApiError(x.status, (data && data.error) || x.statusText, 0, data));
    };
    x.send(file);
  });
}
