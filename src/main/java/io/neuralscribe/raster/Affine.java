package io.neuralscribe.raster;

import static io.neuralscribe.raster.Grid.CENTER;
import static io.neuralscribe.raster.Grid.PIXELS;
import static io.neuralscribe.raster.Grid.SIDE;

/**
 * Geometric resampling of a 28×28 image: bilinear sampling where everything outside the grid is
 * background (as torchvision fills), and the affine transform built on it. Used by test-time
 * augmentation when serving and by training augmentation, so both see the same interpolation.
 */
public final class Affine {
    private Affine() {}

    /**
     * Rotates by {@code angle} radians (positive turns the picture clockwise on screen), scales
     * about the centre, then shifts by (dx, dy) pixels; in place.
     *
     * @param scratch {@link Grid#PIXELS} floats of working space
     */
    public static void transform(float[] image, float[] scratch, double angle, double scale, double dx, double dy) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                // Invert: remove the shift, then rotate back and unscale about the centre.
                double x = c - CENTER - dx;
                double y = r - CENTER - dy;
                double sx = (cos * x + sin * y) / scale + CENTER;
                double sy = (-sin * x + cos * y) / scale + CENTER;
                scratch[r * SIDE + c] = sample(image, sx, sy);
            }
        }
        System.arraycopy(scratch, 0, image, 0, PIXELS);
    }

    /** Bilinear sample at (x, y); outside the picture is background. */
    public static float sample(float[] image, double x, double y) {
        if (x <= -1 || y <= -1 || x >= SIDE || y >= SIDE) {
            return 0f;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = (1 - fx) * pixel(image, x0, y0) + fx * pixel(image, x0 + 1, y0);
        double bottom = (1 - fx) * pixel(image, x0, y0 + 1) + fx * pixel(image, x0 + 1, y0 + 1);
        return (float) ((1 - fy) * top + fy * bottom);
    }

    private static float pixel(float[] image, int x, int y) {
        return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0f : image[y * SIDE + x];
    }
}
