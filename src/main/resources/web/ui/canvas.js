// Drawing canvas: pointer input (mouse, touch, pen), smooth strokes, undo stack.
//
// Strokes are kept as point lists [x, y, t] with x/y in canvas-relative coordinates (0..1), so
// the drawing survives resizes and is redrawn from the stroke list after every change, and t the
// milliseconds since the drawing began (its first point on an empty canvas). Every change —
// each new point, mid-stroke — publishes the strokes in wire form (ui/strokes.js), at most once
// per animation frame; the server renders them into what the network sees.
//
// Publishes: drawing {strokes ([[[x, y, t], …], …] in CSS px, or null), version}.
import { packageStrokes } from './strokes.js';
import { get, subscribe, writer } from '../state/appState.js';
import { cssVar } from './theme.js';

const write = writer('ui/canvas.js', 'drawing');

/** Stroke width as a fraction of the canvas side (what the person sees; the server draws its own pen). */
const LINE_WIDTH = 0.06;

export function initCanvas({ canvas, undoButton, clearButton, placeholder }) {
  const strokes = [];          // [{ points: [[x, y, t], ...] }], x/y in 0..1, t in ms
  let current = null;          // the stroke being drawn
  let activePointer = null;    // pointerId of the drawing pointer (one at a time)
  let began = 0;               // performance.now() of the drawing's first point
  let frame = 0;
  let needPublish = false;
  let version = 0;
  let inkColor = '#fff';

  const ctx = canvas.getContext('2d');

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

  function schedule(publish) {
    needPublish = needPublish || publish;
    if (!frame) frame = requestAnimationFrame(flush);
  }

  function flush() {
    frame = 0;
    paint(ctx, canvas.width, canvas.height, inkColor);
    if (placeholder) placeholder.hidden = strokes.length > 0;
    undoButton && (undoButton.disabled = strokes.length === 0);
    clearButton && (clearButton.disabled = strokes.length === 0);
    if (!needPublish) return;
    needPublish = false;
    const rect = canvas.getBoundingClientRect();
    version += 1;
    write({ drawing: { strokes: packageStrokes(strokes.map((s) => s.points), rect.width, rect.height), version } });
  }

  // ---- pointer input --------------------------------------------------------------------
  // An event's time on performance.now()'s clock (synthetic events may carry none).
  const stamp = (e) => (Number.isFinite(e.timeStamp) && e.timeStamp > 0 ? e.timeStamp : performance.now());

  function toPoint(e) {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height, Math.max(0, stamp(e) - began)];
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
    if (strokes.length === 0) began = stamp(e);
    current = { points: [toPoint(e)] };
    strokes.push(current);
    schedule(true);
  });

  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerId !== activePointer || !current) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of (events.length ? events : [e])) addPoint(toPoint(ev));
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
