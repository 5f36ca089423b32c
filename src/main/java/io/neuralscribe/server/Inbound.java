package io.neuralscribe.server;

import io.neuralscribe.inference.Drawing;
import io.neuralscribe.inference.Expectation;

/** Client → server messages, validated by {@link InboundParser}: once here, every field is sound. */
public sealed interface Inbound {
    /** The {@code id} a client may attach, echoed in the answer; a string or a number, or {@code null}. */
    Object id();

    /** The message's {@code type} on the wire, named in error answers to it. */
    String type();

    /**
     * @param drawing the person's strokes or 784 pixels
     * @param expect the classes the answer is chosen among
     */
    record Predict(Object id, Drawing drawing, boolean tta, String model, Expectation expect) implements Inbound {
        @Override
        public String type() {
            return "predict";
        }
    }

    /**
     * A written line to read whole.
     *
     * @param strokes the person's strokes, possibly none
     * @param expect what the words are (digits, letters, …), weighed by the line's context
     */
    record Read(Object id, java.util.List<io.neuralscribe.raster.Stroke> strokes, boolean tta, String model,
            Expectation expect) implements Inbound {
        @Override
        public String type() {
            return "read";
        }
    }

    record Train(Object id, int epochs, String model, String token) implements Inbound {
        @Override
        public String type() {
            return "train";
        }
    }

    record CancelTraining(Object id, String token) implements Inbound {
        @Override
        public String type() {
            return "cancel_training";
        }
    }

    record ResetModel(Object id, String model, String token) implements Inbound {
        @Override
        public String type() {
            return "reset_model";
        }
    }

    record Shutdown(Object id, String token) implements Inbound {
        @Override
        public String type() {
            return "shutdown";
        }
    }

    record Ping(Object id) implements Inbound {
        @Override
        public String type() {
            return "ping";
        }
    }
}
