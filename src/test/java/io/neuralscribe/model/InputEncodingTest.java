package io.neuralscribe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InputEncodingTest {

    @BeforeAll
    static void engine() {
        TestEngine.oneThread();
    }

    @Test
    void normalizesEveryPixelInOrder() {
        int count = 3;
        float[] images = new float[count * 784];
        Random random = new Random(7);
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextInt(256) / 255f;
        }
        images[5] = 1f; // image 0, row 0, column 5
        images[784 + 28 * 3 + 4] = 0.5f; // image 1, row 3, column 4
        Normalization normalization = new Normalization(0.2f, 0.4f);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray tensor = InputEncoding.toTensor(manager, images, count, normalization);
            assertEquals(new Shape(count, 1, 28, 28), tensor.getShape());
            assertEquals(DataType.FLOAT32, tensor.getDataType());
            float[] values = tensor.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertEquals((images[i] - 0.2) / 0.4, values[i], 1e-5, "pixel " + i);
            }
            // Row-major: the element at [1, 0, 3, 4] is the one set above.
            assertEquals((0.5 - 0.2) / 0.4, tensor.getFloat(1, 0, 3, 4), 1e-6);
            assertEquals((1 - 0.2) / 0.4, tensor.getFloat(0, 0, 0, 5), 1e-6);
        }
    }

    @Test
    void encodingMeasuredDataGivesZeroMeanUnitStd() {
        byte[] raw = new byte[2 * 784];
        Random random = new Random(11);
        random.nextBytes(raw);
        Normalization normalization = Normalization.measure(raw);
        float[] unit = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            unit[i] = (raw[i] & 0xFF) / 255f;
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] values = InputEncoding.toTensor(manager, unit, 2, normalization).toFloatArray();
            double sum = 0;
            double squares = 0;
            for (float v : values) {
                sum += v;
                squares += v * v;
            }
            double mean = sum / values.length;
            assertEquals(0, mean, 1e-4);
            assertEquals(1, Math.sqrt(squares / values.length - mean * mean), 1e-4);
        }
    }

    @Test
    void usesOnlyTheFirstImagesAndRejectsTooFewValues() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] two = new float[2 * 784];
            assertEquals(new Shape(1, 1, 28, 28),
                    InputEncoding.toTensor(manager, two, 1, new Normalization(0, 1)).getShape());
            assertThrows(IllegalArgumentException.class,
                    () -> InputEncoding.toTensor(manager, two, 3, new Normalization(0, 1)));
        }
    }
}
