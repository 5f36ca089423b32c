package io.neuralscribe.train;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.model.TestEngine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.InputEncoding;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's ResNet-SE goes through the same training path as compact — stochastic depth, squeeze
 * and excitation, the shortcut convolutions — and its saved weights reload to the same answers.
 */
class ResNetSeTrainingTest {
    @TempDir
    Path folder;

    @BeforeAll
    static void engine() {
        TestEngine.oneThread();
    }

    @Test
    void resnetSeTrainsWithTheFullRecipeAndReloads() throws Exception {
        ImageDataset train = TrainingRunTest.shapes("shapes train", 16, 5);
        ImageDataset test = TrainingRunTest.shapes("shapes test", 4, 6);
        TrainingOptions options = TrainingOptions.builder().architecture(Architecture.RESNET_SE).epochs(1)
                .batchSize(16).seed(3).evalLimit(16).build();
        Path out = folder.resolve("resnet" + ModelFile.EXTENSION);
        TrainingRunTest.Recorder recorder = new TrainingRunTest.Recorder();

        TrainingOutcome outcome = new TrainingRun(options, recorder, () -> false).run(train, test, "synthetic",
                "64 synthetic shapes", out);

        assertEquals(4, recorder.batchLosses.size(), "64 images in batches of 16");
        assertTrue(recorder.batchLosses.stream().allMatch(l -> Double.isFinite(l) && l > 0), "finite, positive losses");
        assertEquals("resnet-se", outcome.metadata().architecture());

        try (LoadedModel model = ModelFile.load(out); NDManager manager = model.manager().newSubManager()) {
            float[] images = new float[test.size() * Grid.PIXELS];
            for (int i = 0; i < images.length; i++) {
                images[i] = (test.images()[i] & 0xFF) / 255f;
            }
            NDArray x = InputEncoding.toTensor(manager, images, test.size(), model.metadata().normalization());
            NDList output = model.forward(x);
            assertEquals(5, output.size(), "logits and four tapped stages");
            long[] predicted = output.head().argMax(1).toLongArray();
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == test.classes()[i] ? 1 : 0;
            }
            assertEquals(outcome.evaluation().accuracy(), (double) correct / test.size(), 1e-9,
                    "the reloaded model answers as the trained one did");
            float[] again = model.forward(x).head().toFloatArray();
            assertArrayEquals(output.head().toFloatArray(), again, 0f, "inference is deterministic: no dropout, no drop path");
        }
    }
}
