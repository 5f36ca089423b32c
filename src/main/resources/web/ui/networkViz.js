// Network view: Input → Conv1 → Conv2 → Dense1 → Dense2 → Output.
//
// - Input: 14 nodes, each the ink of two rows of the 28×28 preview the network saw.
// - Conv1 … Dense2: the 32 values of prediction.activations {conv1, conv2, dense1, dense2}
//   (titles from prediction.layers).
// - Output: the 10 most probable classes.
//
// The static wireframe (titles, every node, faint connections) is drawn once into an
// offscreen canvas and blitted each frame; only the active connections and lit nodes are drawn
// on top: the predicted path in --green, competing activations in --red. Draws are gated by
// requestAnimationFrame (any number of updates → at most one draw per frame). The cache is
// rebuilt on resize and on theme change. The values come from networkVizData.js, the geometry and
// the wireframe from networkVizFrame.js.
import { get, subscribe } from '../state/appState.js';
import { cssVar } from './theme.js';
import { easeStep, ranks, vizTarget } from './networkVizData.js';
import { drawWireframe, nodeLayout } from './networkVizFrame.js';

const DEFAULT_TITLES = ['Input', 'Conv1', 'Conv2', 'Dense1', 'Dense2', 'Output'];
const PATH_TOP = [2, 3, 3, 3, 3, 1];        // nodes per column on the predicted path
const COMPETE_RANKS = [[2, 5], [3, 8], [3, 8], [3, 8], [3, 8], [1, 5]]; // [from, to) ranks

/**
 * @param hint shown while there is nothing to show (in the card's head, so it never covers a node)
 * @param legend shown while there is
 */
