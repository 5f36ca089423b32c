package io.neuralscribe.inference;

import io.neuralscribe.model.TestEngine;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.model.Normalization;
import io.neuralscribe.model.StagedNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Model files for the inference and server tests: a compact network with random weights and the
 * 47 EMNIST ByMerge classes, made in a moment (no training). Also keeps PyTorch to one intra-op
 * thread: a long training shares this machine's two cores.
 */
public final class TestModels {
    /** EMNIST ByMerge's 47 classes, in the official mapping's order. */
    public static final List<String> BYMERGE_CLASSES = byMerge();
    /** EMNIST ByClass's 62 classes: 0-9, A-Z, a-z. */
    public static final List<String> BYCLASS_CLASSES = byClass();
    /** The model the project ships, when it has been trained (it is not part of the sources). */
    public static final Path SHIPPED = Path.of("models", "bymerge-compact" + ModelFile.EXTENSION).toAbsolutePath();

    private TestModels() {}

    private static List<String> byClass() {
        List<String> classes = new ArrayList<>();
        for (char c = '0'; c <= '9'; c++) {
            classes.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            classes.add(String.valueOf(c));
        }
        for (char c = 'a'; c <= 'z'; c++) {
            classes.add(String.valueOf(c));
        }
        return List.copyOf(classes);
    }

    private static List<String> byMerge() {
        List<String> classes = new ArrayList<>();
        for (char c = '0'; c <= '9'; c++) {
            classes.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            classes.add(String.valueOf(c));
        }
        for (char c : "abdefghnqrt".toCharArray()) {
            classes.add(String.valueOf(c));
        }
        return List.copyOf(classes);
    }


    public static ModelMetadata metadata(String split, List<String> classes, String createdAt) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, Architecture.COMPACT.id(), split, classes,
                new Normalization(0.17f, 0.33f), "random weights (a test model)", 0, Map.of(), List.of(), null,
                createdAt);
    }

    /** Writes a compact ByMerge model with random weights drawn from {@code seed}. */
    public static Path randomCompact(Path file, long seed) throws IOException {
        return randomCompact(file, seed, "bymerge", BYMERGE_CLASSES);
    }

    public static Path randomCompact(Path file, long seed, String split, List<String> classes) throws IOException {
        return random(file, seed, split, classes, Architecture.COMPACT);
    }

    /** Writes a model of {@code architecture} with random weights drawn from {@code seed}. */
    public static Path random(Path file, long seed, String split, List<String> classes, Architecture architecture)
            throws IOException {
        TestEngine.oneThread();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed((int) seed);
            StagedNetwork network = architecture.build(classes.size());
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            ModelMetadata compact = metadata(split, classes, "seed " + seed);
            ModelFile.save(file, network, new ModelMetadata(compact.formatVersion(), architecture.id(), split, classes,
                    compact.normalization(), compact.trainedOn(), 0, Map.of(), List.of(), null, compact.createdAt()));
        }
        return file;
    }

    public static boolean shippedModelPresent() {
        return Files.isRegularFile(SHIPPED);
    }
}
