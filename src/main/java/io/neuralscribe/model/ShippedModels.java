package io.neuralscribe.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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

    /** Every shipped model file, the default one first; cycle checkpoints are not models to serve. */
    public static List<Path> all() throws IOException {
        if (!Files.isDirectory(directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(ModelFile.EXTENSION))
                    .filter(f -> !f.getFileName().toString().matches(".*\\.epoch\\d+\\" + ModelFile.EXTENSION))
                    .sorted(Comparator.comparing((Path f) -> !f.getFileName().toString().equals(DEFAULT_FILE))
                            .thenComparing(Path::toString))
                    .toList();
        }
    }
}
