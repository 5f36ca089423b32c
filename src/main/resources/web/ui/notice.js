// Notices: server `error` / `training_error` messages and other news, one line at a time.
// Any module posts one with dispatch('notify', {level, text}).
//
// Publishes: notice.
import { subscribe, writer } from '../state/appState.js';

const write = writer('ui/notice.js', 'notice');

const HIDE_AFTER_MS = { error: 12000, info: 6000, success: 6000 };

export function initNotice({ box, text, close }) {
  let timer = 0;
  subscribe('notify', ({ level, text }) => write({ notice: { level, text, at: Date.now() } }));
  subscribe('notice', (n) => {
    clearTimeout(timer);
    if (!n) { box.hidden = true; return; }
    box.dataset.level = n.level || 'info';
    text.textContent = n.text || '';
    box.hidden = false;
    timer = setTimeout(() => write({ notice: null }), HIDE_AFTER_MS[n.level] || 6000);
  });
  close.addEventListener('click', () => write({ notice: null }));
}
