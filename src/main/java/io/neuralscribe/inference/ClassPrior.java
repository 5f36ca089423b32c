package io.neuralscribe.inference;

/**
 * Which class prior a reading uses ({@link io.neuralscribe.model.PenPrior}). A person at the pen
 * writes any character; the network learnt EMNIST's forms, which are mostly digits.
 */
public enum ClassPrior {
    /**
     * The model's pen prior, when it has one: every written character equally likely. For a pen
     * drawing read alone — strokes, or the canvas's pixels — where nothing else tells a {@code 0} from an {@code O}.
     */
    WRITTEN,
    /**
     * The network as trained: for pictures (scanned forms like those it learnt from), and for the
     * characters of a line, whose context weighs letters against digits itself (with the pen prior,
     * lines of the training file's held-apart writers read 71 % right instead of 74 %).
     */
    TRAINING
}
