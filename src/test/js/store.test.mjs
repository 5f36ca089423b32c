// The store: one writer per key, notifications only on change, events that store nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, get, snapshot, subscribe, writer } from '../../main/resources/web/state/appState.js';

const writeTheme = writer('theme test', 'theme');

test('a key has one writer: a second claim throws and names the first', () => {
  assert.throws(() => writer('another module', 'theme'), /"theme" is already written by theme test/);
});

test('a claim must name state keys, and claims nothing when one is wrong', () => {
  assert.throws(() => writer('typo', 'connection', 'conection'), /not a state key/);
  const write = writer('after the typo', 'connection'); // "connection" was not claimed by the failed call
  write({ connection: 'connected' });
  assert.equal(get('connection'), 'connected');
});

test('a writer may write only the keys it claimed', () => {
  assert.throws(() => writeTheme({ theme: 'light', history: [] }), /may not write "history"/);
  assert.equal(get('theme'), 'dark', 'nothing was written');
});

test('subscribers hear changes, not repeats; immediate subscribers hear the value at once', () => {
  const heard = [];
  const stop = subscribe('theme', (v, key) => heard.push([key, v]), { immediate: true });
  writeTheme({ theme: 'light' });
  writeTheme({ theme: 'light' });
  writeTheme({ theme: 'dark' });
  stop();
  writeTheme({ theme: 'light' });
  assert.deepEqual(heard, [['theme', 'dark'], ['theme', 'light'], ['theme', 'dark']]);
});

test('a failing subscriber does not stop the others', (t) => {
  const errors = [];
  t.mock.method(console, 'error', (...args) => errors.push(args.join(' ')));
  const heard = [];
  const a = subscribe('theme', () => { throw new Error('boom'); });
  const b = subscribe('theme', (v) => heard.push(v));
  writeTheme({ theme: 'dark' });
  a(); b();
  assert.deepEqual(heard, ['dark']);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /subscriber of "theme" failed/);
});

test('events reach their subscribers and store nothing; a key cannot be dispatched', () => {
  const heard = [];
  const stop = subscribe('send', (m) => heard.push(m));
  dispatch('send', { type: 'ping' });
  stop();
  assert.deepEqual(heard, [{ type: 'ping' }]);
  assert.equal(get('send'), undefined);
  assert.throws(() => dispatch('theme', 'light'), /"theme" is a state key/);
});

test('a snapshot is a copy', () => {
  const s = snapshot();
  s.training.status = 'changed';
  assert.equal(get('training').status, 'idle');
});
