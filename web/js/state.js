// state.js — a page's state in the address: #/page?key=value&..., so a
// filtered, sorted, paged list is a link that can be shared or bookmarked.
// Writing uses history.replaceState: the address follows the page without a
// reload (no hashchange) and without filling the back button.

// The query of the current address as an object of strings, with defaults.
export function readState(defaults) {
  const q = (location.hash.split('?')[1] || '');
  const p = new URLSearchParams(q);
  const out = { ...defaults };
  for (const k of Object.keys(defaults)) if (p.has(k)) out[k] = p.get(k);
  return out;
}

// The address #/page?... for state, leaving out values equal to the default.
export function stateHash(page, state, defaults) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined || v === null || v === '' || String(v) === String(defaults[k] ?? '')) continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return '#/' + page + (s ? '?' + s : '');
}

export function writeState(page, state, defaults) {
  const hash = stateHash(page, state, defaults);
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
