package io.neuralscribe.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a finished file in place. Whatever is written is written beside its target first (a
 * temporary or staged file) and then moved here, so a reader sees the old file or the new one,
 * never half of one.
 */
public final class FileMoves {
    private FileMoves() {}

    /**
     * Moves {@code from} onto {@code to}, replacing it: atomically where the file system can (always
     * within one folder on the systems we run on), else as a plain replace.
     */
    public static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
