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
// rebuilt on resize and on theme change.
import { get, subscribe } from '../state/appState.js';
import { cssVar } from './theme.js';
import { GRID } from './grid.js';

const INPUT_NODES = 14;
const HIDDEN_NODES = 32;
const OUTPUT_NODES = 10;
const HIDDEN_KEYS = ['conv1', 'conv2', 'dense1', 'dense2'];
const DEFAULT_TITLES = ['Input', 'Conv1', 'Conv2', 'Dense1', 'Dense2', 'Output'];
const PATH_TOP = [2, 3, 3, 3, 3, 1];        // nodes per column on the predicted path
const COMPETE_RANKS = [[2, 5], [3, 8], [3, 8], [3, 8], [3, 8], [1, 5]]; // [from, to) ranks
const EASE = 0.32;                          // per-frame approach to the new values

/** Ink of each pair of rows of a 784-value preview, normalised so the strongest is 1. */
export function inputNodes(preview) {
  const out = new Array(INPUT_NODES).fill(0);
  if (!Array.isArray(preview) || preview.length !== GRID * GRID) return out;
  const rowsPer = GRID / INPUT_NODES;
  for (let r = 0; r < GRID; r++) {
    let s = 0;
    for (let c = 0; c < GRID; c++) s += preview[r * GRID + c];
    out[Math.floor(r / rowsPer)] += s;
  }
  const max = Math.max(...out);
  return max > 0 ? out.map((v) => v / max) : out;
}

/** The values the view shows for a prediction (or null when there is none). */
function vizTarget(pred, classes) {
  if (!pred || pred.empty) return null;
  const act = pred.activations || {};
  const hidden = HIDDEN_KEYS.map((k) => {
    const a = Array.isArray(act[k]) ? act[k] : [];
    return Array.from({ length: HIDDEN_NODES }, (_, i) => clamp01(a[i]));
  });
  const probs = Array.isArray(pred.probabilities) ? pred.probabilities : [];
  const ranked = probs.map((p, i) => ({ label: classes[i] ?? String(i), p: clamp01(p) }))
    .sort((a, b) => b.p - a.p)
    .slice(0, OUTPUT_NODES);
  if (ranked.length === 0 && Array.isArray(pred.top3)) {
    for (const t of pred.top3) ranked.push({ label: t.label, p: clamp01(t.confidence) });
  }
  while (ranked.length < OUTPUT_NODES) ranked.push({ label: '', p: 0 });
  return { columns: [inputNodes(pred.preview), ...hidden, ranked.map((r) => r.p)], labels: ranked.map((r) => r.label) };
}

function clamp01(v) { return Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0; }

function ranks(values) {
  return values.map((v, i) => i).sort((a, b) => values[b] - values[a]);
}

