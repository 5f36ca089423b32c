package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

/**
 * A small fingerprint of a set of images, kept in a model file so that an evaluation can tell when
 * its test images include the model's training images: the 64-bit hashes of a random sample of up
 * to {@link #SIZE} of them, drawn with one fixed seed (so the same images always give the same
 * sample), stored as Base64 of big-endian longs (about 11 kB of JSON for 1,000 images).
 *
 * <p>Why a sample: if a share {@code p} of the training images is in a test set, each sampled image
 * is found there with probability {@code p}, so {@code found / sampled} estimates {@code p} with a
 * standard error of at most {@code 0.5 / sqrt(sampled)}, under 1.6 points for 1,000 images; and
 * {@code p × outOf} estimates how many test images are training images. Two
 * different images share a 64-bit hash with probability about {@code 2^-64} per pair: against a
 * million test images, a false match in the whole sample has odds of about one in 10^10.
 *
 * @param sampled images hashed
 * @param outOf images the sample was drawn from
 * @param hashes the sampled images' hashes, Base64
 */
public record ImageSample(int sampled, int outOf, String hashes) {
    /** At most this many images are hashed. */
    public static final int SIZE = 1000;
    /** A share of sampled images found at or above this is worth a warning (chance duplicates stay below). */
    public static final double NOTICEABLE_SHARE = 0.01;
    private static final long DRAW_SEED = 20_240_601L;

    /** The invariant, enforced here once: {@code hashes} holds exactly {@code sampled} hashes. */
    public ImageSample {
        if (sampled < 0 || outOf < sampled) {
            throw new IllegalArgumentException("a sample of " + sampled + " images out of " + outOf);
        }
        int bytes;
        try {
            bytes = Base64.getDecoder().decode(hashes).length;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the sampled images' hashes are not Base64");
        }
        if (bytes != sampled * Long.BYTES) {
            throw new IllegalArgumentException("the sample names " + sampled + " images but holds "
                    + bytes / Long.BYTES + " hashes");
        }
    }

    /** Hashes a random sample of up to {@link #SIZE} of {@code images}, always the same for the same images. */
    public static ImageSample of(ImageDataset images) {
        int count = Math.min(SIZE, images.size());
        int[] picked = Permutations.firstShuffled(images.size(), count, new Random(DRAW_SEED));
        ByteBuffer buffer = ByteBuffer.allocate(count * Long.BYTES);
        for (int i = 0; i < count; i++) {
            buffer.putLong(hash(images.images(), picked[i] * Grid.PIXELS));
        }
        return new ImageSample(count, images.size(), Base64.getEncoder().encodeToString(buffer.array()));
    }

    /** How many sampled images are among {@code test}'s images (each of which is hashed once). */
    public Overlap overlapWith(ImageDataset test) {
        long[] all = new long[test.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = hash(test.images(), i * Grid.PIXELS);
        }
        Arrays.sort(all);
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(hashes));
        int found = 0;
        for (int i = 0; i < sampled; i++) {
            if (Arrays.binarySearch(all, buffer.getLong()) >= 0) {
                found++;
            }
        }
        return new Overlap(sampled, found, outOf, test.size());
    }

    /**
     * A 64-bit hash of the image at {@code offset} in {@code images}: FNV-1a over its bytes, then
     * SplitMix64's finalizer so that images differing in a pixel or two differ in every bit.
     */
    static long hash(byte[] images, int offset) {
        long h = 0xcbf29ce484222325L;
        for (int i = offset; i < offset + Grid.PIXELS; i++) {
            h = (h ^ (images[i] & 0xFF)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /**
     * How many of a model's sampled training images a test set holds.
     *
     * @param sampled images in the sample
     * @param found of those, images the test set holds
     * @param trainingImages images the sample was drawn from
     * @param testImages images in the test set
     */
    public record Overlap(int sampled, int found, int trainingImages, int testImages) {
        /** The estimated share of the training images that are in the test set, in [0, 1]. */
        public double trainingShare() {
            return sampled == 0 ? 0 : (double) found / sampled;
        }

        /** The estimated share of the test images that are training images, in [0, 1]. */
        public double testShare() {
            return testImages == 0 ? 0 : Math.min(1, trainingShare() * trainingImages / testImages);
        }

        /** Whether the share is more than chance duplicates explain: the figure overstates accuracy. */
        public boolean noticeable() {
            return sampled > 0 && trainingShare() >= NOTICEABLE_SHARE;
        }
    }
}
