// The network view's geometry and its static wireframe: where each layer's column and nodes sit
// for a given size, and the faint connections, empty nodes and titles drawn once per size, theme
// or title change into an offscreen canvas (networkViz.js blits it under each frame).
import { HIDDEN_NODES, INPUT_NODES, OUTPUT_NODES } from './networkVizData.js';

/** Below this width (CSS px) the view uses tighter margins and smaller type. */
const NARROW = 520;

/**
 * Column positions for a view of w × h CSS px: six columns spread between the margins (the right
 * one leaves room for the output labels), each column's nodes evenly spaced below the titles, and
 * node radii that shrink with the spacing so neighbours never touch.
 * @return {w, h, dpr, narrow, columns: [{x, r, nodes: [y, …]}, …]}
 */
export function nodeLayout(width, height, dpr) {
  const w = Math.max(1, width), h = Math.max(1, height);
  const narrow = w < NARROW;
  const top = 40, bottom = 12, left = narrow ? 14 : 26, right = narrow ? 64 : 84;
  const counts = [INPUT_NODES, HIDDEN_NODES, HIDDEN_NODES, HIDDEN_NODES, HIDDEN_NODES, OUTPUT_NODES];
  const span = Math.max(10, h - top - bottom);
  const columns = counts.map((n, ci) => {
    const x = left + (ci * (w - left - right)) / (counts.length - 1);
    const gap = span / n;
    const r = Math.max(1.5, Math.min(ci === 5 ? 8 : ci === 0 ? 7 : 5, gap * (ci === 5 ? 0.3 : 0.36)));
    return { x, r, nodes: Array.from({ length: n }, (_, i) => top + gap * (i + 0.5)) };
  });
  return { w, h, dpr: dpr || 1, narrow, columns };
}

/** Draws the wireframe for layout into a context whose canvas is the view's backing size. */
export function drawWireframe(c, layout, colors, titles) {
  const { dpr, w, columns } = layout;
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.clearRect(0, 0, c.canvas.width, c.canvas.height);
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  c.lineWidth = 0.5;
  c.strokeStyle = colors.wire;
  c.beginPath();
  for (let ci = 0; ci < columns.length - 1; ci++) {
    const a = columns[ci], b = columns[ci + 1];
    for (const ya of a.nodes) {
      for (const yb of b.nodes) {
        c.moveTo(a.x, ya);
        c.lineTo(b.x, yb);
      }
    }
  }
  c.stroke();
  c.fillStyle = colors.node;
  c.strokeStyle = colors.nodeRing;
  c.lineWidth = 1;
  for (const col of columns) {
    for (const y of col.nodes) {
      c.beginPath();
      c.arc(col.x, y, col.r, 0, Math.PI * 2);
      c.fill();
      c.stroke();
    }
  }
  c.fillStyle = colors.muted;
  c.textAlign = 'center';
  c.textBaseline = 'alphabetic';
  c.font = `600 ${layout.narrow ? 9 : 11}px ${colors.mono}`;
  const titleX = (col) => Math.min(Math.max(col.x, 24), w - 30);
  columns.forEach((col, i) => {
    const t = (titles[i] || '').toUpperCase();
    c.fillText(fit(c, t, layout.narrow ? 54 : 110), titleX(col), 18);
  });
  c.font = `400 ${layout.narrow ? 8 : 10}px ${colors.mono}`;
  const subs = ['28×28', '32', '32', '32', '32', `top ${OUTPUT_NODES}`];
  columns.forEach((col, i) => c.fillText(subs[i], titleX(col), 31));
}

/** The text, shortened with an ellipsis to fit max px in the context's current font. */
function fit(c, text, max) {
  if (c.measureText(text).width <= max) return text;
  let t = text;
  while (t.length > 1 && c.measureText(`${t}…`).width > max) t = t.slice(0, -1);
  return `${t}…`;
}
