// The writing surface's pure rules, shared by the character canvas and the line canvas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backingSize, eventTime, isNewPoint } from '../../main/resources/web/ui/penSurface.js';

test('a stroke\'s first point is always kept', () => {
  assert.equal(isNewPoint(undefined, [3, 4, 0], 0.5), true);
});

test('a move shorter than the step on both axes is dropped, a step on either axis is kept', () => {
  assert.equal(isNewPoint([10, 10, 0], [10.4, 9.6, 5], 0.5), false);
  assert.equal(isNewPoint([10, 10, 0], [10.5, 10, 5], 0.5), true);
  assert.equal(isNewPoint([10, 10, 0], [10, 9.5, 5], 0.5), true);
  assert.equal(isNewPoint([0.5, 0.5, 0], [0.50005, 0.5, 1], 1e-4), false);
  assert.equal(isNewPoint([0.5, 0.5, 0], [0.5002, 0.5, 1], 1e-4), true);
});

test('an event\'s own time is used, the clock only when it carries none', () => {
  const clock = () => 1234;
  assert.equal(eventTime({ timeStamp: 87.5 }, clock), 87.5);
  assert.equal(eventTime({ timeStamp: 0 }, clock), 1234);
  assert.equal(eventTime({}, clock), 1234);
  assert.equal(eventTime({ timeStamp: NaN }, clock), 1234);
});

test('the backing store is the displayed size in whole device pixels', () => {
  assert.deepEqual(backingSize(300, 150, 2), { width: 600, height: 300 });
  assert.deepEqual(backingSize(333.3, 100.4, 1.5), { width: 500, height: 151 });
  assert.deepEqual(backingSize(300, 150, undefined), { width: 300, height: 150 });
});

test('a canvas that is not laid out keeps its size', () => {
  assert.equal(backingSize(0, 150, 2), null);
  assert.equal(backingSize(300, 0.5, 2), null);
  assert.equal(backingSize(NaN, 100, 1), null);
});
