package io.neuralscribe.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that is not what its name promises: bad magic number, wrong counts, short read. */
public class EmnistFormatException extends IOException {
    public EmnistFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public EmnistFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
