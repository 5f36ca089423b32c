// Accuracy and loss charts: a small theme-aware canvas line chart (no dependency).
//
// The charts follow state `history` (epoch records) and `training` (for the x range while a run
// is going, so the curves visibly grow towards the last epoch). They redraw on resize, theme
// change and hover (a crosshair with the epoch's values), gated by requestAnimationFrame.
import { subscribe, get } from '../state/appState.js';
import { cssVar, withAlpha } from './theme.js';
import { checkCaption } from './trainingFormat.js';

export class LineChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{series: {key: string, label: string, color: string, dash?: number[], area?: boolean}[],
   *          yFormat: (v: number) => string, yDomain: (values: number[]) => [number, number],
   *          empty: string}} options  colors are CSS custom property names
   */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.options = options;
    this.records = [];
    this.xMax = 0;
    this.hover = null;
    this.frame = 0;
    this.draws = 0;
    this.readColors();
    new ResizeObserver(() => this.requestDraw()).observe(canvas);
    canvas.addEventListener('pointermove', (e) => {
      const r = canvas.getBoundingClientRect();
      this.hover = { x: e.clientX - r.left, y: e.clientY - r.top };
      this.requestDraw();
    });
    canvas.addEventListener('pointerleave', () => { this.hover = null; this.requestDraw(); });
  }

  readColors() {
    const c = {};
    for (const name of ['--text', '--muted', '--grid-line', '--surface', '--font-mono']) c[name] = cssVar(name);
    for (const s of this.options.series) c[s.color] = cssVar(s.color);
    this.colors = c;
  }

  setData(records, xMax = 0, empty = null) {
    this.records = records;
    this.xMax = xMax;
    this.emptyText = empty;
    this.requestDraw();
  }

  requestDraw() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  draw() {
    const { canvas, ctx, options, colors } = this;
    const rect = canvas.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return;
    this.draws += 1;
    const dpr = window.devicePixelRatio || 1;
    const bw = Math.round(rect.width * dpr), bh = Math.round(rect.height * dpr);
    if (canvas.width !== bw || canvas.height !== bh) { canvas.width = bw; canvas.height = bh; }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const w = rect.width, h = rect.height;
    ctx.clearRect(0, 0, w, h);
    const mono = colors['--font-mono'] || 'monospace';
    const pad = { l: 46, r: 14, t: 12, b: 26 };
    const pw = w - pad.l - pad.r, ph = h - pad.t - pad.b;

    const recs = this.records.filter((r) => Number.isFinite(r.epoch));
    const values = [];
    for (const r of recs) for (const s of options.series) if (Number.isFinite(r[s.key])) values.push(r[s.key]);
    const [y0, y1] = options.yDomain(values);
    const lastEpoch = recs.length ? recs[recs.length - 1].epoch : 0;
    const xHi = Math.max(5, this.xMax, lastEpoch);
    const xLo = 1;
    const X = (e) => pad.l + ((e - xLo) / Math.max(1e-9, xHi - xLo)) * pw;
    const Y = (v) => pad.t + (1 - (v - y0) / Math.max(1e-9, y1 - y0)) * ph;

    // Grid and axes.
    ctx.font = `400 10px ${mono}`;
    ctx.lineWidth = 1;
    ctx.strokeStyle = colors['--grid-line'];
    ctx.fillStyle = colors['--muted'];
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const yTicks = Y_TICKS;
    for (let i = 0; i <= yTicks; i++) {
      const v = y0 + ((y1 - y0) * i) / yTicks;
      const y = Math.round(Y(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(pad.l, y);
      ctx.lineTo(w - pad.r, y);
      ctx.stroke();
      ctx.fillText(options.yFormat(v, y1 - y0), pad.l - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    // Epochs on round numbers (5, 10, 15 …), and epoch 1 when it is not crowded by the first.
    const step = niceStep((xHi - xLo) / Math.max(2, Math.floor(pw / 48)));
    const xTicks = [];
    for (let e = step; e <= xHi + 1e-9; e += step) if (e >= xLo) xTicks.push(e);
    if (xTicks[0] !== xLo && (xTicks.length === 0 || xTicks[0] - xLo >= step * 0.6)) xTicks.unshift(xLo);
    for (const e of xTicks) ctx.fillText(String(Math.round(e)), X(e), h - pad.b + 8);

    if (recs.length === 0) {
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = `400 12px ${mono}`;
      ctx.fillStyle = colors['--muted'];
      ctx.fillText(this.emptyText || options.empty, pad.l + pw / 2, pad.t + ph / 2);
      return;
    }

    // Series.
    for (const s of options.series) {
      const pts = recs.filter((r) => Number.isFinite(r[s.key])).map((r) => [X(r.epoch), Y(r[s.key])]);
      if (pts.length === 0) continue;
      const color = colors[s.color];
      if (s.area && pts.length > 1) {
        const grad = ctx.createLinearGradient(0, pad.t, 0, pad.t + ph);
        grad.addColorStop(0, withAlpha(color, 0.28));
        grad.addColorStop(1, withAlpha(color, 0));
        ctx.fillStyle = grad;
        ctx.beginPath();
        ctx.moveTo(pts[0][0], pad.t + ph);
        for (const [x, y] of pts) ctx.lineTo(x, y);
        ctx.lineTo(pts[pts.length - 1][0], pad.t + ph);
        ctx.closePath();
        ctx.fill();
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      ctx.setLineDash(s.dash || []);
      ctx.beginPath();
      pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.stroke();
      ctx.setLineDash([]);
      const [lx, ly] = pts[pts.length - 1];
      ctx.fillStyle = color;
      ctx.shadowColor = color;
      ctx.shadowBlur = 8;
      ctx.beginPath();
      ctx.arc(lx, ly, 3.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.shadowBlur = 0;
    }

    // Hover crosshair.
    if (this.hover && this.hover.x >= pad.l - 4 && this.hover.x <= w - pad.r + 4) {
      let best = recs[0];
      for (const r of recs) if (Math.abs(X(r.epoch) - this.hover.x) < Math.abs(X(best.epoch) - this.hover.x)) best = r;
      const x = Math.round(X(best.epoch)) + 0.5;
      ctx.strokeStyle = colors['--muted'];
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(x, pad.t);
      ctx.lineTo(x, pad.t + ph);
      ctx.stroke();
      ctx.setLineDash([]);
      const lines = [`epoch ${best.epoch}`, ...options.series
        .filter((s) => Number.isFinite(best[s.key]))
        .map((s) => `${s.label} ${options.yFormat(best[s.key], 0, true)}`)];
      ctx.font = `500 11px ${mono}`;
      const bw2 = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 14;
      const bh2 = lines.length * 15 + 8;
      const bx = Math.min(Math.max(pad.l, x + 8), w - pad.r - bw2);
      const by = pad.t + 4;
      ctx.fillStyle = withAlpha(colors['--surface'], 0.92);
      ctx.strokeStyle = colors['--grid-line'];
      ctx.beginPath();
      ctx.rect(bx, by, bw2, bh2);
      ctx.fill();
      ctx.stroke();
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      lines.forEach((l, i) => {
        ctx.fillStyle = i === 0 ? colors['--muted'] : colors[options.series[i - 1].color];
        ctx.fillText(l, bx + 7, by + 5 + i * 15);
      });
    }
  }
}

/** Horizontal grid lines: the y range is cut into this many steps. */
const Y_TICKS = 4;

/** The smallest round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) that is at least raw. */
export function niceTick(raw) {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * mag >= raw * (1 - 1e-9)) return m * mag;
  return 10 * mag;
}

/** Decimals that show every multiple of step exactly (2.5 → 1, 0.25 → 2, 5 → 0). */
export function tickDigits(step) {
  let d = 0;
  while (d < 4 && Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) > 1e-6) d += 1;
  return d;
}

function niceStep(raw) {
  const steps = [1, 2, 5, 10, 20, 25, 50];
  return steps.find((s) => s >= raw) || 100;
}


/** The split of the named model, from the model list (or the header's model). */
function splitOf(name) {
  const info = get('modelInfo');
  const m = (get('models') || []).find((d) => d && d.name === name) || (info && info.name === name ? info : null);
  return m ? m.split : null;
}

export function initCharts({ accuracyCanvas, lossCanvas, accuracyValue, accuracyNote, lossValue }) {
  const accuracy = new LineChart(accuracyCanvas, {
    series: [{ key: 'accuracy', label: 'test acc', color: '--green', area: true }],
    yFormat: (v, range, exact) => `${(v * 100).toFixed(exact ? 2 : tickDigits((range * 100) / Y_TICKS))}%`,
    yDomain: (vals) => {
      if (vals.length === 0) return [0, 1];
      // Up to 100 %, down past the lowest value, in Y_TICKS round steps (at least 2.5 % each).
      const step = Math.min(0.25, niceTick(Math.max(0.025, (1 - Math.min(...vals) + 0.02) / Y_TICKS)));
      return [Math.max(0, 1 - step * Y_TICKS), 1];
    },
    empty: 'no training history yet',
  });
  const loss = new LineChart(lossCanvas, {
    series: [
      { key: 'train_loss', label: 'train', color: '--amber', area: true },
      { key: 'test_loss', label: 'test', color: '--red', dash: [5, 4] },
    ],
    yFormat: (v, range, exact) => v.toFixed(exact ? 4 : Math.max(1, tickDigits(range / Y_TICKS))),
    yDomain: (vals) => {
      if (vals.length === 0) return [0, 1];
      const hi = Math.max(...vals);
      // From 0 to just above the highest value, in Y_TICKS round steps (0.25, 0.3, 0.5, 1, 2.5 …).
      return [0, hi > 0 ? niceTick((hi * 1.05) / Y_TICKS) * Y_TICKS : 1];
    },
    empty: 'no training history yet',
  });

  function render() {
    const history = get('history') || [];
    const training = get('training') || {};
    const running = training.status === 'training';
    const xMax = running ? training.totalEpochs || 0 : 0;
    const empty = running ? (training.phase === 'download' ? 'downloading data…' : 'waiting for epoch 1…') : null;
    accuracy.setData(history, xMax, empty);
    loss.setData(history, xMax, empty);
    const last = history[history.length - 1];
    const model = get('historyModel');
    const caption = checkCaption(model, splitOf(model), history);
    if (accuracyNote) accuracyNote.textContent = caption;
    if (accuracyValue) {
      const best = history.reduce((m, r) => (Number.isFinite(r.accuracy) && r.accuracy > m ? r.accuracy : m), -1);
      accuracyValue.textContent = last && Number.isFinite(last.accuracy)
        ? `${(last.accuracy * 100).toFixed(2)}%` : '—';
      accuracyValue.title = `the last epoch's check — ${caption}${best >= 0
        ? `; best ${(best * 100).toFixed(2)}%` : ''} (the model's final figure is in the header)`;
    }
    if (lossValue) {
      lossValue.textContent = last && Number.isFinite(last.train_loss) ? last.train_loss.toFixed(4) : '—';
    }
  }

  subscribe('history', render);
  subscribe('historyModel', render);
  subscribe('models', render);
  let rangeKey = '';
  subscribe('training', (t) => {
    const key = `${t.status}:${t.phase}:${t.totalEpochs}`;
    if (key !== rangeKey) { rangeKey = key; render(); }
  });
  subscribe('theme', () => {
    accuracy.readColors();
    loss.readColors();
    accuracy.requestDraw();
    loss.requestDraw();
  });
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(() => { accuracy.requestDraw(); loss.requestDraw(); });
  render();
  return { accuracy, loss };
}
