// The incoming-call pop-up: who calls, and their earlier appeals, while the call rings the operator's line.
import { api, query } from './api.js';
import { h, clear } from './dom.js';
import { t, dateTime } from './i18n.js';
import { statusBadge } from './common.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** A call event for the user's line: a ringing call pops up; its answer or end updates the pop-up. */
export function onCallEvent(call) {
  if (!call.state || call.state === 'ringing') {
    showIncomingCall(call);
    return;
  }
  const box = document.getElementById('call-popup');
  if (!box || box.dataset.call !== call.callId) return;
  box.dataset.state = call.state;
  box.querySelector('.popup-head strong').textContent = call.state === 'ended' ? t('callEnded')
    : call.answeredBy === call.line ? t('callAnsweredHere') : t('callAnsweredBy', { line: call.answeredBy });
}

export async function showIncomingCall(call) {
  document.getElementById('call-popup')?.remove();
  const list = h('div', { class: 'earlier' }, h('p', { class: 'muted' }, '…'));
  const close = () => box.remove();
  const box = h('aside', { id: 'call-popup', class: 'popup', role: 'dialog', 'aria-label': t('incomingCall'),
    dataset: { call: call.callId, state: 'ringing' } },
    h('div', { class: 'popup-head' }, h('strong', {}, t('incomingCall')),
      h('button', { type: 'button', class: 'link', id: 'call-popup-close', onclick: close, 'aria-label': '×' }, '×')),
    h('div', { class: 'caller', id: 'call-popup-caller' }, call.caller),
    call.ivrPath ? h('div', { class: 'muted' }, `${t('ivrPath')}: ${call.ivrPath}`) : null,
    h('h3', {}, t('earlierAppeals')), list,
    h('a', { href: `#/appeals${query({ phone: call.caller, from: new Date(Date.now() - YEAR_MS).toISOString().slice(0, 10) })}`,
      onclick: close }, t('allAppeals')));
  document.body.append(box);
  try {
    const page = await api.get(`/api/appeals${query({ phone: call.caller, from: new Date(Date.now() - YEAR_MS).toISOString(), limit: 5 })}`);
    clear(list, page.items.length === 0 ? h('p', { class: 'muted' }, t('noEarlier'))
      : h('ul', {}, page.items.map((a) => h('li', { dataset: { number: a.number } },
        h('a', { href: `#/appeals/${a.number}`, onclick: close }, a.number), ' ', statusBadge(a.status),
        h('div', { class: 'muted' }, `${dateTime(a.createdAt)} · ${a.category}`)))));
  } catch (e) {
    clear(list, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
  }
}
