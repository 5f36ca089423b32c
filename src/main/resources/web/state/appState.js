// NeuralScribe — tiny reactive store (pub/sub).
//
// Every module of the page talks to the others only through this store:
//   subscribe('prediction', fn)    fn(value, key) runs whenever that key changes
//   update({ prediction: {...} })  sets keys and notifies their subscribers
//   get('prediction')              reads a key
//   dispatch('send', message)      a transient event: notifies subscribers of the key,
//                                  stores nothing (used for outgoing messages and for
//                                  server events, `server:<type>`)
//
// The keys and their shapes are listed in INITIAL below; adding a feature means adding a key.

const INITIAL = {
  theme: 'dark',                 // 'dark' | 'light'
  connection: 'connecting',      // 'connecting' | 'connected' | 'offline'

  // What the server said in `init` (and later events).
  modelLoaded: false,
  device: null,
  modelInfo: null,               // model description {name, architecture, split, classes, accuracy, ...}
  models: [],                    // model descriptions the server offers
  model: null,                   // the model name the user picked; sent on predict/train when set
  classes: [],                   // class labels, in the order of `probabilities`
  adminRequired: false,

  // Drawing → prediction.
  drawing: { pixels: null, strokes: 0, version: 0 }, // pixels: 784 ints 0–255 or null (empty canvas)
  prediction: null,              // last `prediction` message for the current drawing, or null

  // Writing mode: a line → its reading.
  line: { strokes: [], version: 0, penDown: false }, // strokes: [[[x, y, t], …], …] in CSS px of the strip
  reading: null,                 // last `reading` message for the current line, or null

  // Training.
  training: {
    status: 'idle',              // 'idle' | 'training' | 'error'
    phase: 'idle',               // 'idle' | 'download' | 'train'
    epoch: 0, totalEpochs: 0, batch: 0, batches: 0,
    loss: null, progress: 0,     // progress: 0..1 of the whole run (or of the download)
    etaSeconds: null, etaAt: null, // server's ETA and the local time (ms) it was received
    message: '',
    model: null,
  },
  history: [],                   // epoch records {epoch, train_loss, test_loss, accuracy, epoch_seconds, learning_rate}

  notice: null,                  // {level: 'error' | 'info' | 'success', text, at}
  adminPrompt: null,             // {reason, message, retry} while the admin-token dialog is open
};

const state = { ...INITIAL };
const subscribers = new Map();

function listeners(key) {
  let set = subscribers.get(key);
  if (!set) { set = new Set(); subscribers.set(key, set); }
  return set;
}

function notify(key, value) {
  const set = subscribers.get(key);
  if (!set) return;
  for (const fn of [...set]) {
    try { fn(value, key); } catch (err) { console.error(`[appState] subscriber of "${key}" failed`, err); }
  }
}

/** Reads one key. */
export function get(key) {
  return state[key];
}

/** Sets keys; subscribers of each key whose value changed (!Object.is) are notified, in key order. */
export function update(partial) {
  const changed = [];
  for (const [key, value] of Object.entries(partial)) {
    if (Object.is(state[key], value)) continue;
    state[key] = value;
    changed.push(key);
  }
  for (const key of changed) notify(key, state[key]);
}

/** Calls fn(value, key) on every change of key; with {immediate: true} also right away. Returns an unsubscribe function. */
export function subscribe(key, fn, { immediate = false } = {}) {
  listeners(key).add(fn);
  if (immediate) fn(state[key], key);
  return () => listeners(key).delete(fn);
}

/** A transient event: notifies subscribers of key with payload, stores nothing. */
export function dispatch(key, payload) {
  notify(key, payload);
}

/** A deep copy of the whole state (for tests and debugging). */
export function snapshot() {
  return JSON.parse(JSON.stringify(state));
}
