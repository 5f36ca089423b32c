package io.neuralscribe.model;

import java.nio.file.Path;

/**
 * Where the trained models that ship with the program live: {@code models/} under the program's
 * home (the launcher sets {@code -Dneuralscribe.home}; otherwise the working directory).
 */
public final class ShippedModels {
    public static final String HOME_PROPERTY = "neuralscribe.home";
    /** The 47-class ByMerge model a new user draws with. */
    public static final String DEFAULT_FILE = "bymerge-compact" + ModelFile.EXTENSION;

    private ShippedModels() {}

    public static Path directory() {
        return Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve("models");
    }

    public static Path defaultModel() {
        return directory().resolve(DEFAULT_FILE);
    }
}