export function initNetworkViz(canvas, { hint, legend } = {}) {
  const ctx = canvas.getContext('2d');
  const cache = document.createElement('canvas');
  const cctx = cache.getContext('2d');
  let layout = null;
  let colors = {};
  let titles = [...DEFAULT_TITLES];
  let target = null;     // {columns, labels} or null
  let shown = null;      // the values on screen, easing towards target
  let frame = 0;
  let draws = 0;
  let cacheBuilds = 0;

  function readColors() {
    colors = {
      green: cssVar('--green'), red: cssVar('--red'), accent: cssVar('--accent'),
      text: cssVar('--text'), muted: cssVar('--muted'), wire: cssVar('--wire'),
      node: cssVar('--node'), nodeRing: cssVar('--node-ring'),
      mono: cssVar('--font-mono') || 'monospace',
    };
  }

  function computeLayout() {
    const rect = canvas.getBoundingClientRect();
    layout = nodeLayout(rect.width, rect.height, window.devicePixelRatio);
    const bw = Math.round(layout.w * layout.dpr), bh = Math.round(layout.h * layout.dpr);
    if (canvas.width !== bw || canvas.height !== bh) { canvas.width = bw; canvas.height = bh; }
    if (cache.width !== bw || cache.height !== bh) { cache.width = bw; cache.height = bh; }
  }

  // The static wireframe, drawn once per size / theme / title change.
  function buildCache() {
    if (!layout) return;
    cacheBuilds += 1;
    drawWireframe(cctx, layout, colors, titles);
  }

  function requestDraw() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function draw() {
    frame = 0;
    if (!layout) return;
    draws += 1;
    let moving;
    ({ shown, moving } = easeStep(shown, target));
    const { dpr, w, h, columns } = layout;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(cache, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (hint) hint.hidden = !!shown;
    if (legend) legend.hidden = !shown;
    if (!shown) return;
    const cols = shown.columns;
    const order = cols.map(ranks);
    const path = order.map((o, c) => new Set(o.slice(0, PATH_TOP[c])));
    const compete = order.map((o, c) => new Set(o.slice(COMPETE_RANKS[c][0], COMPETE_RANKS[c][1])));
    const out = cols[5];
    const winP = out[0] || 1e-6;

    // Competing activations (red), under the predicted path.
    ctx.lineCap = 'round';
    ctx.strokeStyle = colors.red;
    ctx.lineWidth = 1;
    for (let c = 0; c < columns.length - 1; c++) {
      const a = columns[c], b = columns[c + 1];
      const froms = c === 4 ? [...path[c]] : [...compete[c], ...path[c]];
      for (const i of froms) {
        for (const j of compete[c + 1]) {
          const strength = c === 4 ? out[j] / winP : cols[c][i] * cols[c + 1][j];
          const alpha = c === 4 ? 0.12 + 0.6 * strength : 0.5 * strength;
          if (alpha < 0.02) continue;
          ctx.globalAlpha = Math.min(1, alpha);
          ctx.beginPath();
          ctx.moveTo(a.x, a.nodes[i]);
          ctx.lineTo(b.x, b.nodes[j]);
          ctx.stroke();
        }
      }
    }
    // The predicted path (green), glowing.
    ctx.strokeStyle = colors.green;
    ctx.shadowColor = colors.green;
    ctx.shadowBlur = 6;
    ctx.lineWidth = 1.6;
    for (let c = 0; c < columns.length - 1; c++) {
      const a = columns[c], b = columns[c + 1];
      for (const i of path[c]) {
        for (const j of path[c + 1]) {
          const alpha = 0.3 + 0.7 * Math.sqrt(cols[c][i] * cols[c + 1][j]);
          ctx.globalAlpha = Math.min(1, alpha);
          ctx.beginPath();
          ctx.moveTo(a.x, a.nodes[i]);
          ctx.lineTo(b.x, b.nodes[j]);
          ctx.stroke();
        }
      }
    }
    ctx.shadowBlur = 0;
    ctx.globalAlpha = 1;

    // Lit nodes.
    columns.forEach((col, c) => {
      col.nodes.forEach((y, i) => {
        const v = c === 5 ? Math.sqrt(cols[c][i]) : cols[c][i];
        const onPath = path[c].has(i);
        const competing = compete[c].has(i);
        const color = onPath ? colors.green : competing ? colors.red : colors.accent;
        ctx.globalAlpha = onPath ? 1 : 0.1 + 0.85 * v;
        if (onPath) { ctx.shadowColor = colors.green; ctx.shadowBlur = 10; }
        ctx.fillStyle = color;
        ctx.beginPath();
        ctx.arc(col.x, y, col.r * (onPath ? 1.15 : 1), 0, Math.PI * 2);
        ctx.fill();
        ctx.shadowBlur = 0;
      });
    });
    ctx.globalAlpha = 1;

    // Output labels.
    const outCol = columns[5];
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    outCol.nodes.forEach((y, i) => {
      const label = shown.labels[i];
      if (!label) return;
      const p = out[i];
      const win = i === 0;
      ctx.fillStyle = win ? colors.green : i < COMPETE_RANKS[5][1] ? colors.text : colors.muted;
      ctx.globalAlpha = win ? 1 : 0.55 + 0.45 * Math.sqrt(p);
      ctx.font = `${win ? 800 : 600} ${win ? 15 : 12}px ${colors.mono}`;
      const x = outCol.x + outCol.r + 7;
      ctx.fillText(label, x, y);
      ctx.font = `400 ${layout.narrow ? 9 : 10}px ${colors.mono}`;
      ctx.fillStyle = colors.muted;
      ctx.fillText(`${(p * 100).toFixed(p >= 0.995 ? 0 : 1)}%`, x + (layout.narrow ? 14 : 18), y);
    });
    ctx.globalAlpha = 1;
    if (moving || (!target && shown)) requestDraw();
  }

  function setPrediction(pred) {
    if (pred && Array.isArray(pred.layers) && pred.layers.length === 4) {
      const next = ['Input', ...pred.layers.map(String), 'Output'];
      if (next.join('|') !== titles.join('|')) { titles = next; buildCache(); }
    }
    target = vizTarget(pred, get('classes') || []);
    requestDraw();
  }

  function rebuild() {
    computeLayout();
    buildCache();
    requestDraw();
  }

  readColors();
  new ResizeObserver(rebuild).observe(canvas);
  subscribe('theme', () => { readColors(); buildCache(); requestDraw(); });
  subscribe('prediction', setPrediction);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(() => { buildCache(); requestDraw(); });
  rebuild();
  setPrediction(get('prediction'));

  return { stats: () => ({ draws, cacheBuilds }) };
}
