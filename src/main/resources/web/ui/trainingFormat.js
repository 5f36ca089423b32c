// The training panel's pure helpers: epoch records as the page keeps them, and how times and
// sizes are written.

export function num(v) { return Number.isFinite(v) ? v : (typeof v === 'string' && v.trim() !== '' && Number.isFinite(+v) ? +v : null); }

/** An epoch record from `init.history` / `training_complete.history` or a `training_update`. */
export function epochRecord(r) {
  return {
    epoch: num(r.epoch),
    train_loss: num(r.train_loss),
    test_loss: num(r.test_loss),
    accuracy: num(r.accuracy),
    epoch_seconds: num(r.epoch_seconds),
    learning_rate: num(r.learning_rate),
    check_images: num(r.check_images),
  };
}

export function normalizeHistory(list) {
  return (Array.isArray(list) ? list : []).map(epochRecord).filter((r) => r.epoch !== null)
    .sort((a, b) => a.epoch - b.epoch);
}

const SPLIT_NAMES = { byclass: 'ByClass', bymerge: 'ByMerge', balanced: 'Balanced', letters: 'Letters', digits: 'Digits', mnist: 'MNIST' };

/** A split as EMNIST writes it ("ByMerge"), or '' when there is none. */
export function splitName(split) {
  const s = typeof split === 'string' ? split.toLowerCase() : '';
  return s ? SPLIT_NAMES[s] || s : '';
}

/** The test set a model of this split is checked on: "the EMNIST ByMerge test set" (or "the test set"). */
export function testSetName(split) {
  const s = splitName(split);
  return s ? `the EMNIST ${s} test set` : 'the test set';
}

const count = (n) => Number(n).toLocaleString('en-US');

/**
 * What the accuracy chart shows, in words: whose epochs, on which test set, and how many images
 * each epoch's check read — a range when the runs behind the history checked different numbers,
 * and said plainly when the model file did not record it.
 * "bymerge model · each epoch checked on 10,000 images of the EMNIST ByMerge test set"
 */
export function checkCaption(model, split, history) {
  const who = model ? `${model} model · ` : '';
  const set = testSetName(split);
  const counts = (Array.isArray(history) ? history : []).map((r) => r && r.check_images).filter((n) => n > 0);
  if (!Array.isArray(history) || history.length === 0) return `${who}each epoch is checked on images of ${set}`;
  if (counts.length === 0) return `${who}each epoch checked on a sample of ${set} (its size was not recorded)`;
  const lo = Math.min(...counts), hi = Math.max(...counts);
  const n = lo === hi ? count(lo) : `${count(lo)}–${count(hi)}`;
  const some = counts.length < history.length ? ' (earlier epochs: size not recorded)' : '';
  return `${who}each epoch checked on ${n} images of ${set}${some}`;
}

export function formatEta(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

export function formatBytes(n) {
  if (!Number.isFinite(n)) return '?';
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}
