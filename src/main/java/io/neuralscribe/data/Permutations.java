package io.neuralscribe.data;

import java.util.random.RandomGenerator;

/**
 * Random orders of {@code 0..count-1} by Fisher–Yates: position {@code i} takes a uniformly chosen
 * one of the indices not yet placed, so every order is equally likely. The draws depend only on the
 * generator, so the same seed gives the same order.
 */
public final class Permutations {
    private Permutations() {}

    /** A uniformly random permutation of {@code 0..count-1}. */
    public static int[] shuffled(int count, RandomGenerator random) {
        return firstShuffled(count, count, random);
    }

    /**
     * {@code 0..count-1} with its first {@code first} positions a uniform random draw without
     * replacement (the rest hold what was not drawn, in no useful order): the cost is
     * {@code first} draws, not {@code count}.
     */
    public static int[] firstShuffled(int count, int first, RandomGenerator random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = 0; i < Math.min(first, count - 1); i++) {
            int j = i + random.nextInt(count - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