export function initNetworkViz(canvas) {
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
      node: cssVar('--node'), nodeRing: cssVar('--node-ring'), surface: cssVar('--surface'),
      mono: cssVar('--font-mono') || 'monospace',
    };
  }

  function computeLayout() {
    const rect = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, rect.width), h = Math.max(1, rect.height);
    const narrow = w < 520;
    const top = 40, bottom = 12, left = narrow ? 14 : 26, right = narrow ? 64 : 84;
    const counts = [INPUT_NODES, HIDDEN_NODES, HIDDEN_NODES, HIDDEN_NODES, HIDDEN_NODES, OUTPUT_NODES];
    const span = Math.max(10, h - top - bottom);
    const columns = counts.map((n, ci) => {
      const x = left + (ci * (w - left - right)) / (counts.length - 1);
      const gap = span / n;
      const r = Math.max(1.5, Math.min(ci === 5 ? 8 : ci === 0 ? 7 : 5, gap * (ci === 5 ? 0.3 : 0.36)));
      return { x, r, nodes: Array.from({ length: n }, (_, i) => top + gap * (i + 0.5)) };
    });
    layout = { w, h, dpr, columns, narrow };
    const bw = Math.round(w * dpr), bh = Math.round(h * dpr);
    if (canvas.width !== bw || canvas.height !== bh) { canvas.width = bw; canvas.height = bh; }
    if (cache.width !== bw || cache.height !== bh) { cache.width = bw; cache.height = bh; }
  }

  // The static wireframe, drawn once per size / theme / title change.
  function buildCache() {
    if (!layout) return;
    cacheBuilds += 1;
    const { dpr, w, columns } = layout;
    cctx.setTransform(1, 0, 0, 1, 0, 0);
    cctx.clearRect(0, 0, cache.width, cache.height);
    cctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    cctx.lineWidth = 0.5;
    cctx.strokeStyle = colors.wire;
    cctx.beginPath();
    for (let c = 0; c < columns.length - 1; c++) {
      const a = columns[c], b = columns[c + 1];
      for (const ya of a.nodes) {
        for (const yb of b.nodes) {
          cctx.moveTo(a.x, ya);
          cctx.lineTo(b.x, yb);
        }
      }
    }
    cctx.stroke();
    cctx.fillStyle = colors.node;
    cctx.strokeStyle = colors.nodeRing;
    cctx.lineWidth = 1;
    for (const col of columns) {
      for (const y of col.nodes) {
        cctx.beginPath();
        cctx.arc(col.x, y, col.r, 0, Math.PI * 2);
        cctx.fill();
        cctx.stroke();
      }
    }
    cctx.fillStyle = colors.muted;
    cctx.textAlign = 'center';
    cctx.textBaseline = 'alphabetic';
    cctx.font = `600 ${layout.narrow ? 9 : 11}px ${colors.mono}`;
    columns.forEach((col, i) => {
      const t = (titles[i] || '').toUpperCase();
      cctx.fillText(fit(cctx, t, layout.narrow ? 54 : 110), Math.min(Math.max(col.x, 24), w - 30), 18);
    });
    cctx.font = `400 ${layout.narrow ? 8 : 10}px ${colors.mono}`;
    const subs = ['28×28', '32', '32', '32', '32', `top ${OUTPUT_NODES}`];
    columns.forEach((col, i) => cctx.fillText(subs[i], Math.min(Math.max(col.x, 24), w - 30), 31));
  }

  function fit(c, text, max) {
    if (c.measureText(text).width <= max) return text;
    let t = text;
    while (t.length > 1 && c.measureText(`${t}…`).width > max) t = t.slice(0, -1);
    return `${t}…`;
  }

  function requestDraw() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function step() {
    // Ease shown → target; returns true while still moving.
    if (!target && !shown) return false;
    const goal = target ? target.columns : shown.columns.map((col) => col.map(() => 0));
    if (!shown) {
      shown = { columns: goal.map((col) => col.map(() => 0)), labels: target.labels.slice() };
    }
    if (target) shown.labels = target.labels.slice();
    let moving = false;
    let energy = 0;
    shown.columns.forEach((col, c) => {
      for (let i = 0; i < col.length; i++) {
        const d = goal[c][i] - col[i];
        if (Math.abs(d) > 0.003) { col[i] += d * EASE; moving = true; } else col[i] = goal[c][i];
        energy = Math.max(energy, col[i]);
      }
    });
    if (!target && energy < 0.01) { shown = null; return false; }
    return moving;
  }

  function draw() {
    frame = 0;
    if (!layout) return;
    draws += 1;
    const moving = step();
    const { dpr, w, h, columns } = layout;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(cache, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!shown) {
      // The empty-state hint sits on its own solid chip in the middle, never on top of the nodes' ink.
      const text = layout.narrow ? 'draw to watch the network think' : 'draw a character to watch the network think';
      ctx.font = `400 12px ${colors.mono}`;
      const tw = ctx.measureText(text).width + 24, th = 28;
      const x = (w - tw) / 2, y = (h - th) / 2;
      ctx.fillStyle = colors.surface;
      ctx.strokeStyle = colors.nodeRing;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.roundRect(x, y, tw, th, 8);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = colors.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, w / 2, h / 2 + 0.5);
      ctx.textBaseline = 'alphabetic';
      return;
    }
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
