package io.neuralscribe.train;

import io.neuralscribe.model.TestEngine;
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
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GradientClipperTest {

    @BeforeAll
    static void engine() {
        TestEngine.oneThread();
    }

    /**
     * A Linear layer 3 → 2 on x = [1, 2, 3] with loss Σ y·[10, −20]: dL/dW = [10, −20]ᵀ·x and
     * dL/db = [10, −20], whatever the weights. The global norm is √(14·500 + 500) = √7500.
     */
    private static Linear linearWithKnownGradients(NDManager manager) {
        Linear linear = Linear.builder().setUnits(2).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        NDArray x = manager.create(new float[] {1, 2, 3}, new Shape(1, 3));
        NDArray c = manager.create(new float[] {10, -20}, new Shape(1, 2));
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray y = linear.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            collector.backward(y.mul(c).sum());
        }
        return linear;
    }

    private static List<float[]> gradients(Block block) {
        List<float[]> gradients = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            if (array.hasGradient()) {
                try (NDArray g = array.getGradient()) {
                    gradients.add(g.toFloatArray());
                }
            }
        }
        return gradients;
    }

    private static double norm(List<float[]> gradients) {
        double sum = 0;
        for (float[] g : gradients) {
            for (float v : g) {
                sum += (double) v * v;
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void clipsALinearLayersKnownGradientsToNormOne() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Linear linear = linearWithKnownGradients(manager);
            List<float[]> before = gradients(linear);
            assertArrayEquals(new float[] {10, 20, 30, -20, -40, -60}, before.get(0), 1e-5f); // weight, [2, 3]
            assertArrayEquals(new float[] {10, -20}, before.get(1), 1e-5f); // bias
            double expectedNorm = Math.sqrt(7500);

            float reported = new GradientClipper(1f).clip(linear.getParameters());
            assertEquals(expectedNorm, reported, 1e-3);

            List<float[]> after = gradients(linear);
            double normAfter = norm(after);
            assertTrue(normAfter <= 1 + 1e-4, "norm after " + normAfter);
            assertEquals(1, normAfter, 1e-4);
            for (int p = 0; p < before.size(); p++) {
                for (int i = 0; i < before.get(p).length; i++) {
                    assertEquals(before.get(p)[i] / expectedNorm, after.get(p)[i], 1e-5, "direction kept");
                }
            }
        }
    }

    @Test
    void gradientsBelowTheLimitAreUntouched() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Linear linear = linearWithKnownGradients(manager);
            List<float[]> before = gradients(linear);
            float reported = new GradientClipper(100f).clip(linear.getParameters());
            assertEquals(Math.sqrt(7500), reported, 1e-3);
            List<float[]> after = gradients(linear);
            for (int p = 0; p < before.size(); p++) {
                assertArrayEquals(before.get(p), after.get(p));
            }
        }
    }

    @Test
    void skipsParametersWithoutGradientsAndClipsAllTheOthersTogether() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // Batch normalization's running statistics have no gradient; γ, β and both layers do.
            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(4).build())
                    .add(BatchNorm.builder().build())
                    .add(Linear.builder().setUnits(3).build());
            block.initialize(manager, DataType.FLOAT32, new Shape(5, 6));
            NDArray x = manager.randomNormal(new Shape(5, 6));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                collector.backward(y.square().sum().mul(50));
            }
            List<float[]> before = gradients(block);
            assertEquals(6, before.size(), "weight and bias, γ and β, weight and bias");
            float[] runningMean = null;
            for (Pair<String, Parameter> pair : block.getParameters()) {
                if (pair.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                    runningMean = pair.getValue().getArray().toFloatArray();
                }
            }
            double normBefore = norm(before);
            assertTrue(normBefore > 2, "the test needs something to clip: " + normBefore);

            float reported = new GradientClipper(2f).clip(block.getParameters());
            assertEquals(normBefore, reported, 1e-4 * normBefore);
            List<float[]> after = gradients(block);
            assertTrue(norm(after) <= 2 + 1e-4);
            assertEquals(2, norm(after), 1e-3);
            double scale = 2 / normBefore;
            for (int p = 0; p < before.size(); p++) {
                for (int i = 0; i < before.get(p).length; i++) {
                    assertEquals(before.get(p)[i] * scale, after.get(p)[i], 1e-5 + 1e-4 * Math.abs(before.get(p)[i] * scale));
                }
            }
            for (Pair<String, Parameter> pair : block.getParameters()) {
                if (pair.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                    assertArrayEquals(runningMean, pair.getValue().getArray().toFloatArray());
                }
            }
        }
    }

    @Test
    void rejectsANonPositiveNorm() {
        assertThrows(IllegalArgumentException.class, () -> new GradientClipper(0f));
        assertThrows(IllegalArgumentException.class, () -> new GradientClipper(-1f));
        assertThrows(IllegalArgumentException.class, () -> new GradientClipper(Float.NaN));
    }
}
