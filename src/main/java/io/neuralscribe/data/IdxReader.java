package io.neuralscribe.data;

import static io.neuralscribe.raster.Grid.PIXELS;
import static io.neuralscribe.raster.Grid.SIDE;

import io.neuralscribe.raster.Grid;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed IDX files. EMNIST stores every image transposed; images come out of here
 * upright, and this is the only place in the program that turns them.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** All images of the file, upright, {@link Grid#PIXELS} bytes each, back to back. */
    public static byte[] readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file);
            if (magic != IMAGES_MAGIC) {
                throw new DataFileException(file, String.format(
                        "bad magic number 0x%08x (an IDX image file starts with 0x%08x)", magic, IMAGES_MAGIC));
            }
            int count = readHeaderInt(in, file);
            int rows = readHeaderInt(in, file);
            int cols = readHeaderInt(in, file);
            if (count < 0 || rows != SIDE || cols != SIDE) {
                throw new DataFileException(file,
                        "wrong dimensions " + count + "x" + rows + "x" + cols + " (expected Nx28x28)");
            }
            byte[] raw = new byte[PIXELS];
            byte[] upright = new byte[Math.multiplyExact(count, PIXELS)];
            for (int i = 0; i < count; i++) {
                readFully(in, raw, file, "image " + i + " of " + count);
                int base = i * PIXELS;
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        upright[base + r * SIDE + c] = raw[c * SIDE + r];
                    }
                }
            }
            expectEnd(in, file);
            return upright;
        }
    }

    /** All labels of the file, as stored (0-based for every split but letters). */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file);
            if (magic != LABELS_MAGIC) {
                throw new DataFileException(file, String.format(
                        "bad magic number 0x%08x (an IDX label file starts with 0x%08x)", magic, LABELS_MAGIC));
            }
            int count = readHeaderInt(in, file);
            if (count < 0) {
                throw new DataFileException(file, "negative label count " + count);
            }
            byte[] raw = new byte[count];
            readFully(in, raw, file, "labels");
            expectEnd(in, file);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(file + ": no such file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new DataFileException(file, "not a gzip file (" + e.getMessage() + ")", e);
        }
    }

    private static int readHeaderInt(DataInputStream in, Path file) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFileException(file, "file ends inside its header", e);
        } catch (ZipException e) {
            throw new DataFileException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static void readFully(DataInputStream in, byte[] buffer, Path file, String what) throws IOException {
        try {
            in.readFully(buffer);
        } catch (EOFException e) {
            throw new DataFileException(file, "short read: file ends inside " + what, e);
        } catch (ZipException e) {
            throw new DataFileException(file, "corrupt gzip data in " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private static void expectEnd(DataInputStream in, Path file) throws IOException {
        if (in.read() != -1) {
            throw new DataFileException(file, "more data than the header's count announces");
        }
    }
}
