package io.neuralscribe.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.pooling.Pool;

/**
 * A {@link SeResidualBlock} for inference: each of its batch norms folded into the convolution
 * before it (through {@link InferenceNetwork#convolution}, the one place that folds), so that the
 * block runs as three or four convolutions, the squeeze-and-excitation and two ReLUs — no pass over
 * the activations to normalize them, and no stochastic depth (it only acts in training).
 */
final class FoldedResidualBlock {
    private FoldedResidualBlock() {}

    /** The block's forward pass with folded weights, which live in {@code manager}. */
    static InferenceNetwork.Step step(SeResidualBlock.Parts block, NDManager manager, DataType precision) {
        InferenceNetwork.Step first = InferenceNetwork.convolution(block.conv1(), block.bn1(), manager, precision);
        InferenceNetwork.Step second = InferenceNetwork.convolution(block.conv2(), block.bn2(), manager, precision);
        InferenceNetwork.Step shortcut = block.shortcutConv() == null ? null
                : InferenceNetwork.convolution(block.shortcutConv(), block.shortcutBn(), manager, precision);
        InferenceNetwork.Step squeeze = InferenceNetwork.dense(block.seSqueeze(), null, manager, precision);
        InferenceNetwork.Step excite = InferenceNetwork.dense(block.seExcite(), null, manager, precision);
        int channels = block.outChannels();
        return (x, parameters) -> {
            NDArray residual = second.apply(first.apply(x, parameters).getNDArrayInternal().relu(), parameters);
            // Squeeze-and-excitation, as in training: weigh each channel by what the whole picture says of it.
            NDArray weights = squeeze.apply(Pool.globalAvgPool2d(residual), parameters).getNDArrayInternal().relu();
            weights = excite.apply(weights, parameters).getNDArrayInternal().sigmoid();
            residual = residual.mul(weights.reshape(weights.getShape().get(0), channels, 1, 1));
            NDArray identity = shortcut == null ? x : shortcut.apply(x, parameters);
            return residual.add(identity).getNDArrayInternal().relu();
        };
    }
}
