// fname.js — the file-name form of an id, as the server names the files it
// serves (src/util/fname.h: every byte of the id's UTF-8 but A-Z a-z 0-9
// . _ - becomes '_', a leading '.' becomes '_', an empty id is "_"). So
// "Åsa" is "__sa" and ".x" is "_x". tests/web/fname.test.mjs and
// tests/unit/test-util.c check both sides on the same cases.
export function fileSafe(id) {
  let s = '';
  for (const b of new TextEncoder().encode(String(id ?? ''))) {
    const c = String.fromCharCode(b);
    s += /[A-Za-z0-9._-]/.test(c) ? c : '_';
  }
  s = s || '_';
  return s[0] === '.' ? '_' + s.slice(1) : s;
}
