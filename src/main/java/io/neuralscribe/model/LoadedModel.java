package io.neuralscribe.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** A network with its weights in native memory and the metadata that describes it. */
public final class LoadedModel implements AutoCloseable {
    private final ModelMetadata metadata;
    private final StagedNetwork network;
    private final NDManager manager;
    private final DataType inputType;

    public LoadedModel(ModelMetadata metadata, StagedNetwork network, NDManager manager) {
        this(metadata, network, manager, DataType.FLOAT32);
    }

    /** @param weightType the floating-point type the network's weights are in (inputs are converted to it) */
    public LoadedModel(ModelMetadata metadata, StagedNetwork network, NDManager manager, DataType weightType) {
        this.metadata = metadata;
        this.network = network;
        this.manager = manager;
        this.inputType = weightType;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public StagedNetwork network() {
        return network;
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * Runs the network in inference mode. The caller owns the result: it lives in {@code input}'s
     * manager. Returns the logits first, then the tapped stages.
     */
    public NDList forward(NDList input) {
        ParameterStore parameters = new ParameterStore(input.head().getManager(), false);
        if (inputType != input.head().getDataType()) {
            input = new NDList(input.head().toType(inputType, false));
        }
        return network.forward(parameters, input, false);
    }

    /** The floating-point type the weights are in, which inputs must match. */
    public DataType inputType() {
        return inputType;
    }

    @Override
    public void close() {
        manager.close();
    }
}
