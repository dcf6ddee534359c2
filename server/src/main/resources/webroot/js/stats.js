// Statistics for a period: totals, per department and per operator, with charts.
import { api, query } from './api.js';
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { table, field, period, defaultFrom, day, departmentName, operatorName } from './common.js';
import { barChart } from './chart.js';

export function statsPage(ctx) {
  const from = h('input', { id: 's-from', type: 'date', value: defaultFrom(30) });
  const to = h('input', { id: 's-to', type: 'date', value: day(new Date()) });
  const within = h('input', { id: 's-within', type: 'number', min: 0, max: 3600, value: 20 });
  const body = h('div', { id: 'stats-body' }, h('p', { class: 'muted' }, '…'));
  const form = h('form', { class: 'filters card', onsubmit: (e) => { e.preventDefault(); load(); } },
    field(t('from'), from), field(t('to'), to), field(t('within'), within),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('show'))));
  clear(ctx.main, h('section', {}, h('div', { class: 'page-head' }, h('h1', {}, t('statistics'))), form, body));

  const percent = (x) => `${Math.round(x * 100)}%`;
  const rowCells = (r, name, s) => h('tr', { dataset: { key: r.key } },
    h('td', { 'data-label': '' }, name),
    h('td', { 'data-label': t('offered'), class: 'num offered' }, r.offered),
    h('td', { 'data-label': t('answered'), class: 'num answered' }, r.answered),
    h('td', { 'data-label': t('missed'), class: 'num missed' }, r.missed),
    h('td', { 'data-label': t('avgWait'), class: 'num' }, r.averageWaitSeconds),
    h('td', { 'data-label': t('avgTalk'), class: 'num' }, r.averageTalkSeconds),
    h('td', { 'data-label': t('serviceLevel', { s }), class: 'num sl' }, percent(r.answeredWithinShare)));

  function section(id, title, rows, nameOf, s) {
    const chart = barChart(rows, nameOf, `${title}: ${t('chart')}`);
    chart.querySelector('.legend-answered').textContent = t('answered');
    chart.querySelector('.legend-missed').textContent = t('missed');
    return h('div', { class: 'card', id }, h('h2', {}, title),
      rows.length ? [chart, table(['', t('offered'), t('answered'), t('missed'), t('avgWait'), t('avgTalk'),
        t('serviceLevel', { s })], rows.map((r) => rowCells(r, nameOf(r.key), s)), { class: 'rows' })]
        : h('p', { class: 'muted' }, t('none')));
  }

  async function load() {
    try {
      const s = await api.get(`/api/statistics${query({ ...period(from.value, to.value), within: within.value })}`);
      const w = s.answeredWithinSeconds;
      const tot = s.total;
      clear(body,
        h('div', { class: 'tiles', id: 'totals' },
          [['offered', tot.offered], ['answered', tot.answered], ['missed', tot.missed],
            ['sl', percent(tot.answeredWithinShare)]].map(([k, v]) => h('div', { class: 'tile', dataset: { key: k } },
            h('div', { class: 'value' }, v), h('div', { class: 'muted' }, k === 'sl' ? t('serviceLevel', { s: w }) : t(k))))),
        h('div', { class: 'grid' },
          section('by-department', t('byDepartment'), s.byDepartment, (k) => departmentName(ctx.directory, k), w),
          section('by-operator', t('byOperator'), s.byOperator, (k) => operatorName(ctx.directory, k), w)));
    } catch (e) {
      clear(body, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  }
  load();
  return {};
}
