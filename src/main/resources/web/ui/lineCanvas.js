// Writing mode's line canvas: a wide strip to write a word or a number on, with the same round pen
// as the single-character canvas (pen.js), undo and clear.
//
// Strokes are kept as points in CSS pixels of the strip ([x, y, t], t in ms since the first
// stroke began) — what the server's `read` message takes, so a line is segmented by the writing's
// own sizes and times. The strip is repainted from that list on every change and on resizes.
//
// Publishes: line {strokes: [[[x, y, t], …], …], version, penDown} — mid-stroke too, at most once
// per animation frame, so the reading can follow the pen.
import { subscribe, writer } from '../state/appState.js';
import { cssVar } from './theme.js';
import { paintStrokes } from './pen.js';

/** The pen's width as a fraction of the strip's height. */
export const LINE_PEN = 0.045;

const write = writer('ui/lineCanvas.js', 'line');

export function initLineCanvas({ canvas, undoButton, clearButton, placeholder }) {
  const strokes = [];         // [{ points: [[x, y, t], ...] }], CSS px of the strip, t in ms
  let current = null;
  let activePointer = null;
  let startedAt = null;       // performance.now() when the first stroke of the line began
  let frame = 0;
  let publishPending = false;
  let version = 0;
  let inkColor = '#fff';
  const ctx = canvas.getContext('2d');

  function resize() {
    const rect = canvas.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(rect.width * dpr);
    const h = Math.round(rect.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      schedule(false);
    }
  }
  new ResizeObserver(resize).observe(canvas);

  function paint() {
    const rect = canvas.getBoundingClientRect();
    const k = rect.width > 0 ? canvas.width / rect.width : 1;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    paintStrokes(ctx, strokes.map((s) => s.points), k, k, Math.max(2, LINE_PEN * canvas.height), inkColor);
  }

  function schedule(publish) {
    publishPending = publishPending || publish;
    if (!frame) frame = requestAnimationFrame(flush);
  }

  function flush() {
    frame = 0;
    paint();
    if (placeholder) placeholder.hidden = strokes.length > 0;
    if (undoButton) undoButton.disabled = strokes.length === 0;
    if (clearButton) clearButton.disabled = strokes.length === 0;
    if (!publishPending) return;
    publishPending = false;
    version += 1;
    write({
      line: {
        strokes: strokes.map((s) => s.points.map((p) => p.slice())),
        version,
        penDown: current !== null,
      },
    });
  }

  function toPoint(e) {
    const r = canvas.getBoundingClientRect();
    const now = performance.now();
    if (startedAt === null) startedAt = now;
    const round = (v) => Math.round(v * 10) / 10;
    return [round(e.clientX - r.left), round(e.clientY - r.top), Math.round(now - startedAt)];
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (activePointer !== null) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    try { canvas.setPointerCapture(e.pointerId); } catch { /* synthetic event */ }
    activePointer = e.pointerId;
    current = { points: [toPoint(e)] };
    strokes.push(current);
    schedule(true);
  });

  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerId !== activePointer || !current) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of (events.length ? events : [e])) {
      const p = toPoint(ev);
      const last = current.points[current.points.length - 1];
      if (Math.abs(last[0] - p[0]) >= 0.5 || Math.abs(last[1] - p[1]) >= 0.5) current.points.push(p);
    }
    schedule(true);
  });

  function end(e) {
    if (e.pointerId !== activePointer) return;
    activePointer = null;
    current = null;
    try { canvas.releasePointerCapture(e.pointerId); } catch { /* already released */ }
    schedule(true);
  }
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('lostpointercapture', end);
  canvas.addEventListener('touchstart', (e) => e.preventDefault(), { passive: false });
  canvas.addEventListener('touchmove', (e) => e.preventDefault(), { passive: false });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  function undo() {
    if (strokes.length === 0) return;
    if (strokes.pop() === current) { current = null; activePointer = null; }
    if (strokes.length === 0) startedAt = null;
    schedule(true);
  }

  function clear() {
    if (strokes.length === 0) return;
    strokes.length = 0;
    current = null;
    activePointer = null;
    startedAt = null;
    schedule(true);
  }
  undoButton?.addEventListener('click', undo);
  clearButton?.addEventListener('click', clear);

  function readColors() { inkColor = cssVar('--ink') || '#e6edf7'; }
  readColors();
  subscribe('theme', () => { readColors(); schedule(false); });
  resize();
  schedule(false);
  return { strokeCount: () => strokes.length, undo, clear };
}
