package io.neuralscribe.train;

import io.neuralscribe.data.Permutations;

import java.util.SplittableRandom;

/** Mixup (Zhang et al.): blends random pairs of a batch, images and label vectors alike. */
public final class Mixup {
    private Mixup() {}

    /**
     * Blends in place: {@code x[i] = λ·x[i] + (1−λ)·x[partner[i]]}, the same for the targets.
     *
     * @param images {@code count} images of {@code pixels} values each
     * @param targets {@code count} label vectors of {@code classes} values each
     */
    public static void blend(float[] images, float[] targets, int count, int pixels, int classes,
            double lambda, int[] partner) {
        float[] originalImages = images.clone();
        float[] originalTargets = targets.clone();
        float a = (float) lambda;
        float b = 1f - a;
        for (int i = 0; i < count; i++) {
            int j = partner[i];
            for (int p = 0; p < pixels; p++) {
                images[i * pixels + p] = a * originalImages[i * pixels + p] + b * originalImages[j * pixels + p];
            }
            for (int k = 0; k < classes; k++) {
                targets[i * classes + k] = a * originalTargets[i * classes + k] + b * originalTargets[j * classes + k];
            }
        }
    }

    /** Each image's blending partner: a random permutation of {@code 0..count-1}. */
    public static int[] partners(int count, SplittableRandom random) {
        return Permutations.shuffled(count, random);
    }

    /** λ ~ Beta(α, α), drawn as the ratio of two Gamma(α) draws. */
    public static double sampleLambda(double alpha, SplittableRandom random) {
        double x = sampleGamma(alpha, random);
        double y = sampleGamma(alpha, random);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /** Marsaglia and Tsang's method; shapes below 1 are boosted by U^(1/α). */
    static double sampleGamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            double u = random.nextDouble();
            return sampleGamma(shape + 1, random) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
