// Shared bits of the pages: status lists, periods, tables.
import { h } from './dom.js';
import { t, siteZone } from './i18n.js';

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

/** yyyy-mm-dd of an instant in the site's time zone (not the browser's). */
export function day(date) {
  return date.toLocaleDateString('sv-SE', { timeZone: siteZone() });
}

/** Milliseconds the site's zone is ahead of UTC at an instant. */
function offsetAt(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: siteZone(), hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a site-local day (yyyy-mm-dd) starts, e.g. 2026-11-26 -> 2026-11-25T22:00:00Z in Kyiv. */
export function startOfDay(yyyyMmDd) {
  const [y, m, d] = yyyyMmDd.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** The instant of a site-local date and time ("2026-11-26T18:00"), e.g. 16:00Z in Kyiv in winter. */
export function siteInstant(localDateTime) {
  const [date, time] = localDateTime.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = (time || '00:00').split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** The site-local "yyyy-mm-ddThh:mm" of an instant (for datetime-local inputs). */
export function siteLocal(date) {
  return new Date(date.getTime() + offsetAt(date.getTime())).toISOString().slice(0, 16);
}

/** The instants of a period of site-local days, [from 00:00, the day after `to` 00:00), never past now. */
export function period(fromDay, toDay) {
  const out = {};
  if (fromDay) out.from = startOfDay(fromDay).toISOString();
  if (toDay) {
    const [y, m, d] = toDay.split('-').map(Number);
    const end = startOfDay(new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10));
    const now = new Date();
    out.to = (end > now ? now : end).toISOString();
  }
  return out;
}

export function defaultFrom(days) {
  return day(new Date(Date.now() - days * 24 * 3600 * 1000));
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
