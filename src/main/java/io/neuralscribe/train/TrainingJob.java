package io.neuralscribe.train;

import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxReader;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.StrokeFile;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.data.WriterSplit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a training trains and is tested on, prepared one way for the command line and the server:
 * a split's training and test images, at most {@code limit} training images, at most
 * {@code evalLimit} test images for the run's final evaluation, optionally the characters of a
 * pen-stroke file rendered and mixed in, and the words that describe the result wherever a figure is
 * reported.
 *
 * <p>One seed rule: every random draw here (the limits, the stroke renderings) uses the run's RNG
 * seed, so the same seed gives the same images.
 */
public final class TrainingJob {
    private final EmnistRepository repository;
    private final EmnistSplit split;
    private long seed = TrainingOptions.DEFAULTS.seed();
    private int limit;
    private int evalLimit;
    private Path strokes;
    private int strokeVariants = 3;
    private String trainDescription;
    private String testDescription;

    /** The images of one run and how they are described. */
    public record Data(ImageDataset train, ImageDataset test, String split, String trainedOn) {}

    /**
     * What a run would use, known before anything is loaded.
     *
     * @param trainingImages images per epoch (after the limit; stroke renderings not counted)
     * @param testImages images of the final evaluation (after its limit)
     * @param dataPresent whether the split's files are already in {@code folder}
     */
    public record Plan(Path folder, String split, int trainingImages, int testImages, boolean dataPresent) {}

    public TrainingJob(EmnistRepository repository, EmnistSplit split) {
        this.repository = repository;
        this.split = split;
    }

    /** The RNG seed of the run (the limits' draws use it too). */
    public TrainingJob seed(long value) {
        seed = value;
        return this;
    }

    /** Train on at most this many images, drawn at random (0 = all). */
    public TrainingJob limit(int value) {
        requireNotNegative(value, "limit");
        limit = value;
        return this;
    }

    /** Test (and finally evaluate) on at most this many images, drawn at random (0 = all). */
    public TrainingJob evalLimit(int value) {
        requireNotNegative(value, "evaluation limit");
        evalLimit = value;
        return this;
    }

    /** Also train on the pen-stroke characters of this JSON-lines file, rendered {@code variants} ways. */
    public TrainingJob strokes(Path file, int variants) {
        if (variants < 1) {
            throw new IllegalArgumentException("at least one rendering of each stroke sample");
        }
        strokes = file;
        strokeVariants = variants;
        return this;
    }

    /** How to describe the training images (default: the official partition or a subset of it). */
    public TrainingJob trainDescription(String text) {
        trainDescription = text;
        return this;
    }

    /** How to name the test images (default: the official file name). */
    public TrainingJob testDescription(String text) {
        testDescription = text;
        return this;
    }

    /** Counts the images from the label files when they are there (quick), else from the official sizes. */
    public Plan plan() throws IOException {
        boolean present = repository.has(split, EmnistSplit.Part.TRAIN) && repository.has(split, EmnistSplit.Part.TEST);
        return new Plan(repository.directory(), split.id(), capped(count(EmnistSplit.Part.TRAIN, present), limit),
                capped(count(EmnistSplit.Part.TEST, present), evalLimit), present);
    }

    private int count(EmnistSplit.Part part, boolean present) throws IOException {
        return present ? IdxReader.readLabels(repository.directory().resolve(split.labelsFile(part))).length
                : split.officialSize(part);
    }

    private static int capped(int size, int limit) {
        return limit > 0 && limit < size ? limit : size;
    }

    /**
     * Loads (or downloads, if the repository may) the split and applies the limits and the stroke file.
     *
     * @param say told what is being done, a line at a time
     */
    public Data load(Consumer<String> say) throws IOException {
        say.accept("Loading EMNIST " + split.id() + " from " + repository.directory().toAbsolutePath());
        ImageDataset train = repository.load(split, EmnistSplit.Part.TRAIN);
        ImageDataset test = repository.load(split, EmnistSplit.Part.TEST);
        if (testDescription != null) {
            test = test.named(testDescription);
        }
        test = test.limit(evalLimit, seed);
        String trainedOn = trainDescription != null ? trainDescription
                : split.describe(EmnistSplit.Part.TRAIN, train.size());
        if (limit > 0 && limit < train.size()) {
            train = train.limit(limit, seed);
            trainedOn = String.format("a %,d-image random sample of %s", train.size(), trainedOn);
        }
        if (strokes != null) {
            List<StrokeSample> used = WriterSplit.training(StrokeFile.read(strokes));
            long writers = used.stream().map(StrokeSample::writer).distinct().count();
            say.accept(String.format("Rendering %,d pen-stroke characters of %d writers, %d ways each...", used.size(),
                    writers, strokeVariants));
            ImageDataset rendered = StrokeImages.render(used, train.classNames(), strokeVariants,
                    StrokeAugmentation.standard(), seed, strokes.getFileName().toString());
            trainedOn = String.format("%s and %,d pen-stroke characters of %d writers from %s (%d renderings each)",
                    trainedOn, used.size(), writers, strokes.getFileName(), strokeVariants);
            train = train.concat(rendered, trainedOn);
        }
        return new Data(train, test, split.id(), trainedOn);
    }

    private static void requireNotNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException("the " + what + " must be ≥ 0 (0 = all)");
        }
    }
}
