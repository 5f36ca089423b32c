package io.neuralscribe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @BeforeAll
    static void engine() {
        TestEngine.oneThread();
    }

    /** Trainable weights of a bias-free k×k convolution followed by batch normalization (γ, β). */
    private static long convBn(long in, long out, long k) {
        return in * out * k * k + 2 * out;
    }

    /** The residual block as documented: two conv+BN, a bias-free SE pair, a 1×1 conv+BN shortcut. */
    private static long seBlock(long in, long out, long reduction, boolean shortcut) {
        long se = out * (out / reduction) + (out / reduction) * out;
        return convBn(in, out, 3) + convBn(out, out, 3) + se + (shortcut ? convBn(in, out, 1) : 0);
    }

    private static long trainable(StagedNetwork network) {
        long count = 0;
        for (Pair<String, Parameter> pair : network.getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()) {
                assertFalse(parameter.getType() == Parameter.Type.RUNNING_MEAN
                        || parameter.getType() == Parameter.Type.RUNNING_VAR, pair.getKey());
                count += parameter.getArray().size();
            }
        }
        return count;
    }

    private static long runningStatistics(StagedNetwork network) {
        long count = 0;
        for (Pair<String, Parameter> pair : network.getParameters()) {
            Parameter.Type type = pair.getValue().getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                assertFalse(pair.getValue().requiresGradient(), pair.getKey());
                count += pair.getValue().getArray().size();
            }
        }
        return count;
    }

    @Test
    void resnetSeHasTheSeedsParameterCount() {
        long byHand = convBn(1, 32, 3)
                + seBlock(32, 64, 4, true)
                + seBlock(64, 160, 4, true)
                + seBlock(160, 320, 4, true)
                + seBlock(320, 256, 4, true)
                + 256 * 47 + 47;
        assertEquals(3_348_815L, byHand, "the hand count itself");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = Architecture.RESNET_SE.build(47);
            network.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            assertEquals(3_348_815L, trainable(network));
            // Every batch normalization also keeps a running mean and variance, which must not count.
            long bnChannels = 32 + (64 * 3) + (160 * 3) + (320 * 3) + (256 * 3);
            assertEquals(2 * bnChannels, runningStatistics(network));
        }
    }

    @Test
    void compactParameterCountMatchesItsLayers() {
        for (int classes : new int[] {47, 62}) {
            long byHand = convBn(1, 32, 3) + convBn(32, 32, 3) + convBn(32, 64, 3) + convBn(64, 64, 3)
                    + convBn(64, 128, 3)
                    + (128 * 3 * 3) * 256 + 256 + 2 * 256 // dense1 + its batch normalization
                    + 256 * 128 + 128
                    + 128L * classes + classes;
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                StagedNetwork network = Architecture.COMPACT.build(classes);
                network.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
                assertEquals(byHand, trainable(network), "compact, " + classes + " classes");
            }
        }
    }

    @Test
    void compactForwardReturnsLogitsThenFourTaps() {
        for (int classes : new int[] {47, 62}) {
            List<Shape> expected = List.of(
                    new Shape(3, classes),
                    new Shape(3, 32, 14, 14), // conv1: two 3×3 convs, then 2×2 max pool
                    new Shape(3, 64, 7, 7), // conv2
                    new Shape(3, 256), // dense1
                    new Shape(3, 128)); // dense2
            checkForward(Architecture.COMPACT, classes, List.of("conv1", "conv2", "dense1", "dense2"), expected);
        }
    }

    @Test
    void resnetSeForwardReturnsLogitsThenFourTaps() {
        List<Shape> expected = List.of(
                new Shape(3, 47),
                new Shape(3, 64, 14, 14), // block1, stride 2
                new Shape(3, 160, 7, 7), // block2, stride 2
                new Shape(3, 256, 7, 7), // block4
                new Shape(3, 256)); // global average pool
        checkForward(Architecture.RESNET_SE, 47, List.of("block1", "block2", "block4", "pool"), expected);
    }

    private static void checkForward(Architecture architecture, int classes, List<String> taps, List<Shape> expected) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StagedNetwork network = architecture.build(classes);
            network.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            assertEquals(taps, network.tappedStages());
            NDArray x = manager.randomUniform(0f, 1f, new Shape(3, 1, 28, 28));
            for (boolean training : new boolean[] {false, true}) {
                NDList out = network.forward(new ParameterStore(manager, false), new NDList(x), training);
                assertEquals(expected.size(), out.size(), architecture + " outputs");
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), out.get(i).getShape(), architecture + " output " + i);
                }
                for (NDArray array : out) {
                    assertTrue(Float.isFinite(array.sum().getFloat()), "finite outputs");
                }
            }
            // The declared output shapes agree with what forward returns.
            Shape[] declared = network.getOutputShapes(new Shape[] {new Shape(3, 1, 28, 28)});
            assertEquals(expected, List.of(declared));
        }
    }

    @Test
    void parseAcceptsIdsAndRejectsOthersListingTheAcceptedOnes() {
        assertSame(Architecture.COMPACT, Architecture.parse("compact"));
        assertSame(Architecture.RESNET_SE, Architecture.parse(" ReSNet-SE "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("vgg"));
        assertTrue(e.getMessage().contains("vgg"), e.getMessage());
        for (Architecture architecture : Architecture.values()) {
            assertTrue(e.getMessage().contains(architecture.id()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("resnet_se"));
    }
}
