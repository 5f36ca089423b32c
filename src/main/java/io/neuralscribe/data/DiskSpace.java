package io.neuralscribe.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses to start a large write that cannot fit, so the user gets a clear message instead of a
 * half-written file and a full disk. A margin is kept free for everything else on the machine.
 */
final class DiskSpace {
    static final long MARGIN = 16L << 20;

    private DiskSpace() {}

    /**
     * Throws when the file system holding {@code where} has less than {@code bytes} plus the margin
     * free. When the free space cannot be told, it lets the write go ahead (and fail if it must).
     *
     * @param what what is being written, for the message ("EMNIST", "EMNIST balanced into /data")
     */
    static void require(Path where, long bytes, String what) throws IOException {
        long usable;
        try {
            usable = Files.getFileStore(where).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (usable >= 0 && usable < bytes + MARGIN) {
            throw new IOException(String.format(Locale.ROOT, "not enough disk space for %s: %,d MB needed, %,d MB free",
                    what, (bytes + MARGIN) >> 20, usable >> 20));
        }
    }
}
