package io.neuralscribe.inference;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.List;

/**
 * What a client drew, in either of the two forms the protocol accepts, already validated.
 *
 * <p>Too little ink is not read: the renderer scales any drawing up to the network's frame, so a
 * single click would reach the network as a fat blob and come back as "0" at 54 %. Whether a drawing
 * is a character or a dot depends on its size on the screen, which only these units know: a
 * drawing whose longer side is under {@link #MIN_EXTENT_CSS_PX} CSS pixels (about 2.5 mm) is hidden
 * inside one dot of the page's pen (6 % of its canvas, 17 px or more), so the person sees a dot,
 * however many points it has. The older 784-pixel form gets the same rule on its 28×28 grid.
 */
public sealed interface Drawing {
    /** The smallest longer side, in CSS pixels, of a drawing that is read. */
    double MIN_EXTENT_CSS_PX = 10;
    /** The smallest longer side of the ink, in cells of the 28×28 grid (10 CSS px of a 280 px canvas is 1). */
    int MIN_EXTENT_CELLS = 4;
    /** A cell holds ink from this value (of 255) on: fainter is antialiasing. */
    float INK = 32;

    /** The network's 28×28 view, or {@code null} when nothing is drawn. */
    float[] view();

    /** Whether there is ink, but too little to read: the answer is "draw a bit more". */
    boolean tooLittle();

    /** The person's pen strokes: the page's own data, rendered by the one renderer. */
    record Strokes(List<Stroke> strokes) implements Drawing {
        @Override
        public float[] view() {
            return tooLittle() ? null : StrokeRenderer.render(strokes);
        }

        @Override
        public boolean tooLittle() {
            if (strokes.isEmpty()) {
                return false;
            }
            double[] box = StrokeRenderer.bounds(strokes);
            return Math.max(box[2] - box[0], box[3] - box[1]) < MIN_EXTENT_CSS_PX;
        }
    }

    /** @param pixels 784 values 0–255, upright, row-major, ink high */
    record Pixels(float[] pixels) implements Drawing {
        @Override
        public float[] view() {
            return tooLittle() ? null : Preprocessing.fromCanvas(pixels);
        }

        @Override
        public boolean tooLittle() {
            int minX = Grid.SIDE, minY = Grid.SIDE, maxX = -1, maxY = -1;
            for (int i = 0; i < pixels.length; i++) {
                if (pixels[i] >= INK) {
                    int x = i % Grid.SIDE, y = i / Grid.SIDE;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
            return maxX >= 0 && Math.max(maxX - minX, maxY - minY) + 1 < MIN_EXTENT_CELLS;
        }
    }
}
