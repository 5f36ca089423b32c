package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.inference.Drawing;
import io.neuralscribe.inference.Expectation;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.inference.TestDrawings;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.Architecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedModelsTest {
    @TempDir
    Path folder;

    @Test
    void theTestSetIsNamedWithItsImageCountOnce() {
        assertEquals("emnist-bymerge-test (116,323 images)", ServedModels.evaluatedOn("emnist-bymerge-test", 116_323));
        assertEquals("EMNIST ByClass dev split (16,478 images)",
                ServedModels.evaluatedOn("EMNIST ByClass dev split (16,478 images)", 16_478));
    }

    @Test
    void aResNetOfTheSameSplitIsServedBesideTheCompactModelUnderItsOwnName() throws Exception {
        Path compact = TestModels.randomCompact(folder.resolve("shipped/bymerge-compact.nsmodel"), 1);
        Path resnet = TestModels.random(folder.resolve("shipped/bymerge-resnet-se.nsmodel"), 2, "bymerge",
                TestModels.BYMERGE_CLASSES, Architecture.RESNET_SE);
        try (PredictionService service = new PredictionService(true, 8, 1)) {
            ServedModels models = new ServedModels(service, folder.resolve("state"));
            assertEquals("bymerge", models.add(compact));
            assertEquals("bymerge-resnet-se", models.add(resnet));
            assertEquals(List.of("bymerge", "bymerge-resnet-se"), service.names());
            assertEquals("bymerge", service.defaultModel());
            assertEquals(folder.resolve("state/models/bymerge-resnet-se.nsmodel"), models.trainedPath("bymerge-resnet-se"));
            var answer = service.submit("bymerge-resnet-se", new Drawing.Pixels(TestDrawings.scribble(3)), true,
                    Expectation.ANY).get(60, TimeUnit.SECONDS);
            assertEquals("bymerge-resnet-se", answer.model());
            assertEquals(47, answer.probabilities().length);
            IOException twice = assertThrows(IOException.class, () -> models.add(resnet));
            assertTrue(twice.getMessage().contains("two models for bymerge-resnet-se"), twice.getMessage());
            assertThrows(IllegalArgumentException.class, () -> models.trainedPath("bymerge-resnet-se/../x"));
        }
    }
}
