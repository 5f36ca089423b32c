package io.neuralscribe.train;

import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Real pen strokes as training images: each sample is rendered by the serving renderer once as
 * written and {@code variants − 1} more times through {@link StrokeAugmentation}, so the network
 * learns from exactly the pictures it will be shown, in the many ways people write them. The images
 * then take the same per-batch augmentation as EMNIST's.
 */
public final class StrokeImages {
    private StrokeImages() {}

    /**
     * @param classes the model's classes; each sample counts as its {@link StrokeSample#labelFor} class
     * @param variants renderings per sample (≥ 1; the first is the plain one)
     * @param seed makes the variation repeatable
     */
    public static ImageDataset render(List<StrokeSample> samples, List<String> classes, int variants,
            StrokeAugmentation augmentation, long seed, String name) {
        if (variants < 1) {
            throw new IllegalArgumentException("at least one rendering per sample");
        }
        int count = samples.size() * variants;
        byte[] images = new byte[count * Grid.PIXELS];
        int[] labels = new int[count];
        IntStream.range(0, samples.size()).parallel().forEach(s -> {
            StrokeSample sample = samples.get(s);
            int label = classes.indexOf(sample.labelFor(classes));
            if (label < 0) {
                throw new IllegalArgumentException("the label '" + sample.label() + "' is not among the model's classes");
            }
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + s);
            for (int v = 0; v < variants; v++) {
                float[] view = v == 0 ? StrokeRenderer.render(sample.strokes())
                        : augmentation.render(sample.strokes(), random);
                int index = s * variants + v;
                System.arraycopy(Grid.toBytes(view), 0, images, index * Grid.PIXELS, Grid.PIXELS);
                labels[index] = label;
            }
        });
        return new ImageDataset(name, images, labels, classes);
    }
}
