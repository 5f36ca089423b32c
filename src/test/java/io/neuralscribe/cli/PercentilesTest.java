package io.neuralscribe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankRoundedUpOnTheSortedTimings() {
        double[] ms = {5, 1, 4, 2, 3, 6};
        assertEquals(4, Percentiles.of(ms, 0.50), "index ⌈0.5·5⌉ = 3 of 1..6");
        assertEquals(6, Percentiles.of(ms, 0.99));
        assertEquals(1, Percentiles.of(ms, 0));
        assertArrayEquals(new double[] {5, 1, 4, 2, 3, 6}, ms, "the caller's array is left as it was");
    }

    @Test
    void medianAndTailRoundToTheMicrosecond() {
        Map<String, Double> p = Percentiles.medianAndTail(new double[] {1.23456, 2.34567, 3.45678});
        assertEquals(2.346, p.get("p50"));
        assertEquals(3.457, p.get("p99"));
    }
}
