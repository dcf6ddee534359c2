// The server's event stream (SSE): calls back with each appeal event and each call ringing the user's line;
// shows whether it is connected.
import { t } from './i18n.js';

/** How long to wait before opening a new stream once the browser has given one up (a 503 while Redis is away). */
const REOPEN_MS = 5000;

export class Live {
  constructor(indicator, onEvent, onCall) {
    this.indicator = indicator;
    this.onEvent = onEvent;
    this.onCall = onCall;
    this.closed = false;
    this.open(false);
  }

  /** Opens the stream; {@code missed}: events may have been missed since the last one, so reread on opening. */
  open(missed) {
    this.source = new EventSource('/api/events');
    // after a gap (a reconnect, or the server's feed from Redis cut) events were missed: reread what is shown
    let cut = missed;
    this.source.addEventListener('open', () => {
      this.show(true);
      if (cut) this.onEvent({ kind: 'resync' });
      cut = false;
    });
    this.source.addEventListener('error', () => {
      this.show(false);
      cut = true;
      // the browser retries by itself unless the answer was not a stream (e.g. 503): then it is ours to retry
      if (this.source.readyState === EventSource.CLOSED && !this.closed) {
        this.reopen = setTimeout(() => this.open(true), REOPEN_MS);
      }
    });
    this.source.addEventListener('resync', () => this.onEvent({ kind: 'resync' }));
    this.source.addEventListener('appeal', (m) => {
      try { this.onEvent(JSON.parse(m.data)); } catch (e) { console.warn('bad event', e); }
    });
    this.source.addEventListener('call', (m) => {
      try { this.onCall(JSON.parse(m.data)); } catch (e) { console.warn('bad call event', e); }
    });
  }

  show(up) {
    this.indicator.classList.toggle('up', up);
    this.indicator.title = up ? t('live') : t('offline');
    this.indicator.dataset.state = up ? 'up' : 'down';
  }

  close() {
    this.closed = true;
    clearTimeout(this.reopen);
    this.source.close();
  }
}
