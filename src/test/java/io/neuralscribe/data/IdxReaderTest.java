package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    private static final int SIDE = Grid.SIDE;
    private static final int PIXELS = Grid.PIXELS;

    @TempDir
    Path dir;

    @Test
    void imagesStoredTransposedComeOutUpright() throws Exception {
        byte[] f = IdxTestFiles.uprightF();
        byte[] blank = new byte[PIXELS];
        byte[] corner = new byte[PIXELS];
        corner[0 * SIDE + 27] = 9; // top right corner, upright
        Path file = dir.resolve("images.gz");
        IdxTestFiles.writeImages(file, new byte[][] {f, blank, corner});

        // The file really stores them transposed: the F's long top bar is a column in the raw data.
        byte[] raw = new byte[PIXELS];
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            in.readNBytes(16);
            in.readNBytes(raw, 0, PIXELS);
        }
        assertFalse(Arrays.equals(f, raw), "the F must be stored turned");

        byte[] images = IdxReader.readImages(file);
        assertEquals(3 * PIXELS, images.length);
        assertArrayEquals(f, Arrays.copyOfRange(images, 0, PIXELS));
        assertArrayEquals(blank, Arrays.copyOfRange(images, PIXELS, 2 * PIXELS));
        byte[] third = Arrays.copyOfRange(images, 2 * PIXELS, 3 * PIXELS);
        assertEquals(9, third[27], "top right stays top right");
        assertEquals(0, third[27 * SIDE], "not bottom left");
        // Spot checks on the upright F: the top bar is row 4, the stem column 6, the dot bottom right.
        assertEquals((byte) 255, images[4 * SIDE + 20]);
        assertEquals((byte) 255, images[22 * SIDE + 6]);
        assertEquals((byte) 255, images[26 * SIDE + 25]);
        assertEquals(0, images[25 * SIDE + 26]);
    }

    @Test
    void labelsAreReadAsUnsignedBytes() throws Exception {
        Path file = dir.resolve("labels.gz");
        IdxTestFiles.writeLabels(file, new int[] {0, 5, 26, 200, 255});
        assertArrayEquals(new int[] {0, 5, 26, 200, 255}, IdxReader.readLabels(file));
    }

    @Test
    void emptyImageFileIsFine() throws Exception {
        Path file = dir.resolve("empty.gz");
        IdxTestFiles.writeImages(file, new byte[0][]);
        assertEquals(0, IdxReader.readImages(file).length);
    }

    @Test
    void badMagicNumber() throws Exception {
        Path labels = dir.resolve("labels-as-images.gz");
        IdxTestFiles.writeLabels(labels, new int[] {1, 2});
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(labels));
        assertNamesFile(e, labels, "magic");

        Path images = dir.resolve("images-as-labels.gz");
        IdxTestFiles.writeImages(images, new byte[][] {new byte[PIXELS]});
        e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(images));
        assertNamesFile(e, images, "magic");
    }

    @Test
    void wrongDimensions() throws Exception {
        Path file = dir.resolve("27x28.gz");
        IdxTestFiles.writeGzip(file, IdxTestFiles.concat(
                IdxTestFiles.header(IdxTestFiles.IMAGES_MAGIC, 1, 27, 28), new byte[27 * 28]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(file));
        assertNamesFile(e, file, "dimensions");
        assertTrue(e.getMessage().contains("27"), e.getMessage());

        Path negative = dir.resolve("negative.gz");
        IdxTestFiles.writeGzip(negative, IdxTestFiles.header(IdxTestFiles.IMAGES_MAGIC, -1, 28, 28));
        assertNamesFile(assertThrows(DataFileException.class, () -> IdxReader.readImages(negative)),
                negative, "dimensions");
    }

    @Test
    void truncatedImagesAreAShortRead() throws Exception {
        Path file = dir.resolve("short.gz");
        // The header promises 3 images; 2 and a half follow.
        IdxTestFiles.writeGzip(file, IdxTestFiles.concat(
                IdxTestFiles.header(IdxTestFiles.IMAGES_MAGIC, 3, SIDE, SIDE), new byte[2 * PIXELS + PIXELS / 2]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(file));
        assertNamesFile(e, file, "short read");
        assertTrue(e.getMessage().contains("image 2"), e.getMessage());
    }

    @Test
    void truncatedLabelsAndHeader() throws Exception {
        Path labels = dir.resolve("short-labels.gz");
        IdxTestFiles.writeGzip(labels, IdxTestFiles.concat(
                IdxTestFiles.header(IdxTestFiles.LABELS_MAGIC, 10), new byte[4]));
        assertNamesFile(assertThrows(DataFileException.class, () -> IdxReader.readLabels(labels)),
                labels, "short read");

        Path header = dir.resolve("short-header.gz");
        IdxTestFiles.writeGzip(header, new byte[] {0, 0, 8, 3, 0, 0});
        assertNamesFile(assertThrows(DataFileException.class, () -> IdxReader.readImages(header)),
                header, "header");
    }

    @Test
    void moreDataThanTheHeaderSays() throws Exception {
        Path images = dir.resolve("long.gz");
        IdxTestFiles.writeGzip(images, IdxTestFiles.concat(
                IdxTestFiles.header(IdxTestFiles.IMAGES_MAGIC, 1, SIDE, SIDE), new byte[PIXELS + 1]));
        assertNamesFile(assertThrows(DataFileException.class, () -> IdxReader.readImages(images)),
                images, "more data");

        Path labels = dir.resolve("long-labels.gz");
        IdxTestFiles.writeGzip(labels, IdxTestFiles.concat(
                IdxTestFiles.header(IdxTestFiles.LABELS_MAGIC, 2), new byte[3]));
        assertNamesFile(assertThrows(DataFileException.class, () -> IdxReader.readLabels(labels)),
                labels, "more data");
    }

    @Test
    void notGzip() throws Exception {
        Path file = dir.resolve("plain-idx.gz");
        Files.write(file, IdxTestFiles.concat(IdxTestFiles.header(IdxTestFiles.IMAGES_MAGIC, 1, SIDE, SIDE),
                new byte[PIXELS]));
        assertNamesFile(assertThrows(DataFileException.class, () -> IdxReader.readImages(file)),
                file, "gzip");

        Path empty = dir.resolve("empty-file.gz");
        Files.write(empty, new byte[0]);
        assertNamesFile(assertThrows(DataFileException.class, () -> IdxReader.readLabels(empty)),
                empty, "gzip");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nowhere.gz");
        var e = assertThrows(java.io.FileNotFoundException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static void assertNamesFile(DataFileException e, Path file, String problem) {
        assertTrue(e.getMessage().contains(file.toString()), "message should name the file: " + e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains(problem), "message should say '" + problem + "': "
                + e.getMessage());
    }
}
