package io.neuralscribe.train;

import java.util.SplittableRandom;

/**
 * Augments one upright 28×28 image (values in [0, 1], ink high) in place. Geometric transforms
 * sample the source with bilinear interpolation and fill with background, as torchvision does.
 */
public final class Augmenter {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    private static final double CENTER = (SIDE - 1) / 2.0;

    private final AugmentOptions options;

    public Augmenter(AugmentOptions options) {
        this.options = options;
    }

    /** Applies every enabled piece in the seed's order: affine, perspective, blur, erasing. */
    public void apply(float[] image, SplittableRandom random) {
        float[] scratch = new float[PIXELS];
        if (options.affine()) {
            randomAffine(image, scratch, random);
        }
        if (options.perspective() && random.nextDouble() < options.perspectiveProbability()) {
            randomPerspective(image, scratch, random);
        }
        if (options.blur()) {
            double sigma = uniform(random, options.blurSigmaMin(), options.blurSigmaMax());
            gaussianBlur3(image, scratch, sigma);
        }
        if (options.erasing() && random.nextDouble() < options.erasingProbability()) {
            randomErasing(image, random);
        }
    }

    private void randomAffine(float[] image, float[] scratch, SplittableRandom random) {
        double angle = Math.toRadians(uniform(random, -options.rotationDegrees(), options.rotationDegrees()));
        double maxShift = options.translateFraction() * SIDE;
        double dx = Math.round(uniform(random, -maxShift, maxShift));
        double dy = Math.round(uniform(random, -maxShift, maxShift));
        double scale = uniform(random, options.scaleMin(), options.scaleMax());
        affine(image, scratch, angle, scale, dx, dy);
    }

    /**
     * Rotates by {@code angle} radians (positive turns the picture clockwise on screen), scales
     * about the centre, then shifts by (dx, dy) pixels.
     */
    public static void affine(float[] image, float[] scratch, double angle, double scale, double dx, double dy) {
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

    private void randomPerspective(float[] image, float[] scratch, SplittableRandom random) {
        double half = SIDE / 2.0;
        double d = options.perspectiveDistortion() * half;
        double max = SIDE - 1;
        // Corners in order: top-left, top-right, bottom-right, bottom-left; each moves inwards.
        double[][] start = {{0, 0}, {max, 0}, {max, max}, {0, max}};
        double[][] end = {
            {random.nextInt((int) d + 1), random.nextInt((int) d + 1)},
            {max - random.nextInt((int) d + 1), random.nextInt((int) d + 1)},
            {max - random.nextInt((int) d + 1), max - random.nextInt((int) d + 1)},
            {random.nextInt((int) d + 1), max - random.nextInt((int) d + 1)},
        };
        double[] h = Homography.between(end, start);
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double w = h[6] * c + h[7] * r + 1;
                double sx = (h[0] * c + h[1] * r + h[2]) / w;
                double sy = (h[3] * c + h[4] * r + h[5]) / w;
                scratch[r * SIDE + c] = sample(image, sx, sy);
            }
        }
        System.arraycopy(scratch, 0, image, 0, PIXELS);
    }

    /** A 3×3 Gaussian blur with standard deviation {@code sigma}; edges reflect, as in torchvision. */
    public static void gaussianBlur3(float[] image, float[] scratch, double sigma) {
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

    /** Blanks a random rectangle of 2–25 % of the area, aspect ratio 0.3–3.3 (torchvision's rule). */
    private void randomErasing(float[] image, SplittableRandom random) {
        for (int attempt = 0; attempt < 10; attempt++) {
            double area = SIDE * SIDE * uniform(random, options.erasingAreaMin(), options.erasingAreaMax());
            double ratio = Math.exp(uniform(random, Math.log(0.3), Math.log(3.3)));
            int h = (int) Math.round(Math.sqrt(area * ratio));
            int w = (int) Math.round(Math.sqrt(area / ratio));
            if (h < 1 || w < 1 || h >= SIDE || w >= SIDE) {
                continue;
            }
            int top = random.nextInt(SIDE - h + 1);
            int left = random.nextInt(SIDE - w + 1);
            for (int r = top; r < top + h; r++) {
                java.util.Arrays.fill(image, r * SIDE + left, r * SIDE + left + w, 0f);
            }
            return;
        }
    }

    private static int reflect(int i) {
        return i < 0 ? -i : i >= SIDE ? 2 * SIDE - 2 - i : i;
    }

    /** Bilinear sample at (x, y); outside the picture is background. */
    static float sample(float[] image, double x, double y) {
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

    private static double uniform(SplittableRandom random, double min, double max) {
        return max > min ? min + (max - min) * random.nextDouble() : min;
    }
}
