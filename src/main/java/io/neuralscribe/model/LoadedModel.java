package io.neuralscribe.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** A network with its weights in native memory and the metadata that describes it. */
public final class LoadedModel implements AutoCloseable {
    private final ModelMetadata metadata;
    private final StagedNetwork network;
    private final NDManager manager;
    private volatile DataType inputType = DataType.FLOAT32;

    public LoadedModel(ModelMetadata metadata, StagedNetwork network, NDManager manager) {
        this.metadata = metadata;
        this.network = network;
        this.manager = manager;
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

    /**
     * Converts the weights to {@code type} in place (e.g. bfloat16 for the CPU's AMX units). Inputs
     * must then be of the same type; see {@link #inputType()}.
     */
    public void castTo(DataType type) {
        for (Pair<String, Parameter> pair : network.getParameters()) {
            NDArray array = pair.getValue().getArray();
            if (array.getDataType() != type && array.getDataType().isFloating()) {
                array.intern(array.toType(type, false));
            }
        }
        inputType = type;
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
