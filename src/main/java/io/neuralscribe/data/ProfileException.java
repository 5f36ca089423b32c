package io.neuralscribe.data;

/** A profile request that cannot be done as asked; {@link #reason()} tells the caller which answer to give. */
public final class ProfileException extends RuntimeException {
    public enum Reason {
        /** No profile of that name. */
        NOT_FOUND,
        /** A profile of that name exists already. */
        EXISTS,
        /** A name, label, drawing or imported line that breaks the rules. */
        INVALID
    }

    private final Reason reason;

    public ProfileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
