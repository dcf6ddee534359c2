// The server's event stream (SSE): calls back with each appeal event and each call ringing the user's line;
// shows whether it is connected.
import { t } from './i18n.js';

export class Live {
  constructor(indicator, onEvent, onCall) {
    this.indicator = indicator;
    this.source = new EventSource('/api/events');
    // after a gap (our reconnect, or the server's feed from Redis cut) events were missed: reread what is shown
    let cut = false;
    this.source.addEventListener('open', () => {
      this.show(true);
      if (cut) onEvent({ kind: 'resync' });
      cut = false;
    });
    this.source.addEventListener('error', () => { this.show(false); cut = true; });
    this.source.addEventListener('resync', () => onEvent({ kind: 'resync' }));
    this.source.addEventListener('appeal', (m) => {
      try { onEvent(JSON.parse(m.data)); } catch (e) { console.warn('bad event', e); }
    });
    this.source.addEventListener('call', (m) => {
      try { onCall(JSON.parse(m.data)); } catch (e) { console.warn('bad call event', e); }
    });
  }

  show(up) {
    this.indicator.classList.toggle('up', up);
    this.indicator.title = up ? t('live') : t('offline');
    this.indicator.dataset.state = up ? 'up' : 'down';
  }

  close() {
    this.source.close();
  }
}
