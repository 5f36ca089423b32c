package io.neuralscribe.train;

import io.neuralscribe.raster.Affine;
import io.neuralscribe.raster.Blur;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static final int SIDE = 28;

    /** A letter-like stroke pattern with full ink, soft edges and background. */
    private static float[] glyph(long seed) {
        float[] image = new float[SIDE * SIDE];
        Random random = new Random(seed);
        for (int r = 5; r < 23; r++) {
            image[r * SIDE + 8] = 1f;
            image[r * SIDE + 9] = 0.8f;
        }
        for (int c = 8; c < 20; c++) {
            image[5 * SIDE + c] = 1f;
            image[14 * SIDE + c] = 0.6f + 0.4f * random.nextFloat();
        }
        for (int i = 0; i < 40; i++) {
            image[random.nextInt(SIDE * SIDE)] = random.nextFloat();
        }
        return image;
    }

    private static float[] randomImage(long seed) {
        float[] image = new float[SIDE * SIDE];
        Random random = new Random(seed);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        return image;
    }

    private static Map<String, AugmentOptions> pieces() {
        Map<String, AugmentOptions> pieces = new LinkedHashMap<>();
        AugmentOptions seed = AugmentOptions.standard();
        pieces.put("affine", seed.withoutPerspective().withoutBlur().withoutErasing());
        // Perspective and erasing at probability 1, so that every draw uses them.
        pieces.put("perspective", new AugmentOptions(0, 0, 1, 1, 0.15, 1.0, 0, 0, 0, 0, 0));
        pieces.put("blur", seed.withoutAffine().withoutPerspective().withoutErasing());
        pieces.put("erasing", new AugmentOptions(0, 0, 1, 1, 0, 0, 0, 0, 1.0, 0.02, 0.25));
        pieces.put("all", seed);
        pieces.put("all, always", new AugmentOptions(10, 0.10, 0.9, 1.1, 0.15, 1.0, 0.1, 0.7, 1.0, 0.02, 0.25));
        return pieces;
    }

    @Test
    void everyPieceKeepsTheShapeAndRangeAndChangesTheImage() {
        for (Map.Entry<String, AugmentOptions> piece : pieces().entrySet()) {
            Augmenter augmenter = new Augmenter(piece.getValue());
            int changed = 0;
            for (int s = 0; s < 30; s++) {
                float[] original = s % 2 == 0 ? glyph(s) : randomImage(s);
                float[] image = original.clone();
                augmenter.apply(image, new SplittableRandom(s));
                assertEquals(SIDE * SIDE, image.length);
                for (int i = 0; i < image.length; i++) {
                    assertTrue(image[i] >= 0f && image[i] <= 1f,
                            piece.getKey() + ": pixel " + i + " = " + image[i] + " (seed " + s + ")");
                }
                // Every pixel of a random image is ink, so any piece that does something shows.
                if (s % 2 == 1 && !Arrays.equals(original, image)) {
                    changed++;
                }
            }
            // (Blur with σ near 0.1 is too faint to move a float, so not every draw need show.)
            assertTrue(changed >= 10, piece.getKey() + " changed only " + changed + " of 15 images");
        }
    }

    @Test
    void aSeedRepeatsTheAugmentation() {
        Augmenter augmenter = new Augmenter(AugmentOptions.standard());
        for (int s = 0; s < 10; s++) {
            float[] a = glyph(1);
            float[] b = glyph(1);
            augmenter.apply(a, new SplittableRandom(1000 + s));
            augmenter.apply(b, new SplittableRandom(1000 + s));
            assertArrayEquals(a, b);
        }
        float[] c = glyph(1);
        float[] d = glyph(1);
        augmenter.apply(c, new SplittableRandom(1));
        augmenter.apply(d, new SplittableRandom(2));
        assertTrue(!Arrays.equals(c, d));
    }

    @Test
    void noneLeavesTheImageAlone() {
        assertTrue(!AugmentOptions.none().any());
        Augmenter augmenter = new Augmenter(AugmentOptions.none());
        float[] image = glyph(3);
        float[] original = image.clone();
        augmenter.apply(image, new SplittableRandom(3));
        assertArrayEquals(original, image);
    }

    @Test
    void shiftingByOneColumnMovesEveryPixelRight() {
        float[] original = randomImage(8);
        float[] image = original.clone();
        Affine.transform(image, new float[SIDE * SIDE], 0, 1, 1, 0);
        for (int r = 0; r < SIDE; r++) {
            assertEquals(0f, image[r * SIDE], 1e-6, "the left column is background");
            for (int c = 1; c < SIDE; c++) {
                assertEquals(original[r * SIDE + c - 1], image[r * SIDE + c], 1e-6, "row " + r + " column " + c);
            }
        }
        // And (0, 1) moves it one row down.
        image = original.clone();
        Affine.transform(image, new float[SIDE * SIDE], 0, 1, 0, 1);
        for (int c = 0; c < SIDE; c++) {
            assertEquals(0f, image[c], 1e-6);
            for (int r = 1; r < SIDE; r++) {
                assertEquals(original[(r - 1) * SIDE + c], image[r * SIDE + c], 1e-6);
            }
        }
    }

    @Test
    void plusNinetyDegreesTurnsThePictureClockwise() {
        // A bar along the top rows must end up along the right-hand columns.
        float[] bar = new float[SIDE * SIDE];
        for (int c = 4; c < 24; c++) {
            bar[2 * SIDE + c] = 1f;
        }
        Affine.transform(bar, new float[SIDE * SIDE], Math.toRadians(90), 1, 0, 0);
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                float expected = c == SIDE - 1 - 2 && r >= 4 && r < 24 ? 1f : 0f;
                assertEquals(expected, bar[r * SIDE + c], 1e-5, "row " + r + " column " + c);
            }
        }
        // In general, clockwise about the centre (13.5, 13.5) takes (row r, column c) to (row c, column 27 − r).
        float[] original = randomImage(9);
        float[] image = original.clone();
        Affine.transform(image, new float[SIDE * SIDE], Math.PI / 2, 1, 0, 0);
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                assertEquals(original[r * SIDE + c], image[c * SIDE + (SIDE - 1 - r)], 1e-5);
            }
        }
    }

    @Test
    void scalingByTwoMagnifiesAboutTheCentre() {
        float[] original = randomImage(10);
        float[] image = original.clone();
        Affine.transform(image, new float[SIDE * SIDE], 0, 2, 0, 0);
        // Output pixel 13.5 + 2u samples the source at 13.5 + u: output (13, 13) samples (13.25, 13.25).
        double source = 13.5 + (13 - 13.5) / 2;
        double expected = 0.75 * original[13 * SIDE + 13] + 0.25 * original[13 * SIDE + 14];
        double expectedRow = 0.75 * expected + 0.25 * (0.75 * original[14 * SIDE + 13] + 0.25 * original[14 * SIDE + 14]);
        assertEquals(13.25, source, 0);
        assertEquals(expectedRow, image[13 * SIDE + 13], 1e-5);
    }

    /** torchvision's 3-tap kernel: exp(−x²/(2σ²)) at x = −1, 0, 1, normalized. */
    private static double[] kernel(double sigma) {
        double side = Math.exp(-1 / (2 * sigma * sigma));
        double sum = 1 + 2 * side;
        return new double[] {side / sum, 1 / sum, side / sum};
    }

    @Test
    void blurOfOneBrightPixelIsTheKernel() {
        double sigma = 0.6;
        double[] k = kernel(sigma);
        float[] image = new float[SIDE * SIDE];
        image[10 * SIDE + 12] = 1f;
        Blur.gaussian3(image, new float[SIDE * SIDE], sigma);
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                int dr = r - 10;
                int dc = c - 12;
                double expected = Math.abs(dr) <= 1 && Math.abs(dc) <= 1 ? k[dr + 1] * k[dc + 1] : 0;
                assertEquals(expected, image[r * SIDE + c], 1e-6, "row " + r + " column " + c);
            }
        }
    }

    @Test
    void blurReflectsAtTheEdges() {
        double sigma = 0.5;
        double[] k = kernel(sigma);
        // Reflect padding mirrors row 1 into row −1: a pixel in row 1 reaches row 0 from both sides.
        float[] image = new float[SIDE * SIDE];
        image[SIDE + 5] = 1f;
        Blur.gaussian3(image, new float[SIDE * SIDE], sigma);
        assertEquals(2 * k[0] * k[1], image[5], 1e-6);
        assertEquals(k[1] * k[1], image[SIDE + 5], 1e-6);
        // A pixel in the corner keeps its centre weight and gets nothing back from outside.
        float[] corner = new float[SIDE * SIDE];
        corner[0] = 1f;
        Blur.gaussian3(corner, new float[SIDE * SIDE], sigma);
        assertEquals(k[1] * k[1], corner[0], 1e-6);
        assertEquals(k[0] * k[1], corner[1], 1e-6);
        assertEquals(k[0] * k[0], corner[SIDE + 1], 1e-6);
    }

    @Test
    void blurKeepsTheInkOfAnInteriorBlob() {
        float[] image = new float[SIDE * SIDE];
        Random random = new Random(12);
        double before = 0;
        for (int r = 8; r < 20; r++) {
            for (int c = 6; c < 22; c++) {
                image[r * SIDE + c] = random.nextFloat();
                before += image[r * SIDE + c];
            }
        }
        Blur.gaussian3(image, new float[SIDE * SIDE], 0.7);
        double after = 0;
        for (float v : image) {
            after += v;
        }
        assertEquals(before, after, 1e-3);
        // A constant picture stays constant (the weights sum to one), edges included.
        float[] flat = new float[SIDE * SIDE];
        Arrays.fill(flat, 0.4f);
        Blur.gaussian3(flat, new float[SIDE * SIDE], 0.3);
        for (float v : flat) {
            assertEquals(0.4f, v, 1e-6);
        }
    }
}
