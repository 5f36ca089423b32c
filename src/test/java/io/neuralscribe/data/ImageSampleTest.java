package io.neuralscribe.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.raster.Grid;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ImageSampleTest {
    private static final List<String> CLASSES = List.of("0", "1");

    /** {@code count} images of sparse random ink, all different. */
    private static ImageDataset images(String name, int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * Grid.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : 0;
        }
        return new ImageDataset(name, pixels, new int[count], CLASSES);
    }

    @Test
    void aTrainingSetIsFoundWholeInItselfAndNotInOtherImages() {
        ImageDataset train = images("train", 3000, 1);
        ImageSample sample = ImageSample.of(train);
        assertEquals(ImageSample.SIZE, sample.sampled());
        assertEquals(3000, sample.outOf());
        assertEquals(sample, ImageSample.of(train), "the same images give the same sample");

        ImageSample.Overlap itself = sample.overlapWith(train);
        assertEquals(ImageSample.SIZE, itself.found());
        assertTrue(itself.noticeable());

        ImageSample.Overlap other = sample.overlapWith(images("test", 3000, 2));
        assertEquals(0, other.found());
        assertFalse(other.noticeable());
    }

    @Test
    void theShareFoundEstimatesTheShareOfTrainingImagesInTheTestSet() {
        ImageDataset train = images("train", 4000, 3);
        // A test set holding a quarter of the training images among images of its own.
        ImageDataset quarter = new ImageDataset("quarter", Arrays.copyOf(train.images(), 1000 * Grid.PIXELS),
                new int[1000], CLASSES).concat(images("fresh", 2000, 4), "test");
        ImageSample.Overlap overlap = ImageSample.of(train).overlapWith(quarter);
        // Standard error sqrt(0.25 * 0.75 / 1000) ≈ 0.014: four of them either side.
        assertEquals(0.25, overlap.trainingShare(), 0.055);
        // About 1,000 of the 3,000 test images are training images.
        assertEquals(1.0 / 3, overlap.testShare(), 0.075);
        assertTrue(overlap.noticeable());
    }

    @Test
    void anImageOnePixelApartIsNotTheSameImage() {
        ImageDataset train = images("train", 1, 5);
        byte[] changed = train.images().clone();
        changed[400] ^= 1;
        ImageSample.Overlap overlap = ImageSample.of(train).overlapWith(
                new ImageDataset("test", changed, new int[1], CLASSES));
        assertEquals(1, overlap.sampled());
        assertEquals(0, overlap.found());
    }

    @Test
    void aSampleWhoseHashesDoNotMatchItsCountIsRefused() {
        ImageSample sample = ImageSample.of(images("train", 10, 6));
        assertThrows(IllegalArgumentException.class, () -> new ImageSample(11, 11, sample.hashes()));
        assertThrows(IllegalArgumentException.class, () -> new ImageSample(10, 10, "not base64!"));
    }
}
