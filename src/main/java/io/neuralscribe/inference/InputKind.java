package io.neuralscribe.inference;

/**
 * Where a drawing came from, which decides the class prior it is read with
 * ({@link io.neuralscribe.model.PenPrior}): a person writes any character at the pen, while a
 * picture may be a scanned form like those the network learnt from.
 */
public enum InputKind {
    /** Strokes, or the canvas's pixels: read with the model's pen prior, when it has one. */
    PEN,
    /** An uploaded picture, a file on the command line, EMNIST's images: the network as trained. */
    PICTURE
}
