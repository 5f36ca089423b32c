package io.neuralscribe.model;

import java.util.List;

/**
 * How likely each class is when a person writes with the pen, as a shift of the network's logits.
 *
 * <p>A network learns its training data's class frequencies along with the shapes. EMNIST comes
 * from forms that are mostly digits, so a written {@code O} loses to {@code 0} and {@code q} to
 * {@code 9}, although a person at the pen writes letters as often as digits. A pen drawing read
 * alone (strokes, or the canvas's pixels) is therefore read with this shift added to the logits
 * before the softmax. Pictures — scanned or photographed forms, EMNIST's files — and the characters
 * of a line, whose context weighs letters against digits, are read with the network as it is
 * ({@code inference.ClassPrior}). The shift is computed by {@code train.LogitAdjustment} and is
 * centred (mean zero).
 *
 * @param description what the shift aims at and which class counts it removes, for a person reading the file
 * @param logitShift one value per class, in the model's class order
 */
public record PenPrior(String description, float[] logitShift) {
    public PenPrior {
        if (logitShift == null || logitShift.length == 0) {
            throw new IllegalArgumentException("a pen prior needs one logit shift per class");
        }
        for (float value : logitShift) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("a pen prior's logit shifts must be finite numbers");
            }
        }
        logitShift = logitShift.clone();
    }

    /** @throws IllegalArgumentException when this prior was made for another number of classes */
    void checkFits(List<String> classes) {
        if (logitShift.length != classes.size()) {
            throw new IllegalArgumentException("the pen prior has " + logitShift.length + " logit shifts but the model "
                    + classes.size() + " classes");
        }
    }

    @Override
    public float[] logitShift() {
        return logitShift.clone();
    }
}
