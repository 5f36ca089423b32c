package io.neuralscribe.train;

import java.util.List;

/**
 * How a model did on a test set.
 *
 * @param accuracy top-1, in [0, 1]
 * @param meanLoss the training loss on hard targets (comparable with the train loss)
 * @param perClass accuracy of each class
 * @param confusions the most frequent mistakes, most first
 */
public record EvaluationReport(
        String dataset,
        int images,
        double accuracy,
        double meanLoss,
        List<ClassAccuracy> perClass,
        List<Confusion> confusions) {

    public record ClassAccuracy(String label, int images, double accuracy) {}

    /** {@code count} images of {@code actual} were read as {@code predicted}. */
    public record Confusion(String actual, String predicted, int count) {}
}
