// Call history for a period, with a CSV export of the same period.
import { api, query } from './api.js';
import { h, clear } from './dom.js';
import { t, dateTime } from './i18n.js';
import { table, field, period, defaultFrom, day, departmentName, operatorName } from './common.js';

export function callsPage(ctx) {
  const from = h('input', { id: 'c-from', type: 'date', value: ctx.params.get('from') || defaultFrom(7) });
  const to = h('input', { id: 'c-to', type: 'date', value: ctx.params.get('to') || day(new Date()) });
  const mine = h('input', { id: 'c-mine', type: 'checkbox', checked: ctx.params.get('mine') === '1' });
  const exportLink = h('a', { id: 'csv', class: 'button secondary', download: 'calls.csv' }, t('export'));
  const body = h('div', {}, h('p', { class: 'muted' }, '…'));
  const form = h('form', { class: 'filters card', onsubmit: (e) => { e.preventDefault(); load(); } },
    field(t('from'), from), field(t('to'), to),
    ctx.user.line ? h('label', { class: 'check' }, mine, t('myCalls')) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('show')), exportLink));
  clear(ctx.main, h('section', {}, h('div', { class: 'page-head' }, h('h1', {}, t('calls'))), form, body));

  async function load() {
    const q = query(period(from.value, to.value));
    exportLink.href = `/api/calls.csv${q}`;
    try {
      const all = await api.get(`/api/calls${q}`);
      const calls = mine.checked ? all.filter((c) => c.operator === ctx.user.line) : all;
      const rows = calls.map((c) => h('tr', {},
        h('td', { 'data-label': t('started') }, dateTime(c.startedAt)),
        h('td', { 'data-label': t('caller') }, c.caller),
        h('td', { 'data-label': t('dialled') }, c.dialledNumber),
        h('td', { 'data-label': t('kind') }, t(`kind.${c.kind}`)),
        h('td', { 'data-label': t('category') }, (c.category || []).join(' / ')),
        h('td', { 'data-label': t('department') }, departmentName(ctx.directory, c.department)),
        h('td', { 'data-label': t('operator') }, operatorName(ctx.directory, c.operator)),
        h('td', { 'data-label': t('wait'), class: 'num' }, Math.round(c.queueWaitMs / 1000)),
        h('td', { 'data-label': t('talk'), class: 'num' }, Math.round(c.talkMs / 1000)),
        h('td', { 'data-label': t('recording') }, c.recording ? '✓' : '')));
      clear(body, calls.length ? table([t('started'), t('caller'), t('dialled'), t('kind'), t('category'), t('department'),
        t('operator'), t('wait'), t('talk'), t('recording')], rows, { id: 'calls', class: 'rows' })
        : h('p', { class: 'muted' }, t('none')));
    } catch (e) {
      clear(body, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  }
  load();
  return {};
}
