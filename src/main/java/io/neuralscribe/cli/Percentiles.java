package io.neuralscribe.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency percentiles, one definition for every bench: the q-th percentile of n timings is the
 * sorted value at index ⌈q·(n−1)⌉ — nearest rank, rounded up, so a high percentile never
 * under-reports — and is printed in milliseconds to the microsecond.
 */
final class Percentiles {
    private Percentiles() {}

    /** The {@code q}-th percentile ({@code 0 ≤ q ≤ 1}) of {@code values}, which stay unsorted. */
    static double of(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(q * (sorted.length - 1))];
    }

    /** {@code p50} and {@code p99} of timings in milliseconds, rounded to 0.001 ms, for a bench's JSON. */
    static Map<String, Double> medianAndTail(double[] ms) {
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("p50", Math.round(of(ms, 0.50) * 1000) / 1000.0);
        result.put("p99", Math.round(of(ms, 0.99) * 1000) / 1000.0);
        return result;
    }
}
