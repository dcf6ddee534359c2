// The schedule: its effective state now ("Відчинено до 17:00"), a manual override with an expiry, and the weekly
// hours with breaks, holidays and special days, editable by an administrator.
import { api, ApiError } from './api.js';
import { h, clear, toast } from './dom.js';
import { t, language, dateTime } from './i18n.js';
import { field, siteInstant, siteLocal } from './common.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

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

function range(text) {
  const [from = '', to = ''] = (text || '').split('-');
  return { from, to };
}

export function schedulePage(ctx) {
  const now = h('div', { class: 'card', id: 'schedule' }, h('p', { class: 'muted' }, '…'));
  const override = h('div', { class: 'card', id: 'override' });
  const plan = h('div', { class: 'card', id: 'plan' }, h('p', { class: 'muted' }, '…'));
  clear(ctx.main, h('section', {}, h('div', { class: 'page-head' }, h('h1', {}, t('schedule'))),
    h('div', { class: 'grid' }, now, override), plan));

  async function loadState() {
    try {
      const s = await api.get('/api/schedule');
      clear(now, h('h2', {}, t('scheduleNow')),
        h('p', { class: `state ${s.open ? 'open' : 'closed'}`, id: 'schedule-state', dataset: { open: String(s.open) } }, describe(s)),
        h('dl', { class: 'details' },
          h('dt', {}, t('because')), h('dd', { id: 'schedule-source', dataset: { source: s.source } },
            t(`source.${s.source}`), s.name ? ` — ${s.name}` : ''),
          h('dt', {}, t('zone')), h('dd', {}, s.zone)));
      renderOverride(s);
    } catch (e) {
      clear(now, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  }

  function renderOverride(s) {
    const state = h('select', { id: 'override-state' }, h('option', { value: 'closed' }, t('forceClosed')),
      h('option', { value: 'open' }, t('forceOpen')));
    const prompt = h('input', { id: 'override-prompt', value: 'outage' });
    const until = h('input', { id: 'override-until', type: 'datetime-local', required: true,
      value: siteLocal(new Date(Date.now() + 2 * 3600 * 1000)) });
    const reason = h('input', { id: 'override-reason', placeholder: t('overrideReasonHint') });
    const error = h('p', { class: 'error', id: 'override-error', role: 'alert' });
    const active = s.source === 'override';
    clear(override, h('h2', {}, t('override')),
      active ? h('p', { id: 'override-active' }, t('overrideActive', { until: dateTime(s.nextChange) }), s.name ? ` — ${s.name}` : '') : null,
      h('form', { id: 'override-form', class: 'stack', onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        try {
          await api.put('/api/schedule/override', { state: state.value, prompt: prompt.value.trim(),
            until: siteInstant(until.value).toISOString(), reason: reason.value.trim() });
          toast(t('saved'), 'ok');
          loadState();
        } catch (err) {
          error.textContent = `${t('error')}: ${err.message}`;
        }
      } }, h('div', { class: 'row' }, field(t('state'), state), field(t('overridePrompt'), prompt)),
      h('div', { class: 'row' }, field(t('validUntil'), until), field(t('reason'), reason)),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'override-apply' }, t('apply')),
        active ? h('button', { type: 'button', class: 'secondary', id: 'override-clear', onclick: async () => {
          try { await api.del('/api/schedule/override'); toast(t('saved'), 'ok'); loadState(); } catch (err) { error.textContent = err.message; }
        } }, t('overrideClear')) : null), error));
  }

  async function loadPlan() {
    try {
      renderPlan(await api.get('/api/schedule/plan'));
    } catch (e) {
      clear(plan, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  }

  function renderPlan(p) {
    const dayRows = DAYS.map((d) => {
      const day = p.week[d];
      const hours = range(day?.hours);
      const works = h('input', { type: 'checkbox', class: 'works', checked: Boolean(day) });
      const from = h('input', { type: 'time', class: 'from', value: hours.from.padStart(5, '0'), 'aria-label': t('opens') });
      const to = h('input', { type: 'time', class: 'to', value: hours.to.padStart(5, '0'), 'aria-label': t('closes') });
      const breaks = h('input', { class: 'breaks', value: (day?.breaks || []).join(', '), placeholder: '12:00-13:00' });
      const sync = () => { [from, to, breaks].forEach((i) => { i.disabled = !works.checked; }); };
      works.addEventListener('change', sync);
      sync();
      return h('tr', { dataset: { day: d } }, h('td', { 'data-label': t('day') }, h('label', { class: 'check' }, works, t(`day.${d}`))),
        h('td', { 'data-label': t('hours') }, h('span', { class: 'hours' }, from, '–', to)),
        h('td', { 'data-label': t('breaks') }, breaks));
    });
    const holidays = h('tbody', {});
    const addHoliday = (x = { date: '', name: '' }) => holidays.append(h('tr', { class: 'holiday' },
      h('td', { 'data-label': t('date') }, h('input', { class: 'date', value: x.date, placeholder: 'MM-DD / YYYY-MM-DD', required: true })),
      h('td', { 'data-label': t('name') }, h('input', { class: 'name', value: x.name, required: true })),
      h('td', {}, h('button', { type: 'button', class: 'link remove', onclick: (e) => e.target.closest('tr').remove() }, t('remove')))));
    p.holidays.forEach(addHoliday);
    const specials = h('tbody', {});
    const addSpecial = (x = { date: '', name: '', hours: '' }) => specials.append(h('tr', { class: 'special' },
      h('td', { 'data-label': t('date') }, h('input', { class: 'date', type: 'date', value: x.date, required: true })),
      h('td', { 'data-label': t('name') }, h('input', { class: 'name', value: x.name })),
      h('td', { 'data-label': t('hours') }, h('input', { class: 'hours', value: x.hours || '', placeholder: t('closedAllDay') })),
      h('td', {}, h('button', { type: 'button', class: 'link remove', onclick: (e) => e.target.closest('tr').remove() }, t('remove')))));
    p.specialDays.forEach(addSpecial);
    const errors = h('ul', { class: 'error', id: 'plan-errors', role: 'alert' });

    function collect() {
      const week = {};
      plan.querySelectorAll('tr[data-day]').forEach((tr) => {
        if (!tr.querySelector('.works').checked) return;
        week[tr.dataset.day] = { hours: `${tr.querySelector('.from').value}-${tr.querySelector('.to').value}`,
          breaks: tr.querySelector('.breaks').value.split(',').map((x) => x.trim()).filter(Boolean) };
      });
      const rows = (sel) => [...plan.querySelectorAll(sel)];
      return { week,
        holidays: rows('tr.holiday').map((tr) => ({ date: tr.querySelector('.date').value.trim(), name: tr.querySelector('.name').value.trim() })),
        specialDays: rows('tr.special').map((tr) => ({ date: tr.querySelector('.date').value, name: tr.querySelector('.name').value.trim(),
          hours: tr.querySelector('.hours').value.trim() || null })) };
    }

    clear(plan, h('div', { class: 'page-head' }, h('h2', {}, t('weeklyHours')),
      h('span', { class: 'muted', id: 'plan-source', dataset: { source: p.source } }, p.source === 'edited'
        ? t('planEdited', { by: p.updatedBy, at: dateTime(p.updatedAt) }) : t('planFromConfig'))),
    h('form', { id: 'plan-form', onsubmit: async (e) => {
      e.preventDefault();
      clear(errors);
      try {
        renderPlan(await api.put('/api/schedule/plan', collect()));
        toast(t('saved'), 'ok');
        loadState();
      } catch (err) {
        const list = err instanceof ApiError && err.data && err.data.errors ? err.data.errors : [err.message];
        clear(errors, list.map((x) => h('li', {}, x)));
      }
    } },
    h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: 'week' },
      h('thead', {}, h('tr', {}, h('th', {}, t('day')), h('th', {}, t('hours')), h('th', {}, t('breaks')))), h('tbody', {}, dayRows))),
    h('h3', {}, t('holidays')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: 'holidays' },
      h('thead', {}, h('tr', {}, h('th', {}, t('date')), h('th', {}, t('name')), h('th', {}))), holidays)),
    h('button', { type: 'button', class: 'secondary', id: 'add-holiday', onclick: () => addHoliday() }, t('addHoliday')),
    h('h3', {}, t('specialDays')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: 'special-days' },
      h('thead', {}, h('tr', {}, h('th', {}, t('date')), h('th', {}, t('name')), h('th', {}, t('hours')), h('th', {}))), specials)),
    h('button', { type: 'button', class: 'secondary', id: 'add-special', onclick: () => addSpecial() }, t('addSpecialDay')),
    errors,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'plan-save' }, t('saveSchedule')),
      p.source === 'edited' ? h('button', { type: 'button', class: 'secondary', id: 'plan-reset', onclick: async () => {
        try { renderPlan(await api.del('/api/schedule/plan')); toast(t('saved'), 'ok'); loadState(); } catch (err) { toast(err.message, 'bad'); }
      } }, t('planReset')) : null)));
  }

  loadState();
  loadPlan();
  return {};
}
