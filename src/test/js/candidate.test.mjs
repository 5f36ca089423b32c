// The words around a training's candidate and plan: every figure names its model, its test set
// and how many images; a plan that cannot start is the server's one sentence, nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chosenModel, describeCandidate } from '../../main/resources/web/ui/candidate.js';
import { describePlan } from '../../main/resources/web/ui/trainingPlan.js';

const CANDIDATE = {
  model: { name: 'bymerge', accuracy: 0.517 }, test_set: 'emnist-bymerge-test (2000 of 116323)', images: 2000,
  current_accuracy: 0.905, candidate_accuracy: 0.517,
};

test('a candidate is shown beside the current model on the same test images', () => {
  const text = describeCandidate({ name: 'bymerge', shipped: true, candidate: CANDIDATE });
  assert.match(text, /New bymerge model 51\.70% · current shipped model 90\.50%/);
  assert.match(text, /same 2,000 test images \(emnist-bymerge-test \(2000 of 116323\)\)/);
  assert.match(text, /The new one is worse\./);
  assert.equal(describeCandidate({ name: 'bymerge', candidate: null }), '');
});

test('the chosen model is the picked one, else the header\'s', () => {
  const a = { name: 'bymerge' }, b = { name: 'byclass', candidate: CANDIDATE };
  assert.equal(chosenModel({ models: [a, b], model: 'byclass', modelInfo: a }), b);
  assert.equal(chosenModel({ models: [a, b], model: null, modelInfo: a }), a);
});

test('a plan says data, images, download and time; one that cannot start is its one sentence', () => {
  const plan = {
    model: 'bymerge', epochs: 5, data_folder: 'data/emnist', training_images: 697932, test_images: 10000,
    download_bytes: 535000000, estimated_seconds: 3725, speed_from: "the model's own training", can_start: true,
  };
  const text = describePlan(plan);
  assert.match(text, /Train bymerge for 5 epochs on 697,932 images from data\/emnist/);
  assert.match(text, /downloading about 535 MB/);
  assert.match(text, /same 10,000 test images/);
  assert.match(text, /It takes about 1 h 2 min at the speed of the model's own training\./);
  const refused = 'The EMNIST bymerge data is not on the server: restart it with --allow-download (about 535 MB) or put the files in its data folder.';
  assert.equal(describePlan({ can_start: false, message: refused }), refused);
});
