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
     * @param profile whose hand to read it with, or {@code null}
     */
    record Predict(Object id, Drawing drawing, boolean tta, String model, Expectation expect, String profile)
            implements Inbound {
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
     * @param profile whose hand to read each character with, or {@code null}
     */
    record Read(Object id, java.util.List<io.neuralscribe.raster.Stroke> strokes, boolean tta, String model,
            Expectation expect, String profile) implements Inbound {
        @Override
        public String type() {
            return "read";
        }
    }

    /** A message only the admin may send: it carries the admin token whenever one is needed. */
    sealed interface AdminRequest extends Inbound {
        String token();
    }

    /** @param evalLimit test images of the final evaluation (0 = all) */
    record Train(Object id, int epochs, String model, int evalLimit, String token) implements AdminRequest {
        @Override
        public String type() {
            return "train";
        }
    }

    record CancelTraining(Object id, String token) implements AdminRequest {
        @Override
        public String type() {
            return "cancel_training";
        }
    }

    record ResetModel(Object id, String model, String token) implements AdminRequest {
        @Override
        public String type() {
            return "reset_model";
        }
    }

    record Shutdown(Object id, String token) implements AdminRequest {
        @Override
        public String type() {
            return "shutdown";
        }
    }

    /** What a training would do, answered by {@code training_plan}; nothing starts. */
    record PlanTraining(Object id, int epochs, String model, int evalLimit, String token) implements AdminRequest {
        @Override
        public String type() {
            return "plan_training";
        }
    }

    /** Keeps the candidate or the current model of {@code model}; the other is set aside. */
    record KeepModel(Object id, String model, boolean candidate, String token) implements AdminRequest {
        @Override
        public String type() {
            return "keep_model";
        }
    }

    /** Deletes the model that was set aside. */
    record DiscardModel(Object id, String model, String token) implements AdminRequest {
        @Override
        public String type() {
            return "discard_model";
        }
    }

    /**
     * Messages about personal profiles, handled by {@link ProfileEndpoints}. {@code key} is the
     * profile's own key and {@code token} the admin token: beyond loopback, writing needs one of them.
     */
    sealed interface ProfileRequest extends Inbound {
        String profile();
    }

    record CreateProfile(Object id, String profile) implements ProfileRequest {
        @Override
        public String type() {
            return "create_profile";
        }
    }

    /** @param label the character drawn, checked by {@code ProfileSample.checkLabel} */
    record AddSample(Object id, String profile, Drawing drawing, String label, String key, String token)
            implements ProfileRequest {
        @Override
        public String type() {
            return "add_sample";
        }
    }

    record ExportProfile(Object id, String profile, String key, String token) implements ProfileRequest {
        @Override
        public String type() {
            return "export_profile";
        }
    }

    record DeleteProfile(Object id, String profile, String key, String token) implements ProfileRequest {
        @Override
        public String type() {
            return "delete_profile";
        }
    }

    record ListProfiles(Object id) implements ProfileRequest {
        @Override
        public String profile() {
            return null;
        }

        @Override
        public String type() {
            return "list_profiles";
        }
    }

    record Ping(Object id) implements Inbound {
        @Override
        public String type() {
            return "ping";
        }
    }
}
