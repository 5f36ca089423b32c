package io.neuralscribe.model;

import static io.neuralscribe.raster.Grid.PIXELS;
import static io.neuralscribe.raster.Grid.SIDE;

import io.neuralscribe.raster.Grid;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.FloatBuffer;

/**
 * The one path from upright 28×28 images to the network's input tensor, shared by training and
 * inference so that a drawing meets the network exactly as the training images did.
 */
public final class InputEncoding {

    private InputEncoding() {}

    /**
     * @param unitImages {@code count} upright images back to back, each pixel in [0, 1], ink high
     * @return a {@code [count, 1, 28, 28]} tensor, normalized
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
        return manager.create(FloatBuffer.wrap(normalized), new Shape(count, 1, SIDE, SIDE));
    }

    /**
     * The same one-channel images, viewed channels-last (no copy). With one channel the bytes are
     * the same either way; only the strides change, and they tell PyTorch to keep the activations
     * channels-last from the first convolution on.
     */
    public static NDArray channelsLast(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 1) {
            throw new IllegalArgumentException("expected [n, 1, h, w] images, got " + shape);
        }
        return images.reshape(shape.get(0), shape.get(2), shape.get(3), 1).transpose(0, 3, 1, 2);
    }
}
