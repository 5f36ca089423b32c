// A canvas a person writes on: the part the character canvas (canvas.js) and writing mode's line
// canvas (lineCanvas.js) share. It keeps the canvas's backing store sized to what is displayed
// (CSS size × devicePixelRatio, so the ink is sharp on any screen), follows one pointer at a time
// (mouse, touch, pen; coalesced moves included), keeps the stroke list with undo and clear,
// repaints it with the shared pen (pen.js) in the theme's --ink, and coalesces any number of
// changes into one repaint and at most one publication per animation frame.
//
// What differs between the two canvases is passed in: the units a point is kept in, how far a move
// must go to be a new point, the pen's width and scale, and what a change publishes.
import { subscribe } from '../state/appState.js';
import { cssVar } from './theme.js';
import { paintStrokes } from './pen.js';

/**
 * Whether point p is far enough from the stroke's last point to be kept: a move shorter than
 * minStep on both axes adds nothing to the shape and only lengthens the stroke.
 * @param last [x, y, …] or undefined for a stroke's first point
 */
export function isNewPoint(last, p, minStep) {
  return !last || Math.abs(last[0] - p[0]) >= minStep || Math.abs(last[1] - p[1]) >= minStep;
}

/**
 * An event's time on performance.now()'s clock; synthetic events may carry none.
 */
export function eventTime(e, now = () => performance.now()) {
  return Number.isFinite(e.timeStamp) && e.timeStamp > 0 ? e.timeStamp : now();
}

/**
 * The canvas's backing-store size for a displayed size: whole device pixels, so one canvas pixel
 * is one screen pixel. Null when the canvas is not laid out (hidden), to leave it as it is.
 */
export function backingSize(cssWidth, cssHeight, dpr) {
  if (!(cssWidth >= 1) || !(cssHeight >= 1)) return null;
  const k = dpr || 1;
  return { width: Math.round(cssWidth * k), height: Math.round(cssHeight * k) };
}

/**
 * Wires a canvas for writing.
 * @param toPoint (x, y, t, rect) → the point kept: x, y in CSS px from the canvas's top left, t
 *        in ms since the drawing's first point, rect the canvas's bounding rectangle
 * @param minStep the smallest move, in the point's own units, that makes a new point
 * @param pen (canvas, rect) → { sx, sy, width }: scale from point units to canvas pixels and the
 *        pen's width in canvas pixels
 * @param publish (strokes, penDown, rect) → called at most once per frame after a change; strokes
 *        are the point lists, read-only
 */
export function initPenSurface({ canvas, undoButton, clearButton, placeholder, toPoint, minStep, pen, publish }) {
  const strokes = [];          // point lists, in the units toPoint gives
  let current = null;          // the point list being drawn
  let activePointer = null;    // pointerId of the drawing pointer (one at a time)
  let began = 0;               // eventTime of the drawing's first point
  let frame = 0;
  let needPublish = false;
  let inkColor = '#fff';
  const ctx = canvas.getContext('2d');

  function resize() {
    const rect = canvas.getBoundingClientRect();
    const size = backingSize(rect.width, rect.height, window.devicePixelRatio);
    if (size && (canvas.width !== size.width || canvas.height !== size.height)) {
      canvas.width = size.width;
      canvas.height = size.height;
      schedule(false);
    }
  }
  new ResizeObserver(resize).observe(canvas);

  function schedule(change) {
    needPublish = needPublish || change;
    if (!frame) frame = requestAnimationFrame(flush);
  }

  function flush() {
    frame = 0;
    const rect = canvas.getBoundingClientRect();
    const { sx, sy, width } = pen(canvas, rect);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    paintStrokes(ctx, strokes, sx, sy, width, inkColor);
    if (placeholder) placeholder.hidden = strokes.length > 0;
    if (undoButton) undoButton.disabled = strokes.length === 0;
    if (clearButton) clearButton.disabled = strokes.length === 0;
    if (!needPublish) return;
    needPublish = false;
    publish(strokes, current !== null, rect);
  }

  function pointOf(e) {
    const r = canvas.getBoundingClientRect();
    return toPoint(e.clientX - r.left, e.clientY - r.top, Math.max(0, eventTime(e) - began), r);
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (activePointer !== null) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    try { canvas.setPointerCapture(e.pointerId); } catch { /* synthetic event */ }
    activePointer = e.pointerId;
    if (strokes.length === 0) began = eventTime(e);
    current = [pointOf(e)];
    strokes.push(current);
    schedule(true);
  });

  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerId !== activePointer || !current) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of (events.length ? events : [e])) {
      const p = pointOf(ev);
      if (isNewPoint(current[current.length - 1], p, minStep)) current.push(p);
    }
    schedule(true); // many moves per frame → one publication per animation frame
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
  // Belt and braces for old mobile browsers that ignore touch-action.
  canvas.addEventListener('touchstart', (e) => e.preventDefault(), { passive: false });
  canvas.addEventListener('touchmove', (e) => e.preventDefault(), { passive: false });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  function undo() {
    if (strokes.length === 0) return;
    if (strokes.pop() === current) { current = null; activePointer = null; }
    schedule(true);
  }

  function clear() {
    if (strokes.length === 0) return;
    strokes.length = 0;
    current = null;
    activePointer = null;
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
