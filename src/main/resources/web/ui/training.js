// Training panel: epochs slider, Train / Cancel, progress bar with an ETA countdown, status pill,
// status line, Reset model (with an inline confirmation). Follows the server's broadcast training
// events, so a run started by any page shows on every open page.
//
// Publishes: training, history, historyModel.
import { dispatch, get, subscribe, writer } from '../state/appState.js';
import { epochRecord, formatBytes, formatEta, normalizeHistory, num } from './trainingFormat.js';
import { initEpochsSlider } from './trainingEpochs.js';

const write = writer('ui/training.js', 'training', 'history', 'historyModel');

function setTraining(patch) {
  write({ training: { ...get('training'), ...patch } });
}

/** A model's name from a message's `model`: a name, or a model description. */
const nameOf = (model) => (model && typeof model === 'object' ? model.name ?? null : model ?? null);

/** The epochs the charts show, and whose they are. */
function setHistory(history, model) {
  write({ history, historyModel: nameOf(model) ?? get('historyModel') });
}

function notice(level, text) { dispatch('notify', { level, text }); }

export function initTraining(el) {
  let previousHistory = null;   // {history, model} before the current run: restored if it is cancelled / fails
  let pendingStart = 0;         // a train request awaiting training_started
  let etaTimer = 0;

  // ---- server events --------------------------------------------------------------------
  subscribe('server:init', (msg) => {
    const t = msg.training;
    if (t && typeof t === 'object') {
      // A run under way: its own epochs, not the serving model's history with them spliced in.
      previousHistory = { history: normalizeHistory(msg.history), model: nameOf(msg.model) };
      setHistory(normalizeHistory(t.history), t.model);
      const total = num(t.total_epochs) || 0;
      const epoch = num(t.epoch) || 0;
      showRunEpochs(total);
      if (t.stage === 'evaluating') {
        evaluating({ model: t.model, evaluating: t.evaluating, images: t.images, total_images: t.total_images });
        return;
      }
      setTraining({
        status: 'training', phase: 'train', epoch, totalEpochs: total, batch: 0, batches: 0,
        progress: total ? Math.min(1, epoch / total) : 0, model: t.model ?? null,
        etaSeconds: null, etaAt: null, message: t.stage === 'loading' ? 'Loading the training data…'
          : `Training ${t.model ? `${t.model} ` : ''}in progress — epoch ${epoch} of ${total}`,
      });
    } else {
      setHistory(normalizeHistory(msg.history), msg.model);
    }
    if (!(t && typeof t === 'object') && get('training').status === 'training') {
      setTraining({ status: 'idle', phase: 'idle', progress: 0, etaSeconds: null, etaAt: null, message: '' });
    }
  });

  subscribe('server:download_progress', (msg) => {
    const total = num(msg.total_bytes), bytes = num(msg.bytes);
    const frac = total ? Math.min(1, (bytes || 0) / total) : 0;
    const size = total ? `${formatBytes(bytes)} / ${formatBytes(total)}` : formatBytes(bytes);
    setTraining({
      status: 'training', phase: 'download', progress: frac,
      message: `${msg.message || 'Downloading data'} — ${size}${total ? ` (${Math.round(frac * 100)}%)` : ''}`,
    });
  });

  // The final evaluation: the new model, then the current one on the same images; cancellable.
  function evaluating(msg) {
    const done = num(msg.images) || 0, total = num(msg.total_images) || 0;
    const which = msg.evaluating === 'current' ? 'the current model' : 'the new model';
    const half = total ? Math.min(1, done / total) / 2 : 0;
    setTraining({
      status: 'training', phase: 'evaluate', model: msg.model ?? get('training').model,
      progress: msg.evaluating === 'current' ? 0.5 + half : half, etaSeconds: null, etaAt: null,
      message: `Final evaluation: ${which}, ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} test images`,
    });
  }
  subscribe('server:training_evaluating', evaluating);

  subscribe('server:training_started', (msg) => {
    pendingStart = 0;
    if (previousHistory === null) previousHistory = { history: get('history'), model: get('historyModel') };
    const total = num(msg.total_epochs) || 0;
    showRunEpochs(total);
    setHistory([], msg.model);
    setTraining({
      status: 'training', phase: 'train', epoch: 0, totalEpochs: total, batch: 0, batches: 0,
      loss: null, progress: 0, etaSeconds: null, etaAt: null, model: msg.model ?? null,
      message: `Training ${msg.model ? `${msg.model} ` : ''}for ${total} epochs` +
        (msg.training_images ? ` on ${Number(msg.training_images).toLocaleString('en-US')} images` : '') +
        (msg.test_images ? `, then both models on ${Number(msg.test_images).toLocaleString('en-US')} test images` : ''),
    });
  });

  subscribe('server:training_progress', (msg) => {
    const total = num(msg.total_epochs) || get('training').totalEpochs || 0;
    const epoch = num(msg.epoch) || 0;
    const batch = num(msg.batch) || 0, batches = num(msg.batches) || 0;
    const within = batches ? Math.min(1, batch / batches) : 0;
    const eta = num(msg.eta_seconds);
    setTraining({
      status: 'training', phase: 'train', epoch, totalEpochs: total, batch, batches,
      loss: num(msg.loss),
      progress: total ? Math.min(1, (Math.max(0, epoch - 1) + within) / total) : 0,
      ...(eta !== null ? { etaSeconds: eta, etaAt: Date.now() } : {}),
      message: `Epoch ${epoch}/${total} · batch ${batch}/${batches}` +
        (num(msg.loss) !== null ? ` · loss ${num(msg.loss).toFixed(4)}` : ''),
    });
  });

  subscribe('server:training_update', (msg) => {
    const rec = epochRecord(msg);
    if (rec.epoch === null) return;
    const history = (get('history') || []).filter((r) => r.epoch !== rec.epoch).concat(rec)
      .sort((a, b) => a.epoch - b.epoch);
    setHistory(history, msg.model);
    const total = num(msg.total_epochs) || get('training').totalEpochs || 0;
    const eta = num(msg.eta_seconds);
    setTraining({
      status: 'training', phase: 'train', epoch: rec.epoch, totalEpochs: total,
      progress: total ? Math.min(1, rec.epoch / total) : 0,
      ...(eta !== null ? { etaSeconds: eta, etaAt: Date.now() } : {}),
      message: `Epoch ${rec.epoch}/${total} · test accuracy ${rec.accuracy !== null ? (rec.accuracy * 100).toFixed(2) : '?'}%` +
        (rec.check_images ? ` on ${rec.check_images.toLocaleString('en-US')} test images` : '') +
        (rec.epoch_seconds !== null ? ` · ${rec.epoch_seconds.toFixed(1)} s/epoch` : ''),
    });
  });

  subscribe('server:training_complete', (msg) => {
    previousHistory = null;
    if (Array.isArray(msg.history)) setHistory(normalizeHistory(msg.history), msg.model);
    const acc = num(msg.accuracy);
    const c = msg.candidate || {};
    const text = `Training complete${acc !== null ? ` — the new model reads ${(acc * 100).toFixed(2)}% of ` +
      `${Number(c.images || 0).toLocaleString('en-US')} test images` : ''}; keep it or the current one below`;
    setTraining({ status: 'idle', phase: 'idle', progress: 1, etaSeconds: 0, etaAt: Date.now(), message: text });
    notice('success', text);
  });

  function restoreHistory() {
    if (previousHistory !== null) setHistory(previousHistory.history, previousHistory.model);
  }

  subscribe('server:training_cancelled', (msg) => {
    restoreHistory();
    previousHistory = null;
    pendingStart = 0;
    const text = msg.message || 'Training cancelled';
    setTraining({ status: 'idle', phase: 'idle', progress: 0, etaSeconds: null, etaAt: null, message: text });
    notice('info', text);
  });

  subscribe('server:training_error', (msg) => {
    restoreHistory();
    previousHistory = null;
    pendingStart = 0;
    const text = `Training failed: ${msg.message || 'unknown error'}`;
    setTraining({ status: 'error', phase: 'idle', etaSeconds: null, etaAt: null, message: text });
    notice('error', text);
  });

  subscribe('server:model_kept', (msg) => {
    setHistory(normalizeHistory(msg.history), msg.model);
    setTraining({ message: '', progress: 0 });
  });

  subscribe('server:model_reset', (msg) => {
    setHistory(normalizeHistory(msg.history), msg.model);
    const name = msg.model && typeof msg.model === 'object' ? msg.model.name : msg.model;
    const text = `Model reset${name ? ` to ${name}` : ''}`;
    setTraining({ message: text });
    notice('success', text);
  });

  // An admin error or a refused prompt ends the wait for training_started.
  subscribe('server:error', () => { if (pendingStart) { pendingStart = 0; render(); } });
  subscribe('adminPrompt', (p) => { if (!p && pendingStart) { pendingStart = 0; render(); } });

  // ---- controls -------------------------------------------------------------------------
  const { showRunEpochs } = initEpochsSlider(el);

  // Train asks for a plan first (ui/trainingPlan.js); its Start comes back as `startTraining`.
  el.trainButton.addEventListener('click', () => {
    if (get('training').status === 'training' || pendingStart) return;
    dispatch('startTraining:plan', { epochs: Number(el.slider.value), model: get('model') });
  });

  subscribe('startTraining', ({ epochs, evalLimit }) => {
    if (get('training').status === 'training' || pendingStart) return;
    const msg = { type: 'train', epochs, eval_limit: evalLimit };
    const model = get('model');
    if (model) msg.model = model;
    pendingStart = Date.now();
    setTimeout(() => { if (pendingStart && Date.now() - pendingStart >= 9900) { pendingStart = 0; render(); } }, 10000);
    setTraining({ message: 'Asking the server to start training…' });
    dispatch('send', msg);
  });

  el.cancelButton.addEventListener('click', () => {
    if (get('training').status !== 'training') return;
    setTraining({ message: 'Cancelling…' });
    dispatch('send', { type: 'cancel_training' });
  });

  el.resetButton.addEventListener('click', () => {
    el.resetConfirm.hidden = false;
    el.resetButton.hidden = true;
    el.resetYes.focus();
  });
  function closeConfirm() {
    el.resetConfirm.hidden = true;
    el.resetButton.hidden = false;
  }
  el.resetNo.addEventListener('click', closeConfirm);
  el.resetYes.addEventListener('click', () => {
    closeConfirm();
    const msg = { type: 'reset_model' };
    const model = get('model');
    if (model) msg.model = model;
    setTraining({ message: 'Resetting the model…' });
    dispatch('send', msg);
  });

  // ---- rendering ------------------------------------------------------------------------
  function etaRemaining(t) {
    if (!Number.isFinite(t.etaSeconds) || !t.etaAt) return null;
    return Math.max(0, t.etaSeconds - (Date.now() - t.etaAt) / 1000);
  }

  function renderEta() {
    const t = get('training');
    const left = etaRemaining(t);
    el.eta.textContent = t.status === 'training' && t.phase === 'train' && left !== null ? `ETA ${formatEta(left)}` : 'ETA —';
    el.eta.dataset.seconds = left === null ? '' : String(Math.round(left));
  }

  function render() {
    const t = get('training');
    const online = get('connection') === 'connected';
    const running = t.status === 'training';
    el.pill.dataset.status = t.status;
    el.pill.textContent = t.status;
    el.pill.title = t.phase === 'download' ? 'downloading training data' : t.status;
    el.trainButton.disabled = !online || running || !!pendingStart;
    el.trainButton.textContent = running ? 'Training…' : pendingStart ? 'Starting…' : 'Train';
    el.cancelButton.disabled = !online || !running;
    el.slider.disabled = running;
    el.resetButton.disabled = !online || running;
    const pct = Math.round((t.progress || 0) * 1000) / 10;
    el.progressFill.style.transform = `scaleX(${Math.max(0, Math.min(1, t.progress || 0))})`;
    el.progressBar.setAttribute('aria-valuenow', String(pct));
    el.progressBar.dataset.phase = t.phase;
    el.progressLabel.textContent = t.phase === 'download' ? `download ${pct.toFixed(0)}%`
      : t.phase === 'evaluate' ? `final evaluation · ${pct.toFixed(0)}%`
      : running ? `epoch ${t.epoch}/${t.totalEpochs} · ${pct.toFixed(1)}%`
        : t.progress >= 1 ? 'done' : 'idle';
    el.status.textContent = t.message || idleMessage();
    el.status.dataset.status = t.status;
    renderEta();
    clearInterval(etaTimer);
    etaTimer = 0;
    if (running && t.phase === 'train' && t.etaAt) etaTimer = setInterval(renderEta, 1000);
  }

  function idleMessage() {
    const h = get('history') || [];
    if (!get('modelLoaded')) return 'No model loaded — press Train to make one.';
    const info = get('modelInfo');
    const final = info && Number.isFinite(info.accuracy)
      ? ` · ${info.name}: ${(info.accuracy * 100).toFixed(2)}% on ${info.evaluated_on}` : '';
    return `Ready${final}` + (h.length ? ` · trained ${h.length} epochs` : '');
  }

  subscribe('training', render);
  subscribe('connection', render);
  subscribe('history', () => { if (!get('training').message) render(); });
  subscribe('modelLoaded', render);
  subscribe('modelInfo', () => { if (!get('training').message) render(); });
  render();
}
