// dom.js — building the page from data without ever parsing data as HTML.
// h('tag', {attrs}, ...children): strings become text nodes (textContent),
// functions under on* become event listeners; attribute values are set with
// setAttribute, never innerHTML. This is what keeps a customer named
// <script>alert(1)</script> a piece of text.

export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) {
        if (typeof v !== 'function') throw new Error('event handler must be a function');
        el.addEventListener(k.slice(2).toLowerCase(), v);
      } else if (k === 'value') {
        el.value = v;
      } else if (k === 'checked' || k === 'selected' || k === 'disabled') {
        el[k] = !!v;
      } else if (k === 'class') {
        el.className = v;
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, kids);
  return el;
}

export function append(el, kids) {
  for (const k of kids.flat(Infinity)) {
    if (k === null || k === undefined || k === false) continue;
    el.appendChild(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function mount(el, ...kids) {
  clear(el);
  return append(el, kids);
}

// A table from column specs [{label, value: row => text|Node, num: bool, sort: key}] and rows.
export function table(cols, rows, opts = {}) {
  const head = h('tr', null, cols.map((c) => {
    const th = h('th', { class: c.num ? 'num' : null, scope: 'col' }, c.label);
    if (c.sort && opts.onSort) {
      th.classList.add('sortable');
      if (opts.sort === c.sort) th.classList.add(opts.desc ? 'desc' : 'asc');
      th.tabIndex = 0;
      th.addEventListener('click', () => opts.onSort(c.sort));
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter') opts.onSort(c.sort); });
    }
    return th;
  }));
  const body = rows.map((r) => h('tr', opts.rowAttrs ? opts.rowAttrs(r) : null,
    cols.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(r)))));
  return h('table', { class: 'grid ' + (opts.class || '') }, h('thead', null, head), h('tbody', null, body));
}
