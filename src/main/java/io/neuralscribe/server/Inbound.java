package io.neuralscribe.server;

/** Client → server messages, validated by {@link InboundParser}: once here, every field is sound. */
public sealed interface Inbound {
    /** The {@code id} a client may attach, echoed in the answer; a string or a number, or {@code null}. */
    Object id();

    /** @param pixels 784 values in [0, 255], upright, ink high */
    record Predict(Object id, float[] pixels, boolean tta, String model) implements Inbound {}

    record Train(Object id, int epochs, String model, String token) implements Inbound {}

    record CancelTraining(Object id, String token) implements Inbound {}

    record ResetModel(Object id, String model, String token) implements Inbound {}

    record Shutdown(Object id, String token) implements Inbound {}

    record Ping(Object id) implements Inbound {}
}
