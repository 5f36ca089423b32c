package io.neuralscribe.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/** A network with its weights in native memory and the metadata that describes it. */
public final class LoadedModel implements AutoCloseable {
    private final ModelMetadata metadata;
    private final StagedNetwork network;
    private final NDManager manager;
    private final InferenceNetwork inference;

    public LoadedModel(ModelMetadata metadata, StagedNetwork network, NDManager manager) {
        this.metadata = metadata;
        this.network = network;
        this.manager = manager;
        this.inference = InferenceNetwork.of(network, manager);
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
     * Runs the network in inference mode (batch norms folded, see {@link InferenceNetwork}). The
     * caller owns the result: it lives in {@code input}'s manager. Returns the logits first, then
     * the tapped stages. Safe to call from several threads at once.
     */
    public NDList forward(NDArray input) {
        return inference.forward(input);
    }

    /** The number of outputs of the network's last layer, found by running it once on a blank image. */
    public long outputs() {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray blank = scratch.zeros(new ai.djl.ndarray.types.Shape(1, 1, io.neuralscribe.raster.Grid.SIDE, io.neuralscribe.raster.Grid.SIDE));
            return forward(blank).head().getShape().get(1);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
