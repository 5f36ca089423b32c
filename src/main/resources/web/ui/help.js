// The "?" overlay: shortcuts, what the classes are, the look-alike pairs, and when to switch to the
// 62-class model. Opened by its button or the "?" key (not while typing in a field).
//
// Publishes nothing.

export function initHelp({ button, dialog }) {
  const open = () => { if (!dialog.open) dialog.showModal(); };
  button.addEventListener('click', open);
  document.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]');
    if (e.key === '?' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      open();
    }
  });
}
