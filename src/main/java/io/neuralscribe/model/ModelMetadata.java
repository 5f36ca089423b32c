package io.neuralscribe.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * Everything a model file says of itself besides its weights. Training writes it; inference reads
 * it, so class labels and normalization are never repeated in code.
 *
 * @param trainedOn how the training data must be described wherever a figure is reported
 * @param recipe the training settings, as given
 * @param evaluation the final evaluation, or {@code null} when none was run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        int formatVersion,
        String architecture,
        String split,
        List<String> classes,
        Normalization normalization,
        String trainedOn,
        int trainingImages,
        Map<String, Object> recipe,
        List<EpochRecord> history,
        Evaluation evaluation,
        String createdAt) {

    public static final int FORMAT_VERSION = 1;

    public ModelMetadata {
        classes = List.copyOf(classes);
        history = history == null ? List.of() : List.copyOf(history);
        recipe = recipe == null ? Map.of() : Map.copyOf(recipe);
    }

    public Architecture architectureKind() {
        return Architecture.parse(architecture);
    }

    public int numClasses() {
        return classes.size();
    }

    /** The same metadata with one more entry at the end of the recipe. */
    public ModelMetadata withRecipeEntry(String key, Object value) {
        java.util.Map<String, Object> extended = new java.util.LinkedHashMap<>(recipe);
        extended.put(key, value);
        return new ModelMetadata(formatVersion, architecture, split, classes, normalization, trainedOn,
                trainingImages, extended, history, evaluation, createdAt);
    }
}
