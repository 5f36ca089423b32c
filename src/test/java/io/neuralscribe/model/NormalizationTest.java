package io.neuralscribe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void halfInkHalfBackground() {
        // Pixels 0 and 255 in equal numbers: mean 0.5, population std 0.5 on the [0, 1] scale.
        byte[] images = new byte[784 * 2];
        for (int i = 0; i < images.length; i += 2) {
            images[i] = (byte) 255;
        }
        Normalization n = Normalization.measure(images);
        assertEquals(0.5f, n.mean(), 1e-6);
        assertEquals(0.5f, n.std(), 1e-6);
    }

    @Test
    void knownValuesIncludingBytesAbove127() {
        // 0, 51, 102, 204: on [0, 1] these are 0, 0.2, 0.4, 0.8.
        byte[] images = {0, 51, 102, (byte) 204};
        double mean = (0 + 0.2 + 0.4 + 0.8) / 4; // 0.35
        double variance = ((0 - mean) * (0 - mean) + (0.2 - mean) * (0.2 - mean)
                + (0.4 - mean) * (0.4 - mean) + (0.8 - mean) * (0.8 - mean)) / 4; // population variance
        Normalization n = Normalization.measure(images);
        assertEquals(0.35, n.mean(), 1e-6);
        assertEquals(Math.sqrt(variance), n.std(), 1e-6);
        assertEquals(Math.sqrt(0.0875), n.std(), 1e-6);
    }

    @Test
    void aConstantImageStillHasAPositiveStd() {
        Normalization n = Normalization.measure(new byte[] {(byte) 128, (byte) 128, (byte) 128});
        assertEquals(128 / 255.0, n.mean(), 1e-6);
        assertEquals(true, n.std() > 0);
    }

    @Test
    void rejectsABadStd() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(0.1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(0.1f, -1f));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(0.1f, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(Float.NaN, 1f));
    }
}
