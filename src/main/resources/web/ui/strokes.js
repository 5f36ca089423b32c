// Stroke packaging: the canvas's strokes as `predict` carries them (docs/PROTOCOL.md).
//
// The canvas keeps each point as [x, y, t]: x and y fractions of the canvas (0..1, so a drawing
// survives resizes), t the milliseconds since the drawing began. On the wire a point is [x, y, t]
// in CSS pixels of the canvas as it is now (y down): x and y rounded to 0.1 px, t to 1 ms. The
// server renders the strokes itself (one renderer for serving, evaluation and training), so the
// page sends no pixels and resamples nothing.
//
// A point closer than MIN_STEP_PX to the last one kept changes nothing the renderer can see and
// is dropped — pointer events come several per pixel — except a stroke's last point, where the pen
// lifted. Repeats of the same point are always dropped.

export const MIN_STEP_PX = 1;

const tenth = (v) => Math.round(v * 10) / 10;

/**
 * The strokes in wire form, [[[x, y, t], …], …], or null when there is no point at all.
 * @param strokes [[[fx, fy, t], …], …] with fx, fy in 0..1 of the canvas
 * @param width the canvas's width in CSS px now
 * @param height its height in CSS px now
 */
export function packageStrokes(strokes, width, height) {
  const out = [];
  for (const points of strokes) {
    const kept = [];
    points.forEach((p, i) => {
      const q = [tenth(p[0] * width), tenth(p[1] * height), Math.max(0, Math.round(p[2] || 0))];
      const last = kept[kept.length - 1];
      if (last) {
        const d = Math.hypot(q[0] - last[0], q[1] - last[1]);
        if (d === 0 || (d < MIN_STEP_PX && i < points.length - 1)) return;
      }
      kept.push(q);
    });
    if (kept.length) out.push(kept);
  }
  return out.length ? out : null;
}

/** Whether two packaged drawings are the same points (a stroke's end often changes nothing). */
export function sameStrokes(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let s = 0; s < a.length; s++) {
    const p = a[s], q = b[s];
    if (p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) {
      if (p[i][0] !== q[i][0] || p[i][1] !== q[i][1] || p[i][2] !== q[i][2]) return false;
    }
  }
  return true;
}
