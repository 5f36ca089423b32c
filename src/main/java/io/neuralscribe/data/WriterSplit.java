package io.neuralscribe.data;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Holds some writers of a training file apart, to tune on people the network never learned from.
 * A writer is held apart when the CRC-32 of its name is divisible by {@link #EVERY}: about one
 * writer in ten, the same ones on every machine and in every run, whatever the file's order.
 */
public final class WriterSplit {
    public static final int EVERY = 10;

    private WriterSplit() {}

    public static boolean heldApart(String writer) {
        CRC32 crc = new CRC32();
        crc.update(writer.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % EVERY == 0;
    }

    /** The samples of writers that are not held apart. */
    public static List<StrokeSample> training(List<StrokeSample> samples) {
        return samples.stream().filter(s -> !heldApart(s.writer())).toList();
    }

    /** The samples of the held-apart writers. */
    public static List<StrokeSample> heldApart(List<StrokeSample> samples) {
        return samples.stream().filter(s -> heldApart(s.writer())).toList();
    }
}
