package io.neuralscribe.train;

import io.neuralscribe.data.Permutations;
import io.neuralscribe.raster.Grid;
import io.neuralscribe.data.ImageDataset;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds an epoch's augmented batches on a background thread, a few ahead of the network, so that
 * decoding and augmenting overlap with the forward and backward passes. Each batch's randomness
 * comes from (seed, epoch, batch), so a seed repeats a run exactly whatever the thread timing.
 */
public final class BatchSource implements AutoCloseable {
    private static final int PREFETCH = 4;
    private static final TrainingBatch END = new TrainingBatch(new float[0], new float[0], 0);

    private final ImageDataset dataset;
    private final TrainingOptions options;
    private final Augmenter augmenter;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "batch-builder");
        thread.setDaemon(true);
        return thread;
    });
    private long buildNanos;

    public BatchSource(ImageDataset dataset, TrainingOptions options) {
        this.dataset = dataset;
        this.options = options;
        this.augmenter = new Augmenter(options.augment());
    }

    public int batchesPerEpoch() {
        return dataset.size() / options.batchSize();
    }

    /** Time spent building batches so far, on the background thread. */
    public synchronized double buildSeconds() {
        return buildNanos / 1e9;
    }

    /** Starts building epoch {@code epoch}'s batches; take them with {@link Epoch#next()}. */
    public Epoch epoch(int epoch) {
        BlockingQueue<TrainingBatch> queue = new ArrayBlockingQueue<>(PREFETCH);
        Future<?> producer = worker.submit(() -> {
            int[] order = Permutations.shuffled(dataset.size(), new SplittableRandom(mix(options.seed(), epoch, -1)));
            for (int b = 0; b < batchesPerEpoch(); b++) {
                long start = System.nanoTime();
                TrainingBatch batch = build(order, b, new SplittableRandom(mix(options.seed(), epoch, b)));
                synchronized (this) {
                    buildNanos += System.nanoTime() - start;
                }
                queue.put(batch);
            }
            queue.put(END);
            return null;
        });
        return new Epoch(queue, producer);
    }

    /** Batch {@code b} of an epoch whose images are visited in {@code order}. */
    TrainingBatch build(int[] order, int b, SplittableRandom random) {
        int size = options.batchSize();
        int classes = dataset.numClasses();
        int pixels = Grid.PIXELS;
        float[] images = new float[size * pixels];
        float[] targets = new float[size * classes];
        byte[] raw = new byte[pixels];
        float[] image = new float[pixels];
        for (int i = 0; i < size; i++) {
            int index = order[b * size + i];
            dataset.copyImage(index, raw, 0);
            Grid.toUnit(raw, 0, image);
            augmenter.apply(image, random);
            System.arraycopy(image, 0, images, i * pixels, pixels);
            targets[i * classes + dataset.classes()[index]] = 1f;
        }
        if (options.mixupAlpha() > 0) {
            double lambda = Mixup.sampleLambda(options.mixupAlpha(), random);
            Mixup.blend(images, targets, size, pixels, classes, lambda, Mixup.partners(size, random));
        }
        return new TrainingBatch(images, targets, size);
    }

    private static long mix(long seed, int epoch, int batch) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + batch * 0x165667B19E3779F9L;
        return h ^ (h >>> 29);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** One epoch's stream of batches. */
    public static final class Epoch {
        private final BlockingQueue<TrainingBatch> queue;
        private final Future<?> producer;

        Epoch(BlockingQueue<TrainingBatch> queue, Future<?> producer) {
            this.queue = queue;
            this.producer = producer;
        }

        /** The next batch, or {@code null} at the end of the epoch. */
        public TrainingBatch next() throws InterruptedException {
            while (true) {
                TrainingBatch batch = queue.poll(1, TimeUnit.SECONDS);
                if (batch == END) {
                    return null;
                }
                if (batch != null) {
                    return batch;
                }
                if (producer.isDone()) {
                    try {
                        producer.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("building a batch failed: " + e.getCause(), e.getCause());
                    }
                }
            }
        }

        public void cancel() {
            producer.cancel(true);
        }
    }
}
