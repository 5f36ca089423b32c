package io.neuralscribe.raster;

import static io.neuralscribe.raster.Grid.PIXELS;
import static io.neuralscribe.raster.Grid.SIDE;

/** 3×3 Gaussian smoothing of a 28×28 image, used by preprocessing and by augmentation alike. */
public final class Blur {
    private Blur() {}

    /**
     * A 3×3 Gaussian blur with standard deviation {@code sigma}, in place; edges reflect, as in
     * torchvision. The kernel is separable: taps {@code [w1, w0, w1]} with
     * {@code w1 = e^(-1/2σ²) / (1 + 2 e^(-1/2σ²))} and {@code w0 = 1 - 2 w1}.
     *
     * @param scratch {@link Grid#PIXELS} floats of working space
     */
    public static void gaussian3(float[] image, float[] scratch, double sigma) {
        double side = Math.exp(-1.0 / (2 * sigma * sigma));
        float w1 = (float) (side / (1 + 2 * side));
        float w0 = 1f - 2f * w1;
        for (int r = 0; r < SIDE; r++) {
            int row = r * SIDE;
            for (int c = 0; c < SIDE; c++) {
                float left = image[row + reflect(c - 1)];
                float right = image[row + reflect(c + 1)];
                scratch[row + c] = w0 * image[row + c] + w1 * (left + right);
            }
        }
        for (int r = 0; r < SIDE; r++) {
            int up = reflect(r - 1) * SIDE;
            int down = reflect(r + 1) * SIDE;
            int row = r * SIDE;
            for (int c = 0; c < SIDE; c++) {
                image[row + c] = w0 * scratch[row + c] + w1 * (scratch[up + c] + scratch[down + c]);
            }
        }
    }

    /** {@link #gaussian3} with its own working space. */
    public static void gaussian3(float[] image, double sigma) {
        gaussian3(image, new float[PIXELS], sigma);
    }

    private static int reflect(int i) {
        return i < 0 ? -i : i >= SIDE ? 2 * SIDE - 2 - i : i;
    }
}
