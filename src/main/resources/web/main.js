// NeuralScribe dashboard — entry point. Wires the modules to their elements; the modules then
// talk to each other only through state/appState.js.
import * as appState from './state/appState.js';
import { initTheme } from './ui/theme.js';
import { initCanvas } from './ui/canvas.js';
import { initExpect } from './ui/expect.js';
import { GRID } from './ui/grid.js';
import { initPredictQueue } from './ui/predictQueue.js';
import { initPrediction } from './ui/prediction.js';
import { initBars } from './ui/bars.js';
import { initNetworkViz } from './ui/networkViz.js';
import { initCharts } from './ui/charts.js';
import { initTraining } from './ui/training.js';
import { initTrainingPlan } from './ui/trainingPlan.js';
import { initCandidate } from './ui/candidate.js';
import { initPicture } from './ui/picture.js';
import { initHelp } from './ui/help.js';
import { initConnection } from './ui/connection.js';
import { initAdminDialog } from './ui/admin.js';
import { initNotice } from './ui/notice.js';
import { initModels } from './ui/models.js';
import { initWriting } from './ui/writing.js';
import { initProfiles } from './ui/profiles.js';

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el;
};

// Theme first: other modules read CSS colours when they start and on every theme change.
initTheme($('theme-toggle'));
initNotice({ box: $('notice'), text: $('notice-text'), close: $('notice-close') });
initModels({ info: $('model-info'), select: $('model-select') });

const canvas = initCanvas({
  canvas: $('draw-canvas'),
  undoButton: $('undo-button'),
  clearButton: $('clear-button'),
  placeholder: $('canvas-placeholder'),
});
initExpect($('expect'));
const queue = initPredictQueue();
initPrediction({
  label: $('prediction-label'),
  alternative: $('prediction-alt'),
  confidence: $('prediction-confidence'),
  confidenceFill: $('prediction-confidence-fill'),
  ms: $('prediction-ms'),
  top3: $('top3'),
  message: $('prediction-message'),
  preview: $('preview-canvas'),
});
initBars({ container: $('bars'), legend: $('bars-legend') });
initProfiles({ container: $('profiles'), bars: $('bars'), clearButton: $('clear-button') });
const viz = initNetworkViz($('network-canvas'), { hint: $('network-hint'), legend: $('network-legend') });
const charts = initCharts({
  accuracyCanvas: $('accuracy-chart'),
  lossCanvas: $('loss-chart'),
  accuracyValue: $('accuracy-value'),
  accuracyNote: $('accuracy-note'),
  lossValue: $('loss-value'),
});
initTraining({
  slider: $('epochs-slider'),
  epochsValue: $('epochs-value'),
  trainButton: $('train-button'),
  cancelButton: $('cancel-button'),
  progressBar: $('progress-bar'),
  progressFill: $('progress-fill'),
  progressLabel: $('progress-label'),
  eta: $('eta'),
  pill: $('status-pill'),
  status: $('training-status'),
  resetButton: $('reset-button'),
  resetConfirm: $('reset-confirm'),
  resetYes: $('reset-confirm-yes'),
  resetNo: $('reset-confirm-no'),
});
initTrainingPlan({
  panel: $('training-plan'),
  text: $('training-plan-text'),
  choices: $('training-plan-choices'),
  evalLimit: $('eval-limit'),
  start: $('training-plan-start'),
  close: $('training-plan-close'),
});
initHelp({ button: $('help-button'), dialog: $('help-dialog') });
initPicture({
  card: $('draw-card'),
  drawing: $('draw-canvas'),
  choose: $('picture-choose'),
  input: $('picture-input'),
  save: $('save-png'),
  panel: $('picture'),
  preview: $('picture-preview'),
  text: $('picture-text'),
  close: $('picture-close'),
});
initCandidate({
  panel: $('candidate'),
  text: $('candidate-text'),
  keepCandidate: $('keep-candidate'),
  keepCurrent: $('keep-current'),
  discard: $('discard-button'),
});
initAdminDialog({
  dialog: $('admin-dialog'),
  form: $('admin-form'),
  input: $('admin-token-input'),
  message: $('admin-message'),
  cancel: $('admin-cancel'),
});
const writing = initWriting({
  switchButtons: document.querySelectorAll('.mode-switch [data-mode]'),
  section: $('writing'),
  canvas: $('line-canvas'),
  undoButton: $('line-undo'),
  clearButton: $('line-clear'),
  placeholder: $('line-placeholder'),
  readingBox: $('reading'),
  text: $('reading-text'),
  copyButton: $('reading-copy'),
  message: $('reading-message'),
});
const connection = initConnection({ statusEl: $('connection-status') });

// Read-only hooks for browser tests and debugging.
Object.defineProperty(window, 'neuralscribe', {
  value: Object.freeze({
    GRID,
    strokeCount: () => canvas.strokeCount(),
    lastStrokes: () => {
      const d = appState.get('drawing');
      return d && d.strokes ? JSON.parse(JSON.stringify(d.strokes)) : null;
    },
    lastSentRequest: () => queue.lastSent(),
    prediction: () => {
      const p = appState.get('prediction');
      return p ? JSON.parse(JSON.stringify(p)) : null;
    },
    state: () => appState.snapshot(),
    reading: () => {
      const r = appState.get('reading');
      return r ? JSON.parse(JSON.stringify(r)) : null;
    },
    stats: () => ({
      predict: queue.stats(),
      read: writing.stats(),
      socket: connection.stats(),
      network: viz.stats(),
      charts: { accuracy: charts.accuracy.draws, loss: charts.loss.draws },
    }),
  }),
  writable: false,
  configurable: false,
});
