// Pure functions of the page's display modules: the reading and its look-alike, models, training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPercent, lookAlike, lookAlikeHint, readingText } from '../../main/resources/web/ui/prediction.js';
import { rgbOf, withAlpha } from '../../main/resources/web/ui/theme.js';
import { niceTick, tickDigits } from '../../main/resources/web/ui/charts.js';
import { afterChange, fromInit } from '../../main/resources/web/ui/models.js';
import { checkCaption, epochRecord, formatEta, normalizeHistory, testSetName } from '../../main/resources/web/ui/trainingFormat.js';
import { EXPECT_CHOICES, validExpect } from '../../main/resources/web/ui/expect.js';
import { classKind } from '../../main/resources/web/ui/bars.js';
import { easeStep, inputNodes } from '../../main/resources/web/ui/networkVizData.js';
import { nodeLayout } from '../../main/resources/web/ui/networkVizFrame.js';

test('a close look-alike is asked about: "0 — or O?"', () => {
  const pred = { label: '0', confidence: 0.52, look_alike: { label: 'O', confidence: 0.41 } };
  assert.equal(lookAlike(pred), 'O');
  assert.equal(readingText(pred), '0 — or O?');
  assert.equal(lookAlikeHint(pred, 'any'), '0 and O look alike: say what you are writing');
  assert.equal(lookAlikeHint(pred, 'letters'), '0 and O look alike here');
});

test('without a look-alike the reading stands alone', () => {
  for (const look of [null, undefined, {}, { label: null }, { label: '7' }]) {
    const pred = { label: '7', confidence: 0.9, look_alike: look };
    assert.equal(lookAlike(pred), null, JSON.stringify(look));
    assert.equal(readingText(pred), '7');
    assert.equal(lookAlikeHint(pred, 'any'), '');
  }
  assert.equal(readingText({ empty: true, look_alike: { label: 'O' } }), '');
  assert.equal(readingText(null), '');
});

test('percentages and colours', () => {
  assert.equal(formatPercent(0.4567), '45.7%');
  assert.equal(formatPercent(NaN), '—');
  assert.deepEqual(rgbOf('#22d3ee'), [0x22, 0xd3, 0xee]);
  assert.deepEqual(rgbOf('#fff'), [255, 255, 255]);
  assert.deepEqual(rgbOf(' rgba(1, 2, 3, 0.5)'), [1, 2, 3]);
  assert.equal(rgbOf('teal'), null);
  assert.equal(withAlpha('#22d3ee', 0.5), 'rgba(34, 211, 238, 0.5)');
  assert.equal(withAlpha('teal', 0.5), 'teal');
});

test('chart ticks are round steps, shown with the decimals they need', () => {
  const ticks = [0.07, 0.12, 0.2, 0.33, 7, 0].map(niceTick);
  [0.08, 0.15, 0.2, 0.4, 8, 1].forEach((want, i) => assert.ok(Math.abs(ticks[i] - want) < 1e-12, `${ticks[i]} ≠ ${want}`));
  assert.deepEqual([2.5, 0.25, 5, 0.15].map(tickDigits), [1, 2, 0, 2]);
});

test('init describes what is served, and drops a pick the server no longer offers', () => {
  const init = { model_loaded: true, device: 'cpu', model: { name: 'bymerge' },
    models: [{ name: 'bymerge' }, { name: 'byclass' }], classes: [0, 'A'] };
  assert.deepEqual(fromInit(init, 'byclass'), { modelLoaded: true, device: 'cpu', modelInfo: { name: 'bymerge' },
    models: init.models, classes: ['0', 'A'] });
  assert.equal(fromInit(init, 'gone').model, null);
  assert.deepEqual(fromInit({ model: 'plain' }, null),
    { modelLoaded: false, device: null, modelInfo: { name: 'plain' }, models: [] });
});

test('after a run the new description replaces the old one in the list, and in the header for that model', () => {
  const models = [{ name: 'bymerge', accuracy: 0.9 }, { name: 'byclass', accuracy: 0.8 }];
  const trained = { name: 'byclass', accuracy: 0.5 };
  const patch = afterChange('byclass', trained, { models, modelInfo: models[0] });
  assert.deepEqual(patch.models, [models[0], trained]);
  assert.equal(patch.modelInfo, undefined, 'the header describes bymerge, not the model trained');
  assert.equal(afterChange('bymerge', { name: 'bymerge' }, { models, modelInfo: models[0] }).modelInfo.name, 'bymerge');
  assert.deepEqual(afterChange('x', null, { models, modelInfo: { name: 'y', accuracy: 1 } }),
    { modelInfo: { name: 'x', accuracy: 1 }, modelLoaded: true });
});

