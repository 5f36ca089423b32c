// Writing mode's live reading: every change of the line (state `line`, mid-stroke included) is
// sent as {"type":"read","strokes":[…]}. One request is in flight at a time; newer strokes wait in
// a one-slot queue (only the latest is kept) and go the moment the answer arrives, so the reading
// follows the pen without flooding the server. An empty line sends nothing and clears the reading.
//
// Publishes: reading (the server's `reading` message, or null); asks ui/predictQueue.js with a
// `focus` event to show the reading's `focus` (the character last written), so the bars and the
// network view follow it.
import { dispatch, get, subscribe, writer } from '../state/appState.js';
import { strokeRequest } from './predictQueue.js';

const write = writer('ui/readQueue.js', 'reading');

/** Give up waiting for an answer after this long (a lost answer must not stall the queue). */
export const READ_TIMEOUT_MS = 4000;

export function initReadQueue() {
  let seq = 0;
  let inFlight = null;
  let timer = 0;
  let queued = null;
  let discardUpTo = 0;     // answers with id <= this belong to a line since cleared
  let sent = 0;
  let answered = 0;

  function connected() { return get('connection') === 'connected'; }

  function submit(strokes) {
    if (inFlight !== null || !connected()) { queued = strokes; return; }
    sendNow(strokes);
  }

  function sendNow(strokes) {
    seq += 1;
    inFlight = seq;
    const msg = strokeRequest('read', seq, strokes, { model: get('model'), expect: get('expect'), profile: get('profile') });
    sent += 1;
    dispatch('send', msg);
    clearTimeout(timer);
    timer = setTimeout(release, READ_TIMEOUT_MS);
  }

  function release() {
    clearTimeout(timer);
    inFlight = null;
    if (queued && connected()) {
      const next = queued;
      queued = null;
      sendNow(next);
    }
  }

  subscribe('line', (line) => {
    if (line && line.strokes.length > 0) {
      submit(line.strokes);
    } else {
      queued = null;
      discardUpTo = seq;
      write({ reading: null });
    }
  });

  subscribe('server:reading', (msg) => {
    const id = Number(msg.id);
    if (!Number.isFinite(id) || id <= 0 || id > seq) return;   // not an answer to this page
    answered += 1;
    if (id === inFlight || inFlight === null || id > inFlight) release();
    if (id <= discardUpTo) return;
    const current = get('reading');
    if (current && Number(current.id) > id) return;           // an older answer arriving late
    write({ reading: msg });
    if (msg.focus) dispatch('focus', msg.focus);
  });

  subscribe('server:error', (msg) => {
    if (inFlight === null || msg.request_type !== 'read') return;
    if (msg.id === null || msg.id === undefined || Number(msg.id) === inFlight) release();
  });

  // After a reconnect, or with another model, hint or profile, ask again for what is written.
  function resend() {
    if (!connected()) return;
    inFlight = null;
    clearTimeout(timer);
    const line = get('line');
    if (line && line.strokes.length > 0) submit(line.strokes);
  }
  subscribe('connection', resend);
  for (const key of ['model', 'expect', 'profile']) subscribe(key, resend);

  return { stats: () => ({ sent, answered, inFlight: inFlight !== null }) };
}
