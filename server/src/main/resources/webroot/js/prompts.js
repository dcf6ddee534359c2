// Greetings and other prompts (admin): each prompt's length against its maximum, a preview of what callers hear,
// and an upload of a new recording in any common audio format (converted on the server, refused when too long).
import { api } from './api.js';
import { h, clear, toast } from './dom.js';
import { t } from './i18n.js';
import { table } from './common.js';

const seconds = (ms) => (ms / 1000).toFixed(1);

export function promptsPage(ctx) {
  const body = h('div', { id: 'prompts-body' }, h('p', { class: 'muted' }, '…'));
  clear(ctx.main, h('section', {},
    h('div', { class: 'page-head' }, h('h1', {}, t('prompts')), h('span', { class: 'muted' }, t('promptsHint'))), body));
  let version = Date.now();

  function row(p, limitMb) {
    const message = h('div', { class: 'prompt-message', role: 'status' });
    const file = h('input', { type: 'file', accept: 'audio/*,.wav,.mp3,.ogg,.oga,.opus,.flac,.m4a,.aac,.wma',
      class: 'prompt-file', 'aria-label': t('chooseFile') });
    const upload = h('button', { type: 'button', class: 'prompt-upload', onclick: async () => {
      const f = file.files[0];
      if (!f) { message.className = 'prompt-message error'; message.textContent = t('chooseFile'); return; }
      if (f.size > limitMb * 1024 * 1024) {
        message.className = 'prompt-message error';
        message.textContent = t('fileTooBig', { mb: limitMb });
        return;
      }
      upload.disabled = true;
      message.className = 'prompt-message muted';
      message.textContent = t('converting');
      try {
        await api.upload(`/api/prompts/${encodeURIComponent(p.id)}`, f);
        version = Date.now();
        toast(t('promptReplaced', { id: p.id }), 'ok');
        load();
      } catch (e) {
        message.className = 'prompt-message error';
        message.textContent = e.data?.problem === 'too-long'
          ? t('promptTooLong', { len: seconds(e.data.lengthMs), max: seconds(e.data.maxLengthMs) })
          : e.data?.problem === 'unconvertible' ? t('promptUnconvertible')
            : e.status === 413 ? t('fileTooBig', { mb: limitMb }) : `${t('error')}: ${e.message}`;
        upload.disabled = false;
      }
    } }, t('upload'));
    return h('tr', { dataset: { prompt: p.id } },
      h('td', { 'data-label': t('prompt') }, h('code', {}, p.id),
        p.uploaded ? h('div', { class: 'muted small' }, t('uploaded')) : null),
      h('td', { 'data-label': t('length'), class: 'length' },
        h('span', { class: 'len' }, `${seconds(p.lengthMs || 0)} / ${seconds(p.maxLengthMs)} ${t('sec')}`),
        h('progress', { class: 'meter', max: p.maxLengthMs, value: Math.min(p.lengthMs || 0, p.maxLengthMs) })),
      h('td', { 'data-label': t('preview') }, h('audio', { controls: true, preload: 'none', class: 'preview',
        src: `/api/prompts/${encodeURIComponent(p.id)}/audio?v=${version}` })),
      h('td', { 'data-label': t('newRecording'), class: 'prompt-actions' }, h('div', { class: 'upload-row' }, file, upload), message));
  }

  async function load() {
    try {
      const r = await api.get('/api/prompts');
      const limitMb = Math.floor(r.maxUploadBytes / 1024 / 1024);
      clear(body, table([t('prompt'), t('length'), t('preview'), t('newRecording')], r.prompts.map((p) => row(p, limitMb)),
        { id: 'prompts', class: 'rows' }));
    } catch (e) {
      clear(body, h('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  }
  load();
  return {};
}
