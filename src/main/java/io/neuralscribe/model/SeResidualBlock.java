package io.neuralscribe.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The residual block: conv3×3 → BN → ReLU → conv3×3 → BN → squeeze-and-excitation →
 * stochastic depth → add the shortcut → ReLU. The shortcut is a 1×1 conv + BN where the shape
 * changes. No convolution or SE layer has a bias.
 */
public final class SeResidualBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int outChannels;
    private final int stride;
    private final float dropPath;
    private final ConvLayer conv1;
    private final BatchNorm bn1;
    private final ConvLayer conv2;
    private final BatchNorm bn2;
    private final Linear seSqueeze;
    private final Linear seExcite;
    private final ConvLayer shortcutConv;
    private final BatchNorm shortcutBn;

    public SeResidualBlock(int inChannels, int outChannels, int stride, float dropPath, int seReduction) {
        super(VERSION);
        this.outChannels = outChannels;
        this.stride = stride;
        this.dropPath = dropPath;
        conv1 = addChildBlock("conv1", ConvLayer.same(outChannels, 3, stride));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv2 = addChildBlock("conv2", ConvLayer.same(outChannels, 3, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
        seSqueeze = addChildBlock("se_squeeze",
                Linear.builder().setUnits(outChannels / seReduction).optBias(false).build());
        seExcite = addChildBlock("se_excite", Linear.builder().setUnits(outChannels).optBias(false).build());
        if (inChannels != outChannels || stride != 1) {
            shortcutConv = addChildBlock("shortcut_conv", ConvLayer.same(outChannels, 1, stride));
            shortcutBn = addChildBlock("shortcut_bn", Layers.batchNorm());
        } else {
            shortcutConv = null;
            shortcutBn = null;
        }
    }

    /** The layers, for {@link FoldedResidualBlock}; the shortcut's are {@code null} where it is the identity. */
    Parts parts() {
        return new Parts(conv1, bn1, conv2, bn2, seSqueeze, seExcite, shortcutConv, shortcutBn, outChannels);
    }

    record Parts(ConvLayer conv1, BatchNorm bn1, ConvLayer conv2, BatchNorm bn2, Linear seSqueeze, Linear seExcite,
            ConvLayer shortcutConv, BatchNorm shortcutBn, int outChannels) {}

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList out = conv1.forward(ps, inputs, training, params);
        out = new NDList(bn1.forward(ps, out, training, params).singletonOrThrow().getNDArrayInternal().relu());
        out = bn2.forward(ps, conv2.forward(ps, out, training, params), training, params);
        NDArray residual = out.singletonOrThrow();

        // Squeeze-and-excitation: weigh each channel by what the whole picture says of it.
        NDArray pooled = Pool.globalAvgPool2d(residual);
        NDArray weights = seSqueeze.forward(ps, new NDList(pooled), training, params).singletonOrThrow()
                .getNDArrayInternal().relu();
        weights = seExcite.forward(ps, new NDList(weights), training, params).singletonOrThrow()
                .getNDArrayInternal().sigmoid();
        residual = residual.mul(weights.reshape(weights.getShape().get(0), outChannels, 1, 1));

        if (training && dropPath > 0f) {
            residual = dropPath(residual);
        }
        NDArray shortcut = x;
        if (shortcutConv != null) {
            shortcut = shortcutBn.forward(ps, shortcutConv.forward(ps, inputs, training, params), training, params)
                    .singletonOrThrow();
        }
        return new NDList(residual.add(shortcut).getNDArrayInternal().relu());
    }

    /** Stochastic depth: drop the residual branch for whole samples, scaling the survivors. */
    private NDArray dropPath(NDArray residual) {
        float keep = 1f - dropPath;
        NDManager manager = residual.getManager();
        NDArray mask = manager.randomUniform(0f, 1f, new Shape(residual.getShape().get(0), 1, 1, 1))
                .lt(keep).toType(residual.getDataType(), false).div(keep);
        return residual.mul(mask);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + stride - 1) / stride;
        long w = (in.get(3) + stride - 1) / stride;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shape = inputShapes;
        conv1.initialize(manager, dataType, shape);
        shape = conv1.getOutputShapes(shape);
        bn1.initialize(manager, dataType, shape);
        conv2.initialize(manager, dataType, shape);
        shape = conv2.getOutputShapes(shape);
        bn2.initialize(manager, dataType, shape);
        Shape pooled = new Shape(shape[0].get(0), outChannels);
        seSqueeze.initialize(manager, dataType, pooled);
        seExcite.initialize(manager, dataType, seSqueeze.getOutputShapes(new Shape[] {pooled}));
        if (shortcutConv != null) {
            shortcutConv.initialize(manager, dataType, inputShapes);
            shortcutBn.initialize(manager, dataType, shortcutConv.getOutputShapes(inputShapes));
        }
    }
}
