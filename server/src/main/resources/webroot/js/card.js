// The appeal card: details, status changes the lifecycle allows, assignment, comments, SMS, recording, history.
import { api } from './api.js';
import { h, clear, toast } from './dom.js';
import { t, dateTime } from './i18n.js';
import { NEXT, statusBadge, departmentName, operatorName, table, field } from './common.js';

const SMS_PART = 70;

/** "failed: expired" -> a badge "не доставлено: expired" (the detail stays as the SMSC said it). */
function smsStatus(status) {
  const [head, ...rest] = status.split(':');
  const label = t(`sms.${head}`) === `sms.${head}` ? head : t(`sms.${head}`);
  return h('span', { class: `badge sms-${head}`, dataset: { status: head } }, [label, ...rest].join(':'));
}

export function cardPage(ctx, number) {
  const root = h('section', { class: 'appeal', id: 'card' }, h('p', { class: 'muted' }, '…'));
  clear(ctx.main, root);
  const base = `/api/appeals/${encodeURIComponent(number)}`;
  let busy = false;

  async function act(fn, done) {
    if (busy) return;
    busy = true;
    try {
      await fn();
      if (done) toast(done, 'ok');
      await load(false);
    } catch (e) {
      toast(`${t('error')}: ${e.message}`, 'bad');
    } finally {
      busy = false;
    }
  }

  // kept: whether what the user is typing (and the recording playing) survives the reload; an event's reload keeps
  // them, the reload after the user's own action starts the forms afresh
  async function load(kept = true) {
    let appeal;
    let history;
    try {
      [appeal, history] = await Promise.all([api.get(base), api.get(`${base}/history`)]);
    } catch (e) {
      clear(root, h('a', { href: '#/appeals', class: 'back' }, t('back')), h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
      return;
    }
    render(appeal, history, kept ? inProgress() : { values: {} });
  }

  /** What the user is in the middle of: typed text, the focused field, the recording's player. */
  function inProgress() {
    const values = {};
    root.querySelectorAll('[data-edited]').forEach((el) => { values[el.id] = el.value; });
    const focused = root.contains(document.activeElement) ? document.activeElement.id : null;
    return { values, focused, audio: root.querySelector('#recording') };
  }

  /** Puts back what {@link inProgress} saw into the fields just rendered, and marks fields the user edits. */
  function restore(was) {
    root.querySelectorAll('textarea, input').forEach((el) => {
      el.addEventListener('input', () => { el.dataset.edited = '1'; });
      if (el.id in was.values) {
        el.value = was.values[el.id];
        el.dispatchEvent(new Event('input'));
      }
    });
    if (was.focused) root.querySelector(`#${was.focused}`)?.focus();
  }

  function render(a, history, was) {
    const comment = h('textarea', { id: 'status-comment', rows: 2, placeholder: t('comment') });
    const statusButtons = (NEXT[a.status] || []).map((s) => h('button', { type: 'button', id: `to-${s}`,
      class: s === 'rejected' ? 'danger' : '', dataset: { to: s },
      onclick: () => act(() => api.post(`${base}/status`, { status: s, comment: comment.value.trim() }), t('saved')) },
    t(`action.${s}`)));

    const assignee = h('input', { id: 'assignee', list: 'assignees', value: a.assignee || '', required: true });
    const assignees = h('datalist', { id: 'assignees' },
      ctx.directory.departments.map((d) => h('option', { value: d.id }, d.name)),
      ctx.directory.lines.map((l) => h('option', { value: l.extension }, l.name)));
    const assignForm = h('form', { id: 'assign-form', class: 'inline', onsubmit: (e) => {
      e.preventDefault();
      act(() => api.post(`${base}/assign`, { assignee: assignee.value.trim(), comment: comment.value.trim() }), t('saved'));
    } }, field(t('assignTo'), assignee), assignees, h('button', { type: 'submit' }, t('assign')));

    const note = h('textarea', { id: 'comment-text', rows: 2, required: true });
    const commentForm = h('form', { id: 'comment-form', onsubmit: (e) => {
      e.preventDefault();
      if (note.value.trim()) act(() => api.post(`${base}/comments`, { text: note.value.trim() }), t('saved'));
    } }, field(t('addComment'), note), h('button', { type: 'submit' }, t('addComment')));

    const smsText = h('textarea', { id: 'sms-text', rows: 2, maxlength: 670, required: true });
    const counter = h('span', { class: 'muted', id: 'sms-count' }, t('chars', { n: 0 }));
    smsText.addEventListener('input', () => {
      const n = smsText.value.length;
      const parts = n <= SMS_PART ? 1 : Math.ceil(n / 67);
      counter.textContent = `${t('chars', { n })} · ${parts} SMS`;
    });
    const smsForm = h('form', { id: 'sms-form', onsubmit: (e) => {
      e.preventDefault();
      if (smsText.value.trim()) act(() => api.post(`${base}/sms`, { text: smsText.value.trim() }), t('smsQueued'));
    } }, field(t('personalSms'), smsText), h('div', { class: 'actions' }, counter, h('button', { type: 'submit' }, t('send'))));

    const smsRows = [...a.sms].sort((x, y) => x.updatedAt.localeCompare(y.updatedAt)).map((s) => h('tr', { dataset: { id: s.id } },
      h('td', { 'data-label': t('updated') }, dateTime(s.updatedAt)),
      h('td', { 'data-label': 'SMS' }, s.text),
      h('td', { 'data-label': t('status'), class: 'sms-status' }, smsStatus(s.status))));

    const historyRows = history.map((e) => h('li', {},
      h('time', {}, dateTime(e.at)), ' ', h('strong', { class: 'actor' }, e.actor), ' · ', t(`history.${e.action}`),
      e.to ? [' → ', statusBadge(e.to)] : null, e.detail ? h('div', { class: 'detail' }, e.detail) : null));

    const playing = was.audio && a.recording && was.audio.getAttribute('src') === `${base}/recording` ? was.audio : null;
    const recording = a.recording
      ? playing || h('audio', { id: 'recording', controls: true, preload: 'metadata', src: `${base}/recording` })
      : h('p', { class: 'muted' }, t('noRecording'));

    const dl = (pairs) => h('dl', { class: 'details' }, pairs.filter(([, v]) => v).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));

    clear(root,
      h('a', { href: '#/appeals', class: 'back' }, t('back')),
      h('div', { class: 'page-head' }, h('h1', {}, '№ ', h('span', { id: 'card-number' }, a.number)),
        h('span', { id: 'card-status' }, statusBadge(a.status))),
      h('div', { class: 'grid' },
        h('div', { class: 'card' }, h('h2', {}, t('details')), dl([
          [t('phone'), a.phone], [t('created'), dateTime(a.createdAt)], [t('updated'), dateTime(a.updatedAt)],
          [t('category'), a.category], [t('ivrPath'), a.ivrPath], [t('kind'), t(`kind.${a.kind}`)],
          [t('department'), departmentName(ctx.directory, a.department)],
          [t('operator'), operatorName(ctx.directory, a.operator)], [t('assignee'), a.assignee],
          [t('linkedTo'), a.linkedTo ? h('a', { href: `#/appeals/${a.linkedTo}` }, a.linkedTo) : null]]),
        h('h3', {}, t('recording')), recording),
        h('div', { class: 'card' }, h('h2', {}, t('changeStatus')), comment,
          h('div', { class: 'actions', id: 'status-actions' }, statusButtons), assignForm, commentForm)),
      h('div', { class: 'grid' },
        h('div', { class: 'card' }, h('h2', {}, t('sms')),
          a.sms.length ? table([t('updated'), 'SMS', t('status')], smsRows, { id: 'sms', class: 'rows' })
            : h('p', { class: 'muted' }, t('noSms')), smsForm),
        h('div', { class: 'card' }, h('h2', {}, t('history')), h('ol', { class: 'history', id: 'history' }, historyRows))));
    restore(was);
  }

  load();
  return {
    onEvent(event) { if ((event.kind === 'resync' || event.number === number) && !busy) load(); },
  };
}
