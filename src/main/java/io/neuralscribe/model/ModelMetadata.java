package io.neuralscribe.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.neuralscribe.data.ImageSample;

import java.util.List;
import java.util.Map;

/**
 * Everything a model file says of itself besides its weights. Training writes it; inference reads
 * it, so class labels and normalization are never repeated in code.
 *
 * <p>Names on disk: format 2 writes snake_case ({@code format_version}, {@code trained_on}), like the
 * protocol; format 1 wrote camelCase. Both read: each renamed field carries its old name as a
 * {@link JsonAlias} here and in {@link EpochRecord}. The recipe is a map written as given, in order.
 *
 * @param trainedOn how the training data must be described wherever a figure is reported
 * @param recipe the training settings, as given
 * @param evaluation the final evaluation, or {@code null} when none was run
 * @param trainingSample a fingerprint of the training images, for telling when a test set holds them;
 *     {@code null} in files written before it was recorded
 * @param penPrior how a pen drawing read alone is read ({@link PenPrior}); {@code null}: with the training prior
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        @JsonAlias("formatVersion") int formatVersion,
        String architecture,
        String split,
        List<String> classes,
        Normalization normalization,
        @JsonAlias("trainedOn") String trainedOn,
        @JsonAlias("trainingImages") int trainingImages,
        Map<String, Object> recipe,
        List<EpochRecord> history,
        Evaluation evaluation,
        @JsonAlias("createdAt") String createdAt,
        ImageSample trainingSample,
        PenPrior penPrior) {

    public static final int FORMAT_VERSION = 2;

    public ModelMetadata {
        classes = List.copyOf(classes);
        if (penPrior != null) {
            penPrior.checkFits(classes);
        }
        history = history == null ? List.of() : List.copyOf(history);
        // In the order given: the recipe reads as it was written (Map.copyOf would shuffle it).
        recipe = recipe == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recipe));
    }

    /** Metadata without a pen prior. */
    public ModelMetadata(int formatVersion, String architecture, String split, List<String> classes,
            Normalization normalization, String trainedOn, int trainingImages, Map<String, Object> recipe,
            List<EpochRecord> history, Evaluation evaluation, String createdAt, ImageSample trainingSample) {
        this(formatVersion, architecture, split, classes, normalization, trainedOn, trainingImages, recipe, history,
                evaluation, createdAt, trainingSample, null);
    }

    /** Metadata without a sample of the training images or a pen prior. */
    public ModelMetadata(int formatVersion, String architecture, String split, List<String> classes,
            Normalization normalization, String trainedOn, int trainingImages, Map<String, Object> recipe,
            List<EpochRecord> history, Evaluation evaluation, String createdAt) {
        this(formatVersion, architecture, split, classes, normalization, trainedOn, trainingImages, recipe, history,
                evaluation, createdAt, null, null);
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
                trainingImages, extended, history, evaluation, createdAt, trainingSample, penPrior);
    }

    /** The same metadata, stamped with the format this program writes. */
    public ModelMetadata inCurrentFormat() {
        return new ModelMetadata(FORMAT_VERSION, architecture, split, classes, normalization, trainedOn,
                trainingImages, recipe, history, evaluation, createdAt, trainingSample, penPrior);
    }

    /** The same metadata with this sample of its training images. */
    public ModelMetadata withTrainingSample(ImageSample sample) {
        return new ModelMetadata(formatVersion, architecture, split, classes, normalization, trainedOn,
                trainingImages, recipe, history, evaluation, createdAt, sample, penPrior);
    }

    /** The same metadata with a pen drawing read alone by {@code prior} ({@code null}: the training prior). */
    public ModelMetadata withPenPrior(PenPrior prior) {
        return new ModelMetadata(formatVersion, architecture, split, classes, normalization, trainedOn,
                trainingImages, recipe, history, evaluation, createdAt, trainingSample, prior);
    }
}
