package io.neuralscribe.browser;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.model.Normalization;
import io.neuralscribe.model.StagedNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The model and the tiny training data the browser tests serve. */
final class BrowserTestModels {
    /** The 47 EMNIST ByMerge classes, in label order. */
    static final List<String> BYMERGE_CLASSES = byMergeClasses();
    /** The shipped model, when a training has produced it. */
    static final Path SHIPPED = Path.of(System.getProperty("basedir", "."), "models",
            "bymerge-compact" + ModelFile.EXTENSION);

    private BrowserTestModels() {}

    private static List<String> byMergeClasses() {
        List<String> classes = new ArrayList<>();
        for (char c = '0'; c <= '9'; c++) {
            classes.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            classes.add(String.valueOf(c));
        }
        for (String c : "a b d e f g h n q r t".split(" ")) {
            classes.add(c);
        }
        return List.copyOf(classes);
    }

    /** One PyTorch thread: a long training shares this machine's two cores. */
    static synchronized void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
    }

    /** The shipped ByMerge model if it exists, else a random-weights compact ByMerge model in {@code folder}. */
    static Path modelFile(Path folder) throws IOException {
        if (Files.isRegularFile(SHIPPED)) {
            try {
                ModelMetadata metadata = ModelFile.readMetadata(SHIPPED);
                if (metadata.classes().equals(BYMERGE_CLASSES)) {
                    return SHIPPED.toAbsolutePath();
                }
            } catch (IOException e) {
                // Half-written or foreign: use a random model instead.
            }
        }
        Path file = folder.resolve("bymerge-random" + ModelFile.EXTENSION);
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "compact", "bymerge",
                BYMERGE_CLASSES, new Normalization(0.17f, 0.33f), "nothing (random weights for the browser tests)", 0,
                Map.of(), List.of(), null, Instant.now().toString());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = Architecture.COMPACT.build(BYMERGE_CLASSES.size());
            network.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            ModelFile.save(file, network, metadata);
        }
        return file;
    }

    /** A tiny ByMerge split (three training images per class): an epoch takes a second or two. */
    static Path tinyData(Path folder) throws IOException {
        Path dir = folder.resolve("emnist");
        IdxTestFiles.writeSplit(dir, EmnistSplit.BYMERGE, BYMERGE_CLASSES, 3 * BYMERGE_CLASSES.size(),
                BYMERGE_CLASSES.size(), 7);
        return dir;
    }
}
