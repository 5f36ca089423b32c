package io.neuralscribe.inference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.TestStrokes;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A click (a dot) is too little to read, in either form; a small real stroke is read. */
class DrawingTest {

    @Test
    void aClickWithAJitterIsTooLittleAndAShortLineIsRead() {
        Drawing dot = new Drawing.Strokes(List.of(TestStrokes.of(100, 100, 102, 101, 101, 103)));
        assertTrue(dot.tooLittle());
        assertNull(dot.view(), "a dot reaches no network");
        Drawing two = new Drawing.Strokes(List.of(TestStrokes.of(100, 100), TestStrokes.of(104, 100)));
        assertTrue(two.tooLittle(), "two dots side by side are still a dot on the screen");
        Drawing one = new Drawing.Strokes(List.of(TestStrokes.of(100, 100, 100, 130)));
        assertFalse(one.tooLittle());
        assertNotNull(one.view());
        assertFalse(new Drawing.Strokes(List.of()).tooLittle(), "nothing at all is nothing drawn, not too little");
    }

    @Test
    void aBlobOfAFewCellsIsTooLittleInThePixelFormToo() {
        float[] blob = new float[Grid.PIXELS];
        for (int y = 13; y <= 15; y++) {
            for (int x = 13; x <= 15; x++) {
                blob[y * Grid.SIDE + x] = 255;
            }
        }
        blob[12 * Grid.SIDE + 12] = 20; // antialiasing is not ink
        assertTrue(new Drawing.Pixels(blob).tooLittle());
        float[] bar = new float[Grid.PIXELS];
        for (int y = 6; y <= 21; y++) {
            bar[y * Grid.SIDE + 14] = 255;
        }
        assertFalse(new Drawing.Pixels(bar).tooLittle());
        assertFalse(new Drawing.Pixels(new float[Grid.PIXELS]).tooLittle());
    }
}
