package io.neuralscribe.train;

import io.neuralscribe.raster.Affine;
import io.neuralscribe.raster.Blur;

import java.util.SplittableRandom;

import static io.neuralscribe.raster.Grid.PIXELS;
import static io.neuralscribe.raster.Grid.SIDE;

/**
 * Augments one upright 28×28 image (values in [0, 1], ink high) in place. Geometric transforms
 * sample the source with bilinear interpolation and fill with background, as torchvision does.
 */
public final class Augmenter {

    private final AugmentOptions options;

    public Augmenter(AugmentOptions options) {
        this.options = options;
    }

    /** Applies every enabled piece in this order: affine, perspective, blur, erasing. */
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
            Blur.gaussian3(image, scratch, sigma);
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
        Affine.transform(image, scratch, angle, scale, dx, dy);
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
                scratch[r * SIDE + c] = Affine.sample(image, sx, sy);
            }
        }
        System.arraycopy(scratch, 0, image, 0, PIXELS);
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

    private static double uniform(SplittableRandom random, double min, double max) {
        return max > min ? min + (max - min) * random.nextDouble() : min;
    }
}
