package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import java.util.List;
import java.util.Random;

/**
 * Images and their classes, in memory. Images are upright, {@link IdxReader#PIXELS} bytes each,
 * 0 = background and 255 = ink.
 */
public record ImageDataset(String name, byte[] images, int[] classes, List<String> classNames) {

    public ImageDataset {
        if (images.length != classes.length * Grid.PIXELS) {
            throw new IllegalArgumentException("images hold " + images.length / Grid.PIXELS
                    + " pictures but there are " + classes.length + " labels");
        }
    }

    public int size() {
        return classes.length;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The same images under another name (the name is how figures describe the data). */
    public ImageDataset named(String newName) {
        return new ImageDataset(newName, images, classes, classNames);
    }

    /** Copies image {@code index} into {@code target} at {@code offset}. */
    public void copyImage(int index, byte[] target, int offset) {
        System.arraycopy(images, index * Grid.PIXELS, target, offset, Grid.PIXELS);
    }

    public byte[] image(int index) {
        byte[] copy = new byte[Grid.PIXELS];
        copyImage(index, copy, 0);
        return copy;
    }

    /**
     * At most {@code limit} images, drawn at random with {@code seed} so that a small subset still
     * holds every class in about its usual share.
     */
    public ImageDataset limit(int limit, long seed) {
        if (limit <= 0 || limit >= size()) {
            return this;
        }
        int[] order = Permutations.firstShuffled(size(), limit, new Random(seed));
        byte[] pickedImages = new byte[limit * Grid.PIXELS];
        int[] pickedClasses = new int[limit];
        for (int i = 0; i < limit; i++) {
            copyImage(order[i], pickedImages, i * Grid.PIXELS);
            pickedClasses[i] = classes[order[i]];
        }
        // The count is the dataset's size, which every report prints beside its name.
        return new ImageDataset(name + String.format(", a random sample of its %,d", size()), pickedImages, pickedClasses, classNames);
    }

    /** These images followed by {@code other}'s; both must have the same classes. */
    public ImageDataset concat(ImageDataset other, String newName) {
        if (!classNames.equals(other.classNames)) {
            throw new IllegalArgumentException(other.name + " has other classes than " + name);
        }
        byte[] joinedImages = java.util.Arrays.copyOf(images, images.length + other.images.length);
        System.arraycopy(other.images, 0, joinedImages, images.length, other.images.length);
        int[] joinedClasses = java.util.Arrays.copyOf(classes, classes.length + other.classes.length);
        System.arraycopy(other.classes, 0, joinedClasses, classes.length, other.classes.length);
        return new ImageDataset(newName, joinedImages, joinedClasses, classNames);
    }
}
