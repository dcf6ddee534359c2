// The schedule's effective state now: "Відчинено до 17:00".
import { api } from './api.js';
import { h, clear } from './dom.js';
import { t, language } from './i18n.js';

export function describe(s) {
  if (!s.nextChangeLocal) return t(s.open ? 'open' : 'closed');
  const next = new Date(s.nextChangeLocal);
  const now = new Date();
  const time = s.nextChangeLocal.slice(11, 16);
  const sameDay = s.nextChangeLocal.slice(0, 10) === new Date(now.getTime()).toLocaleDateString('sv-SE', { timeZone: s.zone });
  const when = sameDay ? time
    : `${next.toLocaleDateString(language() === 'en' ? 'en-GB' : 'uk-UA', { weekday: 'long', day: 'numeric', month: 'long' })} ${time}`;
  return t(s.open ? 'openUntil' : 'closedUntil', { t: when });
}

export function schedulePage(ctx) {
  const body = h('div', { class: 'card', id: 'schedule' }, h('p', { class: 'muted' }, '…'));
  clear(ctx.main, h('section', {}, h('div', { class: 'page-head' }, h('h1', {}, t('schedule'))), body));
  api.get('/api/schedule').then((s) => {
    clear(body, h('h2', {}, t('scheduleNow')),
      h('p', { class: `state ${s.open ? 'open' : 'closed'}`, id: 'schedule-state' }, describe(s)),
      h('dl', { class: 'details' },
        h('dt', {}, t('because')), h('dd', {}, t(`source.${s.source}`), s.name ? ` — ${s.name}` : ''),
        h('dt', {}, t('zone')), h('dd', {}, s.zone)));
  }).catch((e) => clear(body, h('p', { class: 'error' }, `${t('error')}: ${e.message}`)));
  return {};
}
