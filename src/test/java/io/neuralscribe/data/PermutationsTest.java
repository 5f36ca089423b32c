package io.neuralscribe.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationsTest {
    @Test
    void aShuffleHoldsEveryIndexOnceAndRepeatsWithTheSeed() {
        int[] a = Permutations.shuffled(100, new SplittableRandom(5));
        assertArrayEquals(a, Permutations.shuffled(100, new SplittableRandom(5)));
        assertArrayEquals(IntStream.range(0, 100).toArray(), Arrays.stream(a).sorted().toArray());
        assertFalse(Arrays.equals(IntStream.range(0, 100).toArray(), a), "shuffled, not left in order");
    }

    @Test
    void everyIndexIsAboutEquallyLikelyToComeFirst() {
        int[] first = new int[4];
        Random random = new Random(1);
        for (int i = 0; i < 8000; i++) {
            first[Permutations.firstShuffled(4, 1, random)[0]]++;
        }
        for (int count : first) {
            assertEquals(2000, count, 150, Arrays.toString(first));
        }
    }
}
