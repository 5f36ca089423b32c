package io.neuralscribe.server;

import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.ModelMetadata;

/**
 * A served model's name: the split it reads, and its network when that is not the compact one
 * ({@code bymerge}, {@code byclass}, {@code bymerge-resnet-se}). Names become file names in the state
 * folder, so only known splits and networks make one: a crafted model file cannot make us load or
 * delete {@code ../../anything}.
 */
record ModelName(EmnistSplit split, Architecture architecture) {
    /** @throws IllegalArgumentException when the file's split or network is not one we know */
    static ModelName of(ModelMetadata metadata) {
        if (metadata.split() == null || metadata.architecture() == null) {
            throw new IllegalArgumentException("the file names no split or no network");
        }
        return new ModelName(EmnistSplit.parse(metadata.split()), Architecture.parse(metadata.architecture()));
    }

    /** @throws IllegalArgumentException unless {@code name} is exactly a name {@link #id()} makes */
    static ModelName parse(String name) {
        for (Architecture architecture : Architecture.values()) {
            String suffix = architecture == Architecture.COMPACT ? "" : "-" + architecture.id();
            if (name.endsWith(suffix)) {
                try {
                    ModelName parsed = new ModelName(
                            EmnistSplit.parse(name.substring(0, name.length() - suffix.length())), architecture);
                    if (parsed.id().equals(name)) {
                        return parsed;
                    }
                } catch (IllegalArgumentException notThisOne) {
                    // try the next network
                }
            }
        }
        throw new IllegalArgumentException("not a model name: " + name);
    }

    String id() {
        return architecture == Architecture.COMPACT ? split.id() : split.id() + "-" + architecture.id();
    }
}
