package io.neuralscribe.acceptance;

import io.neuralscribe.train.TrainingOptions;
import io.neuralscribe.data.DataLocation;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ShippedModels;
import io.neuralscribe.train.EvaluationReport;
import io.neuralscribe.train.DatasetEvaluator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The model that ships must read the full official ByMerge test file at 89.5 % or better. Runs when
 * EMNIST is found ({@code NEURALSCRIBE_DATA}, which CI sets); skipped, saying so, when it is not.
 */
class ShippedModelAccuracyTest {
    // The stroke-trained model gives up 0.3 points of EMNIST for real handwriting (docs/TRAINING.md).
    private static final double REQUIRED_ACCURACY = 0.900;
    private static final double REQUIRED_BYCLASS_DEV_ACCURACY = 0.860;
    /** Where the 62-class development split is (CI sets it to ../shared/data/emnist-byclass-dev). */
    private static final String BYCLASS_DEV_VARIABLE = "NEURALSCRIBE_BYCLASS_DEV_DATA";

    @Test
    void shippedModelReadsTheOfficialByMergeTestFileAboveItsFloor() throws Exception {
        Path data = DataLocation.resolve(null);
        EmnistRepository repository = new EmnistRepository(data, null);
        assumeTrue(repository.has(EmnistSplit.BYMERGE, EmnistSplit.Part.TEST),
                "EMNIST ByMerge test files not found in " + data.toAbsolutePath()
                        + " — set NEURALSCRIBE_DATA to run the shipped-model accuracy test (CI does)");

        Path shipped = ShippedModels.defaultModel();
        assertTrue(Files.isRegularFile(shipped), "the shipped model is missing: " + shipped.toAbsolutePath());
        try (LoadedModel model = ModelFile.load(shipped)) {
            ImageDataset test = repository.load(EmnistSplit.BYMERGE, EmnistSplit.Part.TEST);
            assertEquals(116_323, test.size(), "the full official ByMerge test file");
            assertEquals(test.classNames(), model.metadata().classes());
            assertTrue(model.metadata().trainedOn().contains("99,845-image subset of EMNIST ByMerge train"),
                    "figures must say what the model was trained on: " + model.metadata().trainedOn());

            EvaluationReport report = new DatasetEvaluator(model.network(), model.metadata().normalization(),
                    TrainingOptions.DEFAULTS.loss()).evaluate(model.manager(), test, null);
            System.out.printf("Shipped model: %.2f %% top-1 on the official ByMerge test file (%,d images), "
                    + "trained on %s%n", report.accuracy() * 100, report.images(), model.metadata().trainedOn());
            assertTrue(report.accuracy() >= REQUIRED_ACCURACY, String.format(
                    "the shipped model reads %.2f %% of the ByMerge test file; it must reach %.1f %%",
                    report.accuracy() * 100, REQUIRED_ACCURACY * 100));
        }
    }

    @Test
    void caseSensitiveModelReadsTheByClassDevSplitAtEightySixPercent() throws Exception {
        String dev = System.getenv(BYCLASS_DEV_VARIABLE);
        assumeTrue(dev != null && new EmnistRepository(Path.of(dev), null).has(EmnistSplit.BYCLASS, EmnistSplit.Part.TEST),
                "the EMNIST ByClass dev split is not found — set " + BYCLASS_DEV_VARIABLE + " to run this test (CI does)");
        EmnistRepository repository = new EmnistRepository(Path.of(dev), null);
        Path shipped = ShippedModels.directory().resolve("byclass-compact" + ModelFile.EXTENSION);
        assertTrue(Files.isRegularFile(shipped), "the shipped 62-class model is missing: " + shipped.toAbsolutePath());
        try (LoadedModel model = ModelFile.load(shipped)) {
            ImageDataset test = repository.load(EmnistSplit.BYCLASS, EmnistSplit.Part.TEST);
            assertEquals(16_478, test.size(), "the dev split's test part");
            assertEquals(62, model.metadata().numClasses());
            assertEquals(test.classNames(), model.metadata().classes());
            EvaluationReport report = new DatasetEvaluator(model.network(), model.metadata().normalization(),
                    TrainingOptions.DEFAULTS.loss()).evaluate(model.manager(), test, null);
            System.out.printf("Shipped 62-class model: %.2f %% top-1 on the EMNIST ByClass dev split (16,478 images)%n",
                    report.accuracy() * 100);
            assertTrue(report.accuracy() >= REQUIRED_BYCLASS_DEV_ACCURACY, String.format(
                    "the 62-class model reads %.2f %% of the dev split; it must reach %.1f %%",
                    report.accuracy() * 100, REQUIRED_BYCLASS_DEV_ACCURACY * 100));
        }
    }
}
