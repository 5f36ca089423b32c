package io.neuralscribe.inference;

import java.util.Collection;

/** A request named a model the server does not hold. */
public class UnknownModelException extends IllegalArgumentException {
    public UnknownModelException(String name, Collection<String> known) {
        super("unknown model '" + name + "'; available: " + String.join(", ", known));
    }
}
