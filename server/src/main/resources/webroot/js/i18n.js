// Ukrainian first; English as a switch. Keys are English phrases' short names.
const uk = {
  appName: 'Вікно', login: 'Вхід', loginName: 'Логін', password: 'Пароль', signIn: 'Увійти', logout: 'Вийти',
  wrongLogin: 'Неправильний логін або пароль', lockedOut: 'Забагато невдалих спроб. Спробуйте через {s} с',
  journal: 'Журнал звернень', calls: 'Історія дзвінків', statistics: 'Статистика', schedule: 'Розклад',
  phone: 'Телефон', status: 'Статус', category: 'Категорія', department: 'Відділ', operator: 'Оператор',
  from: 'З', to: 'По', any: 'усі', apply: 'Застосувати', reset: 'Скинути', search: 'Пошук',
  searchHint: 'Номер звернення або телефон', mine: 'Мої', number: 'Номер', created: 'Створено', kind: 'Дзвінок',
  assignee: 'Виконавець', shown: 'Показано {a}–{b} з {n}', none: 'Нічого не знайдено', prev: '← Попередні',
  next: 'Наступні →', back: '← До журналу', details: 'Відомості', history: 'Історія', sms: 'SMS',
  changeStatus: 'Змінити статус', comment: 'Коментар', addComment: 'Додати коментар', assign: 'Призначити',
  assignTo: 'Кому призначити', send: 'Надіслати', personalSms: 'Особисте SMS мешканцю', chars: '{n} симв.',
  recording: 'Запис розмови', noRecording: 'Запису немає', linkedTo: 'Пов’язане з', ivrPath: 'Шлях у меню',
  updated: 'Змінено', export: 'Експорт CSV', show: 'Показати', started: 'Початок', talk: 'Розмова, с',
  wait: 'Очікування, с', caller: 'Абонент', dialled: 'Набраний номер', cause: 'Завершення',
  offered: 'Надійшло', answered: 'Прийнято', missed: 'Пропущено', avgWait: 'Сер. очікування, с',
  avgTalk: 'Сер. розмова, с', serviceLevel: 'Прийнято за {s} с', total: 'Усього', byDepartment: 'За відділами',
  byOperator: 'За операторами', within: 'Поріг, с', saved: 'Збережено', smsQueued: 'SMS поставлено в чергу',
  newAppeal: 'Нове звернення {n}', changedAppeal: 'Звернення {n} змінено', live: 'Оновлення наживо',
  offline: 'Немає зʼєднання', openUntil: 'Відчинено до {t}', closedUntil: 'Зачинено до {t}', open: 'Відчинено',
  closed: 'Зачинено', scheduleNow: 'Стан розкладу зараз', because: 'Правило', zone: 'Часовий пояс',
  'source.week': 'тижневий графік', 'source.holiday': 'свято', 'source.special-day': 'особливий день',
  'source.override': 'ручне перемикання', forbidden: 'Недостатньо прав', error: 'Помилка',
  'status.registered': 'Зареєстровано', 'status.assigned': 'Передано виконавцю', 'status.in-progress': 'В роботі',
  'status.resolved': 'Виконано', 'status.rejected': 'Відхилено', 'status.reopened': 'Відкрито повторно',
  'action.assigned': 'Передати', 'action.in-progress': 'Взяти в роботу', 'action.resolved': 'Виконано',
  'action.rejected': 'Відхилити', 'action.reopened': 'Відкрити повторно',
  'kind.answered': 'прийнятий', 'kind.voicemail': 'голосове повідомлення', 'kind.missed': 'пропущений',
  'kind.abandoned': 'покинутий',
  'history.CREATED': 'створено', 'history.STATUS': 'статус', 'history.ASSIGNED': 'призначено',
  'history.COMMENT': 'коментар', 'history.LINKED': 'пов’язано', 'history.REPEATED_CALL': 'повторний дзвінок',
  'history.SMS': 'SMS', noSms: 'SMS ще не надсилались', chart: 'Прийняті та пропущені', myCalls: 'Лише мої дзвінки',
  incomingCall: 'Вхідний дзвінок', earlierAppeals: 'Попередні звернення', noEarlier: 'Звернень від цього номера не було',
  allAppeals: 'Усі звернення абонента →',
  'sms.queued': 'у черзі', 'sms.sent': 'надіслано', 'sms.delivered': 'доставлено', 'sms.failed': 'не доставлено',
  'sms.skipped': 'не надсилалось', 'sms.sending': 'надсилається',
  lines: 'Лінії', refresh: 'Оновити', extension: 'Номер лінії', name: 'Ім’я', state: 'Стан', contacts: 'Адреси',
  registered: 'Зареєстрована', unregistered: 'Не зареєстрована', until: 'до',
  board: 'Живе табло', monitorHint: 'Прослуховування дзвонить на вашу лінію {line}',
  noLineToMonitor: 'У вашого користувача немає лінії для прослуховування', callsNow: 'Дзвінки зараз',
  queues: 'Черги', operators: 'Оператори', ringingYou: 'Дзвонимо на вашу лінію {line}… підніміть слухавку',
  'monitoring.listen': 'Ви слухаєте лінію {line} (абонент {caller})',
  'monitoring.whisper': 'Ви підказуєте лінії {line} (абонент {caller} вас не чує)',
  'monitoring.barge': 'Ви в розмові лінії {line} з абонентом {caller}', monitorStarted: 'Під’єднано', monitorEnded: 'Розмову, яку ви слухали, завершено',
  'refused.no-live-call': 'На цій лінії вже немає дзвінка', 'refused.own-line': 'Власну лінію слухати не можна',
  'refused.not-a-supervisor': 'Ваша лінія не має ролі супервізора',
  'refused.supervisor-unreachable': 'Ваша лінія не відповіла (не зареєстрована, зайнята або не підняли слухавку)',
  waitingNow: 'Чекають', longestWait: 'Найдовше очікування', freeOperators: 'Вільні оператори',
  ringingLine: 'дзвонить', 'mode.listen': 'Слухати', 'mode.whisper': 'Підказувати', 'mode.barge': 'Втрутитись',
  talksTo: 'З ким', stage: 'Етап', duration: 'Тривалість', noCallsNow: 'Зараз дзвінків немає',
  freeCount: 'вільно: {n}', 'stage.talking': 'розмова', 'stage.queued': 'у черзі', 'stage.ringing': 'дзвонить',
  'stage.ivr': 'голосове меню', 'stage.offered': 'з’єднання', 'line.free': 'вільна', 'line.on-call': 'розмовляє',
  'line.dnd': 'не турбувати', 'line.offline': 'не в мережі',
  override: 'Ручне перемикання', forceClosed: 'Зачинити (напр. аварія)', forceOpen: 'Відчинити',
  overrideReasonHint: 'Аварія на водогоні', overrideActive: 'Діє до {until}', overridePrompt: 'Оголошення (для «зачинено»)',
  reason: 'Причина', validUntil: 'Діє до', overrideClear: 'Скасувати перемикання', opens: 'Відкриття', closes: 'Закриття',
  day: 'День', hours: 'Години', breaks: 'Перерви', date: 'Дата', remove: 'Видалити', closedAllDay: 'вихідний',
  weeklyHours: 'Графік роботи', planEdited: 'Змінено в консолі: {by}, {at}', planFromConfig: 'З файлу конфігурації',
  holidays: 'Святкові дні (зачинено)', specialDays: 'Особливі дні', addHoliday: '+ Свято', addSpecialDay: '+ Особливий день',
  saveSchedule: 'Зберегти графік', planReset: 'Повернути графік з конфігурації',
  'day.mon': 'Понеділок', 'day.tue': 'Вівторок', 'day.wed': 'Середа', 'day.thu': 'Четвер', 'day.fri': 'Пʼятниця',
  'day.sat': 'Субота', 'day.sun': 'Неділя',
  prompts: 'Привітання', promptsHint: 'Що чують абоненти; новий запис у будь-якому поширеному форматі',
  chooseFile: 'Оберіть аудіофайл', fileTooBig: 'Файл завеликий (не більше {mb} МБ)', converting: 'Перетворюємо…',
  promptReplaced: 'Запис «{id}» замінено', promptTooLong: 'Запис триває {len} с, а для цього оголошення — не більше {max} с',
  promptUnconvertible: 'Це не аудіофайл, який можна перетворити (WAV, MP3, OGG, FLAC, M4A…)', upload: 'Завантажити',
  prompt: 'Оголошення', uploaded: 'завантажено в консолі', length: 'Тривалість', sec: 'с', preview: 'Прослухати',
  newRecording: 'Новий запис',
};

