// The one place that turns a drawing into the network's 28×28 input.
//
// Rule (must match the server's inference/ preprocessing and EMNIST):
//   1. Find the ink bounding box on the full-resolution canvas (every pixel with alpha > 0).
//   2. Take the square of side max(width, height) centred on that box (aspect ratio preserved;
//      parts outside the canvas count as no ink).
//   3. Scale that square so it spans FIT × FIT pixels, centred in the GRID × GRID image:
//      the longer side of the ink spans exactly FIT = 24 px, leaving a 2 px margin
//      (EMNIST's ink longer side is 24 px); the shorter side is centred.
//   4. Resample by exact area averaging (each output pixel = mean ink coverage of the
//      source area it covers), then round to 0–255: ink high, upright, row-major.

export const GRID = 28;
export const FIT = 24;
export const MARGIN = (GRID - FIT) / 2;

/**
 * Ink bounding box of RGBA data (alpha channel), or null when nothing is drawn.
 * @returns {{x: number, y: number, w: number, h: number} | null}
 */
export function inkBounds(rgba, width, height) {
  let minX = width, minY = height, maxX = -1, maxY = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    let first = -1;
    for (let x = 0; x < width; x++) {
      if (rgba[row + x * 4 + 3] !== 0) { first = x; break; }
    }
    if (first < 0) continue;
    let last = first;
    for (let x = width - 1; x > first; x--) {
      if (rgba[row + x * 4 + 3] !== 0) { last = x; break; }
    }
    if (y < minY) minY = y;
    maxY = y;
    if (first < minX) minX = first;
    if (last > maxX) maxX = last;
  }
  if (maxY < 0) return null;
  return { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

// For source cells [start + i, start + i + 1) (i = 0..count-1), in a coordinate where the
// square starts at `origin` and one source pixel is `scale` output pixels, lists the output
// cells each one overlaps and by how much (in output-pixel units).
function overlaps(start, count, origin, scale) {
  const result = new Array(count);
  for (let i = 0; i < count; i++) {
    const a = MARGIN + (start + i - origin) * scale;
    const b = a + scale;
    const cells = [];
    for (let o = Math.max(0, Math.floor(a)); o < Math.min(GRID, Math.ceil(b)); o++) {
      const w = Math.min(b, o + 1) - Math.max(a, o);
      if (w > 0) cells.push(o, w);
    }
    result[i] = cells;
  }
  return result;
}

/**
 * The 784 network-input values (Uint8Array, row-major, 0–255 ink high) of RGBA data whose
 * alpha channel is the ink, or null when the image has no ink.
 */
export function extractPixels(rgba, width, height) {
  const box = inkBounds(rgba, width, height);
  if (!box) return null;
  const side = Math.max(box.w, box.h);
  const scale = FIT / side;
  // Origin of the square crop (may be fractional / outside the canvas).
  const ox = box.x + box.w / 2 - side / 2;
  const oy = box.y + box.h / 2 - side / 2;
  const cols = overlaps(box.x, box.w, ox, scale);
  const rows = overlaps(box.y, box.h, oy, scale);

  const out = new Float64Array(GRID * GRID);
  const line = new Float64Array(GRID);
  for (let j = 0; j < box.h; j++) {
    const rowCells = rows[j];
    if (rowCells.length === 0) continue;
    line.fill(0);
    const base = ((box.y + j) * width + box.x) * 4 + 3;
    for (let i = 0; i < box.w; i++) {
      const alpha = rgba[base + i * 4];
      if (alpha === 0) continue;
      const v = alpha / 255;
      const c = cols[i];
      for (let k = 0; k < c.length; k += 2) line[c[k]] += v * c[k + 1];
    }
    for (let k = 0; k < rowCells.length; k += 2) {
      const r = rowCells[k] * GRID, w = rowCells[k + 1];
      for (let x = 0; x < GRID; x++) out[r + x] += line[x] * w;
    }
  }
  const pixels = new Uint8Array(GRID * GRID);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(Math.min(1, out[i]) * 255);
  return pixels;
}
