package io.neuralscribe.inference;

/** An uploaded picture we will not read: not PNG or JPEG, corrupt, or too large. */
public class InvalidImageException extends Exception {
    private final String code;

    public InvalidImageException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable machine-readable reason, e.g. {@code image_too_large}. */
    public String code() {
        return code;
    }
}
