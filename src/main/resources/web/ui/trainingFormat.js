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
  };
}

export function normalizeHistory(list) {
  return (Array.isArray(list) ? list : []).map(epochRecord).filter((r) => r.epoch !== null)
    .sort((a, b) => a.epoch - b.epoch);
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
