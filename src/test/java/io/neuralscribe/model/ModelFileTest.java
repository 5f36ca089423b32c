package io.neuralscribe.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final List<String> CLASSES = List.of("0", "1", "2", "A", "B");

    @TempDir
    Path folder;

    @BeforeAll
    static void engine() {
        TestEngine.oneThread();
    }

    private static ModelMetadata metadata(String createdAt) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "compact", "balanced", CLASSES,
                new Normalization(0.17f, 0.33f), "a 512-image subset of EMNIST Balanced train", 512,
                Map.of("epochs", 2, "learning_rate", 3e-3, "optimizer", "AdamW"),
                List.of(new EpochRecord(1, 1.25, 1.5, 0.5, 3.0, 2.5e-3), new EpochRecord(2, 0.75, 1.0, 0.75, 2.5, 1e-3)),
                new Evaluation("test", 100, 0.75), createdAt);
    }

    /** A compact network whose batch normalization has moved off its initial statistics. */
    private static StagedNetwork trainedLooking(NDManager manager) {
        StagedNetwork network = Architecture.COMPACT.build(CLASSES.size());
        network.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
        // A few training-mode passes move the running mean/var, so a file that dropped them would differ.
        for (int i = 0; i < 3; i++) {
            NDArray batch = manager.randomUniform(0f, 3f, new Shape(4, 1, 28, 28));
            network.forward(new ParameterStore(manager, false), new NDList(batch), true);
        }
        return network;
    }

    private static float[] logits(StagedNetwork network, NDArray x) {
        return network.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).head().toFloatArray();
    }

    @Test
    void savedModelLoadsBackWithTheSameLogitsAndMetadata() throws IOException {
        Path file = folder.resolve("m" + ModelFile.EXTENSION);
        ModelMetadata metadata = metadata("2025-01-01T00:00:00Z");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = trainedLooking(manager);
            NDArray x = manager.randomUniform(-1f, 2f, new Shape(3, 1, 28, 28));
            float[] expected = logits(network, x);
            ModelFile.save(file, network, metadata);

            try (LoadedModel loaded = ModelFile.load(file)) {
                assertEquals(metadata, loaded.metadata());
                NDList out = loaded.forward(x);
                float[] actual = out.head().toFloatArray();
                assertEquals(expected.length, actual.length);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-5, "logit " + i);
                }
                assertEquals(1 + network.tappedStages().size(), out.size());
                assertEquals(network.tappedStages(), loaded.network().tappedStages());

                // A fresh network of the same shape would give different logits: the weights did load.
                StagedNetwork fresh = Architecture.COMPACT.build(CLASSES.size());
                fresh.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
                assertFalse(java.util.Arrays.equals(expected, logits(fresh, x)));
            }
        }
        assertEquals(metadata, ModelFile.readMetadata(file));
    }

    @Test
    void savingOverAnExistingFileReplacesItAndLeavesNoTemporaryFiles() throws IOException {
        Path file = folder.resolve("model" + ModelFile.EXTENSION);
        Files.writeString(file, "an older model");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = trainedLooking(manager);
            ModelFile.save(file, network, metadata("first"));
            assertEquals("first", ModelFile.readMetadata(file).createdAt());
            ModelFile.save(file, network, metadata("second"));
        }
        assertEquals("second", ModelFile.readMetadata(file).createdAt());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailedSaveLeavesTheOldFileAndNoTemporaryFiles() throws IOException {
        Path file = folder.resolve("model" + ModelFile.EXTENSION);
        byte[] old = "an older model".getBytes(StandardCharsets.UTF_8);
        Files.write(file, old);
        // An uninitialized network cannot write its weights.
        StagedNetwork uninitialized = Architecture.COMPACT.build(CLASSES.size());
        assertThrows(Exception.class, () -> ModelFile.save(file, uninitialized, metadata("broken")));
        assertArrayEquals(old, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFileThatIsNotAZipIsRejectedByName() throws IOException {
        Path file = folder.resolve("notes.nsmodel");
        Files.writeString(file, "these are not the weights you are looking for");
        IOException load = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(load.getMessage().contains(file.toString()), load.getMessage());
        IOException read = assertThrows(IOException.class, () -> ModelFile.readMetadata(file));
        assertTrue(read.getMessage().contains(file.toString()), read.getMessage());
    }

    @Test
    void aZipWithoutMetadataIsRejectedByName() throws IOException {
        Path file = folder.resolve("other.nsmodel");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("parameters.djl"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        IOException load = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(load.getMessage().contains(file.toString()), load.getMessage());
        assertTrue(load.getMessage().contains("metadata.json"), load.getMessage());
        IOException read = assertThrows(IOException.class, () -> ModelFile.readMetadata(file));
        assertTrue(read.getMessage().contains(file.toString()), read.getMessage());
    }

    @Test
    void aMissingFileIsRejectedByName() {
        Path file = folder.resolve("absent.nsmodel");
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void weightsOfAnotherShapeAreRejectedByName() throws IOException {
        Path file = folder.resolve("mismatch.nsmodel");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = trainedLooking(manager);
            // Metadata that claims another architecture than the weights hold.
            ModelMetadata lying = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "resnet-se", "balanced", CLASSES,
                    new Normalization(0.17f, 0.33f), "x", 1, null, null, null, "now");
            ModelFile.save(file, network, lying);
        }
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("resnet-se"), e.getMessage());
    }

    /** The metadata.json a model file holds, as text. */
    private static String metadataText(Path file) throws IOException {
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals("metadata.json")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(file + " has no metadata.json");
    }

    @Test
    void metadataIsWrittenInSnakeCaseWithTheRecipeInItsOrder() throws IOException {
        Path file = folder.resolve("snake" + ModelFile.EXTENSION);
        java.util.Map<String, Object> recipe = new java.util.LinkedHashMap<>();
        for (String key : List.of("epochs", "batch_size", "seed", "optimizer", "learning_rate", "weight_decay", "augment")) {
            recipe.put(key, key.length());
        }
        ModelMetadata base = metadata("2025-01-01T00:00:00Z");
        ModelMetadata metadata = new ModelMetadata(base.formatVersion(), base.architecture(), base.split(), base.classes(),
                base.normalization(), base.trainedOn(), base.trainingImages(), recipe, base.history(), base.evaluation(),
                base.createdAt());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ModelFile.save(file, trainedLooking(manager), metadata);
        }
        com.fasterxml.jackson.databind.JsonNode json = io.neuralscribe.data.SnakeCaseJson.MAPPER.readTree(metadataText(file));
        for (String name : List.of("format_version", "trained_on", "training_images", "created_at")) {
            assertTrue(json.has(name), name + " in " + json);
        }
        assertFalse(json.has("trainedOn"), "no camelCase names: " + json);
        assertTrue(json.get("history").get(0).has("train_loss"), json.get("history").toString());
        assertTrue(json.get("history").get(0).has("epoch_seconds"), json.get("history").toString());
        List<String> order = new java.util.ArrayList<>();
        json.get("recipe").fieldNames().forEachRemaining(order::add);
        assertEquals(List.copyOf(recipe.keySet()), order, "the recipe keeps its order");
        assertEquals(List.copyOf(recipe.keySet()), List.copyOf(ModelFile.readMetadata(file).recipe().keySet()));
    }

    @Test
    void anOlderCamelCaseFileReadsWithTheSameMetadata() throws IOException {
        ModelMetadata metadata = metadata("2024-06-01T00:00:00Z");
        // Format 1 was written by a plain Jackson mapper: camelCase names.
        byte[] camelCase = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(metadata);
        assertTrue(new String(camelCase, StandardCharsets.UTF_8).contains("\"trainedOn\""));
        Path file = folder.resolve("old" + ModelFile.EXTENSION);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write(camelCase);
            zip.closeEntry();
        }
        assertEquals(metadata, ModelFile.readMetadata(file));
    }

    @Test
    void aFileIsRewrittenInTheCurrentFormatAndSaysSo() throws IOException {
        ModelMetadata old = metadata("2024-06-01T00:00:00Z");
        old = new ModelMetadata(1, old.architecture(), old.split(), old.classes(), old.normalization(), old.trainedOn(),
                old.trainingImages(), old.recipe(), old.history(), old.evaluation(), old.createdAt());
        Path file = folder.resolve("rewritten" + ModelFile.EXTENSION);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ModelFile.save(file, trainedLooking(manager), old);
        }
        assertEquals(ModelMetadata.FORMAT_VERSION, ModelFile.readMetadata(file).formatVersion());
    }

    @Test
    void theShippedModelsRead() throws IOException {
        assertFalse(ShippedModels.all().isEmpty(), "the shipped models are in models/");
        for (Path shipped : ShippedModels.all()) {
            ModelMetadata metadata = ModelFile.readMetadata(shipped);
            assertTrue(metadata.trainedOn() != null && !metadata.trainedOn().isBlank(), shipped + ": trained on");
            assertTrue(metadata.trainingImages() > 0, shipped + ": training images");
            assertTrue(metadata.createdAt() != null, shipped + ": created at");
            assertFalse(metadata.history().isEmpty(), shipped + ": history");
            assertTrue(metadata.history().get(0).epochSeconds() > 0 && metadata.history().get(0).trainLoss() > 0,
                    shipped + ": history " + metadata.history().get(0));
        }
    }

    /** A model file's entry, as bytes. */
    private static byte[] entry(Path file, String name) throws IOException {
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new AssertionError(file + " has no " + name);
    }

    @Test
    void updatingTheMetadataKeepsTheWeightsByteForByteAndTheSampleReadsBack() throws IOException {
        Path file = folder.resolve("update" + ModelFile.EXTENSION);
        ModelMetadata metadata = metadata("2025-02-01T00:00:00Z");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ModelFile.save(file, trainedLooking(manager), metadata);
        }
        byte[] weights = entry(file, "parameters.djl");
        io.neuralscribe.data.ImageSample sample = io.neuralscribe.data.ImageSample.of(new io.neuralscribe.data.ImageDataset(
                "train", new byte[3 * 784], new int[3], CLASSES));
        ModelFile.updateMetadata(file, m -> m.withTrainingSample(sample));
        assertArrayEquals(weights, entry(file, "parameters.djl"));
        assertEquals(metadata.withTrainingSample(sample), ModelFile.readMetadata(file));
        assertTrue(metadataText(file).contains("\"training_sample\""), metadataText(file));
        try (LoadedModel loaded = ModelFile.load(file)) {
            assertEquals(sample, loaded.metadata().trainingSample());
        }
    }

    @Test
    void aPenPriorReadsBackAndOneThatDoesNotFitTheClassesIsRefusedByName() throws IOException {
        float[] shift = {1.5f, -0.5f, 0.25f, -1f, -0.25f};
        Path file = folder.resolve("pen" + ModelFile.EXTENSION);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ModelFile.save(file, trainedLooking(manager),
                    metadata("2025-03-01T00:00:00Z").withPenPrior(new PenPrior("written characters", shift)));
        }
        assertTrue(metadataText(file).contains("\"pen_prior\""), metadataText(file));
        assertArrayEquals(shift, ModelFile.readMetadata(file).penPrior().logitShift());
        assertEquals(null, metadata("x").penPrior(), "a model without one reads pen input like pictures");

        // The same file with one shift too few: refused when read, naming the file and the mismatch.
        String text = metadataText(file).replaceFirst(",\\s*-0\\.25\\s*\\]", "]");
        assertFalse(text.equals(metadataText(file)), "the last shift was cut");
        Path cut = folder.resolve("cut" + ModelFile.EXTENSION);
        try (OutputStream out = Files.newOutputStream(cut); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("parameters.djl"));
            zip.write(entry(file, "parameters.djl"));
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(cut));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("4 logit shifts but the model 5 classes"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PenPrior("x", new float[] {1f, Float.NaN}));
    }
}
