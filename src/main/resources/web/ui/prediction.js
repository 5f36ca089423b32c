// Prediction display: the big character, confidence, inference time, top 3, and the 28×28
// preview of what the network saw (`prediction.preview`, upright: the server rendered the
// strokes, so this is exactly the network's input). When the server says the top two readings
// are a close look-alike pair (`look_alike`, e.g. 0 and O), the reading says so: "0 — or O?".
import { get, subscribe } from '../state/appState.js';
import { cssVar, rgbOf } from './theme.js';
import { GRID } from './grid.js';

export function formatPercent(p, digits = 1) {
  return Number.isFinite(p) ? `${(p * 100).toFixed(digits)}%` : '—';
}

/** The look-alike the server named (its label), or null when the reading stands alone. */
export function lookAlike(pred) {
  const alt = pred && !pred.empty ? pred.look_alike : null;
  if (!alt || typeof alt !== 'object' || alt.label === undefined || alt.label === null) return null;
  const label = String(alt.label);
  return label && label !== String(pred.label) ? label : null;
}

/** The reading as a person should hear it: "7", or "0 — or O?" when a look-alike is close. */
export function readingText(pred) {
  if (!pred || pred.empty) return '';
  const label = String(pred.label ?? '?');
  const alt = lookAlike(pred);
  return alt === null ? label : `${label} — or ${alt}?`;
}

/** The line under the reading: why a look-alike is asked about, and what settles it. */
export function lookAlikeHint(pred, expect) {
  const alt = lookAlike(pred);
  if (alt === null) return '';
  const pair = `${pred.label} and ${alt} look alike`;
  return expect && expect !== 'any' ? `${pair} here` : `${pair}: say what you are writing`;
}

export function initPrediction({ label, alternative, confidence, ms, top3, message, preview, confidenceFill }) {
  const pctx = preview.getContext('2d');
  preview.width = GRID;
  preview.height = GRID;
  const image = pctx.createImageData(GRID, GRID);

  function drawPreview(values) {
    pctx.clearRect(0, 0, GRID, GRID);
    if (!Array.isArray(values) || values.length !== GRID * GRID) {
      preview.dataset.state = 'empty';
      return;
    }
    const rgb = rgbOf(cssVar('--preview-ink')) || [255, 255, 255];
    const d = image.data;
    for (let i = 0; i < values.length; i++) {
      d[i * 4] = rgb[0];
      d[i * 4 + 1] = rgb[1];
      d[i * 4 + 2] = rgb[2];
      d[i * 4 + 3] = Math.max(0, Math.min(255, values[i] | 0));
    }
    pctx.putImageData(image, 0, 0);
    preview.dataset.state = 'shown';
  }

  function setState(state, text) {
    label.dataset.state = state;
    message.textContent = text || '\u00a0'; // keep the line: no layout shift
  }

  function render() {
    const pred = get('prediction');
    const drawing = get('drawing');
    const hasInk = !!(drawing && drawing.strokes);
    top3.replaceChildren();
    alternative.textContent = '';
    alternative.hidden = true;
    label.removeAttribute('aria-label');
    label.dataset.lookAlike = '';
    if (!pred) {
      label.textContent = '';
      confidence.textContent = '—';
      ms.textContent = '—';
      confidenceFill && (confidenceFill.style.transform = 'scaleX(0)');
      drawPreview(null);
      if (!hasInk) setState('idle', 'Draw a character');
      else if (get('connection') !== 'connected') setState('pending', 'Offline — waiting for the server');
      else if (!get('modelLoaded')) setState('pending', 'No model loaded yet');
      else setState('pending', 'Thinking…');
      return;
    }
    ms.textContent = Number.isFinite(pred.inference_ms) ? `${pred.inference_ms.toFixed(1)} ms` : '—';
    drawPreview(pred.preview);
    if (pred.empty) {
      label.textContent = '';
      confidence.textContent = '—';
      confidenceFill && (confidenceFill.style.transform = 'scaleX(0)');
      setState('empty', pred.message || 'nothing drawn');
      return;
    }
    label.textContent = pred.label ?? '?';
    const alt = lookAlike(pred);
    if (alt !== null) {
      alternative.textContent = `— or ${alt}?`;
      alternative.hidden = false;
      label.dataset.lookAlike = alt;
      label.setAttribute('aria-label', readingText(pred));
    }
    confidence.textContent = formatPercent(pred.confidence);
    confidenceFill && (confidenceFill.style.transform = `scaleX(${Math.max(0, Math.min(1, pred.confidence || 0))})`);
    setState('predicted', lookAlikeHint(pred, get('expect')));
    const list = Array.isArray(pred.top3) ? pred.top3 : [];
    list.forEach((item, i) => {
      const li = document.createElement('li');
      li.dataset.label = item.label;
      li.dataset.rank = String(i + 1);
      const ch = document.createElement('span');
      ch.className = 'top3-label';
      ch.textContent = item.label;
      const bar = document.createElement('span');
      bar.className = 'top3-bar';
      const fill = document.createElement('span');
      fill.style.transform = `scaleX(${Math.max(0, Math.min(1, item.confidence || 0))})`;
      bar.append(fill);
      const pct = document.createElement('span');
      pct.className = 'top3-pct';
      pct.textContent = formatPercent(item.confidence);
      li.append(ch, bar, pct);
      top3.append(li);
    });
  }

  subscribe('prediction', render);
  subscribe('drawing', (d) => { if (!get('prediction') || !d.strokes) render(); });
  subscribe('connection', render);
  subscribe('modelLoaded', render);
  subscribe('theme', () => drawPreview(get('prediction')?.preview));
  render();
}
