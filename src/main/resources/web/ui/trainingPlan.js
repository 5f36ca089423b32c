// Before a training: what it will train on and what it costs, then Start or Not now. The Train
// button asks for a plan (`startTraining:plan`); the server's `training_plan` answer is shown here
// (data folder, image counts, download, estimated time at the measured speed). Start asks
// ui/training.js to send `train` (event `startTraining`) with the chosen final-evaluation size.
// When the server cannot train (no data, no download allowed) its one sentence is all we show.
//
// Publishes: trainingPlan.
import { dispatch, get, subscribe, writer } from '../state/appState.js';

const write = writer('ui/trainingPlan.js', 'trainingPlan');
const EVAL_KEY = 'neuralscribe.evalLimit';

const count = (n) => Number(n).toLocaleString('en-US');

/** 45 → "under a minute", 750 → "13 min", 3725 → "1 h 2 min". */
export function roughly(seconds) {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The plan in words: what, on what, at what cost. */
export function describePlan(p) {
  if (!p.can_start) return p.message || 'The server cannot train now.';
  const parts = [`Train ${p.model} for ${p.epochs} epochs on ${count(p.training_images)} images from ${p.data_folder}`];
  if (p.download_bytes > 0) parts.push(`first downloading about ${Math.round(p.download_bytes / 1e6)} MB`);
  parts.push(`then evaluate the new and the current model on the same ${count(p.test_images)} test images`);
  const time = Number.isFinite(p.estimated_seconds)
    ? `It takes about ${roughly(p.estimated_seconds)} at the speed of ${p.speed_from}.` : 'The time is not known yet.';
  return `${parts.join(', ')}. ${time} The current model keeps serving until you choose.`;
}

export function initTrainingPlan(el) {
  try {
    const saved = localStorage.getItem(EVAL_KEY);
    if (saved !== null && [...el.evalLimit.options].some((o) => o.value === saved)) el.evalLimit.value = saved;
  } catch { /* storage blocked */ }

  subscribe('startTraining:plan', ({ epochs, model }) => {
    const msg = { type: 'plan_training', epochs, eval_limit: Number(el.evalLimit.value) };
    if (model) msg.model = model;
    write({ trainingPlan: { pending: true, epochs, model } });
    dispatch('send', msg);
  });
  subscribe('server:training_plan', (plan) => write({ trainingPlan: plan }));
  subscribe('server:training_started', () => write({ trainingPlan: null }));
  subscribe('server:error', (e) => { if (e.request_type === 'plan_training') write({ trainingPlan: null }); });

  el.evalLimit.addEventListener('change', () => {
    try { localStorage.setItem(EVAL_KEY, el.evalLimit.value); } catch { /* storage blocked */ }
    const p = get('trainingPlan');
    if (p && !p.pending) dispatch('startTraining:plan', { epochs: p.epochs, model: get('model') });
  });
  el.start.addEventListener('click', () => {
    const p = get('trainingPlan');
    if (!p || !p.can_start) return;
    write({ trainingPlan: null });
    dispatch('startTraining', { epochs: p.epochs, evalLimit: Number(el.evalLimit.value) });
  });
  el.close.addEventListener('click', () => write({ trainingPlan: null }));

  function render() {
    const p = get('trainingPlan');
    el.panel.hidden = !p;
    if (!p) return;
    el.text.textContent = p.pending ? 'Asking the server what a run would take…' : describePlan(p);
    el.choices.hidden = !!p.pending || !p.can_start;
    el.start.hidden = !!p.pending || !p.can_start;
    el.close.textContent = p.can_start ? 'Not now' : 'Close';
    if (!p.pending && p.can_start) el.start.focus();
  }
  subscribe('trainingPlan', render);
  render();
}
