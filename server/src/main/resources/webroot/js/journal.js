// The appeals journal: filters, search by number or phone, paging; refreshed live.
import { api, query } from './api.js';
import { h, clear } from './dom.js';
import { t, dateTime } from './i18n.js';
import { STATUSES, statusBadge, field, table, departmentName, operatorName, period, defaultFrom, day } from './common.js';

const PAGE = 25;
const NUMBER = /^\d{4}-\d{6}$/;

export function journalPage(ctx) {
  const p = ctx.params;
  const f = {
    phone: p.get('phone') || '', status: p.get('status') || '', category: p.get('category') || '',
    department: p.get('department') || '', operator: p.get('operator') || '',
    from: p.get('from') || defaultFrom(30), to: p.get('to') || day(new Date()), offset: Number(p.get('offset') || 0),
  };
  const fresh = new Set();
  let timer = null;

  const search = h('input', { id: 'search', type: 'search', placeholder: t('searchHint'), 'aria-label': t('search') });
  const phone = h('input', { id: 'f-phone', name: 'phone', value: f.phone, inputmode: 'tel' });
  const status = h('select', { id: 'f-status', name: 'status' }, h('option', { value: '' }, t('any')),
    STATUSES.map((s) => h('option', { value: s, selected: s === f.status }, t(`status.${s}`))));
  const category = h('input', { id: 'f-category', name: 'category', value: f.category, list: 'categories' });
  const categories = h('datalist', { id: 'categories' }, (ctx.directory.categories || []).map((c) => h('option', { value: c })));
  const department = h('select', { id: 'f-department', name: 'department' }, h('option', { value: '' }, t('any')),
    ctx.directory.departments.map((d) => h('option', { value: d.id, selected: d.id === f.department }, d.name)));
  const from = h('input', { id: 'f-from', type: 'date', value: f.from });
  const to = h('input', { id: 'f-to', type: 'date', value: f.to });
  const body = h('div', { id: 'journal-body' }, h('p', { class: 'muted' }, '…'));

  const go = (changes) => {
    const next = { ...f, ...changes };
    const params = { ...next, offset: next.offset || '' };
    location.hash = `#/appeals${query(params)}`;
  };

  const filters = h('form', { class: 'filters card', id: 'filters', onsubmit: (e) => {
    e.preventDefault();
    go({ phone: phone.value.trim(), status: status.value, category: category.value.trim(),
      department: department.value, from: from.value, to: to.value, offset: 0 });
  } },
  field(t('phone'), phone), field(t('status'), status), field(t('category'), category), categories,
  field(t('department'), department), field(t('from'), from), field(t('to'), to),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', id: 'apply' }, t('apply')),
    ctx.user.line ? h('button', { type: 'button', class: 'secondary', id: 'mine',
      onclick: () => go({ operator: f.operator ? '' : ctx.user.line, offset: 0 }) },
    f.operator ? `✓ ${t('mine')}` : t('mine')) : null,
    h('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = '#/appeals'; } }, t('reset'))));

  const searchForm = h('form', { class: 'search', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const v = search.value.trim();
    if (NUMBER.test(v)) location.hash = `#/appeals/${v}`;
    else if (v) go({ phone: v, offset: 0 });
  } }, search, h('button', { type: 'submit' }, t('search')));

  clear(ctx.main, h('section', { class: 'journal' },
    h('div', { class: 'page-head' }, h('h1', {}, t('journal')), searchForm), filters, body));

  async function load() {
    const q = query({ phone: f.phone, status: f.status, category: f.category, department: f.department,
      operator: f.operator, ...period(f.from, f.to), offset: f.offset, limit: PAGE });
    let page;
    try {
      page = await api.get(`/api/appeals${q}`);
    } catch (e) {
      clear(body, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
      return;
    }
    const rows = page.items.map((a) => h('tr', { class: fresh.has(a.number) ? 'fresh' : '', dataset: { number: a.number },
      onclick: () => { location.hash = `#/appeals/${a.number}`; } },
    h('td', { 'data-label': t('number') }, h('a', { href: `#/appeals/${a.number}` }, a.number)),
    h('td', { 'data-label': t('created') }, dateTime(a.createdAt)),
    h('td', { 'data-label': t('phone') }, a.phone),
    h('td', { 'data-label': t('category') }, a.category),
    h('td', { 'data-label': t('department') }, departmentName(ctx.directory, a.department)),
    h('td', { 'data-label': t('kind') }, t(`kind.${a.kind}`)),
    h('td', { 'data-label': t('assignee') }, a.assignee ? (departmentName(ctx.directory, a.assignee) === a.assignee
      ? operatorName(ctx.directory, a.assignee) : departmentName(ctx.directory, a.assignee)) : ''),
    h('td', { 'data-label': t('status') }, statusBadge(a.status))));
    const first = page.total === 0 ? 0 : page.offset + 1;
    const last = page.offset + page.items.length;
    clear(body, page.items.length === 0 ? h('p', { class: 'muted', id: 'empty' }, t('none'))
      : table([t('number'), t('created'), t('phone'), t('category'), t('department'), t('kind'), t('assignee'), t('status')],
        rows, { id: 'appeals', class: 'rows' }),
    h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', id: 'prev', disabled: f.offset === 0,
        onclick: () => go({ offset: Math.max(0, f.offset - PAGE) }) }, t('prev')),
      h('span', { id: 'shown' }, t('shown', { a: first, b: last, n: page.total })),
      h('button', { type: 'button', class: 'secondary', id: 'next', disabled: last >= page.total,
        onclick: () => go({ offset: f.offset + PAGE }) }, t('next'))));
  }

  load();
  return {
    onEvent(event) {
      if (event.kind === 'created') fresh.add(event.number);
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    },
    close() { clearTimeout(timer); },
  };
}
