package io.neuralscribe.model;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * One epoch of training as it is kept in a model file and shown on the page. The aliases read the
 * camelCase names of format-1 model files (see {@link ModelMetadata}).
 *
 * @param testLoss the per-epoch check's mean loss
 * @param accuracy the per-epoch check's accuracy
 * @param checkImages how many test images the per-epoch check read (the test set, or the sample of it
 *        a run's evaluation limit takes); {@code null} in model files written before it was recorded
 */
public record EpochRecord(
        int epoch,
        @JsonAlias("trainLoss") double trainLoss,
        @JsonAlias("testLoss") double testLoss,
        double accuracy,
        @JsonAlias("epochSeconds") double epochSeconds,
        @JsonAlias("learningRate") double learningRate,
        @JsonAlias("checkImages") Integer checkImages) {

    /** An epoch whose check's image count is not known. */
    public EpochRecord(int epoch, double trainLoss, double testLoss, double accuracy, double epochSeconds,
            double learningRate) {
        this(epoch, trainLoss, testLoss, accuracy, epochSeconds, learningRate, null);
    }
}
