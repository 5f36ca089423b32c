package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.PenPrior;
import io.neuralscribe.model.StagedNetwork;
import io.neuralscribe.raster.Grid;
import org.junit.jupiter.api.Test;

import java.util.List;

class LogitAdjustmentTest {

    @Test
    void theShiftTakesTheLogPriorAwayCentred() {
        float[] shift = LogitAdjustment.shift(new long[] {900, 90, 10}, 1.0);
        // −ln π: 0.105, 2.408, 4.605; centred on their mean 2.373.
        assertArrayEquals(new float[] {-2.2677f, 0.0349f, 2.2327f}, shift, 1e-3f);
        assertEquals(0, shift[0] + shift[1] + shift[2], 1e-5);
        assertArrayEquals(new float[3], LogitAdjustment.shift(new long[] {900, 90, 10}, 0), 0f, "τ = 0 changes nothing");
        assertArrayEquals(new float[3], LogitAdjustment.shift(new long[] {5, 5, 5}, 1), 1e-6f, "balanced data: nothing");
        assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.shift(new long[] {1, 0}, 1));
    }

    @Test
    void aTargetPriorAddsItsLogSoAClassThatAnswersForTwoCharactersGetsTheirShare() {
        // Balanced training data, but the middle class answers for two written characters.
        float[] shift = LogitAdjustment.shift(new long[] {5, 5, 5}, new long[] {1, 2, 1}, 1.0);
        // ln q: ln ¼, ln ½, ln ¼; centred: the middle class gains ln 2 over the others.
        assertEquals(Math.log(2), shift[1] - shift[0], 1e-5);
        assertEquals(0, shift[0] - shift[2], 1e-6);
        assertArrayEquals(LogitAdjustment.shift(new long[] {900, 90, 10}, 0.5),
                LogitAdjustment.shift(new long[] {900, 90, 10}, new long[] {3, 3, 3}, 0.5), 1e-6f,
                "a uniform target is the plain adjustment");
        assertThrows(IllegalArgumentException.class,
                () -> LogitAdjustment.shift(new long[] {5, 5}, new long[] {1, 0}, 1));
    }

    @Test
    void thePenPriorAimsAtWrittenCharactersFromTheTrainingCounts() {
        // Digits ten times as common as letters in training; "O" answers for O and o.
        List<String> classes = List.of("0", "1", "O", "a");
        ImageDataset train = new ImageDataset("t", new byte[222 * Grid.PIXELS],
                java.util.stream.IntStream.range(0, 222).map(i -> i < 100 ? 0 : i < 200 ? 1 : i < 211 ? 2 : 3).toArray(),
                classes);
        assertArrayEquals(new long[] {100, 100, 11, 11}, LogitAdjustment.classCounts(train));
        PenPrior prior = LogitAdjustment.penPrior(LogitAdjustment.classCounts(train), classes, 1.0, "t");
        float[] shift = prior.logitShift();
        assertEquals(Math.log(100.0 / 11), shift[3] - shift[0], 1e-5, "a letter makes up for being rarer in training");
        assertEquals(Math.log(2), shift[2] - shift[3], 1e-5, "O also answers for o");
        assertEquals(0, shift[0] - shift[1], 1e-6);
        assertArrayEquals(new float[4], LogitAdjustment.penPrior(new long[] {100, 100, 11, 11}, classes, 0, "t")
                .logitShift(), 0f, "τ = 0: the training prior");
    }

    @Test
    void theShiftLandsOnTheLogitsOfTheNetwork() {
        Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedNetwork network = Architecture.COMPACT.build(3);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, Grid.SIDE, Grid.SIDE));
            NDArray input = manager.randomUniform(0, 1, new Shape(2, 1, Grid.SIDE, Grid.SIDE));
            ParameterStore store = new ParameterStore(manager, false);
            float[] before = network.forward(store, new NDList(input), false).head().toFloatArray();
            float[] shift = {1.5f, -0.5f, -1f};
            LogitAdjustment.apply(network, shift);
            float[] after = network.forward(store, new NDList(input), false).head().toFloatArray();
            for (int i = 0; i < after.length; i++) {
                assertEquals(before[i] + shift[i % 3], after[i], 1e-4, "logit " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.apply(network, new float[2]));
            assertTrue(after.length == 6);
        }
    }
}
