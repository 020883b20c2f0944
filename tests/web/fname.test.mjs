// fname.test.mjs — covers web/js/fname.js: the dashboard's download links
// name a seller's files exactly as the server does (src/util/fname.c; the
// same cases are in tests/unit/test-util.c). A seller whose id starts with
// '.' or holds non-ASCII letters once got a link to a file that did not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileSafe } from '../../web/js/fname.js';

export const CASES = [
  ['S01', 'S01'],
  ['.x', '_x'],
  ['..', '_.'],
  ['Anna Berg/Syd', 'Anna_Berg_Syd'],
  ['Åsa', '__sa'],
  ['a.b-c_d', 'a.b-c_d'],
  ['', '_'],
  ['=1+2', '_1_2'],
];

test('fileSafe names files as src/util/fname.c does', () => {
  for (const [id, want] of CASES) assert.equal(fileSafe(id), want, id);
  assert.equal(fileSafe(null), '_');
});
