// NeuralScribe — tiny reactive store (pub/sub).
//
// Every module of the page talks to the others only through this store:
//   const write = writer('canvas', 'drawing')   claims keys: only this module may set them
//   write({ drawing: {...} })                  sets keys and notifies their subscribers
//   subscribe('prediction', fn)                fn(value, key) runs whenever that key changes
//   get('prediction')                          reads a key
//   dispatch('send', message)                  a transient event: notifies subscribers of the
//                                              name, stores nothing (outgoing messages, server
//                                              events `server:<type>`, requests to a key's writer)
//
// Each key has exactly one writer, which claims it when its module loads: a second claim throws,
// as does writing a key one did not claim or dispatching an event under a key's name. Anyone
// else who wants a key changed asks its writer with an event (e.g. `notify` for `notice`).
// The keys, their shapes and their writers are listed in INITIAL below; adding a feature means
// adding a key.

const INITIAL = {
  theme: 'dark',                 // ui/theme.js: 'dark' | 'light'
  connection: 'connecting',      // ui/connection.js: 'connecting' | 'connected' | 'offline'
  adminRequired: false,          // ui/connection.js: the server asks for its admin token

  // The models (ui/models.js), from the server's `init`, `training_complete`, `model_reset`.
  modelLoaded: false,
  device: null,
  modelInfo: null,               // model description {name, architecture, split, classes, accuracy, ...}
  models: [],                    // model descriptions the server offers
  model: null,                   // the model name the user picked; sent on predict/train when set
  profile: null,                 // the profile name the user picked (ui/profiles.js); sent on predict when set
  classes: [],                   // class labels, in the order of `probabilities`

  // Drawing → prediction.
  expect: 'any',                 // ui/expect.js: what the person writes, sent with every predict
  drawing: { strokes: null, version: 0 }, // ui/canvas.js: strokes [[[x, y, t], …], …] (CSS px, ms) or null
  picture: null,                 // ui/picture.js: a picture read through the upload endpoint {status, name, predictions, preview, message}
  prediction: null,              // ui/predictQueue.js: last `prediction` for the current drawing, or null

  // Writing mode: a line → its reading.
  line: { strokes: [], version: 0, penDown: false }, // ui/lineCanvas.js: strokes [[[x, y, t], …], …] (CSS px, ms)
  reading: null,                 // ui/readQueue.js: last `reading` for the current line, or null

  // Training (ui/training.js).
  training: {
    status: 'idle',              // 'idle' | 'training' | 'error'
    phase: 'idle',               // 'idle' | 'download' | 'train' | 'evaluate'
    epoch: 0, totalEpochs: 0, batch: 0, batches: 0,
    loss: null, progress: 0,     // progress: 0..1 of the whole run (or of the download)
    etaSeconds: null, etaAt: null, // server's ETA and the local time (ms) it was received
    message: '',
    model: null,
  },
  trainingPlan: null,            // ui/trainingPlan.js: the server's `training_plan` awaiting Start, {pending} while asked, or null
  history: [],                   // epoch records {epoch, train_loss, test_loss, accuracy, epoch_seconds, learning_rate, check_images}
  historyModel: null,            // the name of the model (or run) whose epochs `history` holds

  notice: null,                  // ui/notice.js: {level: 'error' | 'info' | 'success', text, at}
  adminPrompt: null,             // ui/admin.js: {reason, message, retry} while the admin-token dialog is open
};

const state = { ...INITIAL };
const subscribers = new Map();
const owners = new Map();        // key → the module that claimed it

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

/**
 * Claims keys for one module (named for error messages) and returns its write function:
 * write(partial) sets those keys; subscribers of each key whose value changed (!Object.is) are
 * notified, in key order.
 */
export function writer(owner, ...keys) {
  for (const key of keys) {
    if (!(key in INITIAL)) throw new Error(`[appState] ${owner} claims "${key}", which is not a state key`);
    if (owners.has(key)) throw new Error(`[appState] "${key}" is already written by ${owners.get(key)}, not ${owner}`);
  }
  for (const key of keys) owners.set(key, owner);
  const mine = new Set(keys);
  return (partial) => {
    for (const key of Object.keys(partial)) {
      if (!mine.has(key)) throw new Error(`[appState] ${owner} may not write "${key}"`);
    }
    update(partial);
  };
}

function update(partial) {
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

/** A transient event: notifies subscribers of name with payload, stores nothing. */
export function dispatch(name, payload) {
  if (name in INITIAL) throw new Error(`[appState] "${name}" is a state key: only its writer sets it`);
  notify(name, payload);
}

/** A deep copy of the whole state (for tests and debugging). */
export function snapshot() {
  return JSON.parse(JSON.stringify(state));
}
