package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.Architecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BatchSourceTest {
    private static final int PIXELS = 28 * 28;

    /** {@code count} random images; image i has class i % 3 and a unique first two bytes. */
    private static ImageDataset dataset(int count) {
        byte[] images = new byte[count * PIXELS];
        new Random(1).nextBytes(images);
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            images[i * PIXELS] = (byte) i;
            images[i * PIXELS + 1] = (byte) (i >> 8);
            classes[i] = i % 3;
        }
        return new ImageDataset("synthetic", images, classes, List.of("a", "b", "c"));
    }

    private static TrainingOptions options(int batch, double mixup, AugmentOptions augment, long seed) {
        return new TrainingOptions(Architecture.COMPACT, 1, batch, seed, 3e-3, 1e-4, 10, 2, 2, 0.1, mixup, 1,
                augment, 0);
    }

    private static List<TrainingBatch> epoch(BatchSource source, int epoch) throws InterruptedException {
        List<TrainingBatch> batches = new ArrayList<>();
        BatchSource.Epoch stream = source.epoch(epoch);
        for (TrainingBatch b; (b = stream.next()) != null; ) {
            batches.add(b);
        }
        return batches;
    }

    private static void assertRowsSumToOne(TrainingBatch batch, int classes) {
        for (int i = 0; i < batch.count(); i++) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                float t = batch.targets()[i * classes + k];
                assertTrue(t >= 0 && t <= 1);
                sum += t;
            }
            assertEquals(1, sum, 1e-5, "row " + i);
        }
    }

    @Test
    void batchesPerEpochDropTheRemainder() throws InterruptedException {
        try (BatchSource source = new BatchSource(dataset(64), options(16, 0, AugmentOptions.none(), 1))) {
            assertEquals(4, source.batchesPerEpoch());
            assertEquals(4, epoch(source, 1).size());
        }
        try (BatchSource source = new BatchSource(dataset(70), options(16, 0, AugmentOptions.none(), 1))) {
            assertEquals(4, source.batchesPerEpoch());
            List<TrainingBatch> batches = epoch(source, 1);
            assertEquals(4, batches.size());
            for (TrainingBatch b : batches) {
                assertEquals(16, b.count());
                assertEquals(16 * PIXELS, b.images().length);
                assertEquals(16 * 3, b.targets().length);
            }
        }
    }

    @Test
    void withoutAugmentationOrMixupEachImageComesOnceWithItsOneHotClass() throws InterruptedException {
        ImageDataset data = dataset(64);
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            indexOf.put(Arrays.toString(data.image(i)), i);
        }
        try (BatchSource source = new BatchSource(data, options(16, 0, AugmentOptions.none(), 5))) {
            boolean[] seen = new boolean[64];
            List<Integer> order = new ArrayList<>();
            for (TrainingBatch batch : epoch(source, 1)) {
                assertRowsSumToOne(batch, 3);
                for (int i = 0; i < batch.count(); i++) {
                    byte[] bytes = new byte[PIXELS];
                    for (int p = 0; p < PIXELS; p++) {
                        float v = batch.images()[i * PIXELS + p];
                        assertEquals(Math.round(v * 255) / 255f, v, 1e-6, "a byte on the [0, 1] scale");
                        bytes[p] = (byte) Math.round(v * 255);
                    }
                    Integer index = indexOf.get(Arrays.toString(bytes));
                    assertNotNull(index, "batch images are dataset images, untouched");
                    assertTrue(!seen[index], "image " + index + " twice in one epoch");
                    seen[index] = true;
                    order.add(index);
                    for (int k = 0; k < 3; k++) {
                        assertEquals(k == data.classes()[index] ? 1f : 0f, batch.targets()[i * 3 + k]);
                    }
                }
            }
            assertEquals(64, order.size());
            List<Integer> sorted = new ArrayList<>(order);
            sorted.sort(null);
            assertTrue(!order.equals(sorted), "the epoch is shuffled");
        }
    }

    @Test
    void mixedTargetsStillSumToOne() throws InterruptedException {
        try (BatchSource source = new BatchSource(dataset(64), options(16, 0.2, AugmentOptions.standard(), 3))) {
            int blended = 0;
            for (TrainingBatch batch : epoch(source, 1)) {
                assertRowsSumToOne(batch, 3);
                for (float t : batch.targets()) {
                    if (t > 1e-6 && t < 1 - 1e-6) {
                        blended++;
                    }
                }
                for (float v : batch.images()) {
                    assertTrue(v >= 0 && v <= 1);
                }
            }
            assertTrue(blended > 0, "mixup blended some labels");
        }
    }

    @Test
    void theSameSeedGivesTheSameBatches() throws InterruptedException {
        ImageDataset data = dataset(64);
        List<TrainingBatch> a;
        List<TrainingBatch> b;
        List<TrainingBatch> otherEpoch;
        List<TrainingBatch> otherSeed;
        try (BatchSource source = new BatchSource(data, options(16, 0.2, AugmentOptions.standard(), 42))) {
            a = epoch(source, 1);
            otherEpoch = epoch(source, 2);
        }
        try (BatchSource source = new BatchSource(data, options(16, 0.2, AugmentOptions.standard(), 42))) {
            b = epoch(source, 1);
        }
        try (BatchSource source = new BatchSource(data, options(16, 0.2, AugmentOptions.standard(), 43))) {
            otherSeed = epoch(source, 1);
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).images(), b.get(i).images(), "batch " + i);
            assertArrayEquals(a.get(i).targets(), b.get(i).targets(), "batch " + i);
        }
        assertTrue(!Arrays.equals(a.get(0).images(), otherEpoch.get(0).images()));
        assertTrue(!Arrays.equals(a.get(0).images(), otherSeed.get(0).images()));
    }

    @Test
    void anEpochEndsWithNull() throws InterruptedException {
        try (BatchSource source = new BatchSource(dataset(32), options(16, 0, AugmentOptions.none(), 1))) {
            BatchSource.Epoch stream = source.epoch(1);
            assertNotNull(stream.next());
            assertNotNull(stream.next());
            assertNull(stream.next());
        }
    }
}
