package io.neuralscribe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident set size (its {@code VmRSS}), read from /proc — Linux only, for the benches. */
final class ResidentMemory {
    private ResidentMemory() {}

    /** In KiB; -1 when /proc does not say. */
    static long kib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** In MiB (rounded down); -1 when /proc does not say. */
    static long mib(long pid) throws IOException {
        long kib = kib(pid);
        return kib < 0 ? -1 : kib / 1024;
    }

    /** This process's, in KiB. */
    static long ownKib() throws IOException {
        return kib(ProcessHandle.current().pid());
    }
}
