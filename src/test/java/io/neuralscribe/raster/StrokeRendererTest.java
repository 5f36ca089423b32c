package io.neuralscribe.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrokeRendererTest {


    /** A "4": a down-and-across stroke and a vertical one. */
    static List<Stroke> four(double scale, double dx, double dy) {
        return List.of(
                TestStrokes.of(dx + 10 * scale, dy, dx, dy + 20 * scale, dx + 18 * scale, dy + 20 * scale),
                TestStrokes.of(dx + 12 * scale, dy + 5 * scale, dx + 12 * scale, dy + 32 * scale));
    }

    private static double ink(float[] view) {
        double sum = 0;
        for (float v : view) {
            sum += v;
        }
        return sum;
    }

    @Test
    void nothingDrawnIsNull() {
        assertNull(StrokeRenderer.render(List.of()));
    }

    @Test
    void whereAndHowLargeAPersonWritesDoesNotMatter() {
        float[] small = StrokeRenderer.render(four(1, 0, 0));
        float[] large = StrokeRenderer.render(four(7.5, 300, 120));
        assertEquals(Grid.PIXELS, small.length);
        assertArrayEquals(small, large, 1e-4f);
    }

    @Test
    void aVerticalLineIsATallThinColumnInTheMiddle() {
        float[] view = StrokeRenderer.render(List.of(TestStrokes.of(50, 10, 50, 90)));
        int top = Grid.SIDE;
        int bottom = -1;
        int left = Grid.SIDE;
        int right = -1;
        for (int r = 0; r < Grid.SIDE; r++) {
            for (int c = 0; c < Grid.SIDE; c++) {
                if (view[r * Grid.SIDE + c] > 0.5f) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        assertTrue(bottom - top + 1 >= 20, "spans the fitted height: " + top + ".." + bottom);
        assertTrue(right - left + 1 <= 4, "thin: " + left + ".." + right);
        assertTrue(Math.abs((left + right) / 2.0 - Grid.CENTER) <= 1, "centred: " + left + ".." + right);
    }

    @Test
    void aThickerPenInksMore() {
        double thin = ink(StrokeRenderer.render(four(1, 0, 0), 0.06));
        double standard = ink(StrokeRenderer.render(four(1, 0, 0)));
        double thick = ink(StrokeRenderer.render(four(1, 0, 0), 0.2));
        assertTrue(thin < standard && standard < thick, thin + " < " + standard + " < " + thick);
    }

    @Test
    void aDotIsARoundBlobNotNothing() {
        float[] dot = StrokeRenderer.render(List.of(TestStrokes.of(40, 40)));
        assertNotNull(dot);
        assertTrue(ink(dot) > 20, "a dot fills the frame like any drawing: " + ink(dot));
    }

    @Test
    void strokeOrderAndDirectionDoNotMatter() {
        List<Stroke> forward = four(1, 0, 0);
        Stroke a = forward.get(0);
        Stroke b = forward.get(1);
        Stroke bReversed = TestStrokes.of(12, 32, 12, 5);
        assertArrayEquals(StrokeRenderer.render(forward), StrokeRenderer.render(List.of(bReversed, a)), 1e-6f);
        assertNotNull(b);
    }
}
