package io.neuralscribe.raster;

import static io.neuralscribe.raster.Grid.CENTER;
import static io.neuralscribe.raster.Grid.PIXELS;
import static io.neuralscribe.raster.Grid.SIDE;

/**
 * Turns a drawing into the EMNIST-like 28×28 image the network was trained on. Canvas pixels and
 * uploaded pictures take the same steps once they are grayscale with ink high:
 *
 * <ol>
 *   <li>scale to [0, 1];
 *   <li>crop to the ink and fit it, aspect ratio kept, so that its longer side spans {@link #FIT}
 *       pixels, centred in the 28×28 grid — EMNIST's own framing (its characters' longer side is
 *       24 px: measured on the test file), so where and how large a person draws does not matter;
 *   <li>3×3 Gaussian smoothing blended 70 % smoothed / 30 % original (canvas strokes are sharper
 *       than EMNIST's);
 *   <li>move the centre of mass to (13.5, 13.5), in whole pixels, as EMNIST's images are placed —
 *       as far as the ink allows: no ink (above {@link #INK_THRESHOLD}) is pushed off the grid.
 * </ol>
 *
 * Orientation: every image here is upright, as a person reads it. The EMNIST files store theirs
 * transposed and {@code data.IdxReader} turns them upright once, at load; nothing else turns
 * anything. Normalization (mean, std) comes from the model file, applied by {@code InputEncoding}.
 */
public final class Preprocessing {
    /** The longer side of the ink's bounding box after framing, in pixels. */
    public static final int FIT = 24;
    /** Pixels at or below this (on the [0, 1] scale) count as background when cropping. */
    public static final float INK_THRESHOLD = 0.1f;
    private static final float SMOOTHED_SHARE = 0.7f;
    /** σ for which a 3-tap Gaussian is exactly [1, 2, 1] / 4, i.e. the classic 3×3 kernel / 16. */
    private static final double SMOOTHING_SIGMA = 1 / Math.sqrt(2 * Math.log(2));

    private Preprocessing() {}

