// Drives the Vikno console in Debian's headless Chromium. Started by ConsoleBrowserTest, which serves the node
// at VIKNO_URL and answers "vikno:create-appeal" on stdout with "appeal <number>" on stdin.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';

const BASE = process.env.VIKNO_URL;
const SHOTS = process.env.VIKNO_SCREENSHOTS;
const T = 10_000;

const lines = createInterface({ input: process.stdin });
const waiting = [];
lines.on('line', (l) => waiting.shift()?.(l));
function ask(question) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${question}`)), T);
    waiting.push((l) => { clearTimeout(timer); resolve(l); });
    console.log(question);
  });
}
const report = (key, value) => console.log(`vikno:report ${key} ${value}`);
const step = (name) => console.log(`step: ${name}`);

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

// Playwright gives every launch a fresh, empty profile directory of its own.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  headless: true,
  timeout: 30_000,
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
  const page = await context.newPage();
  page.setDefaultTimeout(T);
  page.on('pageerror', (e) => { console.log(`page error: ${e.message}`); failed = true; });

  step('a wrong password is refused');
  await page.goto(BASE + '/');
  await page.waitForSelector('#sign-in');
  await page.screenshot({ path: `${SHOTS}/login.png` });
  await page.fill('#login', 'shevchenko');
  await page.fill('#password', 'wrong');
  await page.click('#sign-in');
  await page.waitForFunction(() => document.querySelector('#login-error')?.textContent.length > 0);
  assert.match(await page.textContent('#login-error'), /Неправильний логін або пароль/);

  step('an operator logs in and sees the journal but not statistics');
  await login(page, 'shevchenko', 'vikno-operator');
  await page.waitForSelector('#appeals tbody tr');
  assert.equal(await page.locator('#nav-stats').count(), 0);
  assert.equal(await page.evaluate(async () => (await fetch('/api/statistics')).status), 403);
  await page.goto(BASE + '/#/stats');
  await page.waitForSelector('text=Недостатньо прав');

  step('a new appeal appears in the open journal without a reload');
  await page.goto(BASE + '/#/appeals');
  await page.waitForSelector('#appeals tbody tr');
  await page.waitForFunction(() => document.getElementById('live')?.dataset.state === 'up');
  const before = await page.locator('#appeals tbody tr').count();
  await page.evaluate(() => { window.__sameDocument = true; });
  const number = (await ask('vikno:create-appeal')).replace(/^appeal /, '');
  await page.waitForSelector(`#appeals tr[data-number="${number}"]`, { timeout: T });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
  assert.equal(await page.locator('#appeals tbody tr').count(), before + 1);
  await page.screenshot({ path: `${SHOTS}/journal.png` });

  step('an incoming call on the operator line pops up the earlier appeals of the caller');
  await ask('vikno:incoming-call +380671112233 200');
  await page.waitForSelector('#call-popup');
  assert.equal((await page.textContent('#call-popup-caller')).trim(), '+380671112233');
  await page.waitForSelector('#call-popup li[data-number]');
  await page.screenshot({ path: `${SHOTS}/incoming-call.png` });
  await page.click('#call-popup-close');
  assert.equal(await page.locator('#call-popup').count(), 0);

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

  step('the recording of an answered call plays');
  await page.goto(BASE + '/#/appeals?phone=%2B380671112233');
  await page.waitForSelector('#appeals tbody tr');
  await page.click('#appeals tbody tr a');
  await page.waitForSelector('#recording');
  const duration = await page.evaluate(() => new Promise((resolve, reject) => {
    const audio = document.getElementById('recording');
    if (audio.readyState >= 1) resolve(audio.duration);
    audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
    audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)));
    audio.load();
  }));
  assert.ok(Math.abs(duration - 3) < 0.2, `recording lasts ${duration} s, expected 3`);
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
  assert.match(csv.body, /\+380671112233/);
  await page.screenshot({ path: `${SHOTS}/calls.png` });
  await logout(page);

  step('a supervisor sees the statistics the API returns');
  await login(page, 'koval', 'vikno-super');
  await page.click('#nav-stats');
  await page.waitForSelector('#totals .tile');
  const api = await page.evaluate(async () => {
    const from = document.getElementById('s-from').value;
    const to = document.getElementById('s-to').value;
    const end = new Date(`${to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    const q = new URLSearchParams({ from: new Date(`${from}T00:00:00`).toISOString(),
      to: (end > new Date() ? new Date() : end).toISOString(), within: '20' });
    return (await fetch(`/api/statistics?${q}`)).json();
  });
  const tile = async (key) => (await page.textContent(`#totals [data-key="${key}"] .value`)).trim();
  assert.equal(await tile('offered'), String(api.total.offered));
  assert.equal(await tile('answered'), String(api.total.answered));
  assert.equal(await tile('missed'), String(api.total.missed));
  assert.ok(api.total.offered >= 4, `offered ${api.total.offered}`);
  for (const row of api.byDepartment) {
    const cells = `#by-department tr[data-key="${row.key}"]`;
    assert.equal((await page.textContent(`${cells} .offered`)).trim(), String(row.offered));
    assert.equal((await page.textContent(`${cells} .answered`)).trim(), String(row.answered));
    assert.equal((await page.textContent(`${cells} .missed`)).trim(), String(row.missed));
  }
  assert.equal(await page.locator('#by-department svg rect.answered').count() >= api.byDepartment.length, true);
  await page.screenshot({ path: `${SHOTS}/statistics.png`, fullPage: true });
  assert.equal(await page.locator('#nav-schedule').count(), 0);
  await logout(page);

  step('an admin sees the schedule state');
  await login(page, 'admin', 'vikno-admin');
  await page.click('#nav-schedule');
  await page.waitForSelector('#schedule-state');
  assert.match(await page.textContent('#schedule-state'), /^(Відчинено|Зачинено)/);
  await page.screenshot({ path: `${SHOTS}/schedule.png` });

  step('an admin sees the registration state of every line');
  await page.click('#nav-lines');
  await page.waitForSelector('#lines tr[data-extension="200"]');
  assert.match(await page.textContent('#lines tr[data-extension="200"] .reg'), /Не зареєстрована/);
  await page.screenshot({ path: `${SHOTS}/lines.png` });
  await page.click('#nav-schedule');
  await page.waitForSelector('#schedule-state');

  step('the English switch');
  await page.click('#lang');
  await page.waitForSelector('#schedule-state');
  assert.match(await page.textContent('#nav-appeals'), /Appeals/);
  await page.click('#lang');

  step('the journal on a phone screen');
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
  const small = await phoneContext.newPage();
  small.setDefaultTimeout(T);
  await login(small, 'shevchenko', 'vikno-operator');
  await small.waitForSelector('#appeals tbody tr');
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the journal is ${overflow}px wider than the phone screen`);
  await small.screenshot({ path: `${SHOTS}/journal-phone.png`, fullPage: true });
  await phoneContext.close();
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
