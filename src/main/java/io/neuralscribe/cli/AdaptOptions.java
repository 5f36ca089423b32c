package io.neuralscribe.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code evaluate --adapt}'s options (see {@link AdaptationEvaluation}). */
public final class AdaptOptions {
    @Option(names = "--adapt", paramLabel = "FILE.jsonl", description = "measure personal profiles on a stroke "
            + "file's writers: top-1 without a profile, with 1, 3, 5 corrections a class, and with another "
            + "writer's profile; and the time from adding a sample to the next prediction using it "
            + "(default: none; an EMNIST test file)")
    Path file;

    @Option(names = "--draws", defaultValue = "3",
            description = "random choices of the corrections, averaged (default: ${DEFAULT-VALUE})")
    int draws;

    @Option(names = "--tune", description = "also try a grid of blend settings and print each one's figures")
    boolean tune;
}
