package io.neuralscribe.browser;

import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The model and the tiny training data the browser tests serve. */
final class BrowserTestModels {
    /** The 47 EMNIST ByMerge classes, in label order. */
    static final List<String> BYMERGE_CLASSES = TestModels.BYMERGE_CLASSES;
    /** The shipped model, when a training has produced it. */
    static final Path SHIPPED = Path.of(System.getProperty("basedir", "."), "models",
            "bymerge-compact" + ModelFile.EXTENSION);

    private BrowserTestModels() {}

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
        return TestModels.randomCompact(folder.resolve("bymerge-random" + ModelFile.EXTENSION), 1);
    }

    /** A tiny ByMerge split (three training images per class): an epoch takes a second or two. */
    static Path tinyData(Path folder) throws IOException {
        Path dir = folder.resolve("emnist");
        IdxTestFiles.writeSplit(dir, EmnistSplit.BYMERGE, BYMERGE_CLASSES, 3 * BYMERGE_CLASSES.size(),
                BYMERGE_CLASSES.size(), 7);
        return dir;
    }
}
