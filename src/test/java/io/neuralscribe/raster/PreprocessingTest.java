package io.neuralscribe.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.inference.TestDrawings;
import io.neuralscribe.inference.TestDrawings.Glyph;
import io.neuralscribe.inference.TestDrawings.PixelGlyph;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PreprocessingTest {
    private static final int GRID = Grid.SIDE;

    /** The bounding box of the pixels above the ink threshold: {top, bottom, left, right}. */
    private static int[] inkBox(float[] image) {
        int top = GRID;
        int bottom = -1;
        int left = GRID;
        int right = -1;
        for (int y = 0; y < GRID; y++) {
            for (int x = 0; x < GRID; x++) {
                if (image[y * GRID + x] > Preprocessing.INK_THRESHOLD) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return new int[] {top, bottom, left, right};
    }

    private static double[] centreOfMass(float[] image) {
        double mass = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < GRID; y++) {
            for (int x = 0; x < GRID; x++) {
                double v = image[y * GRID + x];
                mass += v;
                sx += v * x;
                sy += v * y;
            }
        }
        return new double[] {sx / mass, sy / mass};
    }

    private static float[] rectangle(int width, int height, int x, int y, int total) {
        float[] image = new float[total * total];
        for (int r = y; r < y + height; r++) {
            for (int c = x; c < x + width; c++) {
                image[r * total + c] = 1f;
            }
        }
        return image;
    }

    private static float[] times255(float[] unit) {
        float[] out = new float[unit.length];
        for (int i = 0; i < unit.length; i++) {
            out[i] = unit[i] * 255f;
        }
        return out;
    }

    @Test
    void nothingDrawnGivesNull() {
        assertNull(Preprocessing.fromCanvas(new float[784]));
        // Faint marks at or below the ink threshold (10 % of full ink) are background, not a drawing.
        float[] faint = new float[784];
        Arrays.fill(faint, 0.1f * 255f);
        assertNull(Preprocessing.fromCanvas(faint));
        assertNull(Preprocessing.fromUnitImage(new float[300 * 200], 300, 200));
        // One pixel just above the threshold is a drawing.
        float[] dot = new float[784];
        dot[400] = 30f;
        assertNotNull(Preprocessing.fromCanvas(dot));
    }

    @Test
    void framingPutsTheLongerSideOfAWideDrawingAt24PixelsCentred() {
        // 10 × 5 pixels of ink somewhere on the canvas: scaled by 2.4 it is 24 × 12, centred in 28 × 28.
        float[] framed = Preprocessing.frame(rectangle(10, 5, 3, 17, GRID), GRID, GRID);
        int[] box = inkBox(framed);
        assertEquals(24, box[3] - box[2] + 1, "width of the framed ink " + Arrays.toString(box));
        assertEquals(12, box[1] - box[0] + 1, "height of the framed ink " + Arrays.toString(box));
        assertEquals(2, box[2], "left margin");
        assertEquals(8, box[0], "top margin");
        // The inside of a solid box stays solid ink.
        assertEquals(1f, framed[14 * GRID + 14], 1e-6f);
    }

    @Test
    void framingPutsTheLongerSideOfATallDrawingAt24PixelsCentred() {
        float[] framed = Preprocessing.frame(rectangle(4, 16, 20, 1, GRID), GRID, GRID);
        int[] box = inkBox(framed);
        assertEquals(24, box[1] - box[0] + 1, "height " + Arrays.toString(box));
        assertEquals(6, box[3] - box[2] + 1, "width " + Arrays.toString(box));
        assertEquals(2, box[0], "top margin");
        assertEquals(11, box[2], "left margin");
    }

    @Test
    void framingShrinksALargePictureTo24PixelsCentred() {
        // An uploaded 200 × 120 picture holding a 120 × 60 block: the block becomes 24 × 12.
        float[] framed = Preprocessing.frame(rectangle(120, 60, 50, 30, 200), 200, 200);
        int[] box = inkBox(framed);
        assertEquals(24, box[3] - box[2] + 1, Arrays.toString(box));
        assertEquals(12, box[1] - box[0] + 1, Arrays.toString(box));
        assertEquals(2, box[2]);
        assertEquals(8, box[0]);
    }

    /**
     * The view is the smoothed, framed drawing moved by whole pixels; no ink is pushed off the grid;
     * and the centre of mass is within half a pixel of (13.5, 13.5) on each axis unless the ink
     * already touches the grid's edge on the side it would have to move towards.
     *
     * @return whether the centre of mass is within half a pixel on both axes
     */
    private static boolean assertCentred(float[] canvas, String what) {
        float[] smoothed = Preprocessing.frame(unit(canvas), GRID, GRID);
        Preprocessing.smooth(smoothed);
        float[] view = Preprocessing.fromCanvas(canvas);
        int[] move = wholePixelMove(smoothed, view);
        assertNotNull(move, what + ": the view is not the smoothed drawing moved by whole pixels");
        assertEquals(inkCount(smoothed), inkCount(view), what + ": ink was pushed off the grid by " + Arrays.toString(move));
        double[] com = centreOfMass(view);
        int[] box = inkBox(view); // top, bottom, left, right
        String where = what + ": centre of mass " + Arrays.toString(com) + ", ink box " + Arrays.toString(box);
        boolean xOk = Math.abs(com[0] - 13.5) <= 0.5 + 1e-9;
        boolean yOk = Math.abs(com[1] - 13.5) <= 0.5 + 1e-9;
        if (!xOk) {
            assertEquals(com[0] < 13.5 ? GRID - 1 : 0, com[0] < 13.5 ? box[3] : box[2],
                    where + ": could have moved further sideways without losing ink");
        }
        if (!yOk) {
            assertEquals(com[1] < 13.5 ? GRID - 1 : 0, com[1] < 13.5 ? box[1] : box[0],
                    where + ": could have moved further up or down without losing ink");
        }
        return xOk && yOk;
    }

    private static int[] wholePixelMove(float[] from, float[] to) {
        for (int dy = -8; dy <= 8; dy++) {
            for (int dx = -8; dx <= 8; dx++) {
                if (Arrays.equals(Grid.shift(from, dx, dy), to)) {
                    return new int[] {dx, dy};
                }
            }
        }
        return null;
    }

    private static int inkCount(float[] image) {
        int count = 0;
        for (float v : image) {
            count += v > Preprocessing.INK_THRESHOLD ? 1 : 0;
        }
        return count;
    }

    private static float[] unit(float[] canvas) {
        float[] unit = new float[canvas.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = canvas[i] / 255f;
        }
        return unit;
    }

    @ParameterizedTest
    @EnumSource(value = Glyph.class, names = {"FOUR", "H"})
    void theCentreOfMassOfABalancedCharacterLandsWithinHalfAPixelOfTheCentre(Glyph glyph) {
        for (double[] place : new double[][] {{0, 0, 10}, {3, 5, 20}, {14, 2, 13}, {1, 15, 12}, {2, 2, 24}}) {
            assertTrue(assertCentred(TestDrawings.canvas(glyph, place[0], place[1], place[2]),
                    glyph + " at " + Arrays.toString(place)), glyph + " at " + Arrays.toString(place) + " is not centred");
        }
    }

    @ParameterizedTest
    @EnumSource(Glyph.class)
    void aLopsidedCharacterMovesTowardsTheCentreButKeepsAllItsInk(Glyph glyph) {
        for (double[] place : new double[][] {{0, 0, 10}, {3, 5, 20}, {14, 2, 13}, {1, 15, 12}, {2, 2, 24}}) {
            assertCentred(TestDrawings.canvas(glyph, place[0], place[1], place[2]), glyph + " at " + Arrays.toString(place));
        }
    }

    @Test
    void theCentreOfMassOfScribblesLandsWithinHalfAPixelOfTheCentreWhereTheInkAllows() {
        int centred = 0;
        for (long seed = 0; seed < 40; seed++) {
            centred += assertCentred(TestDrawings.scribble(seed), "scribble " + seed) ? 1 : 0;
        }
        // Random polylines are often lopsided (most of the ink on one side of a 24 px box), so not all
        // can be centred without losing ink; but a centring that did not work would centre almost none.
        assertTrue(centred >= 20, "only " + centred + " of 40 scribbles have their centre of mass at the centre");
    }

    @ParameterizedTest
    @EnumSource(Glyph.class)
    void whereTheSameDrawingIsMadeDoesNotMatterAtAll(Glyph glyph) {
        float[] topLeft = Preprocessing.fromCanvas(TestDrawings.canvas(glyph, 0, 0, 12));
        float[] bottomRight = Preprocessing.fromCanvas(TestDrawings.canvas(glyph, 16, 16, 12));
        float[] middle = Preprocessing.fromCanvas(TestDrawings.canvas(glyph, 8, 7, 12));
        assertArrayEquals(topLeft, bottomRight, 0f, "a whole-pixel move changes nothing");
        assertArrayEquals(topLeft, middle, 0f);
    }

    @ParameterizedTest
    @EnumSource(PixelGlyph.class)
    void whereTheSamePixelArtIsMadeDoesNotMatterAtAll(PixelGlyph glyph) {
        float[] reference = Preprocessing.fromCanvas(glyph.canvas(0, 0, 1));
        for (int[] at : new int[][] {{16, 16}, {0, 16}, {16, 0}, {7, 9}}) {
            assertArrayEquals(reference, Preprocessing.fromCanvas(glyph.canvas(at[0], at[1], 1)), 0f,
                    glyph + " at " + Arrays.toString(at));
        }
    }

    /**
     * The same character drawn 12 px in a corner and 24 px in the middle (each small pixel a 2 × 2
     * block of the large drawing). Framing scales the small one by exactly 2 with bilinear sampling,
     * which reproduces the large one except beside an edge between ink and background: there each of
     * the two view pixels either side is off by 1/4 per axis, so Σ|small − large| ≤ (number of such
     * edges of the 12 × 12 art, P) before smoothing. Smoothing and the whole-pixel move are the same
     * for both and do not increase an L1 distance, so the bound holds for the views. The large view's
     * ink is 4 × (inked art pixels, A), so the bound relative to it is P / 4A — about 1/(2 × stroke
     * width) = 1/4 for two-pixel strokes. Two different characters are much further apart (checked).
     */
    @ParameterizedTest
    @EnumSource(PixelGlyph.class)
    void smallInACornerAndLargeInTheMiddleGiveNearlyTheSameView(PixelGlyph glyph) {
        float[] large = Preprocessing.fromCanvas(glyph.canvas(2, 2, 2));
        double ink = TestDrawings.sum(large);
        assertEquals(4.0 * glyph.area(), ink, 0.02 * ink, "smoothing and centring keep the ink");
        double bound = (double) glyph.innerEdges() / (4.0 * glyph.area());
        for (int[] corner : new int[][] {{0, 0}, {16, 0}, {0, 16}, {16, 16}}) {
            float[] small = Preprocessing.fromCanvas(glyph.canvas(corner[0], corner[1], 1));
            double difference = TestDrawings.l1(small, large) / ink;
            assertTrue(difference <= bound + 1e-6, glyph + " at " + Arrays.toString(corner) + ": views differ by "
                    + difference + " of the ink; the bound is " + bound);
            assertTrue(difference > 0, "the small drawing is coarser: some difference is expected");
        }
        for (PixelGlyph other : PixelGlyph.values()) {
            if (other != glyph) {
                double apart = TestDrawings.l1(Preprocessing.fromCanvas(other.canvas(2, 2, 2)), large) / ink;
                assertTrue(apart > 2 * bound, glyph + " and " + other + " differ by only " + apart);
            }
        }
    }

    /**
     * The same with antialiased strokes at sizes that do not divide evenly (11 and 12 px against
     * 24): the ink box snaps to whole pixels, so the small one may come out up to a pixel larger or
     * smaller, and no tight bound holds. What must hold is that it still looks more like itself
     * than like any other character, and that it is far closer to itself than another character is.
     */
    @ParameterizedTest
    @EnumSource(Glyph.class)
    void antialiasedSmallAndLargeDrawingsOfACharacterAreNearestToEachOther(Glyph glyph) {
        for (double[] place : new double[][] {{0, 0, 12}, {0.3, 0.6, 11}, {15, 16, 12}}) {
            float[] small = Preprocessing.fromCanvas(TestDrawings.canvas(glyph, place[0], place[1], place[2]));
            double own = TestDrawings.l1(small, Preprocessing.fromCanvas(TestDrawings.canvas(glyph, 2, 2, 24)));
            for (Glyph other : Glyph.values()) {
                if (other != glyph) {
                    double toOther = TestDrawings.l1(small,
                            Preprocessing.fromCanvas(TestDrawings.canvas(other, 2, 2, 24)));
                    assertTrue(own < toOther, glyph + " at " + Arrays.toString(place) + " is nearer to " + other
                            + " (" + toOther + ") than to itself drawn large (" + own + ")");
                }
            }
        }
    }

    /** Faint marks (at or below the ink threshold) beside the ink box change nothing, at any scale. */
    @ParameterizedTest
    @EnumSource(PixelGlyph.class)
    void faintMarksOutsideTheInkBoxDoNotChangeTheView(PixelGlyph glyph) {
        // Upscaling: the 12 px art on the canvas, with 0.08 of ink everywhere around it.
        float[] clean = glyph.canvas(6, 9, 1);
        float[] noisy = clean.clone();
        for (int y = 0; y < GRID; y++) {
            for (int x = 0; x < GRID; x++) {
                if (x < 6 || x >= 18 || y < 9 || y >= 21) {
                    noisy[y * GRID + x] = 20f;
                }
            }
        }
        assertArrayEquals(Preprocessing.fromCanvas(clean), Preprocessing.fromCanvas(noisy), 0f);
        // Downscaling: the art 15 px per pixel on a 240 × 220 picture, grey paper around it.
        int width = 240;
        int height = 220;
        float[] picture = new float[width * height];
        float[] grey = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (y - 20) / 15;
                int c = (x - 30) / 15;
                boolean inBox = y >= 20 && x >= 30 && r < PixelGlyph.SIDE && c < PixelGlyph.SIDE;
                picture[y * width + x] = inBox && glyph.ink(r, c) ? 1f : 0f;
                grey[y * width + x] = inBox ? picture[y * width + x] : 0.09f;
            }
        }
        float[] expected = Preprocessing.fromUnitImage(picture, width, height);
        assertArrayEquals(expected, Preprocessing.fromUnitImage(grey, width, height), 0f);
        // 180 px of art become 24: exactly the canvas drawing at two view pixels per art pixel.
        assertArrayEquals(Preprocessing.fromCanvas(glyph.canvas(2, 2, 2)), expected, 1e-5f);
    }

    @Test
    void smoothingKeepsValuesInTheUnitRangeAndSpreadsInk() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            float[] image = new float[784];
            for (int i = 0; i < image.length; i++) {
                image[i] = random.nextInt(3) == 0 ? 1f : random.nextFloat();
            }
            Preprocessing.smooth(image);
            for (float v : image) {
                assertTrue(v >= 0f && v <= 1f, "smoothed value " + v);
            }
        }
        float[] full = new float[784];
        Arrays.fill(full, 1f);
        Preprocessing.smooth(full);
        for (float v : full) {
            assertTrue(v >= 0f && v <= 1f, "a fully inked picture smooths to " + v);
        }
        float[] dot = new float[784];
        dot[14 * GRID + 14] = 1f;
        Preprocessing.smooth(dot);
        // 30 % original + 70 % of the [1 2 1]/4 ⊗ [1 2 1]/4 kernel's centre weight (1/4).
        assertEquals(0.3f + 0.7f * 0.25f, dot[14 * GRID + 14], 1e-5f);
        assertEquals(0.7f * 0.125f, dot[14 * GRID + 15], 1e-5f);
        assertEquals(0.7f * 0.0625f, dot[13 * GRID + 13], 1e-5f);
        assertEquals(0f, dot[14 * GRID + 16], 1e-7f);

        // The whole path, on a fully inked canvas and on a glyph, stays in [0, 1].
        float[] all = new float[784];
        Arrays.fill(all, 255f);
        for (float[] canvas : new float[][] {all, TestDrawings.canvas(Glyph.FOUR, 0, 0, 28)}) {
            float[] view = Preprocessing.fromCanvas(canvas);
            for (float v : view) {
                assertTrue(v >= 0f && v <= 1f, "view value " + v);
            }
        }
    }

    @Test
    void shiftMovesPixelsRightAndDownAndDropsWhatLeaves() {
        float[] image = new float[784];
        image[5 * GRID + 7] = 0.5f;   // row 5, column 7
        image[27 * GRID + 27] = 1f;   // the bottom-right corner
        float[] moved = Grid.shift(image, 2, 3);
        assertEquals(0.5f, moved[8 * GRID + 9]);
        assertEquals(0f, moved[5 * GRID + 7]);
        assertEquals(0.5, TestDrawings.sum(moved), 1e-6, "the corner pixel left the grid");
        float[] back = Grid.shift(moved, -2, -3);
        assertEquals(0.5f, back[5 * GRID + 7]);
        assertEquals(0.5, TestDrawings.sum(back), 1e-6);
        assertArrayEquals(image, Grid.shift(image, 0, 0));
        assertEquals(0, TestDrawings.sum(Grid.shift(image, 28, 0)), 1e-9);
    }

    @Test
    void fromCanvasDoesNotChangeItsInput() {
        float[] canvas = TestDrawings.canvas(Glyph.SEVEN, 4, 4, 16);
        float[] copy = canvas.clone();
        Preprocessing.fromCanvas(canvas);
        assertArrayEquals(copy, canvas);
        assertArrayEquals(Preprocessing.fromCanvas(canvas), Preprocessing.fromUnitImage(unit(canvas), GRID, GRID), 1e-6f);
    }
}
