package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {
    private static final int PIXELS = Grid.PIXELS;
    private static final int SIZE = 100;
    private static final int CLASSES = 5;

    /** Image {@code i} carries {@code i} in its first two bytes; its class is {@code i % 5}. */
    private static ImageDataset numbered() {
        byte[] images = new byte[SIZE * PIXELS];
        int[] classes = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            images[i * PIXELS] = (byte) i;
            images[i * PIXELS + 1] = (byte) (i >> 8);
            images[i * PIXELS + PIXELS - 1] = (byte) (i % CLASSES + 1);
            classes[i] = i % CLASSES;
        }
        return new ImageDataset("numbered", images, classes, List.of("a", "b", "c", "d", "e"));
    }

    private static int index(ImageDataset data, int i) {
        byte[] image = data.image(i);
        return (image[0] & 0xFF) | (image[1] & 0xFF) << 8;
    }

    @Test
    void limitIsRepeatableWithASeed() {
        ImageDataset data = numbered();
        ImageDataset a = data.limit(30, 7);
        ImageDataset b = data.limit(30, 7);
        assertArrayEquals(a.images(), b.images());
        assertArrayEquals(a.classes(), b.classes());
        ImageDataset other = data.limit(30, 8);
        assertFalse(java.util.Arrays.equals(a.classes(), other.classes())
                && java.util.Arrays.equals(a.images(), other.images()), "another seed should pick another subset");
    }

    @Test
    void limitKeepsSizesAndPairsConsistent() {
        ImageDataset data = numbered();
        ImageDataset subset = data.limit(30, 7);
        assertEquals(30, subset.size());
        assertEquals(30 * PIXELS, subset.images().length);
        assertEquals(30, subset.classes().length);
        assertEquals(CLASSES, subset.numClasses());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < subset.size(); i++) {
            int original = index(subset, i);
            assertTrue(seen.add(original), "image " + original + " picked twice");
            assertEquals(original % CLASSES, subset.classes()[i], "class must travel with its image");
            assertEquals(original % CLASSES + 1, subset.image(i)[PIXELS - 1], "the whole image is copied");
        }
        assertTrue(subset.name().contains("a random sample of its 100"), subset.name());
    }

    @Test
    void limitOutsideTheRangeKeepsEverything() {
        ImageDataset data = numbered();
        assertSame(data, data.limit(0, 1));
        assertSame(data, data.limit(-5, 1));
        assertSame(data, data.limit(SIZE, 1));
        assertSame(data, data.limit(SIZE + 1, 1));
    }

    @Test
    void imagesAndLabelsMustAgree() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset("bad", new byte[2 * PIXELS], new int[3], List.of("x")));
    }

    @Test
    void imageReturnsACopy() {
        ImageDataset data = numbered();
        byte[] image = data.image(3);
        image[0] = 99;
        assertEquals(3, index(data, 3));
    }
}
