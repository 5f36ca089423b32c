// Admin-token prompt: a small inline dialog (not window.prompt). Opens when state `adminPrompt`
// is set (the server answered an admin action with admin_token_required / bad_admin_token, or
// init said admin_required and no token is stored). The token is kept in sessionStorage and the
// refused action is sent again.
import { dispatch, subscribe, update } from '../state/appState.js';
import { setAdminToken } from './connection.js';

export function initAdminDialog({ dialog, form, input, message, cancel }) {
  let retry = null;

  subscribe('adminPrompt', (prompt) => {
    if (!prompt) {
      if (dialog.open) dialog.close();
      return;
    }
    retry = prompt.retry || null;
    message.textContent = prompt.message ||
      (prompt.reason === 'bad_admin_token' ? 'That admin token is wrong.' : 'This action needs the admin token.');
    dialog.dataset.reason = prompt.reason || '';
    input.value = '';
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    input.focus();
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) { input.focus(); return; }
    setAdminToken(token);
    const again = retry;
    retry = null;
    update({ adminPrompt: null });
    if (again) dispatch('send', again);
  });

  function dismiss() {
    if (retry) update({ notice: { level: 'info', text: `Not sent: ${retry.type.replace('_', ' ')} needs the admin token.`, at: Date.now() } });
    retry = null;
    update({ adminPrompt: null });
  }
  cancel.addEventListener('click', dismiss);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); dismiss(); }); // Esc
}
