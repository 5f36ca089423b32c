// Drawing canvas for one character: pointer input (mouse, touch, pen), smooth strokes, undo stack
// — the writing surface itself is penSurface.js, shared with writing mode's line canvas.
//
// Strokes are kept as point lists [x, y, t] with x/y in canvas-relative coordinates (0..1), so
// the drawing survives resizes and is redrawn from the stroke list after every change, and t the
// milliseconds since the drawing began (its first point on an empty canvas). Every change —
// each new point, mid-stroke — publishes the strokes in wire form (ui/strokes.js), at most once
// per animation frame; the server renders them into what the network sees.
//
// Publishes: drawing {strokes ([[[x, y, t], …], …] in CSS px, or null), version}.
import { packageStrokes } from './strokes.js';
import { get, writer } from '../state/appState.js';
import { initPenSurface } from './penSurface.js';

const write = writer('ui/canvas.js', 'drawing');

/** Stroke width as a fraction of the canvas side (what the person sees; the server draws its own pen). */
const LINE_WIDTH = 0.06;

/** Smallest move kept as a new point, as a fraction of the canvas side. */
const MIN_STEP = 1e-4;

export function initCanvas({ canvas, undoButton, clearButton, placeholder }) {
  let version = 0;
  const surface = initPenSurface({
    canvas, undoButton, clearButton, placeholder,
    toPoint: (x, y, t, rect) => [x / rect.width, y / rect.height, t],
    minStep: MIN_STEP,
    pen: (c) => ({ sx: c.width, sy: c.height, width: Math.max(2, LINE_WIDTH * Math.min(c.width, c.height)) }),
    publish: (strokes, _penDown, rect) => {
      version += 1;
      write({ drawing: { strokes: packageStrokes(strokes, rect.width, rect.height), version } });
    },
  });

  // Ctrl/⌘+Z undoes a stroke and Escape clears — unless the key belongs to a field or a dialog.
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || get('adminPrompt')) return;
    const t = e.target;
    if (t && t.closest && t.closest('input, textarea, select, dialog, [contenteditable="true"]')) return;
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      surface.undo();
    } else if (e.key === 'Escape') {
      surface.clear();
    }
  });

  return surface;
}