test('epoch records use the wire\'s names only (epoch_seconds, learning_rate)', () => {
  assert.deepEqual(epochRecord({ epoch: 2, accuracy: 0.5, epoch_seconds: 3.5, learning_rate: '0.001', train_loss: 1, test_loss: 2,
    check_images: 2000 }),
  { epoch: 2, train_loss: 1, test_loss: 2, accuracy: 0.5, epoch_seconds: 3.5, learning_rate: 0.001, check_images: 2000 });
  assert.equal(epochRecord({ epoch: 1, check_images: null }).check_images, null);
  const old = epochRecord({ epoch: 1, epoch_time: 3, lr: 0.1 });
  assert.equal(old.epoch_seconds, null);
  assert.equal(old.learning_rate, null);
  assert.deepEqual(normalizeHistory([{ epoch: 2 }, { epoch: 'x' }, { epoch: 1 }]).map((r) => r.epoch), [1, 2]);
});

test('the accuracy chart says whose epochs, which test set and how many images each check read', () => {
  const h = (...counts) => counts.map((n, i) => ({ epoch: i + 1, accuracy: 0.8, check_images: n }));
  assert.equal(checkCaption('bymerge', 'bymerge', h(10000, 10000)),
    'bymerge model · each epoch checked on 10,000 images of the EMNIST ByMerge test set');
  assert.equal(checkCaption('byclass', 'byclass', h(2000, 10000)),
    'byclass model · each epoch checked on 2,000–10,000 images of the EMNIST ByClass test set');
  assert.equal(checkCaption('bymerge', 'bymerge', h(null, null)),
    'bymerge model · each epoch checked on a sample of the EMNIST ByMerge test set (its size was not recorded)');
  assert.equal(checkCaption('bymerge', 'bymerge', h(null, 500)),
    'bymerge model · each epoch checked on 500 images of the EMNIST ByMerge test set (earlier epochs: size not recorded)');
  assert.equal(checkCaption(null, null, []), 'each epoch is checked on images of the test set');
  assert.equal(testSetName('ByMerge'), 'the EMNIST ByMerge test set');
});

test('an ETA reads m:ss, or h:mm:ss past an hour', () => {
  assert.equal(formatEta(65), '1:05');
  assert.equal(formatEta(3725), '1:02:05');
  assert.equal(formatEta(-1), '—');
});

test('the hint is one of the protocol\'s, else "any"', () => {
  assert.deepEqual(EXPECT_CHOICES, ['any', 'digits', 'letters', 'upper', 'lower']);
  assert.equal(validExpect('upper'), 'upper');
  assert.equal(validExpect('UPPER'), 'any');
  assert.equal(validExpect(null), 'any');
});

test('class kinds colour the bars; the network\'s input nodes sum rows of the preview', () => {
  assert.deepEqual(['7', 'Q', 'q', '?'].map(classKind), ['digit', 'upper', 'lower', 'other']);
  const preview = new Array(784).fill(0);
  preview[0] = 100;        // row 0 → node 0
  preview[27 * 28] = 50;   // row 27 → node 13
  const nodes = inputNodes(preview);
  assert.equal(nodes.length, 14);
  assert.equal(nodes[0], 1);
  assert.equal(nodes[13], 0.5);
  assert.deepEqual(inputNodes([1, 2]), new Array(14).fill(0));
});

test('the network view eases towards a prediction and fades out without one', () => {
  const target = { columns: [[1, 0], [0.5]], labels: ['7', '1'] };
  let { shown, moving } = easeStep(null, target);
  assert.equal(moving, true);
  assert.ok(shown.columns[0][0] > 0 && shown.columns[0][0] < 1, 'a step of the way, not a jump');
  for (let i = 0; i < 100 && moving; i++) ({ shown, moving } = easeStep(shown, target));
  assert.deepEqual(shown.columns, target.columns);
  assert.deepEqual(shown.labels, ['7', '1']);
  for (let i = 0; i < 100 && shown; i++) ({ shown, moving } = easeStep(shown, null));
  assert.equal(shown, null, 'empties once faded');
  assert.deepEqual(easeStep(null, null), { shown: null, moving: false });
});

test('the network view\'s nodes stay inside the view and never touch', () => {
  for (const [w, h] of [[900, 420], [360, 300], [1400, 560]]) {
    const { columns } = nodeLayout(w, h, 2);
    assert.equal(columns.length, 6);
    for (const col of columns) {
      assert.ok(col.x - col.r >= 0 && col.x + col.r <= w, `x inside at ${w}×${h}`);
      for (let i = 1; i < col.nodes.length; i++) {
        assert.ok(col.nodes[i] - col.nodes[i - 1] > 2 * col.r, `gap at ${w}×${h}`);
      }
    }
  }
});
