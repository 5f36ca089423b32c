package io.neuralscribe.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;
import java.util.Set;

/**
 * A network run as a chain of named stages. Its forward pass returns the logits first and then the
 * output of each tapped stage, so the page can show the layers working at no extra cost.
 */
public final class StagedNetwork extends AbstractBlock {
    private static final byte VERSION = 1;
    private final List<String> tapped;
    private final boolean channelsLast;
    /** Position of each tapped stage among the children (DJL prefixes child names with a number). */
    private final int[] tappedIndex;

    /**
     * @param stages the stages in order, name → block; the last one produces the logits
     * @param tapped names of the stages whose outputs are returned after the logits, in this order
     */
    public StagedNetwork(PairList<String, Block> stages, List<String> tapped) {
        this(stages, tapped, false);
    }

    /**
     * @param channelsLast run on a channels-last view of the input, so that the activations stay
     *     channels-last throughout: PyTorch's CPU convolutions and max pooling run several times
     *     faster that way, while its unfused batch norms run slower (see {@link InputEncoding#channelsLast})
     */
    public StagedNetwork(PairList<String, Block> stages, List<String> tapped, boolean channelsLast) {
        super(VERSION);
        this.channelsLast = channelsLast;
        Set<String> names = Set.copyOf(stages.keys());
        for (String name : tapped) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("no stage named " + name);
            }
        }
        for (int i = 0; i < stages.size(); i++) {
            addChildBlock(stages.keyAt(i), stages.valueAt(i));
        }
        this.tapped = List.copyOf(tapped);
        this.tappedIndex = tapped.stream().mapToInt(stages.keys()::indexOf).toArray();
    }

    /** Whether the network runs channels-last (its input is viewed so before the first stage). */
    public boolean channelsLast() {
        return channelsLast;
    }

    /** Positions, among the stages, of the tapped ones, in the order their outputs follow the logits. */
    int[] tappedPositions() {
        return tappedIndex.clone();
    }

    /** The tapped stages' names, in the order their outputs follow the logits. */
    public List<String> tappedStages() {
        return tapped;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList current = channelsLast ? new NDList(InputEncoding.channelsLast(inputs.singletonOrThrow())) : inputs;
        NDList taps = new NDList(tapped.size());
        NDList[] byName = new NDList[children.size()];
        for (int i = 0; i < children.size(); i++) {
            current = children.valueAt(i).forward(parameterStore, current, training, params);
            byName[i] = current;
        }
        for (int index : tappedIndex) {
            taps.add(byName[index].singletonOrThrow());
        }
        NDList result = new NDList(current.singletonOrThrow());
        result.addAll(taps);
        return result;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] current = inputShapes;
        Shape[] byStage = new Shape[children.size()];
        for (int i = 0; i < children.size(); i++) {
            current = children.valueAt(i).getOutputShapes(current);
            byStage[i] = current[0];
        }
        Shape[] result = new Shape[1 + tapped.size()];
        result[0] = current[0];
        for (int t = 0; t < tapped.size(); t++) {
            result[t + 1] = byStage[tappedIndex[t]];
        }
        return result;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] current = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, current);
            current = child.getOutputShapes(current);
        }
    }
}
