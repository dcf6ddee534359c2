// The console shell: login, navigation by hash (#/appeals, #/appeals/2026-000123, #/calls, #/board, #/stats, #/schedule, #/prompts, #/lines),
// the live event stream (appeals, the incoming-call pop-up), the language switch.
import { api, setCsrf, whenUnauthorized, ApiError } from './api.js';
import { h, clear, toast } from './dom.js';
import { t, setLanguage, language, setZone } from './i18n.js';
import { journalPage } from './journal.js';
import { cardPage } from './card.js';
import { callsPage } from './calls.js';
import { statsPage } from './stats.js';
import { schedulePage } from './schedule.js';
import { linesPage } from './lines.js';
import { boardPage } from './board.js';
import { promptsPage } from './prompts.js';
import { Live } from './live.js';
import { onCallEvent } from './popup.js';

const state = { user: null, directory: null, live: null, page: null };

const pages = [
  { id: 'appeals', title: 'journal', roles: ['operator', 'supervisor', 'admin'] },
  { id: 'calls', title: 'calls', roles: ['operator', 'supervisor', 'admin'] },
  { id: 'board', title: 'board', roles: ['supervisor', 'admin'] },
  { id: 'stats', title: 'statistics', roles: ['supervisor', 'admin'] },
  { id: 'schedule', title: 'schedule', roles: ['admin'] },
  { id: 'prompts', title: 'prompts', roles: ['admin'] },
  { id: 'lines', title: 'lines', roles: ['admin'] },
];

function may(page) {
  return state.user && page.roles.some((r) => state.user.roles.includes(r));
}

function main() { return document.getElementById('main'); }

function renderLogin(message = '') {
  document.getElementById('top').hidden = true;
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' }, message);
  const login = h('input', { id: 'login', name: 'login', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login card', onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const user = await api.post('/api/session', { login: login.value, password: password.value });
      await start(user);
    } catch (err) {
      error.textContent = err.status === 429 ? t('lockedOut', { s: (err.message.match(/\d+/) || [''])[0] })
        : err.status === 401 ? t('wrongLogin') : `${t('error')}: ${err.message}`;
    }
  } },
  h('h1', {}, t('appName')),
  h('label', {}, t('loginName'), login),
  h('label', {}, t('password'), password),
  h('button', { type: 'submit', id: 'sign-in' }, t('signIn')),
  error,
  h('button', { type: 'button', class: 'link', onclick: () => { setLanguage(language() === 'uk' ? 'en' : 'uk'); renderLogin(); } },
    language() === 'uk' ? 'English' : 'Українська'));
  clear(main(), h('div', { class: 'login-wrap' }, form));
  login.focus();
}

async function start(user) {
  state.user = user;
  setCsrf(user.csrfToken);
  state.directory = await api.get('/api/directory');
  setZone(state.directory.zone);
  renderShell();
  state.live?.close();
  state.live = new Live(document.getElementById('live'), (event) => {
    // delivery receipts and resyncs refresh quietly; a new or changed appeal is also said
    if (event.kind === 'created' || (event.kind === 'changed' && event.action !== 'sms-status')) {
      toast(t(event.kind === 'created' ? 'newAppeal' : 'changedAppeal', { n: event.number }));
    }
    state.page?.onEvent?.(event);
  }, onCallEvent);
  if (!location.hash || location.hash === '#/' || location.hash === '#') location.hash = '#/appeals';
  else route();
}

function renderShell() {
  document.getElementById('top').hidden = false;
  const nav = document.getElementById('nav');
  clear(nav, pages.filter(may).map((p) => h('a', { href: `#/${p.id}`, id: `nav-${p.id}`, dataset: { page: p.id } }, t(p.title))));
  document.getElementById('user').textContent = `${state.user.name} (${state.user.login})`;
  document.getElementById('lang').textContent = language() === 'uk' ? 'EN' : 'УКР';
  document.getElementById('logout').textContent = t('logout');
  renderDnd();
}

/** The do-not-disturb switch of the user's own line (the softphone's *78 / *79), shown to users with a line. */
async function renderDnd() {
  const button = document.getElementById('dnd');
  button.hidden = !state.user?.line;
  if (button.hidden) return;
  try {
    showDnd((await api.get('/api/dnd')).on);
  } catch (e) {
    button.hidden = true;
  }
}

function showDnd(on) {
  const button = document.getElementById('dnd');
  button.dataset.on = on ? 'true' : 'false';
  button.setAttribute('aria-pressed', on ? 'true' : 'false');
  button.classList.toggle('dnd-on', on);
  button.textContent = t(on ? 'dndOn' : 'dndOff');
  button.title = t('dndHint');
}

async function toggleDnd() {
  const button = document.getElementById('dnd');
  try {
    showDnd((await api.put('/api/dnd', { on: button.dataset.on !== 'true' })).on);
  } catch (e) {
    toast(e.message);
  }
}

function route() {
  if (!state.user) return;
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, queryString] = hash.split('?');
  const params = new URLSearchParams(queryString || '');
  const parts = path.split('/').filter(Boolean);
  const id = parts[0] || 'appeals';
  const page = pages.find((p) => p.id === id);
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === id));
  state.page?.close?.();
  const ctx = { user: state.user, directory: state.directory, params, main: main() };
  if (!page || !may(page)) {
    state.page = null;
    clear(main(), h('div', { class: 'card' }, h('h2', {}, t('forbidden'))));
    return;
  }
  if (id === 'appeals' && parts[1]) state.page = cardPage(ctx, decodeURIComponent(parts[1]));
  else if (id === 'appeals') state.page = journalPage(ctx);
  else if (id === 'calls') state.page = callsPage(ctx);
  else if (id === 'board') state.page = boardPage(ctx);
  else if (id === 'stats') state.page = statsPage(ctx);
  else if (id === 'schedule') state.page = schedulePage(ctx);
  else if (id === 'lines') state.page = linesPage(ctx);
  else if (id === 'prompts') state.page = promptsPage(ctx);
}

async function logout() {
  try { await api.del('/api/session'); } catch (e) { /* the session is gone either way */ }
  state.live?.close();
  state.user = null;
  setCsrf('');
  history.replaceState(null, '', '#/');
  renderLogin();
}

function signedOut() {
  state.live?.close();
  state.user = null;
  renderLogin();
}

window.addEventListener('hashchange', route);
document.getElementById('logout').addEventListener('click', logout);
document.getElementById('dnd').addEventListener('click', toggleDnd);
document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'uk' ? 'en' : 'uk');
  renderShell();
  route();
});
whenUnauthorized(signedOut);
setLanguage(language());

api.get('/api/session').then(start).catch((e) => {
  if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
  renderLogin();
});
