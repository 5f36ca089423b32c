package io.neuralscribe.inference;

import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.List;

/** What a client drew, in either of the two forms the protocol accepts, already validated. */
public sealed interface Drawing {

    /** The network's 28×28 view, or {@code null} when nothing is drawn. */
    float[] view();

    /** The person's pen strokes: the page's own data, rendered by the one renderer. */
    record Strokes(List<Stroke> strokes) implements Drawing {
        @Override
        public float[] view() {
            return StrokeRenderer.render(strokes);
        }
    }

    /** @param pixels 784 values 0–255, upright, row-major, ink high */
    record Pixels(float[] pixels) implements Drawing {
        @Override
        public float[] view() {
            return Preprocessing.fromCanvas(pixels);
        }
    }
}
