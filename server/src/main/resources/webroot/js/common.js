// Shared bits of the pages: status lists, periods, tables.
import { h } from './dom.js';
import { t } from './i18n.js';

export const STATUSES = ['registered', 'assigned', 'in-progress', 'resolved', 'rejected', 'reopened'];

/** The lifecycle of AppealStatus.next() on the server. */
export const NEXT = {
  registered: ['assigned', 'in-progress', 'resolved', 'rejected'],
  reopened: ['assigned', 'in-progress', 'resolved', 'rejected'],
  assigned: ['in-progress', 'resolved', 'rejected'],
  'in-progress': ['resolved', 'rejected'],
  resolved: ['reopened'],
  rejected: ['reopened'],
};

export function statusBadge(status) {
  return h('span', { class: `badge s-${status}`, dataset: { status } }, t(`status.${status}`));
}

/** yyyy-mm-dd of a Date in local time. */
export function day(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** The instants of a period of local days, [from 00:00, the day after `to` 00:00). */
export function period(fromDay, toDay) {
  const out = {};
  if (fromDay) out.from = new Date(`${fromDay}T00:00:00`).toISOString();
  if (toDay) {
    const end = new Date(`${toDay}T00:00:00`);
    end.setDate(end.getDate() + 1);
    const now = new Date();
    out.to = (end > now ? now : end).toISOString();
  }
  return out;
}

export function defaultFrom(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return day(d);
}

export function departmentName(directory, id) {
  const d = directory.departments.find((x) => x.id === id);
  return d ? d.name : id || '';
}

export function operatorName(directory, ext) {
  const l = directory.lines.find((x) => x.extension === ext);
  return l ? `${l.name} (${ext})` : ext || '';
}

export function table(headers, rows, attrs = {}) {
  return h('div', { class: 'table-wrap' }, h('table', attrs,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows)));
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}
