package io.neuralscribe.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 2-D convolution padded to keep the picture's size (divided by the stride). It is DJL's
 * {@link Conv2d}; this subclass only lets {@link InferenceNetwork} read back the stride and padding
 * (DJL keeps them protected) so that it can fold a following batch norm into the weights.
 */
public final class ConvLayer extends Conv2d {
    private ConvLayer(Conv2d.Builder builder) {
        super(builder);
    }

    /** A bias-free {@code kernel}×{@code kernel} convolution with {@code kernel / 2} padding. */
    public static ConvLayer same(int filters, int kernel, int stride) {
        return new ConvLayer(Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false));
    }

    Shape stride() {
        return stride;
    }

    Shape padding() {
        return padding;
    }

    Shape dilation() {
        return dilation;
    }

    int groups() {
        return groups;
    }
}
