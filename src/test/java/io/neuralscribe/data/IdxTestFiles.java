package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tiny EMNIST-style files for tests: gzip IDX images (stored transposed, as EMNIST does),
 * gzip IDX labels, mapping files and whole splits.
 */
public final class IdxTestFiles {
    public static final int SIDE = Grid.SIDE;
    public static final int PIXELS = Grid.PIXELS;
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxTestFiles() {}

    /** A tiny split as written: upright images, stored labels and the class characters. */
    public record TinySplit(byte[][] trainImages, int[] trainLabels, byte[][] testImages, int[] testLabels,
            List<String> classes) {

        public byte[][] images(EmnistSplit.Part part) {
            return part == EmnistSplit.Part.TRAIN ? trainImages : testImages;
        }

        public int[] labels(EmnistSplit.Part part) {
            return part == EmnistSplit.Part.TRAIN ? trainLabels : testLabels;
        }
    }

    /** Writes {@code uprightImages} (784 bytes each) as a gzip IDX image file, transposed as in EMNIST. */
    public static void writeImages(Path file, byte[][] uprightImages) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] image : uprightImages) {
            body.write(transpose(image));
        }
        writeGzip(file, concat(header(IMAGES_MAGIC, uprightImages.length, SIDE, SIDE), body.toByteArray()));
    }

    /** Writes {@code labels} (0..255) as a gzip IDX label file. */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        byte[] body = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + labels[i] + " does not fit a byte");
            }
            body[i] = (byte) labels[i];
        }
        writeGzip(file, concat(header(LABELS_MAGIC, labels.length), body));
    }

    /** A mapping file whose labels start at 0: line {@code i} is {@code "<i> <ascii of chars[i]>"}. */
    public static void writeMapping(Path file, List<String> chars) throws IOException {
        writeMapping(file, chars, 0);
    }

    /**
     * A mapping file whose labels start at {@code firstLabel}; with {@code firstLabel == 1} lines have
     * the letters split's three columns ({@code "1 65 97"}: upper and lower case).
     */
    public static void writeMapping(Path file, List<String> chars, int firstLabel) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chars.size(); i++) {
            char c = chars.get(i).charAt(0);
            text.append(firstLabel + i).append(' ').append((int) c);
            if (firstLabel == 1) {
                text.append(' ').append((int) Character.toLowerCase(c));
            }
            text.append('\n');
        }
        createParent(file);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /**
     * Writes a whole tiny split into {@code dir} under its official file names: train and test
     * images and labels and the mapping. Labels start at 1 for {@link EmnistSplit#LETTERS} (as in
     * EMNIST) and at 0 otherwise. Image {@code i} is of class {@code i % classes.size()}, so every
     * class is there once the sizes allow; images are learnable: each class has its own bar
     * positions, plus a little seeded noise.
     */
    public static TinySplit writeSplit(Path dir, EmnistSplit split, List<String> classes, int trainSize,
            int testSize, long seed) throws IOException {
        int firstLabel = split == EmnistSplit.LETTERS ? 1 : 0;
        Random random = new Random(seed);
        byte[][] trainImages = new byte[trainSize][];
        int[] trainLabels = new int[trainSize];
        byte[][] testImages = new byte[testSize][];
        int[] testLabels = new int[testSize];
        fill(trainImages, trainLabels, classes.size(), firstLabel, random);
        fill(testImages, testLabels, classes.size(), firstLabel, random);
        writeImages(dir.resolve(split.imagesFile(EmnistSplit.Part.TRAIN)), trainImages);
        writeLabels(dir.resolve(split.labelsFile(EmnistSplit.Part.TRAIN)), trainLabels);
        writeImages(dir.resolve(split.imagesFile(EmnistSplit.Part.TEST)), testImages);
        writeLabels(dir.resolve(split.labelsFile(EmnistSplit.Part.TEST)), testLabels);
        writeMapping(dir.resolve(split.mappingFile()), classes, firstLabel);
        return new TinySplit(trainImages, trainLabels, testImages, testLabels, List.copyOf(classes));
    }

    /** A tiny digits-style split: classes "0".."{@code classes-1}". */
    public static TinySplit writeSplit(Path dir, EmnistSplit split, int classes, int trainSize, int testSize)
            throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            names.add(String.valueOf((char) (split == EmnistSplit.LETTERS ? 'A' + i : '0' + i)));
        }
        return writeSplit(dir, split, names, trainSize, testSize, 42);
    }

    /** The class's own picture: a horizontal bar at a class row and a vertical bar at a class column. */
    public static byte[] classImage(int cls, Random noise) {
        byte[] image = new byte[PIXELS];
        int row = 2 + (cls * 3) % 24;
        int col = 2 + (cls * 7) % 24;
        for (int i = 0; i < SIDE; i++) {
            for (int t = 0; t < 2; t++) {
                image[(row + t) * SIDE + i] = (byte) 255;
                image[i * SIDE + col + t] = (byte) 200;
            }
        }
        for (int k = 0; k < 20; k++) {
            image[noise.nextInt(PIXELS)] = (byte) noise.nextInt(256);
        }
        return image;
    }

    /**
     * A known asymmetric picture, an "F" (with an extra dot at the bottom right), so that a turned
     * or mirrored image is told apart from the upright one.
     */
    public static byte[] uprightF() {
        byte[] image = new byte[PIXELS];
        for (int r = 4; r < 24; r++) {
            set(image, r, 6);
            set(image, r, 7);
        }
        for (int c = 6; c < 22; c++) {
            set(image, 4, c);
            set(image, 5, c);
        }
        for (int c = 6; c < 17; c++) {
            set(image, 13, c);
        }
        set(image, 26, 25);
        return image;
    }

    /** The picture as EMNIST stores it: row {@code r} of the stored image is column {@code r} of the upright one. */
    public static byte[] transpose(byte[] image) {
        if (image.length != PIXELS) {
            throw new IllegalArgumentException("an image has " + PIXELS + " bytes, not " + image.length);
        }
        byte[] stored = new byte[PIXELS];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                stored[c * SIDE + r] = image[r * SIDE + c];
            }
        }
        return stored;
    }

    /** An IDX header: the magic number, then each dimension, big-endian. */
    public static byte[] header(int magic, int... dimensions) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length);
        buffer.putInt(magic);
        for (int d : dimensions) {
            buffer.putInt(d);
        }
        return buffer.array();
    }

    /** Writes {@code content} gzip-compressed. */
    public static void writeGzip(Path file, byte[] content) throws IOException {
        createParent(file);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            for (byte[] part : parts) {
                data.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void fill(byte[][] images, int[] labels, int classes, int firstLabel, Random random) {
        for (int i = 0; i < images.length; i++) {
            int cls = i % classes;
            images[i] = classImage(cls, random);
            labels[i] = cls + firstLabel;
        }
    }

    private static void set(byte[] image, int row, int col) {
        image[row * SIDE + col] = (byte) 255;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
