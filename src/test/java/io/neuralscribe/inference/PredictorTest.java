package io.neuralscribe.inference;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Affine;
import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.model.TestEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.neuralscribe.inference.TestDrawings.PixelGlyph;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.StagedNetwork;
import io.neuralscribe.train.Augmenter;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {
    @TempDir
    static Path folder;

    private static LoadedModel model;
    private static Predictor predictor;
    private static List<float[]> views;

    @BeforeAll
    static void load() throws IOException {
        TestEngine.oneThread();
        model = ModelFile.load(TestModels.randomCompact(folder.resolve("random.nsmodel"), 11));
        predictor = new Predictor("bymerge", model);
        views = new ArrayList<>();
        for (PixelGlyph glyph : PixelGlyph.values()) {
            views.add(Preprocessing.fromCanvas(glyph.canvas(3, 4, 2)));
        }
        views.add(Preprocessing.fromCanvas(TestDrawings.scribble(5)));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    /** The four test-time variants besides the original, made independently of the predictor. */
    private static List<float[]> variants(float[] view) {
        return List.of(view, rotated(view, 4), rotated(view, -4), Grid.shift(view, 1, 0),
                Grid.shift(view, 0, 1));
    }

    private static float[] rotated(float[] view, double degrees) {
        float[] copy = view.clone();
        Affine.transform(copy, new float[784], Math.toRadians(degrees), 1, 0, 0);
        return copy;
    }

    @Test
    void ttaIsTheMeanOfTheFiveVariantsPredictedOneByOne() {
        List<Prediction> withTta = predictor.predict(views, true);
        assertEquals(views.size(), withTta.size());
        double largestTtaEffect = 0;
        for (int v = 0; v < views.size(); v++) {
            float[] mean = new float[TestModels.BYMERGE_CLASSES.size()];
            for (float[] variant : variants(views.get(v))) {
                float[] p = predictor.predict(List.of(variant), false).get(0).probabilities();
                for (int c = 0; c < mean.length; c++) {
                    mean[c] += p[c] / 5;
                }
            }
            assertArrayEquals(mean, withTta.get(v).probabilities(), 1e-5f, "drawing " + v);
            float[] plain = predictor.predict(List.of(views.get(v)), false).get(0).probabilities();
            for (int c = 0; c < mean.length; c++) {
                largestTtaEffect = Math.max(largestTtaEffect, Math.abs(plain[c] - mean[c]));
            }
        }
        assertTrue(largestTtaEffect > 1e-4, "TTA changed nothing: the variants were not used");
    }

    @Test
    void ttaOffIsTheOriginalDrawingAloneWhateverElseIsInTheBatch() {
        List<Prediction> together = predictor.predict(views, false);
        for (int v = 0; v < views.size(); v++) {
            Prediction alone = predictor.predict(List.of(views.get(v)), false).get(0);
            assertArrayEquals(alone.probabilities(), together.get(v).probabilities(), 1e-5f, "drawing " + v);
            assertEquals(alone.label(), together.get(v).label());
        }
        // Different drawings get different answers (the model really reads its input).
        assertFalse(java.util.Arrays.equals(together.get(0).probabilities(), together.get(1).probabilities()));
    }

    /** A predictor whose network records the batch size of every forward pass into {@code batches}. */
    private static LoadedModel countingModel(List<Long> batches) {
        StagedNetwork compact = Architecture.COMPACT.build(TestModels.BYMERGE_CLASSES.size());
        PairList<String, Block> stages = new PairList<>();
        stages.add("count", new LambdaBlock(input -> {
            batches.add(input.head().getShape().get(0));
            return input;
        }));
        for (Pair<String, Block> child : compact.getChildren()) {
            stages.add(child.getKey().substring(2), child.getValue()); // DJL prefixes "01", "02", …
        }
        StagedNetwork counting = new StagedNetwork(stages, compact.tappedStages());
        NDManager manager = NDManager.newBaseManager("PyTorch");
        counting.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        LoadedModel loaded = new LoadedModel(model.metadata(), counting, manager);
        batches.clear(); // what setting up ran is not a prediction
        return loaded;
    }

    @Test
    void allVariantsOfAllDrawingsGoThroughTheNetworkInOneForwardPass() {
        List<Long> batches = new CopyOnWriteArrayList<>();
        try (LoadedModel countingModel = countingModel(batches)) {
            Predictor p = new Predictor("counting", countingModel);
            List<float[]> three = views.subList(0, 3);
            List<Prediction> answers = p.predict(three, true);
            assertEquals(List.of((long) three.size() * Predictor.TTA_VARIANTS), batches);
            assertEquals(three.size(), answers.size());
            batches.clear();
            p.predict(three, false);
            assertEquals(List.of((long) three.size()), batches);
        }
    }

    @Test
    void aLargeCallRunsInNearlyEqualPassesOfAtMostTheMaximumWithTheSameAnswers() {
        List<float[]> many = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            many.addAll(views);
        }
        List<Long> batches = new CopyOnWriteArrayList<>();
        try (LoadedModel countingModel = countingModel(batches)) {
            List<Prediction> together = new Predictor("counting", countingModel).predict(many, true);
            long images = (long) many.size() * Predictor.TTA_VARIANTS;
            long passes = (images + Predictor.MAX_FORWARD_BATCH - 1) / Predictor.MAX_FORWARD_BATCH;
            assertEquals(passes, batches.size(), "passes for " + images + " images: " + batches);
            assertEquals(images, batches.stream().mapToLong(Long::longValue).sum());
            long largest = batches.stream().mapToLong(Long::longValue).max().orElseThrow();
            long smallest = batches.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertTrue(largest <= Predictor.MAX_FORWARD_BATCH && largest - smallest <= 1, "passes " + batches);
        }
        // Chunking does not change what any drawing gets.
        List<Prediction> chunked = predictor.predict(many, true);
        for (int v = 0; v < views.size(); v++) {
            Prediction alone = predictor.predict(List.of(views.get(v)), true).get(0);
            for (int copy = 0; copy < 7; copy++) {
                int index = copy * views.size() + v;
                assertArrayEquals(alone.probabilities(), chunked.get(index).probabilities(), 1e-5f, "drawing " + index);
                assertArrayEquals(alone.activations().get("dense2"), chunked.get(index).activations().get("dense2"),
                        1e-5f, "drawing " + index);
            }
        }
    }

    @Test
    void unsureTtaReadsClearDrawingsOnceAndTheOthersWithAllVariants() throws Exception {
        Assumptions.assumeTrue(TestModels.shippedModelPresent(),
                "the shipped model " + TestModels.SHIPPED + " is not there yet (it is trained separately)");
        try (LoadedModel shipped = ModelFile.load(TestModels.SHIPPED)) {
            Predictor reader = new Predictor("shipped", shipped);
            List<float[]> drawings = new ArrayList<>();
            for (PixelGlyph glyph : PixelGlyph.values()) {
                drawings.add(Preprocessing.fromCanvas(glyph.canvas(2, 2, 2)));
            }
            for (int seed = 0; seed < 4; seed++) {
                drawings.add(Preprocessing.fromCanvas(TestDrawings.scribble(seed)));
            }
            List<Prediction> off = reader.predict(drawings, false);
            List<Prediction> all = reader.predict(drawings, true);
            List<Predictor.Reading> unsure = reader.read(drawings, TtaMode.UNSURE, ClassPrior.TRAINING);
            int clear = 0;
            for (int v = 0; v < drawings.size(); v++) {
                boolean sure = off.get(v).confidence() >= Predictor.SURE;
                clear += sure ? 1 : 0;
                Prediction expected = sure ? off.get(v) : all.get(v);
                assertArrayEquals(expected.probabilities(), unsure.get(v).prediction().probabilities(), 1e-5f,
                        "drawing " + v + (sure ? " (clear)" : " (unsure)"));
                assertArrayEquals(off.get(v).activations().get("conv1"),
                        unsure.get(v).prediction().activations().get("conv1"), 1e-5f, "activations as drawn");
            }
            assertTrue(clear > 0 && clear < drawings.size(), clear + " of " + drawings.size()
                    + " drawings are clear: both kinds are needed");
        }
    }

    @Test
    void unsureTtaRunsTheOtherVariantsOfUnsureDrawingsOnlyInASecondPass() {
        List<Long> batches = new CopyOnWriteArrayList<>();
        try (LoadedModel countingModel = countingModel(batches)) {
            Predictor p = new Predictor("counting", countingModel);
            List<float[]> three = views.subList(0, 3);
            long unsure = p.predict(three, false).stream().filter(a -> a.confidence() < Predictor.SURE).count();
            batches.clear();
            p.read(three, TtaMode.UNSURE, ClassPrior.TRAINING);
            List<Long> expected = unsure == 0 ? List.of(3L) : List.of(3L, unsure * (Predictor.TTA_VARIANTS - 1));
            assertEquals(expected, batches);
        }
    }

    @Test
    void aPredictionIsComplete() {
        List<String> classes = TestModels.BYMERGE_CLASSES;
        for (boolean tta : new boolean[] {true, false}) {
            for (Prediction p : predictor.predict(views, tta)) {
                assertFalse(p.empty());
                assertEquals("bymerge", p.model());
                assertEquals(47, p.probabilities().length);
                double sum = 0;
                int best = 0;
                for (int c = 0; c < 47; c++) {
                    float q = p.probabilities()[c];
                    assertTrue(q >= 0 && q <= 1, "probability " + q);
                    sum += q;
                    best = q > p.probabilities()[best] ? c : best;
                }
                assertEquals(1.0, sum, 1e-4);
                assertEquals(3, p.top3().size());
                assertEquals(classes.get(best), p.label());
                assertEquals(p.probabilities()[best], p.confidence(), 1e-7);
                assertEquals(p.label(), p.top3().get(0).label());
                for (int i = 0; i < 3; i++) {
                    RankedLabel ranked = p.top3().get(i);
                    assertEquals(p.probabilities()[classes.indexOf(ranked.label())], ranked.confidence(), 1e-7);
                    if (i > 0) {
                        assertTrue(p.top3().get(i - 1).confidence() >= ranked.confidence(), "top-3 is sorted");
                        assertFalse(p.top3().get(i - 1).label().equals(ranked.label()));
                    }
                }
                assertTrue(p.inferenceMs() > 0);
                assertEquals(Architecture.COMPACT.layerNames(), p.layers());
            }
        }
    }

    @Test
    void activationsAreFourLayersOf32ValuesInTheUnitRangeFromTheOriginalDrawing() {
        List<Prediction> withTta = predictor.predict(views, true);
        List<Prediction> without = predictor.predict(views, false);
        for (int v = 0; v < views.size(); v++) {
            Prediction p = withTta.get(v);
            assertEquals(List.of("conv1", "conv2", "dense1", "dense2"), List.copyOf(p.activations().keySet()));
            for (var entry : p.activations().entrySet()) {
                float[] values = entry.getValue();
                assertEquals(Predictor.ACTIVATION_WIDTH, values.length, entry.getKey());
                float max = 0;
                for (float a : values) {
                    assertTrue(a >= 0f && a <= 1f, entry.getKey() + " value " + a);
                    max = Math.max(max, a);
                }
                assertTrue(max == 0f || Math.abs(max - 1f) < 1e-6, entry.getKey() + " is scaled to a maximum of 1");
                // The picture of the network is the original drawing's, with or without TTA.
                assertArrayEquals(without.get(v).activations().get(entry.getKey()), values, 1e-5f, entry.getKey());
            }
        }
        assertTrue(withTta.get(0).activations().get("conv1")[0] >= 0);
        assertFalse(java.util.Arrays.equals(withTta.get(0).activations().get("dense1"),
                withTta.get(1).activations().get("dense1")), "different drawings light up different units");
    }

    @Test
    void thePreviewIsTheViewTheNetworkSaw() {
        float[] view = views.get(0);
        Prediction p = predictor.predict(List.of(view), true).get(0);
        assertEquals(784, p.preview().length);
        for (int i = 0; i < 784; i++) {
            assertEquals(Math.round(view[i] * 255f), p.preview()[i], "pixel " + i);
        }
    }

    @Test
    void reduceAveragesGroupsClampsNegativesAndScalesToOne() {
        float[] values = new float[64];
        for (int i = 0; i < 64; i++) {
            values[i] = i % 2 == 0 ? i : -100;
        }
        float[] out = Predictor.reduce(values, 0, 64);
        assertEquals(32, out.length);
        // Group g holds values 2g (kept) and 2g+1 (negative → 0): mean g; the largest is 31.
        for (int g = 0; g < 32; g++) {
            assertEquals(g / 31f, out[g], 1e-6f);
        }
        float[] narrow = Predictor.reduce(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 10);
        assertEquals(32, narrow.length);
        assertEquals(1f, narrow[31], 1e-6f);
        for (float v : narrow) {
            assertTrue(v >= 0 && v <= 1);
        }
        float[] offset = Predictor.reduce(new float[] {99, 99, 1, 2, 3, 4}, 2, 4);
        assertEquals(1f, offset[31], 1e-6f);
        assertEquals(0.25f, offset[0], 1e-6f);
        assertArrayEquals(new float[32], Predictor.reduce(new float[] {-1, -2, -3}, 0, 3));
    }

    /**
     * With the model the project ships: the same character small in a corner and large in the
     * middle, and the same character uploaded as white-on-black or black-on-white, get the same answer.
     */
    @Test
    void theShippedModelReadsACharacterAlikeWhereverAndHoweverItIsDrawn() throws Exception {
        Assumptions.assumeTrue(TestModels.shippedModelPresent(),
                "the shipped model " + TestModels.SHIPPED + " is not there yet (it is trained separately)");
        ImageDecoder decoder = new ImageDecoder(ImageLimits.standard());
        try (LoadedModel shipped = ModelFile.load(TestModels.SHIPPED)) {
            Predictor reader = new Predictor("shipped", shipped);
            for (PixelGlyph glyph : PixelGlyph.values()) {
                float[] large = Preprocessing.fromCanvas(glyph.canvas(2, 2, 2));
                float[] small = Preprocessing.fromCanvas(glyph.canvas(0, 0, 1));
                float[] smallElsewhere = Preprocessing.fromCanvas(glyph.canvas(16, 16, 1));
                List<float[]> uploads = new ArrayList<>();
                for (Color[] colours : new Color[][] {{Color.WHITE, Color.BLACK}, {Color.BLACK, Color.WHITE}}) {
                    BufferedImage picture = glyph.picture(200, 200, 20, 30, 12, colours[0], colours[1],
                            BufferedImage.TYPE_INT_RGB);
                    ImageDecoder.GrayImage gray = decoder.decode(TestImages.encode(picture, "png"));
                    uploads.add(Preprocessing.fromUnitImage(gray.pixels(), gray.width(), gray.height()));
                }
                List<float[]> all = new ArrayList<>(List.of(large, small, smallElsewhere));
                all.addAll(uploads);
                List<Prediction> answers = reader.predict(all, true);
                String expected = answers.get(0).label();
                assertNotNull(expected);
                for (int i = 1; i < answers.size(); i++) {
                    assertEquals(expected, answers.get(i).label(), glyph + ": variant " + i + " is read as "
                            + answers.get(i).label() + ", the large drawing as " + expected);
                }
                assertArrayEquals(answers.get(3).probabilities(), answers.get(4).probabilities(), 1e-6f,
                        glyph + ": white-on-black and black-on-white uploads");
            }
        }
    }

    @Test
    void penInputIsReadWithThePenPriorAndPicturesWithTheNetworkAsTrained() throws IOException {
        assertArrayEquals(predictor.predict(views, TtaMode.OFF, ClassPrior.TRAINING).get(0).probabilities(),
                predictor.predict(views, TtaMode.OFF, ClassPrior.WRITTEN).get(0).probabilities(), 1e-7f,
                "a model without a pen prior reads both alike");
        float[] shift = new float[TestModels.BYMERGE_CLASSES.size()];
        for (int c = 0; c < shift.length; c++) {
            shift[c] = (c % 5) * 0.5f - 1f;
        }
        Path file = TestModels.randomCompact(folder.resolve("pen.nsmodel"), 11);
        ModelFile.updateMetadata(file, m -> m.withPenPrior(new io.neuralscribe.model.PenPrior("test", shift)));
        try (LoadedModel withPrior = ModelFile.load(file)) {
            Predictor p = new Predictor("pen", withPrior);
            for (TtaMode mode : TtaMode.values()) {
                float[] picture = p.predict(views, mode, ClassPrior.TRAINING).get(0).probabilities();
                assertArrayEquals(predictor.predict(views, mode, ClassPrior.TRAINING).get(0).probabilities(), picture,
                        1e-6f, mode + ": pictures are read with the network as trained");
                if (mode == TtaMode.OFF) {
                    // softmax(z + s) = p · e^s / Σ: every class's log ratio to the picture's answer is s + const.
                    float[] pen = p.predict(views, mode, ClassPrior.WRITTEN).get(0).probabilities();
                    double offset = Math.log(pen[0] / picture[0]) - shift[0];
                    for (int c = 1; c < shift.length; c++) {
                        assertEquals(shift[c] + offset, Math.log(pen[c] / picture[c]), 1e-3, "class " + c);
                    }
                }
            }
        }
    }
}
