package io.neuralscribe.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that is not what its name promises: bad magic number, wrong counts, short read, a bad line. */
public class DataFileException extends IOException {
    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
