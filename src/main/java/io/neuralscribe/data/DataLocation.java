package io.neuralscribe.data;

import java.nio.file.Path;

/** Where EMNIST lives: the {@code --data} flag, then {@code NEURALSCRIBE_DATA}, then {@code data/emnist}. */
public final class DataLocation {
    public static final String ENVIRONMENT_VARIABLE = "NEURALSCRIBE_DATA";
    public static final Path DEFAULT = Path.of("data", "emnist");

    private DataLocation() {}

    public static Path resolve(Path flag) {
        return resolve(flag, System.getenv(ENVIRONMENT_VARIABLE));
    }

    static Path resolve(Path flag, String environment) {
        if (flag != null) {
            return flag;
        }
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment.trim());
        }
        return DEFAULT;
    }
}
