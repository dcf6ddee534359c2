// The supervisor's live board: the calls now (who talks to whom, IVR stage, queue, ringing, duration ticking) with
// Listen / Whisper / Barge, the queues (waiting callers, longest wait) and each department's free operators.
import { api, ApiError } from './api.js';
import { h, clear, toast } from './dom.js';
import { t } from './i18n.js';
import { operatorName, table } from './common.js';

const REFRESH_MS = 2000;
const MODES = ['listen', 'whisper', 'barge'];

/** 75 -> "1:15", 3725 -> "1:02:05". */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

function since(iso, skew) {
  return h('span', { class: 'ticking num', dataset: { since: iso } }, clock((Date.now() - skew - Date.parse(iso)) / 1000));
}

/** What the caller is doing now: talking, ringing a line, waiting in a queue, or in the voice menu. */
function stageOf(call, queued) {
  if (call.operator) return 'talking';
  if (queued.has(call.id)) return 'queued';
  if (call.ringing && call.state === 'connecting') return 'ringing';
  return call.state === 'offered' ? 'offered' : 'ivr';
}

export function boardPage(ctx) {
  const tiles = h('div', { class: 'tiles', id: 'board-tiles' });
  const calls = h('div', { id: 'board-calls-body' }, h('p', { class: 'muted' }, '…'));
  const queues = h('div', { class: 'grid', id: 'board-queues' });
  const departments = h('div', { class: 'chips-wrap', id: 'board-departments' });
  const session = h('p', { id: 'board-session', class: 'session', role: 'status', hidden: true });
  const mayMonitor = Boolean(ctx.user.line);
  let skew = 0;
  let busy = false;
  clear(ctx.main, h('section', { id: 'board' },
    h('div', { class: 'page-head' }, h('h1', {}, t('board')),
      h('span', { class: 'muted' }, mayMonitor ? t('monitorHint', { line: ctx.user.line }) : t('noLineToMonitor'))),
    session, tiles,
    h('div', { class: 'card' }, h('h2', {}, t('callsNow')), calls),
    h('h2', {}, t('queues')), queues,
    h('div', { class: 'card' }, h('h2', {}, t('operators')), departments)));

  async function monitor(call, mode, button) {
    if (busy) return;
    busy = true;
    const buttons = ctx.main.querySelectorAll('button.monitor');
    buttons.forEach((b) => { b.disabled = true; });
    show('pending', t('ringingYou', { line: ctx.user.line }));
    try {
      const r = await api.post('/api/supervision', { supervisor: ctx.user.line, line: call.operator, mode });
      show('started', t(`monitoring.${r.mode}`, { line: r.line, caller: r.caller }), r.mode);
      session.dataset.call = r.call;
      toast(t('monitorStarted'), 'ok');
    } catch (e) {
      const refused = e instanceof ApiError && e.data && e.data.refused;
      show('refused', refused ? t(`refused.${refused}`) : `${t('error')}: ${e.message}`);
    } finally {
      busy = false;
      buttons.forEach((b) => { b.disabled = false; });
      button.focus();
    }
  }

  function show(state, text, mode = '') {
    session.hidden = false;
    session.dataset.state = state;
    session.dataset.mode = mode;
    session.className = `session ${state}`;
    session.textContent = text;
  }

  function render(board) {
    skew = Date.now() - Date.parse(board.at);
    if (session.dataset.state === 'started' && !board.calls.some((c) => c.id === session.dataset.call)) {
      show('ended', t('monitorEnded'));
    }
    // A queue lists its call-backs too; only callers on the line are waiting now.
    const onTheLine = (q) => q.waiting.filter((w) => w.onTheLine !== false);
    const queued = new Set(board.queues.flatMap((q) => onTheLine(q).map((w) => w.callId)));
    const waiting = board.queues.reduce((n, q) => n + onTheLine(q).length, 0);
    const oldest = board.queues.map((q) => q.longestWaitSince).filter(Boolean).sort()[0];
    const free = board.departments.reduce((n, d) => n + d.free, 0);
    const tile = (key, label, value) => h('div', { class: 'tile', dataset: { key } }, h('div', { class: 'muted' }, label),
      h('div', { class: 'value' }, value));
    clear(tiles, tile('calls', t('callsNow'), board.calls.length), tile('waiting', t('waitingNow'), waiting),
      tile('longest', t('longestWait'), oldest ? since(oldest, skew) : '—'), tile('free', t('freeOperators'), free));

    const rows = board.calls.map((c) => {
      const stage = stageOf(c, queued);
      const who = c.operator ? operatorName(ctx.directory, c.operator)
        : c.ringing && stage === 'ringing' ? `${t('ringingLine')} ${operatorName(ctx.directory, c.ringing)}` : '—';
      const actions = c.operator && mayMonitor && c.operator !== ctx.user.line
        ? MODES.map((m) => h('button', { type: 'button', class: `monitor ${m === 'barge' ? 'danger' : 'secondary'}`,
          dataset: { mode: m }, onclick: (e) => monitor(c, m, e.currentTarget) }, t(`mode.${m}`)))
        : null;
      return h('tr', { dataset: { call: c.id, stage } },
        h('td', { 'data-label': t('caller'), class: 'caller' }, c.caller),
        h('td', { 'data-label': t('talksTo'), class: 'party' }, who),
        h('td', { 'data-label': t('stage') }, h('span', { class: `badge stage-${stage}` }, t(`stage.${stage}`)),
          c.ivrPath ? h('div', { class: 'muted small' }, c.category || c.ivrPath) : null),
        h('td', { 'data-label': t('duration'), class: 'duration' }, since(c.startedAt, skew)),
        h('td', { 'data-label': '', class: 'monitor-actions' }, actions));
    });
    clear(calls, rows.length ? table([t('caller'), t('talksTo'), t('stage'), t('duration'), ''], rows,
      { id: 'board-calls', class: 'rows' }) : h('p', { class: 'muted', id: 'board-no-calls' }, t('noCallsNow')));

    clear(queues, board.queues.map((q) => h('div', { class: 'card queue', dataset: { queue: q.id } },
      h('h3', {}, q.name),
      h('div', { class: 'queue-figures' },
        h('span', {}, t('waitingNow'), ': ', h('strong', { class: 'waiting' }, onTheLine(q).length)),
        h('span', {}, t('longestWait'), ': ', q.longestWaitSince ? since(q.longestWaitSince, skew) : '—'),
        h('span', {}, t('freeOperators'), ': ', h('strong', {},
          (board.departments.find((d) => d.id === q.department) || { free: 0 }).free))),
      q.waiting.length ? h('ol', { class: 'waiting-list' }, q.waiting.map((w) => (w.onTheLine === false
        ? h('li', { class: 'callback', dataset: { state: w.state } }, w.number, ' · ',
          h('span', { class: 'muted' }, t(w.state === 'held_for_opening' ? 'callbackHeld' : 'callback')))
        : h('li', {}, w.number, ' · ', since(w.since, skew)))))
        : null)));

    clear(departments, board.departments.map((d) => h('div', { class: 'dept', dataset: { department: d.id } },
      h('div', { class: 'dept-head' }, h('strong', {}, d.name), h('span', { class: 'muted' }, t('freeCount', { n: d.free }))),
      h('div', { class: 'chips' }, d.lines.map((l) => h('span', { class: `chip line-${l.state}`, title: t(`line.${l.state}`),
        dataset: { extension: l.extension, state: l.state } }, l.extension, ' ', h('span', { class: 'small' }, t(`line.${l.state}`))))))));
  }

  async function load() {
    try {
      render(await api.get('/api/board'));
    } catch (e) {
      clear(calls, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  }

  const tick = setInterval(() => {
    ctx.main.querySelectorAll('.ticking[data-since]').forEach((el) => {
      el.textContent = clock((Date.now() - skew - Date.parse(el.dataset.since)) / 1000);
    });
  }, 1000);
  const refresh = setInterval(() => { if (!busy) load(); }, REFRESH_MS);
  load();
  return {
    close() { clearInterval(tick); clearInterval(refresh); },
  };
}
