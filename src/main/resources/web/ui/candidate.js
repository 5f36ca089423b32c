// After a training: the new model (the candidate) beside the current one, both evaluated on the
// same test images, and the person keeps one (`keep_model`); the other is set aside until they
// discard it (`discard_model`). The server remembers: the panel follows the chosen model's
// description (`candidate`, `set_aside`), so a reload or another page shows the same choice.
//
// Publishes nothing: it reads modelInfo / models / model and sends messages.
import { dispatch, get, subscribe } from '../state/appState.js';

const pct = (x) => `${(x * 100).toFixed(2)}%`;

/** The chosen model's description (the header's when none is chosen). */
export function chosenModel({ models, model, modelInfo }) {
  return (models || []).find((m) => m && m.name === (model || (modelInfo && modelInfo.name))) || modelInfo || null;
}

/** "New model 51.70% · current model 90.50% — on the same 10,000 test images of …". */
export function describeCandidate(info) {
  const c = info && info.candidate;
  if (!c) return '';
  if (!Number.isFinite(c.candidate_accuracy) || !Number.isFinite(c.current_accuracy)) {
    return `A new ${info.name} model is waiting${c.model && Number.isFinite(c.model.accuracy)
      ? ` (${pct(c.model.accuracy)} on ${c.model.evaluated_on})` : ''}; the current one still serves. Keep which?`;
  }
  const better = c.candidate_accuracy >= c.current_accuracy;
  return `New ${info.name} model ${pct(c.candidate_accuracy)} · current ${info.shipped ? 'shipped ' : ''}model ` +
    `${pct(c.current_accuracy)} — both on the same ${Number(c.images).toLocaleString('en-US')} test images ` +
    `(${c.test_set}). ${better ? 'The new one reads more of them right.' : 'The new one is worse.'} ` +
    'The current model serves until you choose.';
}

export function initCandidate(el) {
  function send(type, extra) {
    const info = chosenModel({ models: get('models'), model: get('model'), modelInfo: get('modelInfo') });
    dispatch('send', { type, ...(info && info.name ? { model: info.name } : {}), ...extra });
  }
  el.keepCandidate.addEventListener('click', () => send('keep_model', { keep: 'candidate' }));
  el.keepCurrent.addEventListener('click', () => send('keep_model', { keep: 'current' }));
  el.discard.addEventListener('click', () => send('discard_model', {}));

  subscribe('server:model_kept', (msg) => dispatch('notify', {
    level: 'success',
    text: msg.kept === 'candidate' ? `Now serving the new ${msg.model} model; the previous one is set aside.`
      : `Kept the current ${msg.model} model; the new one is set aside.`,
  }));
  subscribe('server:model_discarded', (msg) => dispatch('notify', { level: 'info', text: `Discarded the set-aside ${msg.model} model.` }));

  function render() {
    const info = chosenModel({ models: get('models'), model: get('model'), modelInfo: get('modelInfo') });
    const running = get('training').status === 'training';
    el.panel.hidden = !(info && info.candidate) || running;
    el.text.textContent = describeCandidate(info);
    if (info && info.candidate && Number.isFinite(info.candidate.candidate_accuracy)) {
      const better = info.candidate.candidate_accuracy >= info.candidate.current_accuracy;
      el.keepCandidate.classList.toggle('btn-primary', better);
      el.keepCurrent.classList.toggle('btn-primary', !better);
    }
    el.discard.hidden = !(info && info.set_aside) || running;
  }
  for (const key of ['models', 'model', 'modelInfo', 'training']) subscribe(key, render);
  render();
}
