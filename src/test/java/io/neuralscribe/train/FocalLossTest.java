package io.neuralscribe.train;

import io.neuralscribe.model.TestEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FocalLossTest {
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        TestEngine.oneThread();
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** The documented loss of one sample, in plain Java. */
    private static double byHand(double[] logits, double[] target, double gamma, double epsilon) {
        int k = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sumExp = 0;
        for (double z : logits) {
            sumExp += Math.exp(z - max);
        }
        double logSumExp = max + Math.log(sumExp);
        double ce = 0;
        for (int i = 0; i < k; i++) {
            double t = (1 - epsilon) * target[i] + epsilon / k;
            ce -= t * (logits[i] - logSumExp);
        }
        double pt = Math.exp(-ce);
        return Math.pow(1 - pt, gamma) * ce;
    }

    private static float loss(FocalLoss loss, float[][] logits, float[][] targets) {
        int n = logits.length;
        int k = logits[0].length;
        float[] z = new float[n * k];
        float[] t = new float[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(logits[i], 0, z, i * k, k);
            System.arraycopy(targets[i], 0, t, i * k, k);
        }
        NDArray zs = manager.create(z, new Shape(n, k));
        NDArray ts = manager.create(t, new Shape(n, k));
        NDArray value = loss.evaluate(new NDList(ts), new NDList(zs, manager.zeros(new Shape(1))));
        assertEquals(new Shape(), value.getShape(), "a scalar");
        return value.getFloat();
    }

    @Test
    void oneSampleGammaTwoSmoothingPointOne() {
        // t = 0.9·[1,0,0] + 0.1/3 = [0.9333, 0.0333, 0.0333]
        double[] t = {0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3};
        // log softmax of [2, 0, 0]: z − log(e² + 2)
        double lse = Math.log(Math.exp(2) + 2);
        double ce = -(t[0] * (2 - lse) + t[1] * (0 - lse) + t[2] * (0 - lse));
        double pt = Math.exp(-ce);
        double expected = (1 - pt) * (1 - pt) * ce;
        assertEquals(expected, byHand(new double[] {2, 0, 0}, new double[] {1, 0, 0}, 2, 0.1), 1e-12);

        float actual = loss(new FocalLoss(2f, 0.1f), new float[][] {{2, 0, 0}}, new float[][] {{1, 0, 0}});
        assertEquals(expected, actual, 1e-6);
        // Sanity: the focal term shrinks an easy sample's loss well below its cross-entropy.
        assertEquals(true, actual < ce / 2);
    }

    @Test
    void gammaZeroEpsilonZeroIsCrossEntropy() {
        float[][] logits = {{1.5f, -0.5f, 0.25f, 3f}, {0f, 0f, 0f, 0f}};
        float[][] targets = {{0, 0, 1, 0}, {1, 0, 0, 0}};
        double ce0 = -(0.25 - Math.log(Math.exp(1.5) + Math.exp(-0.5) + Math.exp(0.25) + Math.exp(3)));
        double ce1 = Math.log(4); // uniform logits over four classes
        assertEquals((ce0 + ce1) / 2, loss(new FocalLoss(0f, 0f), logits, targets), 1e-5);
    }

    @Test
    void softTargetsAreUsedAsTheyAre() {
        float[][] logits = {{1f, 2f, -1f}};
        float[][] mixed = {{0.7f, 0.3f, 0f}};
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(-1));
        double ce = -(0.7 * (1 - lse) + 0.3 * (2 - lse));
        assertEquals(ce, loss(new FocalLoss(0f, 0f), logits, mixed), 1e-5);
        double pt = Math.exp(-ce);
        assertEquals(Math.pow(1 - pt, 2) * ce, loss(new FocalLoss(2f, 0f), logits, mixed), 1e-5);
        assertEquals(byHand(new double[] {1, 2, -1}, new double[] {0.7, 0.3, 0}, 1.5, 0.2),
                loss(new FocalLoss(1.5f, 0.2f), logits, mixed), 1e-5);
    }

    @Test
    void meanOverTheBatchAndPerSample() {
        float[][] logits = {{2f, 0f, 0f}, {-1f, 0.5f, 4f}, {0.3f, 0.3f, -2f}};
        float[][] targets = {{1, 0, 0}, {1, 0, 0}, {0.5f, 0.5f, 0}};
        double[] each = new double[3];
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            double[] z = {logits[i][0], logits[i][1], logits[i][2]};
            double[] t = {targets[i][0], targets[i][1], targets[i][2]};
            each[i] = byHand(z, t, 2, 0.1);
            sum += each[i];
        }
        FocalLoss focal = new FocalLoss(2f, 0.1f);
        assertEquals(sum / 3, loss(focal, logits, targets), 1e-5);

        float[] flatLogits = new float[9];
        float[] flatTargets = new float[9];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(logits[i], 0, flatLogits, 3 * i, 3);
            System.arraycopy(targets[i], 0, flatTargets, 3 * i, 3);
        }
        float[] perSample = focal.perSample(manager.create(flatTargets, new Shape(3, 3)),
                manager.create(flatLogits, new Shape(3, 3))).toFloatArray();
        assertEquals(3, perSample.length);
        for (int i = 0; i < 3; i++) {
            assertEquals(each[i], perSample[i], 1e-5, "sample " + i);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new FocalLoss(-1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new FocalLoss(2f, 1f));
        assertThrows(IllegalArgumentException.class, () -> new FocalLoss(2f, -0.1f));
    }
}
