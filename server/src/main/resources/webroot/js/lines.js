// The registration state of every internal line (admin).
import { api } from './api.js';
import { h, clear } from './dom.js';
import { t, dateTime } from './i18n.js';
import { table, departmentName } from './common.js';

export function linesPage(ctx) {
  const body = h('div', { id: 'lines-body' }, h('p', { class: 'muted' }, '…'));
  clear(ctx.main, h('section', {},
    h('div', { class: 'page-head' }, h('h1', {}, t('lines')),
      h('button', { type: 'button', class: 'secondary', id: 'lines-refresh', onclick: () => load() }, t('refresh'))),
    body));

  async function load() {
    try {
      const r = await api.get('/api/lines');
      const rows = r.lines.map((l) => h('tr', { dataset: { extension: l.extension } },
        h('td', { 'data-label': t('extension') }, l.extension),
        h('td', { 'data-label': t('name') }, l.name),
        h('td', { 'data-label': t('department') }, departmentName(ctx.directory, l.department)),
        h('td', { 'data-label': t('state'), class: 'reg' }, h('span', { class: `badge ${l.registered ? 's-resolved' : 's-rejected'}` },
          t(l.registered ? 'registered' : 'unregistered'))),
        h('td', { 'data-label': t('contacts') }, l.contacts.map((c) => h('div', {},
          h('code', {}, c.contact), ' ', h('span', { class: 'muted' }, `${c.source} · ${t('until')} ${dateTime(c.expiresAt)}`))))));
      clear(body, table([t('extension'), t('name'), t('department'), t('state'), t('contacts')], rows, { id: 'lines', class: 'rows' }));
    } catch (e) {
      clear(body, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  }
  load();
  return {};
}
