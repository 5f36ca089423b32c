package io.neuralscribe.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Checks a downloaded archive before its zip structure is checked; throws when the archive is
 * not the expected one. NIST publishes no checksum for {@code gzip.zip}, so none is built in.
 */
@FunctionalInterface
public interface ArchiveCheck {
    void verify(Path archive) throws IOException;

    static ArchiveCheck none() {
        return archive -> {};
    }

    /** The archive must be exactly {@code bytes} long. */
    static ArchiveCheck size(long bytes) {
        return archive -> {
            long size = Files.size(archive);
            if (size != bytes) {
                throw new DataFileException(archive, String.format(Locale.ROOT,
                        "%,d bytes where %,d were expected", size, bytes));
            }
        };
    }

    /** The archive's SHA-256 must be {@code hex} (case ignored). */
    static ArchiveCheck sha256(String hex) {
        String expected = hex.trim().toLowerCase(Locale.ROOT);
        HexFormat.of().parseHex(expected);
        if (expected.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 has 64 hex digits: " + hex);
        }
        return archive -> {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (InputStream in = Files.newInputStream(archive)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new DataFileException(archive, "SHA-256 " + actual + " where " + expected + " was expected");
            }
        };
    }

    /** This check, then {@code next}. */
    default ArchiveCheck and(ArchiveCheck next) {
        return archive -> {
            verify(archive);
            next.verify(archive);
        };
    }
}
