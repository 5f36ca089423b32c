// Confidence bars: one bar per class of `classes` (47 for ByMerge, 62 for ByClass, …), coloured
// by kind — digits cyan, upper-case violet, lower-case a third palette colour — with the
// winning class glowing.
import { get, subscribe } from '../state/appState.js';

/** 'digit' | 'upper' | 'lower' | 'other' for a class label. */
export function classKind(label) {
  const s = String(label);
  if (/^[0-9]$/.test(s)) return 'digit';
  if (s.length === 1 && s !== s.toLowerCase()) return 'upper';
  if (s.length === 1 && s !== s.toUpperCase()) return 'lower';
  return 'other';
}

const KIND_NAMES = { digit: 'digits', upper: 'upper case', lower: 'lower case', other: 'other' };

export function initBars({ container, legend }) {
  let items = [];   // [{ el, fill, label }]

  function build(classes) {
    container.replaceChildren();
    items = [];
    const counts = {};
    let prevKind = null;
    classes.forEach((label, index) => {
      const kind = classKind(label);
      counts[kind] = (counts[kind] || 0) + 1;
      const el = document.createElement('div');
      el.className = 'bar';
      el.dataset.label = label;
      el.dataset.kind = kind;
      el.dataset.index = String(index);
      if (prevKind !== null && kind !== prevKind) el.dataset.groupStart = '';
      prevKind = kind;
      const track = document.createElement('div');
      track.className = 'bar-track';
      const fill = document.createElement('div');
      fill.className = 'bar-fill';
      track.append(fill);
      const text = document.createElement('span');
      text.className = 'bar-label';
      text.textContent = label;
      el.append(track, text);
      el.title = `${label}`;
      container.append(el);
      items.push({ el, fill, label });
    });
    container.style.setProperty('--bar-count', String(classes.length));
    if (legend) {
      legend.replaceChildren();
      for (const kind of ['digit', 'upper', 'lower', 'other']) {
        if (!counts[kind]) continue;
        const li = document.createElement('span');
        li.className = 'legend-item';
        li.dataset.kind = kind;
        li.textContent = `${counts[kind]} ${KIND_NAMES[kind]}`;
        legend.append(li);
      }
    }
    render(get('prediction'));
  }

  function render(pred) {
    const probs = pred && !pred.empty && Array.isArray(pred.probabilities) ? pred.probabilities : null;
    let winner = -1;
    if (probs) {
      winner = items.findIndex((it) => it.label === String(pred.label));
      if (winner < 0) {
        let best = -1;
        probs.forEach((p, i) => { if (p > best) { best = p; winner = i; } });
      }
    }
    container.dataset.state = probs ? 'predicted' : 'idle';
    items.forEach((it, i) => {
      const p = probs && Number.isFinite(probs[i]) ? Math.max(0, Math.min(1, probs[i])) : 0;
      it.fill.style.transform = `scaleY(${p})`;
      it.el.dataset.p = p.toFixed(4);
      it.el.title = `${it.label}: ${(p * 100).toFixed(1)}%`;
      const win = i === winner;
      it.el.classList.toggle('is-winner', win);
      if (win) it.el.dataset.pct = `${Math.round(p * 100)}%`;
      else delete it.el.dataset.pct;
    });
  }

  subscribe('classes', (classes) => build(classes || []));
  subscribe('prediction', render);
  build(get('classes') || []);
}
