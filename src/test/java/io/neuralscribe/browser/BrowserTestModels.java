package io.neuralscribe.browser;

import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model and the tiny training data the browser tests serve. */
final class BrowserTestModels {
    /** The 47 EMNIST ByMerge classes, in label order. */
    static final List<String> BYMERGE_CLASSES = TestModels.BYMERGE_CLASSES;

    private BrowserTestModels() {}

    /**
     * The shipped ByMerge model: it ships with the program, so the page is tested with what a person
     * gets — a missing or foreign file fails the tests instead of quietly serving random weights.
     */
    static Path shippedModel() throws IOException {
        Path shipped = TestModels.SHIPPED;
        assertTrue(Files.isRegularFile(shipped), "the shipped model " + shipped + " is missing: it ships with the program");
        assertEquals(BYMERGE_CLASSES, ModelFile.readMetadata(shipped).classes(), shipped + " is not the ByMerge model");
        return shipped;
    }

    /** A tiny ByMerge split (three training images per class): an epoch takes a second or two. */
    static Path tinyData(Path folder) throws IOException {
        Path dir = folder.resolve("emnist");
        IdxTestFiles.writeSplit(dir, EmnistSplit.BYMERGE, BYMERGE_CLASSES, 3 * BYMERGE_CLASSES.size(),
                BYMERGE_CLASSES.size(), 7);
        return dir;
    }
}
