// Admin-token prompt: a small inline dialog (not window.prompt). Opens on `admin:prompt` (the
// server answered an admin action with admin_token_required / bad_admin_token, or init said
// admin_required and no token is stored). The token goes back to the connection
// (`admin:token`), which keeps it in sessionStorage and sends the refused action again.
//
// Publishes: adminPrompt ({reason, message, retry} while the dialog is open, else null).
import { dispatch, subscribe, writer } from '../state/appState.js';

const write = writer('ui/admin.js', 'adminPrompt');

export function initAdminDialog({ dialog, form, input, message, cancel }) {
  let retry = null;

  subscribe('admin:prompt', (prompt) => write({ adminPrompt: prompt }));

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
    const again = retry;
    retry = null;
    write({ adminPrompt: null });
    dispatch('admin:token', { token, retry: again });
  });

  function dismiss() {
    if (retry) dispatch('notify', { level: 'info', text: `Not sent: ${retry.type.replace('_', ' ')} needs the admin token.` });
    retry = null;
    write({ adminPrompt: null });
  }
  cancel.addEventListener('click', dismiss);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); dismiss(); }); // Esc
}