const en = {
  appName: 'Vikno', login: 'Sign in', loginName: 'Login', password: 'Password', signIn: 'Sign in', logout: 'Sign out',
  wrongLogin: 'Wrong login or password', lockedOut: 'Too many failed attempts. Try again in {s} s',
  journal: 'Appeals', calls: 'Call history', statistics: 'Statistics', schedule: 'Schedule',
  phone: 'Phone', status: 'Status', category: 'Category', department: 'Department', operator: 'Operator',
  from: 'From', to: 'To', any: 'any', apply: 'Apply', reset: 'Reset', search: 'Search',
  searchHint: 'Appeal number or phone', mine: 'Mine', number: 'Number', created: 'Created', kind: 'Call',
  assignee: 'Assignee', shown: '{a}–{b} of {n}', none: 'Nothing found', prev: '← Previous',
  next: 'Next →', back: '← Back to appeals', details: 'Details', history: 'History', sms: 'SMS',
  changeStatus: 'Change status', comment: 'Comment', addComment: 'Add comment', assign: 'Assign',
  assignTo: 'Assign to', send: 'Send', personalSms: 'Personal SMS to the resident', chars: '{n} chars',
  recording: 'Call recording', noRecording: 'No recording', linkedTo: 'Linked to', ivrPath: 'Menu path',
  updated: 'Updated', export: 'Export CSV', show: 'Show', started: 'Started', talk: 'Talk, s',
  wait: 'Wait, s', caller: 'Caller', dialled: 'Dialled', cause: 'Hang-up',
  offered: 'Offered', answered: 'Answered', missed: 'Missed', avgWait: 'Avg wait, s',
  avgTalk: 'Avg talk, s', serviceLevel: 'Answered within {s} s', total: 'Total', byDepartment: 'By department',
  byOperator: 'By operator', within: 'Threshold, s', saved: 'Saved', smsQueued: 'SMS queued',
  newAppeal: 'New appeal {n}', changedAppeal: 'Appeal {n} changed', live: 'Live updates',
  offline: 'Disconnected', openUntil: 'Open until {t}', closedUntil: 'Closed until {t}', open: 'Open',
  closed: 'Closed', scheduleNow: 'Schedule now', because: 'Rule', zone: 'Time zone',
  'source.week': 'weekly hours', 'source.holiday': 'holiday', 'source.special-day': 'special day',
  'source.override': 'manual override', forbidden: 'Not allowed', error: 'Error',
  'status.registered': 'Registered', 'status.assigned': 'Assigned', 'status.in-progress': 'In progress',
  'status.resolved': 'Resolved', 'status.rejected': 'Rejected', 'status.reopened': 'Reopened',
  'action.assigned': 'Assign', 'action.in-progress': 'Start work', 'action.resolved': 'Resolve',
  'action.rejected': 'Reject', 'action.reopened': 'Reopen',
  'kind.answered': 'answered', 'kind.voicemail': 'voicemail', 'kind.missed': 'missed', 'kind.abandoned': 'abandoned',
  'history.CREATED': 'created', 'history.STATUS': 'status', 'history.ASSIGNED': 'assigned',
  'history.COMMENT': 'comment', 'history.LINKED': 'linked', 'history.REPEATED_CALL': 'repeated call',
  'history.SMS': 'SMS', noSms: 'No SMS yet', chart: 'Answered and missed', myCalls: 'Only my calls',
  incomingCall: 'Incoming call', earlierAppeals: 'Earlier appeals', noEarlier: 'No appeals from this number',
  allAppeals: 'All appeals of the caller →',
  'sms.queued': 'queued', 'sms.sent': 'sent', 'sms.delivered': 'delivered', 'sms.failed': 'failed',
  'sms.skipped': 'not sent', 'sms.sending': 'sending',
  lines: 'Lines', refresh: 'Refresh', extension: 'Extension', name: 'Name', state: 'State', contacts: 'Contacts',
  registered: 'Registered', unregistered: 'Not registered', until: 'until',
  board: 'Live board', monitorHint: 'Monitoring rings your line {line}',
  noLineToMonitor: 'Your user has no line to monitor from', callsNow: 'Calls now',
  queues: 'Queues', operators: 'Operators', ringingYou: 'Calling your line {line}… pick up',
  'monitoring.listen': 'You are listening to line {line} (caller {caller})',
  'monitoring.whisper': 'You are whispering to line {line} (caller {caller} cannot hear you)',
  'monitoring.barge': 'You are in the call of line {line} with {caller}', monitorStarted: 'Connected', monitorEnded: 'The call you monitored has ended',
  'refused.no-live-call': 'This line is no longer on a call', 'refused.own-line': 'You cannot monitor your own line',
  'refused.not-a-supervisor': 'Your line does not have the supervisor role',
  'refused.supervisor-unreachable': 'Your line did not answer (not registered, busy or not picked up)',
  waitingNow: 'Waiting', longestWait: 'Longest wait', freeOperators: 'Free operators',
  ringingLine: 'ringing', 'mode.listen': 'Listen', 'mode.whisper': 'Whisper', 'mode.barge': 'Barge',
  talksTo: 'With', stage: 'Stage', duration: 'Duration', noCallsNow: 'No calls now',
  freeCount: 'free: {n}', 'stage.talking': 'talking', 'stage.queued': 'in queue', 'stage.ringing': 'ringing',
  'stage.ivr': 'voice menu', 'stage.offered': 'connecting', 'line.free': 'free', 'line.on-call': 'on a call',
  'line.dnd': 'do not disturb', 'line.offline': 'offline',
  override: 'Manual override', forceClosed: 'Close (e.g. outage)', forceOpen: 'Open',
  overrideReasonHint: 'Water main burst', overrideActive: 'In force until {until}', overridePrompt: 'Announcement (when closed)',
  reason: 'Reason', validUntil: 'Until', overrideClear: 'Cancel override', opens: 'Opens', closes: 'Closes',
  day: 'Day', hours: 'Hours', breaks: 'Breaks', date: 'Date', remove: 'Remove', closedAllDay: 'closed',
  weeklyHours: 'Working hours', planEdited: 'Edited in the console: {by}, {at}', planFromConfig: 'From the configuration file',
  holidays: 'Holidays (closed)', specialDays: 'Special days', addHoliday: '+ Holiday', addSpecialDay: '+ Special day',
  saveSchedule: 'Save schedule', planReset: 'Back to the configuration file',
  'day.mon': 'Monday', 'day.tue': 'Tuesday', 'day.wed': 'Wednesday', 'day.thu': 'Thursday', 'day.fri': 'Friday',
  'day.sat': 'Saturday', 'day.sun': 'Sunday',
  prompts: 'Greetings', promptsHint: 'What callers hear; upload a new recording in any common format',
  chooseFile: 'Choose an audio file', fileTooBig: 'The file is too large (at most {mb} MB)', converting: 'Converting…',
  promptReplaced: '“{id}” replaced', promptTooLong: 'The recording lasts {len} s; this prompt allows at most {max} s',
  promptUnconvertible: 'This is not audio that can be converted (WAV, MP3, OGG, FLAC, M4A…)', upload: 'Upload',
  prompt: 'Prompt', uploaded: 'uploaded in the console', length: 'Length', sec: 's', preview: 'Preview',
  newRecording: 'New recording',
};

const dictionaries = { uk, en };
let lang = localStorage.getItem('vikno.lang') === 'en' ? 'en' : 'uk';

export function language() { return lang; }

export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'uk';
  localStorage.setItem('vikno.lang', lang);
  document.documentElement.lang = lang;
}

export function t(key, values = {}) {
  const text = dictionaries[lang][key] ?? uk[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (values[k] ?? ''));
}

let zone = 'Europe/Kyiv';
export function setZone(z) { if (z) zone = z; }
export function siteZone() { return zone; }

export function dateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'uk-UA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
