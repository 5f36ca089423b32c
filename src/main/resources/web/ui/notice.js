// Notices: server `error` / `training_error` messages and other news, one line at a time.
import { subscribe, update } from '../state/appState.js';

const HIDE_AFTER_MS = { error: 12000, info: 6000, success: 6000 };

export function initNotice({ box, text, close }) {
  let timer = 0;
  subscribe('notice', (n) => {
    clearTimeout(timer);
    if (!n) { box.hidden = true; return; }
    box.dataset.level = n.level || 'info';
    text.textContent = n.text || '';
    box.hidden = false;
    timer = setTimeout(() => update({ notice: null }), HIDE_AFTER_MS[n.level] || 6000);
  });
  close.addEventListener('click', () => update({ notice: null }));
}
