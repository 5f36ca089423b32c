// Stroke packaging: canvas fractions to the wire's CSS pixels, with times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_STEP_PX, packageStrokes, sameStrokes } from '../../main/resources/web/ui/strokes.js';

test('points become CSS pixels of the canvas as it is now (0.1 px) and whole milliseconds', () => {
  const strokes = [[[0.25, 0.5, 0], [0.5, 0.75, 16.4]], [[0.123456, 0.9, 120.6]]];
  assert.deepEqual(packageStrokes(strokes, 400, 200), [[[100, 100, 0], [200, 150, 16]], [[49.4, 180, 121]]]);
});

test('no point at all is no drawing', () => {
  assert.equal(packageStrokes([], 400, 400), null);
  assert.equal(packageStrokes([[]], 400, 400), null);
});

test('a point within a pixel of the last kept one is dropped, but not where the pen lifted', () => {
  const px = (x, t) => [x / 400, 0.5, t];
  const stroke = [px(10, 0), px(10.4, 1), px(10.8, 2), px(11.5, 3), px(11.9, 4), px(12.2, 5)];
  assert.deepEqual(packageStrokes([stroke], 400, 400)[0].map((p) => p[0]), [10, 11.5, 12.2]);
  assert.equal(MIN_STEP_PX, 1);
});

test('a repeated point is dropped even at the end; a dot stays one point', () => {
  const p = [0.5, 0.5, 0];
  assert.deepEqual(packageStrokes([[p, [0.5, 0.5, 30]]], 100, 100), [[[50, 50, 0]]]);
});

test('a point without a time gets 0, never a negative time', () => {
  assert.deepEqual(packageStrokes([[[0.1, 0.1], [0.9, 0.9, -3]]], 10, 10), [[[1, 1, 0], [9, 9, 0]]]);
});

test('sameStrokes compares every coordinate and time, stroke by stroke', () => {
  const a = [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9]]];
  assert.ok(sameStrokes(a, JSON.parse(JSON.stringify(a))));
  assert.ok(!sameStrokes(a, [[[1, 2, 3], [4, 5, 6]]]));
  assert.ok(!sameStrokes(a, [[[1, 2, 3], [4, 5, 7]], [[7, 8, 9]]]));
  assert.ok(!sameStrokes(a, [[[1, 2, 3]], [[4, 5, 6], [7, 8, 9]]]));
  assert.ok(!sameStrokes(a, null));
});
