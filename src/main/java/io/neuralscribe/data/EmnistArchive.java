package io.neuralscribe.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * NIST's EMNIST archive on disk: checks that it holds a split and extracts that split's files.
 * A damaged archive is deleted, so the next run downloads it afresh; an extracted file is written
 * to a temporary file, checked against the archive's CRC and size, and only then moved into place.
 */
final class EmnistArchive {
    private EmnistArchive() {}

    /** The five file names of {@code split}, as in the archive's {@code gzip/} folder and the data folder. */
    static List<String> fileNames(EmnistSplit split) {
        List<String> names = new ArrayList<>();
        for (EmnistSplit.Part part : EmnistSplit.Part.values()) {
            names.add(split.imagesFile(part));
            names.add(split.labelsFile(part));
        }
        names.add(split.mappingFile());
        return List.copyOf(names);
    }

    /** Runs {@code check}, then makes sure the archive is a readable zip holding {@code split}'s files. */
    static void verify(Path archive, EmnistSplit split, ArchiveCheck check) throws IOException {
        try {
            check.verify(archive);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(archive, e.getMessage(), e);
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> missing = new ArrayList<>();
            for (String name : fileNames(split)) {
                if (findEntry(zip, name) == null) {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new DataFileException(archive, "not the EMNIST archive: it lacks " + String.join(", ", missing));
            }
        } catch (ZipException e) {
            throw new DataFileException(archive, "not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    /** Extracts {@code split}'s files (the archive has been verified) into {@code directory}. */
    static void extract(Path archive, EmnistSplit split, Path directory, DownloadProgress progress) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            long needed = 0;
            for (String name : fileNames(split)) {
                needed += Math.max(0, findEntry(zip, name).getSize());
            }
            DiskSpace.require(directory, needed, "extracting EMNIST " + split.id() + " into " + directory.toAbsolutePath());
            for (String name : fileNames(split)) {
                progress.message("Extracting " + name);
                extractEntry(archive, zip, findEntry(zip, name), name, directory);
            }
        } catch (ZipException e) {
            throw damaged(archive, null, e.getMessage(), e);
        }
        progress.message("EMNIST " + split.id() + " is ready in " + directory.toAbsolutePath());
    }

    private static void extractEntry(Path archive, ZipFile zip, ZipEntry entry, String name, Path directory)
            throws IOException {
        Path temporary = Files.createTempFile(directory, "." + name + ".", ".tmp");
        try {
            CRC32 crc = new CRC32();
            long size = 0;
            try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
            } catch (ZipException | java.io.EOFException e) {
                throw damaged(archive, name, e.getMessage(), e);
            }
            if ((entry.getCrc() >= 0 && entry.getCrc() != crc.getValue())
                    || (entry.getSize() >= 0 && entry.getSize() != size)) {
                throw damaged(archive, name, "checksum mismatch", null);
            }
            FileMoves.replace(temporary, directory.resolve(name));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static DataFileException damaged(Path archive, String entry, String problem, Throwable cause)
            throws IOException {
        Files.deleteIfExists(archive);
        return new DataFileException(archive, (entry == null ? "damaged zip archive" : "entry " + entry
                + " is damaged") + " (" + problem + "); the archive has been deleted, run again to download it afresh",
                cause);
    }

    /** The entry for {@code name}: {@code gzip/<name>} in the official archive, or any folder. */
    private static ZipEntry findEntry(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry("gzip/" + name);
        if (entry != null) {
            return entry;
        }
        return zip.stream()
                .filter(e -> !e.isDirectory() && (e.getName().equals(name) || e.getName().endsWith("/" + name)))
                .findFirst().orElse(null);
    }
}
