package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MixupTest {

    @Test
    void blendsImagesAndTargetsWithTheGivenPartners() {
        // Three images of two pixels, three classes; partner of 0 is 2, of 1 is 0, of 2 is 1.
        float[] images = {1.0f, 0.0f, 0.5f, 0.25f, 0.0f, 1.0f};
        float[] targets = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        int[] partner = {2, 0, 1};
        Mixup.blend(images, targets, 3, 2, 3, 0.7, partner);
        // x0 = 0.7·[1, 0] + 0.3·[0, 1]; x1 = 0.7·[0.5, 0.25] + 0.3·[1, 0]; x2 = 0.7·[0, 1] + 0.3·[0.5, 0.25]
        float[] expectedImages = {0.7f, 0.3f, 0.65f, 0.175f, 0.15f, 0.775f};
        float[] expectedTargets = {0.7f, 0, 0.3f, 0.3f, 0.7f, 0, 0, 0.3f, 0.7f};
        assertArrayEquals(expectedImages, images, 1e-6f);
        assertArrayEquals(expectedTargets, targets, 1e-6f);
    }

    @Test
    void blendingWithItselfChangesNothing() {
        float[] images = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] targets = {0, 1, 1, 0};
        Mixup.blend(images, targets, 2, 2, 2, 0.3, new int[] {0, 1});
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, images, 1e-6f);
        assertArrayEquals(new float[] {0, 1, 1, 0}, targets, 1e-6f);
    }

    @Test
    void partnersIsAPermutationAndRepeatsWithTheSeed() {
        int[] a = Mixup.partners(50, new SplittableRandom(3));
        int[] b = Mixup.partners(50, new SplittableRandom(3));
        assertArrayEquals(a, b);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertTrue(!Arrays.equals(a, Mixup.partners(50, new SplittableRandom(4))));
    }

    /**
     * ∫ x^(α−1)(1−x)^(α−1) dx from 0 to u for α = 0.2; with x = s^5 the integrand becomes
     * 5·(1 − s^5)^(−0.8), smooth on [0, u^0.2] for u < 1. Simpson's rule.
     */
    private static double incompleteBeta02(double u) {
        double top = Math.pow(u, 0.2);
        int n = 20_000;
        double h = top / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double s = i * h;
            double f = 5 * Math.pow(1 - Math.pow(s, 5), -0.8);
            sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    @Test
    void lambdaFollowsBetaPointTwo() {
        double whole = 2 * incompleteBeta02(0.5); // B(0.2, 0.2) by symmetry
        double lowTail = incompleteBeta02(0.1) / whole; // P(λ < 0.1) = P(λ > 0.9)
        double middle = (incompleteBeta02(0.6) - incompleteBeta02(0.4)) / whole; // P(0.4 < λ < 0.6)
        assertTrue(lowTail > 0.3 && middle < 0.1, "the U shape of Beta(0.2, 0.2)");

        SplittableRandom random = new SplittableRandom(2024);
        int draws = 40_000;
        double sum = 0;
        int low = 0;
        int high = 0;
        int centre = 0;
        for (int i = 0; i < draws; i++) {
            double lambda = Mixup.sampleLambda(0.2, random);
            assertTrue(lambda >= 0 && lambda <= 1, "λ = " + lambda);
            sum += lambda;
            if (lambda < 0.1) {
                low++;
            } else if (lambda > 0.9) {
                high++;
            } else if (lambda > 0.4 && lambda < 0.6) {
                centre++;
            }
        }
        // Std of Beta(0.2, 0.2) is √(0.04 / (0.16 · 1.4)) ≈ 0.42, so the mean's standard error is ≈ 0.002.
        assertEquals(0.5, sum / draws, 0.01);
        // Binomial standard errors are ≈ 0.0024 for the tails, 0.0013 for the middle.
        assertEquals(lowTail, (double) low / draws, 0.012);
        assertEquals(lowTail, (double) high / draws, 0.012);
        assertEquals(middle, (double) centre / draws, 0.008);
        assertTrue(low + high > 5 * centre, "most mass near 0 and 1");
    }

    @Test
    void gammaDrawsHaveTheirMean() {
        // E[Gamma(k)] = k, Var = k: check a shape above and below 1.
        for (double shape : new double[] {0.2, 2.5}) {
            SplittableRandom random = new SplittableRandom(5);
            double sum = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                double g = Mixup.sampleGamma(shape, random);
                assertTrue(g >= 0);
                sum += g;
            }
            assertEquals(shape, sum / n, 5 * Math.sqrt(shape / n), "shape " + shape);
        }
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        double[] first = new double[100];
        double[] second = new double[100];
        for (int i = 0; i < 100; i++) {
            first[i] = Mixup.sampleLambda(0.2, a);
            second[i] = Mixup.sampleLambda(0.2, b);
        }
        assertArrayEquals(first, second);
        SplittableRandom c = new SplittableRandom(100);
        double[] third = new double[100];
        for (int i = 0; i < 100; i++) {
            third[i] = Mixup.sampleLambda(0.2, c);
        }
        assertTrue(!Arrays.equals(first, third));
    }
}
