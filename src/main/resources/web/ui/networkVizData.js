// What the network view shows for a prediction, as plain numbers: one column of node values per
// layer (Input, Conv1, Conv2, Dense1, Dense2, Output), each in 0..1, and the output's labels —
// and the easing that moves the values on screen towards them. No drawing here (networkViz.js).
import { GRID } from './grid.js';

export const INPUT_NODES = 14;
export const HIDDEN_NODES = 32;
export const OUTPUT_NODES = 10;
const HIDDEN_KEYS = ['conv1', 'conv2', 'dense1', 'dense2'];
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
export function vizTarget(pred, classes) {
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

export function ranks(values) {
  return values.map((v, i) => i).sort((a, b) => values[b] - values[a]);
}

/**
 * One frame of easing: moves the shown values a fixed fraction (EASE) of the way to the target's,
 * snapping when within 0.003. With no target the values fade to zero and the view empties once
 * the strongest is below 0.01.
 * @param shown {columns, labels} on screen, or null; updated in place
 * @param target {columns, labels} from vizTarget, or null
 * @return {shown, moving}: the values to draw (null: nothing) and whether another frame is needed
 */
export function easeStep(shown, target) {
  if (!target && !shown) return { shown: null, moving: false };
  const goal = target ? target.columns : shown.columns.map((col) => col.map(() => 0));
  if (!shown) shown = { columns: goal.map((col) => col.map(() => 0)), labels: target.labels.slice() };
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
  if (!target && energy < 0.01) return { shown: null, moving: false };
  return { shown, moving };
}