    /**
     * @param pixels 784 values 0–255, upright, ink high (already validated)
     * @return the network's 28×28 view in [0, 1], or {@code null} when nothing is drawn
     */
    public static float[] fromCanvas(float[] pixels) {
        float[] unit = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            unit[i] = pixels[i] / 255f;
        }
        return fromUnitImage(unit, SIDE, SIDE);
    }

    /**
     * @param unit a grayscale picture of any size in [0, 1], ink high
     * @return the network's 28×28 view in [0, 1], or {@code null} when there is no ink
     */
    public static float[] fromUnitImage(float[] unit, int width, int height) {
        float[] framed = frame(unit, width, height);
        if (framed == null) {
            return null;
        }
        smooth(framed);
        return centerMass(framed);
    }

    /** Crops to the ink and fits it into the {@link #FIT} box, centred; {@code null} when there is no ink. */
    static float[] frame(float[] image, int width, int height) {
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (image[y * width + x] > INK_THRESHOLD) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            return null;
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = (double) FIT / Math.max(boxWidth, boxHeight);
        double outWidth = boxWidth * scale;
        double outHeight = boxHeight * scale;
        double offsetX = (SIDE - outWidth) / 2;
        double offsetY = (SIDE - outHeight) / 2;
        float[] out = new float[PIXELS];
        for (int ty = 0; ty < SIDE; ty++) {
            for (int tx = 0; tx < SIDE; tx++) {
                // The target pixel covers [tx, tx+1) × [ty, ty+1); map that square back to the source.
                double sx0 = left + (tx - offsetX) / scale;
                double sx1 = left + (tx + 1 - offsetX) / scale;
                double sy0 = top + (ty - offsetY) / scale;
                double sy1 = top + (ty + 1 - offsetY) / scale;
                // Only the crop is sampled, so nothing is drawn beyond the fitted box; when upscaling, a
                // target pixel counts by how much of it the box covers.
                double cover = overlap(tx, offsetX, outWidth) * overlap(ty, offsetY, outHeight);
                out[ty * SIDE + tx] = scale < 1
                        ? areaAverage(image, width, left, top, right, bottom, sx0, sx1, sy0, sy1)
                        : cover <= 0 ? 0f : (float) cover * bilinear(image, width, left, top, right, bottom,
                                (sx0 + sx1) / 2 - 0.5, (sy0 + sy1) / 2 - 0.5);
            }
        }
        return out;
    }

    /** How much of the pixel {@code [t, t+1)} lies in {@code [offset, offset + length)}. */
    private static double overlap(int t, double offset, double length) {
        return Math.max(0, Math.min(t + 1, offset + length) - Math.max(t, offset));
    }

    /**
     * The mean of the source over a rectangle (downscaling: every source pixel counts by its overlap);
     * only pixels of the crop {@code [left, right] × [top, bottom]} count, as when upscaling.
     */
    private static float areaAverage(float[] image, int width, int left, int top, int right, int bottom,
            double x0, double x1, double y0, double y1) {
        double sum = 0;
        double area = (x1 - x0) * (y1 - y0);
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
            if (y < top || y > bottom) {
                continue;
            }
            double hy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                if (x < left || x > right) {
                    continue;
                }
                double wx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += image[y * width + x] * wx * hy;
            }
        }
        return (float) (sum / area);
    }

    /** Samples the crop {@code [left, right] × [top, bottom]} only: nothing outside it bleeds in. */
    private static float bilinear(float[] image, int width, int left, int top, int right, int bottom,
            double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double upper = (1 - fx) * at(image, width, left, top, right, bottom, x0, y0)
                + fx * at(image, width, left, top, right, bottom, x0 + 1, y0);
        double lower = (1 - fx) * at(image, width, left, top, right, bottom, x0, y0 + 1)
                + fx * at(image, width, left, top, right, bottom, x0 + 1, y0 + 1);
        return (float) ((1 - fy) * upper + fy * lower);
    }

    private static float at(float[] image, int width, int left, int top, int right, int bottom, int x, int y) {
        // Clamp to the crop: upscaling a crop should not fade its own edge pixels into a dark border,
        // nor pull in what lies next to the crop (which would depend on where the drawing was made).
        x = Math.max(left, Math.min(right, x));
        y = Math.max(top, Math.min(bottom, y));
        return image[y * width + x];
    }

    /** 70 % of the 3×3 Gaussian-smoothed picture plus 30 % of the original, in place. */
    static void smooth(float[] image) {
        float[] smoothed = image.clone();
        Blur.gaussian3(smoothed, SMOOTHING_SIGMA);
        for (int i = 0; i < PIXELS; i++) {
            image[i] = Math.min(1f, SMOOTHED_SHARE * smoothed[i] + (1 - SMOOTHED_SHARE) * image[i]);
        }
    }

    /**
     * Shifts the picture by whole pixels so that its centre of mass lands on (13.5, 13.5), or as near
     * as it can without pushing ink off the grid.
     */
    static float[] centerMass(float[] image) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double v = image[y * SIDE + x];
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        // As far as the ink can go without leaving the grid: a lopsided character (a 7, a J) framed
        // to 24 px would otherwise lose its tail.
        int[] ink = inkExtent(image);
        int dx = clamp((int) Math.round(CENTER - sumX / mass), -ink[0], SIDE - 1 - ink[1]);
        int dy = clamp((int) Math.round(CENTER - sumY / mass), -ink[2], SIDE - 1 - ink[3]);
        return Grid.shift(image, dx, dy);
    }

    /** {left, right, top, bottom} of the pixels above {@link #INK_THRESHOLD}; the whole grid when none. */
    private static int[] inkExtent(float[] image) {
        int[] extent = {SIDE - 1, 0, SIDE - 1, 0};
        boolean any = false;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if (image[y * SIDE + x] > INK_THRESHOLD) {
                    any = true;
                    extent[0] = Math.min(extent[0], x);
                    extent[1] = Math.max(extent[1], x);
                    extent[2] = Math.min(extent[2], y);
                    extent[3] = Math.max(extent[3], y);
                }
            }
        }
        return any ? extent : new int[] {0, SIDE - 1, 0, SIDE - 1};
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
