package io.neuralscribe.train;

import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * A freshly trained model (the candidate) beside the model it would replace, both evaluated on the
 * same test images, so that a person can keep the better one instead of having a run replace a good
 * model silently.
 *
 * @param testSet the test images' name (e.g. {@code emnist-bymerge-test (2000 of 116323)})
 * @param images how many test images both were evaluated on
 */
public record CandidateComparison(String testSet, int images, double currentAccuracy, double candidateAccuracy) {
    public CandidateComparison {
        if (images < 1) {
            throw new IllegalArgumentException("a comparison needs test images");
        }
    }

    /**
     * The top-1 accuracy of the model in {@code file} on {@code test}. The file is loaded afresh, so
     * a model that serves meanwhile is not shared with this thread.
     *
     * @param progress told how many images are done, batch by batch; it may throw to stop the evaluation
     */
    public static double accuracyOf(Path file, ImageDataset test, IntConsumer progress) throws IOException {
        try (LoadedModel model = ModelFile.load(file)) {
            if (!model.metadata().classes().equals(test.classNames())) {
                throw new IllegalArgumentException(file.getFileName() + " reads other classes than " + test.name());
            }
            return new DatasetEvaluator(model.network(), model.metadata().normalization(), TrainingOptions.DEFAULTS.loss())
                    .evaluate(model.manager(), test, progress).accuracy();
        }
    }

    /** {@code models/x.nsmodel} → {@code models/x.candidate.nsmodel}: where a run's model waits for a choice. */
    public static Path candidateFile(Path model) {
        return sibling(model, ".candidate");
    }

    /** {@code models/x.nsmodel} → {@code models/x.set-aside.nsmodel}: the model not kept, until discarded. */
    public static Path setAsideFile(Path model) {
        return sibling(model, ".set-aside");
    }

    private static Path sibling(Path model, String suffix) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling(dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix);
    }

    /** Whether the candidate read at least as many of the test images right. */
    public boolean candidateIsBetter() {
        return candidateAccuracy >= currentAccuracy;
    }
}
