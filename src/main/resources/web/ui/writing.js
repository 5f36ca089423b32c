// Writing mode: the switch between one character and a whole line, remembered in this browser,
// and the line's parts — the strip (lineCanvas.js), its live reading (readQueue.js) and the
// reading under it (reading.js). The single-character canvas, the bars and the network view stay
// as they are; whichever canvas was written on last is what they show.
import { initLineCanvas } from './lineCanvas.js';
import { initReadQueue } from './readQueue.js';
import { initReading } from './reading.js';

export const MODE_KEY = 'neuralscribe.mode';

export function initWriting({ switchButtons, section, canvas, undoButton, clearButton, placeholder,
  readingBox, text, copyButton, message }) {
  const line = initLineCanvas({ canvas, undoButton, clearButton, placeholder });
  const queue = initReadQueue();
  initReading({ container: readingBox, text, copyButton, message });

  function setMode(mode) {
    const writing = mode === 'line';
    section.hidden = !writing;
    for (const button of switchButtons) button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    try { localStorage.setItem(MODE_KEY, mode); } catch { /* storage blocked */ }
  }
  for (const button of switchButtons) button.addEventListener('click', () => setMode(button.dataset.mode));
  let saved = 'character';
  try { saved = localStorage.getItem(MODE_KEY) || 'character'; } catch { /* storage blocked */ }
  setMode(saved === 'line' ? 'line' : 'character');

  return { strokeCount: line.strokeCount, stats: queue.stats, setMode };
}
