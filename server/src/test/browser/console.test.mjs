// Drives the Vikno console in Debian's headless Chromium. Started by ConsoleBrowserTest, which serves the node at
// VIKNO_URL with real softphones: it answers "vikno:resident-calls", "vikno:operator-answers",
// "vikno:supervisor-hangs-up" and "vikno:resident-hangs-up" on stdout with one line on stdin once the phones did it.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';

const BASE = process.env.VIKNO_URL;
const SHOTS = process.env.VIKNO_SHOTS || process.env.VIKNO_SCREENSHOTS;
const RESIDENT = process.env.VIKNO_RESIDENT;
const EARLIER = process.env.VIKNO_EARLIER_APPEAL;
const AUDIO = process.env.VIKNO_AUDIO;
const T = 10_000;
const LAPTOP = { viewport: { width: 1366, height: 850 }, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' };

const lines = createInterface({ input: process.stdin });
const waiting = [];
lines.on('line', (l) => waiting.shift()?.(l));
function ask(question, timeout = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${question}`)), timeout);
    waiting.push((l) => {
      clearTimeout(timer);
      if (l.startsWith('failed')) reject(new Error(`${question}: ${l}`)); else resolve(l);
    });
    console.log(question);
  });
}
const report = (key, value) => console.log(`vikno:report ${key} ${value}`);
const step = (name) => console.log(`step: ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
const t0 = Date.now();

async function login(page, user, password) {
  await page.goto(BASE + '/');
  await page.fill('#login', user);
  await page.fill('#password', password);
  await page.click('#sign-in');
  await page.waitForSelector('#nav-appeals', { timeout: T });
}

async function logout(page) {
  await page.click('#logout');
  await page.waitForSelector('#sign-in', { timeout: T });
}

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${what} is ${overflow}px wider than the phone screen`);
}

// Playwright gives every launch a fresh, empty profile directory of its own.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required', '--lang=uk-UA'],
  headless: true,
  timeout: 30_000,
});
let failed = false;
async function newPage(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(T);
  page.on('pageerror', (e) => { console.log(`page error: ${e.message}`); failed = true; });
  return page;
}

try {
  const page = await newPage(LAPTOP);

  step('a wrong password is refused');
  await page.goto(BASE + '/');
  await page.waitForSelector('#sign-in');
  await page.screenshot({ path: `${SHOTS}/login.png` });
  await page.fill('#login', 'shevchenko');
  await page.fill('#password', 'wrong');
  await page.click('#sign-in');
  await page.waitForFunction(() => document.querySelector('#login-error')?.textContent.length > 0);
  assert.match(await page.textContent('#login-error'), /Неправильний логін або пароль/);

  step('an operator logs in and sees the journal but neither statistics nor the board');
  await login(page, 'shevchenko', 'vikno-operator');
  await page.waitForSelector('#appeals tbody tr');
  assert.equal(await page.locator('#nav-stats').count(), 0);
  assert.equal(await page.locator('#nav-board').count(), 0);
  assert.equal(await page.evaluate(async () => (await fetch('/api/statistics')).status), 403);
  assert.equal(await page.evaluate(async () => (await fetch('/api/board')).status), 403);
  await page.goto(BASE + '/#/stats');
  await page.waitForSelector('text=Недостатньо прав');
  await page.goto(BASE + '/#/appeals');
  await page.waitForSelector('#appeals tbody tr');
  await page.waitForFunction(() => document.getElementById('live')?.dataset.state === 'up');
  const before = await page.locator('#appeals tbody tr').count();
  await page.evaluate(() => { window.__sameDocument = true; });

  step('a supervisor opens the live board: no calls yet');
  const boss = await newPage(LAPTOP);
  await login(boss, 'koval', 'vikno-super');
  await boss.click('#nav-board');
  await boss.waitForSelector('#board-no-calls');
  await boss.waitForSelector('#board-departments [data-department="dispatch"] [data-extension="200"][data-state="free"]');

  step('the operator switches "do not disturb" on and off in the header: the board follows');
  await page.waitForSelector('#dnd:not([hidden])');
  assert.equal((await page.textContent('#dnd')).trim(), 'Приймаю дзвінки');
  await page.click('#dnd');
  await page.waitForSelector('#dnd[aria-pressed="true"]');
  assert.equal((await page.textContent('#dnd')).trim(), 'Не турбувати');
  await boss.waitForSelector('#board-departments [data-department="dispatch"] [data-extension="200"][data-state="dnd"]', { timeout: 15_000 });
  await page.click('#dnd');
  await page.waitForSelector('#dnd[aria-pressed="false"]');
  await boss.waitForSelector('#board-departments [data-department="dispatch"] [data-extension="200"][data-state="free"]', { timeout: 15_000 });

  step('a resident calls and dials 200: the operator sees the pop-up with the earlier appeal');
  await ask('vikno:resident-calls');
  await page.waitForSelector('#call-popup', { timeout: 20_000 });
  assert.equal((await page.textContent('#call-popup-caller')).trim(), RESIDENT);
  await page.waitForSelector(`#call-popup li[data-number="${EARLIER}"]`);
  await page.screenshot({ path: `${SHOTS}/incoming-call.png` });
  await boss.waitForSelector('#board-calls tr[data-stage="ringing"]');
  assert.match(await boss.textContent('#board-calls tr[data-stage="ringing"] .party'), /200/);

  step('the operator answers: the board shows who talks to whom, with the duration ticking');
  await ask('vikno:operator-answers');
  await page.waitForSelector('#call-popup[data-state="answered"]');
  assert.equal((await page.textContent('#call-popup .popup-head strong')).trim(), 'Розмова');
  const row = '#board-calls tr[data-stage="talking"]';
  await boss.waitForSelector(row);
  assert.equal((await boss.textContent(`${row} .caller`)).trim(), RESIDENT);
  assert.match(await boss.textContent(`${row} .party`), /Шевченко.*200/);
  const tick1 = (await boss.textContent(`${row} .duration`)).trim();
  await boss.waitForFunction(([sel, was]) => document.querySelector(sel)?.textContent.trim() !== was,
    [`${row} .duration`, tick1], { timeout: 3000 });
  await boss.waitForSelector('#board-departments [data-extension="200"][data-state="on-call"]');
  await boss.screenshot({ path: `${SHOTS}/board.png`, fullPage: true });

  for (const mode of ['listen', 'whisper', 'barge']) {
    step(`the supervisor presses ${mode}: Vikno rings line 105 and the API accepts`);
    const request = boss.waitForRequest((r) => r.url().endsWith('/api/supervision') && r.method() === 'POST');
    const response = boss.waitForResponse((r) => r.url().endsWith('/api/supervision'), { timeout: 25_000 });
    await boss.click(`${row} button[data-mode="${mode}"]`);
    assert.deepEqual(JSON.parse((await request).postData()), { supervisor: '105', line: '200', mode });
    const answer = await response;
    assert.equal(answer.status(), 200, await answer.text());
    await boss.waitForSelector(`#board-session[data-state="started"][data-mode="${mode}"]`);
    if (mode === 'listen') await boss.screenshot({ path: `${SHOTS}/board-listening.png` });
    await ask('vikno:supervisor-hangs-up');
  }

  step('the resident hangs up: the appeal appears in the open journal without a reload');
  await ask('vikno:resident-hangs-up');
  await page.waitForSelector('#call-popup[data-state="ended"]', { timeout: 15_000 });
  await page.click('#call-popup-close');
  assert.equal(await page.locator('#call-popup').count(), 0);
  await page.waitForFunction((n) => document.querySelectorAll('#appeals tbody tr').length === n + 1, before,
    { timeout: 20_000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
  const fresh = page.locator('#appeals tbody tr').first();
  assert.match(await fresh.textContent(), new RegExp(RESIDENT.replace('+', '\\+')));
  const number = await fresh.getAttribute('data-number');
  await page.screenshot({ path: `${SHOTS}/journal.png` });
  await boss.waitForSelector('#board-no-calls');
  await boss.waitForSelector('#board-session[data-state="ended"]');

  step('the resident calls again and asks for an operator: the board shows them waiting in the queue');
  await ask('vikno:resident-queues');
  await boss.waitForSelector('#board-queues [data-queue="dispatch"] .waiting-list li', { timeout: 15_000 });
  assert.equal((await boss.textContent('#board-queues [data-queue="dispatch"] .waiting')).trim(), '1');
  await boss.waitForSelector('#board-calls tr[data-stage="queued"]');
  assert.equal((await boss.textContent('#board-calls tr[data-stage="queued"] .caller')).trim(), RESIDENT);
  const longest = '#board-tiles [data-key="waiting"] .value';
  assert.equal((await boss.textContent(longest)).trim(), '1');
  const wait1 = (await boss.textContent('#board-tiles [data-key="longest"] .value')).trim();
  assert.match(wait1, /^\d+:\d\d$/);
  await boss.waitForFunction((was) => document.querySelector('#board-tiles [data-key="longest"] .value')?.textContent.trim() !== was,
    wait1, { timeout: 3000 });
  await boss.screenshot({ path: `${SHOTS}/board-queue.png`, fullPage: true });
  await ask('vikno:resident-hangs-up');
  await boss.waitForSelector('#board-no-calls', { timeout: 15_000 });

  step('a status change in the card');
  await page.click(`#appeals tr[data-number="${number}"] a`);
  await page.waitForSelector('#card-number');
  assert.equal(await page.textContent('#card-number'), number);
  const phone = (await page.textContent('dl.details dd')).trim();
  await page.click('#to-in-progress');
  await page.waitForSelector('#card-status [data-status="in-progress"]');
  await page.waitForSelector('#history li:has-text("shevchenko")');
  report('status-phone', phone);
  report('status-changed', number);

  step('a personal SMS from the card');
  const text = `Бригада прибуде до 15:00 (${Date.now() % 100000})`;
  await page.fill('#sms-text', text);
  await page.click('#sms-form button[type=submit]');
  await page.waitForSelector(`#sms td:has-text("${text}")`);
  report('personal-sms', text);
  await page.screenshot({ path: `${SHOTS}/card.png`, fullPage: true });

  step('a comment being typed survives a change the supervisor makes meanwhile, which shows live');
  await page.fill('#comment-text', 'Ще пишу…');
  await page.focus('#comment-text');
  const status = await boss.evaluate(async (n) => {
    const me = await (await fetch('/api/session')).json();
    return (await fetch(`/api/appeals/${n}/comments`, { method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ text: 'Коментар супервізора' }) })).status;
  }, number);
  assert.equal(status, 200);
  await page.waitForSelector('#history li:has-text("Коментар супервізора")');
  assert.equal(await page.inputValue('#comment-text'), 'Ще пишу…');

  step('the recording of the call plays as long as the call was');
  const talkMs = await page.evaluate(async (n) => {
    const appeal = await (await fetch(`/api/appeals/${n}`)).json();
    const from = new Date(Date.now() - 3600_000).toISOString();
    const calls = await (await fetch(`/api/calls?from=${encodeURIComponent(from)}`)).json();
    const items = Array.isArray(calls) ? calls : calls.items || calls.calls;
    return items.find((c) => c.callId === appeal.callId)?.talkMs;
  }, number);
  assert.ok(talkMs > 1000, `the call record's talk time is ${talkMs} ms`);
  let duration = NaN;
  for (let i = 0; i < 20 && !(duration > 0); i++) {
    if (i > 0) {
      await page.waitForTimeout(1000); // the recorder converts the call's WAV to MP3 once it ends
      await page.reload();
    }
    await page.waitForSelector('#recording');
    duration = await page.evaluate(() => new Promise((resolve) => {
      const audio = document.getElementById('recording');
      if (audio.readyState >= 1) resolve(audio.duration);
      audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
      audio.addEventListener('error', () => resolve(NaN));
      audio.load();
    }));
  }
  console.log(`recording ${duration.toFixed(2)} s, call record's talk time ${(talkMs / 1000).toFixed(2)} s`);
  assert.ok(Math.abs(duration - talkMs / 1000) < 0.6, `the recording lasts ${duration} s, the call ${talkMs / 1000} s`);
  await page.screenshot({ path: `${SHOTS}/card-recording.png`, fullPage: true });

  step('the call history and its CSV');
  await page.click('#nav-calls');
  await page.waitForSelector('#calls tbody tr');
  const csv = await page.evaluate(async () => {
    const r = await fetch(document.getElementById('csv').href);
    return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
  });
  assert.equal(csv.status, 200);
  assert.match(csv.type, /text\/csv/);
  assert.ok(csv.body.includes(RESIDENT), 'the CSV names the resident');
  await page.screenshot({ path: `${SHOTS}/calls.png` });

  step('the supervisor sees the statistics the API returns');
  await boss.click('#nav-stats');
  await boss.waitForSelector('#totals .tile');
  const api = await boss.evaluate(async () => {
    const from = document.getElementById('s-from').value;
    const to = document.getElementById('s-to').value;
    const end = new Date(`${to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    const q = new URLSearchParams({ from: new Date(`${from}T00:00:00`).toISOString(),
      to: (end > new Date() ? new Date() : end).toISOString(), within: '20' });
    return (await fetch(`/api/statistics?${q}`)).json();
  });
  const tile = async (key) => (await boss.textContent(`#totals [data-key="${key}"] .value`)).trim();
  assert.equal(await tile('offered'), String(api.total.offered));
  assert.equal(await tile('answered'), String(api.total.answered));
  assert.equal(await tile('missed'), String(api.total.missed));
  assert.ok(api.total.offered >= 4, `offered ${api.total.offered}`);
  for (const r of api.byDepartment) {
    const cells = `#by-department tr[data-key="${r.key}"]`;
    assert.equal((await boss.textContent(`${cells} .offered`)).trim(), String(r.offered));
    assert.equal((await boss.textContent(`${cells} .answered`)).trim(), String(r.answered));
    assert.equal((await boss.textContent(`${cells} .missed`)).trim(), String(r.missed));
  }
  assert.equal(await boss.locator('#by-department svg rect.answered').count() >= api.byDepartment.length, true);
  await boss.screenshot({ path: `${SHOTS}/statistics.png`, fullPage: true });
  assert.equal(await boss.locator('#nav-schedule').count(), 0);
  await boss.context().close();

  step('an admin forces the centre closed until a time, then cancels it');
  await logout(page);
  await login(page, 'admin', 'vikno-admin');
  await page.click('#nav-schedule');
  await page.waitForSelector('#schedule-state');
  await page.waitForSelector('#plan-form');
  await page.selectOption('#override-state', 'closed');
  await page.fill('#override-reason', 'Аварія на водогоні');
  await page.click('#override-apply');
  await page.waitForSelector('#schedule-state[data-open="false"]');
  assert.match(await page.textContent('#schedule-state'), /^Зачинено до /);
  assert.match(await page.textContent('#schedule-source'), /ручне перемикання — Аварія на водогоні/);
  await page.screenshot({ path: `${SHOTS}/schedule-override.png`, fullPage: true });
  await page.click('#override-clear');
  await page.waitForFunction(() => document.querySelector('#schedule-source')?.dataset.source !== 'override');
  assert.notEqual((await page.evaluate(async () => (await fetch('/api/schedule')).json())).source, 'override');

  step('an admin edits the working hours: a mistake is named; a special day today opens the centre until 23:59');
  await page.fill('#week tr[data-day="mon"] .breaks', '18:00-19:00');
  await page.click('#plan-save');
  await page.waitForSelector('#plan-errors li');
  assert.match(await page.textContent('#plan-errors'), /week\.mon\.breaks\.0: 18:00-19:00 is not within the hours 08:00-17:00/);
  await page.fill('#week tr[data-day="mon"] .breaks', '12:00-13:00');
  await page.click('#add-special');
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Kyiv' }));
  await page.fill('#special-days tr.special:last-child .date', today);
  await page.fill('#special-days tr.special:last-child .name', 'Чергування');
  await page.fill('#special-days tr.special:last-child .hours', '00:00-23:59');
  await page.click('#plan-save');
  await page.waitForSelector('#plan-source[data-source="edited"]');
  await page.waitForSelector('#schedule-source[data-source="special-day"]');
  assert.equal((await page.textContent('#schedule-state')).trim(), 'Відчинено до 23:59');
  assert.match(await page.textContent('#plan-source'), /admin/);
  await page.screenshot({ path: `${SHOTS}/schedule.png`, fullPage: true });
  await page.click('#plan-reset');
  await page.waitForSelector('#plan-source[data-source="config"]');
  assert.equal((await page.evaluate(async () => (await fetch('/api/schedule/plan')).json())).specialDays
    .some((d) => d.date === today && d.name === 'Чергування'), false);

  step('an admin sees the registration state of every line');
  await page.click('#nav-lines');
  await page.waitForSelector('#lines tr[data-extension="200"]');
  assert.match(await page.textContent('#lines tr[data-extension="200"] .reg'), /^Зареєстрована/);
  assert.match(await page.textContent('#lines tr[data-extension="201"] .reg'), /Не зареєстрована/);
  await page.screenshot({ path: `${SHOTS}/lines.png` });

  step('an admin replaces the working-hours greeting: too long and not audio are refused, an MP3 is converted');
  await page.click('#nav-prompts');
  const greeting = '#prompts tr[data-prompt="greeting-working"]';
  await page.waitForSelector(greeting);
  assert.match(await page.textContent(`${greeting} .len`), /\/ 15\.0 с/);
  await page.setInputFiles(`${greeting} .prompt-file`, `${AUDIO}/too-long.ogg`);
  await page.click(`${greeting} .prompt-upload`);
  await page.waitForSelector(`${greeting} .prompt-message.error`, { timeout: 20_000 });
  assert.match(await page.textContent(`${greeting} .prompt-message`), /Запис триває 20\.0 с, а для цього оголошення — не більше 15\.0 с/);
  await page.setInputFiles(`${greeting} .prompt-file`, `${AUDIO}/not-audio.mp3`);
  await page.click(`${greeting} .prompt-upload`);
  await page.waitForFunction((sel) => /не аудіофайл/.test(document.querySelector(sel)?.textContent), `${greeting} .prompt-message`,
    { timeout: 20_000 });
  await page.setInputFiles(`${greeting} .prompt-file`, `${AUDIO}/привітання.mp3`);
  await page.click(`${greeting} .prompt-upload`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.startsWith('5.0 / 15.0'), `${greeting} .len`,
    { timeout: 20_000 });
  assert.match(await page.textContent(greeting), /завантажено в консолі/);
  const preview = await page.evaluate((sel) => new Promise((resolve) => {
    const a = document.querySelector(sel);
    a.addEventListener('loadedmetadata', () => resolve(a.duration));
    a.addEventListener('error', () => resolve(NaN));
    a.load();
  }), `${greeting} audio.preview`);
  assert.ok(Math.abs(preview - 5) < 0.1, `the preview lasts ${preview} s`);
  await page.screenshot({ path: `${SHOTS}/prompts.png`, fullPage: true });

  step('the English switch');
  await page.click('#nav-schedule');
  await page.waitForSelector('#schedule-state');
  await page.click('#lang');
  await page.waitForSelector('#schedule-state');
  assert.match(await page.textContent('#nav-appeals'), /Appeals/);
  assert.match(await page.textContent('#schedule-state'), /^(Open|Closed)/);
  await page.click('#lang');

  step('the main pages on a phone screen');
  const small = await newPage(PHONE);
  await login(small, 'admin', 'vikno-admin');
  await small.waitForSelector('#appeals tbody tr');
  await noOverflow(small, 'the journal');
  await small.screenshot({ path: `${SHOTS}/journal-phone.png`, fullPage: true });
  await small.click(`#appeals tr[data-number="${number}"] a`);
  await small.waitForSelector('#card-number');
  await noOverflow(small, 'the card');
  await small.screenshot({ path: `${SHOTS}/card-phone.png`, fullPage: true });
  for (const [id, ready] of [['board', '#board-tiles .tile'], ['stats', '#totals .tile'], ['schedule', '#schedule-state'],
    ['prompts', '#prompts tbody tr'], ['lines', '#lines tbody tr']]) {
    await small.goto(`${BASE}/#/${id}`);
    await small.waitForSelector(ready);
    await noOverflow(small, `the ${id} page`);
    await small.screenshot({ path: `${SHOTS}/${id === 'stats' ? 'statistics' : id}-phone.png`, fullPage: true });
  }
  assert.equal(failed, false, 'the page threw errors');
  step('all done');
} catch (e) {
  failed = true;
  console.log(`FAILED: ${e.stack || e}`);
} finally {
  await browser.close().catch(() => {});
  lines.close();
}
process.exit(failed ? 1 : 0);
