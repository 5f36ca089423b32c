// Live predictions with a pixel queue.
//
// Every new drawing (state `drawing`) is sent as {"type":"predict","pixels":[...]}. While one
// request is in flight, newer pixels wait in a one-slot queue (only the latest is kept) and go
// the moment the answer arrives, so predictions keep flowing mid-stroke and drawing is never
// blocked. An empty canvas sends nothing and clears the prediction; answers that arrive for a
// drawing that has since been cleared are dropped.
//
// Publishes: prediction (the server's `prediction` message, or null).
import { dispatch, get, subscribe, update } from '../state/appState.js';

/** Give up waiting for an answer after this long (a lost answer must not stall the queue). */
export const ANSWER_TIMEOUT_MS = 4000;

function samePixels(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function initPredictQueue() {
  let seq = 0;             // id of the last request sent
  let inFlight = null;     // id of the request awaiting an answer
  let inFlightTimer = 0;
  let queued = null;       // newest pixels waiting for the in-flight request
  let discardUpTo = 0;     // answers with id <= this belong to a cleared drawing
  let sent = 0;
  let answered = 0;
  let lastSentPixels = null;

  function connected() { return get('connection') === 'connected'; }

  // force: ask even if these pixels were asked last (the model changed, or the page reconnected).
  function submit(pixels, force = false) {
    // The end of a stroke re-extracts an unchanged drawing: if the last request asked for these
    // very pixels and its answer is shown or still to come (not discarded by a clear), that's it.
    const current = get('prediction');
    const lastShown = !!current && Number(current.id) === seq;
    const lastPending = inFlight === seq && seq > discardUpTo;
    if (!force && (lastShown || lastPending) && samePixels(pixels, lastSentPixels)) {
      queued = null;
      return;
    }
    if (inFlight !== null || !connected()) { queued = pixels; return; }
    sendNow(pixels);
  }

  function sendNow(pixels) {
    seq += 1;
    inFlight = seq;
    const msg = { type: 'predict', id: seq, pixels };
    const model = get('model');
    if (model) msg.model = model;
    const profile = get('profile');
    if (profile) msg.profile = profile;
    lastSentPixels = pixels;
    sent += 1;
    dispatch('send', msg);
    clearTimeout(inFlightTimer);
    inFlightTimer = setTimeout(release, ANSWER_TIMEOUT_MS);
  }

  // The in-flight request is over (answered, failed or timed out): send what waits.
  function release() {
    clearTimeout(inFlightTimer);
    inFlight = null;
    if (queued && connected()) {
      const next = queued;
      queued = null;
      sendNow(next);
    }
  }

  function clearPrediction() {
    queued = null;
    discardUpTo = seq;
    update({ prediction: null });
  }

  subscribe('drawing', (drawing) => {
    if (drawing && drawing.pixels) submit(drawing.pixels);
    else clearPrediction();
  });

  subscribe('server:prediction', (msg) => {
    const id = typeof msg.id === 'number' ? msg.id : Number(msg.id);
    const ours = Number.isFinite(id) && id > 0;
    if (ours && id > seq) return;                 // not an answer to this page
    answered += 1;
    if (!ours || id === inFlight || inFlight === null || id > inFlight) release();
    if (ours && id <= discardUpTo) return;        // the canvas was cleared since
    const drawing = get('drawing');
    if (!drawing || !drawing.pixels) return;      // nothing on the canvas now
    const current = get('prediction');
    if (ours && current && typeof current.id === 'number' && current.id > id) return; // stale
    update({ prediction: msg });
  });

  // An error may answer the request in flight: then send what waits, so the queue doesn't stall.
  // Errors about other requests (an older, superseded drawing; a train request) leave it waiting.
  subscribe('server:error', (msg) => {
    if (inFlight === null) return;
    const type = msg.request_type ?? null;
    const id = msg.id === null || msg.id === undefined ? null : Number(msg.id);
    if ((type === null || type === 'predict') && (id === null || id === inFlight)) release();
  });

  function resend() {
    const drawing = get('drawing');
    inFlight = null;
    clearTimeout(inFlightTimer);
    if (drawing && drawing.pixels) submit(drawing.pixels, true);
  }

  subscribe('connection', (state) => {
    if (state === 'connected') resend();
    else { inFlight = null; clearTimeout(inFlightTimer); }
  });
  // A different model answers differently: ask again.
  subscribe('model', resend);
  // A profile reads differently, and a new sample changes what it reads: ask again.
  subscribe('profile', resend);
  subscribe('server:sample_added', resend);
  subscribe('server:model_reset', resend);
  subscribe('server:training_complete', resend);

  return {
    stats: () => ({ sent, answered, inFlight: inFlight !== null, queued: queued !== null }),
    lastSentPixels: () => (lastSentPixels ? lastSentPixels.slice() : null),
  };
}
