// The predict queue, driven through the store as the page drives it: the canvas publishes
// `drawing`, the connection carries `send` and answers with `server:prediction` / `server:error`.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, get, subscribe, writer } from '../../main/resources/web/state/appState.js';
import { ANSWER_TIMEOUT_MS, initPredictQueue, strokeRequest } from '../../main/resources/web/ui/predictQueue.js';

mock.timers.enable({ apis: ['setTimeout'] });
const write = writer('the test', 'connection', 'drawing', 'expect', 'model');
const sent = [];
subscribe('send', (m) => sent.push(m));
const queue = initPredictQueue();

const stroke = (n) => [[[10, 10, 0], [10 + n, 20, n]]];
let version = 0;
const draw = (strokes) => write({ drawing: { strokes, version: ++version } });
const answer = (id, label = '7', extra = {}) => dispatch('server:prediction', { type: 'prediction', id, label, ...extra });
const take = () => sent.splice(0);

test('a predict message carries the strokes and the hint, and names the model only when picked', () => {
  assert.deepEqual(strokeRequest('predict', 3, stroke(1), { expect: 'digits' }),
    { type: 'predict', id: 3, strokes: stroke(1), expect: 'digits' });
  assert.deepEqual(strokeRequest('predict', 4, stroke(1), { model: 'byclass', expect: 'any' }),
    { type: 'predict', id: 4, strokes: stroke(1), expect: 'any', model: 'byclass' });
  assert.deepEqual(strokeRequest('read', 5, stroke(1), { expect: null, profile: 'ana' }),
    { type: 'read', id: 5, strokes: stroke(1), expect: 'any', profile: 'ana' }, 'a line is read with the same options');
});

test('offline, drawings wait; on connecting the latest one is asked for', () => {
  write({ connection: 'offline', expect: 'lower' });
  draw(stroke(1));
  draw(stroke(2));
  assert.deepEqual(take(), []);
  write({ connection: 'connected' });
  assert.deepEqual(take(), [{ type: 'predict', id: 1, strokes: stroke(2), expect: 'lower' }]);
  answer(1);
  assert.equal(get('prediction').id, 1);
});

test('mid-stroke, one request at a time: newer strokes wait, only the latest, and go with the answer', () => {
  draw(stroke(3));
  draw(stroke(4));
  draw(stroke(5));
  assert.deepEqual(take().map((m) => [m.id, m.strokes]), [[2, stroke(3)]]);
  answer(2, 'L');
  assert.equal(get('prediction').label, 'L');
  assert.deepEqual(take().map((m) => [m.id, m.strokes]), [[3, stroke(5)]]);
  answer(3, 'Z');
  assert.deepEqual(queue.stats(), { sent: 3, answered: 3, inFlight: false, queued: false });
});

test('the end of a stroke republishes the same points: nothing is asked again', () => {
  draw(stroke(5));
  assert.deepEqual(take(), []);
  assert.equal(get('prediction').id, 3);
});

test('a new hint asks again for the same strokes, and the old hint\'s answer is not shown', () => {
  draw(stroke(6));
  assert.deepEqual(take().map((m) => m.id), [4]);
  write({ expect: 'digits' });
  assert.deepEqual(take(), [{ type: 'predict', id: 5, strokes: stroke(6), expect: 'digits' }]);
  answer(4, 'o');
  assert.equal(get('prediction').id, 3, 'the answer to the old hint is dropped');
  answer(5, '0');
  assert.equal(get('prediction').label, '0');
  assert.equal(queue.lastSent().expect, 'digits');
});

test('clearing the canvas clears the prediction, and a late answer does not bring it back', () => {
  draw(stroke(7));
  assert.deepEqual(take().map((m) => m.id), [6]);
  draw(null);
  assert.equal(get('prediction'), null);
  answer(6);
  assert.equal(get('prediction'), null);
  draw(stroke(8));
  assert.deepEqual(take().map((m) => m.id), [7], 'the answer released the queue');
  answer(7);
});

test('a lost answer stalls nothing: after the timeout what waits is sent', () => {
  draw(stroke(9));
  draw(stroke(10));
  assert.deepEqual(take().map((m) => m.id), [8]);
  mock.timers.tick(ANSWER_TIMEOUT_MS - 1);
  assert.deepEqual(take(), []);
  mock.timers.tick(1);
  assert.deepEqual(take().map((m) => [m.id, m.strokes]), [[9, stroke(10)]]);
  answer(9);
});

test('an error about the request in flight releases the queue; one about another request does not', () => {
  draw(stroke(11));
  draw(stroke(12));
  assert.deepEqual(take().map((m) => m.id), [10]);
  dispatch('server:error', { type: 'error', code: 'bad_request', id: 3, request_type: 'predict' });
  assert.deepEqual(take(), []);
  dispatch('server:error', { type: 'error', code: 'bad_request', id: 10, request_type: 'predict' });
  assert.deepEqual(take().map((m) => m.id), [11]);
  answer(11);
});
