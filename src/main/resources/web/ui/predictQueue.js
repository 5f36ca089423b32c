// Live predictions with a one-slot queue.
//
// Every new drawing (state `drawing`, published mid-stroke as the pen moves) is sent as
// {"type":"predict","strokes":[...],"expect":...}. While one request is in flight, newer strokes
// wait in a one-slot queue (only the latest is kept) and go the moment the answer arrives, so
// predictions keep flowing mid-stroke and drawing is never blocked. An empty canvas sends nothing
// and clears the prediction; answers that arrive for a drawing that has since been cleared are
// dropped. A different model or expectation asks again for the same strokes.
//
// Publishes: prediction (the server's `prediction` message, or null).
import { dispatch, get, subscribe, writer } from '../state/appState.js';
import { sameStrokes } from './strokes.js';

const write = writer('ui/predictQueue.js', 'prediction');

/** Give up waiting for an answer after this long (a lost answer must not stall the queue). */
export const ANSWER_TIMEOUT_MS = 4000;

/**
 * A `predict` or `read` message for strokes, with the hint; the model and the profile are named
 * only when the person picked one.
 */
export function strokeRequest(type, id, strokes, { model = null, expect = 'any', profile = null } = {}) {
  const msg = { type, id, strokes, expect: typeof expect === 'string' ? expect : 'any' };
  if (model) msg.model = model;
  if (profile) msg.profile = profile;
  return msg;
}

export function initPredictQueue() {
  let seq = 0;             // id of the last request sent
  let inFlight = null;     // id of the request awaiting an answer
  let inFlightTimer = 0;
  let queued = null;       // newest strokes waiting for the in-flight request
  let discardUpTo = 0;     // answers with id <= this belong to a cleared drawing
  let sent = 0;
  let answered = 0;
  let lastSent = null;     // the last `predict` message sent

  function connected() { return get('connection') === 'connected'; }

  // force: ask even if these strokes were asked last (the model or the hint changed, or the page reconnected).
  function submit(strokes, force = false) {
    // The end of a stroke republishes an unchanged drawing: if the last request asked for these
    // very strokes and its answer is shown or still to come (not discarded by a clear), that's it.
    const current = get('prediction');
    const lastShown = !!current && Number(current.id) === seq;
    const lastPending = inFlight === seq && seq > discardUpTo;
    if (!force && (lastShown || lastPending) && lastSent && sameStrokes(strokes, lastSent.strokes)) {
      queued = null;
      return;
    }
    if (inFlight !== null || !connected()) { queued = strokes; return; }
    sendNow(strokes);
  }

  function sendNow(strokes) {
    queued = null; // what is sent is the newest drawing: nothing older may follow it
    seq += 1;
    inFlight = seq;
    const msg = strokeRequest('predict', seq, strokes, { model: get('model'), expect: get('expect'), profile: get('profile') });
    lastSent = msg;
    sent += 1;
    dispatch('send', msg);
    clearTimeout(inFlightTimer);
    inFlightTimer = setTimeout(release, ANSWER_TIMEOUT_MS);
  }

  // The in-flight request is over (answered, failed or timed out): send what waits.
  function release() {
    clearTimeout(inFlightTimer);
    inFlight = null;
    if (queued && connected()) sendNow(queued);
  }

  function clearPrediction() {
    queued = null;
    discardUpTo = seq;
    write({ prediction: null });
  }

  subscribe('drawing', (drawing) => {
    if (drawing && drawing.strokes) submit(drawing.strokes);
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
    if (!drawing || !drawing.strokes) return;     // nothing on the canvas now
    const current = get('prediction');
    if (ours && current && typeof current.id === 'number' && current.id > id) return; // stale
    write({ prediction: msg });
  });

  // Writing mode's last character (ui/readQueue.js asks with `focus`): the bars and network view show it.
  subscribe('focus', (prediction) => write({ prediction }));

  // An error may answer the request in flight: then send what waits, so the queue doesn't stall.
  // Errors about other requests (an older, superseded drawing; a train request) leave it waiting.
  subscribe('server:error', (msg) => {
    if (inFlight === null) return;
    const type = msg.request_type ?? null;
    const id = msg.id === null || msg.id === undefined ? null : Number(msg.id);
    if ((type === null || type === 'predict') && (id === null || id === inFlight)) release();
  });

  // Asks again for the drawing shown; answers to earlier requests (another model or hint, or a
  // connection that is gone) are dropped.
  function resend() {
    const drawing = get('drawing');
    discardUpTo = seq;
    inFlight = null;
    clearTimeout(inFlightTimer);
    if (drawing && drawing.strokes) submit(drawing.strokes, true);
  }

  subscribe('connection', (state) => {
    if (state === 'connected') resend();
    else { inFlight = null; clearTimeout(inFlightTimer); }
  });
  // A different model or hint answers differently: ask again.
  subscribe('model', resend);
  subscribe('expect', resend);
  // A profile reads differently, and a new sample changes what it reads: ask again.
  subscribe('profile', resend);
  subscribe('server:sample_added', resend);
  subscribe('server:model_reset', resend);
  subscribe('server:training_complete', resend);

  return {
    stats: () => ({ sent, answered, inFlight: inFlight !== null, queued: queued !== null }),
    lastSent: () => (lastSent ? JSON.parse(JSON.stringify(lastSent)) : null),
  };
}
