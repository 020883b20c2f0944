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

// A table from column specs [{label, value: row => text|Node, num: bool, sort: key,
// wide: true (shown on wide screens only, not on a phone)}] and rows.
// A sortable column's heading is a button (keyboard: Tab, Enter or Space)
// and says its order to screen readers (aria-sort).
export function table(cols, rows, opts = {}) {
  const head = h('tr', null, cols.map((c) => {
    const sorted = c.sort && opts.onSort && opts.sort === c.sort;
    const th = h('th', { class: (c.num ? 'num' : '') + (c.wide ? ' wide-only' : '') + (sorted ? (opts.desc ? ' desc' : ' asc') : '') || null, scope: 'col',
      'aria-sort': sorted ? (opts.desc ? 'descending' : 'ascending') : null });
    if (c.sort && opts.onSort) {
      th.classList.add('sortable');
      th.appendChild(h('button', { type: 'button', class: 'sort', 'data-sort': c.sort, onclick: () => opts.onSort(c.sort) }, c.label));
    } else {
      append(th, [c.label]);
    }
    return th;
  }));
  const body = rows.map((r) => h('tr', opts.rowAttrs ? opts.rowAttrs(r) : null,
    cols.map((c) => h('td', { class: (c.num ? 'num' : '') + (c.wide ? ' wide-only' : '') || null }, c.value(r)))));
  return h('table', { class: 'grid ' + (opts.class || ''), id: opts.id || null },
    opts.caption ? h('caption', { class: 'sr-only' }, opts.caption) : null,
    h('thead', null, head), h('tbody', null, body));
}

// A pager: "1–100 of 1 234" between Previous and Next buttons, in a nav
// named for screen readers. onPage(offset) is called with the new offset.
export function pager({ offset, limit, total, onPage, id, label, t, fmtInt }) {
  const from = total ? offset + 1 : 0, to = Math.min(offset + limit, total);
  return h('nav', { class: 'pager', 'aria-label': label },
    h('button', { type: 'button', disabled: offset === 0, 'data-page': 'prev', onclick: () => onPage(Math.max(0, offset - limit)) }, t('prev')),
    h('span', { id, 'aria-live': 'polite' }, t('per_page', fmtInt(from), fmtInt(to), fmtInt(total))),
    h('button', { type: 'button', disabled: to >= total, 'data-page': 'next', onclick: () => onPage(offset + limit) }, t('next')));
}

// A labelled form control for filter rows: <label for=id>text</label> + control.
export function field(labelText, control, cls) {
  return h('div', { class: 'field' + (cls ? ' ' + cls : '') }, h('label', { for: control.id }, labelText), control);
}

// Boxes that scroll sideways (a wide table or chart on a phone) take the
// keyboard focus while they scroll, so the arrow keys can scroll them
// (WCAG 2.1.1); others stay out of the Tab order. Watches root for changes.
export function keepScrollablesFocusable(root) {
  const fix = () => {
    for (const el of root.querySelectorAll('.card, .table-wrap, .scroll-x')) {
      const scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute('tabindex')) {
        el.tabIndex = 0;
        el.dataset.scrollFocus = '1';
      } else if (!scrolls && el.dataset.scrollFocus) {
        el.removeAttribute('tabindex');
        delete el.dataset.scrollFocus;
      }
    }
  };
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fix(); });
  };
  new MutationObserver(schedule).observe(root, { childList: true, subtree: true });
  window.addEventListener('resize', schedule);
  schedule();
}
