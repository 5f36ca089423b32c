package io.neuralscribe.inference;

import java.util.List;

/**
 * One person's hand as the network sees it: for each class they taught, the mean of their
 * samples' penultimate features, each L2-normalized first (weight imprinting / nearest class mean).
 * A drawing's cosine similarity to a class's prototype says how much it looks like the way this
 * person writes that class.
 *
 * <p>Immutable: {@link #plus} returns a new set that shares every untouched class's row, so adding a
 * sample costs one feature vector's worth of arithmetic (microseconds), and readers on other
 * threads keep a consistent set without locks.
 */
public final class ClassPrototypes {
    /** Per class: the sum of its samples' normalized features, or {@code null} when it has none. */
    private final float[][] sums;
    private final int[] counts;

    private ClassPrototypes(float[][] sums, int[] counts) {
        this.sums = sums;
        this.counts = counts;
    }

    public static ClassPrototypes empty(int classes) {
        return new ClassPrototypes(new float[classes][], new int[classes]);
    }

    /** The set with one more sample of class {@code classIndex}, whose features are {@code features}. */
    public ClassPrototypes plus(int classIndex, float[] features) {
        float[] unit = normalized(features);
        float[][] nextSums = sums.clone();
        float[] row = sums[classIndex] == null ? new float[unit.length] : sums[classIndex].clone();
        for (int i = 0; i < row.length; i++) {
            row[i] += unit[i];
        }
        nextSums[classIndex] = row;
        int[] nextCounts = counts.clone();
        nextCounts[classIndex]++;
        return new ClassPrototypes(nextSums, nextCounts);
    }

    public int classes() {
        return counts.length;
    }

    /** How many samples taught class {@code c}. */
    public int count(int c) {
        return counts[c];
    }

    public boolean isEmpty() {
        for (int count : counts) {
            if (count > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Cosine similarity of the drawing's features to each class's prototype; {@link Float#NaN} for a
     * class with no samples. (The mean of unit vectors is renormalized, so this is the cosine to the
     * mean direction.)
     */
    public float[] similarities(float[] features) {
        float[] unit = normalized(features);
        float[] similarity = new float[counts.length];
        for (int c = 0; c < similarity.length; c++) {
            float[] sum = sums[c];
            if (sum == null) {
                similarity[c] = Float.NaN;
                continue;
            }
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < sum.length; i++) {
                dot += sum[i] * unit[i];
                norm += sum[i] * sum[i];
            }
            similarity[c] = norm > 0 ? (float) (dot / Math.sqrt(norm)) : 0f;
        }
        return similarity;
    }

    /**
     * The class a taught label teaches in a model, or −1 when the model has no such class: the label
     * itself, else its capital for a model that merges cases (ByMerge reads a written {@code c} as {@code C}).
     */
    public static int classOf(String label, List<String> classes) {
        int exact = classes.indexOf(label);
        return exact >= 0 ? exact : classes.indexOf(label.toUpperCase(java.util.Locale.ROOT));
    }

    static float[] normalized(float[] features) {
        double norm = 0;
        for (float f : features) {
            norm += f * f;
        }
        float[] unit = features.clone();
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < unit.length; i++) {
                unit[i] *= scale;
            }
        }
        return unit;
    }
}
