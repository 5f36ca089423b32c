package io.neuralscribe.model;

/** The input normalization a model was trained with: {@code (pixel/255 - mean) / std}. */
public record Normalization(float mean, float std) {
    public Normalization {
        if (!(std > 0f) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException("bad normalization mean=" + mean + " std=" + std);
        }
    }

    /** Mean and standard deviation of all pixels (0–255 bytes) of {@code images}, on the [0, 1] scale. */
    public static Normalization measure(byte[] images) {
        double sum = 0;
        double sumSquares = 0;
        for (byte b : images) {
            double v = (b & 0xFF) / 255.0;
            sum += v;
            sumSquares += v * v;
        }
        double mean = sum / images.length;
        double variance = Math.max(sumSquares / images.length - mean * mean, 1e-12);
        return new Normalization((float) mean, (float) Math.sqrt(variance));
    }
}
