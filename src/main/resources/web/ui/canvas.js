// Drawing canvas: pointer input (mouse, touch, pen), smooth strokes, undo stack, pixel extraction.
//
// Strokes are kept as point lists in canvas-relative coordinates (0..1), so the drawing survives
// resizes and is redrawn from the stroke list after every change. Two canvases are painted from
// that list: the visible one (theme colours) and an offscreen "ink" canvas of the same
// resolution whose alpha channel is the ink; ui/pixels.js turns the latter into 784 values.
//
// Publishes: drawing {pixels (784 ints or null), strokes, version}.
import { extractPixels } from './pixels.js';
import { get, subscribe, update } from '../state/appState.js';
import { cssVar } from './theme.js';

/** Stroke width as a fraction of the canvas side. */
export const LINE_WIDTH = 0.06;
const MAX_INK_SIDE = 1024;

export function initCanvas({ canvas, undoButton, clearButton, placeholder }) {
  const strokes = [];          // [{ points: [[x, y], ...] }], x/y in 0..1
  let current = null;          // the stroke being drawn
  let activePointer = null;    // pointerId of the drawing pointer (one at a time)
  let frame = 0;
  let needExtract = false;
  let version = 0;
  let inkColor = '#fff';

  const ctx = canvas.getContext('2d');
  const ink = document.createElement('canvas');
  const inkCtx = ink.getContext('2d', { willReadFrequently: true });

  // ---- sizing ---------------------------------------------------------------------------
  function resize() {
    const rect = canvas.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(rect.width * dpr);
    const h = Math.round(rect.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      const k = Math.min(1, MAX_INK_SIDE / Math.max(w, h));
      ink.width = Math.round(w * k);
      ink.height = Math.round(h * k);
      schedule(false);
    }
  }
  new ResizeObserver(resize).observe(canvas);
  resize();

  // ---- painting -------------------------------------------------------------------------
  function paint(c, w, h, color) {
    c.clearRect(0, 0, w, h);
    const lw = Math.max(2, LINE_WIDTH * Math.min(w, h));
    c.lineWidth = lw;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.strokeStyle = color;
    c.fillStyle = color;
    for (const stroke of strokes) {
      const pts = stroke.points;
      if (pts.length === 0) continue;
      if (pts.length === 1) {
        c.beginPath();
        c.arc(pts[0][0] * w, pts[0][1] * h, lw / 2, 0, Math.PI * 2);
        c.fill();
        continue;
      }
      c.beginPath();
      c.moveTo(pts[0][0] * w, pts[0][1] * h);
      // Quadratic curves through the midpoints, each point acting as control point.
      for (let i = 1; i < pts.length - 1; i++) {
        const [x, y] = pts[i];
        const [nx, ny] = pts[i + 1];
        c.quadraticCurveTo(x * w, y * h, ((x + nx) / 2) * w, ((y + ny) / 2) * h);
      }
      const last = pts[pts.length - 1];
      c.lineTo(last[0] * w, last[1] * h);
      c.stroke();
    }
  }

  function inkRect(w, h) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const stroke of strokes) {
      for (const [x, y] of stroke.points) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
    if (x0 === Infinity) return null;
    const pad = Math.max(2, LINE_WIDTH * Math.min(w, h)) / 2 + 2;
    const left = Math.max(0, Math.floor(x0 * w - pad));
    const top = Math.max(0, Math.floor(y0 * h - pad));
    const right = Math.min(w, Math.ceil(x1 * w + pad));
    const bottom = Math.min(h, Math.ceil(y1 * h + pad));
    if (right <= left || bottom <= top) return null;
    return { x: left, y: top, w: right - left, h: bottom - top };
  }

  function schedule(extract) {
    needExtract = needExtract || extract;
    if (!frame) frame = requestAnimationFrame(flush);
  }

  function flush() {
    frame = 0;
    paint(ctx, canvas.width, canvas.height, inkColor);
    if (placeholder) placeholder.hidden = strokes.length > 0;
    undoButton && (undoButton.disabled = strokes.length === 0);
    clearButton && (clearButton.disabled = strokes.length === 0);
    if (!needExtract) return;
    needExtract = false;
    let pixels = null;
    if (strokes.length > 0 && ink.width > 0) {
      paint(inkCtx, ink.width, ink.height, '#fff');
      // Read back only the rectangle that can hold ink (the strokes' points ± half the line
      // width: the curves stay inside their control points' hull). The ink bounding box
      // found inside it is the same as on the whole canvas, so is the result.
      const r = inkRect(ink.width, ink.height);
      if (r) {
        const data = inkCtx.getImageData(r.x, r.y, r.w, r.h).data;
        const px = extractPixels(data, r.w, r.h);
        pixels = px ? Array.from(px) : null;
      }
    }
    version += 1;
    update({ drawing: { pixels, strokes: strokes.length, version } });
  }

  // ---- pointer input --------------------------------------------------------------------
  function toPoint(e) {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height];
  }

  function addPoint(p) {
    const pts = current.points;
    const last = pts[pts.length - 1];
    if (last && Math.abs(last[0] - p[0]) < 1e-4 && Math.abs(last[1] - p[1]) < 1e-4) return;
    pts.push(p);
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
    for (const ev of (events.length ? events : [e])) addPoint(toPoint(ev));
    schedule(true); // many moves per frame → one extraction per animation frame
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

  // ---- undo / clear ---------------------------------------------------------------------
  function undo() {
    if (strokes.length === 0) return;
    const popped = strokes.pop();
    if (popped === current) { current = null; activePointer = null; }
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
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || get('adminPrompt')) return;
    const t = e.target;
    if (t && t.closest && t.closest('input, textarea, select, dialog, [contenteditable="true"]')) return;
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      undo();
    } else if (e.key === 'Escape') {
      clear();
    }
  });

  // ---- theme ----------------------------------------------------------------------------
  function readColors() { inkColor = cssVar('--ink') || '#e6edf7'; }
  readColors();
  subscribe('theme', () => { readColors(); schedule(false); });

  schedule(false);
  return {
    strokeCount: () => strokes.length,
    undo,
    clear,
  };
}
