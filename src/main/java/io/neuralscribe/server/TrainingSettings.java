package io.neuralscribe.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the server trains when a page asks: where each split's data is, and the knobs a page does
 * not set.
 *
 * @param dataDirectory the EMNIST folder for every split not named in {@code splitDirectories}
 * @param splitDirectories folders for particular splits (e.g. {@code byclass} → a development split)
 * @param limit train on at most this many images (0 = all)
 * @param evalLimit test images checked after each epoch (0 = all)
 */
public record TrainingSettings(Path dataDirectory, Map<String, Path> splitDirectories, int batchSize, int limit,
        int evalLimit) {
    public TrainingSettings {
        if (batchSize < 2 || limit < 0 || evalLimit < 0) {
            throw new IllegalArgumentException("batch size ≥ 2, limits ≥ 0");
        }
        splitDirectories = Map.copyOf(splitDirectories);
    }

    public TrainingSettings(Path dataDirectory, int batchSize, int limit, int evalLimit) {
        this(dataDirectory, Map.of(), batchSize, limit, evalLimit);
    }

    /** The folder that holds {@code split}'s files. */
    public Path directoryFor(String split) {
        return splitDirectories.getOrDefault(split, dataDirectory);
    }
}
