package io.neuralscribe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Focal loss with label smoothing, on soft targets (so mixed-up labels work as they are):
 * with t = (1−ε)·y + ε/K and ce = −Σ t·log softmax(z), the loss is (1 − e^−ce)^γ · ce, averaged
 * over the batch. γ = 0 and ε = 0 give plain cross-entropy.
 */
public final class FocalLoss extends Loss {
    private final float gamma;
    private final float smoothing;

    public FocalLoss(float gamma, float smoothing) {
        super("focal_loss");
        if (gamma < 0 || smoothing < 0 || smoothing >= 1) {
            throw new IllegalArgumentException("focal loss needs γ ≥ 0 and 0 ≤ ε < 1");
        }
        this.gamma = gamma;
        this.smoothing = smoothing;
    }

    /** @param labels soft targets {@code [batch, classes]}; @param predictions logits first */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return perSample(labels.singletonOrThrow(), predictions.head()).mean();
    }

    /** The loss of each sample, {@code [batch]}. */
    public NDArray perSample(NDArray targets, NDArray logits) {
        long classes = logits.getShape().get(1);
        NDArray smoothed = smoothing > 0 ? targets.mul(1 - smoothing).add(smoothing / classes) : targets;
        NDArray crossEntropy = smoothed.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg();
        if (gamma == 0) {
            return crossEntropy;
        }
        NDArray confidence = crossEntropy.neg().exp();
        return confidence.neg().add(1).pow(gamma).mul(crossEntropy);
    }
}
