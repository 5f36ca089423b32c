package io.neuralscribe.train;

import io.neuralscribe.data.SnakeCaseJson;
import io.neuralscribe.raster.Grid;
import io.neuralscribe.model.TestEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.EpochRecord;
import io.neuralscribe.model.InputEncoding;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.model.Normalization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny end-to-end training of the compact network on shapes anyone can tell apart. */
class TrainingRunTest {
    private static final int SIDE = 28;
    private static final List<String> SHAPES = List.of("-", "|", "o", "/");

    @TempDir
    Path folder;

    @BeforeAll
    static void engine() {
        TestEngine.oneThread();
    }

    /**
     * {@code perClass} images of each shape: a horizontal bar, a vertical bar, a box outline and a
     * diagonal, each moved, sized and inked at random over faint background noise.
     */
    static ImageDataset shapes(String name, int perClass, long seed) {
        Random random = new Random(seed);
        int count = perClass * SHAPES.size();
        byte[] images = new byte[count * SIDE * SIDE];
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            int cls = i % SHAPES.size();
            classes[i] = cls;
            int[] image = new int[SIDE * SIDE];
            for (int p = 0; p < image.length; p++) {
                image[p] = random.nextInt(30);
            }
            int ink = 180 + random.nextInt(76);
            int cy = 14 + random.nextInt(7) - 3;
            int cx = 14 + random.nextInt(7) - 3;
            int half = 6 + random.nextInt(4);
            int thick = 2 + random.nextInt(2);
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    int dy = r - cy;
                    int dx = c - cx;
                    boolean on = switch (cls) {
                        case 0 -> Math.abs(dx) <= half && dy >= 0 && dy < thick;
                        case 1 -> Math.abs(dy) <= half && dx >= 0 && dx < thick;
                        case 2 -> Math.max(Math.abs(dx), Math.abs(dy)) <= half
                                && Math.max(Math.abs(dx), Math.abs(dy)) > half - thick;
                        default -> Math.abs(dx) <= half && Math.abs(dx + dy) < thick; // rising to the right
                    };
                    if (on) {
                        image[r * SIDE + c] = ink;
                    }
                }
            }
            for (int p = 0; p < image.length; p++) {
                images[i * SIDE * SIDE + p] = (byte) image[p];
            }
        }
        return new ImageDataset(name, images, classes, SHAPES);
    }

    private static TrainingOptions options(int epochs) {
        // T0 = 1, Tmult = 2: the first cycle ends after epoch 1, which must leave a checkpoint.
        return new TrainingOptions(Architecture.COMPACT, epochs, 32, 7, 3e-3, 1e-4, 1, 2, 2.0, 0.1, 0, 1.0,
                AugmentOptions.none(), 40);
    }

    /** Records each batch's own loss, recovered from the epoch's running means. */
    static final class Recorder implements TrainingObserver {
        final List<Double> batchLosses = new ArrayList<>();
        final List<EpochRecord> epochs = new ArrayList<>();
        final List<Path> checkpoints = new ArrayList<>();
        int[] started;
        int evaluating = -1;
        private double previousMean;

        @Override
        public void started(int totalEpochs, int batchesPerEpoch, int trainingImages) {
            started = new int[] {totalEpochs, batchesPerEpoch, trainingImages};
        }

        @Override
        public void batch(int epoch, int batch, int batchesPerEpoch, double meanLoss) {
            double previous = batch == 1 ? 0 : previousMean;
            batchLosses.add(batch * meanLoss - (batch - 1) * previous);
            previousMean = meanLoss;
        }

        @Override
        public void epoch(EpochRecord record, int totalEpochs, double etaSeconds) {
            epochs.add(record);
        }

        @Override
        public void checkpoint(Path file, int epoch) {
            checkpoints.add(file);
        }

        @Override
        public void evaluating(int images) {
            evaluating = images;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode asJson(ModelMetadata metadata) throws IOException {
        return SnakeCaseJson.MAPPER.readTree(SnakeCaseJson.INDENTED.writeValueAsBytes(metadata));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void trainsSavesAndReloadsTheSameModel() throws IOException, InterruptedException {
        ImageDataset train = shapes("shapes train", 80, 1); // 320 images: 10 batches of 32
        ImageDataset test = shapes("shapes test", 25, 2); // 100 images
        Path out = folder.resolve("shapes" + ModelFile.EXTENSION);
        Recorder recorder = new Recorder();
        TrainingOptions options = options(2);

        TrainingOutcome outcome = new TrainingRun(options, recorder, () -> false, true)
                .run(train, test, "synthetic", "320 synthetic shapes", out);

        // The run reported what it did.
        assertArrayEquals(new int[] {2, 10, 320}, recorder.started);
        assertEquals(20, recorder.batchLosses.size());
        assertEquals(2, recorder.epochs.size());
        assertEquals(100, recorder.evaluating);
        for (int e = 0; e < 2; e++) {
            assertEquals(e + 1, recorder.epochs.get(e).epoch());
            assertEquals(mean(recorder.batchLosses.subList(10 * e, 10 * e + 10)), recorder.epochs.get(e).trainLoss(),
                    1e-5, "an epoch's train loss is the mean of its batches'");
        }

        // The loss falls: with four classes an untrained network's focal loss is about (3/4)²·ln 4 ≈ 0.78,
        // a confident one's nearer 0.03 (label smoothing keeps it above zero).
        double first = mean(recorder.batchLosses.subList(0, 3));
        double last = mean(recorder.batchLosses.subList(17, 20));
        assertTrue(last < 0.5 * first, "the loss fell from " + first + " to only " + last);
        assertTrue(outcome.evaluation().accuracy() > 0.5,
                "four shapes should be told apart better than chance: " + outcome.evaluation().accuracy());

        // The metadata describes the run, with the normalization measured on the training images.
        ModelMetadata metadata = outcome.metadata();
        assertEquals(out, outcome.modelFile());
        assertEquals("compact", metadata.architecture());
        assertEquals(SHAPES, metadata.classes());
        assertEquals(Normalization.measure(train.images()), metadata.normalization());
        assertEquals(320, metadata.trainingImages());
        assertEquals(recorder.epochs, metadata.history());
        assertEquals(outcome.evaluation().accuracy(), metadata.evaluation().accuracy(), 0);
        assertEquals(100, metadata.evaluation().images());
        // Pen input gets a prior of its own, from the training data's class counts (LogitAdjustmentTest): the
        // shapes are balanced and each stands for one character, so it moves nothing here.
        assertArrayEquals(new float[SHAPES.size()], metadata.penPrior().logitShift(), 1e-6f);
        assertTrue(metadata.penPrior().description().contains("320 synthetic shapes"), metadata.penPrior().description());

        // The checkpoint at the end of the first cycle.
        Path checkpoint = folder.resolve("shapes.epoch1" + ModelFile.EXTENSION);
        assertEquals(List.of(checkpoint), recorder.checkpoints);
        assertEquals(1, ModelFile.readMetadata(checkpoint).history().size());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count(), "the model and its checkpoint, no temporary files");
        }

        // The saved model gives what the network gave right after training: run the test set through it.
        FocalLoss loss = options.loss();
        try (LoadedModel loaded = ModelFile.load(out)) {
            // The recipe holds records and longs, which come back from JSON as maps and ints: compare as JSON.
            assertEquals(asJson(metadata), asJson(loaded.metadata()));
            assertEquals(metadata.normalization(), loaded.metadata().normalization());
            assertEquals(metadata.history(), loaded.metadata().history());
            EvaluationReport again = new DatasetEvaluator(loaded.network(), loaded.metadata().normalization(), loss)
                    .evaluate(loaded.manager(), test, null);
            EvaluationReport before = outcome.evaluation();
            assertEquals(before.accuracy(), again.accuracy(), 0);
            assertEquals(before.perClass(), again.perClass());
            assertEquals(before.confusions(), again.confusions());
            assertEquals(before.meanLoss(), again.meanLoss(), 1e-5);

            // And the same logits by hand: encode, forward, argmax and the documented loss in plain Java.
            float[] unit = new float[test.size() * Grid.PIXELS];
            for (int i = 0; i < unit.length; i++) {
                unit[i] = (test.images()[i] & 0xFF) / 255f;
            }
            try (NDManager manager = loaded.manager().newSubManager()) {
                NDArray x = InputEncoding.toTensor(manager, unit, test.size(), loaded.metadata().normalization());
                NDList result = loaded.forward(x);
                assertEquals(5, result.size(), "logits and four taps");
                float[] logits = result.head().toFloatArray();
                int k = SHAPES.size();
                int correct = 0;
                double lossSum = 0;
                for (int i = 0; i < test.size(); i++) {
                    int best = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        if (logits[i * k + c] > max) {
                            max = logits[i * k + c];
                            best = c;
                        }
                    }
                    if (best == test.classes()[i]) {
                        correct++;
                    }
                    double sumExp = 0;
                    for (int c = 0; c < k; c++) {
                        sumExp += Math.exp(logits[i * k + c] - max);
                    }
                    double ce = 0;
                    for (int c = 0; c < k; c++) {
                        double t = (1 - options.labelSmoothing()) * (c == test.classes()[i] ? 1 : 0)
                                + options.labelSmoothing() / k;
                        ce -= t * (logits[i * k + c] - max - Math.log(sumExp));
                    }
                    lossSum += Math.pow(1 - Math.exp(-ce), options.focalGamma()) * ce;
                }
                assertEquals(before.accuracy(), (double) correct / test.size(), 1e-12);
                assertEquals(before.meanLoss(), lossSum / test.size(), 1e-4);
            }
        }
    }

    @Test
    void aCancelledRunThrowsAndLeavesTheOldModelAlone() throws IOException {
        ImageDataset train = shapes("shapes train", 16, 3); // 64 images: 2 batches
        ImageDataset test = shapes("shapes test", 4, 4);
        Path out = folder.resolve("keep" + ModelFile.EXTENSION);
        byte[] previous = "the model that was here before".getBytes(StandardCharsets.UTF_8);
        Files.write(out, previous);

        Recorder recorder = new Recorder();
        assertThrows(CancellationException.class, () -> new TrainingRun(options(1), recorder, () -> true)
                .run(train, test, "synthetic", "64 synthetic shapes", out));
        assertTrue(recorder.batchLosses.isEmpty(), "no batch was trained after the cancel");
        assertArrayEquals(previous, Files.readAllBytes(out));

        // Cancelled part-way through: after one trained batch.
        AtomicInteger asked = new AtomicInteger();
        Recorder partWay = new Recorder();
        assertThrows(CancellationException.class, () -> new TrainingRun(options(3), partWay,
                () -> asked.incrementAndGet() > 1).run(train, test, "synthetic", "64 synthetic shapes", out));
        assertEquals(1, partWay.batchLosses.size());
        assertArrayEquals(previous, Files.readAllBytes(out));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(out.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList(), "nothing else was written");
        }
        assertFalse(recorder.evaluating >= 0 || partWay.evaluating >= 0);
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpointWhereItStopped() throws IOException, InterruptedException {
        ImageDataset train = shapes("shapes train", 16, 5); // 64 images: 2 batches of 32
        ImageDataset test = shapes("shapes test", 4, 6);
        Path out = folder.resolve("resumed" + ModelFile.EXTENSION);
        Path checkpoint = TrainingRun.checkpointPath(out);
        assertEquals("resumed.checkpoint" + ModelFile.EXTENSION, checkpoint.getFileName().toString());
        assertThrows(IllegalArgumentException.class, () -> new TrainingRun(options(3), new Recorder(), () -> false, true)
                .resume().run(train, test, "synthetic", "64 shapes", out), "nothing to resume yet");

        // Stopped in epoch 3, after two whole epochs (two batches each).
        Recorder first = new Recorder();
        assertThrows(CancellationException.class, () -> new TrainingRun(options(3), first,
                () -> first.epochs.size() >= 2, true).run(train, test, "synthetic", "64 shapes", out));
        assertEquals(2, first.epochs.size());
        assertTrue(Files.isRegularFile(checkpoint), "the run so far was kept");
        assertFalse(Files.exists(out));

        Recorder second = new Recorder();
        TrainingOutcome outcome = new TrainingRun(options(3), second, () -> false, true).resume()
                .run(train, test, "synthetic", "64 shapes", out);
        assertEquals(1, second.epochs.size(), "only the missing epoch is trained");
        assertEquals(3, second.epochs.get(0).epoch());
        List<EpochRecord> history = outcome.metadata().history();
        assertEquals(3, history.size());
        assertEquals(first.epochs.get(0).trainLoss(), history.get(0).trainLoss(), 1e-9, "the history goes on");
        // T0 = 1, Tmult = 2: epochs 2–3 are the second cycle, which ends at rate 0.
        assertEquals(0, history.get(2).learningRate(), 1e-9);
        assertFalse(Files.exists(checkpoint), "a finished run removes its checkpoint");
        assertFalse(outcome.metadata().recipe().containsKey("resume"));
    }
}
