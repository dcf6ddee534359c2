// The server's event stream (SSE): calls back with each appeal event and each call ringing the user's line;
// shows whether it is connected.
import { t } from './i18n.js';

export class Live {
  constructor(indicator, onEvent, onCall) {
    this.indicator = indicator;
    this.source = new EventSource('/api/events');
    this.source.addEventListener('open', () => this.show(true));
    this.source.addEventListener('error', () => this.show(false));
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
