package io.neuralscribe.model;

import ai.djl.nn.norm.BatchNorm;

/** Layer factories the networks share, so that inference knows exactly what training built. */
final class Layers {
    /** Every batch norm's epsilon; {@link InferenceNetwork} folds with the same value. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private Layers() {}

    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build();
    }
}
