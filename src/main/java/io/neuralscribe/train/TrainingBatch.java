package io.neuralscribe.train;

/**
 * A training batch ready for the network: {@code count} upright images in [0, 1] and their target
 * vectors (one-hot, or blended by Mixup).
 */
public record TrainingBatch(float[] images, float[] targets, int count) {}
