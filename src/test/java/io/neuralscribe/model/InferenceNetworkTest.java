package io.neuralscribe.model;

import io.neuralscribe.raster.Grid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

class InferenceNetworkTest {
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void foldedNetworkGivesTheTrainedNetworksLogitsAndTaps(Architecture architecture) {
        TestEngine.oneThread();
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = architecture.build(47);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            giveBatchNormsTrainedStatistics(network, new Random(5));
            InferenceNetwork inference = InferenceNetwork.of(network, manager);

            Random random = new Random(9);
            float[] images = new float[6 * Grid.PIXELS];
            for (int i = 0; i < images.length; i++) {
                images[i] = random.nextInt(4) == 0 ? random.nextFloat() : 0f;
            }
            NDArray input = InputEncoding.toTensor(manager, images, 6, new Normalization(0.17f, 0.33f));
            assertArrayClose(input, InputEncoding.channelsLast(input), 0f, "a channels-last view holds the same pictures");

            NDList expected = network.forward(new ParameterStore(manager, false), new NDList(input), false);
            NDList actual = inference.forward(input);
            assertEquals(expected.size(), actual.size(), "logits and the same taps");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).getShape(), actual.get(i).getShape(), "output " + i + " shape");
                float scale = expected.get(i).abs().max().getFloat();
                assertTrue(scale > 0, "output " + i + " is not all zeros, so the comparison means something");
                assertArrayClose(expected.get(i), actual.get(i), 1e-4f * Math.max(1f, scale), "output " + i);
            }
        }
    }

    /**
     * Every batch norm is folded, the residual blocks' too: once built, the inference network no
     * longer reads them, so spoiling them changes nothing (an unfolded one would turn the logits NaN).
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyBatchNormIsFolded(Architecture architecture) {
        TestEngine.oneThread();
        Engine.getEngine("PyTorch").setRandomSeed(4);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = architecture.build(47);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            giveBatchNormsTrainedStatistics(network, new Random(6));
            InferenceNetwork inference = InferenceNetwork.of(network, manager);
            NDArray input = manager.randomNormal(new Shape(2, 1, 28, 28));
            float[] before = inference.forward(input).head().toFloatArray();
            for (Pair<String, Parameter> entry : network.getParameters()) {
                if (List.of("runningMean", "runningVar", "gamma", "beta").contains(entry.getValue().getName())) {
                    entry.getValue().getArray().set(new float[(int) entry.getValue().getArray().size()]);
                    entry.getValue().getArray().addi(Float.NaN);
                }
            }
            assertArrayEquals(before, inference.forward(input).head().toFloatArray(), 0f);
        }
    }

    /**
     * The half-precision path a GPU takes, run here on the CPU: float32 out, and the float32
     * network's logits to float16's precision.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void halfPrecisionGivesFloat32LogitsCloseToFullPrecision(Architecture architecture) {
        TestEngine.oneThread();
        Engine.getEngine("PyTorch").setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = architecture.build(47);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            giveBatchNormsTrainedStatistics(network, new Random(7));
            NDArray input = manager.randomNormal(new Shape(3, 1, 28, 28));
            NDArray full = InferenceNetwork.of(network, manager, DataType.FLOAT32).forward(input).head();
            NDArray half = InferenceNetwork.of(network, manager, DataType.FLOAT16).forward(input).head();
            assertEquals(DataType.FLOAT32, half.getDataType());
            assertFalse(java.util.Arrays.equals(full.toFloatArray(), half.toFloatArray()), "it did run in float16");
            float scale = full.abs().max().getFloat();
            assertArrayClose(full, half, 2e-2f * Math.max(1f, scale), "float16 logits");
        }
    }

    /** Fresh batch norms are the identity, which would hide a wrong fold: give them real statistics. */
    private static void giveBatchNormsTrainedStatistics(StagedNetwork network, Random random) {
        for (Pair<String, Parameter> entry : network.getParameters()) {
            String name = entry.getValue().getName();
            NDArray array = entry.getValue().getArray();
            int size = (int) array.size();
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = switch (name) {
                    case "runningMean", "beta" -> (float) random.nextGaussian() * 0.5f;
                    case "runningVar" -> 0.2f + random.nextFloat() * 2f;
                    case "gamma" -> 0.5f + random.nextFloat();
                    default -> Float.NaN;
                };
            }
            if (!Float.isNaN(values[0])) {
                array.set(values);
            }
        }
    }

    private static void assertArrayClose(NDArray expected, NDArray actual, float tolerance, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length, what + ": size");
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > tolerance) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
    }
}
