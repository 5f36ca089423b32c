package io.neuralscribe.server;

/**
 * How the server trains when a page asks: the data folder, and the knobs a page does not set.
 *
 * @param limit train on at most this many images (0 = all)
 * @param evalLimit test images checked after each epoch (0 = all)
 */
public record TrainingSettings(java.nio.file.Path dataDirectory, int batchSize, int limit, int evalLimit) {
    public TrainingSettings {
        if (batchSize < 2 || limit < 0 || evalLimit < 0) {
            throw new IllegalArgumentException("batch size ≥ 2, limits ≥ 0");
        }
    }
}
