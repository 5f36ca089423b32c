// Writing mode's line canvas: a wide strip to write a word or a number on — the same writing
// surface as the single-character canvas (penSurface.js), with undo and clear.
//
// Strokes are kept as points in CSS pixels of the strip ([x, y, t], t in ms since the first
// stroke began) — what the server's `read` message takes, so a line is segmented by the writing's
// own sizes and times. The strip is repainted from that list on every change and on resizes.
//
// Publishes: line {strokes: [[[x, y, t], …], …], version, penDown} — mid-stroke too, at most once
// per animation frame, so the reading can follow the pen.
import { writer } from '../state/appState.js';
import { initPenSurface } from './penSurface.js';

/** The pen's width as a fraction of the strip's height. */
export const LINE_PEN = 0.045;

/** Smallest move kept as a new point, in CSS px (points are kept to a tenth of a pixel). */
const MIN_STEP = 0.5;

const write = writer('ui/lineCanvas.js', 'line');

const tenth = (v) => Math.round(v * 10) / 10;

export function initLineCanvas({ canvas, undoButton, clearButton, placeholder }) {
  let version = 0;
  return initPenSurface({
    canvas, undoButton, clearButton, placeholder,
    toPoint: (x, y, t) => [tenth(x), tenth(y), Math.round(t)],
    minStep: MIN_STEP,
    pen: (c, rect) => {
      const k = rect.width > 0 ? c.width / rect.width : 1;
      return { sx: k, sy: k, width: Math.max(2, LINE_PEN * c.height) };
    },
    publish: (strokes, penDown) => {
      version += 1;
      write({ line: { strokes: strokes.map((pts) => pts.map((p) => p.slice())), version, penDown } });
    },
  });
}
