package io.neuralscribe.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.FloatBuffer;

/**
 * The one path from upright 28×28 images to the network's input tensor, shared by training and
 * inference so that a drawing meets the network exactly as the training images did.
 */
public final class InputEncoding {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    private InputEncoding() {}

    /**
     * @param unitImages {@code count} upright images back to back, each pixel in [0, 1], ink high
     * @return a {@code [count, 1, 28, 28]} tensor, normalized, laid out channels-last in memory
     */
    public static NDArray toTensor(NDManager manager, float[] unitImages, int count, Normalization normalization) {
        if (unitImages.length < count * PIXELS) {
            throw new IllegalArgumentException("need " + count * PIXELS + " values, got " + unitImages.length);
        }
        float[] normalized = new float[count * PIXELS];
        float scale = 1f / normalization.std();
        float mean = normalization.mean();
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = (unitImages[i] - mean) * scale;
        }
        // With one channel the bytes are the same either way; the strides tell PyTorch that the
        // layout is channels-last, so convolutions, batch norms and max pooling keep that layout,
        // which its CPU kernels (oneDNN, vectorized pooling) run several times faster than NCHW.
        return manager.create(FloatBuffer.wrap(normalized), new Shape(count, SIDE, SIDE, 1)).transpose(0, 3, 1, 2);
    }
}
