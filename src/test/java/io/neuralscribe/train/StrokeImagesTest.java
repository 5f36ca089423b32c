package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrokeImagesTest {
    private static final List<Stroke> L = List.of(new Stroke(new double[] {0, 0, 12}, new double[] {0, 30, 30}, null));
    private static final List<StrokeSample> SAMPLES = List.of(
            new StrokeSample("l", "L", "w1", "1c", L),
            new StrokeSample("7", "7", "w2", "1a",
                    List.of(new Stroke(new double[] {0, 20, 8}, new double[] {0, 0, 30}, null))));

    @Test
    void theFirstRenderingIsTheServedOneTheOthersVary() {
        List<String> classes = List.of("7", "L");
        ImageDataset images = StrokeImages.render(SAMPLES, classes, 3, StrokeAugmentation.standard(), 7, "test");
        assertEquals(6, images.size());
        assertArrayEquals(new int[] {1, 1, 1, 0, 0, 0}, images.classes(), "l is L in merged classes");
        assertArrayEquals(Grid.toBytes(StrokeRenderer.render(L)), images.image(0));
        assertFalse(Arrays.equals(images.image(0), images.image(1)), "a varied rendering differs");
        assertFalse(Arrays.equals(images.image(1), images.image(2)), "each variation is its own");
        ImageDataset again = StrokeImages.render(SAMPLES, classes, 3, StrokeAugmentation.standard(), 7, "test");
        assertArrayEquals(images.images(), again.images(), "the seed repeats the variation");
    }

    @Test
    void aLabelTheModelDoesNotKnowIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> StrokeImages.render(SAMPLES, List.of("7"), 1, StrokeAugmentation.standard(), 1, "test"));
    }
}
